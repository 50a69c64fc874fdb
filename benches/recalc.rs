//! Speed of one full recalculation (`engine::allocate`): the workbench runs one on every key
//! press, so it must stay well inside a frame.
//!
//! Also the exposure chart's 401 points for anytown (under a frame, 16 ms) and its break-even
//! search (`analytics`).
//!
//! Targets: anytown under 50 us; a generated agreement of 40 parties x 30 schemes x 2,000 risks
//! under 2 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use riskshare::engine::{Setting, WhatIf, allocate, calculate};
use riskshare::model::{Agreement, EXAMPLE_RON, Pool, Scenario, Threshold};
use rust_decimal::Decimal;
use std::fmt::Write;
use std::hint::black_box;

const PARTIES: usize = 40;
const SCHEMES: usize = 30;
const RISKS: usize = 2_000;

/// A small deterministic generator (64-bit LCG), so every run measures the same agreement.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const OVERSPEND_BASES: [&str; 6] = [
    "Contribution",
    "Equal",
    "Activity",
    "AbilityToPay",
    "Performance",
    "Blend([(Contribution, 50), (AbilityToPay, 30), (Equal, 20)])",
];
const UNDERSPEND_BASES: [&str; 4] = [
    "Contribution",
    "Performance",
    "Blend([(Equal, 50), (InvestmentNeed, 50)])",
    "Compensation",
];
const KINDS: [&str; 8] = [
    "Commissioner",
    "LocalAuthority",
    "AcuteProvider",
    "CommunityProvider",
    "MentalHealthProvider",
    "PrimaryCare",
    "Voluntary",
    "Independent",
];

/// 40 parties, 30 schemes of 6 to 15 members with contingencies, bands, caps and blends,
/// 2,000 risks (pooled, retained and by influence) and a scenario in which two in three happen.
fn generated() -> String {
    let mut d = Dice(2026);
    let mut ron = String::from("(format: 1, name: \"Generated\", parties: [");
    for p in 0..PARTIES {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Party {p}\", kind: {}, activity: {}, reserves: {}, \
             performance: {}, investment_need: {}, budget_reduction: {}),",
            KINDS[p % KINDS.len()],
            d.roll(20_000_000),
            d.roll(5_000_000),
            d.roll(101),
            d.roll(500_000),
            d.roll(300_000),
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..SCHEMES {
        let members = 6 + d.roll(10) as usize;
        let first = d.roll(PARTIES as u64) as usize;
        let ids: Vec<usize> = (0..members).map(|m| (first + m * 3) % PARTIES).collect();
        let contributions: Vec<String> = ids
            .iter()
            .map(|p| format!("\"P{p}\": {}", 100_000 + d.roll(9_900_000)))
            .collect();
        let fixed: Vec<String> = ids[..2]
            .iter()
            .zip([60, 40])
            .map(|(p, pct)| format!("\"P{p}\": {pct}"))
            .collect();
        let caps: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == 1)
            .map(|(i, p)| match i % 2 {
                0 => format!("\"P{p}\": Amount({})", 20_000 + d.roll(200_000)),
                _ => format!("\"P{p}\": Percent({})", 1 + d.roll(6)),
            })
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, \
             overspend: (contingency: {}, bands: [(up_to: 0.5, basis: Fixed({{{}}})), \
             (up_to: 2, basis: {}), (basis: {})], caps: {{{}}}, redistribute: {}), \
             underspend: (reinvest: {}, bands: [(up_to: 1, basis: {}), (basis: {})])),",
            contributions.join(", "),
            d.roll(300_000),
            fixed.join(", "),
            OVERSPEND_BASES[s % OVERSPEND_BASES.len()],
            OVERSPEND_BASES[(s + 1) % OVERSPEND_BASES.len()],
            caps.join(", "),
            OVERSPEND_BASES[(s + 2) % OVERSPEND_BASES.len()],
            d.roll(60),
            UNDERSPEND_BASES[s % UNDERSPEND_BASES.len()],
            UNDERSPEND_BASES[(s + 1) % UNDERSPEND_BASES.len()],
        );
    }
    ron.push_str("], risks: [");
    for r in 0..RISKS {
        let owner = d.roll(PARTIES as u64);
        let treatment = ["Pooled", "Retained", "ByInfluence"][r % 3];
        let influence: Vec<String> = (0..3)
            .map(|i| {
                format!(
                    "\"P{}\": {}",
                    (owner + i * 7) % PARTIES as u64,
                    1 + d.roll(5)
                )
            })
            .collect();
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}\", owner: \"P{owner}\", scheme: \"S{}\", \
             boundary: ProviderProvider, likelihood: {}, impact: {}, cost: {}, treatment: {treatment}, \
             influence: {{{}}}),",
            d.roll(SCHEMES as u64),
            1 + d.roll(5),
            1 + d.roll(5),
            1_000 + d.roll(250_000),
            influence.join(", "),
        );
    }
    ron.push_str("], scenarios: [(name: \"Many risks\", variance: 4, risks: [");
    for r in (0..RISKS).filter(|r| r % 3 != 2) {
        let _ = write!(ron, "\"R{r}\",");
    }
    ron.push_str("])])");
    ron
}

fn load(text: &str, origin: &str) -> Agreement {
    match riskshare::store::parse(text, origin) {
        Ok(a) => a,
        Err(e) => panic!("the benchmark's agreement loads: {e}"),
    }
}

fn scenario(agreement: &Agreement, name: &str) -> Scenario {
    match agreement.scenario(name) {
        Some(s) => s.clone(),
        None => panic!("scenario {name}"),
    }
}

fn recalc(c: &mut Criterion) {
    let anytown = load(EXAMPLE_RON, "anytown.ron");
    let winter = scenario(&anytown, "Hard winter");
    c.bench_function("recalc anytown (Hard winter)", |b| {
        b.iter(|| allocate(black_box(&anytown), black_box(&winter)))
    });

    let big = load(&generated(), "generated.ron");
    let many = scenario(&big, "Many risks");
    if let Err(e) = allocate(&big, &many) {
        panic!("the generated agreement calculates: {e}");
    }
    let savings = Scenario {
        variance: (-3).into(),
        ..Scenario::default()
    };
    c.bench_function(
        "recalc 40 parties x 30 schemes x 2000 risks (overspend)",
        |b| b.iter(|| allocate(black_box(&big), black_box(&many))),
    );
    c.bench_function(
        "recalc 40 parties x 30 schemes x 2000 risks (underspend)",
        |b| b.iter(|| allocate(black_box(&big), black_box(&savings))),
    );

    // The same agreement with a pool (netting and a risk pool) and a minimum rate on every
    // rule; every third scheme held at a 3% underspend, so netting has work to do.
    let mut pooled = big.clone();
    pooled.pool = Some(Pool {
        netting: true,
        contingency: Decimal::from(2_000_000),
    });
    for s in &mut pooled.schemes {
        for rule in [&mut s.overspend, &mut s.underspend] {
            rule.threshold = Some(Threshold {
                at: Decimal::new(25, 1),
                basis: riskshare::model::Basis::Equal,
            });
        }
    }
    let mut what_if = WhatIf::from_scenario(&many);
    for s in pooled.schemes.iter().step_by(3) {
        what_if.hold(s.id.clone(), Setting::Percent(Decimal::from(-3)));
    }
    if let Err(e) = calculate(&pooled, &what_if) {
        panic!("the pooled agreement calculates: {e}");
    }
    c.bench_function(
        "recalc 40 parties x 30 schemes x 2000 risks (pool and thresholds)",
        |b| b.iter(|| calculate(black_box(&pooled), black_box(&what_if))),
    );
}

/// The Scenario pane's Chart view and the Appetite pane's break-even lines, computed when the
/// agreement or the what-if changes (never as the slider moves): anytown's 401 points from -20%
/// to +20% with the kinks, target well under a frame (16 ms); and the break-even search's 20,001.
fn analytics(c: &mut Criterion) {
    use riskshare::engine::sweep;
    let anytown = load(EXAMPLE_RON, "anytown.ron");
    let base = Scenario::default();
    let grid = sweep::grid(Decimal::from(-20), Decimal::from(20), Decimal::new(1, 1));
    assert_eq!(grid.len(), 401);
    c.bench_function("chart anytown: 401 points and kinks", |b| {
        b.iter(|| sweep::curves(black_box(&anytown), black_box(&base), black_box(&grid)))
    });
    c.bench_function("break-even anytown: 20,001 points", |b| {
        b.iter(|| sweep::break_even(black_box(&anytown), black_box(&base)))
    });
}

criterion_group!(benches, recalc, analytics);
criterion_main!(benches);
