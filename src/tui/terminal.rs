//! The terminal's lifecycle and the event loop, in one place.
//!
//! `ratatui::init` installs a panic hook that gives the terminal back before the message is
//! printed. The loop blocks on the next event and draws only after one: an idle workbench uses no
//! CPU and sends nothing down an SSH link.

use super::app::App;
use super::keymap;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::stdout;

/// Takes over the terminal, runs the workbench until the person quits, and gives it back.
pub fn run(app: &mut App, mouse: bool) -> anyhow::Result<()> {
    // NO_COLOR is the theme's business: crossterm's own handling would also drop bold and
    // reverse, and with them the selection.
    crossterm::style::force_color_output(true);
    let mut terminal = ratatui::try_init()?;
    let setup = (|| -> std::io::Result<()> {
        execute!(stdout(), EnableBracketedPaste)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    })();
    let result = setup
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, app));
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    while !app.should_quit() {
        terminal.draw(|frame| super::view::draw(frame, app))?;
        let event = event::read()?;
        let size = terminal.size()?;
        let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        if let Some(action) = keymap::action_for(app, &event, screen) {
            app.update(action);
        }
    }
    Ok(())
}
