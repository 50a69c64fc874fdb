//! riskshare: agree and manage how the partners of a pooled health and care budget share risk
//! and benefit.

#![forbid(unsafe_code)]

pub mod cli;
pub mod engine;
pub mod export;
#[doc(hidden)]
pub mod generate;
pub mod model;
pub mod signals;
pub mod store;
pub mod tui;
