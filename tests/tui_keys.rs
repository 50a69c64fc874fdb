//! The workbench driven by keys and actions, checking its state and what the panes show.

use crate::common;

use common::{anytown, app, key, key_with, logged, text, typed};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::layout::Rect;
use riskshare::tui::{Action, App, Overlay, PaneId};

/// The lines of the screen that fall inside the scenario pane (the left half of the top rows).
fn scenario_pane(app: &riskshare::tui::App) -> String {
    let screen = text(app, 80, 24);
    screen
        .lines()
        .skip(1)
        .take(12)
        .map(|l| l.chars().take(46).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn slider_to_three_percent_shows_the_worked_shares() {
    let mut app = app();
    assert_eq!(app.focus(), PaneId::Scenario);
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    assert_eq!(app.scenario().working.variance.to_string(), "3.0");
    let pane = scenario_pane(&app);
    assert!(
        pane.contains("ICB") && pane.contains("274,398.96"),
        "{pane}"
    );
    assert!(pane.contains("LA") && pane.contains("115,601.04"), "{pane}");
    let icb = pane
        .lines()
        .find(|l| l.contains("274,398.96"))
        .unwrap_or_default();
    assert!(icb.contains("ICB"), "the figure sits on ICB's bar: {icb}");
}

#[test]
fn the_slider_steps_clamps_and_resets() {
    let mut app = app();
    key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(app.scenario().working.variance.to_string(), "5.0");
    for _ in 0..10 {
        key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    }
    assert_eq!(app.scenario().working.variance.to_string(), "20");
    key(&mut app, KeyCode::Char('0'));
    assert!(app.scenario().working.variance.is_zero());
    for _ in 0..50 {
        key(&mut app, KeyCode::Left);
    }
    assert_eq!(app.scenario().working.variance.to_string(), "-20");
    assert!(text(&app, 80, 24).contains("underspend"));
}

#[test]
fn named_scenarios_and_happening_risks() {
    let mut app = app();
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.scenario_label(), "Hard winter");
    let icb = app
        .calc()
        .exposures
        .iter()
        .find(|e| e.id == "ICB")
        .map(|e| e.total.to_string());
    assert_eq!(icb.as_deref(), Some("571065.63"));
    // R1 is the first risk: toggle it off and the scenario is marked changed.
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario_label(), "Hard winter (changed)");
    assert!(!app.scenario().working.risks.contains(&"R1".to_string()));
    key(&mut app, KeyCode::Char('['));
    assert_eq!(app.scenario_label(), "Expected");
}

#[test]
fn undo_after_an_edit_gives_back_the_agreement_exactly() {
    let mut app = app();
    let before = app.agreement().clone();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    // End: the caret after the name (typing on entering a field replaces it).
    key(&mut app, KeyCode::End);
    typed(&mut app, " (renamed)");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(
        app.agreement().parties[0].name,
        "Anytown Integrated Care Board (renamed)"
    );
    assert!(app.is_dirty());
    key(&mut app, KeyCode::Char('u'));
    // The decision log keeps the edit and its undo; everything else is exactly as it was.
    let changes = logged(&app);
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        changes[1].starts_with("undo: party ICB: name from"),
        "{changes:?}"
    );
    let mut without_log = app.agreement().clone();
    without_log.log.clear();
    assert_eq!(without_log, before);
    assert!(!app.is_dirty());
    key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        app.agreement().parties[0].name,
        "Anytown Integrated Care Board (renamed)"
    );
}

#[test]
fn opening_a_form_and_applying_it_changes_nothing_not_even_a_fraction_of_a_penny() {
    let mut agreement = anytown();
    agreement.parties[0].equity = "0.125".parse().unwrap();
    // Money is pounds and pence (a file cannot hold a fraction of a penny); a weight may have
    // any decimals.
    agreement.parties[0].loss_tolerance = Some("1250000.05".parse().unwrap());
    let mut app = App::new(agreement, None, *app().theme());
    let before = app.agreement().clone();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(*app.agreement(), before);
}

#[test]
fn a_refused_value_keeps_what_was_typed_and_changes_nothing() {
    let mut app = app();
    let before = app.agreement().clone();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "7");
    key(&mut app, KeyCode::Enter);
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the form stays open after a refusal");
    };
    assert_eq!(form.fields[5].value, "7");
    let refusal = form
        .refusal
        .as_ref()
        .map(|r| r.message.clone())
        .unwrap_or_default();
    assert!(
        refusal.contains("Likelihood") && refusal.contains("1 to 5"),
        "{refusal}"
    );
    assert_eq!(*app.agreement(), before);
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.agreement().risks[0].likelihood, 5);
}

#[test]
fn a_party_form_refuses_a_duplicate_id_and_bad_money() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "LA");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Another council");
    let message = |app: &riskshare::tui::App| match &app.overlay() {
        Overlay::Form(f) => f.refusal.as_ref().map(|r| r.message.clone()),
        _ => None,
    };
    assert_eq!(
        message(&app).as_deref(),
        Some("Id: 'LA' is already a party")
    );
    key(&mut app, KeyCode::BackTab);
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "GP1");
    assert_eq!(message(&app), None);
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "12x");
    assert!(message(&app).is_some_and(|m| m.contains("'12x'")));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.agreement().parties.len(), 5);
    assert_eq!(
        app.agreement().parties[4]
            .loss_tolerance
            .map(|d| d.to_string())
            .as_deref(),
        Some("12")
    );
}

#[test]
fn deleting_asks_and_a_party_still_named_is_kept() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("scheme OOH"))
    );
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.agreement().risks.len(), 4);
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.agreement().risks.len(), 3);
    assert!(
        app.agreement()
            .scenarios
            .iter()
            .all(|s| !s.risks.contains(&"R1".to_string()))
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.agreement().risks.len(), 4);
}

#[test]
fn a_heatmap_cell_filters_the_list() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('g'));
    // From (3, 3) to likelihood 4, impact 4: R1's inherent cell.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.register().cell, (4, 4));
    let ids: Vec<&str> = app
        .visible_risks()
        .iter()
        .map(|&i| app.agreement().risks[i].id.as_str())
        .collect();
    assert_eq!(ids, ["R1"]);
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("2 Risk register"),
        "the note leaves the title whole:\n{screen}"
    );
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains("g/Esc all risks") && !footer.contains("g cell"),
        "{footer}"
    );
    key(&mut app, KeyCode::Char('r'));
    assert!(app.visible_risks().is_empty(), "R1's residual is 3x4");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.visible_risks().len(), 4);
}

#[test]
fn appetite_steps_and_breach_stands_out() {
    let mut app = app();
    app.handle(Action::Slide(6));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("1 in breach!"), "{screen}");
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Right);
    assert_eq!(
        app.agreement().parties[0].appetite,
        riskshare::model::Appetite::Open
    );
    assert!(
        !app.calc().exposures[0].breach,
        "Open tolerates 5% of ICB's 10.6m"
    );
}

#[test]
fn quitting_asks_only_when_unsaved() {
    let mut app = app();
    key(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
    let mut app = common::app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
    assert!(matches!(app.overlay(), Overlay::Prompt(_)));
    key(&mut app, KeyCode::Esc);
    assert!(!app.should_quit());
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('d'));
    assert!(app.should_quit());
}

#[test]
fn save_then_load_gives_an_equal_agreement() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("workshop.ron");
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Left);
    key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    // The example has no file yet: Save as asks where.
    let Overlay::Form(_) = &app.overlay() else {
        panic!("save as asks for a file");
    };
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, &path.display().to_string());
    key(&mut app, KeyCode::Enter);
    assert!(!app.is_dirty(), "{:?}", app.status());
    let text = std::fs::read_to_string(&path).expect("the save is there");
    let loaded = riskshare::store::parse(&text, "workshop.ron").expect("it loads");
    assert_eq!(loaded, *app.agreement());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left beside it");
}

#[test]
fn typed_and_pasted_text_is_cleaned() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    app.handle(Action::Type(
        "\x1b]0;x\x07\x1b[2J\u{9b}31m\u{202e}".to_string(),
    ));
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the form is open");
    };
    assert!(
        !form.fields[1]
            .value
            .chars()
            .any(riskshare::model::text::is_unsafe)
    );
    assert!(form.fields[1].value.ends_with("]0;x[2J31m"));
}

#[test]
fn only_key_presses_act() {
    let app = app();
    let screen = Rect::new(0, 0, 80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(
        riskshare::tui::action_for(&app, &Event::Key(release), screen),
        None
    );
    let repeat = KeyEvent::new_with_kind_and_state(
        KeyCode::Right,
        KeyModifiers::NONE,
        KeyEventKind::Repeat,
        KeyEventState::NONE,
    );
    assert_eq!(
        riskshare::tui::action_for(&app, &Event::Key(repeat), screen),
        None
    );
    let press = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        riskshare::tui::action_for(&app, &Event::Key(press), screen),
        Some(Action::Quit)
    );
}

#[test]
fn focus_moves_with_numbers_and_tab() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.focus(), PaneId::Parties);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), PaneId::Register);
    key_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    key_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus(), PaneId::Scenario);
    key(&mut app, KeyCode::Char('z'));
    assert!(app.zoomed());
    let screen = text(&app, 80, 24);
    assert!(!screen.contains("Appetite"), "zoomed shows one pane");
}

#[test]
fn a_click_focuses_the_pane_under_it_and_overlays_ignore_it() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    let screen = Rect::new(0, 0, 80, 24);
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The parties pane is bottom right at 80x24.
    let action = riskshare::tui::action_for(&app, &click(70, 20), screen);
    assert_eq!(action, Some(Action::Focus(PaneId::Parties)));
    app.handle(Action::Help);
    assert_eq!(
        riskshare::tui::action_for(&app, &click(70, 20), screen),
        None
    );
}

#[test]
fn the_chosen_scheme_s_column_is_the_one_shown() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Right);
    assert_eq!(app.scheme_cursor(), 1);
    let screen = text(&app, 80, 24);
    let parties: Vec<String> = screen
        .lines()
        .skip(13)
        .take(10)
        .map(|l| l.chars().skip(46).collect())
        .collect();
    let parties = parties.join("\n");
    // At 80 columns the border has room for the pane's tabs (Parties, Log) but not its note;
    // the chosen scheme is the bracketed column, and a wider screen names it in the border too.
    assert!(parties.contains("[DTOC]"), "{parties}");
    assert!(text(&app, 160, 48).contains("scheme DTOC"));
    let icb = parties
        .lines()
        .find(|l| l.contains("ICB"))
        .unwrap_or_default();
    assert!(icb.contains("2,000,000"), "ICB's DTOC contribution: {icb}");
    key(&mut app, KeyCode::Right);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("[PREV]"), "{screen}");
}

#[test]
fn long_news_is_shown_whole_at_80_columns() {
    let mut app = app();
    // Refused: the party is still named elsewhere; the whole sentence says where.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('d'));
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.ends_with("change those first"), "{said}");
    for (w, h) in [(80, 24), (80, 23)] {
        let screen = text(&app, w, h);
        let foot: String = screen
            .lines()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(foot, said, "{w}x{h}:\n{screen}");
    }
    // A refused form: the news fits one line, in place of the footer.
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('e'));
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Enter);
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.starts_with("Not applied"), "{said}");
    let screen = text(&app, 80, 24);
    let foot = screen.lines().last().unwrap_or_default();
    assert_eq!(foot.trim(), said, "{screen}");
}

#[test]
fn a_long_refusal_in_a_form_ends_in_an_ellipsis_when_cut() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    // A money field: a value far too long makes a message longer than the box can hold.
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    typed(&mut app, &"x".repeat(400));
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the form is open");
    };
    let message = form.refusal.as_ref().map(|r| r.message.clone());
    assert!(message.is_some_and(|m| m.len() > 300));
    let screen = text(&app, 80, 24);
    assert!(
        screen.lines().any(|l| l.contains("xx…┃")),
        "the message is cut with an ellipsis:\n{screen}"
    );
}

/// A key pressed on a screen of the given size, through the same door as the event loop's.
fn press_on(app: &mut riskshare::tui::App, code: KeyCode, width: u16, height: u16) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let screen = Rect::new(0, 0, width, height);
    if let Some(action) = riskshare::tui::action_for(app, &event, screen) {
        app.handle(action);
    }
}

#[test]
fn boxes_close_only_on_their_own_keys_so_typing_never_runs_as_commands() {
    use riskshare::tui::Prompt;
    let mut app = app();
    let before = app.agreement().clone();
    let notice = Prompt::Notice {
        title: "Read-only".into(),
        text: "pool.ron is already open in another riskshare.".into(),
    };
    app.show_prompt(notice.clone());
    // What was being typed when the box opened: focus the appetite pane, raise ICB, quit.
    for c in ['3', 'l', 'q'] {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Right);
    assert_eq!(*app.overlay(), Overlay::Prompt(notice.clone()));
    assert_eq!(app.focus(), PaneId::Scenario);
    assert!(!app.should_quit());
    assert!(text(&app, 80, 24).contains("Enter, Space or Esc to go on"));
    for close in [KeyCode::Enter, KeyCode::Esc, KeyCode::Char(' ')] {
        app.show_prompt(notice.clone());
        key(&mut app, close);
        assert_eq!(*app.overlay(), Overlay::None, "{close:?} closes it");
    }
    // Not saved: only a (save as) and the keys that go back.
    let not_saved = Prompt::NotSaved {
        why: "could not save pool.ron: the disk is full.".into(),
        quit_after: false,
    };
    app.show_prompt(not_saved.clone());
    typed(&mut app, "3q");
    assert_eq!(*app.overlay(), Overlay::Prompt(not_saved));
    key(&mut app, KeyCode::Char('a'));
    assert!(matches!(&app.overlay(), Overlay::Form(f) if f.title.contains("Save as")));
    key(&mut app, KeyCode::Esc);
    // The quit question waits for s, d or Esc.
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('q'));
    typed(&mut app, "xq");
    assert!(matches!(app.overlay(), Overlay::Prompt(Prompt::Quit)));
    key(&mut app, KeyCode::Esc);
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(!app.should_quit());
    assert_ne!(*app.agreement(), before, "the one change made on purpose");
}

#[test]
fn page_keys_scroll_the_help_and_other_keys_leave_it_open() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    let top = text(&app, 80, 24);
    press_on(&mut app, KeyCode::PageDown, 80, 24);
    assert_eq!(*app.overlay(), Overlay::Help);
    assert!(app.help_scroll() > 0);
    let paged = text(&app, 80, 24);
    assert_ne!(top, paged, "PageDown shows more");
    press_on(&mut app, KeyCode::Char('x'), 80, 24);
    assert_eq!(*app.overlay(), Overlay::Help);
    // As far as it goes, and one PageUp comes straight back from there.
    for _ in 0..20 {
        press_on(&mut app, KeyCode::PageDown, 80, 24);
    }
    let end = app.help_scroll();
    press_on(&mut app, KeyCode::PageDown, 80, 24);
    assert_eq!(app.help_scroll(), end);
    assert!(text(&app, 80, 24).contains("PgUp to go back"));
    press_on(&mut app, KeyCode::PageUp, 80, 24);
    assert!(app.help_scroll() < end);
    press_on(&mut app, KeyCode::Home, 80, 24);
    assert_eq!(app.help_scroll(), 0);
    press_on(&mut app, KeyCode::Esc, 80, 24);
    assert_eq!(*app.overlay(), Overlay::None);
}

#[test]
fn esc_on_a_changed_form_asks_before_throwing_the_typing_away() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    typed(&mut app, " (renamed)");
    key(&mut app, KeyCode::Esc);
    let Overlay::Form(form) = &app.overlay() else {
        panic!("one Esc keeps what was typed");
    };
    assert!(form.fields[1].value.ends_with("(renamed)"));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("Esc again throws away what you typed"),
        "{screen}"
    );
    // Any other key goes back to the form; the next Esc asks again.
    typed(&mut app, "!");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay(), Overlay::Form(_)));
    key(&mut app, KeyCode::Esc);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(
        app.agreement().parties[0].name,
        "Anytown Integrated Care Board"
    );
    // A form left as it opened closes on one Esc.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(*app.overlay(), Overlay::None);
}

/// Without colour the picked heatmap cell keeps its band's look (Extreme cells are the ones in
/// reverse video) and is told by the brackets either side of it, wherever it is moved.
#[test]
fn without_colour_the_picked_heatmap_cell_is_bracketed_not_reversed() {
    use ratatui::style::Modifier;
    use riskshare::model::ScoreBand;
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('z'));
    key(&mut app, KeyCode::Char('g'));
    for (moves, cell) in [
        (vec![], (3, 3)),
        (
            vec![KeyCode::Right, KeyCode::Right, KeyCode::Up, KeyCode::Up],
            (5, 5),
        ),
        (vec![KeyCode::Left; 4], (1, 5)),
    ] {
        for m in moves {
            key(&mut app, m);
        }
        assert_eq!(app.register().cell, cell);
        let terminal = common::screen(&app, 120, 40);
        let buf = terminal.backend().buffer();
        let area = buf.area;
        // Below the header and the pane's border (whose tabs are bracketed too).
        let opens: Vec<(u16, u16)> = (2..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].symbol() == "[")
            .collect();
        assert_eq!(
            opens.len(),
            1,
            "one bracketed cell\n{}",
            text(&app, 120, 40)
        );
        let (x, y) = opens[0];
        let close = (x + 1..area.width)
            .find(|&cx| buf[(cx, y)].symbol() == "]")
            .expect("the bracket is closed");
        let inside: String = (x + 1..close).map(|cx| buf[(cx, y)].symbol()).collect();
        let band = ScoreBand::of(cell.0 * cell.1, &app.agreement().score_bands);
        assert!(inside.trim().ends_with(band.letter()), "{inside:?}");
        let look = app.theme().band(band);
        for cx in x + 1..close {
            let style = buf[(cx, y)].style();
            let reversed = style.add_modifier.contains(Modifier::REVERSED);
            assert_eq!(
                reversed,
                look.add_modifier.contains(Modifier::REVERSED),
                "{cell:?} {band:?}: only Extreme is reversed"
            );
        }
    }
}

/// `=` asks for the variance: words are refused with a sentence and kept, 3.7 Enter sets it.
#[test]
fn equals_types_an_exact_variance_and_refuses_words() {
    let mut app = app();
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('='));
    assert!(matches!(app.overlay(), Overlay::Form(_)));
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "abc");
    key(&mut app, KeyCode::Enter);
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the prompt stays open on a refusal");
    };
    assert_eq!(form.fields[0].value, "abc", "what was typed is kept");
    let refusal = form.refusal.as_ref().map(|r| r.message.clone());
    assert!(
        refusal
            .as_deref()
            .is_some_and(|m| m.contains("'abc' is not a number")),
        "{refusal:?}"
    );
    assert!(text(&app, 80, 24).contains("not a number"));
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "3.7");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.scenario().working.variance, "3.7".parse().unwrap());
    assert_eq!(
        app.calc().allocation.variance_percent,
        "3.7".parse().unwrap()
    );
    assert!(
        scenario_pane(&app).contains("+3.7%"),
        "{}",
        scenario_pane(&app)
    );
    // The slider goes on from there in half points.
    key(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().working.variance, "4.2".parse().unwrap());
    // Beyond the slider's end stops is refused.
    key(&mut app, KeyCode::Char('='));
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "25");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Overlay::Form(_)));
    assert_eq!(app.scenario().working.variance, "4.2".parse().unwrap());
}

/// A file that loads with warnings: the header counts them and the appetite pane's Warnings
/// view lists each with its line.
#[test]
fn load_warnings_are_counted_in_the_header_and_listed_in_a_view() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("warned.ron");
    let ron = std::fs::read_to_string("saves/anytown.ron").expect("the example");
    let ron = ron.replacen("reinvest: 50,", "reinvest: 50, contingency: 10,", 1);
    std::fs::write(&path, ron).expect("written");
    let (warnings, more) = riskshare::tui::load_warnings(&path);
    assert_eq!(more, 0);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("line 68: "), "{warnings:?}");
    let agreement = riskshare::store::load(&path).expect("warnings do not stop loading");
    let mut app = App::new(agreement, Some(path), *common::app().theme());
    assert!(
        !text(&app, 120, 40)
            .lines()
            .next()
            .unwrap_or_default()
            .contains("warning")
    );
    app.set_load_warnings(warnings, more);
    let screen = text(&app, 120, 40);
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("1 warning"), "{header}");
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('z'));
    // Appetite, Checks, By category, Warnings.
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    let screen = text(&app, 120, 40);
    assert!(screen.contains("[Warnings]"), "{screen}");
    assert!(
        screen.contains("! line 68: ") && screen.contains("contingency"),
        "{screen}"
    );
    // The example loads clean, and the view says so.
    let mut clean = common::app();
    key(&mut clean, KeyCode::Char('3'));
    for _ in 0..3 {
        key(&mut clean, KeyCode::Char('v'));
    }
    assert!(text(&clean, 120, 40).contains("No warnings when the file was loaded"));
}

/// A file that gives more warnings than loading keeps: the header and the view count them all,
/// and the view says how many it lists of how many.
#[test]
fn warnings_beyond_those_kept_are_counted_not_dropped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("many.ron");
    let ron = std::fs::read_to_string("saves/anytown.ron").expect("the example");
    // Each party that is a member of no scheme is a warning.
    let extra: String = (0..1_234)
        .map(|n| {
            format!(
                "(id: \"X{n}\", name: \"Extra {n}\", kind: Commissioner, activity: 1, reserves: 1, performance: 50, appetite: Cautious),\n"
            )
        })
        .collect();
    let ron = ron.replacen("    parties: [\n", &format!("    parties: [\n{extra}"), 1);
    std::fs::write(&path, ron).expect("written");
    let (warnings, more) = riskshare::tui::load_warnings(&path);
    assert_eq!((warnings.len(), more), (1_000, 234));
    // The workbench on the example, given those warnings (an agreement of 1,238 parties is
    // slow to work out in a test build).
    let mut app = common::app();
    app.set_load_warnings(warnings, more);
    let header = text(&app, 120, 40)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(header.contains("1,234 warnings"), "{header}");
    key(&mut app, KeyCode::Char('3'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    for (w, h) in [(120, 40), (160, 48)] {
        let screen = text(&app, w, h);
        assert!(
            screen.contains("1,234 warnings when the file was loaded"),
            "{screen}"
        );
        assert!(
            screen.contains(" shown of 1,234: the first 1,000 are kept"),
            "{screen}"
        );
        assert!(!screen.contains("1,000 warnings"), "{screen}");
    }
}
