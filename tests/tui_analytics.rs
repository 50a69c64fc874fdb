//! The workbench's risk analytics: the Scenario pane's Chart view, the Appetite pane's break-even
//! lines and the Simulation view, driven by keys and read off the screen, each figure checked
//! against the headless command that gives it (`riskshare sweep`, `riskshare simulate`).

use crate::common::{key, text};
use crossterm::event::KeyCode;
use riskshare::tui::jobs::JobReport;
use riskshare::tui::{Action, App, Effect, Palette, PaneId, Theme};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn json(args: &[&str]) -> Value {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn theme(ascii: bool) -> Theme {
    Theme {
        ascii,
        palette: Palette::Mono,
        contrast: false,
    }
}

/// The workbench on `saves/anytown.ron`, as `riskshare saves/anytown.ron` opens it.
fn anytown(ascii: bool) -> App {
    let text = std::fs::read_to_string(ANYTOWN).unwrap();
    let agreement = riskshare::store::parse(&text, ANYTOWN).unwrap();
    App::new(agreement, None, theme(ascii))
}

/// Shows a view of the Scenario pane by its tab name, zoomed.
fn scenario_view(app: &mut App, name: &str) {
    app.handle(Action::Focus(PaneId::Scenario));
    app.handle(Action::Zoom);
    for _ in 0..8 {
        if text(app, 120, 40).contains(&format!("[{name}]")) {
            return;
        }
        app.handle(Action::NextView);
    }
    panic!("no {name} view");
}

/// "ICB breaks its tolerance at +2.92%" from the JSON's `breach_at`.
fn sentence(id: &str, breach_at: &Value) -> String {
    match breach_at.as_f64() {
        Some(at) => format!("{id} breaks its tolerance at {at:+.2}%"),
        None => format!("{id} never breaks its tolerance between -100% and +100%"),
    }
}

#[test]
fn each_break_even_line_is_the_sweeps_breach_at() {
    let mut app = anytown(false);
    app.handle(Action::Focus(PaneId::Appetite));
    let screen = text(&app, 160, 48);
    let sweep = json(&["sweep", ANYTOWN, "--format", "json"]);
    let parties = sweep["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 4);
    let mut breaking = 0;
    for party in parties {
        let id = party["id"].as_str().unwrap();
        let line = sentence(id, &party["breach_at"]);
        assert!(screen.contains(&line), "{line}\n{screen}");
        breaking += usize::from(party["breach_at"].is_number());
    }
    // ICB and LA break theirs on anytown; the figures are not all "never".
    assert!(breaking >= 2, "{sweep}");
    // The engine's figures, exactly (the screen rounds nothing: they are hundredths).
    let found = app.analytics().break_even.as_ref().expect("found at start");
    for (party, at) in parties.iter().zip(found) {
        let json = party["breach_at"]
            .as_f64()
            .map(|f| Decimal::from_str(&format!("{f:.2}")).unwrap());
        assert_eq!(*at, json, "{party}");
    }
}

#[test]
fn the_break_even_lines_follow_the_held_schemes_and_risks_of_the_what_if() {
    let mut app = anytown(false);
    // "Hard winter" holds schemes and sets risks happening: the sweep of that scenario.
    app.handle(Action::Focus(PaneId::Scenario));
    let mut named = String::new();
    for _ in 0..6 {
        app.handle(Action::PickScenario(1));
        named = app.scenario_label();
        if named == "Hard winter" {
            break;
        }
    }
    assert_eq!(named, "Hard winter");
    app.handle(Action::Focus(PaneId::Appetite));
    let screen = text(&app, 160, 48);
    let sweep = json(&[
        "sweep",
        ANYTOWN,
        "--scenario",
        "Hard winter",
        "--format",
        "json",
    ]);
    for party in sweep["parties"].as_array().unwrap() {
        let line = sentence(party["id"].as_str().unwrap(), &party["breach_at"]);
        assert!(screen.contains(&line), "{line}\n{screen}");
    }
}

#[test]
fn the_chart_is_computed_when_the_what_if_changes_and_the_slider_only_moves_its_marker() {
    let mut app = anytown(false);
    scenario_view(&mut app, "Chart");
    let before = app.analytics().clone();
    assert_eq!(before.curves.points.len(), 401);
    let first = text(&app, 120, 40);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert_eq!(*app.analytics(), before, "the slider recomputed the curves");
    let moved = text(&app, 120, 40);
    assert_ne!(first, moved, "the marker did not move");
    // Every party is named on the chart and in its legend, with the marks.
    for id in ["ICB", "LA", "ACUTE", "VCS"] {
        assert!(moved.contains(id), "{id}\n{moved}");
    }
    assert!(moved.contains("now") && moved.contains("tolerance") && moved.contains("kink"));
    assert!(moved.contains("Kinks: "), "{moved}");
    // A risk happening changes the curves.
    app.handle(Action::Zoom);
    app.handle(Action::ToggleRisk);
    assert_ne!(
        *app.analytics(),
        before,
        "a risk happening left the curves as they were"
    );
}

#[test]
fn every_point_of_the_chart_is_the_sweep_there() {
    let app = anytown(false);
    let sweep = json(&[
        "sweep", ANYTOWN, "--from", "-20", "--to", "20", "--step", "0.1", "--format", "json",
    ]);
    let points = sweep["points"].as_array().unwrap();
    let curves = &app.analytics().curves;
    assert_eq!(points.len(), curves.points.len());
    for (json, point) in points.iter().zip(&curves.points) {
        let variance = Decimal::from_str(&format!("{:.2}", json["variance"].as_f64().unwrap()));
        assert_eq!(variance.unwrap(), point.variance);
        for exposure in &point.parties {
            let figure = json["totals"][&exposure.id].as_str().unwrap();
            assert_eq!(Decimal::from_str(figure).unwrap(), exposure.total, "{json}");
        }
    }
    // The anytown kinks the rules make: OOH's contingency runs out, its second band starts and
    // LA's OOH cap bites, in that order, on the overspend side.
    let kinks: Vec<String> = curves.kinks.iter().map(|k| k.describe()).collect();
    let at = |what: &str| {
        curves
            .kinks
            .iter()
            .find(|k| k.describe() == what)
            .map(|k| k.variance)
            .unwrap_or_else(|| panic!("no kink '{what}' in {kinks:?}"))
    };
    let contingency = at("OOH: contingency used up");
    let band = at("OOH: band 2 begins");
    let cap = at("LA reaches its cap in OOH");
    assert!(
        Decimal::ZERO < contingency && contingency < band && band < cap,
        "{kinks:?}"
    );
}

#[test]
fn the_chart_in_ascii_has_only_ascii_and_marks_each_party() {
    let mut app = anytown(true);
    scenario_view(&mut app, "Chart");
    let screen = text(&app, 120, 40);
    assert!(screen.is_ascii(), "{screen}");
    for mark in [
        "* ICB",
        "+ LA",
        "o ACUTE",
        "x VCS",
        "| now",
        "# kink",
        ". tolerance",
    ] {
        assert!(screen.contains(mark), "{mark}\n{screen}");
    }
    // The lines are drawn in their marks, not only named.
    assert!(screen.matches('*').count() > 20, "{screen}");
    let small = text(&app, 80, 24);
    assert!(small.is_ascii(), "{small}");
}

/// The figures of a party's line on the Simulation view, commas taken out.
fn simulated_line(screen: &str, id: &str) -> Vec<String> {
    let line = screen
        .lines()
        .find(|l| l.contains(&format!("{id} breach ")))
        .unwrap_or_else(|| panic!("no line for {id}\n{screen}"));
    line.trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .split_whitespace()
        .map(|w| w.replace(',', ""))
        .collect()
}

fn assert_view_is_the_cli(screen: &str, variance: &str) {
    let cli = json(&[
        "simulate",
        ANYTOWN,
        "--seed",
        "0",
        "--trials",
        "10000",
        "--variance",
        variance,
        "--format",
        "json",
    ]);
    for party in cli["parties"].as_array().unwrap() {
        let id = party["id"].as_str().unwrap();
        let words = simulated_line(screen, id);
        let breach = format!(
            "{:.1}%",
            party["breach_probability"].as_f64().unwrap() * 100.0
        );
        let field = |name: &str| {
            let i = words.iter().position(|w| w == name).unwrap();
            words[i + 1].clone()
        };
        assert_eq!(field("breach"), breach, "{id}: {words:?}");
        for (name, key) in [
            ("P5", "p5"),
            ("P50", "p50"),
            ("P80", "p80"),
            ("P95", "p95"),
            ("worst", "worst"),
            ("tol", "tolerance"),
        ] {
            let json = Decimal::from_str(party[key].as_str().unwrap()).unwrap();
            let shown = Decimal::from_str(&field(name)).unwrap();
            assert_eq!(shown, json, "{id} {name}: {words:?}");
        }
    }
}

#[test]
fn m_runs_the_simulation_and_the_view_shows_the_clis_figures() {
    let mut app = anytown(false);
    app.handle(Action::Focus(PaneId::Scenario));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    // m shows the view and runs the job (here, through `handle`, to its end).
    key(&mut app, KeyCode::Char('m'));
    app.handle(Action::Zoom);
    let screen = text(&app, 160, 48);
    assert!(screen.contains("[Simulation]"), "{screen}");
    assert!(screen.contains("10,000 trials, seed 0"), "{screen}");
    assert!(!screen.contains("STALE"), "{screen}");
    assert_view_is_the_cli(&screen, "1");
    // The footer and the help name the key.
    assert!(screen.contains("m simulate"), "{screen}");
    app.handle(Action::Help);
    let help = (0..6)
        .map(|_| {
            let page = text(&app, 160, 48);
            app.handle(Action::Select(12));
            page
        })
        .collect::<String>();
    assert!(help.contains("simulate this what-if"), "{help}");
}

#[test]
fn a_run_is_stale_once_the_what_if_changes_and_m_runs_it_again() {
    let mut app = anytown(false);
    app.handle(Action::Focus(PaneId::Scenario));
    key(&mut app, KeyCode::Char('m'));
    app.handle(Action::Zoom);
    assert!(!text(&app, 160, 48).contains("STALE"));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    let stale = text(&app, 160, 48);
    assert!(stale.contains("STALE"), "{stale}");
    // The old figures stay on screen, marked, until it runs again.
    assert_view_is_the_cli(&stale, "0");
    key(&mut app, KeyCode::Char('m'));
    let fresh = text(&app, 160, 48);
    assert!(!fresh.contains("STALE"), "{fresh}");
    assert_view_is_the_cli(&fresh, "1");
    // Back where it ran, a changed agreement makes it stale too.
    app.handle(Action::StepAppetite(1));
    app.handle(Action::Focus(PaneId::Appetite));
    app.handle(Action::StepAppetite(1));
    app.handle(Action::Focus(PaneId::Scenario));
    assert!(text(&app, 160, 48).contains("STALE"));
}

#[test]
fn while_the_job_runs_the_view_shows_progress_and_keys_keep_working() {
    let mut app = anytown(false);
    app.handle(Action::Focus(PaneId::Scenario));
    app.handle(Action::Zoom);
    // As the event loop does it: the effect is a job, whose reports arrive one by one.
    let effects = app.update(Action::Simulate);
    let job = effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Start(job) => Some(job),
            _ => None,
        })
        .expect("m starts a job");
    let reports = std::sync::Mutex::new(Vec::new());
    job.run(&|r| reports.lock().unwrap().push(r));
    let reports = reports.into_inner().unwrap();
    let (progress, finished): (Vec<JobReport>, Vec<JobReport>) = reports
        .into_iter()
        .partition(|r| matches!(r, JobReport::Progress { .. }));
    assert!(!progress.is_empty());
    let last = progress.last().cloned().unwrap();
    let _ = app.update(Action::Job(JobReport::Progress {
        id: last.id(),
        done: 3000,
        of: 10_000,
    }));
    let running = text(&app, 120, 40);
    assert!(
        running.contains("Simulating: 3,000 of 10,000 trials"),
        "{running}"
    );
    // Keys keep working while it runs, and a second run is refused, not queued.
    key(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().working.variance, Decimal::new(5, 1));
    let _ = app.update(Action::Simulate);
    assert!(app.status().is_some_and(|s| s.error), "{:?}", app.status());
    for report in finished {
        let _ = app.update(Action::Job(report));
    }
    let done = text(&app, 120, 40);
    assert!(done.contains("10,000 trials, seed 0"), "{done}");
    // It ran on the what-if at 0%; the slider has moved since.
    assert!(done.contains("STALE"), "{done}");
    assert!(app.jobs().is_empty());
}

#[test]
fn after_a_change_the_break_even_points_are_found_in_the_background() {
    let mut app = anytown(false);
    app.handle(Action::Focus(PaneId::Scenario));
    // As the event loop does it: the change's effects include the search, as a job. (The last
    // risk: no other test sets it happening, so no earlier search is remembered for it.)
    app.handle(Action::Select(3));
    let effects = app.update(Action::ToggleRisk);
    app.handle(Action::Focus(PaneId::Appetite));
    let waiting = text(&app, 160, 48);
    assert!(
        waiting.contains("Working out where each party breaks its tolerance"),
        "{waiting}"
    );
    // The chart's curves are there at once.
    assert_eq!(app.analytics().curves.points.len(), 401);
    let jobs: Vec<_> = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Start(job) => Some(job),
            _ => None,
        })
        .collect();
    assert_eq!(jobs.len(), 1);
    let reports = std::sync::Mutex::new(Vec::new());
    for job in jobs {
        job.run(&|r| reports.lock().unwrap().push(r));
    }
    for report in reports.into_inner().unwrap() {
        let _ = app.update(Action::Job(report));
    }
    let screen = text(&app, 160, 48);
    assert!(!screen.contains("Working out"), "{screen}");
    let what_if = app.scenario().working.clone();
    let expected = riskshare::engine::sweep::break_even(app.agreement(), &what_if).unwrap();
    assert_eq!(app.analytics().break_even.as_ref(), Some(&expected));
    for (party, at) in app.agreement().parties.iter().zip(&expected) {
        let value = match at {
            Some(at) => serde_json::json!(at.to_string().parse::<f64>().unwrap()),
            None => Value::Null,
        };
        assert!(screen.contains(&sentence(&party.id, &value)), "{screen}");
    }
}
