//! The reviewer's findings on the Scenario pane, read off the screen as a finance director in the
//! back row would: every pound of a partner's total accounted for, a chart legend that calls
//! lines equal only when their figures are, the variance as typed, the slider's own setting, the
//! bars' percent labelled, a Big view that shows partners, and pounds signed as pounds.

use crate::common;

use common::{app, app_with, key, key_with, row_with, text, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use riskshare::tui::{App, Overlay, Palette, Theme};
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

/// The Scenario pane's inside, line by line: the columns between its left border and its
/// top right corner (`┓`, or `#` under `--ascii`), on the lines under its top border.
fn pane_lines(screen: &str) -> Vec<String> {
    let mut lines = screen.lines().skip(1);
    let top: Vec<char> = lines.next().unwrap_or_default().chars().collect();
    let corner = top
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, c)| matches!(c, '┓' | '#'))
        .map_or(top.len(), |(i, _)| i);
    lines
        .map(|l| l.chars().skip(1).take(corner - 1).collect())
        .collect()
}

/// The amounts on the Money view's line for `party` in its table of totals (the line that
/// starts with the party's id), in order.
fn totals_row(screen: &str, party: &str) -> Option<Vec<Decimal>> {
    pane_lines(screen).into_iter().find_map(|part| {
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

/// The Chart view's lines of the Scenario pane: the chart's rows, then its legend.
fn chart_rows(screen: &str) -> (Vec<String>, String) {
    let parts = pane_lines(screen);
    let legend = parts
        .iter()
        .position(|p| p.starts_with("* ICB"))
        .unwrap_or_else(|| panic!("no legend:\n{}", parts.join("\n")));
    // The chart starts under the slider and the variance line.
    (parts[2..legend].to_vec(), parts[legend].clone())
}

/// Finding 2: in Hard winter ACUTE bears 90,000.00 (R3 by influence) and VCS nothing, so their
/// lines are not called equal even where they land on the same cells; each is named on its
/// own, on its line's row, never on the axis's lowest row.
#[test]
fn the_chart_calls_lines_equal_only_when_their_figures_are() {
    for look in looks() {
        let mut app = picked(look, "Hard winter");
        for _ in 0..3 {
            key(&mut app, KeyCode::Char('v'));
        }
        for (w, h) in [(80, 24), (120, 40), (160, 48)] {
            let screen = text(&app, w, h);
            let (rows, legend) = chart_rows(&screen);
            assert!(!legend.contains("(= VCS)"), "{legend}\n{screen}");
            assert!(!screen.contains("ACUTE=VCS"), "{screen}");
            for party in ["ACUTE", "VCS"] {
                let row = rows
                    .iter()
                    .find(|r| r.contains(party))
                    .unwrap_or_else(|| panic!("{party} not named:\n{screen}"));
                // The lowest row of the chart carries the axis's lowest figure (-1.4m), far
                // below both lines (0 and 90,000).
                assert!(!row.contains("-1.4m"), "{party} named at -1.4m:\n{screen}");
                assert!(
                    !row.contains("m│") && !row.contains("m|"),
                    "{row}\n{screen}"
                );
            }
        }
    }
}

/// Lines whose figures are equal at every point are still named together: with PREV's
/// underspend shared equally, ACUTE and VCS (capped at 0 in its overspend, in no other scheme)
/// bear and gain the same everywhere on the sweep.
#[test]
fn lines_equal_at_every_point_are_named_together() {
    let text_of = std::fs::read_to_string("saves/anytown.ron").expect("the example");
    let blend = "bands: [(basis: Blend([(Equal, 50), (InvestmentNeed, 50)]))]";
    assert!(text_of.contains(blend));
    let equal = text_of.replace(blend, "bands: [(basis: Equal)]");
    let agreement = riskshare::store::parse(&equal, "equal.ron").expect("it loads");
    let mut app = App::new(
        agreement,
        None,
        Theme {
            ascii: false,
            palette: Palette::Mono,
            contrast: false,
        },
    );
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    let screen = text(&app, 120, 40);
    let (_, legend) = chart_rows(&screen);
    assert!(legend.contains("ACUTE (= VCS)"), "{legend}\n{screen}");
    assert!(screen.contains("ACUTE=VCS"), "{screen}");
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
fn exact(app: &mut App, percent: &str) {
    key(app, KeyCode::Char('='));
    key_with(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(app, percent);
    key(app, KeyCode::Enter);
}

/// Finding 3: a typed base of -2.75 is said and shown as -2.75%, never -2.8% (which `calc`
/// would take as another what-if), and the pounds are `calc --variance -2.75`'s.
#[test]
fn a_typed_variance_is_shown_as_typed() {
    let mut app = picked(app(), "Hard winter");
    slider_on(&mut app, Some("OOH"));
    exact(&mut app, "5");
    slider_on(&mut app, None);
    exact(&mut app, "-2.75");
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(said, "Variance set to -2.75%");
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 120, 40);
    assert!(!screen.contains("-2.8%"), "{screen}");
    let screen = text(&app, 160, 48);
    let percents = row_with(&screen, "% of budget");
    // OOH at +5% with R1's 400,000 (8.33%); DTOC and PREV at the base.
    assert!(percents.contains("+8.33%"), "{screen}");
    assert_eq!(percents.matches("-2.75%").count(), 2, "{screen}");
    assert!(!screen.contains("-2.8%"), "{screen}");
    // The pool's variance, 835,000.00, is 4.64% of the pooled budget, as calc says.
    assert!(screen.contains("+4.64%"), "{screen}");
    // ICB's share of OOH at -2.75 (calc --scenario "Hard winter" --variance -2.75
    // --scheme OOH=5 gives 650,000.00).
    assert!(
        row_with(&screen, "share ICB").contains("650,000.00"),
        "{screen}"
    );
}

/// Finding 3: naming a what-if typed at 2.35 proposes its exact variance.
#[test]
fn naming_a_typed_what_if_proposes_its_exact_variance() {
    let mut app = app();
    exact(&mut app, "2.35");
    key(&mut app, KeyCode::Char('n'));
    match app.overlay() {
        Overlay::Form(form) => assert_eq!(form.fields[0].value, "What-if +2.35%"),
        other => panic!("no form open: {other:?}"),
    }
}
