//! The worked results in SPEC.md for anytown.ron, and independently computed cases.

use riskshare::engine::allocate;
use riskshare::model::{Agreement, EXAMPLE_RON, Scenario};
use rust_decimal::Decimal;

fn anytown() -> Agreement {
    riskshare::store::parse(EXAMPLE_RON, "anytown.ron").expect("the example loads")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn at(percent: &str) -> Scenario {
    Scenario {
        variance: d(percent),
        ..Scenario::default()
    }
}

fn shares(a: &riskshare::engine::Allocation, scheme: &str) -> Vec<(String, String)> {
    a.scheme(scheme)
        .unwrap()
        .shares
        .iter()
        .map(|(k, v)| (k.to_string(), format!("{v:.2}")))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn total(a: &riskshare::engine::Allocation, party: &str) -> String {
    format!("{:.2}", a.party(party).unwrap().total)
}

#[test]
fn variance_3() {
    let a = allocate(&anytown(), &at("3")).unwrap();
    assert_eq!(
        shares(&a, "OOH"),
        pairs(&[("ICB", "180000.00"), ("LA", "30000.00")])
    );
    assert_eq!(a.scheme("OOH").unwrap().contingency_used, d("150000"));
    assert_eq!(
        shares(&a, "DTOC"),
        pairs(&[("ICB", "75000.00"), ("LA", "75000.00")])
    );
    assert_eq!(
        shares(&a, "PREV"),
        pairs(&[
            ("ICB", "19398.96"),
            ("LA", "10601.04"),
            ("ACUTE", "0.00"),
            ("VCS", "0.00")
        ])
    );
    assert_eq!(total(&a, "ICB"), "274398.96");
    assert_eq!(total(&a, "LA"), "115601.04");
}

#[test]
fn variance_10() {
    let a = allocate(&anytown(), &at("10")).unwrap();
    assert_eq!(
        shares(&a, "OOH"),
        pairs(&[("ICB", "850000.00"), ("LA", "200000.00")])
    );
    assert_eq!(
        shares(&a, "DTOC"),
        pairs(&[("ICB", "250000.00"), ("LA", "250000.00")])
    );
    assert_eq!(
        &shares(&a, "PREV")[..2],
        &pairs(&[("ICB", "64663.21"), ("LA", "35336.79")])[..]
    );
    assert_eq!(total(&a, "ICB"), "1164663.21");
    assert_eq!(total(&a, "LA"), "485336.79");
}

#[test]
fn variance_minus_2() {
    let a = allocate(&anytown(), &at("-2")).unwrap();
    assert_eq!(
        shares(&a, "OOH"),
        pairs(&[("ICB", "-80000.00"), ("LA", "-40000.00")])
    );
    assert_eq!(a.scheme("OOH").unwrap().reinvested, d("120000"));
    assert_eq!(
        shares(&a, "DTOC"),
        pairs(&[("ICB", "-52554.74"), ("LA", "-47445.26")])
    );
    assert_eq!(
        shares(&a, "PREV"),
        pairs(&[
            ("ICB", "-2500.00"),
            ("LA", "-2500.00"),
            ("ACUTE", "-2500.00"),
            ("VCS", "-12500.00")
        ])
    );
    assert_eq!(total(&a, "ICB"), "-135054.74");
    assert_eq!(total(&a, "LA"), "-89945.26");
}

#[test]
fn hard_winter() {
    let agreement = anytown();
    let scenario = agreement.scenario("Hard winter").unwrap().clone();
    let a = allocate(&agreement, &scenario).unwrap();
    assert_eq!(
        shares(&a, "OOH"),
        pairs(&[("ICB", "446666.67"), ("LA", "163333.33")])
    );
    assert_eq!(
        shares(&a, "DTOC"),
        pairs(&[("ICB", "75000.00"), ("LA", "75000.00")])
    );
    assert_eq!(
        &shares(&a, "PREV")[..2],
        &pairs(&[("ICB", "19398.96"), ("LA", "10601.04")])[..]
    );
    assert_eq!(total(&a, "ICB"), "571065.63");
    assert_eq!(
        format!("{:.2}", a.party("ICB").unwrap().influence),
        "30000.00"
    );
    assert_eq!(total(&a, "LA"), "248934.37");
    assert_eq!(total(&a, "ACUTE"), "90000.00");
}

#[test]
fn exposure_against_appetite_at_3_percent() {
    let agreement = anytown();
    let a = allocate(&agreement, &at("3")).unwrap();
    let exposures = riskshare::engine::exposures(&agreement, &a);
    let icb = &exposures[0];
    // Cautious: 2.5% of the ICB's 10,600,000 contributions.
    assert_eq!(icb.tolerance, d("265000.00"));
    assert!(icb.breach);
    assert_eq!(icb.headroom, d("-9398.96"));
    let la = &exposures[1];
    // The council's own loss_tolerance overrides Minimal's 1%.
    assert_eq!(la.tolerance, d("250000"));
    assert!(!la.breach);
    assert_eq!(la.max_score, 6);
}
