//! Random agreements for the sweep and simulation tests, written as RON and loaded through the
//! store, so they pass the same checks as a file: parties with appetites, schemes with
//! contingencies, bands, caps and reinvestment, a register of pooled, retained and by-influence
//! risks (some with cost ranges and probabilities, some closed), benefits and review thresholds.
#![allow(dead_code)]

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use riskshare::model::Agreement;

struct Dice(ChaCha8Rng);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pounds(&mut self, low: u64, high: u64) -> String {
        let pence = low * 100 + self.below((high - low) * 100);
        format!("\"{}.{:02}\"", pence / 100, pence % 100)
    }
}

const BASES: [&str; 6] = [
    "Equal",
    "Contribution",
    "Activity",
    "Performance",
    "AbilityToPay",
    "Equity",
];
const APPETITES: [&str; 5] = ["Averse", "Minimal", "Cautious", "Open", "Eager"];

/// The RON text of a random agreement drawn from `seed`.
pub fn random_ron(seed: u64) -> String {
    shaped_ron(seed, false, false)
}

/// A random agreement of the shape the simulation's integer-pence path serves: one basis per
/// rule side (`Equal` or `Contribution`, for its one band and its redistribution), caps,
/// contingencies and reinvestment, risks pooled or retained.
pub fn simple_ron(seed: u64) -> String {
    shaped_ron(seed, true, false)
}

/// An agreement of the integer-pence path's shape with a long register: 90 to 220 risks and up
/// to 30 benefits of up to tens of millions of pounds each, many certain (probability 100) or
/// impossible (0), pooled and retained risks interleaved.
pub fn long_agreement(seed: u64) -> Agreement {
    load(shaped_ron(seed, true, true))
}

fn shaped_ron(seed: u64, simple: bool, long: bool) -> String {
    let mut d = Dice(ChaCha8Rng::seed_from_u64(seed));
    let parties = 2 + d.below(5) as usize;
    let ids: Vec<String> = (0..parties).map(|i| format!("P{i}")).collect();
    let mut out = String::from(
        "(\n format: 1,\n name: \"Random\",\n review_thresholds: [(at: 1.0, action: \"Note it\"), (at: 2.0, action: \"Recovery plan\"), (at: 5.0, action: \"Escalate\")],\n parties: [\n",
    );
    for id in &ids {
        let tolerance = if d.chance(40) {
            format!(", loss_tolerance: {}", d.pounds(1_000, 400_000))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  (id: \"{id}\", name: \"{id}\", kind: Commissioner, activity: {}, equity: {}, reserves: {}, performance: {}, appetite: {}{tolerance}),\n",
            d.pounds(0, 5_000_000),
            d.pounds(0, 5_000_000),
            d.pounds(0, 5_000_000),
            d.below(101),
            APPETITES[d.below(5) as usize]
        ));
    }
    out.push_str(" ],\n schemes: [\n");
    let schemes = 1 + d.below(3) as usize;
    let mut members_of = Vec::new();
    for s in 0..schemes {
        let mut members: Vec<&String> = ids.iter().filter(|_| d.chance(70)).collect();
        if members.is_empty() {
            members.push(&ids[d.below(parties as u64) as usize]);
        }
        let contributions: Vec<String> = members
            .iter()
            .map(|m| format!("\"{m}\": {}", d.pounds(0, 8_000_000)))
            .collect();
        let mut caps = Vec::new();
        for m in &members {
            if d.chance(40) {
                caps.push(if d.chance(50) {
                    format!("\"{m}\": Percent({})", 1 + d.below(10))
                } else {
                    format!("\"{m}\": Amount({})", d.pounds(0, 300_000))
                });
            }
        }
        let mut bands = Vec::new();
        let mut up_to = 0;
        let simple_basis = ["Equal", "Contribution"][d.below(2) as usize];
        let under_basis = ["Equal", "Contribution"][d.below(2) as usize];
        for _ in 0..if simple { 0 } else { d.below(3) } {
            up_to += 1 + d.below(3);
            bands.push(format!(
                "(up_to: {up_to}.0, basis: {})",
                BASES[d.below(6) as usize]
            ));
        }
        let pick = |d: &mut Dice, simple_one: &str| {
            if simple {
                simple_one.to_string()
            } else {
                BASES[d.below(6) as usize].to_string()
            }
        };
        bands.push(format!("(basis: {})", pick(&mut d, simple_basis)));
        let contingency = if d.chance(60) {
            d.pounds(0, 300_000)
        } else {
            "0".into()
        };
        let redistribute = pick(&mut d, simple_basis);
        let reinvest = d.below(60);
        let under_band = pick(&mut d, under_basis);
        let under_redistribute = if simple {
            under_basis.to_string()
        } else {
            "Contribution".into()
        };
        out.push_str(&format!(
            "  (id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}},\n   overspend: (contingency: {contingency}, bands: [{}], caps: {{{}}}, redistribute: {redistribute}),\n   underspend: (reinvest: {reinvest}, bands: [(basis: {under_band})], caps: {{{}}}, redistribute: {under_redistribute})),\n",
            contributions.join(", "),
            bands.join(", "),
            caps.join(", "),
            caps.join(", "),
        ));
        members_of.push(members.into_iter().cloned().collect::<Vec<_>>());
    }
    out.push_str(" ],\n risks: [\n");
    let (risks, scale) = if long {
        (90 + d.below(131), 100)
    } else {
        (d.below(25), 1)
    };
    for r in 0..risks {
        let owner = &ids[d.below(parties as u64) as usize];
        let scheme = d.below(schemes as u64);
        let treatment = ["Pooled", "Pooled", "Retained", "ByInfluence"]
            [d.below(if simple { 3 } else { 4 }) as usize];
        let influence = if treatment == "ByInfluence" {
            let mut weights = Vec::new();
            for p in &ids {
                if d.chance(60) {
                    weights.push(format!("\"{p}\": {}", 1 + d.below(5)));
                }
            }
            if weights.is_empty() {
                weights.push(format!("\"{owner}\": 1"));
            }
            format!(", influence: {{{}}}", weights.join(", "))
        } else {
            String::new()
        };
        let cost_low = 1_000 + d.below(100_000 * scale);
        let cost = cost_low + d.below(200_000 * scale);
        let range = if d.chance(40) {
            format!(
                ", cost_range: (low: {cost_low}, high: {})",
                cost + d.below(200_000)
            )
        } else {
            String::new()
        };
        let probability = if long && d.chance(40) {
            format!(", probability: {}", [0, 100, 100, 50][d.below(4) as usize])
        } else if d.chance(30) {
            format!(", probability: {}", d.below(101))
        } else {
            String::new()
        };
        let status = if d.chance(10) { ", status: Closed" } else { "" };
        out.push_str(&format!(
            "  (id: \"R{r}\", title: \"Risk {r}\", owner: \"{owner}\", scheme: \"S{scheme}\", boundary: CommissionerProvider, likelihood: {}, impact: {}, cost: {cost}, treatment: {treatment}{influence}{range}{probability}{status}),\n",
            1 + d.below(5),
            1 + d.below(5),
        ));
    }
    out.push_str(" ],\n benefits: [\n");
    for b in 0..d.below(if long { 30 } else { 4 }) {
        let by = &ids[d.below(parties as u64) as usize];
        out.push_str(&format!(
            "  (id: \"B{b}\", title: \"Benefit {b}\", value: {}, realised_by: \"{by}\", scheme: \"S{}\", likelihood: {}, shared: {}),\n",
            d.pounds(1_000, 200_000 * scale),
            d.below(schemes as u64),
            1 + d.below(5),
            d.chance(50)
        ));
    }
    out.push_str(" ],\n)\n");
    out
}

/// A random agreement, loaded as a file would be.
pub fn random_agreement(seed: u64) -> Agreement {
    load(random_ron(seed))
}

/// A random agreement of the fast path's shape.
pub fn simple_agreement(seed: u64) -> Agreement {
    load(simple_ron(seed))
}

fn load(text: String) -> Agreement {
    riskshare::store::parse(&text, "random").unwrap_or_else(|e| panic!("{e}\n{text}"))
}
