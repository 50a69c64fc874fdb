//! The per-scheme slider and the screen against `calc`: every figure the Scenario pane and its
//! Money view show, read off the screen, is the one `calc --format json` prints for the same
//! what-if (a base variance, held schemes, risks and benefits), to the penny.

use crate::common;

use common::{key, key_with, text, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;
use riskshare::engine::{Setting, WhatIf};
use riskshare::model::Agreement;
use riskshare::tui::format::{held_percent, money, signed_percent};
use riskshare::tui::{App, Palette, Theme};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

const W: u16 = 120;
const H: u16 = 40;

fn mono() -> Theme {
    Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    }
}

fn workbench(agreement: Agreement) -> App {
    let mut app = App::new(agreement, None, mono());
    key(&mut app, KeyCode::Char('4'));
    app
}

/// The Scenario pane's rows: what lies between its left border and the next one.
fn pane_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.strip_prefix('┃'))
        .map(|l| l.split('┃').next().unwrap_or_default().to_string())
        .collect()
}

/// The Money view's figures: the row's label -> one cell per scheme, in the screen's order.
fn money_table(screen: &str) -> BTreeMap<String, Vec<String>> {
    let rows = pane_rows(screen);
    let labels = [
        "variance",
        "% of budget",
        "risks, benefits",
        "netted",
        "pool contingency",
        "contingency used",
        "reinvested",
        "unallocated",
    ];
    let mut out = BTreeMap::new();
    for row in &rows {
        let trimmed = row.trim_start();
        let label = labels
            .iter()
            .map(|l| l.to_string())
            .chain(
                trimmed
                    .strip_prefix("share ")
                    .and_then(|r| r.split_whitespace().next())
                    .map(|id| format!("share {id}")),
            )
            .filter(|l| trimmed.starts_with(l.as_str()))
            .max_by_key(String::len);
        if let Some(label) = label {
            let cells = trimmed[label.len()..]
                .split_whitespace()
                .filter(|c| *c != "C")
                .map(str::to_string)
                .collect();
            out.entry(label).or_insert(cells);
        }
    }
    out
}

/// A party's row of bars: its total in pounds and pence, its percent of contribution, and
/// whether it is marked `!` as past its tolerance.
fn bar_figures(screen: &str, id: &str) -> (String, String, bool) {
    let row = pane_rows(screen)
        .into_iter()
        .find(|r| r.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no bar for {id}\n{screen}"));
    let tokens: Vec<&str> = row.split_whitespace().collect();
    let total = tokens
        .iter()
        .rev()
        .find(|t| t.contains('.') && !t.ends_with('%'))
        .unwrap_or_else(|| panic!("no total on {row}"));
    let breach = tokens.last() == Some(&"!");
    let percent = tokens
        .iter()
        .rev()
        .find(|t| **t != "!")
        .copied()
        .unwrap_or_default();
    (total.to_string(), percent.to_string(), breach)
}

/// How a row of the Money view reads a scheme's result.
type Figure = Box<dyn Fn(&riskshare::engine::SchemeResult) -> String>;

/// Everything the screen shows for `expected`, compared with it figure by figure.
fn screen_matches(app: &mut App, expected: &WhatIf) -> Result<(), TestCaseError> {
    let agreement = app.agreement().clone();
    let allocation = riskshare::engine::calculate(&agreement, expected)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let bars = text(app, W, H);
    let pounds = format!("£{}", money(allocation.variance.abs(), true));
    let variance_row = pane_rows(&bars)
        .into_iter()
        .find(|r| r.contains("Variance "))
        .unwrap_or_default();
    prop_assert!(variance_row.contains(&pounds), "{pounds}\n{bars}");
    prop_assert!(
        variance_row.contains(&held_percent(allocation.variance_percent)),
        "{bars}"
    );
    // Held schemes are named on the variance line: in words when there is room, else briefly.
    for (id, setting) in expected.held.iter() {
        if let Setting::Percent(p) = setting {
            let words = format!("{id} held at {}", signed_percent(*p));
            let brief = format!("{id} {}", signed_percent(*p));
            let room = expected.held.len() == 1 || variance_row.contains("held: ");
            prop_assert!(room, "held schemes unnamed\n{bars}");
            if expected.held.len() == 1 {
                prop_assert!(variance_row.contains(&words), "{words}\n{bars}");
            } else if variance_row.contains(&brief) {
                // Named briefly; the rest may be cut with an ellipsis.
            } else {
                prop_assert!(variance_row.trim_end().ends_with('…'), "{brief}\n{bars}");
            }
        }
    }
    for p in &allocation.parties {
        let (total, percent, breach) = bar_figures(&bars, &p.id);
        prop_assert_eq!(breach, p.breach, "{} breach\n{}", p.id, bars);
        prop_assert_eq!(total, money(p.total, true), "{}\n{}", p.id, bars);
        let want = p
            .percent_of_contribution
            .map_or("n/a".to_string(), |v| format!("{:.1}%", v.round_dp(1)));
        prop_assert_eq!(percent.trim_start_matches('+'), want.as_str(), "{}", p.id);
    }
    // The Money view, every cell (zoomed, where every row has room beside the partners').
    key(app, KeyCode::Char('v'));
    key(app, KeyCode::Char('z'));
    let screen = text(app, W, H);
    key(app, KeyCode::Char('z'));
    back_to_bars(app);
    let table = money_table(&screen);
    // Every held scheme's column is marked `*`.
    let head = pane_rows(&screen)
        .into_iter()
        .find(|r| r.starts_with("Scheme"))
        .unwrap_or_default();
    for s in &allocation.schemes {
        let marked = head.split_whitespace().any(|h| h == format!("*{}", s.id));
        prop_assert_eq!(marked, expected.is_held(&s.id), "{}\n{}", s.id, screen);
    }
    let rows: Vec<(String, Figure)> = vec![
        ("variance".into(), Box::new(|s| money(s.variance, true))),
        (
            "% of budget".into(),
            Box::new(|s| held_percent(s.variance_percent)),
        ),
        (
            "risks, benefits".into(),
            Box::new(|s| money(s.from_risks_and_benefits, true)),
        ),
        ("netted".into(), Box::new(|s| money(s.netted, true))),
        (
            "pool contingency".into(),
            Box::new(|s| money(s.pool_contingency_used, true)),
        ),
        (
            "contingency used".into(),
            Box::new(|s| money(s.contingency_used, true)),
        ),
        ("reinvested".into(), Box::new(|s| money(s.reinvested, true))),
        (
            "unallocated".into(),
            Box::new(|s| money(s.unallocated, true)),
        ),
    ];
    for (label, figure) in &rows {
        let cells = table
            .get(label)
            .ok_or_else(|| TestCaseError::fail(format!("no row {label}\n{screen}")))?;
        let want: Vec<String> = allocation.schemes.iter().map(figure).collect();
        prop_assert_eq!(cells, &want, "{}\n{}", label, screen);
    }
    for p in &agreement.parties {
        let cells = table
            .get(&format!("share {}", p.id))
            .ok_or_else(|| TestCaseError::fail(format!("no share {}\n{screen}", p.id)))?;
        let want: Vec<String> = allocation
            .schemes
            .iter()
            .map(|s| s.shares.get(&p.id).map_or("-".into(), |v| money(*v, true)))
            .collect();
        prop_assert_eq!(cells, &want, "share {}\n{}", p.id, screen);
    }
    // Under them, each partner's figures that make up its total, as calc gives them.
    let rows = pane_rows(&screen);
    for p in &allocation.parties {
        let row = rows
            .iter()
            .find(|r| r.split_whitespace().next() == Some(p.id.as_str()))
            .ok_or_else(|| TestCaseError::fail(format!("no totals for {}\n{screen}", p.id)))?;
        let cells: Vec<String> = row.split_whitespace().skip(1).map(str::to_string).collect();
        let want: Vec<String> = p.figures()[..5].iter().map(|v| money(*v, true)).collect();
        prop_assert_eq!(cells, want, "totals {}\n{}", p.id, screen);
    }
    Ok(())
}

/// `v` round to the Bars view again.
fn back_to_bars(app: &mut App) {
    for _ in 0..8 {
        if app.panes().view(riskshare::tui::PaneId::Scenario) == 0 {
            return;
        }
        key(app, KeyCode::Char('v'));
    }
    panic!("v never came back to the Bars view");
}

/// Makes the slider move `scheme` alone (or the base, for `None`) with `s`.
fn slider_on(app: &mut App, scheme: Option<&str>) {
    for _ in 0..=app.agreement().schemes.len() {
        if app.slider_scheme() == scheme {
            return;
        }
        key(app, KeyCode::Char('s'));
    }
    panic!("s never reached {scheme:?}");
}

/// Types an exact variance with `=` for what the slider moves.
fn exact(app: &mut App, percent: Decimal) {
    key(app, KeyCode::Char('='));
    key_with(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(app, &percent.to_string());
    key(app, KeyCode::Enter);
}

fn tenths(n: i64) -> Decimal {
    Decimal::new(n, 1)
}

/// Issue 9 item 4: `s` picks DTOC, Right moves DTOC alone, and the screen is what
/// `calc --variance 1 --scheme DTOC=4` prints, to the penny; `h` lets it go again.
#[test]
fn the_per_scheme_slider_is_calc_s_scheme_flag() {
    let mut app = workbench(common::anytown());
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    slider_on(&mut app, Some("DTOC"));
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    let screen = text(&app, W, H);
    assert!(screen.contains("DTOC held at +4.0%"), "{screen}");
    assert!(
        screen.contains("DTOC -20%"),
        "the slider names its scheme\n{screen}"
    );
    assert!(
        screen.contains("s scheme"),
        "the footer names the key\n{screen}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args([
            "calc",
            "saves/anytown.ron",
            "--variance",
            "1",
            "--scheme",
            "DTOC=4",
        ])
        .args(["--format", "json"])
        .output()
        .expect("calc runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Zoomed (`z`), where every row of the Money view has room beside the partners' totals.
    let money_screen = {
        key(&mut app, KeyCode::Char('v'));
        key(&mut app, KeyCode::Char('z'));
        let s = text(&app, W, H);
        key(&mut app, KeyCode::Char('z'));
        back_to_bars(&mut app);
        s
    };
    let table = money_table(&money_screen);
    let pence =
        |v: &serde_json::Value| money(v.as_str().expect("a string").parse().expect("money"), true);
    let schemes = json["schemes"].as_array().expect("schemes");
    for (field, label) in [
        ("variance", "variance"),
        ("netted", "netted"),
        ("pool_contingency_used", "pool contingency"),
        ("contingency_used", "contingency used"),
        ("reinvested", "reinvested"),
        ("unallocated", "unallocated"),
    ] {
        let want: Vec<String> = schemes.iter().map(|s| pence(&s[field])).collect();
        assert_eq!(table[label], want, "{label}\n{money_screen}");
    }
    for party in ["ICB", "LA", "ACUTE", "VCS"] {
        let want: Vec<String> = schemes
            .iter()
            .map(|s| {
                if s["shares"][party].is_null() {
                    "-".to_string()
                } else {
                    pence(&s["shares"][party])
                }
            })
            .collect();
        assert_eq!(table[&format!("share {party}")], want, "{money_screen}");
    }
    for p in json["parties"].as_array().expect("parties") {
        let id = p["id"].as_str().expect("id");
        assert_eq!(bar_figures(&screen, id).0, pence(&p["total"]), "{screen}");
    }
    // The base still moves the others, and DTOC stays held.
    slider_on(&mut app, None);
    key(&mut app, KeyCode::Left);
    let mut expected = WhatIf::at(tenths(5));
    expected.hold("DTOC", Setting::Percent(tenths(40)));
    screen_matches(&mut app, &expected).expect("the screen is the engine's");
    // `h` on DTOC releases it alone.
    slider_on(&mut app, Some("DTOC"));
    key(&mut app, KeyCode::Char('h'));
    assert!(app.scenario().working.schemes.is_empty());
    screen_matches(&mut app, &WhatIf::at(tenths(5))).expect("released");
}

/// The agreements the property runs on: the example and the test agreements with money rules
/// of other shapes (caps, savings blends, a pool).
fn agreements() -> Vec<Agreement> {
    let mut out = vec![common::anytown()];
    for file in [
        "all_capped",
        "overspend_capped",
        "savings_blend",
        "anytown_revised",
    ] {
        let path = format!("tests/agreements/{file}.ron");
        out.push(riskshare::store::load(Path::new(&path)).expect("a test agreement loads"));
    }
    out
}

/// How a held scheme is set: typed exactly with `=`, or moved by this many half points.
#[derive(Debug, Clone)]
enum Move {
    Typed(i64),
    Steps(i32),
}

fn moves() -> impl Strategy<Value = Option<Move>> {
    prop_oneof![
        2 => Just(None),
        1 => (-200i64..=200).prop_map(|t| Some(Move::Typed(t))),
        1 => (-45i32..=45).prop_map(|s| Some(Move::Steps(s))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random what-ifs driven by keys: every party total, share, contingency, reinvested and
    /// unallocated figure on the screen is the engine's (which `calc` prints) for the same inputs.
    #[test]
    fn the_screen_is_calc_for_any_what_if(
        which in 0usize..5,
        base in -200i64..=200,
        held in proptest::collection::vec(moves(), 8),
        toggled in proptest::collection::vec(any::<bool>(), 12),
    ) {
        let agreement = agreements().swap_remove(which);
        let mut app = workbench(agreement.clone());
        exact(&mut app, tenths(base));
        let mut expected = WhatIf::at(tenths(base));
        for (scheme, how) in agreement.schemes.iter().zip(&held) {
            // No step at all leaves the scheme following the base.
            let Some(how) = how.as_ref().filter(|m| !matches!(m, Move::Steps(0))) else {
                continue;
            };
            slider_on(&mut app, Some(&scheme.id));
            let percent = match how {
                Move::Typed(t) => {
                    exact(&mut app, tenths(*t));
                    tenths(*t)
                }
                Move::Steps(n) => {
                    let code = if *n < 0 { KeyCode::Left } else { KeyCode::Right };
                    let mut at = tenths(base);
                    for _ in 0..n.unsigned_abs() {
                        key(&mut app, code);
                        at = (at + tenths(i64::from(n.signum()) * 5))
                            .clamp(Decimal::from(-20), Decimal::from(20));
                    }
                    at
                }
            };
            expected.hold(scheme.id.clone(), Setting::Percent(percent));
        }
        slider_on(&mut app, None);
        let items: Vec<(bool, String)> = agreement
            .risks
            .iter()
            .map(|r| (true, r.id.clone()))
            .chain(agreement.benefits.iter().map(|b| (false, b.id.clone())))
            .collect();
        for ((risk, id), on) in items.iter().zip(toggled.iter().chain(std::iter::repeat(&false))) {
            if *on {
                key(&mut app, KeyCode::Char(' '));
                if *risk {
                    expected.risks.push(id.clone());
                } else {
                    expected.benefits.push(id.clone());
                }
            }
            key(&mut app, KeyCode::Down);
        }
        prop_assert_eq!(app.calc().error.as_ref(), None);
        screen_matches(&mut app, &expected)?;
    }
}

#[test]
fn undo_takes_the_what_if_back_with_the_agreement() {
    let mut app = common::app();
    let before = app.panes().scenario.working.clone();
    let figures = app.calc().allocation.clone();
    common::key(&mut app, KeyCode::Char('4'));
    common::key(&mut app, KeyCode::Char('n'));
    common::typed(&mut app, "Winter plan");
    common::key(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario_label(), "Winter plan");
    common::key(&mut app, KeyCode::Char('e'));
    for _ in 0..40 {
        if let riskshare::tui::Overlay::Form(f) = app.overlay()
            && f.fields[f.cursor].label == "OOH variance pounds"
        {
            break;
        }
        common::key(&mut app, KeyCode::Tab);
    }
    common::typed(&mut app, "123456.78");
    common::key(&mut app, KeyCode::Enter);
    let edited = common::text(&app, 120, 40);
    assert!(edited.contains("123,456.78"), "{edited}");
    common::key(&mut app, KeyCode::Char('u'));
    common::key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.scenario_label(), "What-if");
    let undone = common::text(&app, 120, 40);
    assert!(!undone.contains("123,456.78"), "{undone}");
    // The what-if and its figures are those before the two changes.
    assert_eq!(app.panes().scenario.working, before);
    assert_eq!(app.calc().allocation, figures);
    // Redo brings the edited figures back.
    common::key_with(
        &mut app,
        KeyCode::Char('r'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    common::key_with(
        &mut app,
        KeyCode::Char('r'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(common::text(&app, 120, 40).contains("123,456.78"));
}
