//! `riskshare calc --format json` on anytown.ron reproduces every worked result in SPEC.md.

use assert_cmd::Command;
use rust_decimal::Decimal;
use rust_decimal::prelude::Signed;
use serde_json::Value;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn calc(args: &[&str]) -> (Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(ANYTOWN)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let json = serde_json::from_str(&text).expect("one JSON object");
    (json, text)
}

fn scheme<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["schemes"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("scheme {id} in {json}"))
}

fn party<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["parties"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == id))
        .unwrap_or_else(|| panic!("party {id} in {json}"))
}

/// The scheme's shares, sorted by party (serde_json's `Value` sorts keys; the order of the text is
/// checked in `keys_come_in_the_order_spec_gives`).
fn shares(json: &Value, id: &str) -> Vec<(String, String)> {
    scheme(json, id)["shares"]
        .as_object()
        .expect("shares is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("a string").to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = list
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    pairs.sort();
    pairs
}

fn money(v: &Value) -> Decimal {
    v.as_str()
        .expect("an amount is a string")
        .parse()
        .expect("a decimal")
}

#[test]
fn variance_3() {
    let (json, _) = calc(&["--variance", "3"]);
    assert_eq!(json["scenario"], Value::Null);
    assert_eq!(json["agreement"], "Anytown Better Care Fund 2026/27");
    assert_eq!(
        shares(&json, "OOH"),
        pairs(&[("ICB", "180000.00"), ("LA", "30000.00")])
    );
    assert_eq!(scheme(&json, "OOH")["contingency_used"], "150000.00");
    assert_eq!(
        shares(&json, "DTOC"),
        pairs(&[("ICB", "75000.00"), ("LA", "75000.00")])
    );
    assert_eq!(
        shares(&json, "PREV"),
        pairs(&[
            ("ICB", "19398.96"),
            ("LA", "10601.04"),
            ("ACUTE", "0.00"),
            ("VCS", "0.00")
        ])
    );
    assert_eq!(party(&json, "ICB")["total"], "274398.96");
    assert_eq!(party(&json, "LA")["total"], "115601.04");
}

#[test]
fn variance_10_holds_the_council_at_its_cap() {
    let (json, _) = calc(&["--variance", "10"]);
    assert_eq!(
        shares(&json, "OOH"),
        pairs(&[("ICB", "850000.00"), ("LA", "200000.00")])
    );
    assert_eq!(
        shares(&json, "DTOC"),
        pairs(&[("ICB", "250000.00"), ("LA", "250000.00")])
    );
    let prev = shares(&json, "PREV");
    assert_eq!(
        &prev[1..3],
        &pairs(&[("ICB", "64663.21"), ("LA", "35336.79")])[..]
    );
    assert_eq!(party(&json, "ICB")["total"], "1164663.21");
    assert_eq!(party(&json, "LA")["total"], "485336.79");
}

#[test]
fn variance_minus_2_shares_savings_after_reinvestment() {
    let (json, _) = calc(&["--variance", "-2"]);
    assert_eq!(
        shares(&json, "OOH"),
        pairs(&[("ICB", "-80000.00"), ("LA", "-40000.00")])
    );
    assert_eq!(scheme(&json, "OOH")["reinvested"], "120000.00");
    assert_eq!(scheme(&json, "OOH")["contingency_used"], "0.00");
    assert_eq!(
        shares(&json, "DTOC"),
        pairs(&[("ICB", "-52554.74"), ("LA", "-47445.26")])
    );
    assert_eq!(
        shares(&json, "PREV"),
        pairs(&[
            ("ICB", "-2500.00"),
            ("LA", "-2500.00"),
            ("ACUTE", "-2500.00"),
            ("VCS", "-12500.00")
        ])
    );
    assert_eq!(party(&json, "ICB")["total"], "-135054.74");
    assert_eq!(party(&json, "LA")["total"], "-89945.26");
}

#[test]
fn hard_winter() {
    let (json, _) = calc(&["--scenario", "Hard winter"]);
    assert_eq!(json["scenario"], "Hard winter");
    assert_eq!(
        shares(&json, "OOH"),
        pairs(&[("ICB", "446666.67"), ("LA", "163333.33")])
    );
    assert_eq!(
        shares(&json, "DTOC"),
        pairs(&[("ICB", "75000.00"), ("LA", "75000.00")])
    );
    let (at_3, _) = calc(&["--variance", "3"]);
    assert_eq!(shares(&json, "PREV"), shares(&at_3, "PREV"));
    assert_eq!(party(&json, "ICB")["total"], "571065.63");
    assert_eq!(party(&json, "ICB")["influence"], "30000.00");
    assert_eq!(party(&json, "LA")["total"], "248934.37");
    assert_eq!(party(&json, "ACUTE")["total"], "90000.00");
}

#[test]
fn the_scenario_name_is_matched_without_regard_to_case() {
    let (json, _) = calc(&["--scenario", "HARD WINTER"]);
    assert_eq!(json["scenario"], "Hard winter");
}

#[test]
fn keys_come_in_the_order_spec_gives() {
    let (_, text) = calc(&["--variance", "3"]);
    let order = |keys: &[&str]| {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                text.find(&format!("\"{k}\""))
                    .unwrap_or_else(|| panic!("{k} in {text}"))
            })
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{keys:?} out of order in {text}"
        );
    };
    order(&[
        "agreement",
        "scenario",
        "schemes",
        "parties",
        "thresholds",
        "warnings",
    ]);
    order(&[
        "budget",
        "variance",
        "variance_percent",
        "netted",
        "pool_contingency_used",
        "contingency_used",
        "reinvested",
        "unallocated",
        "shares",
    ]);
    order(&[
        "pooled",
        "retained",
        "influence",
        "benefits",
        "total",
        "tolerance",
        "headroom",
        "breach",
    ]);
    order(&["at", "action", "crossed_by"]);
    // Shares keep the scheme's order of members, as the file lists them.
    let prev = text.find("\"PREV\"").expect("PREV");
    let members: Vec<usize> = ["ICB", "LA", "ACUTE", "VCS"]
        .iter()
        .map(|m| prev + text[prev..].find(&format!("\"{m}\":")).expect("member"))
        .collect();
    assert!(members.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn every_amount_is_a_string_with_two_decimals_and_each_scheme_adds_up() {
    for args in [
        &["--variance", "3"][..],
        &["--variance", "-2"],
        &["--scenario", "Hard winter"],
    ] {
        let (json, _) = calc(args);
        let two_decimals = |v: &Value| {
            let s = v.as_str().unwrap_or_else(|| panic!("{v} is not a string"));
            let (whole, pence) = s.trim_start_matches('-').split_once('.').expect("a point");
            assert!(
                !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()),
                "{s}"
            );
            assert!(
                pence.len() == 2 && pence.chars().all(|c| c.is_ascii_digit()),
                "{s}"
            );
        };
        for s in json["schemes"].as_array().expect("schemes") {
            for key in [
                "budget",
                "variance",
                "variance_percent",
                "netted",
                "pool_contingency_used",
                "contingency_used",
                "reinvested",
                "unallocated",
            ] {
                two_decimals(&s[key]);
            }
            let shares: Vec<Decimal> = s["shares"]
                .as_object()
                .expect("shares")
                .values()
                .map(money)
                .collect();
            s["shares"]
                .as_object()
                .expect("shares")
                .values()
                .for_each(two_decimals);
            let variance = money(&s["variance"]);
            let kept = money(&s["netted"])
                + money(&s["pool_contingency_used"])
                + money(&s["contingency_used"])
                + money(&s["reinvested"])
                + money(&s["unallocated"]);
            let sum: Decimal = shares.iter().sum();
            assert_eq!(sum + kept * variance.signum(), variance, "{s}");
        }
        for p in json["parties"].as_array().expect("parties") {
            for key in [
                "pooled",
                "retained",
                "influence",
                "benefits",
                "total",
                "tolerance",
                "headroom",
            ] {
                two_decimals(&p[key]);
            }
            assert!(p["breach"].is_boolean(), "{p}");
        }
    }
}
