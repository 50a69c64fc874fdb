//! Nothing hidden without a word: where a pane is too small for all it has (columns, rows, a
//! sentence), it drops the least important first, wraps what it says and names what it hides.

use crate::common;

use common::{app, key, screen, text};
use crossterm::event::KeyCode;
use riskshare::tui::{Action, App};

/// The example at +10%, two partners past their tolerance.
fn at_ten_percent() -> App {
    let mut app = app();
    for _ in 0..20 {
        app.handle(Action::Slide(1));
    }
    app
}

/// The lines of a screen's right-hand pane (right of the middle), trimmed.
fn right_half(screen: &str, width: usize) -> Vec<String> {
    screen
        .lines()
        .map(|l| {
            l.chars()
                .skip(width - 34)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn the_appetite_pane_at_80x24_keeps_the_money_and_names_what_it_drops() {
    let mut app = at_ten_percent();
    key(&mut app, KeyCode::Char('3'));
    let screen = text(&app, 80, 24);
    let pane = right_half(&screen, 80).join("\n");
    assert!(pane.contains("Total"), "{pane}");
    assert!(pane.contains("Headroom"), "{pane}");
    let header = pane
        .lines()
        .find(|l| l.contains("Party"))
        .unwrap_or_default();
    assert!(
        !header.contains("Level"),
        "Level gives way to money:\n{pane}"
    );
    assert!(pane.contains("-899,663!"), "the breach is marked:\n{pane}");
    assert!(pane.contains("Tolerance, Level hidden: z zooms"), "{pane}");
    // The headroom sentence is wrapped whole.
    let joined = pane.replace(['┃', '│'], " ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    let words = words.join(" ");
    assert!(
        words.contains("ICB is 899,663.21 past its tolerance +"),
        "{pane}"
    );
    assert!(!pane.contains("tole…"), "{pane}");
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("appetite_10_{w}x{h}"), screen_of(&app, w, h));
    }
}

fn screen_of(app: &App, w: u16, h: u16) -> String {
    format!("{}", screen(app, w, h).backend())
}

#[test]
fn the_money_view_at_80x24_shows_the_shares_and_says_what_it_hides() {
    let mut app = at_ten_percent();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 80, 24);
    for row in [
        "share ICB",
        "share LA",
        "share VCS",
        "unallocated",
        "variance",
    ] {
        assert!(screen.contains(row), "{row} missing:\n{screen}");
    }
    assert!(
        screen.contains("+1 scheme, 6 rows, partner totals: z zooms"),
        "{screen}"
    );
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("money_10_{w}x{h}"), screen_of(&app, w, h));
    }
}

#[test]
fn the_compare_view_at_80x24_heads_columns_by_letter_and_says_the_differences_are_hidden() {
    let mut app = at_ten_percent();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 80, 24);
    assert!(
        words(&focused(&screen)).contains("D Schemes deliver"),
        "{screen}"
    );
    assert!(
        screen.contains("Differences from What-if hidden: z zooms"),
        "{screen}"
    );
    // All four scenarios' totals: the fourth column is there.
    assert!(screen.contains("-251,721"), "{screen}");
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("compare_10_{w}x{h}"), screen_of(&app, w, h));
    }
}

#[test]
fn the_checks_view_selects_a_finding_and_gives_it_in_full_and_edits_nothing_hidden() {
    let mut app = at_ten_percent();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    let before = app.agreement().clone();
    key(&mut app, KeyCode::Down);
    assert_eq!(app.finding_cursor(), 1);
    // Parties stay where they were: Down moved in the findings, not the hidden table.
    assert_eq!(app.party_cursor(), 0);
    // Left/Right and Enter do not change a partner's appetite the view does not show.
    key(&mut app, KeyCode::Right);
    assert_eq!(app.agreement(), &before);
    let screen = text(&app, 160, 48);
    // The selected finding's whole sentence is on screen, wrapped.
    let mut ordered = app.calc().checks.clone();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let selected = &ordered[1].message;
    assert!(
        words(&focused(&screen)).contains(&words(selected)),
        "{selected}\n{screen}"
    );
    insta::assert_snapshot!("checks_selected_160x48", screen_of(&app, 160, 48));
    insta::assert_snapshot!("checks_selected_80x24", screen_of(&app, 80, 24));
    insta::assert_snapshot!("checks_selected_120x40", screen_of(&app, 120, 40));
    key(&mut app, KeyCode::Enter);
    assert!(
        !matches!(app.overlay(), riskshare::tui::Overlay::Form(_)),
        "Enter opened a form on a row the view hides"
    );
    assert_eq!(app.agreement(), &before);
}

/// The words of a text, one space between each.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The focused pane's lines (inside its heavy border), one after another.
fn focused(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split('┃').collect();
            (parts.len() >= 3).then(|| parts[parts.len() - 2].to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_simulation_view_at_120x40_gives_every_figure_on_two_lines_when_one_is_too_short() {
    let mut app = at_ten_percent();
    key(&mut app, KeyCode::Char('4'));
    // m shows the view and runs the job (through `handle`, to its end).
    key(&mut app, KeyCode::Char('m'));
    let screen = text(&app, 120, 40);
    let pane = focused(&screen);
    let lines: Vec<&str> = pane.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("ICB breach "))
        .unwrap_or_else(|| panic!("no ICB line:\n{screen}"));
    let both = format!("{} {}", lines[at], lines[at + 1]);
    for label in ["P5 ", "P50 ", "P80 ", "P95 ", "worst ", "tol "] {
        assert!(both.contains(label), "{label} missing: {both}\n{screen}");
    }
    assert!(!both.contains('…'), "{both}");
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("simulation_10_{w}x{h}"), screen_of(&app, w, h));
    }
}

#[test]
fn the_monitoring_view_at_120x40_gives_plan_actual_and_variance_to_date_wrapped() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/governance/forecast.ron");
    let agreement = riskshare::store::load(std::path::Path::new(path)).expect("forecast.ron loads");
    let theme = riskshare::tui::Theme {
        ascii: false,
        palette: riskshare::tui::Palette::Mono,
        contrast: false,
    };
    let mut app = App::new(agreement, None, theme);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 120, 40);
    let pane = words(&focused(&screen));
    assert!(
        pane.contains("To date: plan 500,000, actual 513,346, variance +13,346"),
        "{screen}"
    );
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("monitoring_{w}x{h}"), screen_of(&app, w, h));
    }
}
