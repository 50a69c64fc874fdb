//! The governance views of the workbench: benefits in the Register pane, quarterly monitoring,
//! appetite by category, read from the agreement and the engine's figures.

use crate::common;

use common::{app, key, text};
use crossterm::event::KeyCode;

/// Presses `]` in the Scenario pane until the named scenario is on it.
fn pick(app: &mut riskshare::tui::App, name: &str) {
    key(app, KeyCode::Char('4'));
    for _ in 0..10 {
        if app.scenario_label() == name {
            return;
        }
        key(app, KeyCode::Char(']'));
    }
    panic!("no scenario named {name}: {}", app.scenario_label());
}

/// The row of the screen that holds `needle`.
fn row<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{screen}"))
}

/// The row of the screen that holds `needle` inside the focused pane's heavy border (the
/// Scenario pane lists benefits too, beside its risks).
fn focused_row<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains('┃') && inside(l).contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in the focused pane:\n{screen}"))
}

/// The part of a row inside the focused pane's heavy border (the right-most such pane).
fn inside(line: &str) -> &str {
    line.rsplit('┃').nth(1).unwrap_or(line).trim_end()
}

#[test]
fn the_benefits_view_lists_each_benefit_and_whether_the_what_if_realises_it() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("Benefits"), "{screen}");
    let b1 = focused_row(&screen, "B1 ");
    for part in [
        "Fewer non-elective",
        "Non-elective admiss",
        "310",
        "290",
        "350,000",
        "ICB",
        "shared",
    ] {
        assert!(b1.contains(part), "{part} missing from: {b1}");
    }
    assert!(inside(b1).ends_with(" no"), "{b1}");
    assert!(
        screen.contains("B1: Fewer non-elective admissions of people over 75. Metric:"),
        "{screen}"
    );
    assert!(screen.contains("Realised in What-if: none"), "{screen}");

    pick(&mut app, "Schemes deliver");
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&app, 160, 48);
    let b1 = focused_row(&screen, "B1 ");
    assert!(inside(b1).ends_with(" yes"), "{b1}");
    assert!(
        screen.contains("Realised in Schemes deliver: B1"),
        "{screen}"
    );
}

#[test]
fn the_benefits_view_fits_a_small_terminal() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 80, 24);
    // Who realises it, shared or not and realised or not come before the metric's figures.
    let b1 = inside(focused_row(&screen, "B1 "));
    for part in ["350,000", "ICB", "shared", "no"] {
        assert!(b1.contains(part), "{part} missing from: {b1}");
    }
}

/// A workbench on one of the governance test files.
fn governance(file: &str) -> riskshare::tui::App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/governance")
        .join(file);
    let agreement = riskshare::store::load(&path).expect("the test file loads");
    riskshare::tui::App::new(
        agreement,
        None,
        riskshare::tui::Theme {
            ascii: false,
            palette: riskshare::tui::Palette::Mono,
            contrast: false,
        },
    )
}

#[test]
fn the_monitoring_view_shows_each_quarter_and_both_forecasts() {
    // tests/governance/forecast.ron: Q1 240,000 planned, 251,000 spent; Q2 260,000 planned,
    // 262,345.67 spent; Q3 and Q4 250,000 each planned. Budget 1,000,000.
    let mut app = governance("forecast.ron");
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("Monitoring"), "{screen}");
    assert!(
        screen.contains("S Intermediate care: budget 1,000,000.00, 2 of 4 quarters reported"),
        "{screen}"
    );
    assert!(
        row(&screen, "Q1 ").contains("240,000.00 251,000.00"),
        "{screen}"
    );
    assert!(
        row(&screen, "Q2 ").contains("260,000.00 262,345.67"),
        "{screen}"
    );
    assert!(
        row(&screen, "Q3 ").contains("250,000.00          -"),
        "{screen}"
    );
    assert!(
        screen.contains("To date: plan 500,000.00, actual 513,345.67, variance +13,345.67"),
        "{screen}"
    );
    assert!(
        screen.contains("Forecast: to plan +13,345.67   Forecast: run rate +26,691.34"),
        "{screen}"
    );
    // A bar for each quarter where there is room: Q2's actual (the largest) fills it.
    assert!(inside(row(&screen, "Q2 ")).ends_with("██"), "{screen}");
    assert!(row(&screen, "Q1 ").contains("█████"), "{screen}");
    assert!(!row(&screen, "Q3 ").contains('█'), "{screen}");
}

#[test]
fn the_monitoring_view_fits_a_small_terminal_in_a_few_lines_a_scheme() {
    let mut app = governance("forecast.ron");
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Forecast: to plan +13,346"), "{screen}");
    assert!(screen.contains("Forecast: run rate +26,691"), "{screen}");
    assert!(screen.contains("S: to date +13,346 (2 of 4)"), "{screen}");
}

#[test]
fn the_monitoring_view_says_so_when_no_scheme_has_quarters() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("No scheme has quarters"), "{screen}");
}

#[test]
fn the_by_category_view_lists_each_partys_level_for_each_category() {
    // tests/governance/g501_appetite.ron: the council names FINANCE Averse; the board names
    // none, so its overall Cautious judges the register's Finance risk.
    let mut app = governance("g501_appetite.ron");
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("[By category]"), "{screen}");
    assert!(
        row(&screen, "Party Overall").contains("FINANCE"),
        "{screen}"
    );
    assert!(
        row(&screen, "LA    Cautious ≤9").contains("Averse ≤3"),
        "{screen}"
    );
    assert!(
        row(&screen, "ICB   Cautious ≤9").contains("(Cautious)"),
        "{screen}"
    );
    assert!(
        !screen.contains("No party sets an appetite by category"),
        "{screen}"
    );

    let mut app = common::app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(
        screen.contains("No party sets an appetite by category"),
        "{screen}"
    );
}
