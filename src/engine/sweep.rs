//! Exposure curves and break-even points: each party's total as the base variance moves, with
//! every scheme that holds its own setting held, through the real allocation at every point.

use super::{EngineError, Exposure, allocate, exposures};
use crate::model::{Agreement, Scenario};
use rayon::prelude::*;
use rust_decimal::Decimal;

/// The lowest and highest base variance the break-even search looks at, in percent.
pub const SEARCH_FROM: Decimal = Decimal::from_parts(100, 0, 0, true, 0);
pub const SEARCH_TO: Decimal = Decimal::from_parts(100, 0, 0, false, 0);
/// The resolution of a break-even point: 0.01 of a point.
pub const RESOLUTION: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// One point of the curves: the base variance and each party's exposure there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub variance: Decimal,
    /// In the agreement's order, from the engine: total, tolerance, headroom, breach.
    pub parties: Vec<Exposure>,
}

/// The what-if at a base variance: the base scenario's risks, benefits and held schemes, with
/// the base variance moved to `variance`.
pub fn at(base: &Scenario, variance: Decimal) -> Scenario {
    Scenario {
        variance,
        ..base.clone()
    }
}

/// The base variances from `from` to `to` (inclusive when a step lands on it) by `step`.
pub fn grid(from: Decimal, to: Decimal, step: Decimal) -> Vec<Decimal> {
    let mut points = Vec::new();
    if step <= Decimal::ZERO {
        return points;
    }
    let mut i: i64 = 0;
    while let Some(x) = Decimal::from(i)
        .checked_mul(step)
        .and_then(|d| from.checked_add(d))
        .filter(|x| *x <= to)
    {
        points.push(x);
        i += 1;
    }
    points
}

/// Every party's exposure at one base variance.
pub fn point(
    agreement: &Agreement,
    base: &Scenario,
    variance: Decimal,
) -> Result<Point, EngineError> {
    let allocation = allocate(agreement, &at(base, variance))?;
    Ok(Point {
        variance,
        parties: exposures(agreement, &allocation),
    })
}

/// The curves over `variances`, computed across the rayon pool, in order.
pub fn sweep(
    agreement: &Agreement,
    base: &Scenario,
    variances: &[Decimal],
) -> Result<Vec<Point>, EngineError> {
    variances
        .par_iter()
        .map(|v| point(agreement, base, *v))
        .collect()
}

/// For each party, in the agreement's order, the smallest base variance from -100 to +100 in
/// steps of 0.01 at which its total passes its tolerance (the engine's `breach`), or `None`.
///
/// A party's total need not rise with the variance (caps, bands and contingencies bend it, and
/// a held scheme or a saving elsewhere can make it fall), so the search does not bisect the
/// totals: it gives exactly the first breach of each party among the 20,001 points, calculating
/// only those that can hold one (`engine::break_even`).
pub fn break_even(
    agreement: &Agreement,
    base: &Scenario,
) -> Result<Vec<Option<Decimal>>, EngineError> {
    super::break_even::first_breaches(agreement, base, &grid(SEARCH_FROM, SEARCH_TO, RESOLUTION))
}

/// The first point of each party's breach in a run of points.
pub fn first_breaches(parties: usize, points: &[Point]) -> Vec<Option<Decimal>> {
    (0..parties)
        .map(|i| {
            points
                .iter()
                .find(|p| p.parties.get(i).is_some_and(|e| e.breach))
                .map(|p| p.variance)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_includes_both_ends_when_the_step_lands_on_them() {
        let g = grid(Decimal::from(-1), Decimal::ONE, Decimal::new(5, 1));
        assert_eq!(g.len(), 5);
        assert_eq!(g[0], Decimal::from(-1));
        assert_eq!(g[4], Decimal::ONE);
        let g = grid(Decimal::ZERO, Decimal::ONE, Decimal::new(3, 1));
        assert_eq!(g.last(), Some(&Decimal::new(9, 1)));
        assert!(grid(Decimal::ZERO, Decimal::ONE, Decimal::ZERO).is_empty());
        assert_eq!(grid(SEARCH_FROM, SEARCH_TO, RESOLUTION).len(), 20_001);
    }
}
