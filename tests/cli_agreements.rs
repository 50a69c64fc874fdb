//! Independently computed cases (issue 2), written as small agreements under tests/agreements/
//! and checked through the binary.

use assert_cmd::Command;
use serde_json::Value;

fn file(name: &str) -> String {
    format!("{}/tests/agreements/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn calc(name: &str, args: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(file(name))
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

fn share(json: &Value, scheme: &str, party: &str) -> String {
    let scheme = json["schemes"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == scheme))
        .unwrap_or_else(|| panic!("scheme {scheme} in {json}"));
    scheme["shares"][party]
        .as_str()
        .unwrap_or_else(|| panic!("{party} in {scheme}"))
        .to_string()
}

fn figure(json: &Value, key: &str) -> String {
    json["schemes"][0][key]
        .as_str()
        .expect("an amount")
        .to_string()
}

#[test]
fn caps_by_amount_and_percent_redistribute_by_contribution() {
    for args in [
        &["--variance", "10"][..],
        &["--scenario", "A million over"],
        &["--scheme", "POOL=10"],
    ] {
        let json = calc("overspend_capped.ron", args);
        assert_eq!(figure(&json, "contingency_used"), "200000.00");
        assert_eq!(share(&json, "POOL", "A"), "656250.00", "{args:?}");
        assert_eq!(share(&json, "POOL", "B"), "100000.00", "{args:?}");
        assert_eq!(share(&json, "POOL", "C"), "43750.00", "{args:?}");
    }
}

#[test]
fn a_second_round_of_redistribution_when_the_third_is_capped_at_42000() {
    let json = calc("overspend_capped_42k.ron", &["--variance", "10"]);
    assert_eq!(share(&json, "POOL", "A"), "658000.00");
    assert_eq!(share(&json, "POOL", "B"), "100000.00");
    assert_eq!(share(&json, "POOL", "C"), "42000.00");
    assert_eq!(figure(&json, "unallocated"), "0.00");
}

#[test]
fn savings_after_reinvestment_shared_half_equally_half_by_contribution() {
    for args in [&["--variance", "-4.5"][..], &["--scenario", "Savings"]] {
        let json = calc("savings_blend.ron", args);
        assert_eq!(figure(&json, "variance"), "-900000.00");
        assert_eq!(figure(&json, "reinvested"), "360000.00");
        assert_eq!(share(&json, "BCF", "ICB"), "-229500.00");
        assert_eq!(share(&json, "BCF", "LA"), "-135000.00");
        assert_eq!(share(&json, "BCF", "TRUST"), "-94500.00");
        assert_eq!(share(&json, "BCF", "VCS"), "-81000.00");
    }
}

#[test]
fn money_no_one_can_take_is_unallocated_and_said_so() {
    let json = calc("all_capped.ron", &["--variance", "10"]);
    assert_eq!(share(&json, "POOL", "A"), "300000.00");
    assert_eq!(share(&json, "POOL", "B"), "200000.00");
    assert_eq!(figure(&json, "unallocated"), "500000.00");
    let warnings = json["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("unallocated"))),
        "{json}"
    );

    let table = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(["calc", &file("all_capped.ron"), "--variance", "10"])
        .output()
        .expect("the binary runs");
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).expect("UTF-8");
    assert!(text.contains("!! UNALLOCATED: 500,000.00"), "{text}");
    assert!(text.contains("BORNE BY NO ONE"), "{text}");
}

#[test]
fn scheme_overrides_the_variance_for_one_scheme_only() {
    // --variance sets every scheme; --scheme then sets one (its id in any case). A scheme given
    // twice is refused (tests/cli_review.rs).
    let json = calc(
        "overspend_capped.ron",
        &["--variance", "-4.5", "--scheme", "pool=10"],
    );
    assert_eq!(share(&json, "POOL", "A"), "656250.00");
}
