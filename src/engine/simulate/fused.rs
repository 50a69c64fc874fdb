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

/// The most items in one block: a block whose first bytes tie is looked at again item by item.
const BLOCK: usize = 64;

/// Consecutive items (risks, then benefits, in the drawer's order) that go to one sum and whose
/// amounts all together span less than 2^32 pence: their sum is taken in wrapping 32-bit
/// arithmetic (four times as many at once as in 64 bits) and put right from `low`, the sum of
/// the block's negative amounts, since the true sum lies in `low..low + 2^32`.
#[derive(Debug, Clone)]
struct Block {
    slot: usize,
    start: usize,
    end: usize,
    low: i64,
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
    /// Per item, for the block sums: the top byte of its chance, and its amount modulo 2^32
    /// (both 0 for a certainty, counted in `certain`, and the amount 0 for a ranged cost).
    hi: Vec<u8>,
    low_amounts: Vec<u32>,
    /// Per slot: what happens in every trial (the fixed amounts of certainties).
    certain: Vec<i128>,
    /// Per item: the whole chance, what it adds to its sum when it happens (a fixed cost, minus
    /// a benefit's value; 0 for a ranged cost, added when drawn) and its slot.
    chances: Vec<Chance>,
    amounts: Vec<i64>,
    slots: Vec<usize>,
    blocks: Vec<Block>,
    ranged: Vec<Ranged>,
}

/// What one thread keeps between trials.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    bytes: Vec<u8>,
    /// Per item, for tied items: whether its low bits won.
    won: Vec<bool>,
    /// The blocks whose first bytes tie somewhere.
    tied: Vec<usize>,
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
        let chances: Vec<Chance> = drawer
            .risks
            .iter()
            .map(|r| r.chance)
            .chain(drawer.benefits.iter().map(|b| b.chance))
            .collect();
        let ranged_items: Vec<bool> = (0..amounts.len())
            .map(|item| ranged.iter().any(|r| r.item == item))
            .collect();
        let mut certain = vec![0i128; fast.slots()];
        let (mut hi, mut low_amounts) = (Vec::new(), Vec::new());
        for (item, (chance, &amount)) in chances.iter().zip(&amounts).enumerate() {
            let is_certain = chance.hi > 255;
            if is_certain && !ranged_items[item] {
                certain[slots[item]] += i128::from(amount);
            }
            hi.push(if is_certain { 0 } else { chance.hi as u8 });
            low_amounts.push(if is_certain { 0 } else { amount as u32 });
        }
        let mut blocks: Vec<Block> = Vec::new();
        let mut width = 0u64;
        for (item, (&slot, &amount)) in slots.iter().zip(&amounts).enumerate() {
            let size = amount.unsigned_abs();
            if size >= 1 << 32 {
                return None;
            }
            let negative = amount.min(0);
            match blocks.last_mut() {
                Some(block)
                    if block.slot == slot
                        && block.end - block.start < BLOCK
                        && width + size < 1 << 32 =>
                {
                    block.end = item + 1;
                    block.low += negative;
                    width += size;
                }
                _ => {
                    blocks.push(Block {
                        slot,
                        start: item,
                        end: item + 1,
                        low: negative,
                    });
                    width = size;
                }
            }
        }
        Some(Fused {
            drawer,
            fast,
            hi,
            low_amounts,
            certain,
            chances,
            amounts,
            slots,
            blocks,
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
            tied,
            sums,
            percents,
            drawn,
        } = scratch;
        self.drawer.first_bytes(rng, bytes);
        sums.clone_from(&self.certain);
        tied.clear();
        for (b, block) in self.blocks.iter().enumerate() {
            let (mut sum, mut tie, range) = (0u32, false, block.start..block.end);
            for ((&byte, &hi), &amount) in bytes[range.clone()]
                .iter()
                .zip(&self.hi[range.clone()])
                .zip(&self.low_amounts[range])
            {
                sum = sum.wrapping_add(amount & 0u32.wrapping_sub(u32::from(byte < hi)));
                tie |= byte == hi;
            }
            let sum = block.low + i64::from(sum.wrapping_sub(block.low as u32));
            sums[block.slot] += i128::from(sum);
            if tie {
                tied.push(b);
            }
        }
        if !tied.is_empty() {
            won.resize(bytes.len(), false);
            for block in tied.iter().map(|&b| &self.blocks[b]) {
                for item in block.start..block.end {
                    let (byte, chance) = (bytes[item], self.chances[item]);
                    if chance.ties(byte) {
                        won[item] = chance.below(byte, || low_bits(rng));
                        if won[item] {
                            sums[self.slots[item]] += i128::from(self.amounts[item]);
                        }
                    }
                }
            }
        }
        for r in &self.ranged {
            let byte = bytes[r.item];
            let chance = self.chances[r.item];
            let happens = if chance.ties(byte) {
                won[r.item]
            } else {
                u16::from(byte) < chance.hi
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
