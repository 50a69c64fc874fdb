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

/// What starts (or stops) at a kink of the curves, read left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bend {
    /// The scheme's variance changes sign away from the base's zero (risks or benefits moved
    /// it), so the other side's rule applies from here.
    Side(crate::model::Side),
    /// The scheme's contingency (or the pool's) is used up: members start to share.
    ContingencyUsedUp,
    /// The variance reaches the rule's minimum rate (`true`), or drops below it.
    Threshold(bool),
    /// The amount shared reaches band `n` (counted from 1), or falls back from it.
    Band(usize),
    /// The party's share reaches its cap (`true`), or comes off it.
    Cap(String, bool),
    /// Money starts to be left unallocated (`true`), or stops.
    Unallocated(bool),
}

/// A kink of the curves: the first point of a sweep at which a scheme's rule does something new,
/// so the shares of its members bend there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kink {
    pub variance: Decimal,
    pub scheme: String,
    pub bend: Bend,
    /// The scheme's members, as indexes into the agreement's parties: the curves that bend.
    pub parties: Vec<usize>,
}

impl Kink {
    /// The kink in words: "OOH: contingency used up", "LA reaches its cap in OOH".
    pub fn describe(&self) -> String {
        let s = &self.scheme;
        match &self.bend {
            Bend::Side(crate::model::Side::Overspend) => format!("{s}: turns to overspend"),
            Bend::Side(crate::model::Side::Underspend) => format!("{s}: turns to underspend"),
            Bend::ContingencyUsedUp => format!("{s}: contingency used up"),
            Bend::Threshold(true) => format!("{s}: minimum rate met"),
            Bend::Threshold(false) => format!("{s}: below its minimum rate"),
            Bend::Band(n) => format!("{s}: band {n} begins"),
            Bend::Cap(p, true) => format!("{p} reaches its cap in {s}"),
            Bend::Cap(p, false) => format!("{p} comes off its cap in {s}"),
            Bend::Unallocated(true) => format!("{s}: money left unallocated"),
            Bend::Unallocated(false) => format!("{s}: nothing left unallocated"),
        }
    }
}

/// The curves over `variances` and their kinks: what [`sweep`] gives, plus where each scheme's
/// contingency runs out, its minimum rate is met, a band starts, a member reaches or leaves its
/// cap, or money starts to be left unallocated, read off the engine's allocation at each point.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Curves {
    pub points: Vec<Point>,
    pub kinks: Vec<Kink>,
}

/// What a scheme's rule is doing at one point (compared between neighbouring points).
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    side: Option<crate::model::Side>,
    shared: bool,
    threshold: Option<bool>,
    band: usize,
    at_cap: Vec<bool>,
    unallocated: bool,
}

fn state(scheme: &crate::model::Scheme, result: &crate::engine::SchemeResult) -> State {
    let reached = result.variance.abs()
        - result.netted
        - result.pool_contingency_used
        - result.contingency_used
        - result.reinvested;
    let band = match result.side {
        Some(side) if result.threshold_met != Some(false) => {
            let bands = &scheme.rule(side).bands;
            let last = bands.len().saturating_sub(1);
            1 + bands[..last]
                .iter()
                .filter_map(|b| b.up_to)
                .filter(|up_to| reached > result.budget * *up_to / Decimal::ONE_HUNDRED)
                .count()
        }
        _ => 0,
    };
    State {
        side: result.side,
        shared: reached > Decimal::ZERO,
        threshold: result.threshold_met,
        band,
        at_cap: scheme.members().map(|m| result.at_cap(m)).collect(),
        unallocated: !result.unallocated.is_zero(),
    }
}

/// The curves and their kinks over `variances` (in increasing order), across the rayon pool.
pub fn curves(
    agreement: &Agreement,
    base: &Scenario,
    variances: &[Decimal],
) -> Result<Curves, EngineError> {
    let computed: Vec<(Point, Vec<State>)> = variances
        .par_iter()
        .map(|v| {
            let allocation = allocate(agreement, &at(base, *v))?;
            let states = agreement
                .schemes
                .iter()
                .map(|s| match allocation.scheme(&s.id) {
                    Some(r) => state(s, r),
                    None => state(s, &crate::engine::SchemeResult::default()),
                })
                .collect();
            let point = Point {
                variance: *v,
                parties: exposures(agreement, &allocation),
            };
            Ok((point, states))
        })
        .collect::<Result<_, EngineError>>()?;
    // Each scheme's members as indexes into the parties, found once (not at every point).
    let position: std::collections::HashMap<&str, usize> = agreement
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let members_of: Vec<Vec<usize>> = agreement
        .schemes
        .iter()
        .map(|s| {
            s.members()
                .filter_map(|m| position.get(m).copied())
                .collect()
        })
        .collect();
    let mut kinks = Vec::new();
    for pair in computed.windows(2) {
        let [(last, before), (point, after)] = pair else {
            continue;
        };
        // Between these points the base crosses zero: every scheme that follows it changes side
        // there, which the slider's zero shows.
        let base_zero = last.variance <= Decimal::ZERO && point.variance >= Decimal::ZERO;
        for (((scheme, b), a), members) in agreement
            .schemes
            .iter()
            .zip(before)
            .zip(after)
            .zip(&members_of)
        {
            let mut push = |bend| {
                kinks.push(Kink {
                    variance: point.variance,
                    scheme: scheme.id.clone(),
                    bend,
                    parties: members.clone(),
                })
            };
            // Crossing zero switches from one rule to the other: a kink where risks, benefits
            // or a held setting put it away from the base's zero. Within one side, a change of
            // what the rule is doing is a kink of the rule.
            let Some(side) = a.side else {
                continue;
            };
            if a.side != b.side {
                if !base_zero {
                    push(Bend::Side(side));
                }
                continue;
            }
            if a.shared && !b.shared {
                push(Bend::ContingencyUsedUp);
            }
            if let (Some(now), Some(was)) = (a.threshold, b.threshold)
                && now != was
            {
                push(Bend::Threshold(now));
            }
            if a.band != b.band && a.band.max(b.band) > 1 {
                push(Bend::Band(a.band.max(b.band)));
            }
            for ((member, now), was) in scheme.members().zip(&a.at_cap).zip(&b.at_cap) {
                if now != was {
                    push(Bend::Cap(member.to_string(), *now));
                }
            }
            if a.unallocated != b.unallocated {
                push(Bend::Unallocated(a.unallocated));
            }
        }
    }
    Ok(Curves {
        points: computed.into_iter().map(|(p, _)| p).collect(),
        kinks,
    })
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
