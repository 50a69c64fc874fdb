//! Works out a trial: the drawn what-if through `engine::allocate`.
//!
//! The register's pooled risks and the shared benefits only ever reach the allocation as one
//! sum per scheme (step 1 adds each happening pooled risk's cost to its scheme's variance and
//! takes off each realised shared benefit's value, exact pence additions). So the evaluator
//! runs the engine on a folded copy of the agreement: those risks and benefits are replaced by
//! one pooled stand-in risk per scheme whose cost is the trial's sum for that scheme. The
//! engine then does the same calculation on the same variances, every rule included, without
//! walking hundreds of risks per trial. `tests/engine_simulate.rs` checks trial by trial that
//! the figures equal `engine::allocate` on the full drawn what-if.

use super::draw::{Drawer, Drawn, chunk_rng, pence_of, uniform, what_if};
use super::fast::Fast;
use crate::engine::{EngineError, allocate};
use crate::model::{Agreement, Scenario, Status, Treatment};
use rust_decimal::Decimal;

/// The figures of one trial, as the engine gave them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trial {
    /// Each party's total in pence, in the agreement's order.
    pub totals: Vec<i128>,
    /// Each scheme's variance and unallocated money in pence, in the agreement's order.
    pub variances: Vec<i128>,
    pub unallocated: Vec<i128>,
}

/// Works out trials for one agreement and base what-if.
#[derive(Debug, Clone)]
pub struct Evaluator<'a> {
    base: &'a Scenario,
    work: Agreement,
    fold: Option<Fold>,
    fast: Option<Fast>,
}

/// How the agreement was folded.
#[derive(Debug, Clone)]
struct Fold {
    /// For each of the agreement's risks, the scheme (by index) its cost is pooled into.
    risk_scheme: Vec<Option<usize>>,
    /// For each risk outside the pool, its place in `work.risks`.
    risk_slot: Vec<usize>,
    /// For each benefit, the scheme its value is shared in, and its value in pence.
    benefit_scheme: Vec<Option<usize>>,
    benefit_value: Vec<i128>,
    /// For each benefit outside the pool, its place in `work.benefits`.
    benefit_slot: Vec<usize>,
    /// The stand-ins, at the start of `work.risks`, one per scheme.
    stand_ins: usize,
    /// The scenario of the last trial, kept to reuse its lists.
    scenario: Scenario,
    sums: Vec<i128>,
}

impl<'a> Evaluator<'a> {
    /// The evaluator for an agreement and base what-if. The integer-pence path is taken only
    /// when the agreement has its shape and it agrees with the engine on 128 probe trials
    /// (half of them with every scheme's variance drawn from -15% to +15%), so a rule it does
    /// not know of turns it off rather than changing a figure.
    pub fn new(agreement: &Agreement, base: &'a Scenario, drawer: &Drawer) -> Evaluator<'a> {
        let fold = Self::fold(agreement, base);
        let work = match &fold {
            Some((work, _)) => work.clone(),
            None => agreement.clone(),
        };
        let mut evaluator = Evaluator {
            base,
            work,
            fold: fold.map(|(_, f)| f),
            fast: Fast::new(agreement, base),
        };
        if !evaluator.probe(drawer) {
            evaluator.fast = None;
        }
        evaluator
    }

    fn probe(&mut self, drawer: &Drawer) -> bool {
        let Some(fast) = self.fast.take() else {
            return false;
        };
        let mut rng = chunk_rng(0x5eed, u64::MAX);
        let (mut drawn, mut a, mut b) = (Drawn::default(), Trial::default(), Trial::default());
        let schemes = self.work.schemes.len();
        for n in 0..128 {
            drawer.draw(&mut rng, &mut drawn);
            if n % 2 == 1 {
                drawn.percents = Some(
                    (0..schemes)
                        .map(|_| Decimal::new((uniform(&mut rng) * 3000.0) as i64 - 1500, 2))
                        .collect(),
                );
            }
            if fast.trial(&drawn, &mut a).is_some()
                && (self.engine_into(&drawn, &mut b).is_err() || a != b)
            {
                return false;
            }
        }
        self.fast = Some(fast);
        true
    }

    /// Whether the integer-pence path serves this agreement (trial by trial it may still
    /// leave one to the engine).
    pub fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    /// The integer-pence path, when it serves this agreement.
    pub(crate) fn fast(&self) -> Option<&Fast> {
        self.fast.as_ref()
    }

    /// The engine alone from now on, for comparing the two.
    pub fn without_fast_path(mut self) -> Self {
        self.fast = None;
        self
    }

    /// The folded agreement, when there is a pooled risk to serve as the stand-ins' pattern.
    fn fold(agreement: &Agreement, base: &Scenario) -> Option<(Agreement, Fold)> {
        let scheme_of =
            |id: Option<&str>| id.and_then(|id| agreement.schemes.iter().position(|s| s.id == id));
        let risk_scheme: Vec<Option<usize>> = agreement
            .risks
            .iter()
            .map(|r| match r.treatment {
                Treatment::Pooled => scheme_of(r.scheme.as_deref()),
                _ => None,
            })
            .collect();
        let benefit_scheme: Vec<Option<usize>> = agreement
            .benefits
            .iter()
            .map(|b| b.shared.then(|| scheme_of(b.scheme.as_deref())).flatten())
            .collect();
        let pattern = agreement
            .risks
            .iter()
            .zip(&risk_scheme)
            .find(|(_, s)| s.is_some())?
            .0;
        let mut work = agreement.clone();
        // Ids that no loaded file can have: text is cleaned of control characters on load.
        let stand_ins = work.schemes.iter().enumerate().map(|(i, scheme)| {
            let mut r = pattern.clone();
            r.id = format!("\u{1}pool {i}");
            r.scheme = Some(scheme.id.clone());
            r.cost = Decimal::ZERO;
            r.status = Status::Open;
            r
        });
        let kept = agreement
            .risks
            .iter()
            .zip(&risk_scheme)
            .filter(|(_, s)| s.is_none())
            .map(|(r, _)| r.clone());
        work.risks = stand_ins.chain(kept).collect();
        work.benefits = agreement
            .benefits
            .iter()
            .zip(&benefit_scheme)
            .filter(|(_, s)| s.is_none())
            .map(|(b, _)| b.clone())
            .collect();
        let schemes = agreement.schemes.len();
        let mut scenario = base.clone();
        scenario.risks = work.risks[..schemes].iter().map(|r| r.id.clone()).collect();
        scenario.benefits.clear();
        let slots = |schemes: &[Option<usize>], first: usize| {
            let mut next = first;
            schemes
                .iter()
                .map(|s| {
                    let slot = next;
                    next += usize::from(s.is_none());
                    slot
                })
                .collect::<Vec<usize>>()
        };
        let fold = Fold {
            risk_slot: slots(&risk_scheme, schemes),
            benefit_slot: slots(&benefit_scheme, 0),
            benefit_value: agreement
                .benefits
                .iter()
                .map(|b| pence_of(b.value))
                .collect(),
            risk_scheme,
            benefit_scheme,
            stand_ins: schemes,
            scenario,
            sums: vec![0; schemes],
        };
        Some((work, fold))
    }

    /// One trial's figures, as the engine gives them for the drawn what-if.
    pub fn trial(&mut self, drawn: &Drawn) -> Result<Trial, EngineError> {
        let mut out = Trial::default();
        self.trial_into(drawn, &mut out)?;
        Ok(out)
    }

    /// One trial's figures into `out`, reusing its room.
    pub fn trial_into(&mut self, drawn: &Drawn, out: &mut Trial) -> Result<(), EngineError> {
        if let Some(fast) = &self.fast
            && fast.trial(drawn, out).is_some()
        {
            return Ok(());
        }
        self.engine_into(drawn, out)
    }

    /// One trial through `engine::allocate` (on the folded agreement where there is one).
    fn engine_into(&mut self, drawn: &Drawn, out: &mut Trial) -> Result<(), EngineError> {
        let allocation = match &mut self.fold {
            None => {
                let scenario = what_if(&mut self.work, self.base, drawn);
                allocate(&self.work, &scenario)?
            }
            Some(fold) => {
                fold.sums.iter_mut().for_each(|s| *s = 0);
                let scenario = &mut fold.scenario;
                scenario.risks.truncate(fold.stand_ins);
                scenario.benefits.clear();
                for &(index, cost) in &drawn.risks {
                    match fold.risk_scheme[index] {
                        Some(s) => fold.sums[s] += cost,
                        None => {
                            let risk = &mut self.work.risks[fold.risk_slot[index]];
                            risk.cost = Decimal::from_i128_with_scale(cost, 2);
                            scenario.risks.push(risk.id.clone());
                        }
                    }
                }
                for &index in &drawn.benefits {
                    match fold.benefit_scheme[index] {
                        Some(s) => fold.sums[s] -= fold.benefit_value[index],
                        None => {
                            let benefit = &self.work.benefits[fold.benefit_slot[index]];
                            scenario.benefits.push(benefit.id.clone());
                        }
                    }
                }
                for (risk, sum) in self.work.risks.iter_mut().zip(&fold.sums) {
                    risk.cost = Decimal::from_i128_with_scale(*sum, 2);
                }
                scenario.schemes = self.base.schemes.clone();
                if let Some(percents) = &drawn.percents {
                    for (scheme, percent) in self.work.schemes.iter().zip(percents) {
                        scenario.schemes.insert(scheme.id.clone(), *percent);
                    }
                }
                allocate(&self.work, scenario)?
            }
        };
        out.totals.clear();
        out.totals
            .extend(allocation.parties.iter().map(|p| pence_of(p.total)));
        out.variances.clear();
        out.variances
            .extend(allocation.schemes.iter().map(|s| pence_of(s.variance)));
        out.unallocated.clear();
        out.unallocated
            .extend(allocation.schemes.iter().map(|s| pence_of(s.unallocated)));
        Ok(())
    }
}
