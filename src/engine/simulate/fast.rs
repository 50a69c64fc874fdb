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
use crate::model::{Agreement, Basis, Cap, Rule, Scenario, Treatment};
use rust_decimal::{Decimal, RoundingStrategy};

/// Beyond this many pence an amount is left to the engine: the fractions then stay far apart
/// compared with the engine's 28-digit rounding.
const LIMIT: i128 = 10_000_000_000_000;

#[derive(Debug, Clone)]
struct SideRule {
    weights: Vec<i128>,
    caps: Vec<Option<i128>>,
    contingency: i128,
    reinvest: Decimal,
}

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

fn pence(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

fn pence_down(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `num / den` and `num % den` (`den` positive), in 64 bits where both fit: far quicker than
/// 128-bit division.
fn div_rem(num: i128, den: i128) -> (i128, i128) {
    match (u64::try_from(num), u64::try_from(den)) {
        (Ok(n), Ok(d)) => (i128::from(n / d), i128::from(n % d)),
        _ => (num / den, num % den),
    }
}

/// The scheme's variance in pence at a percent, as the engine's step 1 works it out.
fn variance_at(budget: Decimal, percent: Decimal) -> Option<i128> {
    let v = pence(budget.checked_mul(percent)? / Decimal::ONE_HUNDRED);
    Some(pence_of(v))
}

fn side_rule(scheme: &crate::model::Scheme, rule: &Rule) -> Option<SideRule> {
    let [band] = rule.bands.as_slice() else {
        return None;
    };
    if rule.threshold.is_some() {
        return None;
    }
    if band.basis != rule.redistribute {
        return None;
    }
    let mut weights: Vec<i128> = match band.basis {
        Basis::Equal => scheme.members().map(|_| 1).collect(),
        Basis::Contribution => scheme
            .contributions
            .values()
            .map(|c| pence_of(*c))
            .collect(),
        _ => return None,
    };
    // Only the ratios of the weights matter (each part is `R x w / W`, and the remainders are
    // compared only with one another and with zero), so they are divided by their greatest
    // common divisor: contributions in round pounds become small numbers.
    let divisor = weights.iter().fold(0, |g, &w| gcd(g, w));
    if divisor > 1 {
        weights.iter_mut().for_each(|w| *w /= divisor);
    }
    let mut caps = Vec::with_capacity(weights.len());
    for (m, contribution) in scheme.contributions.iter() {
        caps.push(match rule.caps.get(m) {
            None => None,
            Some(cap) => {
                #[allow(unreachable_patterns)]
                let pounds = match cap {
                    Cap::Percent(p) => *contribution * *p / Decimal::ONE_HUNDRED,
                    Cap::Amount(a) => *a,
                    _ => return None,
                };
                Some(pence_of(pence_down(pounds.max(Decimal::ZERO))))
            }
        });
    }
    Some(SideRule {
        weights,
        caps,
        contingency: pence_of(pence(rule.contingency.max(Decimal::ZERO))),
        reinvest: rule.reinvest.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
    })
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
                over: side_rule(scheme, &scheme.overspend)?,
                under: side_rule(scheme, &scheme.underspend)?,
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
            let unallocated = share(scheme, v, &mut out.totals)?;
            out.unallocated.push(unallocated);
        }
        Some(())
    }
}

/// Shares one scheme's variance `v` (pence) into the party totals; returns what is unallocated.
fn share(scheme: &FastScheme, v: i128, totals: &mut [i128]) -> Option<i128> {
    if v == 0 {
        return Some(0);
    }
    let (rule, sign) = if v > 0 {
        (&scheme.over, 1)
    } else {
        (&scheme.under, -1)
    };
    let magnitude = v.abs();
    let a = if v > 0 {
        magnitude - magnitude.min(rule.contingency)
    } else {
        let m = Decimal::from_i128_with_scale(magnitude, 2);
        magnitude - pence_of(pence(m * (rule.reinvest / Decimal::ONE_HUNDRED)))
    };
    let n = scheme.members.len();
    let mut capped = [false; 32];
    if n > capped.len() {
        return None;
    }
    let capped = &mut capped[..n];
    // Water-filling: cap every member whose part of what is left reaches its cap, until none.
    let (left, weight) = loop {
        let weight: i128 = (0..n)
            .filter(|&i| !capped[i])
            .map(|i| rule.weights[i])
            .sum();
        let left = a
            - (0..n)
                .filter(|&i| capped[i])
                .map(|i| rule.caps[i].unwrap_or(0))
                .sum::<i128>();
        if weight == 0 {
            if left != 0 && capped.iter().any(|c| !c) {
                return None; // the engine falls back to Equal here
            }
            break (left, weight);
        }
        let mut more = false;
        for (i, held) in capped.iter_mut().enumerate() {
            if let (false, Some(cap)) = (*held, rule.caps[i])
                && left * rule.weights[i] >= cap * weight
            {
                *held = true;
                more = true;
            }
        }
        if !more {
            break (left, weight);
        }
    };
    if a == 0 {
        return Some(0);
    }
    let unallocated = if weight == 0 { left.max(0) } else { 0 };
    let mut floors = [0i128; 32];
    let mut rems = [0i128; 32];
    let mut given = 0;
    for i in 0..n {
        if capped[i] || weight == 0 {
            floors[i] = if capped[i] {
                rule.caps[i].unwrap_or(0)
            } else {
                0
            };
        } else {
            (floors[i], rems[i]) = div_rem(left * rule.weights[i], weight);
        }
        given += floors[i];
    }
    let missing = a - unallocated - given;
    if missing < 0 || missing as usize > n {
        return None;
    }
    if missing > 0 {
        // The pennies left go to the largest remainders, ties in the members' order: sorted
        // as one key each, the remainder above the member's place counted down from 31.
        let k = missing as usize;
        let mut keys = [0u64; 32];
        let keys = &mut keys[..n];
        for (i, key) in keys.iter_mut().enumerate() {
            let rem = u64::try_from(rems[i]).ok().filter(|r| *r < 1 << 58)?;
            *key = (rem << 5) | (31 - i as u64);
        }
        keys.sort_unstable_by(|a, b| b.cmp(a));
        let order = |place: usize| 31 - (keys[place] & 31) as usize;
        if k < n {
            let (last, next) = (order(k - 1), order(k));
            if rems[last] == 0
                || (rems[last] == rems[next] && rule.weights[last] != rule.weights[next])
            {
                return None;
            }
        }
        for place in 0..k {
            let i = order(place);
            if rems[i] == 0 {
                return None;
            }
            floors[i] += 1;
        }
    }
    for (i, &member) in scheme.members.iter().enumerate() {
        totals[member] += sign * floors[i];
    }
    Some(unallocated)
}
