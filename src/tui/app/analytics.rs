//! The engine's exposure curves, kinks and break-even points for the agreement and the what-if
//! on screen, as the Scenario pane's Chart view and the Appetite pane show them. They depend on
//! the agreement and on the what-if's held schemes, risks and benefits, not on where the slider
//! is: [`Analytics::refresh`] recomputes them only when those change, so the slider moving only
//! moves the chart's marker. Every figure is `engine::sweep`'s.
//!
//! The curves (401 allocations) are computed at once. The break-even search calculates 20,001
//! allocations, a noticeable wait on a key press, so after a change it runs as a background job
//! (one at a time; a change while it runs starts the next when it ends) and the Appetite pane
//! says it is being worked out meanwhile. At start it is computed before the first frame.

use super::{App, Effect};
use crate::engine::sweep::{self, Curves};
use crate::model::{Agreement, Scenario};
use crate::tui::jobs::{Job, JobOutput};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;

/// The chart's range, in percent: the slider's.
pub const CHART_LIMIT: i64 = super::update::SLIDER_LIMIT;
/// The chart's step: 0.1 of a point, 401 points over the slider's range.
pub const CHART_STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analytics {
    /// What the figures were computed for: the agreement and the what-if at a base of 0.
    key: Option<(Arc<Agreement>, Scenario)>,
    /// Counts the recomputations, so a background result is matched to the figures it is for.
    generation: u64,
    /// Each party's total at each point of the chart's range, and where the curves bend.
    pub curves: Curves,
    /// For each party, in the agreement's order, the smallest base variance from -100 to +100
    /// (to 0.01) at which its total passes its tolerance, or `None`; `None` as a whole while it
    /// is being worked out.
    pub break_even: Option<Vec<Option<Decimal>>>,
    /// Why the engine could not sweep, in a sentence; the figures are then empty.
    pub error: Option<String>,
    /// The curves as the chart plots them, worked out once here rather than per frame.
    pub plot: Plot,
}

static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The last few figures worked out in this process, break-even points and all (an undo, a risk
/// switched back off, a second workbench on the same file find them here). They depend on
/// nothing but the agreement and the what-if, compared whole.
static MEMORY: std::sync::Mutex<Vec<Analytics>> = std::sync::Mutex::new(Vec::new());
const KEEP: usize = 4;

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

    fn is_for(&self, agreement: &Arc<Agreement>, base: &Scenario) -> bool {
        self.key
            .as_ref()
            .is_some_and(|(a, s)| s == base && (Arc::ptr_eq(a, agreement) || a == agreement))
    }

    /// Recomputes the figures if the agreement or the what-if (other than the slider) changed
    /// since they were computed; returns whether it did. The break-even points come from memory
    /// or are left to [`App::refresh_analytics`].
    pub fn refresh(&mut self, agreement: &Arc<Agreement>, working: &Scenario) -> bool {
        let base = Analytics::base_of(working);
        if self.is_for(agreement, &base) {
            return false;
        }
        if let Ok(memory) = MEMORY.lock()
            && let Some(found) = memory.iter().find(|a| a.is_for(agreement, &base))
        {
            *self = found.clone();
            return true;
        }
        *self = Analytics::curves_of(agreement, base);
        true
    }

    /// The curves and kinks for an agreement and a what-if, from `engine::sweep`; the
    /// break-even points still to find.
    fn curves_of(agreement: &Arc<Agreement>, base: Scenario) -> Analytics {
        let limit = Decimal::from(CHART_LIMIT);
        let grid = sweep::grid(-limit, limit, CHART_STEP);
        let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut analytics = match sweep::curves(agreement, &base, &grid) {
            Ok(curves) => Analytics {
                plot: Plot::of(&curves),
                curves,
                generation,
                ..Analytics::default()
            },
            Err(e) => Analytics {
                error: Some(e.to_string()),
                break_even: Some(Vec::new()),
                generation,
                ..Analytics::default()
            },
        };
        analytics.key = Some((Arc::clone(agreement), base));
        analytics
    }

    /// Every figure for an agreement and a what-if, here and now.
    pub fn compute(agreement: &Arc<Agreement>, working: &Scenario) -> Analytics {
        let mut analytics = Analytics::curves_of(agreement, Analytics::base_of(working));
        let generation = analytics.generation;
        let found = analytics
            .key
            .as_ref()
            .map(|(a, base)| sweep::break_even(a, base));
        match found {
            Some(Ok(figures)) => {
                analytics.found(generation, figures);
            }
            Some(Err(e)) => analytics.error = Some(e.to_string()),
            None => {}
        }
        analytics
    }

    /// The break-even points for the figures of `generation`; ignored (false) when the figures
    /// have changed since.
    fn found(&mut self, generation: u64, figures: Vec<Option<Decimal>>) -> bool {
        if generation != self.generation {
            return false;
        }
        self.break_even = Some(figures);
        if let Ok(mut memory) = MEMORY.lock() {
            memory.retain(|a| a.key != self.key);
            memory.insert(0, self.clone());
            memory.truncate(KEEP);
        }
        true
    }
}

impl App {
    /// Brings the analytics up to date with the agreement and the what-if; the break-even
    /// points are found in the background (`now`: here, as at start).
    pub(super) fn refresh_analytics(&mut self, now: bool) {
        let changed = self
            .analytics
            .refresh(&self.agreement, &self.panes.scenario.working);
        if self.analytics.break_even.is_some() {
            return;
        }
        if now {
            self.analytics = Analytics::compute(&self.agreement, &self.panes.scenario.working);
        } else if changed && self.break_even_job.is_none() {
            self.find_break_even();
        }
    }

    fn find_break_even(&mut self) {
        let Some((agreement, base)) = self.analytics.key.clone() else {
            return;
        };
        let generation = self.analytics.generation;
        let job = Job::new("Break-even points", move |_| {
            sweep::break_even(&agreement, &base)
                .map(|figures| JobOutput::BreakEven(generation, figures))
                .map_err(|e| e.to_string())
        });
        self.break_even_job = Some(job.id);
        self.effects.0.push(Effect::Start(job));
    }

    /// The break-even job ended (`None`: it failed); if the figures changed while it ran, the
    /// next one starts.
    pub(super) fn found_break_even(&mut self, id: u64, found: Option<(u64, Vec<Option<Decimal>>)>) {
        if self.break_even_job != Some(id) {
            return;
        }
        self.break_even_job = None;
        match found {
            Some((generation, figures)) => {
                if !self.analytics.found(generation, figures) {
                    self.find_break_even();
                }
            }
            None => {
                if self.analytics.break_even.is_none() {
                    self.analytics.break_even = Some(Vec::new());
                }
            }
        }
    }
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
    /// `equal[i][j]`: parties `i` and `j` have the same total at every point of the sweep (the
    /// engine's figures, to the penny), so their lines are one.
    pub equal: Vec<Vec<bool>>,
}

// The plot's f64s come from exact Decimals that are compared as such (the `key`), so equality
// here is never asked of a NaN.
impl Eq for Plot {}

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
        let total = |p: &sweep::Point, i: usize| p.parties.get(i).map(|e| e.total);
        let equal = (0..parties)
            .map(|i| {
                (0..parties)
                    .map(|j| curves.points.iter().all(|p| total(p, i) == total(p, j)))
                    .collect()
            })
            .collect();
        Plot {
            lines,
            equal,
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
