//! The four panes. Each draws from the app's state and cached calculation, never computing.

mod appetite;
mod parties;
mod register;
mod scenario;

use super::action::Pane;
use super::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    match pane {
        Pane::Scenario => scenario::ScenarioView(app).render(area, buf),
        Pane::Appetite => appetite::AppetiteView(app).render(area, buf),
        Pane::Parties => parties::PartiesView(app).render(area, buf),
        Pane::Register => register::RegisterView(app).render(area, buf),
    }
}

/// A few words for the right of a pane's title.
pub fn note(app: &App, pane: Pane) -> Option<String> {
    match pane {
        Pane::Register => {
            let view = if app.register.residual {
                "residual"
            } else {
                "inherent"
            };
            Some(if app.register.grid {
                let (l, i) = app.register.cell;
                format!(
                    "{view}, cell L{l} x I{i}: {} shown",
                    app.visible_risks().len()
                )
            } else {
                view.to_string()
            })
        }
        Pane::Scenario => Some(app.scenario_label()),
        Pane::Appetite => {
            let breaches = app.calc.exposures.iter().filter(|e| e.breach).count();
            (breaches > 0).then(|| format!("{breaches} in breach!"))
        }
        Pane::Parties => app
            .agreement
            .schemes
            .get(app.scheme_cursor)
            .map(|s| format!("scheme {}", s.id)),
    }
}
