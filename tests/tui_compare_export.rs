//! The Scenario pane's Compare view and `x`, the workbench's export, driven by keys: the
//! figures on screen and in every file written equal what the command line gives for the same
//! scenarios (`compare`, `calc`), read back with the csv crate and a real HTML parser.

use crate::common;

use common::{key, text};
use crossterm::event::KeyCode;
use riskshare::tui::{App, Palette, Theme};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bin() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_riskshare"))
}

/// A copy of anytown in a fresh folder, open in the workbench.
fn opened() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("anytown.ron");
    std::fs::copy("saves/anytown.ron", &file).expect("anytown copies");
    let text = std::fs::read_to_string(&file).expect("anytown reads");
    let agreement = riskshare::store::parse(&text, "anytown.ron").expect("anytown loads");
    let theme = Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    };
    let app = App::new(agreement, Some(file.clone()), theme);
    (dir, file, app)
}

/// The binary's output for a command, which must succeed.
fn run(args: &[&str]) -> String {
    let out = bin().args(args).output().expect("the binary runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `1164663.21` -> `1,164,663.21`, as the screen shows it.
fn grouped(plain: &str) -> String {
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain), |rest| ("-", rest));
    let (whole, pence) = digits.split_once('.').expect("two decimals");
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}.{pence}")
}

/// Scenario pane, Compare view.
fn to_compare(app: &mut App) {
    key(app, KeyCode::Char('4'));
    for _ in 0..5 {
        if text(app, 160, 48).contains("Totals in pounds") {
            return;
        }
        key(app, KeyCode::Char('v'));
    }
    panic!("no Compare view:\n{}", text(app, 160, 48));
}

/// The rows of the screen that start (after the pane's border) with a party's id.
fn party_rows(screen: &str, id: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let inside = l.rsplit('┃').nth(1)?;
            inside
                .trim_start()
                .starts_with(&format!("{id} "))
                .then(|| inside.to_string())
        })
        .collect()
}

#[test]
fn the_compare_view_shows_compares_figures_for_the_scenarios_picked_by_keys() {
    let (_dir, file, mut app) = opened();
    to_compare(&mut app);
    let screen = text(&app, 160, 48);
    assert!(screen.contains("[What-if]"), "{screen}");
    // The what-if column steps to the one scenario no column shows, then the last column goes.
    key(&mut app, KeyCode::Char(']'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('c'));
    }
    key(&mut app, KeyCode::Char('d'));
    let shown = app.panes().compare.comparison.scenarios.clone();
    assert_eq!(shown, ["Discharge pressure", "Expected", "Hard winter"]);
    let screen = text(&app, 160, 48);
    assert!(
        screen.contains("c column"),
        "the footer names the keys:\n{screen}"
    );

    let mut args = vec![
        "compare",
        file.to_str().expect("a UTF-8 path"),
        "--format",
        "json",
    ];
    for s in &shown {
        args.extend(["--scenario", s.as_str()]);
    }
    let json: Value = serde_json::from_str(&run(&args)).expect("compare's JSON");
    for party in json["parties"].as_array().expect("parties") {
        let id = party["id"].as_str().expect("an id");
        let rows = party_rows(&screen, id);
        assert_eq!(rows.len(), 2, "{id}: totals and differences:\n{screen}");
        let figures = |row: &str| -> Vec<String> {
            row.split_whitespace().skip(1).map(str::to_string).collect()
        };
        let totals: Vec<String> = party["totals"]
            .as_array()
            .expect("totals")
            .iter()
            .map(|v| grouped(v.as_str().expect("a string")))
            .collect();
        assert_eq!(figures(&rows[0]), totals, "{id}");
        let differences: Vec<String> = party["differences"]
            .as_array()
            .expect("differences")
            .iter()
            .map(|v| {
                let v = v.as_str().expect("a string");
                let g = grouped(v);
                if v.starts_with('-') || v == "0.00" {
                    g
                } else {
                    format!("+{g}")
                }
            })
            .collect();
        assert_eq!(figures(&rows[1]), differences, "{id}");
    }
}

#[test]
fn the_compare_view_keeps_two_to_four_columns_and_says_why_not() {
    let (_dir, _file, mut app) = opened();
    to_compare(&mut app);
    key(&mut app, KeyCode::Char('a'));
    assert!(
        app.status()
            .is_some_and(|s| s.error && s.text.contains("At most 4")),
        "{:?}",
        app.status()
    );
    // The second column goes, then the third (now second); the what-if stays first.
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.panes().compare.columns.len(), 2);
    assert!(app.status().is_some_and(|s| s.text.contains("At least 2")));
    // The what-if column follows the slider, from the engine's allocation.
    key(&mut app, KeyCode::Char('+'));
    let what_if = &app.panes().compare.comparison;
    assert_eq!(what_if.scenarios[0], "What-if");
    let icb = app.calc().allocation.party("ICB").expect("ICB").total;
    assert_eq!(what_if.parties[0].totals[0], icb);
}

/// Party id -> total from a `calc --format csv` table.
fn csv_totals(path: &Path) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(path).expect("the CSV opens");
    let head = reader.headers().expect("a header").clone();
    let total = head
        .iter()
        .position(|h| h == "total")
        .expect("a total column");
    reader
        .records()
        .map(|r| r.expect("a record"))
        .filter(|r| &r[0] == "party")
        .map(|r| (r[1].to_string(), r[total].to_string()))
        .collect()
}

#[test]
fn x_writes_the_what_if_as_calc_does_and_the_board_report_never_replacing_a_file() {
    let (dir, file, mut app) = opened();
    key(&mut app, KeyCode::Char('4'));
    while app.scenario_label() != "Hard winter" {
        key(&mut app, KeyCode::Char(']'));
    }
    key(&mut app, KeyCode::Char('x'));
    let said = app.status().expect("x says what it wrote").text.clone();
    assert_eq!(
        said,
        "Wrote anytown-whatif.csv and anytown-report.html beside anytown.ron"
    );
    let csv_path = dir.path().join("anytown-whatif.csv");
    let calc: Value = serde_json::from_str(&run(&[
        "calc",
        file.to_str().expect("a UTF-8 path"),
        "--scenario",
        "Hard winter",
        "--format",
        "json",
    ]))
    .expect("calc's JSON");
    let expected: Vec<(String, String)> = calc["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_string(),
                p["total"].as_str().expect("total").to_string(),
            )
        })
        .collect();
    assert_eq!(csv_totals(&csv_path), expected);
    assert!(expected.contains(&("ICB".into(), "571065.63".into())));

    let html = std::fs::read_to_string(dir.path().join("anytown-report.html")).expect("the report");
    let dom = tl::parse(&html, tl::ParserOptions::default()).expect("the report parses");
    let parser = dom.parser();
    let tables = dom.query_selector("table").expect("a selector").count();
    assert!(tables >= 5, "{tables} tables");
    let glance = dom
        .query_selector("table.glance")
        .and_then(|mut q| q.next())
        .and_then(|h| h.get(parser))
        .expect("the at-a-glance table")
        .inner_text(parser)
        .to_string();
    assert!(glance.contains("571,065.63"), "{glance}");
    assert!(!html.contains("<script"), "self-contained");

    // A second export keeps the first: fresh names, said.
    let before = std::fs::read(&csv_path).expect("the first CSV");
    key(&mut app, KeyCode::Char('0'));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(
        app.status().expect("said").text,
        "Wrote anytown-whatif-2.csv and anytown-report-2.html beside anytown.ron"
    );
    assert_eq!(std::fs::read(&csv_path).expect("still there"), before);
    assert!(dir.path().join("anytown-report-2.html").exists());
}

#[test]
fn x_in_the_compare_view_writes_what_compare_writes_and_in_the_register_the_risks() {
    let (dir, file, mut app) = opened();
    to_compare(&mut app);
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char('x'));
    assert!(
        app.status()
            .is_some_and(|s| s.text.starts_with("Wrote anytown-compare.csv")),
        "{:?}",
        app.status()
    );
    let shown = app.panes().compare.comparison.scenarios.clone();
    let mut args = vec![
        "compare",
        file.to_str().expect("a UTF-8 path"),
        "--format",
        "csv",
    ];
    for s in &shown {
        args.extend(["--scenario", s.as_str()]);
    }
    let written = std::fs::read_to_string(dir.path().join("anytown-compare.csv")).expect("CSV");
    assert_eq!(written, run(&args));

    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('x'));
    let mut reader =
        csv::Reader::from_path(dir.path().join("anytown-register.csv")).expect("the register");
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("a record")[0].to_string())
        .collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R4"]);
}

#[test]
fn the_built_in_example_has_nowhere_to_export_and_says_so() {
    let mut app = common::app();
    key(&mut app, KeyCode::Char('x'));
    let status = app.status().expect("a refusal");
    assert!(status.error);
    assert!(
        status.text.contains("Ctrl-s saves it, then x exports"),
        "{}",
        status.text
    );
}

/// At 80x24 the Compare view's tables have more rows than room: drawing them once overflowed
/// (a table with no row to keep in view asked for the row past the last) and ended the program.
#[test]
fn the_compare_view_draws_at_80x24_and_smaller() {
    let (_dir, _path, mut app) = opened();
    to_compare(&mut app);
    for (w, h) in [(80, 24), (80, 20), (60, 16)] {
        let screen = text(&app, w, h);
        assert!(screen.contains("riskshare"), "{screen}");
    }
}
