//! The four panes. Each pane owns its state (a struct in its module, held by the app and changed
//! only by `App::update`) and has one or more views, named as tabs in its border and switched
//! with the key the footer names (`v`). A view draws from the app's state and the engine's
//! figures in `app.calc()`, never computing a figure of its own.
//!
//! # Adding a view to a pane
//! 1. Write the view as a function `fn(&App, Rect, &mut Buffer)` in a file of its own under the
//!    pane's module (or a `Widget` and a closure calling it), drawing only into the area given.
//! 2. Add a [`View`] with its tab name to the pane's `VIEWS` (for example
//!    `scenario::VIEWS`); the border names it, `v` reaches it, help and the footer need nothing.
//! 3. If it needs state of its own (a cursor, a scroll), add fields to the pane's state struct
//!    and the `Action`s that change them, handled in `app/update.rs`; bind keys in `keymap.rs`
//!    (a context `In(pane)` binding; check `view_of` when the key only means something there).
//! 4. If it needs figures the engine does not give yet, add them to the engine's result (or to
//!    `app::Calc`, computed once per change), never in the view.
//! 5. Add a widget snapshot test rendering the pane alone (`tui::render_pane`).

mod appetite;
mod categories;
pub mod checks;
pub mod compare;
pub mod log;
mod monitoring;
mod parties;
mod register;
pub mod scenario;
pub mod simulation;
pub mod warnings;

pub use appetite::AppetiteState;
pub use compare::CompareState;
pub use parties::PartiesState;
pub use register::RegisterState;
pub use scenario::ScenarioState;
pub use simulation::SimulationState;

/// The widest cell of each column of the parties table.
pub fn parties_widths(app: &crate::tui::app::App) -> Vec<usize> {
    parties::widths(app)
}

/// The widest cell of each column of the register's list.
pub fn register_widths(agreement: &crate::model::Agreement) -> Vec<usize> {
    register::list::widths(agreement)
}

use super::action::PaneId;
use super::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One view of a pane: the name its tab shows and how it draws.
pub struct View {
    pub name: &'static str,
    pub render: fn(&App, Rect, &mut Buffer),
}

/// A pane's views, in tab order (the first is shown at start).
pub fn views(pane: PaneId) -> &'static [View] {
    match pane {
        PaneId::Scenario => scenario::VIEWS,
        PaneId::Appetite => appetite::VIEWS,
        PaneId::Parties => parties::VIEWS,
        PaneId::Register => register::VIEWS,
    }
}

/// The view a pane shows now.
pub fn view_of(app: &App, pane: PaneId) -> &'static View {
    let views = views(pane);
    &views[app.panes().view(pane).min(views.len() - 1)]
}

/// Draws a pane's current view inside `area` (the inside of its border).
pub fn render(app: &App, pane: PaneId, area: Rect, buf: &mut Buffer) {
    (view_of(app, pane).render)(app, area, buf);
}

/// A few words for the right of a pane's title.
pub fn note(app: &App, pane: PaneId) -> Option<String> {
    match pane {
        // Inherent or residual, and the heatmap's cell, say nothing of benefits.
        PaneId::Register if app.benefits_shown() => None,
        PaneId::Register => {
            let register = app.register();
            let view = if register.residual {
                "residual"
            } else {
                "inherent"
            };
            Some(if register.grid {
                let (l, i) = register.cell;
                format!(
                    "{view}, cell L{l} x I{i}: {} shown",
                    app.visible_risks().len()
                )
            } else {
                view.to_string()
            })
        }
        PaneId::Scenario => Some(app.scenario_label()),
        PaneId::Appetite => {
            let breaches = app.calc().exposures.iter().filter(|e| e.breach).count();
            (breaches > 0).then(|| format!("{breaches} in breach!"))
        }
        PaneId::Parties => app
            .agreement()
            .schemes
            .get(app.scheme_cursor())
            .map(|s| format!("scheme {}", s.id)),
    }
}
