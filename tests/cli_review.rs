//! What a reviewer met at the command line, as an analyst runs it: a mistyped command, held
//! schemes in `sweep` and `simulate`, a scheme with no budget, a scheme given twice, values out
//! of range, export options that do nothing, and `diff` across unrelated agreements.

use assert_cmd::Command;
use std::process::Output;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn riskshare_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn riskshare(args: &[&str]) -> Output {
    riskshare_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A usage refusal: exit 2, nothing on stdout, the sentence first on stderr (a help hint may
/// follow it); returns the sentence.
fn usage_refusal(args: &[&str]) -> String {
    let out = riskshare(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(stderr.lines().count() <= 2, "{args:?}: {stderr}");
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("riskshare: "), "{stderr}");
    first["riskshare: ".len()..].to_string()
}

// 1. A mistyped command.

#[test]
fn a_mistyped_command_names_the_nearest_one() {
    assert_eq!(
        usage_refusal(&["simualte", ANYTOWN]),
        "there is no command `simualte`; did you mean `simulate`?"
    );
    assert_eq!(
        usage_refusal(&["chek"]),
        "there is no command `chek`; did you mean `check`?"
    );
    assert_eq!(
        usage_refusal(&["--ascii", "exprot", ANYTOWN, "--format", "md"]),
        "there is no command `exprot`; did you mean `export`?"
    );
}

#[test]
fn a_word_that_reads_as_a_file_still_opens_the_workbench() {
    // Without a terminal the workbench says it needs one: the name reached the workbench, which
    // opens a missing file as a new agreement to save there.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["chek.ron", "./chek", "budget"] {
        let out = riskshare_in(dir.path(), &[name]);
        assert_eq!(
            text(&out.stderr),
            "riskshare: the workbench needs a terminal; use `riskshare calc` or `riskshare check` in scripts\n",
            "{name}"
        );
    }
    // A file that exists is opened whatever its name.
    std::fs::copy(ANYTOWN, dir.path().join("chek")).expect("copied");
    let out = riskshare_in(dir.path(), &["chek"]);
    assert!(
        text(&out.stderr).contains("the workbench needs a terminal"),
        "{}",
        text(&out.stderr)
    );
}

// 2. `--scheme` and `--amount` in `sweep` and `simulate`, as `calc` reads them.

fn json(args: &[&str]) -> serde_json::Value {
    let out = riskshare(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn sweep_holds_a_scheme_as_calc_does_at_every_point() {
    let swept = json(&[
        "sweep",
        ANYTOWN,
        "--scheme",
        "DTOC=4",
        "--amount",
        "PREV=-12,345.67",
        "--from",
        "-3",
        "--to",
        "3",
        "--step",
        "1.5",
        "--format",
        "json",
    ]);
    let plain = json(&[
        "sweep", ANYTOWN, "--from", "-3", "--to", "3", "--step", "1.5", "--format", "json",
    ]);
    assert_ne!(
        swept["points"], plain["points"],
        "holding DTOC moves the totals"
    );
    assert_eq!(
        swept["held"],
        serde_json::json!([
            {"id": "DTOC", "percent": "4.00", "amount": null},
            {"id": "PREV", "percent": null, "amount": "-12345.67"}
        ])
    );
    let points = swept["points"].as_array().expect("points");
    assert_eq!(points.len(), 5);
    for point in points {
        let variance = point["variance"].to_string();
        let calc = json(&[
            "calc",
            ANYTOWN,
            "--scheme",
            "DTOC=4",
            "--amount",
            "PREV=-12,345.67",
            "--variance",
            &variance,
            "--format",
            "json",
        ]);
        for party in calc["parties"].as_array().expect("parties") {
            let id = party["id"].as_str().expect("id");
            assert_eq!(point["totals"][id], party["total"], "{id} at {variance}%");
        }
    }
    let table = text(
        &riskshare(&[
            "sweep", ANYTOWN, "--scheme", "DTOC=4", "--from", "0", "--to", "0",
        ])
        .stdout,
    );
    assert!(
        table.contains("\nHeld whatever the base: DTOC +4%.\n"),
        "{table}"
    );
}

#[test]
fn simulate_holds_a_scheme() {
    let run = |extra: &[&str]| {
        let mut args = vec!["simulate", ANYTOWN, "--trials", "2000", "--format", "json"];
        args.extend_from_slice(extra);
        json(&args)
    };
    let plain = run(&[]);
    let held = run(&["--scheme", "dtoc=4"]);
    assert_eq!(
        held["held"],
        serde_json::json!([{"id": "DTOC", "percent": "4.00", "amount": null}])
    );
    let mean = |v: &serde_json::Value| -> rust_decimal::Decimal {
        let dtoc = v["schemes"]
            .as_array()
            .expect("schemes")
            .iter()
            .find(|s| s["id"] == "DTOC")
            .expect("DTOC");
        dtoc["mean_variance"]
            .as_str()
            .expect("money")
            .parse()
            .expect("a decimal")
    };
    // The same seed draws the same risks: holding DTOC at 4% of its 5,000,000 adds 200,000.
    assert_eq!(
        mean(&held) - mean(&plain),
        rust_decimal::Decimal::from(200_000)
    );
    let amount = run(&["--amount", "DTOC=123456.78"]);
    assert_eq!(
        mean(&amount) - mean(&plain),
        "123456.78"
            .parse::<rust_decimal::Decimal>()
            .expect("a decimal")
    );
}

#[test]
fn sweep_and_simulate_refuse_what_calc_refuses_in_the_same_words() {
    for bad in [
        ["--scheme", "PREV"],
        ["--scheme", "NOPE=3"],
        ["--scheme", "OOH=abc"],
        ["--amount", "OOH=1.005"],
        ["--amount", "OOH=-99999999"],
    ] {
        let calc = usage_refusal(&["calc", ANYTOWN, bad[0], bad[1]]);
        assert_eq!(usage_refusal(&["sweep", ANYTOWN, bad[0], bad[1]]), calc);
        assert_eq!(usage_refusal(&["simulate", ANYTOWN, bad[0], bad[1]]), calc);
    }
    let both = usage_refusal(&["sweep", ANYTOWN, "--scheme", "OOH=1", "--amount", "OOH=5"]);
    assert_eq!(
        both,
        "scheme 'OOH' is given by both --scheme and --amount; give one of them"
    );
}

// 3. A scheme whose every contribution is 0.

const ZERO_BUDGET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/agreements/zero_budget.ron"
);

#[test]
fn a_zero_budget_warning_says_what_the_engine_does() {
    let check = riskshare(&["check", ZERO_BUDGET, "--today", "2026-11-30"]);
    let report = text(&check.stdout);
    assert!(
        report.contains(
            "warning: scheme 'OOH': every contribution is 0, so its budget is 0 and a variance in \
             percent moves nothing there; money in pounds (a pooled risk that happens, a shared \
             benefit, an amount) still reaches it, is met by its contingency and is shared by its \
             rules, a share by contribution split equally and a cap in percent at 0\n"
        ),
        "{report}"
    );
    assert!(!report.contains("nothing is shared"), "{report}");
    // And so it does: R1's 400,000 reaches OOH, its contingency meets 150,000, LA's cap of 5% of
    // nothing is 0, and ICB bears the rest.
    let calc = json(&[
        "calc",
        ZERO_BUDGET,
        "--scenario",
        "Hard winter",
        "--format",
        "json",
    ]);
    let ooh = &calc["schemes"][0];
    assert_eq!(ooh["id"], "OOH");
    assert_eq!(ooh["budget"], "0.00");
    assert_eq!(ooh["variance"], "400000.00");
    assert_eq!(ooh["contingency_used"], "150000.00");
    assert_eq!(
        ooh["shares"],
        serde_json::json!({"ICB": "250000.00", "LA": "0.00"})
    );
    // With nothing in pounds reaching it, a percent moves nothing there.
    let calm = json(&["calc", ZERO_BUDGET, "--variance", "5", "--format", "json"]);
    assert_eq!(calm["schemes"][0]["variance"], "0.00");
}

#[test]
fn a_percent_of_a_zero_budget_is_not_given() {
    let table = text(&riskshare(&["calc", ZERO_BUDGET, "--scenario", "Hard winter"]).stdout);
    assert!(
        table.contains(
            "  variance            400,000.00   3% of budget (0.00), +400,000.00 from risks and \
             benefits: n/a of budget\n"
        ),
        "{table}"
    );
    assert!(!table.contains("0.00% of budget"), "{table}");
    let calc = json(&[
        "calc",
        ZERO_BUDGET,
        "--scenario",
        "Hard winter",
        "--format",
        "json",
    ]);
    assert_eq!(
        calc["schemes"][0]["variance_percent"],
        serde_json::Value::Null
    );
    assert_eq!(calc["schemes"][1]["variance_percent"], "3.00");
    let csv = text(
        &riskshare(&[
            "calc",
            ZERO_BUDGET,
            "--scenario",
            "Hard winter",
            "--format",
            "csv",
        ])
        .stdout,
    );
    assert!(
        csv.contains("\nscheme,variance_percent,,3.00,3.00,"),
        "{csv}"
    );
}

// 4. One scheme given twice.

#[test]
fn a_scheme_given_twice_is_refused() {
    for command in ["calc", "sweep", "simulate"] {
        assert_eq!(
            usage_refusal(&[command, ANYTOWN, "--scheme", "OOH=5", "--scheme", "ooh=6"]),
            "scheme 'OOH' is given twice by --scheme (OOH=5 and ooh=6); give it once",
            "{command}"
        );
        assert_eq!(
            usage_refusal(&[command, ANYTOWN, "--amount", "PREV=1", "--amount", "PREV=2"]),
            "scheme 'PREV' is given twice by --amount (PREV=1 and PREV=2); give it once",
            "{command}"
        );
        assert_eq!(
            usage_refusal(&[command, ANYTOWN, "--scheme", "OOH=5", "--amount", "OOH=6"]),
            "scheme 'OOH' is given by both --scheme and --amount; give one of them",
            "{command}"
        );
    }
    // Two schemes, once each, are fine.
    let out = riskshare(&["calc", ANYTOWN, "--scheme", "OOH=5", "--scheme", "DTOC=6"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

// 5. A value past its limit is a mistake on the command line (exit 2), with the limit named.

#[test]
fn values_past_their_limits_are_usage_errors_naming_the_limit() {
    let high = "is above the highest percent riskshare takes, 1000 (ten times the budget)";
    for (args, sentence) in [
        (
            vec!["calc", ANYTOWN, "--variance", "99999999999999999999999"],
            format!("--variance '99999999999999999999999' {high}"),
        ),
        (
            vec!["calc", ANYTOWN, "--variance", "1000.01"],
            format!("--variance '1000.01' {high}"),
        ),
        (
            vec!["calc", ANYTOWN, "--variance", "-99999999999999999999999"],
            "--variance '-99999999999999999999999' would be an underspend of more than the whole \
             budget; the lowest is -100"
                .to_string(),
        ),
        (
            vec!["calc", ANYTOWN, "--scheme", "OOH=5000"],
            format!("--scheme OOH '5000' {high}"),
        ),
        (
            vec!["sweep", ANYTOWN, "--to", "99999999999999999999999999999"],
            format!("--to '99999999999999999999999999999' {high}"),
        ),
        (
            vec!["simulate", ANYTOWN, "--variance", "1001"],
            format!("--variance '1001' {high}"),
        ),
        (
            vec![
                "calc",
                ANYTOWN,
                "--amount",
                "OOH=999999999999999999999999999999",
            ],
            "--amount OOH '999999999999999999999999999999' is larger than riskshare handles (at \
             most 100000000000000000000)"
                .to_string(),
        ),
        (
            vec!["simulate", ANYTOWN, "--trials", "99999999999999999999999"],
            "--trials '99999999999999999999999' must be from 1 to 10000000".to_string(),
        ),
        (
            vec!["simulate", ANYTOWN, "--threads", "99999999999999999999999"],
            "--threads '99999999999999999999999' must be from 1 to 256".to_string(),
        ),
    ] {
        assert_eq!(usage_refusal(&args), sentence, "{args:?}");
    }
    // The limit itself is taken, and calculated.
    let out = riskshare(&["calc", ANYTOWN, "--variance", "1000", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

// 6. Export options that would do nothing, and the hint for a folder.

#[test]
fn export_refuses_sweep_where_it_does_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("ex.ron");
    std::fs::copy(ANYTOWN, &file).expect("copied");
    let file = file.to_str().expect("UTF-8 path");
    for format in ["md", "html", "xlsx"] {
        assert_eq!(
            usage_refusal(&["export", file, "--format", format, "--sweep"]),
            format!(
                "--sweep does nothing with --format {format}: it adds the sweep to a csv export \
                 (a second file) or a json one (a member), while the html report and the xlsx \
                 workbook always carry it"
            )
        );
    }
    // Nothing was written.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["ex.ron"]);
    // Where it works, it still does.
    let out = riskshare(&["export", file, "--format", "csv", "--sweep"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("ex-report-sweep.csv").exists());
}

#[test]
fn a_folder_given_as_the_output_is_answered_with_the_formats_own_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(ANYTOWN, dir.path().join("ex.ron")).expect("copied");
    for (format, name) in [
        ("csv", "./ex-report.csv"),
        ("md", "./ex-report.md"),
        ("xlsx", "./ex-report.xlsx"),
        ("json", "./ex-report.json"),
        ("html", "./ex-report.html"),
    ] {
        let out = riskshare_in(
            dir.path(),
            &["export", "ex.ron", "--format", format, "-o", "./"],
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(
            text(&out.stderr),
            format!("riskshare: -o './' is a folder; give a file's name, such as {name}\n"),
            "{format}"
        );
    }
}

// 7. `diff` across unrelated agreements.

#[test]
fn diff_pairs_schemes_by_id_and_says_none_for_an_empty_value() {
    let capped = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/agreements/overspend_capped.ron"
    );
    let out = riskshare(&["diff", ANYTOWN, capped]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    let lines: Vec<&str> = said.lines().collect();
    for expected in [
        "period from 2026/27 to (none)",
        "party ICB removed",
        "party A added",
        "scheme OOH removed",
        "scheme DTOC removed",
        "scheme PREV removed",
        "scheme POOL added (The pool, budget £10,000,000)",
        "risk R1 removed",
    ] {
        assert!(lines.contains(&expected), "{expected}:\n{said}");
    }
    assert!(!said.contains("is now"), "{said}");
    assert!(
        !lines.iter().any(|l| l.starts_with("OOH")),
        "no changes inside a scheme that is not in both:\n{said}"
    );
    assert!(
        !lines.iter().any(|l| l.ends_with(" to") || l.ends_with(' ')),
        "{said}"
    );
    // The JSON keeps an empty value empty.
    let json: serde_json::Value =
        serde_json::from_slice(&riskshare(&["diff", ANYTOWN, capped, "--format", "json"]).stdout)
            .expect("JSON");
    let period = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["change"] == "period from 2026/27 to (none)")
        .expect("the period");
    assert_eq!(period["after"], "");
}

#[test]
fn diff_still_reads_a_scheme_given_a_new_id_as_renamed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text_of = std::fs::read_to_string(ANYTOWN).expect("read");
    let renamed = dir.path().join("renamed.ron");
    std::fs::write(&renamed, text_of.replace("\"DTOC\"", "\"DISCH\"")).expect("written");
    let out = riskshare(&["diff", ANYTOWN, renamed.to_str().expect("UTF-8")]);
    let said = text(&out.stdout);
    assert!(
        said.lines().any(|l| l == "scheme DTOC is now DISCH"),
        "{said}"
    );
    assert!(!said.contains("scheme DTOC removed"), "{said}");
    assert!(!said.contains("scheme DISCH added"), "{said}");
}
