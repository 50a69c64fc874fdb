//! Break-even points for the report: for each party, the lowest base variance (no risks
//! happening) at which its total passes its loss tolerance, to 0.01 of a point, within the
//! sweep's -10% to +10%. Every figure comes from the engine's `calculate` and its `breach`.
//!
//! The whole-percent sweep finds the first point in breach; the point before it is then
//! searched by hundredths. A breach that begins and ends between two whole percents is not
//! seen: totals bend at caps and bands, but rarely turn back within one point.

use super::super::Failure;
use crate::engine::{Allocation, WhatIf, calculate};
use crate::model::Agreement;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Per party in the agreement's order: its break-even variance, or `None` when it stays within
/// its tolerance from `percents`' first to last point. The first point itself when it is
/// already in breach there.
pub fn break_even(
    agreement: &Agreement,
    percents: &[Decimal],
    sweep: &[Allocation],
) -> Result<Vec<Option<Decimal>>, Failure> {
    let mut cache: HashMap<Decimal, Allocation> = HashMap::new();
    let mut found = Vec::with_capacity(agreement.parties.len());
    let hundredth = Decimal::new(1, 2);
    for (i, _) in agreement.parties.iter().enumerate() {
        let breach = |a: &Allocation| a.parties.get(i).is_some_and(|p| p.breach);
        let Some(k) = sweep.iter().position(breach) else {
            found.push(None);
            continue;
        };
        if k == 0 {
            found.push(Some(percents[0]));
            continue;
        }
        let mut at = percents[k - 1] + hundredth;
        let mut first = percents[k];
        while at < percents[k] {
            let allocation = match cache.entry(at) {
                Entry::Occupied(found) => found.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(calculate(agreement, &WhatIf::at(at)).map_err(|e| {
                        Failure::error(format!("the break-even search cannot calculate {at}%: {e}"))
                    })?)
                }
            };
            if breach(allocation) {
                first = at;
                break;
            }
            at += hundredth;
        }
        found.push(Some(first.normalize()));
    }
    Ok(found)
}
