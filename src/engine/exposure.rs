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
///
/// The allocation lists the parties in the agreement's order, so each is looked for at its own
/// place first: a search of every party for each party made this quadratic, the most of each
/// point of a sweep with a thousand parties.
pub fn exposures(agreement: &Agreement, allocation: &Allocation) -> Vec<Exposure> {
    agreement
        .parties
        .iter()
        .enumerate()
        .map(|(i, party)| {
            allocation
                .parties
                .get(i)
                .filter(|p| p.id == party.id)
                .or_else(|| allocation.party(&party.id))
        })
        .zip(&agreement.parties)
        .map(|(found, party)| match found {
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
