//! The governance views of the workbench: benefits in the Register pane, quarterly monitoring,
//! appetite by category, read from the agreement and the engine's figures.

mod common;

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

/// The part of a row inside the focused pane's heavy border.
fn inside(line: &str) -> &str {
    line.split('┃').nth(1).unwrap_or(line).trim_end()
}

#[test]
fn the_benefits_view_lists_each_benefit_and_whether_the_what_if_realises_it() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("Benefits"), "{screen}");
    let b1 = row(&screen, "B1 ");
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
    assert!(screen.contains("None realised in"), "{screen}");

    pick(&mut app, "Schemes deliver");
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&app, 160, 48);
    let b1 = row(&screen, "B1 ");
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
    assert!(screen.contains("B1"), "{screen}");
}
