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
use std::hint::black_box;

/// 40 parties, 30 schemes of 6 to 15 members with contingencies, bands, caps and blends,
/// 2,000 risks (pooled, retained and by influence) and a scenario in which two in three happen.
fn generated() -> String {
    riskshare::generate::rules(40, 30, 2_000)
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
