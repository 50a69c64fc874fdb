//! The governance checks through the binary: for each check a small agreement in
//! tests/governance/ that triggers it, and clean.ron that triggers none; the example's findings;
//! --strict; the forecasts through calc; compare against calc.

use assert_cmd::Command;
use serde_json::Value;
use std::process::Output;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");
const TODAY: &str = "2026-11-30";

fn file(name: &str) -> String {
    format!("{}/tests/governance/{name}.ron", env!("CARGO_MANIFEST_DIR"))
}

fn riskshare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let out = riskshare(args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// (code, severity, subject kind, subject id) of every finding of `check --format json`.
fn findings(path: &str) -> Vec<(String, String, String, String)> {
    let report = json(&["check", path, "--format", "json", "--today", TODAY]);
    report["findings"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| {
            let s = |v: &Value| v.as_str().expect("text").to_string();
            (
                s(&f["code"]),
                s(&f["severity"]),
                s(&f["subject"]["kind"]),
                s(&f["subject"]["id"]),
            )
        })
        .collect()
}

fn has(found: &[(String, String, String, String)], want: (&str, &str, &str, &str)) -> bool {
    found
        .iter()
        .any(|(c, s, k, i)| (c.as_str(), s.as_str(), k.as_str(), i.as_str()) == want)
}

#[test]
fn clean_triggers_no_check() {
    assert_eq!(findings(&file("clean")), vec![]);
}

#[test]
fn each_check_is_triggered_by_its_agreement() {
    let cases = [
        ("g101_no_gain", ("G101", "warning", "party", "LA")),
        ("g102_no_risk", ("G102", "warning", "party", "LA")),
        ("g102_no_risk", ("G103", "warning", "party", "ICB")),
        ("g104_takes_all", ("G104", "warning", "party", "ICB")),
        ("g201_balance_budget", ("G201", "warning", "party", "LA")),
        (
            "g202_restricted_trust",
            ("G202", "warning", "party", "TRUST"),
        ),
        ("g301_one_influencer", ("G301", "warning", "risk", "R1")),
        ("g302_no_influence", ("G302", "note", "party", "ICB")),
        (
            "g401_boundary",
            ("G401", "warning", "boundary", "HealthSocialCare"),
        ),
        ("g501_appetite", ("G501", "warning", "risk", "R1")),
        ("g502_tolerance", ("G502", "warning", "party", "ICB")),
        ("g601_unallocated", ("G601", "warning", "scheme", "S")),
        ("g602_no_arbitration", ("G602", "note", "agreement", "")),
        ("g701_unmitigated", ("G701", "warning", "risk", "R1")),
        ("g702_review_due", ("G702", "warning", "risk", "R1")),
        ("g703_benefit", ("G703", "warning", "benefit", "B1")),
        ("g704_thresholds", ("G704", "warning", "agreement", "")),
        ("g705_quarters", ("G705", "warning", "scheme", "S")),
        ("g706_forecast", ("G706", "warning", "scheme", "S")),
        ("g706_forecast", ("G706", "warning", "agreement", "")),
    ];
    for (name, want) in cases {
        let found = findings(&file(name));
        assert!(has(&found, want), "{name}: wanted {want:?}, got {found:?}");
        assert!(
            !findings(&file("clean")).iter().any(|f| f.0 == want.0),
            "clean.ron must not trigger {}",
            want.0
        );
    }
}

#[test]
fn a_review_is_past_due_only_after_its_date() {
    let path = file("g702_review_due");
    let on = |today: &str| {
        let report = json(&["check", &path, "--format", "json", "--today", today]);
        report["findings"]
            .as_array()
            .expect("a list")
            .iter()
            .any(|f| f["code"] == "G702")
    };
    assert!(!on("2026-10-01"), "due on the day, not past it");
    assert!(on("2026-10-02"));
}

#[test]
fn no_boundary_warning_where_the_parties_create_no_boundary() {
    // Two partners, a commissioner and a council, one scheme: only health-social care exists.
    let found = findings(&file("g401_boundary"));
    let boundaries: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "G401")
        .map(|f| f.3.as_str())
        .collect();
    assert_eq!(boundaries, vec!["HealthSocialCare"]);
}

#[test]
fn the_example_gives_what_a_reader_of_the_guide_would_expect() {
    let found: Vec<(String, String, String)> = findings(ANYTOWN)
        .into_iter()
        .map(|(c, s, _, i)| (c, s, i))
        .collect();
    let want = [
        ("G102", "warning", "VCS"),
        ("G201", "warning", "LA"),
        ("G202", "warning", "ACUTE"),
        ("G301", "warning", "R1"),
        ("G301", "warning", "R4"),
        ("G302", "note", "ICB"),
        ("G302", "note", "LA"),
        ("G401", "warning", "ServiceService"),
        ("G501", "warning", "R1"),
        ("G501", "warning", "R2"),
        ("G501", "warning", "R4"),
        ("G502", "warning", "ICB"),
        ("G502", "warning", "LA"),
        ("G502", "warning", "ACUTE"),
        ("G602", "note", ""),
        ("G701", "warning", "R3"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(c, s, i)| (c.to_string(), s.to_string(), i.to_string()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn the_table_prints_findings_after_ok_and_strict_fails_on_warnings() {
    let out = riskshare(&["check", ANYTOWN, "--today", TODAY]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "ok");
    assert!(lines[2].starts_with(
        "warning G102 everybody-bears-risk: party 'VCS' bears nothing at a 5% overspend of every scheme, owns no retained risk and has no influence share, yet it gains £31,250.00 at a 5% underspend"
    ), "{text}");
    let strict = riskshare(&["check", ANYTOWN, "--today", TODAY, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(
        strict.stdout, out.stdout,
        "the same report, then the failure"
    );
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(
        stderr.ends_with("13 warnings, and --strict fails on warnings\n"),
        "{stderr}"
    );
    // Notes never fail a check.
    let notes = riskshare(&[
        "check",
        &file("g602_no_arbitration"),
        "--today",
        TODAY,
        "--strict",
    ]);
    assert!(notes.status.success(), "{notes:?}");
    let bad = riskshare(&["check", ANYTOWN, "--today", "30/11/2026"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn variance(path: &str, scenario: &str, scheme: &str) -> String {
    let report = json(&["calc", path, "--scenario", scenario, "--format", "json"]);
    let schemes = report["schemes"].as_array().expect("schemes");
    let s = schemes.iter().find(|s| s["id"] == scheme).expect("scheme");
    s["variance"].as_str().expect("text").to_string()
}

#[test]
fn two_quarters_reported_forecast_to_the_penny_through_calc() {
    let path = file("forecast");
    assert_eq!(variance(&path, "Forecast: to plan", "S"), "13345.67");
    assert_eq!(variance(&path, "Forecast: run rate", "S"), "26691.34");
    // The same figures the engine's monitoring gives.
    let text = std::fs::read_to_string(&path).expect("read");
    let agreement = riskshare::store::parse(&text, "forecast.ron").expect("loads");
    let f = &riskshare::engine::forecast::forecasts(&agreement).expect("forecast")[0];
    assert_eq!(f.to_plan.to_string(), "13345.67");
    assert_eq!(f.run_rate.to_string(), "26691.34");
    // No quarters, no forecast scenario.
    let out = riskshare(&["calc", ANYTOWN, "--scenario", "Forecast: to plan"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn compare_equals_calc_run_once_per_scenario() {
    let cases: [(&str, &[&str]); 2] = [
        (
            ANYTOWN,
            &[
                "Expected",
                "Hard winter",
                "Schemes deliver",
                "Discharge pressure",
            ],
        ),
        (
            &file("forecast"),
            &["Forecast: to plan", "Forecast: run rate", "Mild"],
        ),
    ];
    for (path, names) in cases {
        let mut args = vec!["compare", path, "--format", "json"];
        for n in names {
            args.extend(["--scenario", n]);
        }
        let compared = json(&args);
        let parties = compared["parties"].as_array().expect("parties");
        for (k, name) in names.iter().enumerate() {
            let calc = json(&["calc", path, "--scenario", name, "--format", "json"]);
            for p in calc["parties"].as_array().expect("parties") {
                let row = parties
                    .iter()
                    .find(|r| r["id"] == p["id"])
                    .expect("every party");
                assert_eq!(row["totals"][k], p["total"], "{name} {}", p["id"]);
                if k > 0 {
                    let first: rust_decimal::Decimal =
                        row["totals"][0].as_str().expect("t").parse().expect("d");
                    let this: rust_decimal::Decimal =
                        p["total"].as_str().expect("t").parse().expect("d");
                    assert_eq!(
                        row["differences"][k - 1].as_str().expect("d"),
                        format!("{:.2}", this - first),
                        "{name} {}",
                        p["id"]
                    );
                }
            }
        }
    }
}

#[test]
fn compare_takes_two_to_four_known_scenarios() {
    for args in [
        vec!["compare", ANYTOWN, "--scenario", "Expected"],
        vec![
            "compare",
            ANYTOWN,
            "--scenario",
            "Expected",
            "--scenario",
            "Nope",
        ],
        vec![
            "compare",
            ANYTOWN,
            "--scenario",
            "Expected",
            "--scenario",
            "expected",
        ],
    ] {
        let out = riskshare(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let out = riskshare(&[
        "compare",
        ANYTOWN,
        "--scenario",
        "Expected",
        "--scenario",
        "Hard winter",
        "--format",
        "csv",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "party,Expected,Hard winter,Hard winter - Expected\nICB,31466.32,571065.63,539599.31\nLA,28533.68,248934.37,220400.69\nACUTE,0.00,90000.00,90000.00\nVCS,0.00,0.00,0.00\n"
    );
}
