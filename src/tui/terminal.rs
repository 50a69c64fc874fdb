//! The terminal's lifecycle and the event loop, in one place.
//!
//! `ratatui::init` installs a panic hook that gives the terminal back before the message is
//! printed. Keys (read on a thread of their own) and stop signals arrive on one channel; the loop
//! blocks on it and draws only after an event, so an idle workbench uses no CPU and sends nothing
//! down an SSH link. A stop signal, a terminal that can no longer be read or written, or a panic
//! autosaves unsaved work before the terminal is given back.

use super::app::App;
use super::event::{AppEvent, carry_out};
use super::keymap;
use crate::signals::{Stop, StopSignals};
use crate::store::SaveError;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::stdout;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};

/// How a session ended.
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal or a lost terminal stopped it; `autosaved` says whether unsaved work was written.
    Stopped {
        stop: Stop,
        autosaved: Result<bool, SaveError>,
    },
}

/// The workbench draws on a terminal and reads keys from one: without one (a script, a pipe,
/// `</dev/null`) it says so in a sentence rather than the OS's "(os error 6)".
pub fn require() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!(
            "the workbench needs a terminal; use `riskshare calc` or `riskshare check` in scripts"
        )
    }
}

/// Takes over the terminal, runs the workbench until the person quits or something stops it,
/// and gives the terminal back. The screen is drawn by ratatui's stock crossterm backend, which
/// moves the cursor absolutely to every changed run, so a terminal that draws a character at
/// another width than unicode-width says cannot shift a figure; `low_bandwidth` draws through
/// the lean `Wire` backend instead (Unix), which sends fewer bytes and re-anchors the cursor
/// after every character that is not ASCII.
pub fn run(app: &mut App, mouse: bool, low_bandwidth: bool) -> anyhow::Result<Ending> {
    let (sender, events) = mpsc::channel();
    // Listening before the terminal changes, so a signal at any moment from here is heard. If
    // signals cannot be caught they keep their usual effect, and autosaves every few changes
    // still stand.
    let signals = StopSignals::forward(sender.clone(), AppEvent::Stop).ok();
    // NO_COLOR is the theme's business: crossterm's own handling would also drop bold and
    // reverse, and with them the selection.
    crossterm::style::force_color_output(true);
    let ending = (|| {
        #[cfg(unix)]
        if low_bandwidth {
            drop(ratatui::try_init()?);
            let terminal = Terminal::new(super::view::wire::Wire::new(stdout())?)?;
            return drive(terminal, app, mouse, sender, &events);
        }
        let _ = low_bandwidth;
        drive(ratatui::try_init()?, app, mouse, sender, &events)
    })();
    if let Ok(Ending::Stopped { .. }) = ending {
        // A signal stopped us and the process is about to exit with 128 + its number. Keep
        // listening until then: an SSH link that drops sends SIGHUP twice, and a second one
        // arriving after the listener went would end the process by the signal itself, with
        // another exit code and the "stopped by" line unsaid.
        std::mem::forget(signals);
    }
    ending
}

/// Runs the workbench on a terminal already set up, and gives it back.
fn drive<B: Backend>(
    mut terminal: Terminal<B>,
    app: &mut App,
    mouse: bool,
    sender: Sender<AppEvent>,
    events: &Receiver<AppEvent>,
) -> anyhow::Result<Ending> {
    let setup = (|| -> std::io::Result<()> {
        execute!(stdout(), EnableBracketedPaste)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    })();
    let jobs = sender.clone();
    if let Err(e) = setup.and_then(|()| read_keys(sender)) {
        restore(mouse);
        return Err(e.into());
    }
    let ended = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, events, &jobs)
    }));
    // Unsaved work goes to disk first: giving the terminal back can block or fail.
    let ending = match ended {
        Ok(None) => Ending::Quit,
        Ok(Some(stop)) => Ending::Stopped {
            stop,
            autosaved: app.stop(),
        },
        Err(panic) => {
            let _ = app.stop();
            restore(mouse);
            resume_unwind(panic);
        }
    };
    restore(mouse);
    // Dropping a terminal that cannot show its cursor again (it hung up) reports it with
    // `eprintln!`, which panics on a dead terminal and aborts: such a terminal is let go unused.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    Ok(ending)
}

/// 128 + the signal's number, as a shell reports a process a signal ended.
pub fn exit_code(stop: Stop) -> ExitCode {
    let number = match stop {
        Stop::Hangup => 1,
        Stop::Interrupt => 2,
        Stop::Terminate => 15,
    };
    ExitCode::from(128 + number)
}

fn restore(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    // Not `ratatui::restore`: it prints its failure with `eprintln!`, which panics when the
    // terminal has hung up, and the panic hook's own restore then aborts the process.
    let _ = ratatui::try_restore();
}

/// Reads the terminal on a thread of its own, sending each event into the loop's channel. It
/// stops after a read error (the terminal is gone) or when the loop has finished.
fn read_keys(sender: Sender<AppEvent>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("terminal-events".into())
        .spawn(move || {
            loop {
                let read = event::read();
                let failed = read.is_err();
                if sender.send(AppEvent::Terminal(read)).is_err() || failed {
                    break;
                }
            }
        })
        .map(drop)
}

/// Runs until the person quits (None) or a stop arrives. A terminal that cannot be drawn on or
/// read from any more is taken as a hangup, as when an SSH link drops.
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<AppEvent>,
    jobs: &Sender<AppEvent>,
) -> Option<Stop> {
    while !app.should_quit() {
        if terminal
            .draw(|frame| super::view::draw(frame, app))
            .is_err()
        {
            return Some(Stop::Hangup);
        }
        // Everything already waiting is acted on before the next frame, so keys pressed faster
        // than frames are drawn (a held arrow on a large agreement) cost one frame, not one each.
        let mut next = events.recv();
        loop {
            match next {
                Ok(AppEvent::Terminal(Ok(event))) => {
                    let Ok(size) = terminal.size() else {
                        return Some(Stop::Hangup);
                    };
                    let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                    if let Some(action) = keymap::action_for(app, &event, screen) {
                        let effects = app.update(action);
                        carry_out(app, effects, jobs);
                    }
                }
                Ok(AppEvent::Job(report)) => {
                    let effects = app.update(crate::tui::Action::Job(report));
                    carry_out(app, effects, jobs);
                }
                Ok(AppEvent::Stop(stop)) => return Some(stop),
                Ok(AppEvent::Terminal(Err(_))) | Err(_) => return Some(Stop::Hangup),
            }
            if app.should_quit() {
                break;
            }
            match events.try_recv() {
                Ok(event) => next = Ok(event),
                Err(_) => break,
            }
        }
    }
    None
}
