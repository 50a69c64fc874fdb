//! Helpers shared by the workbench and store tests: the example app, drawing on a TestBackend,
//! keys, the open form's fields, the decision log's changes and `git diff` of two files.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::tui::{Action, App, Form, Overlay, Palette, Theme};
use std::path::Path;
use std::process::Command;

pub fn anytown() -> riskshare::model::Agreement {
    riskshare::tui::example().expect("the example loads")
}

/// The example in a workbench with a given look.
pub fn app_with(theme: Theme) -> App {
    App::new(anytown(), None, theme)
}

/// The example with plain Unicode and no colour, as snapshots show it.
pub fn app() -> App {
    app_with(Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    })
}

pub fn screen(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| riskshare::tui::draw(frame, app))
        .expect("drawing on a test terminal");
    terminal
}

/// The screen as text, one line per row.
pub fn text(app: &App, width: u16, height: u16) -> String {
    let terminal = screen(app, width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn key(app: &mut App, code: KeyCode) {
    key_with(app, code, KeyModifiers::NONE);
}

pub fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = riskshare::tui::action_for_key(app, &KeyEvent::new(code, modifiers)) {
        app.handle(action);
    }
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn actions(app: &mut App, list: &[Action]) {
    for a in list {
        app.handle(a.clone());
    }
}

/// The row of the screen that holds `needle`, or an empty one.
pub fn row_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_default()
        .to_string()
}

/// The form open over the workbench.
pub fn form(app: &App) -> &Form {
    match app.overlay() {
        Overlay::Form(form) => form,
        other => panic!("a form is open, not {other:?} ({:?})", app.status()),
    }
}

/// Tabs from the field the cursor is in to the field with this label.
pub fn go_to(app: &mut App, label: &str) {
    let f = form(app);
    let at = f
        .fields
        .iter()
        .position(|f| f.label == label)
        .unwrap_or_else(|| panic!("a field '{label}'"));
    let steps = (at + f.fields.len() - f.cursor) % f.fields.len();
    for _ in 0..steps {
        key(app, KeyCode::Tab);
    }
}

/// Tabs to a field, clears it and types `text`.
pub fn fill(app: &mut App, label: &str, text: &str) {
    go_to(app, label);
    key_with(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(app, text);
}

/// What the field with this label holds.
pub fn field(app: &App, label: &str) -> String {
    form(app)
        .fields
        .iter()
        .find(|f| f.label == label)
        .map(|f| f.value.clone())
        .unwrap_or_else(|| panic!("a field '{label}'"))
}

/// The changes the decision log records, oldest first.
pub fn logged(app: &App) -> Vec<String> {
    app.agreement()
        .log
        .iter()
        .map(|e| e.change.clone())
        .collect()
}

/// `git diff --no-index -U0` of two files: the removed and the added lines.
pub fn git_diff(before: &Path, after: &Path) -> (Vec<String>, Vec<String>) {
    let out = Command::new("git")
        .args(["diff", "--no-index", "--no-color", "-U0", "--"])
        .args([before, after])
        .output()
        .expect("git runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines = |sign: char, header: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with(sign) && !l.starts_with(header))
            .map(|l| l[1..].to_string())
            .collect()
    };
    (lines('-', "---"), lines('+', "+++"))
}
