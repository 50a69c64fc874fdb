//! The allocation: each scheme's variance through contingency or reinvestment, bands, caps and
//! rounding; then the risks and benefits that sit outside the pool.

use super::rounding::{largest_remainder, pence, pence_down};
use super::weights::{Parties, normalised};
use super::{Allocation, EngineError, PartyResult, SchemeResult};
use crate::model::{Agreement, Basis, Cap, OrderedMap, Scenario, Scheme, Side, Treatment};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Shares out every scheme's variance under `scenario`, and totals each party's position.
pub fn allocate(agreement: &Agreement, scenario: &Scenario) -> Result<Allocation, EngineError> {
    let happening: HashSet<&str> = scenario.risks.iter().map(String::as_str).collect();
    let realised: HashSet<&str> = scenario.benefits.iter().map(String::as_str).collect();
    let parties: Parties = agreement
        .parties
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let position: HashMap<&str, usize> = agreement
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();

    // Step 1's additions: pooled risks that happen and shared benefits that are realised.
    let mut adjustments: HashMap<&str, Decimal> = HashMap::new();
    for risk in agreement
        .risks
        .iter()
        .filter(|r| happening.contains(r.id.as_str()))
    {
        if let (Treatment::Pooled, Some(scheme)) = (risk.treatment, risk.scheme.as_deref()) {
            let entry = adjustments.entry(scheme).or_default();
            *entry = add(*entry, risk.cost, &risk.id)?;
        }
    }
    for benefit in agreement
        .benefits
        .iter()
        .filter(|b| realised.contains(b.id.as_str()))
    {
        if let (true, Some(scheme)) = (benefit.shared, benefit.scheme.as_deref()) {
            let entry = adjustments.entry(scheme).or_default();
            *entry = add(*entry, -benefit.value, &benefit.id)?;
        }
    }

    let mut warnings = Vec::new();
    let mut schemes = Vec::with_capacity(agreement.schemes.len());
    for scheme in &agreement.schemes {
        let adjustment = adjustments
            .get(scheme.id.as_str())
            .copied()
            .unwrap_or_default();
        schemes.push(allocate_scheme(
            &parties,
            scenario,
            scheme,
            adjustment,
            &mut warnings,
        )?);
    }

    let mut totals: Vec<PartyResult> = agreement
        .parties
        .iter()
        .map(|p| PartyResult {
            id: p.id.clone(),
            ..PartyResult::default()
        })
        .collect();
    let mut credit =
        |party: &str, what: &str, amount: Decimal, field: fn(&mut PartyResult) -> &mut Decimal| {
            if let Some(&i) = position.get(party) {
                let slot = field(&mut totals[i]);
                *slot = add(*slot, amount, what)?;
            }
            Ok::<(), EngineError>(())
        };

    for result in &schemes {
        for (member, share) in result.shares.iter() {
            credit(member, &result.id, *share, |p| &mut p.pooled)?;
        }
    }

    for risk in agreement
        .risks
        .iter()
        .filter(|r| happening.contains(r.id.as_str()))
    {
        match risk.treatment {
            Treatment::Pooled if risk.scheme.is_some() => {}
            Treatment::Retained | Treatment::Pooled => {
                if risk.treatment == Treatment::Pooled {
                    warnings.push(format!(
                        "risk '{}' is pooled but names no scheme, so its owner bears it",
                        risk.id
                    ));
                }
                credit(&risk.owner, &risk.id, risk.cost, |p| &mut p.retained)?;
            }
            Treatment::ByInfluence => {
                for (party, amount) in split_by_influence(risk, &mut warnings)? {
                    credit(&party, &risk.id, amount, |p| &mut p.influence)?;
                }
            }
        }
    }

    for benefit in agreement
        .benefits
        .iter()
        .filter(|b| realised.contains(b.id.as_str()))
    {
        let pooled = benefit.shared
            && benefit
                .scheme
                .as_deref()
                .and_then(|s| agreement.scheme(s))
                .is_some();
        if !pooled {
            credit(&benefit.realised_by, &benefit.id, -benefit.value, |p| {
                &mut p.benefits
            })?;
        }
    }

    for p in &mut totals {
        p.total = [p.pooled, p.retained, p.influence, p.benefits]
            .into_iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
            .ok_or_else(|| EngineError::Overflow(format!("party '{}'", p.id)))?;
    }

    Ok(Allocation {
        schemes,
        parties: totals,
        warnings,
    })
}

fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_add(b)
        .ok_or_else(|| EngineError::Overflow(what.to_string()))
}

fn allocate_scheme(
    parties: &Parties,
    scenario: &Scenario,
    scheme: &Scheme,
    adjustment: Decimal,
    warnings: &mut Vec<String>,
) -> Result<SchemeResult, EngineError> {
    let overflow = || EngineError::Overflow(format!("scheme '{}'", scheme.id));
    let budget = scheme
        .contributions
        .values()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        .ok_or_else(overflow)?;
    let percent = scenario.variance_for(&scheme.id);
    // Step 1: the variance in pounds, to the penny, with pooled risks and shared benefits.
    let variance = pence(budget.checked_mul(percent).ok_or_else(overflow)? / Decimal::ONE_HUNDRED)
        .checked_add(adjustment)
        .ok_or_else(overflow)?;
    let members: Vec<&str> = scheme.members().collect();
    let mut result = SchemeResult {
        id: scheme.id.clone(),
        budget,
        variance_percent: percent,
        variance,
        shares: members
            .iter()
            .map(|m| (m.to_string(), Decimal::ZERO))
            .collect(),
        ..SchemeResult::default()
    };
    if variance.is_zero() {
        return Ok(result);
    }

    // Step 2: contingency or reinvestment; what remains, A, is a magnitude.
    let side = if variance > Decimal::ZERO {
        Side::Overspend
    } else {
        Side::Underspend
    };
    result.side = Some(side);
    let rule = scheme.rule(side);
    let magnitude = variance.abs();
    let to_share = match side {
        Side::Overspend => {
            result.contingency_used = magnitude.min(pence(rule.contingency.max(Decimal::ZERO)));
            magnitude - result.contingency_used
        }
        Side::Underspend => {
            let reinvest = rule.reinvest.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
            // The percent first: a fraction of at most 1 times the magnitude cannot overflow.
            result.reinvested = pence(magnitude * (reinvest / Decimal::ONE_HUNDRED));
            magnitude - result.reinvested
        }
    };

    // Step 3: the bands.
    let mut exact = vec![Decimal::ZERO; members.len()];
    let mut pooled = Decimal::ZERO;
    let mut previous = Decimal::ZERO;
    let last = rule.bands.len().saturating_sub(1);
    for (n, band) in rule.bands.iter().enumerate() {
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
        let context = format!("scheme '{}' {} band {}", scheme.id, side.label(), n + 1);
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
            rule.caps.get(m).map(|cap| match cap {
                Cap::Percent(p) => {
                    let contribution = scheme.contributions.get(m).copied().unwrap_or_default();
                    pence_down((contribution * *p / Decimal::ONE_HUNDRED).max(Decimal::ZERO))
                }
                Cap::Amount(a) => pence_down((*a).max(Decimal::ZERO)),
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
    let target = magnitude - result.contingency_used - result.reinvested - result.unallocated;
    let (rounded, left) = largest_remainder(&exact, &caps, target);
    result.unallocated += left;
    let sign = if side == Side::Overspend {
        Decimal::ONE
    } else {
        Decimal::NEGATIVE_ONE
    };
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
    Ok(result)
}

/// Splits a `ByInfluence` risk's cost by its weights, to the penny.
fn split_by_influence(
    risk: &crate::model::Risk,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, Decimal)>, EngineError> {
    let parties: Vec<&str> = risk.influence.keys().collect();
    let weights: Vec<Decimal> = risk
        .influence
        .values()
        .map(|w| (*w).max(Decimal::ZERO))
        .collect();
    let total = weights
        .iter()
        .try_fold(Decimal::ZERO, |a, w| a.checked_add(*w))
        .ok_or_else(|| EngineError::Overflow(format!("risk '{}'", risk.id)))?;
    if parties.is_empty() {
        warnings.push(format!(
            "risk '{}' is shared by influence but names no one, so its owner bears it",
            risk.id
        ));
        return Ok(vec![(risk.owner.clone(), risk.cost)]);
    }
    let exact: Vec<Decimal> = if total.is_zero() {
        warnings.push(format!(
            "risk '{}': every influence weight is 0, so it is shared equally",
            risk.id
        ));
        let n = Decimal::from(parties.len());
        vec![risk.cost.abs() / n; parties.len()]
    } else {
        weights
            .iter()
            // Each weight's share of 1 first, so the product is never more than the cost.
            .map(|w| risk.cost.abs() * (*w / total))
            .collect()
    };
    let limits = vec![None; parties.len()];
    let (rounded, _) = largest_remainder(&exact, &limits, pence(risk.cost.abs()));
    let sign = if risk.cost < Decimal::ZERO {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    };
    Ok(parties
        .into_iter()
        .zip(rounded)
        .map(|(p, r)| (p.to_string(), r * sign))
        .collect())
}
