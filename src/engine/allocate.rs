//! The allocation: each scheme's variance (step 1), the pool step, each scheme's own rule; then
//! the risks and benefits that sit outside the pool, and each party's position.

use super::rounding::{largest_remainder, pence};
use super::weights::Parties;
use super::whatif::{Setting, WhatIf};
use super::{Allocation, EngineError, PartyResult, SchemeResult, pool, review, share};
use crate::model::{Agreement, Scenario, Treatment};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Shares out every scheme's variance under a named scenario (its `variance` the base, its
/// `schemes` and `amounts` held): [`calculate`] with [`WhatIf::from_scenario`].
pub fn allocate(agreement: &Agreement, scenario: &Scenario) -> Result<Allocation, EngineError> {
    calculate(agreement, &WhatIf::from_scenario(scenario))
}

/// Everything the command line and the workbench show for one what-if: every scheme's variance
/// and how it was shared, every party's position against its tolerance, the review thresholds
/// crossed and the heatmap's counts.
pub fn calculate(agreement: &Agreement, what_if: &WhatIf) -> Result<Allocation, EngineError> {
    let happening: HashSet<&str> = what_if.risks.iter().map(String::as_str).collect();
    let realised: HashSet<&str> = what_if.benefits.iter().map(String::as_str).collect();
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
        schemes.push(variance(scheme, what_if, adjustment)?);
    }
    let variances: Vec<Decimal> = schemes.iter().map(|s| s.variance).collect();
    let step = pool::settle(agreement.pool.as_ref(), &variances)?;
    for ((result, scheme), (netted, used)) in schemes
        .iter_mut()
        .zip(&agreement.schemes)
        .zip(step.netted.into_iter().zip(step.contingency_used))
    {
        result.netted = netted;
        result.pool_contingency_used = used;
        share::share(&parties, scheme, result, &mut warnings)?;
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

    for (result, scheme) in schemes.iter().zip(&agreement.schemes) {
        for (member, share) in result.shares.iter() {
            credit(member, &result.id, *share, |p| &mut p.pooled)?;
        }
        for (member, pounds) in scheme.contributions.iter() {
            credit(member, &scheme.id, *pounds, |p| &mut p.contribution)?;
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

    // The schemes whose shares name each party, so that placing a party against its caps looks
    // at its own few schemes, not at every scheme (a thousand parties in hundreds of schemes).
    let mut memberships: Vec<Vec<usize>> = vec![Vec::new(); agreement.parties.len()];
    for (s, result) in schemes.iter().enumerate() {
        for (member, _) in result.shares.iter() {
            if let Some(&i) = position.get(member) {
                memberships[i].push(s);
            }
        }
    }
    for ((p, party), member_of) in totals.iter_mut().zip(&agreement.parties).zip(&memberships) {
        p.total = [p.pooled, p.retained, p.influence, p.benefits]
            .into_iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
            .ok_or_else(|| EngineError::Overflow(format!("party '{}'", p.id)))?;
        review::position(party, member_of.iter().map(|&s| &schemes[s]), p);
    }

    let mut allocation = Allocation {
        schemes,
        parties: totals,
        warnings,
        ..Allocation::default()
    };
    review::pool_figures(agreement, &mut allocation)?;
    allocation.heatmap = review::heatmap(agreement);
    Ok(allocation)
}

/// Step 1: a scheme's variance in pounds, to the penny, from its setting, plus pooled risks
/// and minus shared benefits.
fn variance(
    scheme: &crate::model::Scheme,
    what_if: &WhatIf,
    adjustment: Decimal,
) -> Result<SchemeResult, EngineError> {
    let overflow = || EngineError::Overflow(format!("scheme '{}'", scheme.id));
    let budget = scheme
        .contributions
        .values()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        .ok_or_else(overflow)?;
    let setting = what_if.setting(&scheme.id);
    let from_setting = match setting {
        Setting::Percent(p) => {
            pence(budget.checked_mul(p).ok_or_else(overflow)? / Decimal::ONE_HUNDRED)
        }
        Setting::Amount(a) => a,
    };
    let variance = from_setting.checked_add(adjustment).ok_or_else(overflow)?;
    Ok(SchemeResult {
        id: scheme.id.clone(),
        budget,
        variance_percent: review::percent_of(variance, budget),
        variance,
        setting,
        held: what_if.is_held(&scheme.id),
        from_setting,
        from_risks_and_benefits: adjustment,
        ..SchemeResult::default()
    })
}

fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_add(b)
        .ok_or_else(|| EngineError::Overflow(what.to_string()))
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
