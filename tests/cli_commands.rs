//! `calc` and `check` as a user meets them: the table and CSV, the summary of `check`, and one
//! readable sentence with the right exit code for every mistake on the command line.

use assert_cmd::Command;
use std::process::Output;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn riskshare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A refusal: the exit code, one `riskshare:` line on stderr, nothing on stdout.
fn refused(args: &[&str], code: i32) -> String {
    let out = riskshare(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("riskshare: "), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Error {"),
        "{stderr}"
    );
    stderr
}

#[test]
fn check_says_ok_and_sums_up_the_agreement() {
    // The governance checks' findings follow the summary (tests/cli_governance.rs lists them).
    let out = riskshare(&["check", ANYTOWN, "--today", "2026-11-30"]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).starts_with(
            "ok\nAnytown Better Care Fund 2026/27: 4 parties, 3 schemes, pooled total \
             18,000,000.00, 4 risks, 1 benefit, 4 scenarios\nwarning G102 "
        ),
        "{}",
        text(&out.stdout)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn the_table_separates_thousands_and_totals_every_party() {
    let out = riskshare(&["calc", ANYTOWN, "--variance", "10"]);
    assert!(out.status.success());
    let table = text(&out.stdout);
    assert!(
        table.starts_with("Anytown Better Care Fund 2026/27\n"),
        "{table}"
    );
    assert!(
        table.contains("Variance 10% of every scheme's budget."),
        "{table}"
    );
    for line in [
        "  budget            12,000,000.00",
        "  contingency used     150,000.00",
        "  share LA             200,000.00   at cap 200,000.00",
    ] {
        assert!(table.contains(line), "{line:?} in\n{table}");
    }
    let icb = table
        .lines()
        .find(|l| l.trim_start().starts_with("ICB "))
        .expect("ICB's totals");
    let figures: Vec<&str> = icb.split_whitespace().collect();
    assert_eq!(
        figures,
        [
            "ICB",
            "1,164,663.21",
            "0.00",
            "0.00",
            "0.00",
            "1,164,663.21",
            "265,000.00",
            "-899,663.21",
            "!",
            "BREACH"
        ]
    );
    assert!(!table.contains("UNALLOCATED"), "{table}");
}

#[test]
fn csv_is_one_sheet_with_scheme_figures_then_parties() {
    let out = riskshare(&["calc", ANYTOWN, "--variance", "-2", "--format", "csv"]);
    assert!(out.status.success());
    let csv = text(&out.stdout);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "kind",
            "id",
            "OOH",
            "DTOC",
            "PREV",
            "pooled",
            "retained",
            "influence",
            "benefits",
            "total",
            "tolerance",
            "headroom",
            "breach",
            "crossed_by",
            "action"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{csv}");
    assert_eq!(
        rows[7][..5],
        ["scheme", "reinvested", "120000.00", "0.00", "0.00"]
    );
    assert_eq!(
        rows[11],
        [
            "party", "ACUTE", "", "", "-2500.00", "-2500.00", "0.00", "0.00", "0.00", "-2500.00",
            "0.00", "2500.00", "false", "", ""
        ]
    );
    assert_eq!(rows[9][1], "ICB");
    assert_eq!(rows[9][9], "-135054.74");
    // Eight scheme rows, four parties, and no review threshold is crossed at -2%.
    assert_eq!(rows.len(), 1 + 8 + 4);
}

#[test]
fn bad_numbers_on_the_command_line_are_one_sentence_and_exit_2() {
    let e = refused(&["calc", ANYTOWN, "--variance", "abc"], 2);
    assert!(e.contains("--variance 'abc' is not a percentage"), "{e}");
    let e = refused(&["calc", ANYTOWN, "--scheme", "OOH"], 2);
    assert!(e.contains("ID=PCT"), "{e}");
    let e = refused(&["calc", ANYTOWN, "--scheme", "OOH=lots"], 2);
    assert!(e.contains("'lots' is not a percentage"), "{e}");
}

#[test]
fn unknown_names_are_refused_with_the_names_there_are() {
    let e = refused(&["calc", ANYTOWN, "--scheme", "NOPE=3"], 2);
    assert!(
        e.contains("no scheme 'NOPE'") && e.contains("OOH, DTOC and PREV"),
        "{e}"
    );
    let e = refused(&["calc", ANYTOWN, "--scenario", "Mild spring"], 2);
    assert!(e.contains("no scenario 'Mild spring'"), "{e}");
    assert!(e.contains("\"Hard winter\""), "{e}");
}

#[test]
fn a_file_that_cannot_be_read_is_named_and_exits_1() {
    let e = refused(&["check", "no/such/file.ron"], 1);
    assert!(e.contains("no/such/file.ron: there is no such file"), "{e}");
    let e = refused(&["calc", env!("CARGO_MANIFEST_DIR")], 1);
    assert!(e.contains("folder"), "{e}");
}

#[test]
fn control_characters_from_a_file_or_a_path_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let nasty = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}";
    let ron = std::fs::read_to_string(ANYTOWN).expect("anytown").replace(
        "\"Anytown Better Care Fund 2026/27\"",
        &format!("\"Any{}town\"", nasty.escape_unicode()),
    );
    let good = dir.path().join("good.ron");
    std::fs::write(&good, ron).expect("written");
    let loaded = riskshare(&["check", good.to_str().expect("path")]);
    assert!(loaded.status.success(), "{loaded:?}");
    assert!(
        text(&loaded.stdout).contains("Any]0;pwned[2Jtown: 4 parties"),
        "{loaded:?}"
    );
    let missing = dir.path().join(format!("gone{nasty}.ron"));
    for args in [
        vec!["calc", good.to_str().expect("path")],
        vec!["check", good.to_str().expect("path")],
        vec!["calc", missing.to_str().expect("path")],
        vec!["calc", good.to_str().expect("path"), "--scenario", nasty],
    ] {
        let out = riskshare(&args);
        for stream in [&out.stdout, &out.stderr] {
            let s = String::from_utf8_lossy(stream);
            assert!(
                !s.chars()
                    .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
                "{args:?}: {s:?}"
            );
        }
    }
}
