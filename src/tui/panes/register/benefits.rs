//! The register pane's benefits view: each benefit's metric, baseline, target, value,
//! likelihood, the party that realises it, whether it is shared, and whether the what-if on the
//! Scenario pane has it realised (a named scenario's `benefits`).
//!
//! The figures are the file's; the view adds none of its own.

use crate::model::Benefit;
use crate::tui::app::App;
use crate::tui::format::{fit, money};
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A baseline or target in the metric's own units: as written, without trailing zeros.
fn measure(value: rust_decimal::Decimal) -> String {
    value.normalize().to_string()
}

/// The view's columns and one row per benefit.
fn table(app: &App) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let theme = app.theme();
    let realised = &app.scenario().working.benefits;
    let columns = vec![
        Column::text("Id", 0),
        Column::flex("Title", 12, 4),
        Column::flex("Metric", 12, 5),
        Column::number("Baseline", 2),
        Column::number("Target", 2),
        Column::number("Value", 1),
        Column::number("L", 3),
        Column::text("By", 1),
        Column::text("Shared", 1),
        Column::text("Realised", 0),
    ];
    let rows = app
        .agreement()
        .benefits
        .iter()
        .map(|b: &Benefit| {
            let now = realised.contains(&b.id);
            let metric = if b.metric.is_empty() {
                Cell::styled("(no metric)", theme.tone(Tone::Warning))
            } else {
                Cell::new(b.metric.clone())
            };
            vec![
                Cell::new(b.id.clone()),
                Cell::new(b.title.clone()),
                metric,
                Cell::new(measure(b.baseline)),
                Cell::new(measure(b.target)),
                Cell::new(money(b.value, false)),
                Cell::new(b.likelihood.to_string()),
                Cell::new(b.realised_by.clone()),
                Cell::new(if b.shared { "shared" } else { "own" }),
                if now {
                    Cell::styled("yes", theme.tone(Tone::Saving))
                } else {
                    Cell::styled("no", theme.tone(Tone::Dim))
                },
            ]
        })
        .collect();
    (columns, rows)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 6 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let ellipsis = theme.symbols().ellipsis;
    let width = area.width as usize;
    let (columns, rows) = table(app);
    if rows.is_empty() {
        buf.set_stringn(
            area.x,
            area.y,
            fit("No benefits in this agreement", width, ellipsis),
            width,
            theme.tone(Tone::Dim),
        );
        return;
    }
    let cursor = table::Cursor {
        row: app.register().cursor.min(rows.len() - 1),
        marked: app.focus() == crate::tui::action::PaneId::Register,
    };
    let used = table::render(area, buf, theme, &columns, &rows, cursor);
    let mut y = area.y + used + 1;
    if y < area.bottom() {
        let realised = &app.scenario().working.benefits;
        let text = if realised.is_empty() {
            format!("Realised in {}: none", app.scenario_label())
        } else {
            format!(
                "Realised in {}: {}; value is pounds saved when realised",
                app.scenario_label(),
                realised.join(", ")
            )
        };
        buf.set_stringn(
            area.x,
            y,
            fit(&text, width, ellipsis),
            width,
            theme.tone(Tone::Dim),
        );
        y += 1;
    }
    // Each benefit's title and metric in full, while there is room.
    for b in &app.agreement().benefits {
        if y >= area.bottom() {
            break;
        }
        let text = format!("{}: {}. Metric: {}", b.id, b.title, b.metric);
        let lines =
            crate::tui::format::wrap_fit(&text, width, (area.bottom() - y) as usize, ellipsis);
        for line in lines {
            buf.set_stringn(area.x, y, line, width, theme.tone(Tone::Dim));
            y += 1;
        }
    }
}
