//! Pure calculation: agreement + what-if -> allocation, exposure against appetite.
//!
//! No I/O and no terminal: the headless `calc` and the workbench call the same functions and
//! render the same [`Allocation`], computing nothing of their own.

mod allocate;
mod break_even;
pub mod checks;
pub mod compare;
mod exposure;
pub mod forecast;
pub mod pool;
mod result;
mod review;
mod rounding;
mod share;
pub mod simulate;
pub mod sweep;
mod weights;
mod whatif;

pub use allocate::{allocate, calculate};
pub use exposure::{Exposure, exposures};
pub use result::{Allocation, Crossing, Heatmap, PartyResult, SchemeResult, ThresholdCrossed};
pub use review::{heatmap, percent_of};
pub use whatif::{Setting, WhatIf};

/// What can stop a calculation. Each message names the scheme or risk concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("{0}: the amounts are too large to calculate")]
    Overflow(String),
    #[error("scheme '{scheme}': {basis} can only share an underspend, not an overspend")]
    UnderspendOnlyBasis { scheme: String, basis: String },
}
