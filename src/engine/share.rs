//! One scheme's own rule, once the pool step is done: contingency or reinvestment, the
//! threshold, the bands, the caps and the rounding (steps 2 to 5).

use super::rounding::{largest_remainder, pence, pence_down};
use super::weights::{Parties, normalised};
use super::{EngineError, SchemeResult};
use crate::model::{Band, Basis, Cap, OrderedMap, Scheme, Side};
use rust_decimal::Decimal;

/// Shares what is left of `result.variance` after the pool step (`result.netted` and
/// `result.pool_contingency_used` already set) by the scheme's rule for its side.
pub fn share(
    parties: &Parties,
    scheme: &Scheme,
    result: &mut SchemeResult,
    warnings: &mut Vec<String>,
) -> Result<(), EngineError> {
    let overflow = || EngineError::Overflow(format!("scheme '{}'", scheme.id));
    let members: Vec<&str> = scheme.members().collect();
    result.shares = members
        .iter()
        .map(|m| (m.to_string(), Decimal::ZERO))
        .collect();
    let variance = result.variance;
    if variance.is_zero() {
        return Ok(());
    }
    let budget = result.budget;
    let side = if variance > Decimal::ZERO {
        Side::Overspend
    } else {
        Side::Underspend
    };
    result.side = Some(side);
    let rule = scheme.rule(side);
    // What reaches the rule: the variance after the pool step, a magnitude.
    let reaching = variance.abs() - result.netted - result.pool_contingency_used;

    // Step 2: contingency or reinvestment; what remains, A, is a magnitude.
    let to_share = match side {
        Side::Overspend => {
            result.contingency_used = reaching.min(pence(rule.contingency.max(Decimal::ZERO)));
            reaching - result.contingency_used
        }
        Side::Underspend => {
            let reinvest = rule.reinvest.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
            // The percent first: a fraction of at most 1 times the magnitude cannot overflow.
            result.reinvested = pence(reaching * (reinvest / Decimal::ONE_HUNDRED));
            reaching - result.reinvested
        }
    };

    // Step 3: below the threshold its basis shares it all; at or above, the bands do.
    let single;
    let bands: &[Band] = match &rule.threshold {
        Some(t) if !reaching.is_zero() => {
            let minimum = budget.checked_mul(t.at).ok_or_else(overflow)? / Decimal::ONE_HUNDRED;
            let met = reaching >= minimum;
            result.threshold_met = Some(met);
            if met {
                &rule.bands
            } else {
                single = [Band {
                    up_to: None,
                    basis: t.basis.clone(),
                }];
                &single
            }
        }
        _ => &rule.bands,
    };
    let mut exact = vec![Decimal::ZERO; members.len()];
    let mut pooled = Decimal::ZERO;
    let mut previous = Decimal::ZERO;
    let last = bands.len().saturating_sub(1);
    for (n, band) in bands.iter().enumerate() {
        let threshold = match band.up_to {
            Some(up_to) if n < last => {
                budget.checked_mul(up_to).ok_or_else(overflow)? / Decimal::ONE_HUNDRED
            }
            _ => to_share,
        }
        .max(previous);
        let amount = to_share.min(threshold) - previous.min(to_share);
        previous = threshold;
        if amount <= Decimal::ZERO {
            continue;
        }
        if band.basis.underspend_only() && side == Side::Overspend {
            return Err(EngineError::UnderspendOnlyBasis {
                scheme: scheme.id.clone(),
                basis: band.basis.label(),
            });
        }
        if band.basis == Basis::Pool {
            pooled += amount;
            continue;
        }
        let context = if result.threshold_met == Some(false) {
            format!("scheme '{}' {} threshold", scheme.id, side.label())
        } else {
            format!("scheme '{}' {} band {}", scheme.id, side.label(), n + 1)
        };
        let weights = normalised(
            parties,
            scheme,
            side,
            &band.basis,
            &members,
            &context,
            warnings,
        );
        for (e, w) in exact.iter_mut().zip(weights) {
            *e += amount * w;
        }
    }

    // Step 4: caps, with the excess shared over the members still under theirs.
    let caps: Vec<Option<Decimal>> = members
        .iter()
        .map(|m| {
            rule.caps.get(m).map(|cap| {
                let pounds = match cap {
                    Cap::Percent(p) => {
                        let contribution = scheme.contributions.get(m).copied().unwrap_or_default();
                        contribution * *p / Decimal::ONE_HUNDRED
                    }
                    Cap::BudgetPercent(p) => budget * (*p / Decimal::ONE_HUNDRED),
                    Cap::Amount(a) => *a,
                };
                pence_down(pounds.max(Decimal::ZERO))
            })
        })
        .collect();
    let mut unallocated = Decimal::ZERO;
    // A pass that moves an excess puts every receiver that went over at its cap, where it stays;
    // so the passes end, and the last one only sweeps what is left into `unallocated`.
    for pass in 0..=members.len() + 1 {
        let mut excess = Decimal::ZERO;
        for (e, cap) in exact.iter_mut().zip(&caps) {
            if let Some(cap) = cap
                && *e > *cap
            {
                excess += *e - *cap;
                *e = *cap;
            }
        }
        if excess.is_zero() {
            break;
        }
        let under: Vec<usize> = (0..members.len())
            .filter(|&i| caps[i].is_none_or(|cap| exact[i] < cap))
            .collect();
        if under.is_empty() || pass > members.len() {
            unallocated += excess;
            break;
        }
        let names: Vec<&str> = under.iter().map(|&i| members[i]).collect();
        let context = format!("scheme '{}' {} redistribution", scheme.id, side.label());
        let weights = normalised(
            parties,
            scheme,
            side,
            &rule.redistribute,
            &names,
            &context,
            warnings,
        );
        for (&i, w) in under.iter().zip(weights) {
            exact[i] += excess * w;
        }
    }

    // Step 5: pence, once, by largest remainder.
    result.reinvested += pence(pooled);
    result.unallocated = pence(unallocated);
    let target = reaching - result.contingency_used - result.reinvested - result.unallocated;
    let (rounded, left) = largest_remainder(&exact, &caps, target);
    result.unallocated += left;
    let sign = result.sign();
    result.shares = members
        .iter()
        .zip(rounded)
        .map(|(m, r)| (m.to_string(), r * sign))
        .collect();
    result.caps = members
        .iter()
        .zip(&caps)
        .filter_map(|(m, c)| c.map(|c| (m.to_string(), c)))
        .collect::<OrderedMap<Decimal>>();
    if !result.unallocated.is_zero() {
        warnings.push(format!(
            "scheme '{}': £{} of the {} is unallocated because every member is at its cap; the \
             agreement's arbitration route decides who bears it",
            scheme.id,
            crate::model::money::grouped(&format!("{:.2}", result.unallocated)),
            side.label()
        ));
    }
    Ok(())
}
