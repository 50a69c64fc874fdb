//! A table that fits its pane: columns drop out by priority when the pane is narrow, the one
//! flexible column takes what is left and ends cut words with an ellipsis, and the selected row
//! is kept in view.

use crate::tui::format;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
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
    let natural: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|cell| cell.text.width())
                .max()
                .unwrap_or(0);
            let w = content.max(c.header.width()) as u16;
            if c.flex { c.min.min(w) } else { w }
        })
        .collect();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| columns[i].priority);
    let mut chosen = Vec::new();
    let mut used: u16 = 0;
    for i in order {
        let need = natural[i] + u16::from(!chosen.is_empty());
        if used + need <= width {
            used += need;
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    let spare = width.saturating_sub(used);
    let flex_count = chosen.iter().filter(|&&i| columns[i].flex).count() as u16;
    chosen
        .into_iter()
        .map(|i| {
            let extra = if columns[i].flex && flex_count > 0 {
                let content = rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|cell| cell.text.width() as u16)
                    .max()
                    .unwrap_or(0)
                    .max(columns[i].header.width() as u16);
                (spare / flex_count).min(content.saturating_sub(natural[i]))
            } else {
                0
            };
            (i, natural[i] + extra)
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
    let header_style = theme
        .tone(crate::tui::theme::Tone::Dim)
        .add_modifier(Modifier::BOLD);
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
