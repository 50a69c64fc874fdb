//! A table that fits its pane: columns drop out by priority when the pane is narrow, the one
//! flexible column takes what is left and ends cut words with an ellipsis, and the selected row
//! is kept in view.

use crate::tui::format;
use crate::tui::theme::Theme;
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
    /// Lower shows first; the highest go when room runs out.
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

/// Which columns fit in `width`, and how wide each is.
fn fit_columns(columns: &[Column], rows: &[Vec<Cell>], width: u16) -> Vec<(usize, u16)> {
    let content: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|cell| cell.text.width())
                .max()
                .unwrap_or(0)
                .max(c.header.width()) as u16
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
        let enough = if columns[i].flex {
            w >= 6.min(content[i])
        } else {
            w <= room
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

/// Draws the table; returns the number of rows drawn.
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    columns: &[Column],
    rows: &[Vec<Cell>],
    selected: Option<usize>,
) -> u16 {
    if area.height == 0 || area.width == 0 {
        return 0;
    }
    let ellipsis = theme.symbols().ellipsis;
    let fitted = fit_columns(columns, rows, area.width);
    let header_style = theme.heading();
    let body = area.height.saturating_sub(1) as usize;
    let offset = match selected {
        Some(s) if s >= body => s + 1 - body,
        _ => 0,
    };
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
    for (n, row) in rows.iter().enumerate().skip(offset).take(body) {
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
    drawn + 1
}
