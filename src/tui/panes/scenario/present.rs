//! The presentation view (`z` on the Scenario pane): the scenario's name, the variance and each
//! partner's figure in big characters for the back of a room, as large as the pane allows (they
//! grow with the space, from 80x24 to a projector's 200x56) and drawn with ASCII under
//! `--ascii`. Under each big figure the exact one in pounds and pence. The engine's figures,
//! laid out only.

use super::{font, side_words, slider};
use crate::tui::app::App;
use crate::tui::format::{self, held_percent, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// The largest scale tried: beyond it the figures would not fit any screen.
const MOST: u16 = 8;

/// A figure in whole pounds, signed when a saving: "£571,066", "-£12,000".
fn big_pounds(amount: Decimal) -> String {
    let sign = if amount.round_dp(0) < Decimal::ZERO {
        "-"
    } else {
        ""
    };
    format!("{sign}£{}", money(amount.abs(), false))
}

/// With ASCII a pixel is drawn whole only at even scales (two half rows to a cell), so beyond
/// scale one only those are used: odd ones would mix `"` and `_` into every stroke.
fn fits_ascii(scale: u16, ascii: bool) -> bool {
    !ascii || scale <= 1 || scale.is_multiple_of(2)
}

/// How the view is laid out: the scale of each part and the partners' columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// The name's scale; 0 draws it as a line of bold text.
    name: u16,
    /// The variance's scale.
    heading: u16,
    /// The partners' scale.
    scale: u16,
    /// Whether the partners' ids are big too (else a line of text beside the figure).
    big_ids: bool,
    columns: u16,
    /// Partner rows shown (the rest are counted).
    rows: u16,
    /// Blank rows between rows of partners (1, or 0 where the room is tight).
    spacing: u16,
}

struct Parts {
    name: String,
    percent: String,
    pounds: String,
    partners: Vec<(String, String)>,
}

impl Parts {
    fn of(app: &App) -> Parts {
        let allocation = &app.calc().allocation;
        Parts {
            name: app.scenario_label(),
            percent: held_percent(allocation.variance_percent),
            pounds: big_pounds(allocation.variance),
            partners: allocation
                .parties
                .iter()
                .map(|p| (p.id.clone(), big_pounds(p.total)))
                .collect(),
        }
    }

    fn variance_width(&self, s: u16) -> u16 {
        font::width(&self.percent, s) + 3 * s + font::width(&self.pounds, s)
    }

    /// The widest id (big, or as text) and the widest figure, at a scale.
    fn partner_widths(&self, s: u16, big_ids: bool) -> (u16, u16) {
        let id = self.partners.iter().map(|(id, _)| {
            if big_ids {
                font::width(id, s) + 2 * s
            } else {
                id.width() as u16 + 1
            }
        });
        let figure = self.partners.iter().map(|(_, f)| font::width(f, s)).max();
        (id.max().unwrap_or(0), figure.unwrap_or(0))
    }

    /// One partner's block: its id, its figure, and room for the exact line under it.
    fn block(&self, s: u16, big_ids: bool) -> u16 {
        let (id, figure) = self.partner_widths(s, big_ids);
        (id + figure).max(24)
    }

    /// The heading (name, gap, variance, its exact line, gap) at the largest scale that fits
    /// `height` rows, not below `least`: (name scale or 0 for text, variance scale, rows).
    fn heading(&self, area: Rect, height: u16, least: u16, ascii: bool) -> Option<(u16, u16, u16)> {
        (least..=MOST)
            .rev()
            .filter(|&s| fits_ascii(s, ascii))
            .find_map(|hs| {
                if self.variance_width(hs) > area.width {
                    return None;
                }
                // The name as large as it fits beside the variance's rows; as text at the least.
                (0..=hs)
                    .rev()
                    .filter(|&s| fits_ascii(s, ascii))
                    .find_map(|name| {
                        let name_h = if name == 0 {
                            1
                        } else if font::width(&self.name, name) <= area.width {
                            font::height(name)
                        } else {
                            return None;
                        };
                        let rows = name_h + 1 + font::height(hs) + 2;
                        (rows <= height).then_some((name, hs, rows))
                    })
            })
    }

    /// The largest partners that fit with every one shown and a heading at least as large;
    /// failing that, scale one with as many partners as fit.
    fn layout(&self, area: Rect, ascii: bool) -> Layout {
        let n = self.partners.len() as u16;
        let tries = [(true, 1), (false, 1), (true, 0), (false, 0)];
        for s in (1..=MOST).rev().filter(|&s| fits_ascii(s, ascii)) {
            for (big_ids, spacing) in tries {
                let block = self.block(s, big_ids);
                if block > area.width {
                    continue;
                }
                let gap = 3 * s;
                let columns = ((area.width + gap) / (block + gap)).clamp(1, n.max(1));
                let rows = n.div_ceil(columns);
                let partners_h = (rows * (font::height(s) + 1 + spacing)).saturating_sub(spacing);
                let Some(rest) = area.height.checked_sub(partners_h) else {
                    continue;
                };
                if let Some((name, heading, _)) = self.heading(area, rest, s, ascii) {
                    return Layout {
                        name,
                        heading,
                        scale: s,
                        big_ids,
                        columns,
                        rows,
                        spacing,
                    };
                }
            }
        }
        // Too many partners for the room: the heading at scale one, and the rows that fit.
        let (name, heading, used) = self
            .heading(area, area.height, 1, ascii)
            .unwrap_or((0, 1, 7));
        let block = self.block(1, false);
        let columns = ((area.width + 3) / (block + 3)).max(1);
        let rows = area.height.saturating_sub(used + 1) / (font::height(1) + 2);
        Layout {
            name,
            heading,
            scale: 1,
            big_ids: false,
            columns,
            rows,
            spacing: 1,
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 20 {
        return;
    }
    slider::render(app, Rect::new(area.x, area.y, area.width, 1), buf);
    let area = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let theme = app.theme();
    let sym = theme.symbols();
    let ascii = theme.ascii;
    let parts = Parts::of(app);
    let plan = parts.layout(area, ascii);
    let s = plan.scale;
    let h = font::height(s);
    let hs = plan.heading;
    let right = area.right();
    let small = |y: u16, x: u16, text: &str, style: Style, buf: &mut Buffer| {
        if y < area.bottom() && x < right {
            let room = (right - x) as usize;
            buf.set_stringn(x, y, format::fit(text, room, sym.ellipsis), room, style);
        }
    };
    let mut y = area.y;
    // The scenario's name.
    let accent = theme.tone(Tone::Accent).add_modifier(Modifier::BOLD);
    if plan.name == 0 {
        small(y, area.x, &parts.name, accent, buf);
        y += 1;
    } else {
        font::draw(
            &parts.name,
            (area.x, y),
            right,
            plan.name,
            ascii,
            accent,
            buf,
        );
        y += font::height(plan.name);
    }
    y += 1;
    // The variance: its percent of the pooled budget and its pounds, then the exact figure.
    let allocation = &app.calc().allocation;
    let (word, tone) = side_words(allocation.variance);
    let style = theme.tone(tone).add_modifier(Modifier::BOLD);
    if y + font::height(hs) <= area.bottom() {
        let x = font::draw(&parts.percent, (area.x, y), right, hs, ascii, accent, buf);
        font::draw(&parts.pounds, (x + 2 * hs, y), right, hs, ascii, style, buf);
        y += font::height(hs);
    }
    let exact = format!(
        "Variance {} of the pooled budget  {}{} {word}{}",
        parts.percent,
        sym.pound,
        money(allocation.variance.abs(), true),
        super::held_text(app, usize::MAX)
    );
    small(y, area.x, &exact, theme.tone(Tone::Text), buf);
    y += 2;
    if let Some(error) = &app.calc().error {
        small(
            y,
            area.x,
            &format!("! Cannot allocate: {error}"),
            theme.tone(Tone::Breach),
            buf,
        );
        return;
    }
    // Each partner: its id and its total, big, with the exact total, tolerance and any breach.
    let block = parts.block(s, plan.big_ids);
    let gap = 3 * s;
    let shown = (plan.rows * plan.columns) as usize;
    let caption = |p: &crate::engine::PartyResult, tolerance: bool| {
        let breach = if p.breach { "  ! BREACH" } else { "" };
        let total = format!("{} {}{}", p.id, sym.pound, money(p.total, true));
        if tolerance {
            format!("{total}  tolerance {}{breach}", money(p.tolerance, true))
        } else {
            format!("{total}{breach}")
        }
    };
    // Every partner's tolerance is named, or none is: a caption that drops it beside one that
    // keeps it reads as if the tolerance belonged to the partner before.
    let tolerances = allocation
        .parties
        .iter()
        .take(shown)
        .all(|p| caption(p, true).width() <= block as usize);
    for (i, p) in allocation.parties.iter().enumerate().take(shown) {
        let (column, row) = (i as u16 % plan.columns, i as u16 / plan.columns);
        let x = area.x + column * (block + gap);
        let top = y + row * (h + 1 + plan.spacing);
        let (big_id, big_figure) = &parts.partners[i];
        let tone = if p.breach {
            Tone::Breach
        } else {
            side_words(p.total).1
        };
        let figure_x = x + block - font::width(big_figure, s);
        if plan.big_ids {
            font::draw(big_id, (x, top), right, s, ascii, accent, buf);
        } else {
            small(top + h / 2, x, big_id, accent, buf);
        }
        let figure_style = theme.tone(tone).add_modifier(Modifier::BOLD);
        font::draw(
            big_figure,
            (figure_x, top),
            right,
            s,
            ascii,
            figure_style,
            buf,
        );
        let exact = caption(p, tolerances);
        let exact_x = (x + block).saturating_sub(exact.width() as u16).max(x);
        let exact_style = theme.tone(if p.breach { Tone::Breach } else { Tone::Text });
        small(top + h, exact_x, &exact, exact_style, buf);
    }
    let hidden = allocation.parties.len().saturating_sub(shown);
    if hidden > 0 {
        let foot = format!(
            "{} +{hidden} more partners: the Bars view lists every one",
            sym.ellipsis
        );
        small(area.bottom() - 1, area.x, &foot, theme.tone(Tone::Dim), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_whole_pounds_with_the_sign_of_a_saving() {
        assert_eq!(big_pounds(Decimal::new(57106563, 2)), "£571,066");
        assert_eq!(big_pounds(Decimal::new(-1200000, 2)), "-£12,000");
        assert_eq!(big_pounds(Decimal::new(-40, 2)), "£0");
    }
}
