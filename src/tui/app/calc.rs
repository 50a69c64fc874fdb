//! The allocation for the working scenario and what the panes derive from it, computed once per
//! change so that drawing only lays it out.

use crate::engine::{self, Allocation, Exposure};
use crate::model::{Agreement, Scenario, Side};
use rust_decimal::Decimal;

/// How a party stands against its caps in the scheme rules that applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartyCap {
    /// The most it can bear from the pool, when every scheme it is in caps it on the side that
    /// applied (signed like its share); `None` when some scheme does not.
    pub limit: Option<Decimal>,
    /// Schemes where its share is held at its cap.
    pub at_cap: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calc {
    pub allocation: Allocation,
    /// Why the engine could not allocate, in a sentence; the other figures are then zero.
    pub error: Option<String>,
    pub exposures: Vec<Exposure>,
    /// Every scheme's variance in pounds, added up.
    pub variance: Decimal,
    pub unallocated: Decimal,
    /// The amount a full-width bar stands for: a round figure above every total the slider can
    /// reach, every tolerance and cap ([`Calc::scale_for`]); the app keeps it while the slider
    /// moves and sets it again only when the agreement changes.
    pub scale: Decimal,
    /// One per party, in the agreement's order.
    pub caps: Vec<PartyCap>,
    /// Open risks in each heatmap cell: `[residual as usize][likelihood - 1][impact - 1]`.
    pub heatmap: [[[usize; 5]; 5]; 2],
    /// What each party puts into the pool over every scheme, in the agreement's order.
    pub contributions: Vec<Decimal>,
    /// The highest review threshold the slider has reached, and what the agreement says to do.
    pub review: Option<(Decimal, String)>,
}

impl Calc {
    pub fn compute(agreement: &Agreement, scenario: &Scenario) -> Calc {
        let (allocation, error) = match engine::allocate(agreement, scenario) {
            Ok(a) => (a, None),
            Err(e) => (Allocation::default(), Some(e.to_string())),
        };
        let exposures = engine::exposures(agreement, &allocation);
        let variance = allocation.schemes.iter().map(|s| s.variance).sum();
        let caps = agreement
            .parties
            .iter()
            .map(|p| party_cap(&allocation, &p.id))
            .collect::<Vec<_>>();
        let review = agreement
            .review_thresholds
            .iter()
            .filter(|t| {
                (t.at > Decimal::ZERO && scenario.variance >= t.at)
                    || (t.at < Decimal::ZERO && scenario.variance <= t.at)
            })
            .max_by_key(|t| t.at.abs())
            .map(|t| (t.at, t.action.clone()));
        let contributions = agreement
            .parties
            .iter()
            .map(|p| agreement.total_contribution(&p.id))
            .collect();
        let mut heatmap = [[[0; 5]; 5]; 2];
        for r in agreement.risks.iter().filter(|r| r.is_open()) {
            let inherent = (r.likelihood, r.impact);
            for (n, (l, i)) in [inherent, r.residual_position()].into_iter().enumerate() {
                if (1..=5).contains(&l) && (1..=5).contains(&i) {
                    heatmap[n][usize::from(l - 1)][usize::from(i - 1)] += 1;
                }
            }
        }
        Calc {
            heatmap,
            contributions,
            unallocated: allocation.unallocated(),
            allocation,
            error,
            exposures,
            variance,
            scale: Decimal::ZERO,
            caps,
            review,
        }
    }
}

impl Calc {
    /// The bars' scale for an agreement: a round figure above each party's tolerance, its caps
    /// and its total at both ends of the slider (-20% and +20% of every scheme, no risks
    /// happening). A bar that risks push past it stops at the pane's edge; its figure is exact.
    pub fn scale_for(agreement: &Agreement) -> Decimal {
        let limit = Decimal::from(super::update::SLIDER_LIMIT);
        let mut biggest = Decimal::ZERO;
        for variance in [-limit, limit] {
            let end = Scenario {
                name: String::new(),
                variance,
                ..Scenario::default()
            };
            let Ok(allocation) = engine::allocate(agreement, &end) else {
                continue;
            };
            for e in engine::exposures(agreement, &allocation) {
                biggest = biggest.max(e.total.abs()).max(e.tolerance.abs());
            }
            for p in &agreement.parties {
                if let Some(limit) = party_cap(&allocation, &p.id).limit {
                    biggest = biggest.max(limit.abs());
                }
            }
        }
        round_up(biggest)
    }
}

fn party_cap(allocation: &Allocation, party: &str) -> PartyCap {
    let mut limit = Some(Decimal::ZERO);
    let mut at_cap = Vec::new();
    let mut any = false;
    for scheme in &allocation.schemes {
        if !scheme.shares.contains_key(party) {
            continue;
        }
        let Some(side) = scheme.side else {
            continue;
        };
        any = true;
        let sign = if side == Side::Overspend {
            Decimal::ONE
        } else {
            Decimal::NEGATIVE_ONE
        };
        match scheme.caps.get(party) {
            Some(cap) => {
                limit = limit.map(|l| l + *cap * sign);
                if scheme.at_cap(party) {
                    at_cap.push(scheme.id.clone());
                }
            }
            None => limit = None,
        }
    }
    PartyCap {
        limit: if any { limit } else { None },
        at_cap,
    }
}

/// The next figure of the form 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, at least
/// 10,000: a round figure for the legend, not far above the largest amount.
fn round_up(amount: Decimal) -> Decimal {
    let mut step = Decimal::from(10_000);
    loop {
        for factor in [
            Decimal::ONE,
            Decimal::new(15, 1),
            Decimal::TWO,
            Decimal::new(25, 1),
            Decimal::from(3),
            Decimal::from(4),
            Decimal::from(5),
            Decimal::from(6),
            Decimal::from(8),
        ] {
            let candidate = step * factor;
            if candidate >= amount {
                return candidate;
            }
        }
        match step.checked_mul(Decimal::TEN) {
            Some(next) => step = next,
            None => return amount,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round_figures() {
        assert_eq!(round_up(Decimal::ZERO), Decimal::from(10_000));
        assert_eq!(round_up(Decimal::from(265_000)), Decimal::from(300_000));
        assert_eq!(round_up(Decimal::from(250_000)), Decimal::from(250_000));
        assert_eq!(round_up(Decimal::from(1_164_663)), Decimal::from(1_500_000));
    }
}
