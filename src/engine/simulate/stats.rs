//! The simulation's figures from its trials: per party the mean, percentiles (nearest rank),
//! worst, best and chance of breach; per scheme the mean variance and the chance and mean of
//! money unallocated; per review threshold the chance the pool crosses it.

use super::Chunk;
use crate::model::Agreement;
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

/// The nearest-rank percentile of sorted values: the value at rank ceil(p/100 x n).
pub fn nearest_rank(sorted: &[i128], p: u32) -> i128 {
    if sorted.is_empty() {
        return 0;
    }
    let n = sorted.len();
    let rank = (p as usize * n).div_ceil(100).clamp(1, n);
    sorted[rank - 1]
}

pub(crate) fn summarise(agreement: &Agreement, requested: usize, chunks: &[Chunk]) -> Simulation {
    let n: usize = chunks.iter().map(|c| c.trials).sum();
    let count = agreement.parties.len();
    let parties = agreement
        .parties
        .iter()
        .enumerate()
        .map(|(i, party)| {
            let mut column: Vec<i128> = chunks
                .iter()
                .flat_map(|c| c.totals.iter().skip(i).step_by(count.max(1)).copied())
                .collect();
            column.sort_unstable();
            let tolerance = agreement.loss_tolerance(party);
            let limit = super::pence_of(tolerance);
            // Totals are whole pence, so passing the tolerance is passing its pence.
            let over = column.len() - column.partition_point(|&t| t <= limit);
            PartyStats {
                id: party.id.clone(),
                tolerance,
                mean: mean(column.iter().sum(), n),
                p5: pounds(nearest_rank(&column, 5)),
                p50: pounds(nearest_rank(&column, 50)),
                p80: pounds(nearest_rank(&column, 80)),
                p95: pounds(nearest_rank(&column, 95)),
                worst: pounds(column.last().copied().unwrap_or(0)),
                best: pounds(column.first().copied().unwrap_or(0)),
                breach: share(over, n),
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
    fn means_round_half_even_to_the_penny() {
        assert_eq!(mean(5, 2), Decimal::new(2, 2)); // 2.5p -> 2p
        assert_eq!(mean(7, 2), Decimal::new(4, 2)); // 3.5p -> 4p
        assert_eq!(mean(0, 0), Decimal::ZERO);
    }
}
