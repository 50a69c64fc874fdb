//! The break-even search behind [`super::sweep::break_even`]: for each party, the first point of
//! a grid of base variances at which its total passes its tolerance. It gives exactly what
//! calculating every point and taking each party's first breach gives, calculating only the
//! points that can matter:
//!
//! - A party's share of a scheme has the sign of the scheme's variance and is never more than
//!   it (the shares, the contingency used, the money netted, reinvested or unallocated add up
//!   to the variance), and only a scheme's members share it, so no party's total is above
//!   `B(v)`: the overspend of every scheme it is a member of added up, plus what it bears outside the pool (retained risks, influence, benefits, which the base
//!   variance does not move). Each scheme's variance never falls as the base rises (a held
//!   scheme does not move at all), so `B` never falls either: below the first point where `B`
//!   passes some party's tolerance no party can be in breach, and a party whose tolerance `B`
//!   does not pass at the last point is never in breach. That first point is found by halving
//!   (about fifteen calculations).
//! - From there the points are calculated in order, in growing runs across the rayon pool, and
//!   the search stops once every party that can be in breach has met its first breach.

use super::sweep::at;
use super::{Allocation, EngineError, allocate, exposures};
use crate::model::{Agreement, Scenario};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

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
        // Only whether each party is in breach is kept of each point (the engine's `breach`,
        // as `exposures` copies it): with a thousand parties, copying every figure of every
        // party at every point was most of the search.
        let points: Vec<(Decimal, Vec<bool>)> = grid[next..end]
            .par_iter()
            .map(|v| {
                let allocation = allocate(agreement, &at(base, *v))?;
                Ok((*v, breaches(agreement, &allocation)))
            })
            .collect::<Result<_, EngineError>>()?;
        for (i, slot) in found.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = points
                    .iter()
                    .find(|(_, breach)| breach.get(i).is_some_and(|b| *b))
                    .map(|(v, _)| *v);
            }
        }
        next = end;
        run = (run * 2).min(LONGEST_RUN);
    }
    Ok(found)
}

/// Each party's `breach` in an allocation, in the agreement's order, as `exposures` gives it.
fn breaches(agreement: &Agreement, allocation: &Allocation) -> Vec<bool> {
    if allocation.parties.len() == agreement.parties.len()
        && allocation
            .parties
            .iter()
            .zip(&agreement.parties)
            .all(|(p, party)| p.id == party.id)
    {
        allocation.parties.iter().map(|p| p.breach).collect()
    } else {
        exposures(agreement, allocation)
            .iter()
            .map(|e| e.breach)
            .collect()
    }
}

/// For each party: whether `B` (the overspend of every scheme it is a member of, plus what it
/// bears outside the pool) passes its tolerance in this allocation, so that it could be in
/// breach here or further on. Only a scheme's members share its variance, so a party in no
/// overspent scheme is bounded by what it bears outside the pool alone: with a thousand parties
/// most are in few schemes, and counting every scheme's overspend for each kept the search
/// calculating every point for parties that could never be in breach.
fn can_breach(allocation: &Allocation) -> Vec<bool> {
    let mut overspends: HashMap<&str, Decimal> = HashMap::new();
    for scheme in allocation
        .schemes
        .iter()
        .filter(|s| s.variance > Decimal::ZERO)
    {
        for (member, _) in scheme.shares.iter() {
            let sum = overspends.entry(member).or_default();
            // Too large to add up is above any tolerance: still an upper bound.
            *sum = sum.checked_add(scheme.variance).unwrap_or(Decimal::MAX);
        }
    }
    allocation
        .parties
        .iter()
        .map(|p| {
            let own = overspends.get(p.id.as_str()).copied().unwrap_or_default();
            [p.retained, p.influence, p.benefits]
                .into_iter()
                .try_fold(own, |a, b| a.checked_add(b))
                .is_none_or(|bound| bound > p.tolerance)
        })
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

    #[test]
    fn parties_in_no_overspent_scheme_are_found_as_calculating_every_point_finds() {
        // 60 parties, 3 schemes of 8 members: most parties are in no scheme, a few have a
        // tolerance below what they bear outside the pool or below 0.
        let mut a = crate::store::parse(&crate::generate::plain(60, 3, 40), "generated.ron")
            .expect("the generated agreement loads");
        a.parties[50].loss_tolerance = Some(Decimal::from(-1));
        a.parties[1].loss_tolerance = Some(Decimal::from(1_000));
        let g = grid(Decimal::from(-100), Decimal::from(100), Decimal::new(50, 2));
        let mut bases = vec![Scenario::default()];
        let every: Vec<String> = a.risks.iter().map(|r| r.id.clone()).collect();
        bases.push(Scenario {
            risks: every,
            ..Scenario::default()
        });
        for base in &bases {
            let found = first_breaches(&a, base, &g).expect("calculates");
            assert_eq!(found, every_point(&a, base, &g));
            assert_eq!(found[50], Some(Decimal::from(-100)));
        }
    }
}
