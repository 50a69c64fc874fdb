//! One trial's draws: which open risks happen and at what cost, which benefits are realised,
//! and (with a spread) each scheme's variance; and the what-if the engine runs on them.

use crate::model::{Agreement, Scenario};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The random stream of one chunk of trials: the run's seed, and the chunk's index as the
/// ChaCha stream, so a chunk draws the same numbers whichever thread runs it.
pub fn chunk_rng(seed: u64, chunk: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(chunk);
    rng
}

/// A uniform draw in [0, 1), from 53 random bits.
pub fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal draw (Box-Muller, one of the pair).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = 1.0 - uniform(rng); // (0, 1]: the logarithm is finite
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// How a risk's cost is drawn, in pence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CostDraw {
    /// The risk's cost, in pence.
    Fixed(i128),
    /// Triangular over the cost range with the cost as its mode.
    Triangular { low: f64, mode: f64, high: f64 },
}

impl CostDraw {
    /// A triangular draw, rounded to a whole penny.
    pub fn pence(&self, rng: &mut ChaCha8Rng) -> i128 {
        let (low, mode, high) = match *self {
            CostDraw::Fixed(pence) => return pence,
            CostDraw::Triangular { low, mode, high } => (low, mode, high),
        };
        let u = uniform(rng);
        let width = high - low;
        let value = if width <= 0.0 {
            mode
        } else if u < (mode - low) / width {
            low + (u * width * (mode - low)).sqrt()
        } else {
            high - ((1.0 - u) * width * (high - mode)).sqrt()
        };
        value.round() as i128
    }
}

/// One open risk, ready to draw.
#[derive(Debug, Clone)]
pub struct RiskDraw {
    /// Its place in the agreement's risks.
    pub index: usize,
    /// It happens when a uniform 32-bit draw is below this (its probability x 2^32).
    pub below: u64,
    pub cost: CostDraw,
}

/// One benefit, ready to draw.
#[derive(Debug, Clone)]
pub struct BenefitDraw {
    pub index: usize,
    pub below: u64,
}

/// What a trial drew.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    /// Indexes of the risks that happen, with their cost in pence.
    pub risks: Vec<(usize, i128)>,
    /// Indexes of the benefits realised.
    pub benefits: Vec<usize>,
    /// Each scheme's variance in percent, when a spread is drawn.
    pub percents: Option<Vec<Decimal>>,
}

/// Everything a trial draws from, prepared once per run.
#[derive(Debug, Clone)]
pub struct Drawer {
    pub risks: Vec<RiskDraw>,
    pub benefits: Vec<BenefitDraw>,
    /// Each scheme's percent in the base what-if, and the spread in points with the weights of
    /// the common and the scheme's own normal draw.
    pub spread: Option<Spread>,
}

#[derive(Debug, Clone)]
pub struct Spread {
    pub base: Vec<f64>,
    pub sd: f64,
    pub common: f64,
    pub own: f64,
}

/// A probability in percent as the bound of a 32-bit draw: percent / 100 x 2^32, rounded.
fn below(percent: Decimal) -> u64 {
    let p = (percent.to_f64().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0);
    (p * 4_294_967_296.0).round() as u64
}

/// Whether a draw with this bound happens.
fn happens(rng: &mut ChaCha8Rng, below: u64) -> bool {
    u64::from(rng.next_u32()) < below
}

fn in_pence(amount: Decimal) -> f64 {
    (amount * Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0)
}

impl Drawer {
    pub fn new(
        agreement: &Agreement,
        base: &Scenario,
        spread: Option<f64>,
        correlation: f64,
    ) -> Drawer {
        let risks = agreement
            .risks
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_open())
            .map(|(index, r)| RiskDraw {
                index,
                below: below(r.probability_percent()),
                cost: match r.cost_range {
                    None => CostDraw::Fixed(pence_of(r.cost)),
                    Some(range) => {
                        let (low, high) = (range.low.min(range.high), range.low.max(range.high));
                        let mode = r.cost.clamp(low, high);
                        CostDraw::Triangular {
                            low: in_pence(low),
                            mode: in_pence(mode),
                            high: in_pence(high),
                        }
                    }
                },
            })
            .collect();
        let benefits = agreement
            .benefits
            .iter()
            .enumerate()
            .map(|(index, b)| BenefitDraw {
                index,
                below: below(
                    b.probability
                        .unwrap_or_else(|| crate::model::default_probability(b.likelihood)),
                ),
            })
            .collect();
        let spread = spread.map(|sd| {
            let rho = correlation.clamp(0.0, 1.0);
            Spread {
                base: agreement
                    .schemes
                    .iter()
                    .map(|s| base.variance_for(&s.id).to_f64().unwrap_or(0.0))
                    .collect(),
                sd,
                common: rho.sqrt(),
                own: (1.0 - rho).sqrt(),
            }
        });
        Drawer {
            risks,
            benefits,
            spread,
        }
    }

    /// Draws one trial. The order of draws is fixed: each open risk (32 bits for whether it
    /// happens, then 64 for its cost when it has a range and happens), each benefit, then the common and each scheme's normal.
    pub fn draw(&self, rng: &mut ChaCha8Rng, into: &mut Drawn) {
        into.risks.clear();
        into.benefits.clear();
        for r in &self.risks {
            if happens(rng, r.below) {
                into.risks.push((r.index, r.cost.pence(rng)));
            }
        }
        for b in &self.benefits {
            if happens(rng, b.below) {
                into.benefits.push(b.index);
            }
        }
        into.percents = self.spread.as_ref().map(|s| {
            let common = normal(rng);
            s.base
                .iter()
                .map(|base| {
                    let value = base + s.sd * (s.common * common + s.own * normal(rng));
                    Decimal::from_f64_retain(value)
                        .unwrap_or_default()
                        .round_dp(4)
                        .max(-Decimal::ONE_HUNDRED)
                })
                .collect()
        });
    }
}

/// An amount in whole pence (money is held to the penny).
pub fn pence_of(amount: Decimal) -> i128 {
    (amount * Decimal::ONE_HUNDRED)
        .trunc()
        .to_i128()
        .unwrap_or(0)
}

/// The drawn what-if, for the engine: the base scenario with the drawn risks happening, the
/// drawn benefits realised and the drawn percents held per scheme; and the agreement with each
/// happening risk's drawn cost.
pub fn what_if(agreement: &mut Agreement, base: &Scenario, drawn: &Drawn) -> Scenario {
    let mut scenario = Scenario {
        risks: Vec::with_capacity(drawn.risks.len()),
        benefits: Vec::with_capacity(drawn.benefits.len()),
        ..base.clone()
    };
    for &(index, cost) in &drawn.risks {
        let risk = &mut agreement.risks[index];
        risk.cost = Decimal::from_i128_with_scale(cost, 2);
        scenario.risks.push(risk.id.clone());
    }
    for &index in &drawn.benefits {
        scenario.benefits.push(agreement.benefits[index].id.clone());
    }
    if let Some(percents) = &drawn.percents {
        for (scheme, percent) in agreement.schemes.iter().zip(percents) {
            scenario.schemes.insert(scheme.id.clone(), *percent);
        }
    }
    scenario
}
