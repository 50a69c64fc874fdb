//! One scheme's sharing on the integer-pence path: a rule side with one basis, caps and a
//! contingency or reinvestment, worked out in pence without the engine's passes.
//!
//! The engine caps every member whose part of what is left reaches its cap and shares again
//! until none does. With one basis that ends where the members are capped in the order of
//! their cap over their weight, as far as the level of what is left over the weight left
//! reaches (capping one at or below the level never lowers it). So the order and, for each
//! number capped, the amount at which the next one is capped are worked out once per rule,
//! and a trial only counts how many of those amounts it reaches.

use super::draw::pence_of;
use crate::model::{Basis, Cap, Rule, Scheme};
use rust_decimal::{Decimal, RoundingStrategy};

/// The most members a scheme may have on this path.
const MEMBERS: usize = 32;

/// The next member to cap, once those before it in the order are capped: it is capped when
/// `a x weight >= at`, `a` being the amount to share.
#[derive(Debug, Clone)]
struct Step {
    member: usize,
    weight: i128,
    at: i128,
    /// The caps and the weight of the members capped once this one is too.
    caps_after: i128,
    weight_after: i128,
}

/// One side (overspend or underspend) of a scheme's rule.
#[derive(Debug, Clone)]
pub struct SideRule {
    weights: Vec<i128>,
    caps: Vec<Option<i128>>,
    /// The whole weight, and the members in the order they are capped.
    weight: i128,
    steps: Vec<Step>,
    contingency: i128,
    reinvest: Decimal,
}

pub fn pence(value: Decimal) -> Decimal {
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

impl SideRule {
    /// The side's sharing, when it has the path's shape.
    pub fn new(scheme: &Scheme, rule: &Rule) -> Option<SideRule> {
        let [band] = rule.bands.as_slice() else {
            return None;
        };
        if rule.threshold.is_some() || band.basis != rule.redistribute {
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
        if weights.len() > MEMBERS || weights.iter().any(|&w| w < 0) {
            return None;
        }
        // Only the ratios of the weights matter (each part is `R x w / W`, and the remainders
        // are compared only with one another and with zero), so they are divided by their
        // greatest common divisor: contributions in round pounds become small numbers.
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
        let weight = weights.iter().sum();
        Some(SideRule {
            steps: steps(&weights, &caps, weight)?,
            weights,
            caps,
            weight,
            contingency: pence_of(pence(rule.contingency.max(Decimal::ZERO))),
            reinvest: rule.reinvest.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
        })
    }
}

/// The capped members in the order they are capped: a cap of nothing first, then by cap over
/// weight (ties in the members' order). A member with no weight and a cap is never capped.
fn steps(weights: &[i128], caps: &[Option<i128>], weight: i128) -> Option<Vec<Step>> {
    let mut order: Vec<(usize, i128, i128)> = caps
        .iter()
        .zip(weights)
        .enumerate()
        .filter_map(|(i, (cap, &w))| cap.map(|c| (i, c, w)))
        .filter(|&(_, c, w)| w > 0 || c == 0)
        .collect();
    let mut ratios_fit = true;
    order.sort_by(|&(i, ci, wi), &(j, cj, wj)| {
        let by_ratio = match (ci.checked_mul(wj), cj.checked_mul(wi)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => {
                ratios_fit = false;
                std::cmp::Ordering::Equal
            }
        };
        (ci != 0).cmp(&(cj != 0)).then(by_ratio).then(i.cmp(&j))
    });
    if !ratios_fit {
        return None;
    }
    let (mut caps_before, mut weight_before) = (0i128, weight);
    let mut out = Vec::with_capacity(order.len());
    for (member, cap, w) in order {
        // Capped when (a - caps before) x w >= cap x weight before.
        let at = cap
            .checked_mul(weight_before)?
            .checked_add(caps_before.checked_mul(w)?)?;
        caps_before = caps_before.checked_add(cap)?;
        weight_before -= w;
        out.push(Step {
            member,
            weight: w,
            at,
            caps_after: caps_before,
            weight_after: weight_before,
        });
    }
    Some(out)
}

/// Shares one scheme's variance `v` (pence) into its members' totals (`totals[members[i]]`);
/// returns what is unallocated, or `None` where the trial is left to the engine. `v` is at most
/// the path's limit, so `a x weight` fits.
pub fn share(
    over: &SideRule,
    under: &SideRule,
    members: &[usize],
    v: i128,
    totals: &mut [i128],
) -> Option<i128> {
    if v == 0 {
        return Some(0);
    }
    let (rule, sign) = if v > 0 { (over, 1) } else { (under, -1) };
    let magnitude = v.abs();
    let a = if v > 0 {
        magnitude - magnitude.min(rule.contingency)
    } else {
        let m = Decimal::from_i128_with_scale(magnitude, 2);
        magnitude - pence_of(pence(m * (rule.reinvest / Decimal::ONE_HUNDRED)))
    };
    if a == 0 {
        return Some(0);
    }
    let n = members.len();
    // How many are capped: the steps whose amount `a` reaches. With no weight at all none is;
    // otherwise every cap of nothing is, even once the weight is used up.
    let (mut capped, mut cut, mut weight) = (0, 0i128, rule.weight);
    for step in &rule.steps {
        if rule.weight == 0 || a * step.weight < step.at {
            break;
        }
        (capped, cut, weight) = (capped + 1, step.caps_after, step.weight_after);
    }
    let left = a - cut;
    let mut held = [false; MEMBERS];
    for step in &rule.steps[..capped] {
        held[step.member] = true;
    }
    let held = &held[..n];
    if weight == 0 && left != 0 && held.iter().any(|h| !h) {
        return None; // the engine falls back to Equal here
    }
    let unallocated = if weight == 0 { left.max(0) } else { 0 };
    let mut floors = [0i128; MEMBERS];
    let mut rems = [0i128; MEMBERS];
    let mut given = 0;
    for i in 0..n {
        if held[i] {
            floors[i] = rule.caps[i].unwrap_or(0);
        } else if weight != 0 {
            (floors[i], rems[i]) = div_rem(left * rule.weights[i], weight);
        }
        given += floors[i];
    }
    let missing = a - unallocated - given;
    if missing < 0 || missing as usize > n {
        return None;
    }
    if missing > 0 {
        // The pennies left go to the largest remainders, ties in the members' order: each
        // member's key is its remainder above its place counted down from 31, and its rank
        // the number of keys above it.
        let k = missing as usize;
        let mut ranks = [0usize; MEMBERS];
        let most = rems[..n].iter().copied().max().unwrap_or(0);
        if most < 1 << 26 {
            // Keys in 32 bits compare four at a time.
            let mut keys = [0i32; MEMBERS];
            for i in 0..n {
                keys[i] = ((rems[i] as i32) << 5) | (31 - i as i32);
            }
            rank_keys(&keys[..n], &mut ranks);
        } else {
            let mut keys = [0u64; MEMBERS];
            for i in 0..n {
                let rem = u64::try_from(rems[i]).ok().filter(|r| *r < 1 << 58)?;
                keys[i] = (rem << 5) | (31 - i as u64);
            }
            rank_keys(&keys[..n], &mut ranks);
        }
        let ranks = &ranks[..n];
        let at_rank = |place: usize| ranks.iter().position(|&r| r == place).unwrap_or(0);
        let last = at_rank(k - 1);
        if rems[last] == 0 {
            return None;
        }
        if k < n {
            let next = at_rank(k);
            if rems[last] == rems[next] && rule.weights[last] != rule.weights[next] {
                return None;
            }
        }
        for (floor, &rank) in floors.iter_mut().zip(ranks) {
            *floor += i128::from(rank < k);
        }
    }
    for (floor, &member) in floors.iter().zip(members) {
        totals[member] += sign * floor;
    }
    Some(unallocated)
}

/// Each key's rank: how many keys are above it (the keys are distinct).
fn rank_keys<K: Ord + Copy>(keys: &[K], ranks: &mut [usize]) {
    for (rank, &key) in ranks.iter_mut().zip(keys) {
        *rank = keys.iter().map(|&other| usize::from(other > key)).sum();
    }
}

/// The sharing as it was worked out before the steps: the engine's passes of capping, done
/// in pence. Kept to show the steps give the same figures, and the same trials left to the
/// engine.
#[cfg(test)]
mod reference {
    use super::*;

    pub fn share(
        rule_over: &SideRule,
        rule_under: &SideRule,
        members: &[usize],
        v: i128,
        totals: &mut [i128],
    ) -> Option<i128> {
        if v == 0 {
            return Some(0);
        }
        let (rule, sign) = if v > 0 {
            (rule_over, 1)
        } else {
            (rule_under, -1)
        };
        let magnitude = v.abs();
        let a = if v > 0 {
            magnitude - magnitude.min(rule.contingency)
        } else {
            let m = Decimal::from_i128_with_scale(magnitude, 2);
            magnitude - pence_of(pence(m * (rule.reinvest / Decimal::ONE_HUNDRED)))
        };
        let n = members.len();
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
        for (i, &member) in members.iter().enumerate() {
            totals[member] += sign * floors[i];
        }
        Some(unallocated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_core::{RngCore, SeedableRng};

    fn rule(weights: Vec<i128>, caps: Vec<Option<i128>>, contingency: i128) -> SideRule {
        let weight = weights.iter().sum();
        SideRule {
            steps: steps(&weights, &caps, weight).expect("small figures fit"),
            weights,
            caps,
            weight,
            contingency,
            reinvest: Decimal::new(25, 0),
        }
    }

    /// Random rules (weights of 0 to 12 or to 3 billion, caps of nothing, a little or a lot, members of equal
    /// ratios) and amounts around each cap's edge: the steps share every penny as the passes
    /// did, and leave the same trials to the engine.
    #[test]
    fn the_steps_share_as_the_passes_did() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut below = |n: u64| rng.next_u64() % n;
        let (mut compared, mut left_to_engine) = (0, 0);
        for _ in 0..4000 {
            let n = 1 + below(14) as usize;
            // Small weights (reduced contributions, Equal) and large (contributions in pence).
            let most = if below(2) == 0 { 13 } else { 3_000_000_000 };
            let weights: Vec<i128> = (0..n).map(|_| below(most) as i128).collect();
            let caps: Vec<Option<i128>> = (0..n)
                .map(|i| match below(4) {
                    0 => Some(0),
                    1 => Some(weights[i] * 1000 * below(3) as i128 / most as i128),
                    2 => Some(below(500_000) as i128),
                    _ => None,
                })
                .collect();
            let over = rule(weights.clone(), caps.clone(), below(3) as i128 * 1000);
            let under = rule(weights, caps, 0);
            let members: Vec<usize> = (0..n).collect();
            for _ in 0..20 {
                let v = below(2_000_000) as i128 - 700_000;
                let (mut mine, mut theirs) = (vec![0i128; n], vec![0i128; n]);
                let got = share(&over, &under, &members, v, &mut mine);
                let want = reference::share(&over, &under, &members, v, &mut theirs);
                assert_eq!(got, want, "{over:?} v {v}");
                if got.is_some() {
                    assert_eq!(mine, theirs, "{over:?} v {v}");
                    compared += 1;
                } else {
                    left_to_engine += 1;
                }
            }
        }
        assert!(
            compared > 50_000 && left_to_engine > 0,
            "{compared} {left_to_engine}"
        );
    }
}
