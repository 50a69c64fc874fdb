//! The rules real agreements write, through `riskshare calc --format json`: the pool (netting and
//! a risk pool), minimum rates (`threshold`), `BudgetPercent` caps, variances in pounds, and the
//! figures both faces share (variance percent, tolerance, headroom, breach, thresholds crossed).
//! Every expected figure is issue 8's or SPEC.md's, worked by hand.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn saves(name: &str) -> PathBuf {
    Path::new(ROOT).join("saves").join(name)
}

fn run(file: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(file)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn calc(file: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let output = run(file, &all);
    assert!(output.status.success(), "{args:?}: {output:?}");
    serde_json::from_slice(&output.stdout).expect("one JSON object")
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

fn share<'a>(json: &'a Value, scheme_id: &str, party: &str) -> &'a Value {
    &scheme(json, scheme_id)["shares"][party]
}

/// anytown.ron with `pool: (netting: true, contingency: 100000)` added, in a temporary folder.
fn pooled_anytown() -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(saves("anytown.ron")).expect("anytown.ron");
    let text = text.replacen(
        "    period: \"2026/27\",\n",
        "    period: \"2026/27\",\n    pool: (netting: true, contingency: 100000),\n",
        1,
    );
    assert!(text.contains("pool: (netting"), "the pool went in");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("pooled.ron");
    std::fs::write(&path, text).expect("written");
    (dir, path)
}

#[test]
fn pool_ooh_over_3_dtoc_under_4() {
    let (_dir, file) = pooled_anytown();
    let json = calc(
        &file,
        &[
            "--scheme", "OOH=3", "--scheme", "DTOC=-4", "--scheme", "PREV=0",
        ],
    );
    let ooh = scheme(&json, "OOH");
    assert_eq!(ooh["netted"], "200000.00");
    assert_eq!(ooh["pool_contingency_used"], "100000.00");
    assert_eq!(ooh["contingency_used"], "60000.00");
    for (s, p) in [
        ("OOH", "ICB"),
        ("OOH", "LA"),
        ("DTOC", "ICB"),
        ("DTOC", "LA"),
    ] {
        assert_eq!(share(&json, s, p), "0.00", "{s} {p}");
    }
    assert_eq!(scheme(&json, "DTOC")["netted"], "200000.00");
}

#[test]
fn pool_ooh_over_5_dtoc_and_prev_under() {
    let (_dir, file) = pooled_anytown();
    let json = calc(
        &file,
        &[
            "--scheme", "OOH=5", "--scheme", "DTOC=-1", "--scheme", "PREV=-2",
        ],
    );
    let ooh = scheme(&json, "OOH");
    assert_eq!(ooh["netted"], "70000.00");
    assert_eq!(ooh["pool_contingency_used"], "100000.00");
    assert_eq!(ooh["contingency_used"], "150000.00");
    assert_eq!(share(&json, "OOH", "ICB"), "226666.67");
    assert_eq!(share(&json, "OOH", "LA"), "53333.33");
    // Netted in full: all of their savings went to meet OOH's overspend.
    assert_eq!(scheme(&json, "DTOC")["netted"], "50000.00");
    assert_eq!(scheme(&json, "DTOC")["variance"], "-50000.00");
    assert_eq!(scheme(&json, "PREV")["netted"], "20000.00");
    assert_eq!(scheme(&json, "PREV")["variance"], "-20000.00");
}

#[test]
fn pool_every_scheme_over_3() {
    let (_dir, file) = pooled_anytown();
    let json = calc(&file, &["--variance", "3"]);
    assert_eq!(scheme(&json, "OOH")["pool_contingency_used"], "66666.67");
    assert_eq!(scheme(&json, "DTOC")["pool_contingency_used"], "27777.78");
    assert_eq!(scheme(&json, "PREV")["pool_contingency_used"], "5555.55");
    assert_eq!(party(&json, "ICB")["total"], "212473.23");
    assert_eq!(party(&json, "LA")["total"], "77526.77");
}

#[test]
fn mssp_savings() {
    let file = saves("mssp.ron");
    for (variance, aco, cms) in [
        ("-1.5", "0.00", "-1500000.00"),
        ("-2", "-1000000.00", "-1000000.00"),
        ("-3", "-1500000.00", "-1500000.00"),
        ("-25", "-10000000.00", "-15000000.00"),
    ] {
        let json = calc(&file, &["--variance", variance]);
        assert_eq!(share(&json, "MSSP", "ACO"), aco, "{variance}");
        assert_eq!(share(&json, "MSSP", "CMS"), cms, "{variance}");
    }
}

#[test]
fn mssp_losses() {
    let file = saves("mssp.ron");
    for (variance, aco, cms) in [
        ("1.99", "0.00", "1990000.00"),
        ("2", "600000.00", "1400000.00"),
        ("20", "4000000.00", "16000000.00"),
    ] {
        let json = calc(&file, &["--variance", variance]);
        assert_eq!(share(&json, "MSSP", "ACO"), aco, "{variance}");
        assert_eq!(share(&json, "MSSP", "CMS"), cms, "{variance}");
    }
}

/// Just below, exactly at and just above the minimum rate, both ways: below, the threshold's
/// basis (CMS alone) takes it all; at and above, the bands share from the first pound.
#[test]
fn thresholds_just_below_at_and_above() {
    let file = saves("mssp.ron");
    for (variance, aco) in [
        ("-1.99", "0.00"),
        ("-2", "-1000000.00"),
        ("-2.01", "-1005000.00"),
        ("1.99", "0.00"),
        ("2", "600000.00"),
        ("2.01", "603000.00"),
    ] {
        let json = calc(&file, &["--variance", variance]);
        assert_eq!(share(&json, "MSSP", "ACO"), aco, "{variance}");
    }
    // A pound short of the rate in pounds, and the rate exactly.
    let json = calc(&file, &["--amount", "MSSP=-1999999.99"]);
    assert_eq!(share(&json, "MSSP", "ACO"), "0.00");
    let json = calc(&file, &["--amount", "MSSP=-2000000"]);
    assert_eq!(share(&json, "MSSP", "ACO"), "-1000000.00");
}

#[test]
fn the_section_75_waterfall() {
    let json = calc(
        &saves("s75_waterfall.ron"),
        &["--scenario", "Month 9 forecast"],
    );
    let bcf = scheme(&json, "BCF");
    assert_eq!(bcf["variance"], "1200000.00");
    assert_eq!(bcf["netted"], "450000.00");
    assert_eq!(bcf["pool_contingency_used"], "500000.00");
    assert_eq!(share(&json, "BCF", "ICB"), "178571.43");
    assert_eq!(share(&json, "BCF", "LA"), "71428.57");
    let mhld = scheme(&json, "MHLD");
    assert_eq!(mhld["netted"], "450000.00");
    assert_eq!(share(&json, "MHLD", "ICB"), "0.00");
    assert_eq!(share(&json, "MHLD", "LA"), "0.00");
    // Each side of the review thresholds, by each pool on its own; the pool is at +1.5%.
    let crossed: Vec<(String, Vec<String>)> = json["thresholds"]
        .as_array()
        .expect("thresholds")
        .iter()
        .map(|t| {
            let by = t["crossed_by"].as_array().expect("crossed_by");
            let by = by.iter().map(|b| b.as_str().unwrap().to_string()).collect();
            (t["at"].as_str().unwrap().to_string(), by)
        })
        .collect();
    assert_eq!(
        crossed,
        vec![
            ("-2".to_string(), vec!["MHLD".to_string()]),
            ("2".to_string(), vec!["BCF".to_string()])
        ]
    );
}

#[test]
fn an_amount_is_used_exactly() {
    let anytown = saves("anytown.ron");
    let json = calc(&anytown, &["--amount", "OOH=123456.78"]);
    let ooh = scheme(&json, "OOH");
    assert_eq!(ooh["variance"], "123456.78");
    assert_eq!(ooh["variance_percent"], "1.03");
    // All of it within OOH's contingency of 150,000.
    assert_eq!(ooh["contingency_used"], "123456.78");
    let json = calc(&anytown, &["--amount", "DTOC=-1000.01"]);
    assert_eq!(scheme(&json, "DTOC")["variance"], "-1000.01");
}

#[test]
fn variance_moves_the_base_and_held_schemes_keep_theirs() {
    // Issue 9: the workbench showed ICB 103,233 and LA 281,767 with DTOC held at 4%.
    let json = calc(
        &saves("anytown.ron"),
        &["--scenario", "Discharge pressure", "--variance", "0.5"],
    );
    assert_eq!(scheme(&json, "DTOC")["variance"], "200000.00");
    assert_eq!(scheme(&json, "OOH")["variance"], "60000.00");
    assert_eq!(party(&json, "ICB")["total"], "103233.16");
    assert_eq!(party(&json, "LA")["total"], "281766.84");
}

#[test]
fn tolerance_headroom_and_breach() {
    // Issue 8: at +10% the council is £235,336.79 past its tolerance of £250,000.
    let json = calc(&saves("anytown.ron"), &["--variance", "10"]);
    let la = party(&json, "LA");
    assert_eq!(la["tolerance"], "250000.00");
    assert_eq!(la["headroom"], "-235336.79");
    assert_eq!(la["breach"], true);
    let json = calc(&saves("anytown.ron"), &["--variance", "1"]);
    assert_eq!(party(&json, "LA")["breach"], false);
}

#[test]
fn thresholds_crossed_name_the_pool_and_each_scheme() {
    let json = calc(&saves("anytown.ron"), &["--scenario", "Hard winter"]);
    assert_eq!(scheme(&json, "OOH")["variance_percent"], "6.33");
    let thresholds = json["thresholds"].as_array().expect("thresholds");
    assert_eq!(thresholds.len(), 2, "{json}");
    assert_eq!(thresholds[0]["at"], "2");
    assert_eq!(
        thresholds[0]["crossed_by"],
        serde_json::json!(["pool", "OOH", "DTOC", "PREV"])
    );
    assert_eq!(thresholds[1]["at"], "5");
    assert_eq!(
        thresholds[1]["action"],
        "Escalate to the Health and Wellbeing Board"
    );
    assert_eq!(
        thresholds[1]["crossed_by"],
        serde_json::json!(["pool", "OOH"])
    );
    // "Discharge pressure": DTOC alone is at 4%, the pool at 1.11%.
    let json = calc(&saves("anytown.ron"), &["--scenario", "Discharge pressure"]);
    assert_eq!(
        json["thresholds"],
        serde_json::json!([{"at": "2", "action": "Recovery plan to the joint commissioning board", "crossed_by": ["DTOC"]}])
    );
}

#[test]
fn a_bad_amount_is_refused_in_one_sentence() {
    let anytown = saves("anytown.ron");
    for (args, says) in [
        (&["--amount", "OOH=12.345"][..], "fraction of a penny"),
        (&["--amount", "OOH=1e5"], "is not an amount of money"),
        (&["--amount", "OOH"], "must be written as ID=POUNDS"),
        (&["--amount", "NOPE=5"], "there is no scheme 'NOPE'"),
        (
            &["--amount", "PREV=-1000000.01"],
            "more than the scheme's whole budget",
        ),
        (
            &["--amount", "OOH=5", "--scheme", "OOH=3"],
            "given by both --scheme and --amount",
        ),
    ] {
        let output = run(&anytown, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn the_table_and_csv_carry_the_same_figures() {
    let (_dir, file) = pooled_anytown();
    let args = [
        "--scheme", "OOH=5", "--scheme", "DTOC=-1", "--scheme", "PREV=-2",
    ];
    let table = String::from_utf8(run(&file, &args).stdout).expect("UTF-8");
    for line in [
        "  netted                70,000.00",
        "  pool contingency     100,000.00",
        "  share ICB            226,666.67",
    ] {
        assert!(table.contains(line), "{line} in\n{table}");
    }
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = String::from_utf8(run(&file, &csv_args).stdout).expect("UTF-8");
    assert!(
        csv.contains("\nscheme,netted,70000.00,50000.00,20000.00,"),
        "{csv}"
    );
    assert!(
        csv.contains("\nscheme,pool_contingency_used,100000.00,0.00,0.00,"),
        "{csv}"
    );
    assert!(
        csv.contains("\nscheme,variance_percent,5.00,-1.00,-2.00,"),
        "{csv}"
    );
}
