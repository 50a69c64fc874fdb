//! The register's risks and the agreement's benefits in the scenario pane, to set happening (a
//! risk) or realised (a benefit) with one key: a table when there is room, else one line of
//! check boxes that pages to keep the selected item in view, with the selected item's id and
//! title on the line under it. The risks come first, then the benefits.

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

/// One line of the list: a risk that can happen or a benefit that can be realised.
struct Item<'a> {
    id: &'a str,
    title: &'a str,
    /// Signed: a risk's cost, a benefit's saving as a negative.
    amount: rust_decimal::Decimal,
    /// A risk's treatment, or "Benefit".
    kind: &'a str,
    /// A risk's owner, or the party that realises a benefit.
    owner: &'a str,
    on: bool,
}

/// The item at `n`: the risks, then the benefits, in the order the cursor steps through them.
/// Built one at a time, for what is drawn: a register can hold tens of thousands.
fn item(app: &App, n: usize) -> Option<Item<'_>> {
    let working = &app.scenario().working;
    let a = app.agreement();
    if let Some(r) = a.risks.get(n) {
        return Some(Item {
            id: &r.id,
            title: &r.title,
            amount: r.cost,
            kind: r.treatment.label(),
            owner: &r.owner,
            on: working.risks.contains(&r.id),
        });
    }
    let b = a.benefits.get(n - a.risks.len())?;
    Some(Item {
        id: &b.id,
        title: &b.title,
        amount: -b.value,
        kind: "Benefit",
        owner: &b.realised_by,
        on: working.benefits.contains(&b.id),
    })
}

/// The id of the item at `n`, without the rest.
fn item_id(app: &App, n: usize) -> &str {
    let a = app.agreement();
    match a.risks.get(n) {
        Some(r) => &r.id,
        None => a
            .benefits
            .get(n - a.risks.len())
            .map_or("", |b| b.id.as_str()),
    }
}

/// The table's cells for an item.
fn cells(r: &Item) -> Vec<Cell> {
    vec![
        Cell::new(format!("  {}", checkbox(r))),
        Cell::new(r.id),
        Cell::new(r.title),
        Cell::new(money(r.amount, true)),
        Cell::new(r.kind),
        Cell::new(r.owner),
    ]
}

/// The widest cell of each of the table's columns over every risk and benefit: computed when
/// the agreement changes (`Calc::lists`), not each frame.
pub fn widths(a: &crate::model::Agreement) -> Vec<usize> {
    let mut out = vec!["  [x]".len(), 0, 0, 0, 0, 0];
    let mut widen = |values: [usize; 4], amount: rust_decimal::Decimal| {
        out[1] = out[1].max(values[0]);
        out[2] = out[2].max(values[1]);
        out[3] = out[3].max(money(amount, true).width());
        out[4] = out[4].max(values[2]);
        out[5] = out[5].max(values[3]);
    };
    for r in &a.risks {
        let w = [
            r.id.width(),
            r.title.width(),
            r.treatment.label().width(),
            r.owner.width(),
        ];
        widen(w, r.cost);
    }
    for b in &a.benefits {
        let w = [
            b.id.width(),
            b.title.width(),
            "Benefit".len(),
            b.realised_by.width(),
        ];
        widen(w, -b.value);
    }
    out
}

fn checkbox(item: &Item) -> &'static str {
    if item.on { "[x]" } else { "[ ]" }
}

/// How many risks and benefits the pane lists.
pub fn count(app: &App) -> usize {
    app.agreement().risks.len() + app.agreement().benefits.len()
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
    let total = count(app);
    let dim = theme.tone(Tone::Dim);
    if total == 0 {
        let text = format::fit(
            "Risks: none yet (2 Risk register, a adds one)",
            area.width as usize,
            sym.ellipsis,
        );
        buf.set_stringn(area.x, area.y, text, area.width as usize, dim);
        return;
    }
    // Each item is "[x]ID": its width is the box's and the id's, measured without formatting.
    let widths: Vec<usize> = (0..total).map(|n| 3 + item_id(app, n).width()).collect();
    // With benefits on the line it says so, where the whole line still fits.
    let all: usize = widths.iter().sum::<usize>() + total.saturating_sub(1);
    let label = if app.agreement().benefits.is_empty() {
        LABEL
    } else {
        ["Risks & benefits ", "Risks/benefits "]
            .into_iter()
            .find(|l| l.len() + all <= area.width as usize)
            .unwrap_or(LABEL)
    };
    let room = (area.width as usize).saturating_sub(label.len());
    let cursor = app.scenario().risk_cursor.min(total - 1);
    let (start, end) = pages(&widths, room, sym.ellipsis.width())
        .into_iter()
        .find(|(s, e)| (*s..*e).contains(&cursor))
        .unwrap_or((0, total));
    let mut spans = vec![Span::styled(label, dim)];
    if start > 0 {
        spans.push(Span::styled(sym.ellipsis, dim));
    }
    let tail = if end < total {
        more(total - end)
    } else {
        String::new()
    };
    // A single item too wide for the line is shortened, never cut bare.
    let item_room = room
        .saturating_sub(if start > 0 { sym.ellipsis.width() } else { 0 })
        .saturating_sub(tail.width());
    for n in start..end {
        let Some(item) = item(app, n) else { continue };
        let item = format!("{}{}", checkbox(&item), item.id);
        if n > start {
            spans.push(Span::raw(" "));
        }
        let style = if n == cursor && focused(app) {
            theme.selected()
        } else {
            theme.tone(Tone::Text)
        };
        spans.push(Span::styled(
            format::fit(&item, item_room, sym.ellipsis),
            style,
        ));
    }
    spans.push(Span::styled(tail, dim));
    Line::from(spans).render(area, buf);
}

/// The selected risk in words: where it is in the list, its id and its title.
pub fn selected(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let total = count(app);
    let cursor = app.scenario().risk_cursor.min(total.saturating_sub(1));
    let Some(r) = item(app, cursor) else {
        return;
    };
    let r = &r;
    let at = format!("{}/{} ", cursor + 1, total);
    let room = (area.width as usize).saturating_sub(at.width());
    let what = if r.kind == "Benefit" {
        format!("{} {}: {} (benefit, realised)", checkbox(r), r.id, r.title)
    } else {
        format!("{} {}: {}", checkbox(r), r.id, r.title)
    };
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
        Column::text("Item", 0),
        Column::flex("Title", 30, 2),
        Column::number("Cost", 1),
        Column::text("Treatment", 3),
        Column::text("Owner", 4),
    ];
    let row = |n: usize| item(app, n).map(|r| cells(&r)).unwrap_or_default();
    let rows = table::Rows {
        count: count(app),
        widths: &app.calc().lists.scenario,
        row: &row,
    };
    let cursor = table::Cursor {
        row: app.scenario().risk_cursor,
        marked: focused(app),
    };
    table::render_rows(area, buf, app.theme(), &columns, &rows, cursor);
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
