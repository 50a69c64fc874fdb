//! The register's risks in the scenario pane, to set happening or not: a table when there is
//! room, else one line of check boxes that pages to keep the selected risk in view, with the
//! selected risk's id and title on the line under it.

use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::{self, money};
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

const LABEL: &str = "Risks ";

fn checkbox(app: &App, id: &str) -> &'static str {
    if app.scenario().working.risks.iter().any(|r| r == id) {
        "[x]"
    } else {
        "[ ]"
    }
}

fn focused(app: &App) -> bool {
    app.focus() == PaneId::Scenario
}

/// " +12 more": what follows a page of the strip that does not reach the end.
fn more(hidden: usize) -> String {
    format!(" +{hidden} more")
}

/// The strip's pages as `start..end` ranges of items of the given widths, each page fitting
/// `room` columns with its marks: the ellipsis before it when it does not start at the first,
/// and " +N more" after it when it does not reach the last. A page holds at least one item.
fn pages(widths: &[usize], room: usize, ellipsis: usize) -> Vec<(usize, usize)> {
    let fill = |start: usize, room: usize| {
        let mut used = 0;
        let mut end = start;
        while end < widths.len() {
            let w = widths[end] + usize::from(end > start);
            if used + w > room {
                break;
            }
            used += w;
            end += 1;
        }
        end.max(start + 1)
    };
    let mut out = Vec::new();
    let mut start = 0;
    while start < widths.len() {
        let lead = if start > 0 { ellipsis } else { 0 };
        let room = room.saturating_sub(lead);
        let mut end = fill(start, room);
        if end < widths.len() {
            end = fill(
                start,
                room.saturating_sub(more(widths.len() - start).width()),
            );
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// The risks in one line, paged so that the selected one is always on it.
pub fn strip(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let risks = &app.agreement().risks;
    let dim = theme.tone(Tone::Dim);
    if risks.is_empty() {
        let text = format::fit(
            "Risks: none yet (2 Risk register, a adds one)",
            area.width as usize,
            sym.ellipsis,
        );
        buf.set_stringn(area.x, area.y, text, area.width as usize, dim);
        return;
    }
    let items: Vec<String> = risks
        .iter()
        .map(|r| format!("{}{}", checkbox(app, &r.id), r.id))
        .collect();
    let widths: Vec<usize> = items.iter().map(|i| i.width()).collect();
    let room = (area.width as usize).saturating_sub(LABEL.len());
    let cursor = app.scenario().risk_cursor.min(risks.len() - 1);
    let (start, end) = pages(&widths, room, sym.ellipsis.width())
        .into_iter()
        .find(|(s, e)| (*s..*e).contains(&cursor))
        .unwrap_or((0, risks.len()));
    let mut spans = vec![Span::styled(LABEL, dim)];
    if start > 0 {
        spans.push(Span::styled(sym.ellipsis, dim));
    }
    let tail = if end < risks.len() {
        more(risks.len() - end)
    } else {
        String::new()
    };
    // A single item too wide for the line is shortened, never cut bare.
    let item_room = room
        .saturating_sub(if start > 0 { sym.ellipsis.width() } else { 0 })
        .saturating_sub(tail.width());
    for (n, item) in items.iter().enumerate().take(end).skip(start) {
        if n > start {
            spans.push(Span::raw(" "));
        }
        let style = if n == cursor && focused(app) {
            theme.selected()
        } else {
            theme.tone(Tone::Text)
        };
        spans.push(Span::styled(
            format::fit(item, item_room, sym.ellipsis),
            style,
        ));
    }
    spans.push(Span::styled(tail, dim));
    Line::from(spans).render(area, buf);
}

/// The selected risk in words: where it is in the list, its id and its title.
pub fn selected(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let risks = &app.agreement().risks;
    let cursor = app
        .scenario()
        .risk_cursor
        .min(risks.len().saturating_sub(1));
    let Some(r) = risks.get(cursor) else {
        return;
    };
    let at = format!("{}/{} ", cursor + 1, risks.len());
    let room = (area.width as usize).saturating_sub(at.width());
    let what = format!("{} {}: {}", checkbox(app, &r.id), r.id, r.title);
    Line::from(vec![
        Span::styled(at, theme.tone(Tone::Dim)),
        Span::styled(
            format::fit(&what, room, theme.symbols().ellipsis),
            theme.tone(Tone::Text),
        ),
    ])
    .render(area, buf);
}

/// One risk a row: whether it happens, its cost and how that cost is treated.
pub fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let columns = [
        Column::text("Happens", 0),
        Column::text("Risk", 0),
        Column::flex("Title", 30, 2),
        Column::number("Cost", 1),
        Column::text("Treatment", 3),
        Column::text("Owner", 4),
    ];
    let rows: Vec<Vec<Cell>> = app
        .agreement()
        .risks
        .iter()
        .map(|r| {
            vec![
                Cell::new(format!("  {}", checkbox(app, &r.id))),
                Cell::new(r.id.clone()),
                Cell::new(r.title.clone()),
                Cell::new(money(r.cost, true)),
                Cell::new(r.treatment.label()),
                Cell::new(r.owner.clone()),
            ]
        })
        .collect();
    let cursor = table::Cursor {
        row: app.scenario().risk_cursor,
        marked: focused(app),
    };
    table::render(area, buf, app.theme(), &columns, &rows, cursor);
}

#[cfg(test)]
mod tests {
    use super::pages;

    #[test]
    fn pages_cover_every_item_once_with_room_for_their_marks() {
        // Six items of five columns in 20: 5+1+5+1+5 = 17, and " +3 more" does not fit after
        // three, so the first page holds two.
        let widths = [5; 6];
        let p = pages(&widths, 20, 1);
        assert_eq!(p.first(), Some(&(0, 2)));
        let mut next = 0;
        for (start, end) in &p {
            assert_eq!(*start, next);
            assert!(end > start);
            next = *end;
        }
        assert_eq!(next, 6);
        assert_eq!(pages(&[5, 5], 20, 1), [(0, 2)]);
        assert_eq!(pages(&[50, 5], 20, 1), [(0, 1), (1, 2)]);
        assert!(pages(&[], 20, 1).is_empty());
    }
}
