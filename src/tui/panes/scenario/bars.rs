//! A bar per party: savings to the left of the axis, costs to the right, on one scale for all, with
//! its tolerance (`T`) and its cap (`C`) marked, and its share in pounds and as a percent of what
//! it puts in (`5.4% of contrib.`, shown only where the label fits beside it).

use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::{self, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use rust_decimal::Decimal;
use rust_decimal::prelude::{Signed, ToPrimitive};
use unicode_width::UnicodeWidthStr;

/// Eighths of a column from the axis to where `amount` reaches, out of `half` columns (signed:
/// left is negative). Any amount not zero reaches at least an eighth (a whole column under
/// `--ascii`, which has no eighth blocks), so a partner's share never looks like nothing.
fn reach(amount: Decimal, scale: Decimal, half: u16, ascii: bool) -> i32 {
    if scale <= Decimal::ZERO || amount.is_zero() {
        return 0;
    }
    let most = i32::from(half) * 8;
    let per = if ascii { 1 } else { 8 };
    let steps = (amount / scale * Decimal::from(half) * Decimal::from(per))
        .round()
        .to_i32()
        .unwrap_or(if amount > Decimal::ZERO { most } else { -most });
    let steps = if steps == 0 {
        if amount > Decimal::ZERO { 1 } else { -1 }
    } else {
        steps
    };
    (steps * (8 / per)).clamp(-most, most)
}

/// The column (signed, from the axis) of the cell a reach in eighths ends in.
fn cell(eighths: i32) -> i32 {
    eighths.signum() * ((eighths.abs() + 7) / 8)
}

/// A cost bar's last cell, `eighths` (1-7) of it filled from the left.
fn left_part(eighths: i32) -> &'static str {
    ["▏", "▎", "▍", "▌", "▋", "▊", "▉"][(eighths.clamp(1, 7) - 1) as usize]
}

/// A saving bar's last cell, filled from the right: Unicode has only an eighth and a half there.
fn right_part(eighths: i32) -> &'static str {
    match eighths {
        ..=3 => "▕",
        4..=6 => "▐",
        _ => "█",
    }
}

/// The amount a half bar stands for: the largest of the partners' totals, tolerances and caps on
/// screen, rounded up to 1, 2, 2.5 or 5 times a power of ten (at least £10,000). It follows what
/// is on screen, so a share of an ordinary variance fills a good part of its bar, yet moves only
/// in those steps, so most of a slide keeps one scale.
pub fn scale(app: &App) -> Decimal {
    let calc = app.calc();
    let mut biggest = Decimal::ZERO;
    for (n, e) in calc.exposures.iter().enumerate() {
        biggest = biggest.max(e.total.abs()).max(e.tolerance.abs());
        if let Some(cap) = calc.party(n).and_then(|p| p.cap_limit) {
            biggest = biggest.max(cap.abs());
        }
    }
    nice(biggest)
}

fn nice(amount: Decimal) -> Decimal {
    let mut step = Decimal::from(10_000);
    loop {
        for factor in [
            Decimal::ONE,
            Decimal::TWO,
            Decimal::new(25, 1),
            Decimal::from(5),
        ] {
            if step * factor >= amount {
                return step * factor;
            }
        }
        match step.checked_mul(Decimal::TEN) {
            Some(next) => step = next,
            None => return amount,
        }
    }
}

/// A scale as the legend says it: `£500k`, `£2.5m`.
pub fn short(amount: Decimal, pound: &str) -> String {
    let million = Decimal::from(1_000_000);
    let thousand = Decimal::from(1_000);
    if amount >= million {
        format!("{pound}{}m", (amount / million).normalize())
    } else if amount >= thousand {
        format!("{pound}{}k", (amount / thousand).normalize())
    } else {
        format!("{pound}{}", amount.normalize())
    }
}

/// Where the bars go and what their marks mean, on one line over them. The line has no ids on
/// it, so "savings" may reach back over where they go; the marks sit at its right end.
pub fn legend(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let layout = Layout::of(app, area);
    let dim = theme.tone(Tone::Dim);
    let mut end = area.x;
    if layout.half >= 2 {
        let axis = area.x + layout.id_width as u16 + 1 + layout.half;
        let savings = "savings";
        let start = axis.saturating_sub(savings.len() as u16 + 1).max(area.x);
        let room = axis.saturating_sub(start + 1) as usize;
        buf.set_stringn(
            start,
            area.y,
            format::fit(savings, room, sym.ellipsis),
            room,
            theme.tone(Tone::Saving),
        );
        buf.set_stringn(axis, area.y, sym.axis, 1, dim);
        let room = area.right().saturating_sub(axis + 2) as usize;
        // The scale beside "costs" where it leaves room for the marks (the shortest of them).
        let scaled = format!("costs to {}", short(scale(app), sym.pound));
        let costs = if scaled.width() + 2 + "T, C marks".width() <= room {
            scaled
        } else {
            format::fit("costs", room, sym.ellipsis)
        };
        end = axis + 2 + costs.width() as u16;
        buf.set_stringn(axis + 2, area.y, &costs, room, theme.tone(Tone::Cost));
    }
    // Over the figures when they fit there; else as far right as they go, shortened if need be.
    let figures = area.x + layout.id_width as u16 + 1 + layout.bar_width + 1;
    let full = "T tolerance  C cap";
    if figures >= end + 2 && full.width() <= area.right().saturating_sub(figures) as usize {
        buf.set_stringn(figures, area.y, full, full.width(), dim);
        return;
    }
    let room = area.right().saturating_sub(end + 2) as usize;
    let marks = [full, "T tol.  C cap", "T, C marks"]
        .into_iter()
        .find(|m| m.width() <= room)
        .map_or_else(
            || format::fit("T, C marks", room, sym.ellipsis),
            str::to_string,
        );
    let at = area
        .right()
        .saturating_sub(marks.width() as u16 + 1)
        .max(end + 2);
    buf.set_stringn(at, area.y, &marks, room, dim);
}

/// The columns of a bar row.
struct Layout {
    id_width: usize,
    amount_width: usize,
    /// 0 when the percent of the contribution gives way to the bar in a narrow pane.
    percent_width: usize,
    bar_width: u16,
    half: u16,
}

impl Layout {
    fn of(app: &App, area: Rect) -> Layout {
        let id_width = app
            .agreement()
            .parties
            .iter()
            .map(|p| p.id.width())
            .max()
            .unwrap_or(0)
            .min(10);
        // As wide as the widest figure the scale allows, so the columns stay put as figures change.
        let calc = app.calc();
        let amount_width = calc
            .exposures
            .iter()
            .map(|e| money(e.total, true).width())
            .chain([money(-calc.scale, true).width()])
            .max()
            .unwrap_or(4)
            .max(4);
        let bar = |percent: usize| {
            let fixed = id_width + 1 + 1 + amount_width + percent + 2;
            (area.width as usize).saturating_sub(fixed) as u16
        };
        // A bar of fewer than five columns a side says little: the percent goes first. It is
        // shown only with its label, so it is never read as a share of the variance.
        // Where the label does not fit, the bar keeps the width it has beside a percent, so the
        // axis and the legend over it stay where they are.
        let labelled = PERCENT_WIDTH + OF_CONTRIBUTION.len() + 1;
        let (percent_width, bar_width) = if bar(labelled) >= 11 {
            (labelled, bar(labelled))
        } else if bar(PERCENT_WIDTH + 1) >= 11 {
            (0, bar(PERCENT_WIDTH + 1))
        } else {
            (0, bar(0))
        };
        Layout {
            id_width,
            amount_width,
            percent_width: percent_width.saturating_sub(1),
            bar_width,
            half: bar_width.saturating_sub(1) / 2,
        }
    }
}

const PERCENT_WIDTH: usize = 7;

/// What the percent beside a bar is a share of: what the partner puts in, not the variance.
const OF_CONTRIBUTION: &str = " of contrib.";

/// Which bars fit in `rows`: the first, how many, and whether a line says how many do not. The
/// selected party's bar is always among them.
fn window(parties: usize, rows: u16, selected: usize) -> (usize, usize, bool) {
    let rows = usize::from(rows);
    if parties <= rows || rows == 0 {
        return (0, parties.min(rows), false);
    }
    let (shown, hint) = if rows >= 2 {
        (rows - 1, true)
    } else {
        (rows, false)
    };
    let selected = selected.min(parties - 1);
    let first = (selected + 1).saturating_sub(shown).min(parties - shown);
    (first, shown, hint)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let calc = &app.calc();
    let Layout {
        id_width,
        amount_width,
        percent_width,
        bar_width,
        half,
    } = Layout::of(app, area);
    let scale = scale(app);
    let amounts: Vec<String> = calc
        .exposures
        .iter()
        .map(|e| money(e.total, true))
        .collect();
    let (first, shown, hint) = window(calc.exposures.len(), area.height, app.party_cursor());
    if hint {
        let text = format!(
            "{} +{} more parties ({}-{} of {} shown)",
            sym.ellipsis,
            calc.exposures.len() - shown,
            first + 1,
            first + shown,
            calc.exposures.len()
        );
        let w = area.width as usize;
        let y = area.y + shown as u16;
        buf.set_stringn(
            area.x,
            y,
            format::fit(&text, w, sym.ellipsis),
            w,
            theme.tone(Tone::Dim),
        );
    }
    for (n, e) in calc.exposures.iter().enumerate().skip(first).take(shown) {
        let y = area.y + (n - first) as u16;
        let mut x = area.x;
        let alarm = if e.breach { Tone::Breach } else { Tone::Text };
        // The party selected in the parties or appetite pane is marked on its bar too.
        let id_style = if n == app.party_cursor()
            && matches!(app.focus(), PaneId::Parties | PaneId::Appetite)
        {
            theme.selected()
        } else {
            theme.tone(alarm).add_modifier(Modifier::BOLD)
        };
        buf.set_stringn(
            x,
            y,
            format::left(&e.id, id_width, sym.ellipsis),
            id_width,
            id_style,
        );
        x += id_width as u16 + 1;
        if half >= 2 {
            let axis = x + half;
            for col in 0..bar_width {
                buf.set_stringn(x + col, y, " ", 1, theme.tone(Tone::Text));
            }
            buf.set_stringn(axis, y, sym.axis, 1, theme.tone(Tone::Dim));
            let at = |c: i32| (i32::from(axis) + c) as u16;
            let reach = |amount: Decimal| reach(amount, scale, half, theme.ascii);
            let eighths = reach(e.total);
            let (whole, part) = (eighths.abs() / 8, eighths.abs() % 8);
            let side = eighths.signum();
            let tone = theme.tone(if side > 0 { Tone::Cost } else { Tone::Saving });
            for step in 1..=whole {
                buf.set_stringn(at(side * step), y, sym.bar, 1, tone);
            }
            let end = cell(eighths);
            if part > 0 {
                let glyph = if side > 0 {
                    left_part(part)
                } else {
                    right_part(part)
                };
                buf.set_stringn(at(end), y, glyph, 1, tone);
            }
            // A mark never hides the bar: on a cell the bar reaches it is drawn reversed in the
            // bar's own tone, a block of the bar with the letter cut out (with or without
            // colour); past the bar it is a letter in the marks' tone.
            let mut mark = |amount: Decimal, letter: &str| {
                let c = cell(reach(amount));
                let style = if c != 0 && c.signum() == side && c.abs() <= end.abs() {
                    tone.add_modifier(Modifier::BOLD | Modifier::REVERSED)
                } else {
                    theme.tone(Tone::Warning).add_modifier(Modifier::BOLD)
                };
                buf.set_stringn(at(c), y, letter, 1, style);
            };
            // Where the party's caps add up to a limit, `C` marks it; where only some of its
            // shares are at their caps, `C` sits at the end of its bar.
            let party = calc.party(n);
            let mut cap_at_end = None;
            match party.and_then(|p| p.cap_limit) {
                Some(limit) => mark(limit, "C"),
                None if party.is_some_and(|p| !p.at_cap.is_empty()) => {
                    let c = if end == 0 {
                        e.total.signum().to_i32().unwrap_or(0)
                    } else {
                        end
                    };
                    cap_at_end = Some(at(c));
                }
                None => {}
            }
            mark(e.tolerance, "T");
            if let Some(at) = cap_at_end {
                let style = theme
                    .tone(Tone::Warning)
                    .add_modifier(Modifier::BOLD | Modifier::REVERSED);
                buf.set_stringn(at, y, "C", 1, style);
            }
            x += bar_width + 1;
        }
        let amount = format::right(&amounts[n], amount_width);
        buf.set_stringn(
            x,
            y,
            amount,
            amount_width,
            theme.tone(alarm).add_modifier(Modifier::BOLD),
        );
        x += amount_width as u16 + 1;
        let percent = calc
            .party(n)
            .and_then(|p| p.percent_of_contribution)
            .map_or_else(
                || "   n/a no contrib.".to_string(),
                |p| format!("{:>6.1}%{OF_CONTRIBUTION}", p.round_dp(1)),
            );
        if percent_width > 0 {
            buf.set_stringn(x, y, &percent, percent_width, theme.tone(Tone::Dim));
            x += percent_width as u16 + 1;
        }
        if e.breach && x < area.right() {
            buf.set_stringn(
                x,
                y,
                "!",
                1,
                theme.tone(Tone::Breach).add_modifier(Modifier::REVERSED),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_selected_party_s_bar_stays_in_view() {
        assert_eq!(window(4, 4, 3), (0, 4, false));
        assert_eq!(window(40, 5, 0), (0, 4, true));
        assert_eq!(window(40, 5, 20), (17, 4, true));
        assert_eq!(window(40, 5, 39), (36, 4, true));
        assert_eq!(window(40, 1, 20), (20, 1, false));
        assert_eq!(window(40, 0, 20), (0, 0, false));
    }
}
