//! The register's list: each risk's id, title, owner, boundary, scores with their bands, cost and
//! treatment; only those in the heatmap cell when one is picked.

use crate::model::{Risk, ScoreBand};
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::money;
use crate::tui::theme::{Palette, Tone};
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// A score and its band letter. Without colour the Extreme band is reversed on the heatmap; in
/// the list reverse video is the selected row's alone, so the band is underlined there instead.
fn score_cell(app: &App, score: u8) -> Cell {
    let band = ScoreBand::of(score, &app.agreement().score_bands);
    let mut style = app.theme().band(band);
    if app.theme().palette == Palette::Mono && style.add_modifier.contains(Modifier::REVERSED) {
        style = style
            .remove_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::UNDERLINED);
    }
    Cell::styled(format!("{score:>2} {}", band.letter()), style)
}

/// The list's columns; the title takes up to `title` columns before the columns that matter
/// less than it get theirs (and all that is left over after).
pub fn columns(app: &App, title: u16) -> Vec<Column> {
    let residual_first = app.register().residual;
    vec![
        Column::text("Id", 0),
        Column::flex("Title", title, 2),
        Column::text("Owner", 5),
        Column::text("Boundary", 7),
        Column::text("Inh", if residual_first { 4 } else { 1 }),
        Column::text("Res", if residual_first { 1 } else { 4 }),
        Column::number("Cost", 3),
        Column::text("Treatment", 6),
    ]
}

fn title_of(r: &Risk) -> String {
    if r.is_open() {
        r.title.clone()
    } else {
        format!("(closed) {}", r.title)
    }
}

/// One risk's cells.
fn cells(app: &App, r: &Risk) -> Vec<Cell> {
    let tone = if r.is_open() { Tone::Text } else { Tone::Dim };
    vec![
        Cell::new(r.id.clone()),
        Cell::styled(title_of(r), app.theme().tone(tone)),
        Cell::new(r.owner.clone()),
        Cell::new(r.boundary.label()),
        score_cell(app, r.score()),
        score_cell(app, r.residual_score()),
        Cell::new(money(r.cost, false)),
        Cell::new(r.treatment.label()),
    ]
}

/// The widest cell of each column over every risk: computed when the agreement changes
/// (`Calc::lists`), so that a frame of a register of 20,000 risks measures none of them. A
/// heatmap cell's few risks are laid out in the same columns.
pub fn widths(a: &crate::model::Agreement) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    let mut out = vec![0, 0, 0, 0, 4, 4, 0, 0];
    for r in &a.risks {
        let title = r.title.width() + if r.is_open() { 0 } else { "(closed) ".len() };
        for (i, w) in [
            (0, r.id.width()),
            (1, title),
            (2, r.owner.width()),
            (3, r.boundary.label().width()),
            (6, money(r.cost, false).width()),
            (7, r.treatment.label().width()),
        ] {
            out[i] = out[i].max(w);
        }
    }
    out
}

/// The rows the list shows (every risk, or those in the heatmap cell picked), as the table
/// draws them: built only for the window on screen.
pub fn with_rows<R>(app: &App, draw: impl FnOnce(&table::Rows) -> R) -> R {
    let visible = app.visible_risks();
    let row = |n: usize| {
        visible
            .get(n)
            .and_then(|&i| app.agreement().risks.get(i))
            .map(|r| cells(app, r))
            .unwrap_or_default()
    };
    draw(&table::Rows {
        count: visible.len(),
        widths: &app.calc().lists.register,
        row: &row,
    })
}

/// The list, and the selected risk's text under it when there is room.
pub fn render(app: &App, area: Rect, title: u16, buf: &mut Buffer) {
    if area.width < 6 {
        return;
    }
    let columns = columns(app, title);
    if app.visible_risks().is_empty() {
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
    let used = with_rows(app, |rows| {
        table::render_rows(area, buf, app.theme(), &columns, rows, cursor)
    });
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
