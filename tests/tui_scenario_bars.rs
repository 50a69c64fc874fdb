//! The Scenario pane as a workshop reads it: bars that show every partner's pound at ordinary
//! variances, marks that never hide a bar, z on the Big view, held figures as typed, the slider's
//! signed thresholds, every scenario Compare lists pickable, and the chart without colour.

use crate::common;

use common::{app, key, screen, text, typed};
use crossterm::event::KeyCode;
use riskshare::tui::{Action, App, Palette, Theme};

fn themed(ascii: bool) -> Theme {
    Theme {
        ascii,
        palette: Palette::Mono,
        contrast: false,
    }
}

/// A file from the repository in the workbench, plain Unicode or ASCII, no colour.
fn open(path: &str, ascii: bool) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let agreement = riskshare::store::load(&path).expect("the file loads");
    App::new(agreement, None, themed(ascii))
}

fn at_three_percent(mut app: App) -> App {
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    app
}

/// A party's bar row on the Scenario pane (the pane's left border first).
fn bar_row(screen: &str, id: &str) -> String {
    let border = ["┃", "#", "│", "|"];
    screen
        .lines()
        .find(|l| border.iter().any(|b| l.starts_with(&format!("{b}{id} "))))
        .unwrap_or_default()
        .to_string()
}

/// The cells of a bar row between the axis and the figure: (bar cells, where the `T` is, from
/// the axis).
fn bar_after_axis(row: &str, axis: char, bar: &[char]) -> (usize, Option<usize>) {
    let cells: Vec<char> = row.chars().skip(1).collect();
    let Some(at) = cells.iter().position(|c| *c == axis) else {
        return (0, None);
    };
    let rest = &cells[at + 1..];
    let filled = rest.iter().take_while(|c| bar.contains(c)).count();
    let t = rest.iter().position(|c| *c == 'T').map(|p| p + 1);
    (filled, t)
}

const UNICODE_BAR: [char; 8] = ['█', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

#[test]
fn at_three_percent_every_partner_s_cost_shows_as_a_bar_clear_of_its_tolerance() {
    let app = at_three_percent(app());
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let shown = text(&app, w, h);
        for id in ["ICB", "LA"] {
            let row = bar_row(&shown, id);
            let (filled, t) = bar_after_axis(&row, '│', &UNICODE_BAR);
            assert!(filled >= 1, "{w}x{h} {id} shows no bar:\n{shown}");
            if id == "LA" {
                // LA bears £115,601 of a £250,000 tolerance: its T stands clear of its bar.
                let t = t.unwrap_or(0);
                assert!(t > filled, "{w}x{h} LA's T sits on its bar:\n{row}");
            }
        }
        // The scale is said: the largest figure on screen (ICB's £274,399) rounded up.
        assert!(shown.contains("costs to £500k"), "{w}x{h}:\n{shown}");
    }
    assert!(text(&app, 120, 40).contains("bars to £500,000"));
}

#[test]
fn under_ascii_a_bar_is_whole_cells_and_any_share_shows_at_least_one() {
    let app = at_three_percent(common::app_with(themed(true)));
    let shown = text(&app, 80, 24);
    for id in ["ICB", "LA"] {
        let (filled, _) = bar_after_axis(&bar_row(&shown, id), '|', &['#', 'T']);
        assert!(filled >= 1, "{id} shows no bar:\n{shown}");
    }
    assert!(shown.contains("costs to GBP 500k"), "{shown}");
    // A tiny share still gets a sliver: ACUTE and VCS bear nothing, so they get none.
    let (none, _) = bar_after_axis(&bar_row(&shown, "VCS"), '|', &['#']);
    assert_eq!(none, 0, "{shown}");
}

#[test]
fn a_waterfall_forecast_shows_icb_s_share_below_its_large_tolerance() {
    let mut app = open("saves/s75_waterfall.ron", false);
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    key(&mut app, KeyCode::Char(']'));
    let shown = text(&app, 120, 40);
    assert!(shown.contains("Month 9 forecast"), "{shown}");
    let (filled, t) = bar_after_axis(&bar_row(&shown, "ICB"), '│', &UNICODE_BAR);
    // £178,571 against a scale of £1m (ICB's tolerance is £775,000).
    assert!(filled >= 3, "{shown}");
    assert!(t.is_some_and(|t| t > filled + 3), "{shown}");
    assert!(shown.contains("bars to £1,000,000"), "{shown}");
}

#[test]
fn the_bars_at_three_percent_at_120x40() {
    let app = at_three_percent(app());
    insta::assert_snapshot!("bars_3_120x40", screen(&app, 120, 40).backend());
}

#[test]
fn a_saving_shows_to_the_left_with_a_part_cell() {
    let mut app = app();
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    key(&mut app, KeyCode::Char('='));
    common::key_with(
        &mut app,
        KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    typed(&mut app, "-1.3");
    key(&mut app, KeyCode::Enter);
    let shown = text(&app, 120, 40);
    let row = bar_row(&shown, "ICB");
    let axis = row.chars().position(|c| c == '│').unwrap_or(0);
    let left: String = row.chars().take(axis).collect();
    assert!(left.contains('█'), "{shown}");
}

fn ctrl_u(app: &mut App) {
    common::key_with(
        app,
        KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    );
}

#[test]
fn z_on_the_big_view_zooms_big_and_returns_to_it() {
    let mut app = app();
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('v'));
    }
    assert!(text(&app, 160, 48).contains("[Big]"));
    let big = app.scenario().view;
    key(&mut app, KeyCode::Char('z'));
    assert!(app.zoomed());
    assert_eq!(app.scenario().view, big, "{}", text(&app, 120, 40));
    key(&mut app, KeyCode::Char('z'));
    assert!(!app.zoomed());
    assert_eq!(app.scenario().view, big);
    // From the Bars view z still presents, and returns to the Bars.
    let mut app = common::app();
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.scenario().view, big);
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.scenario().view, 0);
}

#[test]
fn a_held_percent_shows_as_typed_to_two_decimals() {
    let mut app = app();
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('='));
    ctrl_u(&mut app);
    typed(&mut app, "-2.25");
    key(&mut app, KeyCode::Enter);
    let shown = text(&app, 120, 40);
    assert!(shown.contains("OOH held at -2.25%"), "{shown}");
    assert!(!shown.contains("-2.2%"), "{shown}");
    // A whole figure keeps one decimal.
    key(&mut app, KeyCode::Char('='));
    ctrl_u(&mut app);
    typed(&mut app, "4");
    key(&mut app, KeyCode::Enter);
    assert!(text(&app, 120, 40).contains("OOH held at +4.0%"));
}

/// The slider's row: the line with "-20%" on it.
fn slider_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("-20%") && l.contains("+20%"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_threshold_below_zero_keeps_its_minus_sign_on_the_slider() {
    for ascii in [false, true] {
        let app = open("saves/s75_waterfall.ron", ascii);
        let row = slider_row(&text(&app, 120, 40));
        let (minus, track) = if ascii {
            (" -2-", '-')
        } else {
            ("─-2─", '─')
        };
        assert!(row.contains(minus), "{row}");
        assert!(row.contains(&format!("{track}2{track}")), "{row}");
    }
}

#[test]
fn the_slider_s_signed_marks_at_three_sizes() {
    let app = open("saves/s75_waterfall.ron", false);
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let row = slider_row(&text(&app, w, h));
        insta::assert_snapshot!(format!("slider_s75_{w}x{h}"), row);
    }
}

#[test]
fn every_scenario_compare_lists_is_picked_by_the_brackets_and_the_end_is_said() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/governance/forecast.ron");
    let agreement = riskshare::store::load(&path).expect("loads");
    let mut app = App::new(agreement, None, themed(false));
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    let mut seen = Vec::new();
    for _ in 0..3 {
        key(&mut app, KeyCode::Char(']'));
        seen.push(app.scenario_label());
    }
    assert_eq!(seen, ["Mild", "Forecast: to plan", "Forecast: run rate"]);
    // The forecast's figures are on the pane: the run rate's 26,691.34 over, in pounds.
    let shown = text(&app, 120, 40);
    assert!(shown.contains("£26,691.34 overspend"), "{shown}");
    assert!(shown.contains("is the last of 3 scenarios"), "{shown}");
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.scenario_label(), "Mild");
    assert!(text(&app, 120, 40).contains("Past the last scenario: back to the first"));
    key(&mut app, KeyCode::Char('['));
    assert_eq!(app.scenario_label(), "Forecast: run rate");
    assert!(text(&app, 120, 40).contains("Before the first scenario: on to the last"));
    // A forecast is not in the file: d and e say so rather than "none picked".
    key(&mut app, KeyCode::Char('d'));
    let shown = text(&app, 120, 40);
    assert!(
        shown.contains("worked out from the schemes' quarters"),
        "{shown}"
    );
    // Moved by the slider, it is marked changed.
    key(&mut app, KeyCode::Right);
    assert_eq!(app.scenario_label(), "Forecast: run rate (changed)");
}

/// The Chart view without colour, at 160x48.
fn chart(ascii: bool) -> String {
    let mut app = common::app_with(themed(ascii));
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    text(&app, 160, 48)
}

#[test]
fn without_colour_each_partner_s_line_has_its_own_mark_and_twins_are_named() {
    for ascii in [false, true] {
        let shown = chart(ascii);
        let legend = shown
            .lines()
            .find(|l| l.contains("ICB") && l.contains("tolerance") && l.contains("kink"))
            .unwrap_or_default();
        for mark in ["* ICB", "+ LA", "o ACUTE", "x VCS"] {
            assert!(legend.contains(mark), "{ascii}: {legend}\n{shown}");
        }
        // The lines are drawn with those marks.
        let plot: Vec<&str> = shown.lines().skip(3).take(16).collect();
        assert!(plot.iter().any(|l| l.contains("+++")), "{shown}");
        assert!(plot.iter().any(|l| l.contains("***")), "{shown}");
        if ascii {
            // At ASCII's resolution VCS's line covers every cell of ACUTE's, but their figures
            // differ (VCS gains more of an underspend): each is named on its own, and the
            // legend says ACUTE's is behind VCS's, never that they are equal.
            assert!(legend.contains("o ACUTE (behind VCS)"), "{legend}");
            assert!(plot.iter().any(|l| l.contains("VCS")), "{shown}");
            assert!(plot.iter().any(|l| l.contains("ACUTE")), "{shown}");
            assert!(!shown.contains("ACUTE=VCS"), "{shown}");
        } else {
            // In braille ACUTE's line shows where VCS's gains leave it.
            assert!(plot.iter().any(|l| l.contains("ooo")), "{shown}");
            assert!(!legend.contains("(= VCS)"), "{legend}");
        }
        // No name sits on a tolerance's dotted row.
        for l in &plot {
            for id in ["ICB", "LA", "VCS"] {
                if l.contains(&format!("{id}┃")) || l.contains(&format!("{id}#")) {
                    assert!(!l.contains("..") && !l.contains('⠒'), "{l}");
                }
            }
        }
    }
}

#[test]
fn the_chart_without_colour_at_three_sizes() {
    let mut app = common::app();
    app.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        insta::assert_snapshot!(format!("chart_mono_{w}x{h}"), screen(&app, w, h).backend());
    }
    let mut ascii = common::app_with(themed(true));
    ascii.handle(Action::Focus(riskshare::tui::PaneId::Scenario));
    for _ in 0..3 {
        key(&mut ascii, KeyCode::Char('v'));
    }
    insta::assert_snapshot!("chart_ascii_160x48", screen(&ascii, 160, 48).backend());
}

#[test]
fn the_line_of_risks_says_it_holds_benefits_and_a_taken_name_says_what_is_wrong() {
    let mut app = app();
    assert!(text(&app, 120, 40).contains("Risks & benefits [ ]R1"));
    assert!(text(&app, 80, 24).contains("Risks/benefits [ ]R1"));
    key(&mut app, KeyCode::Char('n'));
    ctrl_u(&mut app);
    typed(&mut app, "Expected");
    key(&mut app, KeyCode::Enter);
    let shown = text(&app, 120, 40);
    assert!(
        shown.contains("a scenario named 'Expected' already exists"),
        "{shown}"
    );
    assert!(!shown.contains("already taken by"), "{shown}");
}

#[test]
fn a_held_scheme_s_id_is_whole_over_its_money_column() {
    let mut app = app();
    // PREV alone at 0%: every figure in its column is four wide ("0.00"), its head five.
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('s'));
    }
    assert_eq!(app.slider_scheme(), Some("PREV"));
    key(&mut app, KeyCode::Char('0'));
    key(&mut app, KeyCode::Char('v'));
    let shown = text(&app, 120, 40);
    let head = shown
        .lines()
        .find(|l| l.contains("Scheme "))
        .unwrap_or_default();
    assert!(
        head.split_whitespace().any(|h| h == "*PREV"),
        "{head}\n{shown}"
    );
}
