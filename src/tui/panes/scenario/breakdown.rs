//! Where the money goes: for each scheme, its variance and every pound of it (netted across the
//! pool, met from the pool's contingency, from its own contingency, reinvested, each party's
//! share, unallocated), then each partner's total and what makes it up. The engine's figures,
//! laid out only.

use super::totals::Totals;
use crate::engine::SchemeResult;
use crate::tui::app::App;
use crate::tui::format::{self, held_percent, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// How a row's figures read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pounds,
    Percent,
    /// A party's share, `C` beside it at its cap.
    Share,
}

/// One row of the table: its label and the figure for each scheme.
struct Row {
    label: String,
    figure: fn(&SchemeResult, &str) -> Option<Decimal>,
    kind: Kind,
    /// The party a share row is for.
    party: String,
    style: Style,
}

impl Row {
    /// The cell for one scheme: `-` where the scheme has no such figure (a party not in it).
    fn cell(&self, s: &SchemeResult) -> String {
        let Some(amount) = (self.figure)(s, &self.party) else {
            return "-".to_string();
        };
        match self.kind {
            Kind::Pounds => money(amount, true),
            Kind::Percent => held_percent(amount),
            Kind::Share => {
                let cap = if s.at_cap(&self.party) { " C" } else { "" };
                format!("{}{cap}", money(amount, true))
            }
        }
    }

    /// True when the row gives nothing but zero (or `-`) for every scheme.
    fn zero(&self, schemes: &[SchemeResult]) -> bool {
        schemes
            .iter()
            .all(|s| (self.figure)(s, &self.party).is_none_or(|a| a.round_dp(2).is_zero()))
    }
}

/// The rows, in the order the money goes.
fn rows(app: &App) -> Vec<Row> {
    let theme = app.theme();
    let text = theme.tone(Tone::Text);
    let row = |label: &str, figure: fn(&SchemeResult, &str) -> Option<Decimal>| Row {
        label: label.to_string(),
        figure,
        kind: Kind::Pounds,
        party: String::new(),
        style: text,
    };
    let mut out = vec![
        Row {
            style: text.add_modifier(Modifier::BOLD),
            ..row("variance", |s, _| Some(s.variance))
        },
        Row {
            kind: Kind::Percent,
            ..row("  % of budget", |s, _| Some(s.variance_percent))
        },
        row("  risks, benefits", |s, _| Some(s.from_risks_and_benefits)),
        row("  netted", |s, _| Some(s.netted)),
        row("  pool contingency", |s, _| Some(s.pool_contingency_used)),
        row("  contingency used", |s, _| Some(s.contingency_used)),
        row("  reinvested", |s, _| Some(s.reinvested)),
    ];
    for p in &app.agreement().parties {
        out.push(Row {
            label: format!("  share {}", p.id),
            kind: Kind::Share,
            party: p.id.clone(),
            ..row("", |s, party| s.shares.get(party).copied())
        });
    }
    out.push(Row {
        style: theme.tone(Tone::Breach),
        ..row("  unallocated", |s, _| Some(s.unallocated))
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
        .map(|r| schemes.iter().map(|s| r.cell(s)).collect())
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
    // Under the schemes, each partner's total and what makes it up (its shares, retained and
    // by-influence risks, its own benefits), so every pound of the total is on screen.
    let totals = Totals::fit(&app.calc().allocation.parties, area.width as usize);
    let block = totals.as_ref().map_or(0, |t| usize::from(t.height()));
    // When the rows do not all fit above the last line, the money each party pays (the
    // shares), the variance and what is unallocated come first, then the partners' totals; the
    // steps between give way, those that are all 0.00 first. The last line is kept for the
    // count only when something is hidden: rows that fit the whole height are all drawn.
    let full = usize::from(area.bottom().saturating_sub(y));
    let zero: Vec<bool> = rows.iter().map(|r| r.zero(schemes)).collect();
    let fits = rows.len() + block <= full && shown == schemes.len();
    let room = if fits { full } else { full.saturating_sub(1) };
    let (drawn, with_block) = rows_shown(&rows, &zero, room, block);
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
    if let (Some(t), true) = (&totals, with_block) {
        // A blank line between the two tables where it leaves the footer its line.
        if rows.len() + block + 2 <= full {
            y += 1;
        }
        t.render(app, area.x, y, area.bottom(), buf);
        y += t.height();
    }
    let hidden = schemes.len() - shown;
    let hidden_rows: Vec<usize> = (0..rows.len()).filter(|r| !drawn.contains(r)).collect();
    let zoom = crate::tui::keymap::key_for(
        crate::tui::keymap::Context::Everywhere,
        &crate::tui::action::Action::Zoom,
    );
    // Said in full where it fits, else in short: "+1 scheme, 6 rows, partner totals".
    let all_zero = hidden_rows.iter().all(|&r| zero[r]);
    let said = |full: bool| {
        let more = if full { "more " } else { "" };
        let mut said = Vec::new();
        if hidden > 0 {
            said.push(format!("+{hidden} {more}{}", plural(hidden, "scheme")));
        }
        if !hidden_rows.is_empty() {
            let n = hidden_rows.len();
            let note = if full && all_zero { " (all 0.00)" } else { "" };
            said.push(format!("{n} {more}{}{note}", plural(n, "row")));
        }
        if !with_block {
            said.push("partner totals".to_string());
        }
        said.join(", ")
    };
    let long = said(true);
    let more = if long.width() + 10 <= area.width as usize {
        long
    } else {
        said(false)
    };
    let mut notes = Vec::new();
    if !more.is_empty() {
        notes.push(format!("{more}: {zoom} zooms"));
    }
    if let (Some(t), true) = (&totals, with_block)
        && !t.zero_hidden.is_empty()
    {
        notes.push(format!("{} 0.00 for all", t.zero_hidden.join(", ")));
    }
    let foot = if !notes.is_empty() {
        notes.join("; ")
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

/// Which rows are drawn in `room` lines, and whether the partners' totals (`block` lines) are:
/// all when they fit, else the variance, the shares and what is unallocated first, then the
/// totals, then the steps between in the order the money goes: those in pounds that are not all
/// 0.00, the percent of budget (the variance line gives the pool's), then those all 0.00.
fn rows_shown(rows: &[Row], zero: &[bool], room: usize, block: usize) -> (Vec<usize>, bool) {
    if rows.len() + block <= room {
        return ((0..rows.len()).collect(), block > 0);
    }
    let rank = |r: usize| {
        let label = rows[r].label.trim();
        if r == 0 || label.starts_with("share ") || label == "unallocated" {
            0
        } else if zero[r] {
            4
        } else if rows[r].kind == Kind::Percent {
            3
        } else {
            2
        }
    };
    // The totals come as one piece, after the first rank: `None` stands for them.
    let mut order: Vec<(u8, usize, Option<usize>)> =
        (0..rows.len()).map(|r| (rank(r), r, Some(r))).collect();
    if block > 0 {
        order.push((1, 0, None));
    }
    order.sort_unstable();
    let mut left = room;
    let mut drawn = Vec::new();
    let mut with_block = false;
    for (_, _, item) in order {
        let cost = if item.is_some() { 1 } else { block };
        if cost > left {
            continue;
        }
        left -= cost;
        match item {
            Some(r) => drawn.push(r),
            None => with_block = true,
        }
    }
    drawn.sort_unstable();
    (drawn, with_block)
}
