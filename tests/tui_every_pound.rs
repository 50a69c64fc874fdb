//! The reviewer's findings on the Scenario pane, read off the screen as a finance director in the
//! back row would: every pound of a partner's total accounted for, a chart legend that calls
//! lines equal only when their figures are, the variance as typed, the slider's own setting, the
//! bars' percent labelled, a Big view that shows partners, and pounds signed as pounds.

use crate::common;

use common::{app, app_with, key, text};
use crossterm::event::KeyCode;
use riskshare::tui::{App, Palette, Theme};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The example with `]` pressed until the named scenario is picked.
fn picked(mut app: App, name: &str) -> App {
    for _ in 0..8 {
        if app.scenario_label() == name {
            break;
        }
        key(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(app.scenario_label(), name);
    app
}

/// The looks the findings were checked in: plain Unicode without colour, and `--ascii`.
fn looks() -> [App; 2] {
    [
        app(),
        app_with(Theme {
            ascii: true,
            palette: Palette::Mono,
            contrast: false,
        }),
    ]
}

/// The Scenario pane's part of a screen line: between its left border and the next border.
fn pane_part(line: &str) -> Option<&str> {
    let (start, border) = line.char_indices().find(|(_, c)| matches!(c, '┃' | '│' | '|' | '#'))?;
    let rest = &line[start + border.len_utf8()..];
    Some(rest.split(['┃', '│', '|', '#']).next().unwrap_or(rest))
}

/// The amounts on the Money view's line for `party` in its table of totals (the line that
/// starts with the party's id), in order.
fn totals_row(screen: &str, party: &str) -> Option<Vec<Decimal>> {
    screen.lines().find_map(|line| {
        let part = pane_part(line)?;
        let mut words = part.split_whitespace();
        if words.next()? != party {
            return None;
        }
        let amounts: Vec<Decimal> = words
            .map(|w| Decimal::from_str(&w.replace(',', "")))
            .collect::<Result<_, _>>()
            .ok()?;
        (!amounts.is_empty()).then_some(amounts)
    })
}

fn pounds(text: &str) -> Decimal {
    Decimal::from_str(text).expect("an amount")
}

/// Finding 1: every partner's total in the Money view, made up of what it is made of, at every
/// size (80x24 zoomed with `z`), in colour-free Unicode and in ASCII.
#[test]
fn the_money_view_accounts_for_every_pound_of_each_partner_s_total() {
    // Hard winter: ICB's 541,065.63 of shares and its 30,000.00 of R3 by influence; ACUTE
    // bears only its 90,000.00 of R3. Discharge pressure: LA's retained R2, 180,000.00.
    let cases = [
        ("Hard winter", "ICB", "30,000.00", "571,065.63"),
        ("Hard winter", "ACUTE", "90,000.00", "90,000.00"),
        ("Hard winter", "LA", "248,934.37", "248,934.37"),
        ("Discharge pressure", "LA", "180,000.00", "280,000.00"),
    ];
    for (scenario, party, part, total) in cases {
        for look in looks() {
            let mut app = picked(look, scenario);
            key(&mut app, KeyCode::Char('v'));
            let (wide, wider) = (text(&app, 120, 40), text(&app, 160, 48));
            key(&mut app, KeyCode::Char('z'));
            for screen in [wide, wider, text(&app, 80, 24)] {
                let row = totals_row(&screen, party)
                    .unwrap_or_else(|| panic!("no totals row for {party}:\n{screen}"));
                let (last, parts) = row.split_last().expect("a total");
                assert_eq!(*last, pounds(&total.replace(',', "")), "{screen}");
                assert_eq!(parts.iter().sum::<Decimal>(), *last, "{party}: {screen}");
                assert!(
                    parts.contains(&pounds(&part.replace(',', ""))),
                    "{party}'s {part} missing:\n{screen}"
                );
            }
        }
    }
}

/// Finding 1 at 80x24 unzoomed: no room for the totals, and the footer says so.
#[test]
fn at_80x24_the_money_view_names_the_totals_it_has_no_room_for() {
    let mut app = picked(app(), "Hard winter");
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("partner totals"), "{screen}");
    assert!(screen.contains("z zooms"), "{screen}");
}
