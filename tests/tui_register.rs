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

/// Without colour the selected row is told by reverse video alone: every cell of it, the score
/// cells with their bands included, from its first column to its last, and no other row.
#[test]
fn without_colour_the_whole_selected_row_is_reversed() {
    use ratatui::style::Modifier;
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    for row in 0..4 {
        let id = format!("R{}", row + 1);
        for (w, h) in [(80, 24), (120, 40), (160, 48)] {
            let terminal = common::screen(&app, w, h);
            let buffer = terminal.backend().buffer();
            let y = (0..h)
                .find(|&y| {
                    (0..w - 3).any(|x| {
                        buffer[(x, y)].symbol() == "┃"
                            && buffer[(x + 1, y)].symbol() == "R"
                            && buffer[(x + 2, y)].symbol() == &id[1..]
                    })
                })
                .unwrap_or_else(|| panic!("{w}x{h}: a row for {id}"));
            let cells: Vec<_> = (0..w).map(|x| &buffer[(x, y)]).collect();
            let start = cells.iter().position(|c| c.symbol() == "R").unwrap_or(0);
            let line: String = cells.iter().map(|c| c.symbol()).collect();
            // The row runs at least to the end of its score columns, as the heading places them.
            let heading = (0..h)
                .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<Vec<_>>())
                .find(|l| l.concat().contains("Id Title"))
                .unwrap_or_default();
            let at = |name: &str| {
                (start..heading.len().saturating_sub(3))
                    .find(|&x| heading[x..x + 3].concat() == name)
            };
            let last = at("Res").or_else(|| at("Inh")).map_or(0, |x| x + 3);
            assert!(last > start + 10, "{w}x{h} {id}: {line}");
            for (x, c) in cells.iter().enumerate().take(last + 1).skip(start) {
                assert!(
                    c.modifier.contains(Modifier::REVERSED),
                    "{w}x{h} {id}: column {x} of {line}"
                );
            }
            // No other row of the list is reversed anywhere, an Extreme score included (R1's
            // inherent 16 E): reverse video is the selection's alone.
            for other in (0..h).filter(|&o| o != y) {
                let row: String = (0..w).map(|x| buffer[(x, other)].symbol()).collect();
                if !row.starts_with("┃R") {
                    continue;
                }
                for x in start as u16..=last as u16 {
                    assert!(
                        !buffer[(x, other)].modifier.contains(Modifier::REVERSED),
                        "{w}x{h} with {id} selected: column {x} of {row}"
                    );
                }
            }
        }
        key(&mut app, KeyCode::Down);
    }
}
