//! Cases computed by hand, independently of the worked results in SPEC.md.

use riskshare::engine::allocate;
use riskshare::model::Scenario;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn agreement(
    contributions: &str,
    overspend: &str,
    underspend: &str,
) -> riskshare::model::Agreement {
    let text = format!(
        r#"(format: 1, name: "Case",
            parties: [
                (id: "A", name: "Alpha", kind: Commissioner),
                (id: "B", name: "Beta", kind: LocalAuthority),
                (id: "C", name: "Gamma", kind: AcuteProvider),
                (id: "D", name: "Delta", kind: Voluntary),
            ],
            schemes: [(id: "S", name: "Scheme", contributions: {{{contributions}}},
                       overspend: {overspend}, underspend: {underspend})])"#
    );
    riskshare::store::parse(&text, "case.ron").unwrap()
}

fn shares(a: &riskshare::engine::Allocation) -> Vec<String> {
    a.schemes[0]
        .shares
        .values()
        .map(|v| format!("{v:.2}"))
        .collect()
}

fn at(percent: &str) -> Scenario {
    Scenario {
        variance: d(percent),
        ..Scenario::default()
    }
}

#[test]
fn contingency_then_caps_redistribute_by_contribution() {
    let a = agreement(
        r#""A": 7500000, "B": 2000000, "C": 500000"#,
        r#"(contingency: 200000, caps: {"B": Amount(100000), "C": Percent(10)})"#,
        "()",
    );
    // 10% of 10,000,000 is an overspend of 1,000,000.
    let result = allocate(&a, &at("10")).unwrap();
    assert_eq!(shares(&result), ["656250.00", "100000.00", "43750.00"]);
    assert_eq!(result.schemes[0].contingency_used, d("200000"));
}

#[test]
fn a_second_cap_is_reached_by_the_redistribution() {
    let a = agreement(
        r#""A": 7500000, "B": 2000000, "C": 500000"#,
        r#"(contingency: 200000, caps: {"B": Amount(100000), "C": Amount(42000)})"#,
        "()",
    );
    let result = allocate(&a, &at("10")).unwrap();
    assert_eq!(shares(&result), ["658000.00", "100000.00", "42000.00"]);
}

#[test]
fn savings_reinvested_then_blended() {
    let a = agreement(
        r#""A": 12000000, "B": 5000000, "C": 2000000, "D": 1000000"#,
        "()",
        "(reinvest: 40, bands: [(basis: Blend([(Equal, 50), (Contribution, 50)]))])",
    );
    // -4.5% of 20,000,000 is savings of 900,000.
    let result = allocate(&a, &at("-4.5")).unwrap();
    assert_eq!(
        shares(&result),
        ["-229500.00", "-135000.00", "-94500.00", "-81000.00"]
    );
    assert_eq!(result.schemes[0].reinvested, d("360000"));
}

#[test]
fn everyone_at_their_cap_leaves_money_unallocated_and_says_so() {
    let a = agreement(
        r#""A": 1000000, "B": 1000000"#,
        r#"(caps: {"A": Amount(10000), "B": Percent(1)})"#,
        "()",
    );
    let result = allocate(&a, &at("5")).unwrap();
    assert_eq!(shares(&result), ["10000.00", "10000.00"]);
    assert_eq!(result.schemes[0].unallocated, d("80000"));
    assert!(result.warnings.iter().any(|w| w.contains("unallocated")));
}

#[test]
fn a_pool_band_keeps_its_savings_in_the_pool() {
    let a = agreement(
        r#""A": 600000, "B": 400000"#,
        "()",
        "(bands: [(up_to: 1, basis: Pool), (basis: Equal)])",
    );
    // Savings of 30,000: the first 10,000 (1% of the budget) stay in the pool.
    let result = allocate(&a, &at("-3")).unwrap();
    assert_eq!(shares(&result), ["-10000.00", "-10000.00"]);
    assert_eq!(result.schemes[0].reinvested, d("10000"));
}

#[test]
fn an_all_zero_basis_falls_back_to_equal_with_a_warning() {
    let a = agreement(
        r#""A": 500000, "B": 500000"#,
        "(bands: [(basis: Activity)])",
        "()",
    );
    let result = allocate(&a, &at("1")).unwrap();
    assert_eq!(shares(&result), ["5000.00", "5000.00"]);
    assert!(result.warnings.iter().any(|w| w.contains("shared equally")));
}

#[test]
fn thirds_round_by_largest_remainder_to_the_first_listed() {
    let a = agreement(
        r#""A": 100, "B": 100, "C": 100"#,
        "(bands: [(basis: Equal)])",
        "()",
    );
    let result = allocate(
        &a,
        &Scenario {
            variance: d("0.3333333333"),
            ..Scenario::default()
        },
    )
    .unwrap();
    // 300 x 0.3333333333% = 0.999999..., rounded half-even to 1.00, split 0.34 / 0.33 / 0.33.
    assert_eq!(result.schemes[0].variance, d("1.00"));
    assert_eq!(shares(&result), ["0.34", "0.33", "0.33"]);
}

#[test]
fn huge_influence_weights_are_an_error_or_a_result_never_a_panic() {
    let text = r#"(format: 1, name: "Huge",
        parties: [(id: "A", name: "Alpha", kind: Commissioner), (id: "B", name: "Beta", kind: Voluntary)],
        schemes: [(id: "S", name: "Scheme", contributions: {"A": 100, "B": 100})],
        risks: [(id: "R", title: "Big", owner: "A", boundary: ProviderProvider, likelihood: 3,
                 impact: 3, cost: 1000000000, treatment: ByInfluence,
                 influence: {"A": 100000000000000000000, "B": 100000000000000000000})])"#;
    let a = riskshare::store::parse(text, "huge.ron").unwrap();
    let scenario = Scenario {
        risks: vec!["R".into()],
        ..Scenario::default()
    };
    let result = allocate(&a, &scenario).unwrap();
    assert_eq!(result.parties[0].influence, d("500000000"));
    assert_eq!(result.parties[1].influence, d("500000000"));
}
