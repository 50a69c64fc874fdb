//! Keeping the scenario pane's what-if as a named scenario, and deleting one, by keys.

use crate::common;

use common::{app, key, text, typed};
use crossterm::event::KeyCode;
use riskshare::tui::{App, Overlay, Prompt};

/// The example at +3% with R1 happening, the name form open.
fn naming_at_three_percent() -> App {
    let mut app = app();
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('n'));
    app
}

fn name_in_form(app: &App) -> String {
    match &app.overlay() {
        Overlay::Form(form) => form.fields[0].value.clone(),
        other => panic!("no form open: {other:?}"),
    }
}

fn clear_and_type(app: &mut App, name: &str) {
    key_ctrl_u(app);
    typed(app, name);
}

fn key_ctrl_u(app: &mut App) {
    common::key_with(
        app,
        KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    );
}

#[test]
fn naming_the_what_if_keeps_it_and_undo_takes_it_away() {
    let mut app = naming_at_three_percent();
    assert_eq!(name_in_form(&app), "What-if +3.0%");
    let before = app.agreement().scenarios.len();
    clear_and_type(&mut app, "Winter bites");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.agreement().scenarios.len(), before + 1);
    let kept = app
        .agreement()
        .scenario("winter bites")
        .expect("the named what-if is in the agreement");
    assert_eq!(kept.name, "Winter bites");
    assert_eq!(kept.variance, rust_decimal::Decimal::from(3));
    assert_eq!(kept.risks, vec!["R1".to_string()]);
    assert!(app.is_dirty());
    assert_eq!(app.scenario_label(), "Winter bites");
    assert!(text(&app, 80, 24).contains("Winter bites"));

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.agreement().scenarios.len(), before);
    assert!(app.agreement().scenario("Winter bites").is_none());
    assert!(!app.is_dirty());
    assert_eq!(app.scenario_label(), "What-if");
}

#[test]
fn a_used_or_empty_name_is_refused_and_the_typing_kept() {
    let mut app = naming_at_three_percent();
    let before = app.agreement().clone();
    // The example has "Hard winter": names ignore case.
    clear_and_type(&mut app, "HARD WINTER");
    key(&mut app, KeyCode::Enter);
    assert_eq!(name_in_form(&app), "HARD WINTER");
    assert_eq!(*app.agreement(), before);
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the form stays open");
    };
    let why = form.refusal.as_ref().map(|r| r.message.clone());
    assert!(
        why.as_deref().is_some_and(
            |m| m.contains("'HARD WINTER' is already taken") && m.contains("Hard winter")
        ),
        "{why:?}"
    );
    assert!(text(&app, 80, 24).contains("is already taken"));

    clear_and_type(&mut app, "   ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(name_in_form(&app), "   ");
    assert_eq!(*app.agreement(), before);
    let Overlay::Form(form) = &app.overlay() else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.refusal.as_ref().map(|r| r.message.as_str()),
        Some("Name: a name is needed")
    );
}

#[test]
fn typed_names_are_made_inert() {
    let mut app = naming_at_three_percent();
    clear_and_type(&mut app, "Bad\u{1b}[31m name");
    key(&mut app, KeyCode::Enter);
    let last = app.agreement().scenarios.last().map(|s| s.name.clone());
    let name = last.unwrap_or_default();
    assert!(!name.contains('\u{1b}'), "{name:?}");
    assert!(
        name.starts_with("Bad") && name.ends_with(" name"),
        "{name:?}"
    );
}

#[test]
fn the_prefilled_name_is_one_not_yet_used() {
    let mut app = naming_at_three_percent();
    key(&mut app, KeyCode::Enter);
    assert!(app.agreement().scenario("What-if +3.0%").is_some());
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(name_in_form(&app), "What-if +3.0% (2)");
}

#[test]
fn a_named_what_if_survives_saving_and_loading() {
    let mut app = naming_at_three_percent();
    clear_and_type(&mut app, "Winter bites");
    key(&mut app, KeyCode::Enter);
    let ron = riskshare::store::to_ron(app.agreement()).expect("the agreement writes");
    let back = riskshare::store::parse(&ron, "saved.ron").expect("it loads again");
    assert_eq!(back, *app.agreement());
    let kept = back.scenario("Winter bites").expect("kept in the file");
    assert_eq!(kept.variance, rust_decimal::Decimal::from(3));
    assert_eq!(kept.risks, vec!["R1".to_string()]);
}

#[test]
fn deleting_the_picked_scenario_asks_first_and_can_be_undone() {
    let mut app = app();
    // Nothing picked yet: nothing to delete.
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(app.status().as_ref().is_some_and(|s| s.error));

    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.scenario_label(), "Hard winter");
    let before = app.agreement().clone();
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(
        *app.overlay(),
        Overlay::Prompt(Prompt::DeleteScenario("Hard winter".into()))
    );
    assert!(text(&app, 80, 24).contains("Delete scenario 'Hard winter'?"));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(*app.agreement(), before);

    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(app.agreement().scenario("Hard winter").is_none());
    assert_eq!(app.agreement().scenarios.len(), before.scenarios.len() - 1);
    assert_eq!(app.scenario_label(), "What-if");
    assert!(app.is_dirty());

    key(&mut app, KeyCode::Char('u'));
    // Everything is as it was but the decision log, which keeps the delete and its undo.
    assert_eq!(app.agreement().log.len(), 2);
    let mut without_log = app.agreement().clone();
    without_log.log.clear();
    assert_eq!(without_log, before);
    assert!(!app.is_dirty());
}
