//! Where the money goes: for each scheme, its variance and every pound of it (netted across the
//! pool, met from the pool's contingency, from its own contingency, reinvested, each party's
//! share, unallocated), with the pool's total beside. The engine's figures, laid out only.

use crate::engine::SchemeResult;
use crate::tui::app::App;
use crate::tui::format::{self, money, signed_percent};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// One row of the table: its label and the figure for each scheme.
struct Row {
    label: String,
    figure: fn(&SchemeResult, &str) -> Option<String>,
    /// The party a share row is for.
    party: String,
    style: Style,
}

fn pounds(amount: Decimal) -> Option<String> {
    Some(money(amount, true))
}

/// The rows, in the order the money goes.
fn rows(app: &App) -> Vec<Row> {
    let theme = app.theme();
    let text = theme.tone(Tone::Text);
    let row = |label: &str, figure: fn(&SchemeResult, &str) -> Option<String>| Row {
        label: label.to_string(),
        figure,
        party: String::new(),
        style: text,
    };
    let mut out = vec![
        Row {
            style: text.add_modifier(Modifier::BOLD),
            ..row("variance", |s, _| pounds(s.variance))
        },
        row("  % of budget", |s, _| {
            Some(signed_percent(s.variance_percent))
        }),
        row("  risks, benefits", |s, _| {
            pounds(s.from_risks_and_benefits)
        }),
        row("  netted", |s, _| pounds(s.netted)),
        row("  pool contingency", |s, _| pounds(s.pool_contingency_used)),
        row("  contingency used", |s, _| pounds(s.contingency_used)),
        row("  reinvested", |s, _| pounds(s.reinvested)),
    ];
    for p in &app.agreement().parties {
        out.push(Row {
            label: format!("  share {}", p.id),
            figure: |s, party| {
                s.shares.get(party).map(|share| {
                    let cap = if s.at_cap(party) { " C" } else { "" };
                    format!("{}{cap}", money(*share, true))
                })
            },
            party: p.id.clone(),
            style: text,
        });
    }
    out.push(Row {
        style: theme.tone(Tone::Breach),
        ..row("  unallocated", |s, _| pounds(s.unallocated))
    });
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let schemes = &app.calc().allocation.schemes;
    if let Some(error) = &app.calc().error {
        let text = format::fit(
            &format!("! Cannot allocate: {error}"),
            area.width as usize,
            sym.ellipsis,
        );
        buf.set_stringn(
            area.x,
            area.y,
            text,
            area.width as usize,
            theme.tone(Tone::Breach),
        );
        return;
    }
    let rows = rows(app);
    let label_width = rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(0)
        .min(20);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            schemes
                .iter()
                .map(|s| (r.figure)(s, &r.party).unwrap_or_else(|| "-".to_string()))
                .collect()
        })
        .collect();
    let column_width = schemes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            cells
                .iter()
                .map(|c| c[i].width())
                // The id with the `*` of a held scheme: "*PREV" is never cut to "*PRE".
                .chain([s.id.width() + usize::from(s.held)])
                .max()
                .unwrap_or(0)
        })
        .collect::<Vec<_>>();
    let dim = theme.tone(Tone::Dim);
    let mut y = area.y;
    // Scheme ids over their columns, as many as fit; the rest are counted.
    let mut x = area.x + label_width as u16 + 1;
    let mut shown = 0;
    for (i, s) in schemes.iter().enumerate() {
        let w = column_width[i] as u16;
        if x + w > area.right() {
            break;
        }
        let held = if s.held { "*" } else { "" };
        let head = format::right(&format!("{held}{}", s.id), w as usize);
        buf.set_stringn(
            x,
            y,
            head,
            w as usize,
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
        );
        x += w + 2;
        shown += 1;
    }
    buf.set_stringn(area.x, y, "Scheme", label_width, dim);
    y += 1;
    // When the rows do not all fit above the last line, the money each party pays (the
    // shares), the variance and what is unallocated come first; the steps between give way.
    // The last line is kept for the count only when something is hidden: rows that fit the
    // whole height are all drawn, as before.
    let full = usize::from(area.bottom().saturating_sub(y));
    let room = if rows.len() <= full && shown == schemes.len() {
        full
    } else {
        full.saturating_sub(1)
    };
    let drawn = rows_shown(&rows, room);
    for (r, row) in rows.iter().enumerate() {
        if !drawn.contains(&r) || y >= area.bottom() {
            continue;
        }
        buf.set_stringn(
            area.x,
            y,
            format::left(&row.label, label_width, sym.ellipsis),
            label_width,
            dim,
        );
        let mut x = area.x + label_width as u16 + 1;
        for (i, cell) in cells[r].iter().enumerate().take(shown) {
            let w = column_width[i];
            buf.set_stringn(x, y, format::right(cell, w), w, row.style);
            x += w as u16 + 2;
        }
        y += 1;
    }
    let hidden = schemes.len() - shown;
    let hidden_rows = rows.len() - drawn.len();
    let foot = if hidden > 0 || hidden_rows > 0 {
        let zoom = crate::tui::keymap::key_for(
            crate::tui::keymap::Context::Everywhere,
            &crate::tui::action::Action::Zoom,
        );
        let mut more = Vec::new();
        if hidden > 0 {
            more.push(format!("+{hidden} more {}", plural(hidden, "scheme")));
        }
        if hidden_rows > 0 {
            more.push(format!("{hidden_rows} more {}", plural(hidden_rows, "row")));
        }
        format!("{}: {zoom} zooms", more.join(", "))
    } else if schemes.iter().any(|s| s.held) {
        "* holds its own setting; C share at its cap".to_string()
    } else {
        "C share at its cap".to_string()
    };
    if y < area.bottom() {
        buf.set_stringn(
            area.x,
            y,
            format::fit(&foot, area.width as usize, sym.ellipsis),
            area.width as usize,
            dim,
        );
    }
}

/// "scheme" or "schemes".
fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        format!("{one}s")
    }
}

/// Which rows are drawn in `room` lines: all when they fit, else the variance, the shares and
/// what is unallocated first, then the steps between in the order the money goes.
fn rows_shown(rows: &[Row], room: usize) -> Vec<usize> {
    if rows.len() <= room {
        return (0..rows.len()).collect();
    }
    let key = |r: usize| {
        let label = rows[r].label.trim();
        let first = r == 0 || label.starts_with("share ") || label == "unallocated";
        (!first, r)
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&r| key(r));
    order.truncate(room);
    order.sort_unstable();
    order
}
