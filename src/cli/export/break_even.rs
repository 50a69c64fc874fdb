//! Break-even points for the report: for each party, the lowest base variance (no risks
//! happening) at which its total passes its loss tolerance, to 0.01 of a point, within the
//! sweep's -10% to +10%. Every figure comes from the engine's `calculate` and its `breach`.
//!
//! The whole-percent sweep finds the first point in breach; the point before it is then halved
//! down to a hundredth (seven calculations). Where a total turns back within that one point (it
//! can bend at caps and bands) the halving finds a place where breach begins, not necessarily
//! the first; a breach that begins and ends between two whole percents is not seen.

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
        // Halve the point before the first whole percent in breach, in hundredths: `low` is
        // never in breach, `high` always is.
        let (mut low, mut high) = (percents[k - 1], percents[k]);
        while high - low > hundredth {
            let middle = (low + (high - low) / Decimal::TWO).round_dp(2);
            let middle = if middle <= low {
                low + hundredth
            } else {
                middle
            };
            let allocation = match cache.entry(middle) {
                Entry::Occupied(found) => found.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(calculate(agreement, &WhatIf::at(middle)).map_err(|e| {
                        Failure::error(format!(
                            "the break-even search cannot calculate {middle}%: {e}"
                        ))
                    })?)
                }
            };
            if breach(allocation) {
                high = middle;
            } else {
                low = middle;
            }
        }
        let first = high;
        found.push(Some(first.normalize()));
    }
    Ok(found)
}
