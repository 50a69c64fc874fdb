//! The register's list: each risk's id, title, owner, boundary, scores with their bands, cost and
//! treatment; only those in the heatmap cell when one is picked.

use crate::model::{Risk, ScoreBand};
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::format::money;
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn score_cell(app: &App, score: u8) -> Cell {
    let band = ScoreBand::of(score);
    Cell::styled(
        format!("{score:>2} {}", band.letter()),
        app.theme.band(band),
    )
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 6 {
        return;
    }
    let residual_first = app.register.residual;
    let columns = [
        Column::text("Id", 0),
        Column::flex("Title", 28, 2),
        Column::text("Owner", 5),
        Column::text("Boundary", 7),
        Column::text("Inh", if residual_first { 4 } else { 1 }),
        Column::text("Res", if residual_first { 1 } else { 4 }),
        Column::number("Cost", 3),
        Column::text("Treatment", 6),
    ];
    let visible = app.visible_risks();
    let rows: Vec<Vec<Cell>> = visible
        .iter()
        .filter_map(|&i| app.agreement.risks.get(i))
        .map(|r: &Risk| {
            let closed = !r.is_open();
            let title = if closed {
                format!("(closed) {}", r.title)
            } else {
                r.title.clone()
            };
            vec![
                Cell::new(r.id.clone()),
                Cell::styled(
                    title,
                    if closed {
                        app.theme.tone(Tone::Dim)
                    } else {
                        app.theme.tone(Tone::Text)
                    },
                ),
                Cell::new(r.owner.clone()),
                Cell::new(r.boundary.label()),
                score_cell(app, r.score()),
                score_cell(app, r.residual_score()),
                Cell::new(money(r.cost, false)),
                Cell::new(r.treatment.label()),
            ]
        })
        .collect();
    if rows.is_empty() {
        let text = if app.register.grid {
            "No risk in this cell"
        } else {
            "No risks yet: a adds one"
        };
        buf.set_stringn(
            area.x,
            area.y,
            text,
            area.width as usize,
            app.theme.tone(Tone::Dim),
        );
        return;
    }
    let cursor = table::Cursor {
        row: app.register.cursor,
        marked: app.focus == Pane::Register,
    };
    let used = table::render(area, buf, &app.theme, &columns, &rows, cursor);
    // The selected risk's mitigation, when there is room under the list.
    if let Some(r) = app.selected_risk().filter(|_| area.height > used + 2) {
        let sym = app.theme.symbols();
        let text = if r.mitigation.is_empty() {
            format!("{}: {}", r.id, r.title)
        } else {
            format!(
                "{}: {} {} Mitigation: {}",
                r.id, r.title, sym.dot, r.mitigation
            )
        };
        let rest = Rect {
            y: area.y + used + 1,
            height: area.height - used - 1,
            ..area
        };
        let lines = crate::tui::format::wrap_fit(
            &text,
            rest.width as usize,
            rest.height as usize,
            sym.ellipsis,
        );
        for (n, line) in lines.iter().enumerate() {
            buf.set_stringn(
                rest.x,
                rest.y + n as u16,
                line,
                rest.width as usize,
                app.theme.tone(Tone::Dim),
            );
        }
    }
}
