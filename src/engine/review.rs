//! The figures read off an allocation for review: each party against its tolerance and caps,
//! the pool's variance, the review thresholds crossed and the heatmap's counts.

use super::rounding::pence;
use super::{
    Allocation, Crossing, EngineError, Heatmap, PartyResult, SchemeResult, ThresholdCrossed,
};
use crate::model::{Agreement, Party};
use rust_decimal::{Decimal, RoundingStrategy};

/// A variance over a budget x 100, rounded half-even to two decimals; 0 when the budget is 0.
pub fn percent_of(variance: Decimal, budget: Decimal) -> Decimal {
    exact_percent(variance, budget)
        .map(|p| p.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven))
        .unwrap_or_default()
}

/// A variance over a budget x 100, unrounded; `None` when the budget is 0.
fn exact_percent(variance: Decimal, budget: Decimal) -> Option<Decimal> {
    if budget.is_zero() {
        return None;
    }
    variance
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|v| v.checked_div(budget))
        .or_else(|| {
            variance
                .checked_div(budget)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        })
}

/// Fills a party's tolerance, headroom, breach, percent of contribution and caps, once its
/// total is known.
/// `p.contribution` is already added up. `schemes` are the schemes whose shares name the party
/// (any others are passed over), in the agreement's order.
pub fn position<'a>(
    party: &Party,
    schemes: impl IntoIterator<Item = &'a SchemeResult>,
    p: &mut PartyResult,
) {
    p.tolerance = Agreement::tolerance_of(party, p.contribution);
    p.headroom = p.tolerance.saturating_sub(p.total);
    p.breach = p.total > p.tolerance;
    p.percent_of_contribution = exact_percent(p.total, p.contribution);
    let mut limit = Some(Decimal::ZERO);
    let mut any = false;
    for scheme in schemes {
        if scheme.side.is_none() || !scheme.shares.contains_key(&party.id) {
            continue;
        }
        any = true;
        match scheme.caps.get(&party.id) {
            Some(cap) => limit = limit.and_then(|l| l.checked_add(*cap * scheme.sign())),
            None => limit = None,
        }
        if scheme.at_cap(&party.id) {
            p.at_cap.push(scheme.id.clone());
        }
    }
    p.cap_limit = limit.filter(|_| any);
}

/// The pool's variance and budget, and the review thresholds crossed, each with where.
pub fn pool_figures(agreement: &Agreement, allocation: &mut Allocation) -> Result<(), EngineError> {
    let overflow = || EngineError::Overflow("the pool".to_string());
    let mut variance = Decimal::ZERO;
    let mut budget = Decimal::ZERO;
    for s in &allocation.schemes {
        variance = variance.checked_add(s.variance).ok_or_else(overflow)?;
        budget = budget.checked_add(s.budget).ok_or_else(overflow)?;
    }
    allocation.variance = pence(variance);
    allocation.budget = budget;
    allocation.variance_percent = percent_of(variance, budget);
    let pool = exact_percent(variance, budget);
    let schemes: Vec<Option<Decimal>> = allocation
        .schemes
        .iter()
        .map(|s| exact_percent(s.variance, s.budget))
        .collect();
    for t in &agreement.review_thresholds {
        let crosses = |percent: Option<Decimal>| {
            percent.is_some_and(|p| {
                (t.at > Decimal::ZERO && p >= t.at) || (t.at < Decimal::ZERO && p <= t.at)
            })
        };
        let mut crossed_by = Vec::new();
        if crosses(pool) {
            crossed_by.push(Crossing::Pool);
        }
        for (s, percent) in allocation.schemes.iter().zip(&schemes) {
            if crosses(*percent) {
                crossed_by.push(Crossing::Scheme(s.id.clone()));
            }
        }
        if !crossed_by.is_empty() {
            allocation.thresholds.push(ThresholdCrossed {
                at: t.at,
                action: t.action.clone(),
                crossed_by,
            });
        }
    }
    Ok(())
}

/// Open risks counted in each cell of the 5x5 matrix, inherent and residual.
pub fn heatmap(agreement: &Agreement) -> Heatmap {
    let mut map = Heatmap::default();
    for r in agreement.risks.iter().filter(|r| r.is_open()) {
        let inherent = (r.likelihood, r.impact);
        for (grid, (l, i)) in [
            (&mut map.inherent, inherent),
            (&mut map.residual, r.residual_position()),
        ] {
            if (1..=5).contains(&l) && (1..=5).contains(&i) {
                grid[usize::from(l - 1)][usize::from(i - 1)] += 1;
            }
        }
    }
    map
}
