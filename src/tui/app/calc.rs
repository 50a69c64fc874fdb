//! The engine's figures for the agreement and the what-if on screen, computed once per change so
//! that drawing only lays them out. Nothing here derives a figure: the allocation (every pound
//! of every scheme, each party's total, tolerance, headroom, caps, the review thresholds crossed
//! and the heatmap counts) is `engine::calculate`'s, through the same what-if model as `calc`.
//! The one thing the screen adds is the bars' scale, a drawing matter.

use crate::engine::forecast::{self, SchemeForecast};
use crate::engine::{self, Allocation, Exposure, Heatmap, PartyResult, WhatIf};
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calc {
    pub allocation: Allocation,
    /// Why the engine could not allocate, in a sentence; the other figures are then zero.
    pub error: Option<String>,
    /// Each party's figures beside its appetite, in the agreement's order.
    pub exposures: Vec<Exposure>,
    /// Open risks in each heatmap cell (the engine's; also when it could not allocate).
    pub heatmap: Heatmap,
    /// The amount a full-width bar stands for: a round figure above every total the slider can
    /// reach, every tolerance and cap ([`Calc::scale_for`]); the app keeps it while the slider
    /// moves and sets it again only when the agreement changes.
    pub scale: Decimal,
    /// The governance checks' findings for the agreement ([`Calc::checks_for`]); set when the
    /// agreement changes, kept while the slider moves (they do not depend on it).
    pub checks: Vec<engine::checks::Finding>,
    /// Each scheme's monitoring position and forecasts (`engine::forecast`), in the agreement's
    /// order; the error's sentence where the amounts are too large. The monitoring view lays
    /// these out.
    pub forecasts: Vec<Result<SchemeForecast, String>>,
    /// The long lists' column widths, set when the agreement changes (a drawing matter, like
    /// the scale): measuring 20,000 risks each frame is what made a large register slow.
    pub lists: Lists,
}

/// Each long list's widest cell per column, over every row it can show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lists {
    /// The register's list.
    pub register: Vec<usize>,
    /// The Scenario pane's table of risks and benefits.
    pub scenario: Vec<usize>,
    /// The parties pane's table.
    pub parties: Vec<usize>,
}

impl Lists {
    pub fn of(agreement: &Agreement) -> Lists {
        Lists {
            register: crate::tui::panes::register_widths(agreement),
            scenario: crate::tui::panes::scenario::risk_widths(agreement),
            parties: Vec::new(),
        }
    }
}

impl Calc {
    /// The engine's result for the what-if on screen: a named scenario's base and held schemes,
    /// moved by the slider, exactly as `calc --scenario NAME --variance PCT` reads them.
    pub fn compute(agreement: &Agreement, scenario: &Scenario) -> Calc {
        let what_if = WhatIf::from_scenario(scenario);
        let (allocation, error) = match engine::calculate(agreement, &what_if) {
            Ok(a) => (a, None),
            Err(e) => (Allocation::default(), Some(e.to_string())),
        };
        let exposures = engine::exposures(agreement, &allocation);
        Calc {
            heatmap: engine::heatmap(agreement),
            allocation,
            error,
            exposures,
            scale: Decimal::ZERO,
            checks: Vec::new(),
            forecasts: agreement
                .schemes
                .iter()
                .map(|s| forecast::forecast(s).map_err(|e| e.to_string()))
                .collect(),
            lists: Lists::default(),
        }
    }

    /// The engine's figures for the party at `index` in the agreement's order.
    pub fn party(&self, index: usize) -> Option<&PartyResult> {
        let id = &self.exposures.get(index)?.id;
        self.allocation.party(id)
    }

    /// Money that no one could take, over every scheme.
    pub fn unallocated(&self) -> Decimal {
        self.allocation.unallocated()
    }

    /// The governance checks, judged against today's date.
    pub fn checks_for(agreement: &Agreement) -> Vec<engine::checks::Finding> {
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date();
        engine::checks::run(agreement, today)
    }

    /// The bars' scale for an agreement: a round figure above each party's tolerance, its caps
    /// and its total at both ends of the slider (-20% and +20% of every scheme, no risks
    /// happening). A bar that risks push past it stops at the pane's edge; its figure is exact.
    pub fn scale_for(agreement: &Agreement) -> Decimal {
        let limit = Decimal::from(super::update::SLIDER_LIMIT);
        let mut biggest = Decimal::ZERO;
        for base in [-limit, limit] {
            let Ok(allocation) = engine::calculate(agreement, &WhatIf::at(base)) else {
                continue;
            };
            for p in &allocation.parties {
                biggest = biggest.max(p.total.abs()).max(p.tolerance.abs());
                if let Some(cap) = p.cap_limit {
                    biggest = biggest.max(cap.abs());
                }
            }
        }
        round_up(biggest)
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
