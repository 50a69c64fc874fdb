//! Monte Carlo through the real allocation: each trial draws the register and benefits (and,
//! with a spread, the schemes' variances), runs `engine::allocate` on the drawn what-if and
//! keeps each party's total, each scheme's variance and unallocated money, and which review
//! thresholds the pool crossed.
//!
//! Trials run in chunks of [`CHUNK`]; chunk `i` draws from the ChaCha stream `i` of the seed,
//! and the chunks are put back in order, so the same seed gives the same figures whatever the
//! number of threads.

mod chunk;
mod draw;
mod evaluate;
mod fast;
mod fused;
mod share;
mod stats;

pub use draw::{Chance, Drawer, Drawn, chunk_rng, pence_of, what_if};
pub use evaluate::{Evaluator, Trial};
pub use stats::{PartyStats, SchemeStats, Simulation, ThresholdStats};

use super::EngineError;
use crate::model::{Agreement, Scenario};
use chunk::Chunk;
use fused::{Fused, Scratch};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Trials per chunk: each chunk has its own random stream.
pub const CHUNK: usize = 1000;

/// How to run a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub trials: usize,
    pub seed: u64,
    /// Standard deviation, in points of budget, of each scheme's variance around the what-if's.
    pub spread: Option<f64>,
    /// Correlation of the schemes' variance draws, 0 to 1.
    pub correlation: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trials: 10_000,
            seed: 0,
            spread: None,
            correlation: 0.5,
        }
    }
}

/// Lets a caller follow a run and stop it: `done` counts finished trials; setting `stop` makes
/// the run finish the chunks under way, start no more and report what it did as partial.
#[derive(Debug, Default)]
pub struct Control {
    pub done: AtomicUsize,
    pub stop: AtomicBool,
}

/// Whether the pool crosses a review threshold: the schemes' variances over the pooled budget,
/// in percent, at or above a positive `at`, at or below a negative one.
pub fn pool_crosses(at: Decimal, variance_pence: i128, budget_pence: i128) -> bool {
    if budget_pence == 0 {
        return false;
    }
    // variance / budget x 100 >= at, without dividing: budget is positive.
    let left = Decimal::from_i128_with_scale(variance_pence, 0) * Decimal::ONE_HUNDRED;
    let right = at * Decimal::from_i128_with_scale(budget_pence, 0);
    (at > Decimal::ZERO && left >= right) || (at < Decimal::ZERO && left <= right)
}

/// Runs the simulation on the current rayon pool. Stops early (partial) when `control.stop` is
/// set; fails on the first chunk, in order, whose allocation fails.
pub fn simulate(
    agreement: &Agreement,
    base: &Scenario,
    settings: &Settings,
    control: &Control,
) -> Result<Simulation, EngineError> {
    let drawer = Drawer::new(agreement, base, settings.spread, settings.correlation);
    let budget: i128 = agreement
        .schemes
        .iter()
        .flat_map(|s| s.contributions.values())
        .map(|v| pence_of(*v))
        .sum();
    let evaluator = Evaluator::new(agreement, base, &drawer);
    let fused = evaluator.fast().and_then(|fast| Fused::new(&drawer, fast));
    let chunks = settings.trials.div_ceil(CHUNK);
    let results: Vec<Option<Result<Chunk, EngineError>>> = (0..chunks)
        .into_par_iter()
        .map_init(
            || (evaluator.clone(), Scratch::default()),
            |(evaluator, scratch), c| {
                if control.stop.load(Ordering::Relaxed) {
                    return None;
                }
                let trials = CHUNK.min(settings.trials - c * CHUNK);
                let mut rng = chunk_rng(settings.seed, c as u64);
                let mut chunk = Chunk::new(agreement, trials);
                let mut t = Trial::default();
                for _ in 0..trials {
                    let done = match &fused {
                        Some(fused) => fused.trial(&mut rng, scratch, evaluator, &mut t),
                        None => {
                            drawer.draw(&mut rng, &mut scratch.drawn);
                            evaluator.trial_into(&scratch.drawn, &mut t)
                        }
                    };
                    if let Err(e) = done {
                        return Some(Err(e));
                    }
                    chunk.add(&t, &agreement.review_thresholds, budget);
                }
                control.done.fetch_add(trials, Ordering::Relaxed);
                Some(Ok(chunk))
            },
        )
        .collect();
    let mut done = Vec::with_capacity(chunks);
    for result in results.into_iter().flatten() {
        done.push(result?);
    }
    Ok(stats::summarise(agreement, settings.trials, &done))
}
