//! Each party's exposure against its appetite, as the allocation already gives it.

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

/// Every party's exposure, in the agreement's order: the allocation's figures with the party's
/// appetite beside them (a party the allocation lacks stands at 0 against its tolerance).
pub fn exposures(agreement: &Agreement, allocation: &Allocation) -> Vec<Exposure> {
    agreement
        .parties
        .iter()
        .map(|party| match allocation.party(&party.id) {
            Some(p) => Exposure {
                id: party.id.clone(),
                appetite: party.appetite,
                max_score: party.appetite.max_score(),
                tolerance: p.tolerance,
                total: p.total,
                headroom: p.headroom,
                breach: p.breach,
            },
            None => {
                let tolerance = agreement.loss_tolerance(party);
                Exposure {
                    id: party.id.clone(),
                    appetite: party.appetite,
                    max_score: party.appetite.max_score(),
                    tolerance,
                    total: Decimal::ZERO,
                    headroom: tolerance,
                    breach: tolerance < Decimal::ZERO,
                }
            }
        })
        .collect()
}
