//! The workbench with many parties and risks, and long ids: what is hidden says so, and the
//! selection stays in view.

use crate::common;

use common::{key, text};
use crossterm::event::KeyCode;
use riskshare::model::{Agreement, Party, Risk};
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

/// The example grown to 40 parties and 127 risks, as a large system's agreement might be.
fn crowded() -> Agreement {
    let mut a = common::anytown();
    let template: Party = a.parties[3].clone();
    for n in a.parties.len() + 1..=40 {
        let mut p = template.clone();
        p.id = format!("P{n:02}");
        p.name = format!("Voluntary partner number {n}");
        a.parties.push(p);
    }
    let risks: Vec<Risk> = a.risks.clone();
    for n in a.risks.len() + 1..=127 {
        let mut r = risks[n % risks.len()].clone();
        r.id = format!("R{n}");
        r.title = format!("Risk number {n}: {}", r.title);
        a.risks.push(r);
    }
    a
}

fn crowded_app() -> App {
    App::new(crowded(), None, mono())
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
    // The first party's row (its tolerance may give way to the steady width of its total).
    let icb = appetite.lines().nth(2).unwrap_or_default();
    assert!(
        icb.contains("ICB-integ…"),
        "the id column stays:\n{appetite}"
    );
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
    assert!(
        icb.contains("ICB-integ…"),
        "the id column stays:\n{parties}"
    );
    let screen = text(&app, 160, 48);
    assert!(screen.contains("ICB-integrated-care-b…"), "{screen}");
}

#[test]
fn the_selected_risk_and_party_stay_in_view_and_hidden_ones_are_counted() {
    let mut app = crowded_app();
    for _ in 0..12 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario().working.risks, ["R13"]);
    let screen = text(&app, 80, 24);
    let scenario = region(&screen, 0, 46, 1, 13);
    // The line of risks has paged to the one toggled, and says what is hidden either side.
    let strip = scenario
        .lines()
        .find(|l| l.contains("Risks "))
        .unwrap_or_default();
    assert!(strip.contains("…[x]R13 "), "{scenario}");
    assert!(strip.contains(" more"), "{scenario}");
    assert!(
        // 127 risks and the example's one benefit, B1, listed after them.
        scenario.contains("13/128 [x] R13: Risk number 13: Care home f…"),
        "the selected risk in words:\n{scenario}"
    );
    assert!(
        scenario.contains("… +35 more parties (1-5 of 40 shown)"),
        "hidden bars are counted:\n{scenario}"
    );
    // The party selected in the appetite pane keeps its bar in view.
    key(&mut app, KeyCode::Char('3'));
    for _ in 0..30 {
        key(&mut app, KeyCode::Down);
    }
    let screen = text(&app, 80, 24);
    let scenario = region(&screen, 0, 46, 1, 13);
    assert!(
        scenario.lines().any(|l| l.starts_with("│P31 ")),
        "{scenario}"
    );
    assert!(scenario.contains("of 40 shown)"), "{scenario}");
    let appetite = region(&screen, 46, 80, 1, 13);
    assert!(
        appetite.contains("P31") && appetite.contains("of 40)"),
        "{appetite}"
    );
    let parties = region(&screen, 46, 80, 13, 23);
    assert!(
        parties.contains("P31"),
        "one selection, in view in both panes:\n{parties}"
    );
}
