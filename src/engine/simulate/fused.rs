//! Drawing and working out a trial in one pass, for agreements the integer-pence path serves.
//!
//! It draws exactly what [`Drawer::draw`] draws, in the same order from the same stream, but
//! instead of listing what happened it adds each happening risk's cost (less each realised
//! benefit's value) straight into its scheme's or party's sum: the first bytes of the draws
//! come as one block and are compared with the chances in a loop without branches, a run of
//! items going to the same sum at a time. The sums then go through [`Fast::finish`]. A trial the
//! integer path leaves to the engine is drawn again the ordinary way (from the same place in the
//! stream) and worked out by the evaluator.

use super::Evaluator;
use super::draw::{Chance, CostDraw, Drawer, Drawn, low_bits};
use super::evaluate::Trial;
use super::fast::Fast;
use crate::engine::EngineError;
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

/// Consecutive items (risks, then benefits, in the drawer's order) that go to one sum.
#[derive(Debug, Clone)]
struct Run {
    slot: usize,
    start: usize,
    end: usize,
}

/// A risk with a cost range, drawn after the first bytes and the ties.
#[derive(Debug, Clone)]
struct Ranged {
    item: usize,
    slot: usize,
    cost: CostDraw,
}

/// The one-pass trial for one agreement, drawer and integer path.
#[derive(Debug, Clone)]
pub struct Fused<'a> {
    drawer: &'a Drawer,
    fast: &'a Fast,
    /// Per item: the top byte of its chance (0 to 256) and the whole chance.
    hi: Vec<u16>,
    chances: Vec<Chance>,
    /// Per item: what it adds to its sum when it happens (a fixed cost, minus a benefit's
    /// value; 0 for a ranged cost, added when drawn).
    amounts: Vec<i64>,
    slots: Vec<usize>,
    runs: Vec<Run>,
    ranged: Vec<Ranged>,
}

/// What one thread keeps between trials.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    bytes: Vec<u8>,
    /// Per item, for tied items: whether its low bits won.
    won: Vec<bool>,
    sums: Vec<i128>,
    percents: Option<Vec<Decimal>>,
    pub drawn: Drawn,
}

impl<'a> Fused<'a> {
    /// The one-pass trial, when every item has a slot and the fixed amounts are small enough
    /// to be summed in 64 bits.
    pub fn new(drawer: &'a Drawer, fast: &'a Fast) -> Option<Fused<'a>> {
        let risk_indexes: Vec<usize> = drawer.risks.iter().map(|r| r.index).collect();
        let benefit_indexes: Vec<usize> = drawer.benefits.iter().map(|b| b.index).collect();
        let mut slots = fast.risk_slots(&risk_indexes)?;
        let benefits = fast.benefit_slots(&benefit_indexes)?;
        let mut amounts = Vec::with_capacity(slots.len() + benefits.len());
        let mut ranged = Vec::new();
        for (item, r) in drawer.risks.iter().enumerate() {
            amounts.push(match r.cost {
                CostDraw::Fixed(pence) => i64::try_from(pence).ok()?,
                CostDraw::Triangular { .. } => {
                    ranged.push(Ranged {
                        item,
                        slot: slots[item],
                        cost: r.cost,
                    });
                    0
                }
            });
        }
        for &(slot, value) in &benefits {
            slots.push(slot);
            amounts.push(-i64::try_from(value).ok()?);
        }
        // Every fixed amount happening at once still fits, with room to spare.
        let most = amounts
            .iter()
            .try_fold(0i64, |sum, a| sum.checked_add(a.checked_abs()?))?;
        most.checked_mul(4)?;
        let chances: Vec<Chance> = drawer
            .risks
            .iter()
            .map(|r| r.chance)
            .chain(drawer.benefits.iter().map(|b| b.chance))
            .collect();
        let mut runs: Vec<Run> = Vec::new();
        for (item, &slot) in slots.iter().enumerate() {
            match runs.last_mut() {
                Some(run) if run.slot == slot => run.end = item + 1,
                _ => runs.push(Run {
                    slot,
                    start: item,
                    end: item + 1,
                }),
            }
        }
        Some(Fused {
            drawer,
            fast,
            hi: chances.iter().map(|c| c.hi).collect(),
            chances,
            amounts,
            slots,
            runs,
            ranged,
        })
    }

    /// Draws one trial and works it out into `out`: what `Drawer::draw` then
    /// `Evaluator::trial_into` give, from the same stream.
    pub fn trial(
        &self,
        rng: &mut ChaCha8Rng,
        scratch: &mut Scratch,
        evaluator: &mut Evaluator,
        out: &mut Trial,
    ) -> Result<(), EngineError> {
        let start = rng.get_word_pos();
        let Scratch {
            bytes,
            won,
            sums,
            percents,
            drawn,
        } = scratch;
        self.drawer.first_bytes(rng, bytes);
        sums.clear();
        sums.resize(self.fast.slots(), 0);
        let mut ties = false;
        for run in &self.runs {
            let (mut sum, range) = (0i64, run.start..run.end);
            for ((&byte, &hi), &amount) in bytes[range.clone()]
                .iter()
                .zip(&self.hi[range.clone()])
                .zip(&self.amounts[range])
            {
                let byte = u16::from(byte);
                sum += amount & -i64::from(byte < hi);
                ties |= byte == hi;
            }
            sums[run.slot] += i128::from(sum);
        }
        if ties {
            won.resize(bytes.len(), false);
            for (item, (&byte, &hi)) in bytes.iter().zip(&self.hi).enumerate() {
                if u16::from(byte) == hi {
                    won[item] = self.chances[item].below(byte, || low_bits(rng));
                    if won[item] {
                        sums[self.slots[item]] += i128::from(self.amounts[item]);
                    }
                }
            }
        }
        for r in &self.ranged {
            let byte = bytes[r.item];
            let happens = if self.chances[r.item].ties(byte) {
                won[r.item]
            } else {
                u16::from(byte) < self.hi[r.item]
            };
            if happens {
                sums[r.slot] += r.cost.pence(rng);
            }
        }
        self.drawer.draw_percents(rng, percents);
        if self.fast.finish(sums, percents.as_deref(), out).is_some() {
            return Ok(());
        }
        // Left to the engine: the same draws again, listed.
        rng.set_word_pos(start);
        self.drawer.draw(rng, drawn);
        evaluator.trial_into(drawn, out)
    }
}
