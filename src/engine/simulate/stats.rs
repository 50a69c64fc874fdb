//! The simulation's figures from its trials: per party the mean, percentiles (nearest rank),
//! worst, best and chance of breach; per scheme the mean variance and the chance and mean of
//! money unallocated; per review threshold the chance the pool crosses it.

use super::Chunk;
use crate::model::Agreement;
use rayon::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// The outcome of a simulation. Money in pounds, probabilities from 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub requested: usize,
    /// Trials run: fewer than `requested` when the run was stopped.
    pub trials: usize,
    pub parties: Vec<PartyStats>,
    pub schemes: Vec<SchemeStats>,
    pub thresholds: Vec<ThresholdStats>,
}

impl Simulation {
    pub fn partial(&self) -> bool {
        self.trials < self.requested
    }
}

/// One party's distribution of totals (positive is a cost).
#[derive(Debug, Clone, PartialEq)]
pub struct PartyStats {
    pub id: String,
    pub tolerance: Decimal,
    pub mean: Decimal,
    pub p5: Decimal,
    pub p50: Decimal,
    pub p80: Decimal,
    pub p95: Decimal,
    /// The highest total (the largest cost).
    pub worst: Decimal,
    /// The lowest total (the largest saving).
    pub best: Decimal,
    /// The share of trials in which its total passed its tolerance.
    pub breach: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SchemeStats {
    pub id: String,
    pub mean_variance: Decimal,
    /// The share of trials in which some of its variance was borne by no one.
    pub unallocated_probability: f64,
    /// The unallocated money averaged over every trial.
    pub unallocated_mean: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdStats {
    pub at: Decimal,
    pub action: String,
    /// The share of trials in which the pool crossed it.
    pub probability: f64,
}

fn pounds(pence: i128) -> Decimal {
    Decimal::from_i128_with_scale(pence, 2)
}

/// A mean in pence, rounded half-even to the penny.
fn mean(sum: i128, n: usize) -> Decimal {
    if n == 0 {
        return Decimal::ZERO;
    }
    (Decimal::from_i128_with_scale(sum, 2) / Decimal::from(n))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

fn share(count: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { count as f64 / n as f64 }
}

/// The rank (from 1) of the nearest-rank percentile `p` of `n` values: ceil(p/100 x n).
fn rank(n: usize, p: u32) -> usize {
    (p as usize * n).div_ceil(100).clamp(1, n)
}

/// The nearest-rank percentile of sorted values: the value at rank ceil(p/100 x n).
#[cfg(test)]
pub fn nearest_rank(sorted: &[i128], p: u32) -> i128 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[rank(sorted.len(), p) - 1]
}

/// The nearest-rank percentiles `ps` (ascending) of unsorted values, each what
/// [`nearest_rank`] gives on the sorted values: each is found by selection in the part of the
/// values above the last one, without sorting them all. Reorders `values`.
pub fn nearest_ranks<T: Ord + Copy + Default, const N: usize>(
    values: &mut [T],
    ps: [u32; N],
) -> [T; N] {
    let mut out = [T::default(); N];
    if values.is_empty() {
        return out;
    }
    let n = values.len();
    // Everything before `from` is at most values[from - 1], which is in its sorted place.
    let mut from = 0;
    for (value, p) in out.iter_mut().zip(ps) {
        let k = rank(n, p) - 1;
        if k >= from {
            values[from..].select_nth_unstable(k - from);
            from = k + 1;
        }
        *value = values[k];
    }
    out
}

/// A party's figures in pence: the sum, the trials over `limit`, worst, best, P5, P50, P80,
/// P95. Reorders `column`.
fn figures<T: Ord + Copy + Default + Into<i128>>(column: &mut [T], limit: i128) -> [i128; 8] {
    let (mut sum, mut over) = (0i128, 0usize);
    for &t in column.iter() {
        let t: i128 = t.into();
        sum += t;
        over += usize::from(t > limit);
    }
    let worst = column.iter().max().map_or(0, |&t| t.into());
    let best = column.iter().min().map_or(0, |&t| t.into());
    let [p5, p50, p80, p95] = nearest_ranks(column, [5, 50, 80, 95]).map(Into::into);
    [sum, over as i128, worst, best, p5, p50, p80, p95]
}

pub(crate) fn summarise(agreement: &Agreement, requested: usize, chunks: &[Chunk]) -> Simulation {
    let n: usize = chunks.iter().map(|c| c.trials).sum();
    // One party's column at a time on each core; the order of the parties is kept.
    let parties = agreement
        .parties
        .par_iter()
        .enumerate()
        .map(|(i, party)| {
            let tolerance = agreement.loss_tolerance(party);
            // Totals are whole pence, so passing the tolerance is passing its pence.
            let limit = super::pence_of(tolerance);
            // In 64 bits where every chunk kept them so (selection is quicker on them).
            let narrow: Option<Vec<&[i64]>> = chunks.iter().map(|c| c.narrow(i)).collect();
            let [sum, over, worst, best, p5, p50, p80, p95] = match narrow {
                Some(columns) => figures(&mut columns.concat(), limit),
                None => figures(
                    &mut chunks
                        .iter()
                        .flat_map(|c| c.column(i))
                        .collect::<Vec<i128>>(),
                    limit,
                ),
            };
            PartyStats {
                id: party.id.clone(),
                tolerance,
                mean: mean(sum, n),
                p5: pounds(p5),
                p50: pounds(p50),
                p80: pounds(p80),
                p95: pounds(p95),
                worst: pounds(worst),
                best: pounds(best),
                breach: share(over as usize, n),
            }
        })
        .collect();
    let schemes = agreement
        .schemes
        .iter()
        .enumerate()
        .map(|(s, scheme)| SchemeStats {
            id: scheme.id.clone(),
            mean_variance: mean(chunks.iter().map(|c| c.variance[s]).sum(), n),
            unallocated_probability: share(chunks.iter().map(|c| c.unallocated_trials[s]).sum(), n),
            unallocated_mean: mean(chunks.iter().map(|c| c.unallocated[s]).sum(), n),
        })
        .collect();
    let thresholds = agreement
        .review_thresholds
        .iter()
        .enumerate()
        .map(|(t, threshold)| ThresholdStats {
            at: threshold.at,
            action: threshold.action.clone(),
            probability: share(chunks.iter().map(|c| c.crossed[t]).sum(), n),
        })
        .collect();
    Simulation {
        requested,
        trials: n,
        parties,
        schemes,
        thresholds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_takes_the_ceiling_rank() {
        let values: Vec<i128> = (1..=10).collect();
        assert_eq!(nearest_rank(&values, 5), 1);
        assert_eq!(nearest_rank(&values, 50), 5);
        assert_eq!(nearest_rank(&values, 80), 8);
        assert_eq!(nearest_rank(&values, 95), 10);
        assert_eq!(nearest_rank(&[7], 5), 7);
        assert_eq!(nearest_rank(&[], 50), 0);
    }

    #[test]
    fn selected_percentiles_are_those_of_the_sorted_values() {
        // Values with repeats, in a scrambled order, of every length from 0 to 300.
        for n in 0..300usize {
            let values: Vec<i128> = (0..n).map(|i| ((i * 7919) % 97) as i128 - 40).collect();
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let mut work = values.clone();
            let got = nearest_ranks(&mut work, [1, 5, 50, 80, 95, 100]);
            let want = [1, 5, 50, 80, 95, 100].map(|p| nearest_rank(&sorted, p));
            assert_eq!(got, want, "{n} values");
        }
    }

    #[test]
    fn means_round_half_even_to_the_penny() {
        assert_eq!(mean(5, 2), Decimal::new(2, 2)); // 2.5p -> 2p
        assert_eq!(mean(7, 2), Decimal::new(4, 2)); // 3.5p -> 4p
        assert_eq!(mean(0, 0), Decimal::ZERO);
    }
}
