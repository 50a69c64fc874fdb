//! The break-even search behind [`super::sweep::break_even`]: for each party, the first point of
//! a grid of base variances at which its total passes its tolerance. It gives exactly what
//! calculating every point and taking each party's first breach gives, calculating only the
//! points that can matter:
//!
//! - A party's share of a scheme has the sign of the scheme's variance and is never more than
//!   it (the shares, the contingency used, the money netted, reinvested or unallocated add up
//!   to the variance), so no party's total is above `B(v)`: every scheme's overspend added up,
//!   plus what it bears outside the pool (retained risks, influence, benefits, which the base
//!   variance does not move). Each scheme's variance never falls as the base rises (a held
//!   scheme does not move at all), so `B` never falls either: below the first point where `B`
//!   passes some party's tolerance no party can be in breach, and a party whose tolerance `B`
//!   does not pass at the last point is never in breach. That first point is found by halving
//!   (about fifteen calculations).
//! - From there the points are calculated in order, in growing runs across the rayon pool, and
//!   the search stops once every party that can be in breach has met its first breach.

use super::sweep::{Point, at, sweep};
use super::{Allocation, EngineError, allocate};
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;

/// The first run of points calculated together; each later run is twice as long, up to
/// [`LONGEST_RUN`].
const FIRST_RUN: usize = 32;
const LONGEST_RUN: usize = 1024;

/// For each party, in the agreement's order, the first of `grid` (in increasing order) at which
/// its total passes its tolerance, or `None`.
pub fn first_breaches(
    agreement: &Agreement,
    base: &Scenario,
    grid: &[Decimal],
) -> Result<Vec<Option<Decimal>>, EngineError> {
    let parties = agreement.parties.len();
    let mut found: Vec<Option<Decimal>> = vec![None; parties];
    let (Some(first), Some(last)) = (grid.first(), grid.last()) else {
        return Ok(found);
    };
    // Both ends are calculated, so a point that cannot be calculated there is reported.
    allocate(agreement, &at(base, *first))?;
    let can = can_breach(&allocate(agreement, &at(base, *last))?);
    if !can.iter().any(|c| *c) {
        return Ok(found);
    }
    // The first point at which some party could be in breach: `B` never falls, so halve.
    let (mut low, mut high) = (0, grid.len() - 1);
    while low < high {
        let middle = low + (high - low) / 2;
        let at_middle = allocate(agreement, &at(base, grid[middle]))?;
        if can_breach(&at_middle).iter().any(|c| *c) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let mut next = low;
    let mut run = FIRST_RUN;
    let waiting = |found: &[Option<Decimal>]| (0..parties).any(|i| can[i] && found[i].is_none());
    while next < grid.len() && waiting(&found) {
        let end = (next + run).min(grid.len());
        let points: Vec<Point> = sweep(agreement, base, &grid[next..end])?;
        for (i, slot) in found.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = points
                    .iter()
                    .find(|p| p.parties.get(i).is_some_and(|e| e.breach))
                    .map(|p| p.variance);
            }
        }
        next = end;
        run = (run * 2).min(LONGEST_RUN);
    }
    Ok(found)
}

/// For each party: whether `B` (every scheme's overspend plus what it bears outside the pool)
/// passes its tolerance in this allocation, so that it could be in breach here or further on.
fn can_breach(allocation: &Allocation) -> Vec<bool> {
    let overspends: Decimal = allocation
        .schemes
        .iter()
        .map(|s| s.variance.max(Decimal::ZERO))
        .sum();
    allocation
        .parties
        .iter()
        .map(|p| overspends + p.retained + p.influence + p.benefits > p.tolerance)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::sweep::{self, grid};
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("the example loads")
    }

    /// Every point calculated, each party's first breach taken.
    fn every_point(a: &Agreement, base: &Scenario, grid: &[Decimal]) -> Vec<Option<Decimal>> {
        let points = sweep::sweep(a, base, grid).expect("calculates");
        sweep::first_breaches(a.parties.len(), &points)
    }

    #[test]
    fn the_search_finds_what_calculating_every_point_finds() {
        let mut a = anytown();
        let g = grid(Decimal::from(-100), Decimal::from(100), Decimal::new(25, 2));
        let mut bases = vec![Scenario::default()];
        bases.extend(a.scenarios.clone());
        for base in &bases {
            assert_eq!(
                first_breaches(&a, base, &g).expect("calculates"),
                every_point(&a, base, &g),
                "{}",
                base.name
            );
        }
        // A tolerance below 0 is passed as soon as the party saves nothing; a huge one never.
        a.parties[0].loss_tolerance = Some(Decimal::from(-1));
        a.parties[1].loss_tolerance = Some(Decimal::from(1_000_000_000));
        let base = Scenario::default();
        let found = first_breaches(&a, &base, &g).expect("calculates");
        assert_eq!(found, every_point(&a, &base, &g));
        assert_eq!(found[0], Some(Decimal::ZERO));
        assert_eq!(found[1], None);
    }
}
