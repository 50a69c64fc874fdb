//! The pool step: before any scheme's own rule, an overspend is met first from underspends
//! elsewhere in the pool (netting), then from the pool's contingency.
//!
//! Each side is split to pence by largest remainder (ties to the scheme listed first), so the
//! netted overspends and the netted underspends each add up to the amount netted exactly.

use super::EngineError;
use super::rounding::{largest_remainder, pence};
use crate::model::Pool;
use rust_decimal::Decimal;

/// Per scheme, in the order given: what netting met and what the pool's contingency absorbed,
/// both magnitudes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PoolStep {
    pub netted: Vec<Decimal>,
    pub contingency_used: Vec<Decimal>,
}

/// Runs the pool step over the schemes' variances (in pounds, to the penny, signed).
pub fn settle(pool: Option<&Pool>, variances: &[Decimal]) -> Result<PoolStep, EngineError> {
    let n = variances.len();
    let mut step = PoolStep {
        netted: vec![Decimal::ZERO; n],
        contingency_used: vec![Decimal::ZERO; n],
    };
    let Some(pool) = pool else {
        return Ok(step);
    };
    let overspends: Vec<usize> = (0..n).filter(|&i| variances[i] > Decimal::ZERO).collect();
    if pool.netting {
        let underspends: Vec<usize> = (0..n).filter(|&i| variances[i] < Decimal::ZERO).collect();
        let over: Vec<Decimal> = overspends.iter().map(|&i| variances[i]).collect();
        let under: Vec<Decimal> = underspends.iter().map(|&i| variances[i].abs()).collect();
        let o = total(&over)?;
        let u = total(&under)?;
        let netted = o.min(u);
        if !netted.is_zero() {
            for (side, amounts) in [(&overspends, &over), (&underspends, &under)] {
                for (&i, part) in side.iter().zip(split(netted, amounts)?) {
                    step.netted[i] = part;
                }
            }
        }
    }
    let left: Vec<Decimal> = overspends
        .iter()
        .map(|&i| variances[i] - step.netted[i])
        .collect();
    let used = total(&left)?.min(pence(pool.contingency.max(Decimal::ZERO)));
    if !used.is_zero() {
        for (&i, part) in overspends.iter().zip(split(used, &left)?) {
            step.contingency_used[i] = part;
        }
    }
    Ok(step)
}

fn total(amounts: &[Decimal]) -> Result<Decimal, EngineError> {
    amounts
        .iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        .ok_or_else(|| EngineError::Overflow("the pool".to_string()))
}

/// Splits `amount` (at most their sum) over `weights` in proportion, to pence by largest
/// remainder; no part passes its weight.
fn split(amount: Decimal, weights: &[Decimal]) -> Result<Vec<Decimal>, EngineError> {
    let sum = total(weights)?;
    if sum.is_zero() {
        return Ok(vec![Decimal::ZERO; weights.len()]);
    }
    let exact: Vec<Decimal> = weights
        .iter()
        .map(|w| {
            // Exactly where the product fits; else the fraction first, which cannot overflow.
            amount
                .checked_mul(*w)
                .and_then(|p| p.checked_div(sum))
                .unwrap_or_else(|| amount * (*w / sum))
        })
        .collect();
    let limits: Vec<Option<Decimal>> = weights.iter().map(|w| Some(*w)).collect();
    Ok(largest_remainder(&exact, &limits, amount).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn pool(netting: bool, contingency: &str) -> Pool {
        Pool {
            netting,
            contingency: d(contingency),
        }
    }

    #[test]
    fn no_pool_changes_nothing() {
        let step = settle(None, &[d("100"), d("-50")]).unwrap();
        assert_eq!(step.netted, vec![Decimal::ZERO; 2]);
        assert_eq!(step.contingency_used, vec![Decimal::ZERO; 2]);
    }

    #[test]
    fn an_underspend_meets_an_overspend_then_the_contingency_takes_what_is_left() {
        let step = settle(
            Some(&pool(true, "100000")),
            &[d("360000"), d("-200000"), Decimal::ZERO],
        )
        .unwrap();
        assert_eq!(step.netted, vec![d("200000"), d("200000"), Decimal::ZERO]);
        assert_eq!(
            step.contingency_used,
            vec![d("100000"), Decimal::ZERO, Decimal::ZERO]
        );
    }

    #[test]
    fn the_contingency_is_split_by_what_is_left_to_the_penny() {
        let step = settle(
            Some(&pool(false, "100000")),
            &[d("360000"), d("150000"), d("30000")],
        )
        .unwrap();
        assert_eq!(
            step.contingency_used,
            vec![d("66666.67"), d("27777.78"), d("5555.55")]
        );
    }

    #[test]
    fn ties_go_to_the_scheme_listed_first() {
        let step = settle(Some(&pool(true, "0")), &[d("1"), d("1"), d("-0.01")]).unwrap();
        assert_eq!(step.netted, vec![d("0.01"), Decimal::ZERO, d("0.01")]);
    }
}
