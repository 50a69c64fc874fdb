//! Issue 9's "what it must show", by key sequences on the example: every pound on screen, the
//! real thresholds with where, the screen and `calc` agreeing, a steady picture, the cap marked.

use crate::common;

use common::{app, key, key_with, row_with, text};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use riskshare::tui::{App, PaneId};

/// Picks a named scenario with `]` and shows its "Money" view with `v`.
fn scenario(name: &str) -> App {
    let mut app = app();
    for _ in 0..8 {
        if app.scenario_label() == name {
            break;
        }
        key(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(app.scenario_label(), name);
    app
}

#[test]
fn hard_winter_shows_ooh_s_contingency_and_the_five_percent_threshold_crossed_by_ooh() {
    let mut app = scenario("Hard winter");
    let bars = text(&app, 120, 40);
    let review = row_with(&bars, "Past");
    assert!(review.contains("+5.0% in pool, OOH"), "{bars}");
    key(&mut app, KeyCode::Char('v'));
    let money = text(&app, 120, 40);
    let contingency = row_with(&money, "contingency used");
    assert!(contingency.contains("150,000.00"), "{money}");
}

#[test]
fn schemes_deliver_shows_what_is_reinvested_and_b1_s_saving() {
    let mut app = scenario("Schemes deliver");
    key(&mut app, KeyCode::Char('v'));
    let money = text(&app, 120, 40);
    assert!(
        row_with(&money, "reinvested").contains("295,000.00"),
        "{money}"
    );
    assert!(
        row_with(&money, "risks, benefits").contains("-350,000.00"),
        "{money}"
    );
}

/// Every figure of the screen's allocation beside `calc --format json`'s for the same inputs.
#[test]
fn discharge_pressure_then_right_is_what_calc_prints() {
    let mut app = scenario("Discharge pressure");
    key(&mut app, KeyCode::Right);
    assert!(text(&app, 120, 40).contains("DTOC held at +4.0%"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args([
            "calc",
            "saves/anytown.ron",
            "--scenario",
            "Discharge pressure",
            "--variance",
            "0.5",
            "--format",
            "json",
        ])
        .output()
        .expect("calc runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let allocation = &app.calc().allocation;
    let schemes = json["schemes"].as_array().expect("schemes");
    assert_eq!(schemes.len(), allocation.schemes.len());
    for (s, j) in allocation.schemes.iter().zip(schemes) {
        assert_eq!(j["id"], s.id.as_str());
        for (field, value) in [
            ("variance", s.variance),
            ("netted", s.netted),
            ("pool_contingency_used", s.pool_contingency_used),
            ("contingency_used", s.contingency_used),
            ("reinvested", s.reinvested),
            ("unallocated", s.unallocated),
        ] {
            assert_eq!(j[field], format!("{value:.2}").as_str(), "{} {field}", s.id);
        }
        for (party, share) in s.shares.iter() {
            assert_eq!(
                j["shares"][party],
                format!("{share:.2}").as_str(),
                "{}",
                s.id
            );
        }
    }
    for (p, j) in allocation
        .parties
        .iter()
        .zip(json["parties"].as_array().expect("parties"))
    {
        assert_eq!(j["id"], p.id.as_str());
        assert_eq!(j["total"], format!("{:.2}", p.total).as_str(), "{}", p.id);
    }
    // And what the bars say is the same total, to the penny.
    let screen = text(&app, 120, 40);
    for p in &allocation.parties {
        let amount = riskshare::tui::format::money(p.total, true);
        let bar = screen
            .lines()
            .find(|l| l.starts_with(&format!("┃{} ", p.id)))
            .unwrap_or_default();
        assert!(bar.contains(&amount), "{screen}");
    }
}

/// The columns of each party's `T` and the scale's legend, on the bars at 120x40.
fn marks(app: &App) -> (Vec<Option<usize>>, String) {
    let screen = text(app, 120, 40);
    let scenario_rows: Vec<&str> = screen.lines().take(20).collect();
    let ts = app
        .agreement()
        .parties
        .iter()
        .map(|p| {
            scenario_rows
                .iter()
                .find(|l| l.starts_with(&format!("┃{} ", p.id)))
                .and_then(|l| l.chars().position(|c| c == 'T'))
        })
        .collect();
    (ts, row_with(&screen, "bars to"))
}

/// The scale follows what is on screen in round steps (1, 2, 2.5, 5 times a power of ten): it
/// stays put from 0% to 3% (ICB's tolerance and total, up to £274,399, are under £500,000), and
/// at 10% it has grown to take ICB's £1,164,663, and says so.
#[test]
fn the_scale_and_every_t_stay_put_within_a_step_and_the_caption_says_when_it_grows() {
    let mut app = app();
    let at_zero = marks(&app);
    assert!(at_zero.0.iter().all(Option::is_some), "{at_zero:?}");
    assert!(at_zero.1.contains("bars to £500,000"), "{at_zero:?}");
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    let at_three = marks(&app);
    for _ in 0..14 {
        key(&mut app, KeyCode::Right);
    }
    let at_ten = marks(&app);
    assert_eq!(at_zero, at_three);
    assert_ne!(at_zero.1, at_ten.1);
    assert!(at_ten.1.contains("bars to £2,000,000"), "{at_ten:?}");
}

#[test]
fn at_eight_percent_la_s_bar_shows_its_cap() {
    let mut app = app();
    for _ in 0..16 {
        key(&mut app, KeyCode::Right);
    }
    let screen = text(&app, 120, 40);
    let la = screen
        .lines()
        .find(|l| l.starts_with("┃LA "))
        .unwrap_or_default()
        .to_string();
    assert!(la.contains('C'), "{screen}");
    // At 0% no share is at a cap on LA's bar.
    let calm = text(&common::app(), 120, 40);
    let la = calm
        .lines()
        .find(|l| l.starts_with("┃LA "))
        .unwrap_or_default();
    assert!(!la.contains('C'), "{calm}");
}

/// Each pane drawn on its own, as a widget.
#[test]
fn each_pane_alone() {
    let mut app = app();
    key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    for pane in PaneId::ALL {
        let area = Rect::new(0, 0, 70, 18);
        let mut buf = Buffer::empty(area);
        riskshare::tui::render_pane(&app, pane, area, &mut buf);
        let lines: Vec<String> = (0..area.height)
            .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        insta::assert_snapshot!(format!("pane_{}", pane.number()), lines.join("\n"));
    }
    key(&mut app, KeyCode::Char('v'));
    let area = Rect::new(0, 0, 70, 18);
    let mut buf = Buffer::empty(area);
    riskshare::tui::render_pane(&app, PaneId::Scenario, area, &mut buf);
    let lines: Vec<String> = (0..area.height)
        .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    insta::assert_snapshot!("pane_scenario_money", lines.join("\n"));
}

#[test]
fn at_80x24_the_footer_keeps_save_and_help() {
    let screen = text(&app(), 80, 24);
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains("^S save") && footer.contains("? help"),
        "{footer}"
    );
}

/// `h` lets the held schemes follow the base again: DTOC's own +4.0% goes, and DTOC is then
/// set at the slider's variance like every other scheme.
#[test]
fn h_releases_the_held_schemes_back_to_the_base() {
    let mut app = scenario("Discharge pressure");
    assert!(text(&app, 120, 40).contains("DTOC held at +4.0%"));
    key(&mut app, KeyCode::Char('h'));
    let screen = text(&app, 120, 40);
    assert!(!screen.contains("held at"), "{screen}");
    assert!(app.scenario().working.schemes.is_empty());
    assert!(app.scenario().working.amounts.is_empty());
    let base = app.scenario().working.variance;
    let dtoc = app
        .calc()
        .allocation
        .schemes
        .iter()
        .find(|s| s.id == "DTOC")
        .expect("DTOC is a scheme");
    assert!(!dtoc.held);
    assert_eq!(dtoc.setting, riskshare::engine::Setting::Percent(base));
    assert!(screen.contains("Released DTOC"), "{screen}");
    // Nothing left to release says so.
    key(&mut app, KeyCode::Char('h'));
    assert!(app.status().is_some_and(|s| s.error));
}

/// The appetite pane's header row, drawn alone at a given width.
fn appetite_header(app: &App, width: u16) -> String {
    let area = Rect::new(0, 0, width, 12);
    let mut buf = Buffer::empty(area);
    riskshare::tui::render_pane(app, PaneId::Appetite, area, &mut buf);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|l| l.contains("Party"))
        .unwrap_or_default()
}

/// The appetite pane's columns stay where they are from -20% to +20% (its Max column used to
/// go at +20% as the figures widened), at the widths the panes take on common screens.
#[test]
fn the_appetite_columns_stay_put_across_the_slider() {
    for width in [40, 50, 64, 80] {
        let mut app = app();
        key(&mut app, KeyCode::Char('4'));
        let at_zero = appetite_header(&app, width);
        for _ in 0..4 {
            key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
            assert_eq!(appetite_header(&app, width), at_zero, "width {width}");
        }
        for _ in 0..8 {
            key_with(&mut app, KeyCode::Left, KeyModifiers::SHIFT);
            assert_eq!(appetite_header(&app, width), at_zero, "width {width}");
        }
    }
}

/// Below the risks the pane lists the benefits; Space realises the selected one. B1 realised at
/// -2% is the named "Schemes deliver": the same allocation, and its -350,000.00 on the Money view.
#[test]
fn space_on_a_benefit_realises_it_as_schemes_deliver_does() {
    let mut app = app();
    key(&mut app, KeyCode::Char('4'));
    for _ in 0..4 {
        key(&mut app, KeyCode::Left);
    }
    let risks = app.agreement().risks.len();
    for _ in 0..risks {
        key(&mut app, KeyCode::Down);
    }
    let before = text(&app, 120, 40);
    assert!(row_with(&before, "B1").contains("[ ]"), "{before}");
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario().working.benefits, ["B1"]);
    assert!(app.scenario().working.risks.is_empty());
    let after = text(&app, 120, 40);
    assert!(row_with(&after, "B1").contains("[x]"), "{after}");
    let named = scenario("Schemes deliver");
    assert_eq!(app.calc().allocation, named.calc().allocation);
    key(&mut app, KeyCode::Char('v'));
    let money = text(&app, 120, 40);
    assert!(
        row_with(&money, "risks, benefits").contains("-350,000.00"),
        "{money}"
    );
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char(' '));
    assert!(app.scenario().working.benefits.is_empty());
}
