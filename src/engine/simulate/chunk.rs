//! What the trials of one chunk keep: each party's totals as a column (one party's trials side
//! by side, so the statistics read each party's figures straight through), in 64 bits while
//! every total fits and in 128 bits from the first one that does not; and the sums per scheme
//! and per review threshold.

use super::evaluate::Trial;
use crate::model::{Agreement, ReviewThreshold};

/// The party totals of one chunk, in pence: `parties` columns of `trials` each.
#[derive(Debug, Clone)]
pub(crate) enum Columns {
    Narrow(Vec<i64>),
    Wide(Vec<i128>),
}

/// What the trials of one chunk produced.
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    pub trials: usize,
    /// Trials kept so far.
    filled: usize,
    pub totals: Columns,
    /// Per scheme: the sum of variances, the trials with money unallocated and its sum.
    pub variance: Vec<i128>,
    pub unallocated_trials: Vec<usize>,
    pub unallocated: Vec<i128>,
    /// Per review threshold: trials where the pool crossed it.
    pub crossed: Vec<usize>,
}

impl Chunk {
    pub fn new(agreement: &Agreement, trials: usize) -> Chunk {
        let schemes = agreement.schemes.len();
        Chunk {
            trials,
            filled: 0,
            totals: Columns::Narrow(vec![0; trials * agreement.parties.len()]),
            variance: vec![0; schemes],
            unallocated_trials: vec![0; schemes],
            unallocated: vec![0; schemes],
            crossed: vec![0; agreement.review_thresholds.len()],
        }
    }

    /// Party `p`'s totals in 64 bits, or `None` when this chunk keeps them in 128.
    pub fn narrow(&self, p: usize) -> Option<&[i64]> {
        match &self.totals {
            Columns::Narrow(v) => Some(&v[p * self.trials..][..self.filled]),
            Columns::Wide(_) => None,
        }
    }

    /// Party `p`'s totals.
    pub fn column(&self, p: usize) -> Vec<i128> {
        match &self.totals {
            Columns::Narrow(v) => v[p * self.trials..][..self.filled]
                .iter()
                .map(|&t| i128::from(t))
                .collect(),
            Columns::Wide(v) => v[p * self.trials..][..self.filled].to_vec(),
        }
    }

    /// Keeps one trial's figures.
    pub fn add(&mut self, t: &Trial, thresholds: &[ReviewThreshold], budget: i128) {
        let (row, stride) = (self.filled, self.trials);
        if let Columns::Narrow(v) = &mut self.totals {
            let mut fits = true;
            for (p, &total) in t.totals.iter().enumerate() {
                match i64::try_from(total) {
                    Ok(total) => v[p * stride + row] = total,
                    Err(_) => fits = false,
                }
            }
            if !fits {
                self.totals = Columns::Wide(v.iter().map(|&t| i128::from(t)).collect());
            }
        }
        if let Columns::Wide(v) = &mut self.totals {
            for (p, &total) in t.totals.iter().enumerate() {
                v[p * stride + row] = total;
            }
        }
        self.filled += 1;
        for (s, (&variance, &unallocated)) in t.variances.iter().zip(&t.unallocated).enumerate() {
            self.variance[s] += variance;
            if unallocated != 0 {
                self.unallocated_trials[s] += 1;
                self.unallocated[s] += unallocated;
            }
        }
        if thresholds.is_empty() {
            return;
        }
        let pool: i128 = t.variances.iter().sum();
        for (n, threshold) in thresholds.iter().enumerate() {
            if super::pool_crosses(threshold.at, pool, budget) {
                self.crossed[n] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_past_64_bits_widens_the_chunk_keeping_earlier_trials() {
        let mut agreement = crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron")
            .expect("the example loads");
        agreement.review_thresholds.clear();
        let parties = agreement.parties.len();
        let mut chunk = Chunk::new(&agreement, 3);
        let trial = |first: i128| Trial {
            totals: (0..parties as i128).map(|p| first + p).collect(),
            variances: vec![0; agreement.schemes.len()],
            unallocated: vec![0; agreement.schemes.len()],
        };
        chunk.add(&trial(-5), &[], 1);
        assert_eq!(chunk.narrow(1), Some(&[-4i64][..]));
        let big = i128::from(i64::MAX) + 10;
        chunk.add(&trial(big), &[], 1);
        chunk.add(&trial(7), &[], 1);
        assert_eq!(chunk.narrow(0), None);
        assert_eq!(chunk.column(0), vec![-5, big, 7]);
        assert_eq!(chunk.column(2), vec![-3, big + 2, 9]);
    }
}
