//! The integer-pence path for the common shape of agreement: each scheme's rule on each side
//! shares by one basis (`Contribution` or `Equal`, the same for its one band and its
//! redistribution), with a contingency or reinvestment and caps; risks pooled or retained.
//!
//! With one basis, the engine's passes of capping and redistributing end where every member
//! not at its cap takes `R x w / W` of what is left `R` (the water-filling fixed point), so the
//! exact amounts are fractions over one denominator `W` and their pence and remainders are
//! integer arithmetic. Where the engine's rounding could go another way than the fractions (a
//! tie of remainders between members of different weights at the last penny handed out, a
//! basis with no weight left to share by, amounts too large for the margin) the trial is left
//! to the engine. `tests/engine_simulate.rs` checks every trial against `engine::allocate`.

use super::draw::{Drawn, pence_of};
use super::evaluate::Trial;
use super::share::{SideRule, pence, share};
use crate::model::{Agreement, Scenario, Treatment};
use rust_decimal::Decimal;

/// Beyond this many pence an amount is left to the engine: the fractions then stay far apart
/// compared with the engine's 28-digit rounding.
const LIMIT: i128 = 10_000_000_000_000;

#[derive(Debug, Clone)]
struct FastScheme {
    budget: Decimal,
    /// Members as indexes into the agreement's parties, in the scheme's order.
    members: Vec<usize>,
    over: SideRule,
    under: SideRule,
    /// The base what-if's variance in pence (before risks), for the base percent.
    base: Option<i128>,
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Scheme(usize),
    Party(usize),
}

#[derive(Debug, Clone)]
pub struct Fast {
    schemes: Vec<FastScheme>,
    parties: usize,
    risks: Vec<Option<Target>>,
    benefits: Vec<Option<Target>>,
    benefit_value: Vec<i128>,
}

/// The scheme's variance in pence at a percent, as the engine's step 1 works it out.
fn variance_at(budget: Decimal, percent: Decimal) -> Option<i128> {
    let v = pence(budget.checked_mul(percent)? / Decimal::ONE_HUNDRED);
    Some(pence_of(v))
}

impl Fast {
    /// The fast path for this agreement and base what-if, when its shape allows one.
    pub fn new(agreement: &Agreement, base: &Scenario) -> Option<Fast> {
        // The pool's netting and contingency, and schemes held at an amount, are the engine's.
        if agreement.pool.is_some() || !base.amounts.is_empty() {
            return None;
        }
        let party = |id: &str| agreement.parties.iter().position(|p| p.id == id);
        let scheme_of =
            |id: Option<&str>| id.and_then(|id| agreement.schemes.iter().position(|s| s.id == id));
        let mut schemes = Vec::new();
        for scheme in &agreement.schemes {
            let budget = scheme
                .contributions
                .values()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))?;
            if pence_of(budget) > LIMIT {
                return None;
            }
            schemes.push(FastScheme {
                budget,
                members: scheme.members().map(party).collect::<Option<Vec<_>>>()?,
                over: SideRule::new(scheme, &scheme.overspend)?,
                under: SideRule::new(scheme, &scheme.underspend)?,
                base: variance_at(budget, base.variance_for(&scheme.id)),
            });
        }
        let mut risks = Vec::new();
        for r in &agreement.risks {
            risks.push(match (r.treatment, scheme_of(r.scheme.as_deref())) {
                (Treatment::Pooled, Some(s)) => Some(Target::Scheme(s)),
                (Treatment::Pooled | Treatment::Retained, _) => party(&r.owner).map(Target::Party),
                (Treatment::ByInfluence, _) if !r.is_open() => None,
                _ => return None,
            });
        }
        let benefits = agreement
            .benefits
            .iter()
            .map(|b| match (b.shared, scheme_of(b.scheme.as_deref())) {
                (true, Some(s)) => Some(Target::Scheme(s)),
                _ => party(&b.realised_by).map(Target::Party),
            })
            .collect();
        Some(Fast {
            schemes,
            parties: agreement.parties.len(),
            risks,
            benefits,
            benefit_value: agreement
                .benefits
                .iter()
                .map(|b| pence_of(b.value))
                .collect(),
        })
    }

    /// One trial in integer pence, or `None` where it must be left to the engine.
    pub fn trial(&self, drawn: &Drawn, out: &mut Trial) -> Option<()> {
        let schemes = self.schemes.len();
        let mut sums = vec![0i128; schemes + self.parties];
        for &(index, cost) in &drawn.risks {
            sums[self.slot(self.risks[index]?)] += cost;
        }
        for &index in &drawn.benefits {
            sums[self.slot(self.benefits[index]?)] -= self.benefit_value[index];
        }
        self.finish(&sums, drawn.percents.as_deref(), out)
    }

    /// Where a risk's cost or a benefit's value goes in a trial's sums: the schemes first, then
    /// the parties.
    fn slot(&self, target: Target) -> usize {
        match target {
            Target::Scheme(s) => s,
            Target::Party(p) => self.schemes.len() + p,
        }
    }

    /// The slot of each open risk's cost (`Drawer` order), or None when one is the engine's.
    pub fn risk_slots(&self, risks: &[usize]) -> Option<Vec<usize>> {
        risks
            .iter()
            .map(|&i| Some(self.slot(self.risks[i]?)))
            .collect()
    }

    /// The slot and value in pence of each benefit (`Drawer` order), or None.
    pub fn benefit_slots(&self, benefits: &[usize]) -> Option<Vec<(usize, i128)>> {
        benefits
            .iter()
            .map(|&i| Some((self.slot(self.benefits[i]?), self.benefit_value[i])))
            .collect()
    }

    /// How many slots a trial's sums have: one per scheme, then one per party.
    pub fn slots(&self) -> usize {
        self.schemes.len() + self.parties
    }

    /// A trial from its sums (each scheme's happening pooled costs less its realised shared
    /// benefits, then what goes straight to each party) and the drawn percents, or `None`.
    pub fn finish(
        &self,
        sums: &[i128],
        percents: Option<&[Decimal]>,
        out: &mut Trial,
    ) -> Option<()> {
        let schemes = self.schemes.len();
        out.totals.clear();
        out.totals.extend_from_slice(&sums[schemes..]);
        out.variances.clear();
        out.unallocated.clear();
        for (s, scheme) in self.schemes.iter().enumerate() {
            let base = match percents {
                Some(percents) => variance_at(scheme.budget, percents[s])?,
                None => scheme.base?,
            };
            let v = base + sums[s];
            if v.abs() > LIMIT {
                return None;
            }
            out.variances.push(v);
            let unallocated = share(
                &scheme.over,
                &scheme.under,
                &scheme.members,
                v,
                &mut out.totals,
            )?;
            out.unallocated.push(unallocated);
        }
        Some(())
    }
}
