//! The agreement as data: parties, schemes and their rules, risks, benefits and scenarios.
//!
//! Plain serde types in the file's own words. No I/O and no terminal here.

mod agreement;
pub mod changes;
pub mod log;
pub mod map;
pub mod money;
mod party;
mod risk;
mod scheme;
pub mod text;

pub use agreement::{Agreement, FORMAT, Pool, ReviewThreshold, Scenario};
pub use log::LogEntry;
pub use map::OrderedMap;
pub use party::{Appetite, Constraint, Party, PartyKind};
pub use risk::{
    Benefit, Boundary, CostRange, Residual, Risk, ScoreBand, ScoreBands, Status, Treatment,
    default_probability, review_date,
};
pub use scheme::{Band, Basis, BlendPart, Cap, Quarter, Rule, Scheme, Side, Threshold};

/// The example agreement, built into the binary.
pub const EXAMPLE_RON: &str = include_str!("../../assets/anytown.ron");
