//! The Register pane's two views: keys that work only where the heatmap shows, the heatmap's
//! header at every size, and the selected row without colour.

use crate::common;

use common::{app, key, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use riskshare::tui::{Action, Overlay, PaneId, action_for_key};

fn benefits_view() -> riskshare::tui::App {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('v'));
    assert!(app.benefits_shown());
    app
}

#[test]
fn the_benefits_view_lists_no_heatmap_keys_and_they_do_nothing_there() {
    let mut app = benefits_view();
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let screen = text(&app, w, h);
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains("a add"), "{w}x{h}: {footer}");
        for risk_only in ["r residual", "g cell"] {
            assert!(!footer.contains(risk_only), "{w}x{h}: {footer}");
        }
        assert!(!screen.contains("inherent"), "{w}x{h}:\n{screen}");
    }
    // g and r are no keys here: the heatmap cursor stays off, Down still moves the benefits.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('r'));
    assert!(!app.register().grid && !app.register().residual);
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(action_for_key(&app, &down), Some(Action::Select(1)));
    // Back in the Register view they are listed and work.
    key(&mut app, KeyCode::Char('v'));
    let footer = text(&app, 160, 48)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        footer.contains("r residual") && footer.contains("g cell"),
        "{footer}"
    );
    key(&mut app, KeyCode::Char('g'));
    assert!(app.register().grid);
}

#[test]
fn help_files_the_heatmap_keys_under_the_register_view() {
    let mut app = benefits_view();
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(*app.overlay(), Overlay::Help);
    let help = text(&app, 160, 48);
    let lines: Vec<Vec<char>> = help.lines().map(|l| l.chars().collect()).collect();
    let heading: Vec<char> = "Register view (risks and heatmap)".chars().collect();
    let (row, col) = lines
        .iter()
        .enumerate()
        .find_map(|(n, l)| {
            l.windows(heading.len())
                .position(|w| w == heading.as_slice())
                .map(|c| (n, c))
        })
        .unwrap_or_else(|| panic!("a heading for the Register view:\n{help}"));
    // The column the heading starts in holds r and g below it, before the blank line.
    let below: Vec<String> = lines[row + 1..]
        .iter()
        .map(|l| l.iter().skip(col).take(40).collect::<String>())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(
        below.iter().any(|l| l.trim_start().starts_with("r ")),
        "{below:?}"
    );
    assert!(
        below.iter().any(|l| l.trim_start().starts_with("g ")),
        "{below:?}"
    );
    assert_eq!(app.focus(), PaneId::Register);
}

#[test]
fn the_heatmap_header_keeps_the_appetite_score_at_every_size() {
    for ascii in [false, true] {
        let mut app = common::app_with(riskshare::tui::Theme {
            ascii,
            palette: riskshare::tui::Palette::Mono,
            contrast: false,
        });
        key(&mut app, KeyCode::Char('2'));
        let score = if ascii { "<=9" } else { "≤9" };
        for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 48)] {
            let screen = text(&app, w, h);
            let row = common::row_with(&screen, "Impact");
            assert!(
                row.contains(&format!("ICB {score}"))
                    || row.contains(&format!("ICB accepts {score}")),
                "{w}x{h}: {row}"
            );
        }
    }
}
