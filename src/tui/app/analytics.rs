//! The engine's exposure curves, kinks and break-even points for the agreement and the what-if
//! on screen, as the Scenario pane's Chart view and the Appetite pane show them. They depend on
//! the agreement and on the what-if's held schemes, risks and benefits, not on where the slider
//! is: [`Analytics::refresh`] recomputes them only when those change, so the slider moving only
//! moves the chart's marker. Every figure is `engine::sweep`'s.

use crate::engine::sweep::{self, Curves};
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The chart's range, in percent: the slider's.
pub const CHART_LIMIT: i64 = super::update::SLIDER_LIMIT;
/// The chart's step: 0.1 of a point, 401 points over the slider's range.
pub const CHART_STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analytics {
    /// What the figures were computed for: the agreement and the what-if at a base of 0.
    key: Option<(Agreement, Scenario)>,
    /// Each party's total at each point of the chart's range, and where the curves bend.
    pub curves: Curves,
    /// For each party, in the agreement's order, the smallest base variance from -100 to +100
    /// (to 0.01) at which its total passes its tolerance, or `None`.
    pub break_even: Vec<Option<Decimal>>,
    /// Why the engine could not sweep, in a sentence; the figures are then empty.
    pub error: Option<String>,
    /// The curves as the chart plots them, worked out once here rather than per frame.
    pub plot: Plot,
}

/// The curves in the chart's units: percent across, pounds up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plot {
    /// One line per party, in the agreement's order.
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Each party's tolerance as a level line across the chart.
    pub levels: Vec<Vec<(f64, f64)>>,
    /// The lowest and highest amount on any line or tolerance.
    pub low: f64,
    pub high: f64,
    /// Each kink's points: (percent, the party's total there), one per party that bends.
    pub kinks: Vec<(f64, f64)>,
}

// The plot's f64s come from exact Decimals that are compared as such (the `key`), so equality
// here is never asked of a NaN.
impl Eq for Plot {}

impl Analytics {
    /// The what-if as far as the figures depend on it: the slider's position and the name left
    /// out.
    fn base_of(working: &Scenario) -> Scenario {
        Scenario {
            name: String::new(),
            variance: Decimal::ZERO,
            ..working.clone()
        }
    }

    /// Recomputes the figures if the agreement or the what-if (other than the slider) changed
    /// since they were computed; returns whether it did.
    pub fn refresh(&mut self, agreement: &Agreement, working: &Scenario) -> bool {
        if let Some((a, s)) = &self.key
            && *s == Analytics::base_of(working)
            && a == agreement
        {
            return false;
        }
        *self = Analytics::compute(agreement, working);
        true
    }

    /// The figures for an agreement and a what-if, from `engine::sweep`.
    pub fn compute(agreement: &Agreement, working: &Scenario) -> Analytics {
        let key = (agreement.clone(), Analytics::base_of(working));
        let base = &key.1;
        let limit = Decimal::from(CHART_LIMIT);
        let grid = sweep::grid(-limit, limit, CHART_STEP);
        let found = sweep::curves(agreement, base, &grid)
            .and_then(|curves| Ok((curves, sweep::break_even(agreement, base)?)));
        let mut analytics = match found {
            Ok((curves, break_even)) => Analytics {
                plot: Plot::of(&curves),
                curves,
                break_even,
                ..Analytics::default()
            },
            Err(e) => Analytics {
                error: Some(e.to_string()),
                ..Analytics::default()
            },
        };
        analytics.key = Some(key);
        analytics
    }
}

fn float(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl Plot {
    fn of(curves: &Curves) -> Plot {
        let parties = curves.points.first().map_or(0, |p| p.parties.len());
        let lines: Vec<Vec<(f64, f64)>> = (0..parties)
            .map(|i| {
                curves
                    .points
                    .iter()
                    .filter_map(|p| Some((float(p.variance), float(p.parties.get(i)?.total))))
                    .collect()
            })
            .collect();
        let limit = CHART_LIMIT as f64;
        let tolerances: Vec<f64> = curves
            .points
            .first()
            .map(|p| p.parties.iter().map(|e| float(e.tolerance)).collect())
            .unwrap_or_default();
        let all = lines
            .iter()
            .flatten()
            .map(|(_, y)| *y)
            .chain(tolerances.iter().copied());
        let (low, high) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let kinks = curves
            .kinks
            .iter()
            .flat_map(|k| {
                let point = curves.points.iter().find(|p| p.variance == k.variance);
                k.parties.iter().filter_map(move |&i| {
                    Some((float(k.variance), float(point?.parties.get(i)?.total)))
                })
            })
            .collect();
        Plot {
            lines,
            levels: tolerances
                .iter()
                .map(|t| vec![(-limit, *t), (limit, *t)])
                .collect(),
            low,
            high,
            kinks,
        }
    }
}
