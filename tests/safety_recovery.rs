//! Recovery when the file changed after the autosave, Save as onto a file that exists, autosave
//! after every change, and the temporary files a killed save leaves behind; driven through the
//! app as the keys reach it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use riskshare::model::Agreement;
use riskshare::store::{self, Places, autosave};
use riskshare::tui::{Action, App, Overlay, Palette, Prompt, Theme};
use std::fs;
use std::path::{Path, PathBuf};

fn example() -> Agreement {
    riskshare::tui::example().expect("the example loads")
}

fn theme() -> Theme {
    Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    }
}

fn places(dir: &Path) -> Places {
    Places::under(&dir.join("home"))
}

fn open(dir: &Path, path: Option<PathBuf>) -> App {
    let agreement = match &path {
        Some(p) => store::load(p).expect("loads"),
        None => example(),
    };
    let mut app = App::new(agreement, path, theme());
    app.start_session(places(dir));
    app
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = riskshare::tui::action_for_key(app, &KeyEvent::new(code, modifiers)) {
        app.handle(action);
    }
}

fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn named(name: &str) -> Agreement {
    let mut a = example();
    a.name = name.to_string();
    a
}

#[test]
fn recovering_after_the_file_changed_goes_into_a_copy_and_never_over_their_save() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.ron");
    store::save(&pool, &example()).unwrap();
    let data = dir.path().join("home/data");
    // Our session autosaved, then was killed; then someone saved the file.
    let mut saver = store::Autosaver::new(Some(&data), Some(&pool));
    saver.changed(&named("Our workshop's edit")).unwrap();
    drop(saver);
    store::save(&pool, &named("Their later save")).unwrap();
    let theirs = fs::read(&pool).unwrap();

    let mut app = open(dir.path(), Some(pool.clone()));
    let Overlay::Prompt(Prompt::RecoverChanged { copy, .. }) = app.overlay() else {
        panic!("the offer says the file changed: {:?}", app.overlay());
    };
    assert_eq!(copy, "pool-recovered.ron");
    // `y`, the plain recovery's answer, does not overwrite anything here.
    keys(&mut app, "y");
    assert!(matches!(
        app.overlay(),
        Overlay::Prompt(Prompt::RecoverChanged { .. })
    ));
    press(&mut app, KeyCode::Enter);
    let copy = dir.path().join("pool-recovered.ron");
    assert_eq!(app.path(), Some(copy.as_path()));
    assert_eq!(app.agreement().name, "Our workshop's edit");
    assert_eq!(store::load(&copy).unwrap().name, "Our workshop's edit");
    assert!(!app.is_dirty());
    // Ctrl-s saves the copy; their save is untouched.
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(fs::read(&pool).unwrap(), theirs);
    assert_eq!(store::find_recovery(&data, Some(&pool)), None);
}

#[test]
fn save_as_asks_before_replacing_a_file_that_exists_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("notes.txt");
    fs::write(&other, "not an agreement at all").unwrap();
    let mut app = open(dir.path(), None);
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(app.overlay(), Overlay::Form(_)),
        "{:?}",
        app.overlay()
    );
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut app, &other.display().to_string());
    press(&mut app, KeyCode::Enter);
    let Overlay::Prompt(Prompt::Overwrite { name, .. }) = app.overlay() else {
        panic!("Save as asks first: {:?}", app.overlay());
    };
    assert_eq!(name, &other.display().to_string());
    keys(&mut app, "n");
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        "not an agreement at all"
    );
    assert_eq!(app.path(), None);

    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut app, &other.display().to_string());
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "y");
    assert_eq!(store::load(&other).unwrap(), example());
    assert_eq!(app.path(), Some(other.as_path()));
}

#[test]
fn every_change_is_autosaved_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.ron");
    store::save(&pool, &example()).unwrap();
    let mut app = open(dir.path(), Some(pool.clone()));
    app.handle(Action::Focus(riskshare::tui::PaneId::Appetite));
    app.handle(Action::StepAppetite(1));
    let found = store::find_recovery(&dir.path().join("home/data"), Some(&pool));
    assert_eq!(found.map(|r| r.agreement), Some(app.agreement().clone()));
    assert!(
        !autosave::autosave_path(&dir.path().join("home/data"), Some(&pool))
            .to_string_lossy()
            .is_empty()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn temporary_files_a_killed_save_left_are_cleaned_when_the_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.ron");
    store::save(&pool, &example()).unwrap();
    // No process has a number this high on Linux (pid_max is at most 2^22).
    let orphan = dir.path().join(".pool.ron.99999999-0.tmp");
    let unrelated = dir.path().join(".other.ron.99999999-0.tmp");
    fs::write(&orphan, "half a save").unwrap();
    fs::write(&unrelated, "someone else's").unwrap();
    let _app = open(dir.path(), Some(pool));
    assert!(!orphan.exists());
    assert!(unrelated.exists());
}

#[test]
fn a_form_refuses_misplaced_commas_and_half_pennies_keeping_what_was_typed() {
    let mut app = App::new(example(), None, theme());
    keys(&mut app, "1a");
    keys(&mut app, "GP1");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "A practice");
    // Reserves is the eighth field.
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    let refusal = |app: &App| match app.overlay() {
        Overlay::Form(f) => (
            f.refusal.as_ref().map(|r| r.message.clone()),
            f.fields[7].value.clone(),
        ),
        other => panic!("the form stays open: {other:?}"),
    };
    for (typed, why) in [
        ("200,00050000", "has commas in the wrong places"),
        ("250,0007", "has commas in the wrong places"),
        ("1,2,3", "has commas in the wrong places"),
        ("1250.005", "has a fraction of a penny"),
        ("1e5", "is in scientific notation"),
    ] {
        press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        keys(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        let (message, kept) = refusal(&app);
        let message = message.unwrap_or_default();
        assert!(
            message.starts_with(&format!("Reserves: '{typed}' {why}")),
            "{typed}: {message}"
        );
        assert_eq!(kept, typed);
        assert_eq!(app.agreement().parties.len(), 4);
    }
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut app, "250,000.50");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.agreement().parties.len(), 5);
    assert_eq!(app.agreement().parties[4].reserves.to_string(), "250000.50");
}

/// The recovery prompt's answers that touch files are effects the loop carries out: `update`
/// alone writes nothing (issue 7: `update` never does the outside world's work itself).
#[test]
fn recovery_answers_write_nothing_until_the_loop_carries_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.ron");
    store::save(&pool, &example()).unwrap();
    let data = dir.path().join("home/data");
    let mut saver = store::Autosaver::new(Some(&data), Some(&pool));
    saver.changed(&named("Our workshop's edit")).unwrap();
    drop(saver);
    store::save(&pool, &named("Their later save")).unwrap();

    // Into a copy: no copy, no lock and the autosave kept until the effect is carried out.
    let mut app = open(dir.path(), Some(pool.clone()));
    let copy = dir.path().join("pool-recovered.ron");
    let effects = app.update(Action::Answer(riskshare::tui::Reply::Yes));
    assert!(!copy.exists());
    assert!(store::find_recovery(&data, Some(&pool)).is_some());
    assert!(
        effects.iter().any(|e| matches!(
            e,
            riskshare::tui::Effect::Recovery(riskshare::tui::Recovery::IntoCopy)
        )),
        "{effects:?}"
    );
    for effect in effects {
        app.carry_out(effect);
    }
    assert_eq!(store::load(&copy).unwrap().name, "Our workshop's edit");
    assert_eq!(store::find_recovery(&data, Some(&pool)), None);
    drop(app);

    // Discard: the autosave stays until the effect is carried out.
    let mut saver = store::Autosaver::new(Some(&data), Some(&pool));
    saver.changed(&named("Another edit")).unwrap();
    drop(saver);
    store::save(&pool, &named("Yet another save")).unwrap();
    let mut app = open(dir.path(), Some(pool.clone()));
    let effects = app.update(Action::Answer(riskshare::tui::Reply::No));
    assert!(store::find_recovery(&data, Some(&pool)).is_some());
    for effect in effects {
        app.carry_out(effect);
    }
    assert_eq!(store::find_recovery(&data, Some(&pool)), None);
}
