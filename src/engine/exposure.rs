//! Each party's exposure against its appetite in a scenario.

use super::Allocation;
use crate::model::{Agreement, Appetite};
use rust_decimal::Decimal;

/// A party's position against its tolerance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    pub id: String,
    pub appetite: Appetite,
    /// Highest acceptable residual risk score.
    pub max_score: u8,
    /// Pounds it will bear before it is in breach.
    pub tolerance: Decimal,
    /// Its total in the scenario (positive is a cost).
    pub total: Decimal,
    /// Tolerance minus total: how much more it could bear.
    pub headroom: Decimal,
    pub breach: bool,
}

/// Every party's exposure, in the agreement's order.
pub fn exposures(agreement: &Agreement, allocation: &Allocation) -> Vec<Exposure> {
    agreement
        .parties
        .iter()
        .map(|party| {
            let tolerance = agreement.loss_tolerance(party);
            let total = allocation
                .party(&party.id)
                .map(|p| p.total)
                .unwrap_or_default();
            Exposure {
                id: party.id.clone(),
                appetite: party.appetite,
                max_score: party.appetite.max_score(),
                tolerance,
                total,
                headroom: tolerance - total,
                breach: total > tolerance,
            }
        })
        .collect()
}
