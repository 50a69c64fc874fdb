//! Forms edit like a form: a caret that moves by character, word and end, Delete and
//! Backspace either side of it, paste as typed text, and caps typed as people write them.

use crate::common;

use common::{app, field, go_to, key, key_with, logged, typed};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use riskshare::model::Cap;
use riskshare::tui::{Action, Overlay};
use rust_decimal::Decimal;

#[test]
fn a_typo_is_fixed_mid_field_without_deleting_back_to_it() {
    let mut app = app();
    app.handle(Action::EditScheme);
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "Out-of-hosptal servces");
    // Home, three words on (Out, of, hosptal), three back: the caret sits in "hosp|tal".
    key(&mut app, KeyCode::Home);
    for _ in 0..3 {
        key_with(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    }
    for _ in 0..3 {
        key(&mut app, KeyCode::Left);
    }
    typed(&mut app, "i");
    assert_eq!(field(&app, "Name"), "Out-of-hospital servces");
    // End, a word back, then Delete and retype the last word's tail.
    key(&mut app, KeyCode::End);
    key_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    for _ in 0..4 {
        key(&mut app, KeyCode::Right);
    }
    typed(&mut app, "i");
    assert_eq!(field(&app, "Name"), "Out-of-hospital services");
    // Delete takes the character after the caret, Backspace the one before.
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Delete);
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "O");
    assert_eq!(field(&app, "Name"), "Out-of-hospital services");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.agreement().schemes[0].name, "Out-of-hospital services");
    assert_eq!(app.agreement().log.len(), 0, "the same name is no change");
}

#[test]
fn a_paste_goes_in_at_the_caret_as_one_line_of_clean_text() {
    let mut app = app();
    app.handle(Action::EditScheme);
    key(&mut app, KeyCode::Home);
    let paste = Event::Paste("New\n\u{202e}ly ".to_string());
    if let Some(action) = riskshare::tui::action_for(&app, &paste, Rect::new(0, 0, 100, 30)) {
        app.handle(action);
    }
    assert_eq!(field(&app, "Name"), "New ly Out-of-hospital services");
}

#[test]
fn caps_typed_as_people_write_them_are_taken() {
    let mut app = app();
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend caps");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "LA 5%, ICB £20,000");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    let caps = &app.agreement().schemes[0].overspend.caps;
    assert_eq!(caps.get("LA"), Some(&Cap::Percent(Decimal::from(5))));
    assert_eq!(caps.get("ICB"), Some(&Cap::Amount(Decimal::from(20_000))));
    let entry = app.agreement().log.last().expect("the change is logged");
    assert_eq!(entry.change, "OOH overspend: ICB's cap of £20,000 added");
}

#[test]
fn undo_and_redo_are_logged_and_the_log_is_never_shortened() {
    let mut app = app();
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend caps");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "LA 7%");
    key(&mut app, KeyCode::Enter);
    app.handle(Action::Undo);
    app.handle(Action::Redo);
    let changes = logged(&app);
    assert_eq!(
        changes,
        vec![
            "OOH overspend: LA's cap from 5% of contribution to 7%",
            "undo: OOH overspend: LA's cap from 7% of contribution to 5%",
            "redo: OOH overspend: LA's cap from 5% of contribution to 7%",
        ]
    );
    assert!(
        app.agreement()
            .log
            .iter()
            .all(|e| !e.by.is_empty() && e.at.ends_with('Z'))
    );
}

#[test]
fn a_note_is_added_to_a_logged_decision_at_once_or_later() {
    let mut app = app();
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(*app.overlay(), Overlay::None, "nothing is logged yet");
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend caps");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "LA 7%");
    key(&mut app, KeyCode::Enter);
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend contingency");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "200000");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.agreement().log.len(), 2);
    // Later: the older decision is picked (Right steps back through the log) and noted.
    key(&mut app, KeyCode::Char('N'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "agreed at the March board");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    assert_eq!(
        app.agreement().log.len(),
        2,
        "a note is not a change of its own"
    );
    assert_eq!(app.agreement().log[0].note, "agreed at the March board");
    assert_eq!(app.agreement().log[1].note, "");
}

#[test]
fn the_log_view_lists_decisions_newest_first_for_everyone_a_party_or_a_scheme() {
    let mut app = app();
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend caps");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "LA 7%");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Right);
    app.handle(Action::EditScheme);
    go_to(&mut app, "Name");
    typed(&mut app, " (care)");
    key(&mut app, KeyCode::Enter);
    // The Parties pane's views: Parties, Monitoring, Log.
    app.handle(Action::NextView);
    app.handle(Action::NextView);
    let screen = common::text(&app, 160, 48);
    let first = screen
        .find("DTOC: name from")
        .expect("the newest decision is listed");
    let second = screen
        .find("OOH overspend: LA's cap")
        .expect("the older one too");
    assert!(first < second, "newest first:\n{screen}");
    // The selected party (ICB) named in neither: nothing; the selected scheme (DTOC): one.
    key(&mut app, KeyCode::Char('f'));
    let screen = common::text(&app, 160, 48);
    assert!(
        screen.contains("Decisions naming ICB") && !screen.contains("DTOC: name from"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('f'));
    let screen = common::text(&app, 160, 48);
    assert!(
        screen.contains("DTOC: name from") && !screen.contains("OOH overspend: LA's cap"),
        "{screen}"
    );
}

#[test]
fn entering_a_field_selects_it_so_typing_replaces_what_was_there() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('a'));
    go_to(&mut app, "Likelihood");
    typed(&mut app, "4");
    assert_eq!(field(&app, "Likelihood"), "4");
    go_to(&mut app, "Cost");
    let screen = common::text(&app, 120, 40);
    assert!(screen.contains("[0]"), "{screen}");
    typed(&mut app, "1,000.005");
    assert_eq!(field(&app, "Cost"), "1,000.005");
    // Backspace and the arrow keys edit what is there instead.
    go_to(&mut app, "Impact");
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "2");
    assert_eq!(field(&app, "Impact"), "2");
    go_to(&mut app, "Likelihood");
    key(&mut app, KeyCode::Left);
    typed(&mut app, "1");
    assert_eq!(field(&app, "Likelihood"), "14");
    // The hint line says so (on a form with nothing to refuse, where the hint shows).
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    go_to(&mut app, "Title");
    let screen = common::text(&app, 120, 40);
    assert!(screen.contains("[Winter demand"), "{screen}");
    assert!(screen.contains("typing replaces"), "{screen}");
}

#[test]
fn the_risk_form_sets_a_category() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "R9");
    go_to(&mut app, "Title");
    typed(&mut app, "Agency staff costs");
    go_to(&mut app, "Category");
    typed(&mut app, "Finance");
    key(&mut app, KeyCode::Enter);
    assert!(
        !matches!(app.overlay(), Overlay::Form(_)),
        "the form is accepted"
    );
    let risk = app.agreement().risk("R9").expect("R9 added");
    assert_eq!(risk.category, "Finance");
}
