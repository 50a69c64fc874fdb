//! The register's list: each risk's id, title, owner, boundary, scores with their bands, cost and
//! treatment; only those in the heatmap cell when one is picked.

use crate::model::{Risk, ScoreBand};
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::money;
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn score_cell(app: &App, score: u8) -> Cell {
    let band = ScoreBand::of(score, &app.agreement().score_bands);
    Cell::styled(
        format!("{score:>2} {}", band.letter()),
        app.theme().band(band),
    )
}

/// The list's columns and rows; the title takes up to `title` columns before the columns
/// that matter less than it get theirs (and all that is left over after).
pub fn table(app: &App, title: u16) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let residual_first = app.register().residual;
    let columns = vec![
        Column::text("Id", 0),
        Column::flex("Title", title, 2),
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
        .filter_map(|&i| app.agreement().risks.get(i))
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
                        app.theme().tone(Tone::Dim)
                    } else {
                        app.theme().tone(Tone::Text)
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
    (columns, rows)
}

/// The list, and the selected risk's text under it when there is room.
pub fn render(app: &App, area: Rect, title: u16, buf: &mut Buffer) {
    if area.width < 6 {
        return;
    }
    let (columns, rows) = table(app, title);
    if rows.is_empty() {
        let text = if app.register().grid {
            "No risk in this cell"
        } else {
            "No risks yet: a adds one"
        };
        buf.set_stringn(
            area.x,
            area.y,
            text,
            area.width as usize,
            app.theme().tone(Tone::Dim),
        );
        return;
    }
    let cursor = table::Cursor {
        row: app.register().cursor,
        marked: app.focus() == PaneId::Register,
    };
    let used = table::render(area, buf, app.theme(), &columns, &rows, cursor);
    // The selected risk's mitigation, when there is room under the list.
    if area.height > used + 2 {
        let rest = Rect {
            y: area.y + used + 1,
            height: area.height - used - 1,
            ..area
        };
        detail(app, rest, buf);
    }
}

/// The selected risk's id, title and mitigation, wrapped.
pub fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(r) = app.selected_risk() else {
        return;
    };
    let sym = app.theme().symbols();
    let text = if r.mitigation.is_empty() {
        format!("{}: {}", r.id, r.title)
    } else {
        format!(
            "{}: {} {} Mitigation: {}",
            r.id, r.title, sym.dot, r.mitigation
        )
    };
    let lines = crate::tui::format::wrap_fit(
        &text,
        area.width as usize,
        area.height as usize,
        sym.ellipsis,
    );
    for (n, line) in lines.iter().enumerate() {
        buf.set_stringn(
            area.x,
            area.y + n as u16,
            line,
            area.width as usize,
            app.theme().tone(Tone::Dim),
        );
    }
}
