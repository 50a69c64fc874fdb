//! The workbench with many parties and risks, and long ids: what is hidden says so, and the
//! selection stays in view.

mod common;

use common::{key, text};
use crossterm::event::KeyCode;
use riskshare::tui::{App, Palette, Theme};

/// The part of the screen from column `x` (inclusive) to `x_end`, rows `y` to `y_end`.
fn region(screen: &str, x: usize, x_end: usize, y: usize, y_end: usize) -> String {
    screen
        .lines()
        .skip(y)
        .take(y_end - y)
        .map(|l| l.chars().skip(x).take(x_end - x).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn mono() -> Theme {
    Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    }
}

/// The example with ICB's id 122 characters long, everywhere it is named.
fn long_id_app() -> App {
    let long: String = format!("ICB{}", "-integrated-care-board".repeat(6))
        .chars()
        .take(122)
        .collect();
    let ron = riskshare::store::to_ron(&common::anytown())
        .expect("the example writes")
        .replace("\"ICB\"", &format!("{long:?}"));
    let a = riskshare::store::parse(&ron, "long.ron").expect("the renamed example loads");
    assert_eq!(a.parties[0].id.chars().count(), 122);
    App::new(a, None, mono())
}

#[test]
fn a_long_party_id_is_shortened_never_dropped() {
    let mut app = long_id_app();
    key(&mut app, KeyCode::Char('3'));
    let screen = text(&app, 80, 24);
    let appetite = region(&screen, 46, 80, 1, 13);
    let icb = appetite
        .lines()
        .find(|l| l.contains("265,000") && !l.contains("bear"))
        .unwrap_or_default();
    assert!(icb.contains("ICB-integ…"), "the id column stays:\n{appetite}");
    assert!(
        appetite.contains("can bear 265,000.00 more"),
        "the figure is not pushed out by the id:\n{appetite}"
    );
    key(&mut app, KeyCode::Char('1'));
    let screen = text(&app, 80, 24);
    let parties = region(&screen, 46, 80, 13, 23);
    let icb = parties
        .lines()
        .find(|l| l.contains("8,000,000"))
        .unwrap_or_default();
    assert!(icb.contains("ICB-integ…"), "the id column stays:\n{parties}");
    let screen = text(&app, 160, 48);
    assert!(screen.contains("ICB-integrated-care-b…"), "{screen}");
}
