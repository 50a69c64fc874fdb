//! The workbench's data safety, driven through the app (no terminal): autosave failures, the
//! recovery question, read-only Save as, and what quitting leaves behind; and, through the
//! binary, a file that cannot be loaded and a hangup delivered twice.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::model::Agreement;
use riskshare::store::{self, Lock, Places, autosave};
use riskshare::tui::{Action, App, Overlay, Palette, Prompt, Theme};
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

/// A folder with the example saved as `pool.ron`, and a home for riskshare's own files.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().expect("a temporary folder");
        store::save(&dir.path().join("pool.ron"), &example()).expect("the example saved");
        Folder { dir }
    }

    fn pool(&self) -> PathBuf {
        self.dir.path().join("pool.ron")
    }

    fn places(&self) -> Places {
        Places::under(&self.dir.path().join("home"))
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("home/data")
    }

    /// A workbench on `pool.ron` in a real session.
    fn open(&self) -> App {
        let mut app = App::new(
            store::load(&self.pool()).expect("pool.ron loads"),
            Some(self.pool()),
            Theme {
                ascii: false,
                palette: Palette::Mono,
                contrast: false,
            },
        );
        app.start_session(self.places());
        app
    }

    fn recovery(&self) -> Option<Agreement> {
        store::find_recovery(&self.data(), Some(&self.pool())).map(|r| r.agreement)
    }
}

fn example() -> Agreement {
    riskshare::tui::example().expect("the example loads")
}

fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = riskshare::tui::action_for_key(app, &KeyEvent::new(code, modifiers)) {
        app.handle(action);
    }
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// `n` appetite changes: the first party's level up and down again.
fn changes(app: &mut App, n: usize) {
    app.handle(Action::Focus(riskshare::tui::PaneId::Appetite));
    for k in 0..n {
        app.handle(Action::StepAppetite(if k % 2 == 0 { 1 } else { -1 }));
    }
}

fn status(app: &App) -> String {
    app.status()
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn notice_title(app: &App) -> Option<String> {
    match &app.overlay() {
        Overlay::Prompt(Prompt::Notice { title, .. }) => Some(title.clone()),
        _ => None,
    }
}

#[test]
fn an_autosave_that_fails_is_said_once_and_the_work_stays() {
    let f = Folder::new();
    let places = f.places();
    // A file where the autosave folder should be: even root cannot write there.
    fs::write(f.data().join("autosave"), "in the way").expect("a file in the way");
    let mut app = App::new(example(), Some(f.pool()), Theme::default());
    app.start_session(places);
    // Every change autosaves, so the first one fails and says so.
    changes(&mut app, 1);
    assert!(
        status(&app).starts_with("Autosave failed"),
        "{}",
        status(&app)
    );
    assert_eq!(notice_title(&app).as_deref(), Some("Autosave failed"));
    let Overlay::Prompt(Prompt::Notice { text, .. }) = &app.overlay() else {
        unreachable!()
    };
    assert!(
        text.contains("unsaved work is only in this window"),
        "{text}"
    );
    press(&mut app, KeyCode::Char(' '));
    changes(&mut app, 6);
    assert!(status(&app).starts_with("Autosave failed"));
    assert_eq!(*app.overlay(), Overlay::None, "the box is shown once");
    assert!(app.is_dirty());
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(!app.is_dirty(), "{}", status(&app));
    assert_eq!(store::load(&f.pool()).expect("saved"), *app.agreement());
}

#[test]
fn a_recovery_the_file_already_holds_is_not_offered() {
    let f = Folder::new();
    let places = f.places();
    autosave::autosave(&f.data(), Some(&f.pool()), &example()).expect("an autosave");
    let mut app = App::new(example(), Some(f.pool()), Theme::default());
    app.start_session(places);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(f.recovery(), None, "and it is tidied away");
}

#[test]
fn only_y_or_n_answers_the_recovery_and_n_discards_it() {
    let f = Folder::new();
    let mut edited = example();
    edited.name = "Anytown, as the workshop left it".to_string();
    autosave::autosave(&f.data(), Some(&f.pool()), &edited).expect("an autosave");
    let mut app = f.open();
    assert!(matches!(
        app.overlay(),
        Overlay::Prompt(Prompt::Recover { .. })
    ));
    for key in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Enter] {
        press(&mut app, key);
        assert!(
            matches!(app.overlay(), Overlay::Prompt(Prompt::Recover { .. })),
            "{key:?} does not answer"
        );
    }
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!app.should_quit());
    assert_eq!(f.recovery(), Some(edited), "nothing is decided yet");
    keys(&mut app, "n");
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(*app.agreement(), example());
    assert!(!app.is_dirty());
    assert_eq!(f.recovery(), None);
    assert!(status(&app).starts_with("Discarded the unsaved work from"));
}

#[test]
fn a_recovered_agreement_is_unsaved_and_undo_gives_the_file_back() {
    let f = Folder::new();
    let mut edited = example();
    edited.period = "2026/27, draft 3".to_string();
    autosave::autosave(&f.data(), Some(&f.pool()), &edited).expect("an autosave");
    let mut app = f.open();
    keys(&mut app, "y");
    assert_eq!(*app.agreement(), edited);
    assert!(app.is_dirty());
    assert_eq!(f.recovery(), Some(edited), "kept until the work is saved");
    keys(&mut app, "u");
    // The file's agreement, with the undo in the decision log.
    assert_eq!(app.agreement().log.len(), 1);
    let mut without_log = app.agreement().clone();
    without_log.log.clear();
    assert_eq!(without_log, example());
    assert!(!app.is_dirty());
}

#[test]
fn quitting_with_nothing_unsaved_leaves_no_autosave() {
    let f = Folder::new();
    let mut app = f.open();
    changes(&mut app, 4);
    assert!(
        !app.is_dirty(),
        "four steps up and down are back where they began"
    );
    changes(&mut app, 1);
    assert!(f.recovery().is_some(), "the fifth change autosaves");
    keys(&mut app, "u");
    keys(&mut app, "q");
    assert!(app.should_quit(), "nothing unsaved: no question");
    assert_eq!(f.recovery(), None);
}

#[test]
fn discarding_at_quit_removes_the_autosave() {
    let f = Folder::new();
    let mut app = f.open();
    changes(&mut app, 5);
    assert!(f.recovery().is_some());
    keys(&mut app, "qd");
    assert!(app.should_quit());
    assert_eq!(f.recovery(), None);
}

#[test]
fn a_read_only_session_saves_only_elsewhere() {
    let f = Folder::new();
    let held = Lock::acquire(&f.pool()).expect("another riskshare holds it");
    let mut app = f.open();
    assert_eq!(notice_title(&app).as_deref(), Some("Read-only"));
    assert!(app.session().read_only_by().is_some());
    press(&mut app, KeyCode::Char(' '));
    changes(&mut app, 1);
    assert_eq!(f.recovery(), None, "no autosave competes with the holder's");
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(
        app.overlay(),
        Overlay::Prompt(Prompt::NotSaved { .. })
    ));
    keys(&mut app, "a");
    let Overlay::Form(form) = &app.overlay() else {
        panic!("Save as opens: {:?}", *app.overlay())
    };
    let copy = f.dir.path().join("pool-copy.ron");
    assert_eq!(form.fields[0].value, copy.display().to_string());
    // Typing the held file's own name is refused too.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut app, &f.pool().display().to_string());
    press(&mut app, KeyCode::Enter);
    let Overlay::Prompt(Prompt::NotSaved { why, .. }) = &app.overlay() else {
        panic!("refused: {:?}", *app.overlay())
    };
    assert!(why.contains("is open in another riskshare"), "{why}");
    assert_eq!(store::load(&f.pool()).expect("untouched"), example());
    keys(&mut app, "a");
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_dirty(), "{}", status(&app));
    assert_eq!(app.path(), Some(copy.as_path()));
    assert_eq!(app.session().read_only_by(), None);
    assert!(app.session().holds_lock());
    assert!(Lock::lock_path(&copy).exists());
    drop(held);
    drop(app);
    assert!(!Lock::lock_path(&copy).exists(), "let go with the session");
}

#[test]
fn a_too_small_screen_still_asks_about_recovery() {
    let f = Folder::new();
    let mut edited = example();
    edited.name = "Changed".to_string();
    autosave::autosave(&f.data(), Some(&f.pool()), &edited).expect("an autosave");
    let app = f.open();
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).expect("a test terminal");
    terminal
        .draw(|frame| riskshare::tui::draw(frame, &app))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Recover unsaved work from"), "{flat}");
    assert!(flat.contains("y yes, n no."), "{flat}");
}

#[test]
fn a_file_that_cannot_be_loaded_stops_riskshare_with_the_reason() {
    let f = Folder::new();
    let broken = f.dir.path().join("broken.ron");
    fs::write(&broken, "(format: 1, name: \"x\",").expect("a broken file");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg(&broken)
        .env("RISKSHARE_HOME", f.dir.path().join("home"))
        .output()
        .expect("riskshare runs");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.starts_with(&format!("riskshare: {}:1: ", broken.display())),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
}

const JOB: &str = "RISKSHARE_TUI_SAFETY_JOB";

/// Job: listens for stop signals as the workbench does, then takes two SIGHUPs, as a dropped SSH
/// link delivers them (the kernel's, then the login shell's).
#[test]
fn job_two_hangups() {
    if std::env::var_os(JOB).is_none() {
        return;
    }
    let signals = riskshare::signals::StopSignals::listen().expect("listening");
    for _ in 0..2 {
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).expect("raised");
    }
    println!("@@alive");
    let heard = signals.recv_timeout(Duration::from_secs(10));
    assert_eq!(heard, Some(riskshare::signals::Stop::Hangup));
    println!("@@heard");
}

#[test]
fn a_second_hangup_does_not_cut_the_autosave_short() {
    let output = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            // The tests are grouped into one binary (tests/tui.rs): the full name has the file.
            "tui_safety_app::job_two_hangups",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(JOB, "1")
        .output()
        .expect("the job runs");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(
        said.contains("@@alive") && said.contains("@@heard"),
        "{said}"
    );
}
