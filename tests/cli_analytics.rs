//! `riskshare sweep` and `riskshare simulate` through the binary: the sweep agrees with `calc`
//! at every point, each `breach_at` is the first hundredth where `calc` shows a breach, and a
//! simulation is the same to the byte for the same seed on one thread or four.

use crate::analytics_support;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn riskshare(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let output = riskshare(args);
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Each party's total from `calc --format json` at one variance.
fn calc_totals(file: &str, variance: &str) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(&stdout(&[
        "calc",
        file,
        "--variance",
        variance,
        "--format",
        "json",
    ]))
    .unwrap();
    json["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["total"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn sweep_equals_calc(file: &str, range: &[&str]) {
    let mut args = vec!["sweep", file, "--format", "csv"];
    args.extend_from_slice(range);
    let text = stdout(&args);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut points = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let totals = calc_totals(file, cells[0]);
        for (i, (id, total)) in totals.iter().enumerate() {
            assert_eq!(header[i + 1], id);
            assert_eq!(cells[i + 1], total, "{id} at {}", cells[0]);
        }
        points += 1;
    }
    assert!(points > 10);
}

#[test]
fn sweep_equals_calc_at_every_point_for_anytown() {
    sweep_equals_calc(ANYTOWN, &[]);
}

#[test]
fn sweep_equals_calc_at_every_point_for_a_random_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("random.ron");
    std::fs::write(&file, analytics_support::random_ron(6)).unwrap();
    let file = file.to_str().unwrap();
    sweep_equals_calc(file, &["--from", "-6", "--to", "6", "--step", "0.25"]);
}

fn hundredth(v: f64, offset: i64) -> String {
    let h = (v * 100.0).round() as i64 + offset;
    format!(
        "{}{}.{:02}",
        if h < 0 { "-" } else { "" },
        h.abs() / 100,
        h.abs() % 100
    )
}

fn money(text: &str) -> i128 {
    text.replace('.', "").parse().unwrap()
}

fn breach_at_is_the_first_breach(file: &Path) {
    let file = file.to_str().unwrap();
    let json: Value = serde_json::from_str(&stdout(&["sweep", file, "--format", "json"])).unwrap();
    let mut checked = 0;
    for (i, party) in json["parties"].as_array().unwrap().iter().enumerate() {
        let tolerance = money(party["tolerance"].as_str().unwrap());
        let Some(at) = party["breach_at"].as_f64() else {
            continue;
        };
        let at_point = calc_totals(file, &hundredth(at, 0));
        assert!(money(&at_point[i].1) > tolerance, "{party} at {at}");
        if at > -100.0 {
            let before = calc_totals(file, &hundredth(at, -1));
            assert!(money(&before[i].1) <= tolerance, "{party} just before {at}");
        }
        checked += 1;
    }
    assert!(checked > 0, "some party breaks its tolerance");
}

#[test]
fn breach_at_is_where_calc_first_shows_a_breach() {
    breach_at_is_the_first_breach(Path::new(ANYTOWN));
    let json: Value =
        serde_json::from_str(&stdout(&["sweep", ANYTOWN, "--format", "json"])).unwrap();
    assert_eq!(json["parties"][0]["id"], "ICB");
    assert_eq!(json["parties"][0]["breach_at"], 2.92);
    assert_eq!(json["parties"][1]["breach_at"], 4.97);
    assert_eq!(json["points"].as_array().unwrap().len(), 81);
}

#[test]
fn the_table_names_each_partys_break_even_point() {
    let text = stdout(&["sweep", ANYTOWN, "--from", "2", "--to", "3"]);
    assert!(
        text.contains("ICB breaks its tolerance of 265,000.00 at +2.92%"),
        "{text}"
    );
    assert!(text.contains("VCS stays within its tolerance"), "{text}");
    assert!(
        text.contains("  +3%       274,398.96 !  115,601.04"),
        "{text}"
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_one_thread_or_four() {
    for format in ["table", "json", "csv"] {
        let args = |threads: &'static str| {
            [
                "simulate",
                ANYTOWN,
                "--trials",
                "2500",
                "--seed",
                "9",
                "--spread",
                "2",
                "--threads",
                threads,
                "--format",
                format,
            ]
        };
        let one = stdout(&args("1"));
        assert_eq!(one, stdout(&args("1")), "{format}: twice");
        assert_eq!(one, stdout(&args("4")), "{format}: 1 thread and 4");
    }
    let other = stdout(&[
        "simulate", ANYTOWN, "--trials", "2500", "--seed", "10", "--spread", "2",
    ]);
    let first = stdout(&[
        "simulate", ANYTOWN, "--trials", "2500", "--seed", "9", "--spread", "2",
    ]);
    assert_ne!(first, other);
}

#[test]
fn simulate_json_has_money_as_strings_and_chances_as_numbers() {
    let text = stdout(&[
        "simulate",
        ANYTOWN,
        "--trials",
        "3000",
        "--scenario",
        "hard winter",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["scenario"], "Hard winter");
    assert_eq!(json["trials"], 3000);
    assert_eq!(json["partial"], false);
    let two_decimals = |v: &Value| {
        let s = v.as_str().unwrap_or_else(|| panic!("{v} is a string"));
        let (_, pence) = s.split_once('.').unwrap();
        assert_eq!(pence.len(), 2, "{s}");
    };
    for p in json["parties"].as_array().unwrap() {
        for key in [
            "tolerance",
            "mean",
            "p5",
            "p50",
            "p80",
            "p95",
            "worst",
            "best",
        ] {
            two_decimals(&p[key]);
        }
        let chance = p["breach_probability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&chance));
        assert!(money(p["p5"].as_str().unwrap()) <= money(p["p50"].as_str().unwrap()));
        assert!(money(p["p95"].as_str().unwrap()) <= money(p["worst"].as_str().unwrap()));
    }
    for s in json["schemes"].as_array().unwrap() {
        two_decimals(&s["mean_variance"]);
        two_decimals(&s["unallocated_mean"]);
        assert!(s["unallocated_probability"].is_f64());
    }
    let thresholds = json["thresholds"].as_array().unwrap();
    assert_eq!(thresholds.len(), 2);
    assert_eq!(thresholds[0]["at"], 2.0);
    assert!(text.find("\"ICB\"").unwrap() < text.find("\"LA\"").unwrap());
}

#[test]
fn bad_options_are_refused_in_one_sentence() {
    for (args, says) in [
        (
            vec!["simulate", ANYTOWN, "--trials", "0"],
            "--trials '0' must be from 1",
        ),
        (
            vec!["simulate", ANYTOWN, "--trials", "lots"],
            "--trials 'lots' is not a whole number",
        ),
        (
            vec!["simulate", ANYTOWN, "--correlation", "2"],
            "--correlation '2' is not a number from 0 to 1",
        ),
        (
            vec!["simulate", ANYTOWN, "--spread", "101"],
            "--spread '101' is not a number from 0 to 100",
        ),
        (
            vec!["simulate", ANYTOWN, "--threads", "0"],
            "--threads '0' must be from 1 to 256",
        ),
        (
            vec!["simulate", ANYTOWN, "--scenario", "nope"],
            "there is no scenario 'nope'",
        ),
        (
            vec!["sweep", ANYTOWN, "--step", "0"],
            "--step '0' must be more than 0",
        ),
        (
            vec!["sweep", ANYTOWN, "--from", "5", "--to", "1"],
            "--from '5' is above --to '1'",
        ),
        (
            vec!["sweep", ANYTOWN, "--step", "0.0001"],
            "--step 0.0001 from -20 to 20 gives more than 100,001 points, the most one sweep takes; use a step of at least 0.0004",
        ),
    ] {
        let output = riskshare(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(output.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(output.stdout.is_empty());
    }
}
