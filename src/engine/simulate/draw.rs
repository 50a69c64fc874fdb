//! One trial's draws: which open risks happen and at what cost, which benefits are realised,
//! and (with a spread) each scheme's variance; and the what-if the engine runs on them.
//!
//! Whether a risk happens is whether a uniform 32-bit number is below its chance x 2^32, but
//! the number is drawn lazily, most significant byte first: one byte per open risk and benefit,
//! and only where that byte equals the top byte of the bound (1 in 256) the low 24 bits too.
//! That is the same chance to the 32nd bit and draws about a quarter of the random bytes.

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

/// A chance as the bound of a 32-bit draw (chance x 2^32, rounded), split for the lazy
/// comparison: the draw's top byte against `hi`, and on a tie its low 24 bits against `lo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chance {
    /// The bound's top byte: 0 to 256 (256 for a certainty).
    pub hi: u16,
    /// The bound's low 24 bits.
    pub lo: u32,
}

impl Chance {
    pub fn new(below: u64) -> Chance {
        let below = below.min(1 << 32);
        Chance {
            hi: (below >> 24) as u16,
            lo: (below & 0xFF_FFFF) as u32,
        }
    }

    /// Whether the first byte settles it.
    pub fn ties(self, byte: u8) -> bool {
        u16::from(byte) == self.hi
    }

    /// Whether a draw whose top byte is `byte` is below the bound: `low` gives the draw's low
    /// 24 bits, asked for only when the top byte ties.
    pub fn below(self, byte: u8, low: impl FnOnce() -> u32) -> bool {
        match u16::from(byte).cmp(&self.hi) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => low() < self.lo,
        }
    }
}

/// The low 24 bits of a tied draw.
pub fn low_bits(rng: &mut ChaCha8Rng) -> u32 {
    rng.next_u32() >> 8
}

/// One open risk, ready to draw.
#[derive(Debug, Clone)]
pub struct RiskDraw {
    /// Its place in the agreement's risks.
    pub index: usize,
    pub chance: Chance,
    pub cost: CostDraw,
}

/// One benefit, ready to draw.
#[derive(Debug, Clone)]
pub struct BenefitDraw {
    pub index: usize,
    pub chance: Chance,
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
    /// The first byte of each open risk's and benefit's draw (room kept between trials).
    pub bytes: Vec<u8>,
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
fn below(percent: Decimal) -> Chance {
    let p = (percent.to_f64().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0);
    Chance::new((p * 4_294_967_296.0).round() as u64)
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
                chance: below(r.probability_percent()),
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
                chance: below(
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

    /// Draws one trial. The order of draws is fixed: the first byte of each open risk's draw
    /// then of each benefit's (in the agreement's order, as one block of bytes); the low bits
    /// of each tied draw, in the same order; the cost of each happening risk that has a range;
    /// then the common and each scheme's normal.
    pub fn draw(&self, rng: &mut ChaCha8Rng, into: &mut Drawn) {
        into.risks.clear();
        into.benefits.clear();
        self.first_bytes(rng, &mut into.bytes);
        let (risk_bytes, benefit_bytes) = into.bytes.split_at(self.risks.len());
        for (r, &byte) in self.risks.iter().zip(risk_bytes) {
            if r.chance.below(byte, || low_bits(rng)) {
                into.risks.push((r.index, 0));
            }
        }
        for (b, &byte) in self.benefits.iter().zip(benefit_bytes) {
            if b.chance.below(byte, || low_bits(rng)) {
                into.benefits.push(b.index);
            }
        }
        // The drawn risks are in the agreement's order, as `self.risks` is.
        let mut ranged = self.risks.iter();
        for (index, cost) in &mut into.risks {
            if let Some(r) = ranged.find(|r| r.index == *index) {
                *cost = r.cost.pence(rng);
            }
        }
        self.draw_percents(rng, &mut into.percents);
    }

    /// The block of first bytes: one per open risk, then one per benefit.
    pub fn first_bytes(&self, rng: &mut ChaCha8Rng, bytes: &mut Vec<u8>) {
        bytes.resize(self.risks.len() + self.benefits.len(), 0);
        rng.fill_bytes(bytes);
    }

    /// The schemes' percents, when a spread is drawn.
    pub fn draw_percents(&self, rng: &mut ChaCha8Rng, into: &mut Option<Vec<Decimal>>) {
        let Some(s) = self.spread.as_ref() else {
            *into = None;
            return;
        };
        let percents = into.get_or_insert_with(Vec::new);
        percents.clear();
        let common = normal(rng);
        percents.extend(s.base.iter().map(|base| {
            let value = base + s.sd * (s.common * common + s.own * normal(rng));
            Decimal::from_f64_retain(value)
                .unwrap_or_default()
                .round_dp(4)
                .max(-Decimal::ONE_HUNDRED)
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lazy comparison is the comparison of the whole 32-bit draw, for bounds at and
    /// around every edge (none, certainty, a tie on the top byte) and every top byte.
    #[test]
    fn the_lazy_comparison_is_the_32_bit_one() {
        let bounds = [
            0u64,
            1,
            255,
            1 << 24,
            (1 << 24) + 1,
            0x0DCC_CCCD,
            0x7FFF_FFFF,
            0x8000_0000,
            0xE666_6666,
            0xFF00_0000,
            0xFFFF_FFFF,
            1 << 32,
        ];
        let lows = [0u32, 1, 0x7F_FFFF, 0xCC_CCCC, 0xCC_CCCD, 0xFF_FFFF];
        for below in bounds {
            let chance = Chance::new(below);
            for byte in 0..=255u8 {
                for low in lows {
                    let draw = (u64::from(byte) << 24) | u64::from(low);
                    let mut asked = false;
                    let lazy = chance.below(byte, || {
                        asked = true;
                        low
                    });
                    assert_eq!(lazy, draw < below, "{below:#x} {draw:#x}");
                    assert_eq!(asked, chance.ties(byte));
                }
            }
        }
    }
}
