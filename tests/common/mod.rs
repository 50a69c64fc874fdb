//! Helpers shared by the workbench tests: the example app, drawing on a TestBackend, keys.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::tui::{Action, App, Palette, Theme};

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
