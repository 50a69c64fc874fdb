//! The presentation view (`z` on the Scenario pane, issue 9 item 4): the scenario's name, the
//! variance and each partner's figure in big characters that grow with the screen, drawn with
//! ASCII under `--ascii` (never blank rows), using the whole pane, each big figure with its exact
//! one in pounds and pence.

use crate::common;

use common::{key, text};
use crossterm::event::KeyCode;
use riskshare::tui::format::money;
use riskshare::tui::{App, Palette, Theme};

const SIZES: [(u16, u16); 4] = [(80, 24), (120, 40), (160, 48), (200, 56)];

fn presenting(ascii: bool) -> App {
    let mut app = common::app_with(Theme {
        ascii,
        palette: Palette::Mono,
        contrast: false,
    });
    key(&mut app, KeyCode::Char('4'));
    for _ in 0..2 {
        key(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(app.scenario_label(), "Hard winter");
    key(&mut app, KeyCode::Char('z'));
    assert!(app.zoomed());
    app
}

/// The pane's inside, one string per row.
fn inside(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(2)
        .map(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars[1..chars.len().saturating_sub(1)].iter().collect()
        })
        .collect()
}

fn is_ink(c: char, ascii: bool) -> bool {
    if ascii {
        matches!(c, '#' | '"' | '_')
    } else {
        matches!(c, '█' | '▀' | '▄')
    }
}

/// The tallest run of rows drawn with big characters' ink, and the last row with any.
fn big_rows(rows: &[String], ascii: bool) -> (usize, usize) {
    let (mut tallest, mut run, mut last) = (0, 0, 0);
    for (i, row) in rows.iter().enumerate() {
        let inked = row.chars().filter(|c| is_ink(*c, ascii)).count() >= 3 && !row.contains("-20%");
        if inked {
            run += 1;
            tallest = usize::max(tallest, run);
            last = i;
        } else {
            run = 0;
        }
    }
    (tallest, last)
}

#[test]
fn the_figures_grow_with_the_screen_in_unicode_and_ascii() {
    for ascii in [false, true] {
        let app = presenting(ascii);
        let mut heights = Vec::new();
        for (w, h) in SIZES {
            let screen = text(&app, w, h);
            let rows = inside(&screen);
            let (tallest, last) = big_rows(&rows, ascii);
            let say = format!("{w}x{h} ascii {ascii}\n{screen}");
            // Big characters, not blank rows.
            assert!(tallest >= 3, "{say}");
            // The exact figure of every partner, to the penny.
            for p in &app.calc().allocation.parties {
                let exact = format!(
                    "{} {}{}",
                    p.id,
                    app.theme().symbols().pound,
                    money(p.total, true)
                );
                assert!(screen.contains(&exact), "{exact}: {say}");
            }
            assert!(
                screen.contains("Variance +5.22% of the pooled budget"),
                "{say}"
            );
            // The bottom half is used: big characters reach into the pane's last third.
            assert!(
                last * 3 >= rows.len() * 2 - 6,
                "last big row {last} of {}: {say}",
                rows.len()
            );
            heights.push(tallest);
        }
        assert!(
            heights.windows(2).all(|p| p[0] <= p[1]) && heights[3] > heights[0],
            "ascii {ascii}: {heights:?}"
        );
    }
}

#[test]
fn z_again_returns_to_the_bars_and_the_help_names_it() {
    let mut app = presenting(false);
    key(&mut app, KeyCode::Char('z'));
    assert!(!app.zoomed());
    let screen = text(&app, 120, 40);
    assert!(screen.contains("savings │ costs"), "{screen}");
    key(&mut app, KeyCode::Char('?'));
    let help = text(&app, 160, 48);
    assert!(help.contains("presentation"), "{help}");
}

/// In the ordinary view under --ascii there are no half blocks for big digits, and no rows are
/// left blank for them: the variance is a line of text and the rows go to the list.
#[test]
fn the_ordinary_view_under_ascii_leaves_no_blank_rows_for_big_digits() {
    let mut app = common::app_with(Theme {
        ascii: true,
        palette: Palette::Mono,
        contrast: false,
    });
    key(&mut app, KeyCode::Char('4'));
    let screen = text(&app, 120, 40);
    let rows = inside(&screen);
    assert!(rows[1].contains("Variance"), "{screen}");
}
