//! The workbench: app state, actions, keymap, event loop, one file per pane, forms, theme.

mod action;
mod app;
mod event;
pub mod format;
pub(crate) mod forms;
pub mod jobs;
mod keymap;
mod open;
mod options;
mod panes;
mod terminal;
mod theme;
mod view;

pub use action::{Action, PaneId, Reply};
pub use app::{App, Calc, Effect, Overlay, Panes, Prompt, Recovery, Session, Status};
pub use forms::{Form, FormKind, validate::validate};
pub use keymap::{BINDINGS, Binding, action_for, action_for_key};
pub use open::example;
pub use options::{ThemeName, WorkbenchArgs};
pub use theme::{Palette, Theme};
pub use view::wire::Wire;
pub use view::{MIN_HEIGHT, MIN_WIDTH, draw, pane_areas, render_pane};

use crate::store::Places;
use std::io::Write;
use std::process::ExitCode;

/// The warnings the file at `path` gives on loading, each with its line ("line 12: ..."): the
/// first [`crate::store::KEPT_WARNINGS`], and how many more the file gave after those; none when
/// it cannot be read again (it was just loaded).
pub fn load_warnings(path: &std::path::Path) -> (Vec<String>, usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (Vec::new(), 0);
    };
    let report = crate::store::check(&text, &path.display().to_string());
    let kept = report
        .warnings
        .iter()
        .map(|w| format!("line {}: {}", w.line, w.message))
        .collect();
    (kept, report.more_warnings)
}

/// Opens the workbench on FILE (else the last file used, else the built-in example) and runs it
/// until the person quits, or a signal or a lost terminal stops it (then unsaved work is
/// autosaved first, and the exit code is 128 + the signal's number).
///
/// The file's lock lives in the app, so it is released when this returns, whatever the ending.
pub fn run(args: &WorkbenchArgs) -> anyhow::Result<ExitCode> {
    let places = Places::from_env();
    let opened = open::open(args.file.as_deref(), &places)?;
    terminal::require()?;
    let (warnings, more_warnings) = opened
        .path
        .as_deref()
        .map(load_warnings)
        .unwrap_or_default();
    let mut app = App::new(opened.agreement, opened.path, Theme::from_args(args));
    app.set_load_warnings(warnings, more_warnings);
    if let Some(note) = opened.note {
        app.say_at_start(note);
    }
    if let Some(text) = opened.notice {
        app.queue_notice("Opened", text);
    }
    app.start_session(places);
    match terminal::run(&mut app, args.mouse, args.low_bandwidth)? {
        terminal::Ending::Quit => Ok(ExitCode::SUCCESS),
        terminal::Ending::Stopped { stop, autosaved } => {
            // Whoever sent the signal may be reading; after a hangup no one is, and writing fails.
            let said = match autosaved {
                Ok(true) => {
                    "unsaved work was autosaved and is offered back at the next start".to_string()
                }
                Ok(false) => "there was no unsaved work".to_string(),
                Err(e) => format!("the autosave failed ({e})"),
            };
            let _ = writeln!(
                std::io::stderr(),
                "riskshare: stopped by {}: {}",
                stop.name(),
                crate::model::text::clean(&said)
            );
            Ok(terminal::exit_code(stop))
        }
    }
}
