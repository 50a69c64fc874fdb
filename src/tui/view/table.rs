//! A table that fits its pane: columns drop out by priority when the pane is narrow (except the
//! identifying ones, which are shortened with an ellipsis instead), the one flexible column takes
//! what is left and ends cut words with an ellipsis, the selected row is kept in view, and rows
//! that do not fit are counted on the last line.

use crate::tui::format;
use crate::tui::theme::{Theme, Tone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    /// Right-aligned (numbers).
    pub right: bool,
    /// Takes the room left over, at least `min` columns.
    pub flex: bool,
    pub min: u16,
    /// Lower shows first; the highest go when room runs out. Priority 0 marks a column that
    /// identifies the row: it is never dropped, only shortened.
    pub priority: u8,
}

impl Column {
    pub fn text(header: &str, priority: u8) -> Column {
        Column {
            header: header.to_string(),
            right: false,
            flex: false,
            min: 0,
            priority,
        }
    }

    pub fn number(header: &str, priority: u8) -> Column {
        Column {
            right: true,
            ..Column::text(header, priority)
        }
    }

    /// A fixed column at least `min` wide whatever its cells, so that it does not move (or go)
    /// as figures change.
    pub fn at_least(self, min: u16) -> Column {
        Column { min, ..self }
    }

    pub fn flex(header: &str, min: u16, priority: u8) -> Column {
        Column {
            flex: true,
            min,
            ..Column::text(header, priority)
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// Each column's widest cell among `rows`.
pub fn widths_of(columns: usize, rows: &[Vec<Cell>]) -> Vec<usize> {
    (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|cell| cell.text.width())
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// A long table's rows, built only when drawn: how many there are, each column's widest cell
/// (computed once, when what they show changes, so that a frame does not measure every row),
/// and the cells of one row.
pub struct Rows<'a> {
    pub count: usize,
    pub widths: &'a [usize],
    pub row: &'a dyn Fn(usize) -> Vec<Cell>,
}

/// Which columns fit in `width`, and how wide each is.
#[cfg(test)]
fn fit_columns(columns: &[Column], rows: &[Vec<Cell>], width: u16) -> Vec<(usize, u16)> {
    fit_widths(columns, &widths_of(columns.len(), rows), width)
}

/// As [`fit_columns`], from each column's widest cell.
fn fit_widths(columns: &[Column], widths: &[usize], width: u16) -> Vec<(usize, u16)> {
    // The identifying columns take at most a third of the width (a long id is shortened, not
    // dropped); a long header over short numbers is shortened too.
    let id_cap = (width / 3).max(6) as usize;
    let content: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = widths.get(i).copied().unwrap_or(0);
            let header = if c.right {
                c.header.width().min(cells.max(12))
            } else {
                c.header.width()
            };
            let w = cells.max(header);
            let w = if c.flex { w } else { w.max(usize::from(c.min)) };
            let w = if c.priority == 0 && !c.flex && !c.right {
                w.min(id_cap.max(header))
            } else {
                w
            };
            w.min(usize::from(u16::MAX)) as u16
        })
        .collect();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| columns[i].priority);
    let mut chosen: Vec<(usize, u16)> = Vec::new();
    let mut used: u16 = 0;
    for i in order {
        let gap = u16::from(!chosen.is_empty());
        let room = width.saturating_sub(used + gap);
        // A flexible column takes up to its preferred width of what is left when its turn
        // comes, so columns that matter less give way to it; at least a few letters.
        let w = if columns[i].flex {
            content[i].min(columns[i].min).min(room)
        } else {
            content[i]
        };
        // An identifying column shrinks to the room there is rather than go.
        let w = if columns[i].priority == 0 && !columns[i].right {
            w.min(room)
        } else {
            w
        };
        let enough = if columns[i].flex {
            w >= 6.min(content[i])
        } else {
            w <= room && (w > 0 || content[i] == 0)
        };
        if enough && w <= room {
            used += w + gap;
            chosen.push((i, w));
        }
    }
    chosen.sort_unstable();
    let spare = width.saturating_sub(used);
    let flex_count = chosen.iter().filter(|(i, _)| columns[*i].flex).count() as u16;
    chosen
        .into_iter()
        .map(|(i, w)| {
            let extra = if columns[i].flex && flex_count > 0 {
                (spare / flex_count).min(content[i].saturating_sub(w))
            } else {
                0
            };
            (i, w + extra)
        })
        .collect()
}

/// The columns that do not fit in `width` (in column order), from the rows' cells: what a
/// pane names when it drops columns, so that nothing is hidden without a word.
pub fn hidden_columns(columns: &[Column], rows: &[Vec<Cell>], width: u16) -> Vec<usize> {
    let fitted = fit_widths(columns, &widths_of(columns.len(), rows), width);
    (0..columns.len())
        .filter(|i| !fitted.iter().any(|(k, _)| k == i))
        .collect()
}

/// Whether every column fits in `width`, the flexible one with at least `flex_at_least` columns
/// (or all it needs), from each column's widest cell.
pub fn fits_all_widths(
    columns: &[Column],
    widths: &[usize],
    width: u16,
    flex_at_least: u16,
) -> bool {
    let fitted = fit_widths(columns, widths, width);
    fitted.len() == columns.len()
        && fitted.iter().all(|&(i, w)| {
            let wants = widths.get(i).copied().unwrap_or(0) as u16;
            !columns[i].flex || w >= flex_at_least.min(wants)
        })
}

/// Which rows are drawn: the first, how many, and whether the last line says how many are not.
fn window(rows: usize, body: usize, selected: Option<usize>) -> (usize, usize, bool) {
    if rows <= body {
        return (0, rows, false);
    }
    // One line for "+N more" when there are at least two; else the selected row alone.
    let (shown, hint) = if body >= 2 {
        (body - 1, true)
    } else {
        (body, false)
    };
    let offset = match selected {
        // A selection past the last row (a table with nothing to keep in view) keeps none.
        Some(s) if s >= shown && s < rows => (s + 1 - shown).min(rows - shown),
        _ => 0,
    };
    (offset, shown, hint)
}

/// "… +36 more (5-8 of 40)": what the rows not drawn are.
pub fn more_line(first: usize, shown: usize, total: usize, ellipsis: &str) -> String {
    format!(
        "{ellipsis} +{} more ({}-{} of {total})",
        total - shown,
        first + 1,
        first + shown
    )
}

/// The row kept in view, and whether it is marked (only in the focused pane).
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    pub row: usize,
    pub marked: bool,
}

/// Draws the table; returns the number of rows drawn.
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    columns: &[Column],
    rows: &[Vec<Cell>],
    cursor: Cursor,
) -> u16 {
    let widths = widths_of(columns.len(), rows);
    let row = |n: usize| rows.get(n).cloned().unwrap_or_default();
    let rows = Rows {
        count: rows.len(),
        widths: &widths,
        row: &row,
    };
    render_rows(area, buf, theme, columns, &rows, cursor)
}

/// Draws a table whose rows are built only for the window drawn; returns the rows drawn.
pub fn render_rows(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    columns: &[Column],
    rows: &Rows,
    cursor: Cursor,
) -> u16 {
    if area.height == 0 || area.width == 0 {
        return 0;
    }
    let ellipsis = theme.symbols().ellipsis;
    let fitted = fit_widths(columns, rows.widths, area.width);
    let header_style = theme.heading();
    let body = area.height.saturating_sub(1) as usize;
    let (offset, shown, hint) = window(rows.count, body, Some(cursor.row));
    let selected = cursor.marked.then_some(cursor.row);
    let mut x = area.x;
    for &(i, w) in &fitted {
        let c = &columns[i];
        let text = if c.right {
            format::right(&format::fit(&c.header, w as usize, ellipsis), w as usize)
        } else {
            format::left(&c.header, w as usize, ellipsis)
        };
        buf.set_stringn(x, area.y, text, w as usize, header_style);
        x += w + 1;
    }
    let mut drawn = 0;
    for n in offset..offset + shown {
        let row = (rows.row)(n);
        let y = area.y + 1 + (n - offset) as u16;
        let mut x = area.x;
        let chosen = selected == Some(n);
        for &(i, w) in &fitted {
            let cell = row.get(i).cloned().unwrap_or_default();
            let text = if columns[i].right {
                format::right(&format::fit(&cell.text, w as usize, ellipsis), w as usize)
            } else {
                format::left(&cell.text, w as usize, ellipsis)
            };
            let style = if chosen {
                cell.style.patch(theme.selected())
            } else {
                cell.style
            };
            buf.set_stringn(x, y, text, w as usize, style);
            if chosen && x + w < area.right() {
                buf.set_stringn(x + w, y, " ", 1, theme.selected());
            }
            x += w + 1;
        }
        drawn += 1;
    }
    if hint {
        let text = more_line(offset, shown, rows.count, ellipsis);
        let y = area.y + 1 + drawn;
        let w = area.width as usize;
        buf.set_stringn(
            area.x,
            y,
            format::fit(&text, w, ellipsis),
            w,
            theme.tone(Tone::Dim),
        );
        drawn += 1;
    }
    drawn + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts.iter().map(|t| Cell::new(*t)).collect()
    }

    #[test]
    fn a_selection_past_the_last_row_keeps_the_first_rows_in_view() {
        assert_eq!(window(10, 4, Some(usize::MAX)), (0, 3, true));
        assert_eq!(window(10, 4, Some(10)), (0, 3, true));
        assert_eq!(window(10, 4, Some(9)), (7, 3, true));
    }

    #[test]
    fn a_long_id_is_shortened_not_dropped() {
        let long = "X".repeat(122);
        let columns = [Column::text("Party", 0), Column::number("Total", 1)];
        let rows = vec![cells(&[&long, "1,000"]), cells(&["LA", "2,000"])];
        let fitted = fit_columns(&columns, &rows, 32);
        assert_eq!(fitted, [(0, 10), (1, 5)]);
        // Even alone in a narrow table it stays, as wide as the table.
        let fitted = fit_columns(&columns[..1], &rows, 4);
        assert_eq!(fitted, [(0, 4)]);
    }

    #[test]
    fn rows_that_do_not_fit_are_counted_and_the_selection_stays_in_view() {
        assert_eq!(window(4, 10, Some(3)), (0, 4, false));
        assert_eq!(window(40, 5, None), (0, 4, true));
        assert_eq!(window(40, 5, Some(12)), (9, 4, true));
        assert_eq!(window(40, 5, Some(39)), (36, 4, true));
        assert_eq!(window(40, 1, Some(7)), (7, 1, false));
        assert_eq!(more_line(9, 4, 40, "…"), "… +36 more (10-13 of 40)");
    }
}
