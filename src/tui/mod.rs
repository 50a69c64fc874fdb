//! The workbench: app state, actions, keymap, event loop, one file per pane, forms, theme.

mod action;
mod app;
pub mod format;
mod forms;
mod keymap;
mod panes;
mod storage;
mod terminal;
mod theme;
mod view;

pub use action::{Action, Pane};
pub use app::{App, Overlay, Prompt, Status};
pub use forms::{Form, FormKind, validate::validate};
pub use keymap::{BINDINGS, Binding, action_for, action_for_key};
pub use storage::{example, save};
pub use theme::{Palette, Theme};
pub use view::{MIN_HEIGHT, MIN_WIDTH, draw};

use crate::cli::WorkbenchArgs;

/// Opens the workbench on FILE (else the last file used, else the built-in example) and runs it
/// until the person quits.
pub fn run(args: &WorkbenchArgs) -> anyhow::Result<()> {
    let opened = storage::open(args.file.as_deref())?;
    let mut app = App::new(opened.agreement, opened.path, Theme::from_args(args));
    if let Some(note) = opened.note {
        app.status = Some(Status {
            text: note,
            error: false,
        });
    }
    terminal::run(&mut app, args.mouse)
}
