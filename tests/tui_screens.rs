//! Whole-screen snapshots of the workbench on a TestBackend, at 80x24 and 160x48, and at the
//! smaller sizes it still works in (80x23 under tmux's status line, 60x20).

use crate::common;

use common::{app, key, screen, typed};
use crossterm::event::KeyCode;
use riskshare::tui::{Action, PaneId};

fn at_three_percent() -> riskshare::tui::App {
    let mut app = app();
    for _ in 0..6 {
        app.handle(Action::Slide(1));
    }
    app
}

#[test]
fn anytown_at_zero() {
    let app = app();
    insta::assert_snapshot!("anytown_0_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("anytown_0_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn anytown_at_three_percent() {
    let app = at_three_percent();
    insta::assert_snapshot!("anytown_3_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("anytown_3_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn heatmap_inherent_and_residual() {
    let mut app = app();
    app.handle(Action::Focus(PaneId::Register));
    insta::assert_snapshot!("heatmap_inherent_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("heatmap_inherent_160x48", screen(&app, 160, 48).backend());
    key(&mut app, KeyCode::Char('r'));
    insta::assert_snapshot!("heatmap_residual_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("heatmap_residual_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn help_overlay() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("help_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn an_edit_form_refusing_a_bad_value() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('e'));
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "7");
    insta::assert_snapshot!("form_refusal_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("form_refusal_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn quit_prompt() {
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('q'));
    insta::assert_snapshot!("quit_prompt_80x24", screen(&app, 80, 24).backend());
    insta::assert_snapshot!("quit_prompt_160x48", screen(&app, 160, 48).backend());
}

#[test]
fn zoomed_scenario_and_ascii() {
    let mut app = at_three_percent();
    app.handle(Action::Zoom);
    insta::assert_snapshot!("zoom_scenario_80x24", screen(&app, 80, 24).backend());
    let mut ascii = common::app_with(riskshare::tui::Theme {
        ascii: true,
        palette: riskshare::tui::Palette::Mono,
        contrast: false,
    });
    for _ in 0..6 {
        ascii.handle(Action::Slide(1));
    }
    insta::assert_snapshot!("ascii_3_80x24", screen(&ascii, 80, 24).backend());
}

#[test]
fn smaller_terminals_still_show_all_four_panes() {
    let app = app();
    for (w, h) in [(80, 23), (80, 20), (60, 20)] {
        let terminal = screen(&app, w, h);
        let shown = common::text(&app, w, h);
        assert!(!shown.contains("Too small"), "{w}x{h}:\n{shown}");
        for title in ["1 Parties", "2 Risk register", "3 Appetite", "4 Scenario"] {
            assert!(shown.contains(title), "{w}x{h} lacks {title}:\n{shown}");
        }
        insta::assert_snapshot!(format!("anytown_0_{w}x{h}"), terminal.backend());
    }
    assert_eq!(
        (riskshare::tui::MIN_WIDTH, riskshare::tui::MIN_HEIGHT),
        (60, 20)
    );
    assert!(common::text(&app, 59, 20).contains("Too small"));
    assert!(common::text(&app, 60, 19).contains("Too small"));
}

#[test]
fn the_too_small_message_is_shortened_never_cut_bare() {
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('q'));
    let shown = common::text(&app, 20, 5);
    let last = shown.lines().last().unwrap_or_default().trim_end();
    assert!(shown.starts_with("Too small: needs"), "{shown}");
    assert!(last.ends_with('…'), "{shown}");
    let shown = common::text(&app, 59, 12);
    assert!(shown.contains("this terminal is 59x12"), "{shown}");
    assert!(shown.contains("Esc stay."), "{shown}");
}

/// At 80 columns the Scenario pane's border has no room for all six tabs: it names the view
/// shown, where it stands among them and the key to the next, and the figures stay on screen.
#[test]
fn at_80_columns_the_scenario_pane_names_its_view_and_the_key_to_the_next() {
    let mut app = app();
    app.handle(Action::Focus(PaneId::Scenario));
    for (n, name) in ["Bars", "Money", "Compare", "Chart", "Simulation", "Big"]
        .iter()
        .enumerate()
    {
        for height in [24, 23] {
            let text = common::text(&app, 80, height);
            let border = text.lines().nth(1).unwrap_or_default();
            let tab = format!("[{name} {}/6]", n + 1);
            assert!(border.contains(&tab), "80x{height} shows {tab}:\n{text}");
            // "Simulation" is the one name too long to leave room for the key beside the note.
            if *name != "Simulation" {
                assert!(border.contains("v next"), "80x{height}:\n{text}");
            }
        }
        key(&mut app, KeyCode::Char('v'));
    }
    // Back on Bars (v cycles): the partners' figures are still drawn under the border.
    let text = common::text(&app, 80, 24);
    assert!(
        text.contains("[Bars 1/6]") && text.contains("┃ICB "),
        "{text}"
    );
    // Not focused, the pane still names its view; `v` would act on the focused pane.
    app.handle(Action::Focus(PaneId::Register));
    let border = common::text(&app, 80, 24)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(
        border.contains("[Bars 1/6]") && !border.contains("v next"),
        "{border}"
    );
}

/// From 120 columns the footer keeps room for undo beside help and save, whichever pane has
/// the focus; at 160 redo too where the pane's keys leave room.
#[test]
fn a_wide_footer_shows_undo_for_every_pane() {
    let mut app = app();
    for pane in [
        PaneId::Scenario,
        PaneId::Register,
        PaneId::Appetite,
        PaneId::Parties,
    ] {
        app.handle(Action::Focus(pane));
        for (w, h) in [(120, 40), (160, 48)] {
            let text = common::text(&app, w, h);
            let footer = text.lines().last().unwrap_or_default();
            for k in ["u undo", "? help", "^S save", "v view"] {
                assert!(footer.contains(k), "{pane:?} {w}x{h}: {k} in {footer:?}");
            }
        }
    }
    app.handle(Action::Focus(PaneId::Register));
    let text = common::text(&app, 160, 48);
    assert!(
        text.lines().last().unwrap_or_default().contains("^R redo"),
        "{text}"
    );
}

/// At 80 columns the footer still names the next view on every pane with views, and for the
/// Scenario pane the keys a facilitator needs (the slider, the scenario, a risk, presenting)
/// before its finer keys, which help lists.
#[test]
fn a_narrow_footer_keeps_the_next_view_and_the_pane_s_main_keys() {
    let mut app = app();
    for pane in [
        PaneId::Scenario,
        PaneId::Register,
        PaneId::Appetite,
        PaneId::Parties,
    ] {
        app.handle(Action::Focus(pane));
        let text = common::text(&app, 80, 24);
        let footer = text.lines().last().unwrap_or_default();
        for k in ["v view", "? help", "^S save"] {
            assert!(footer.contains(k), "{pane:?}: {k} in {footer:?}");
        }
    }
    app.handle(Action::Focus(PaneId::Scenario));
    let text = common::text(&app, 80, 24);
    let footer = text.lines().last().unwrap_or_default();
    for k in [
        "Left/Right 0.5pt",
        "[ ] scenario",
        "Space risk",
        "z present",
    ] {
        assert!(footer.contains(k), "{k} in {footer:?}");
    }
    assert!(!footer.contains("0 zero"), "{footer:?}");
    // While the slider moves one scheme alone, `s` (on to the next, then all again) is named.
    assert!(!footer.contains("s scheme"), "{footer:?}");
    common::key(&mut app, crossterm::event::KeyCode::Char('s'));
    assert!(app.slider_scheme().is_some());
    // The news of it stands where the footer is until the next key.
    common::key(&mut app, crossterm::event::KeyCode::Right);
    let text = common::text(&app, 80, 24);
    let footer = text.lines().last().unwrap_or_default();
    assert!(
        footer.contains("s scheme") && footer.contains("v view"),
        "{footer:?}"
    );
}
