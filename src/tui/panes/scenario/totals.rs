//! Under where the money goes, each partner's total as `calc` gives it: its shares of the
//! schemes (`pooled`, the sum of its share row above), the costs of its retained risks, its part
//! of by-influence risks and its own benefits, which add up to the total the bars and the
//! Appetite pane show. The engine's figures ([`PartyResult::figures`]), laid out only.

use crate::engine::PartyResult;
use crate::tui::app::App;
use crate::tui::format::{self, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

/// The figures a partner's row gives, as [`PartyResult::FIGURES`] names them: the first four add
/// up to the last, the total.
const SHOWN: std::ops::Range<usize> = 0..5;
/// The index of the total among the figures.
const TOTAL: usize = 4;
/// The head of the partners' column.
const HEAD: &str = "Partner";

/// The partners' table laid out for a width.
pub struct Totals {
    label_width: usize,
    /// The figures shown (indices into [`PartyResult::FIGURES`]) with their columns' widths.
    columns: Vec<(usize, usize)>,
    /// The figures left out because each is 0.00 for every partner (the rows still add up).
    pub zero_hidden: Vec<&'static str>,
    /// Each partner: its id, its figures as text, and whether it is past its tolerance.
    rows: Vec<(String, Vec<String>, bool)>,
}

impl Totals {
    /// The table for `width` columns; a figure that is 0.00 for every partner gives way first
    /// (benefits, then influence, then retained). `None` when even then it does not fit: a
    /// table without a figure that is not zero would not add up.
    pub fn fit(parties: &[PartyResult], width: usize) -> Option<Totals> {
        if parties.is_empty() {
            return None;
        }
        let rows: Vec<(String, Vec<String>, bool)> = parties
            .iter()
            .map(|p| {
                let figures = p.figures();
                let cells = SHOWN.map(|i| money(figures[i], true)).collect();
                (p.id.clone(), cells, p.breach)
            })
            .collect();
        let label_width = rows
            .iter()
            .map(|(id, _, _)| id.width())
            .chain([HEAD.width()])
            .max()
            .unwrap_or(0);
        let width_of = |i: usize| {
            rows.iter()
                .map(|(_, cells, _)| cells[i].width())
                .chain([PartyResult::FIGURES[i].width()])
                .max()
                .unwrap_or(0)
        };
        let mut columns: Vec<(usize, usize)> = SHOWN.map(|i| (i, width_of(i))).collect();
        let mut zero_hidden = Vec::new();
        let used = |columns: &[(usize, usize)]| {
            label_width + columns.iter().map(|(_, w)| w + 2).sum::<usize>() - 1
        };
        // retained, influence, benefits: the ones that may be all zero; the last gives way first.
        for figure in [3, 2, 1] {
            if used(&columns) <= width {
                break;
            }
            if parties.iter().all(|p| p.figures()[figure].is_zero()) {
                columns.retain(|(i, _)| *i != figure);
                zero_hidden.insert(0, PartyResult::FIGURES[figure]);
            }
        }
        (used(&columns) <= width).then_some(Totals {
            label_width,
            columns,
            zero_hidden,
            rows,
        })
    }

    /// Its lines: the head and a line per partner.
    pub fn height(&self) -> u16 {
        u16::try_from(self.rows.len() + 1).unwrap_or(u16::MAX)
    }

    /// Draws it from (`x`, `y`), as far as `bottom`.
    pub fn render(&self, app: &App, x: u16, y: u16, bottom: u16, buf: &mut Buffer) {
        let theme = app.theme();
        let sym = theme.symbols();
        let head = theme.tone(Tone::Accent).add_modifier(Modifier::BOLD);
        buf.set_stringn(x, y, HEAD, self.label_width, theme.tone(Tone::Dim));
        let mut cx = x + self.label_width as u16 + 1;
        for &(i, w) in &self.columns {
            let name = format::right(PartyResult::FIGURES[i], w);
            buf.set_stringn(cx, y, name, w, head);
            cx += w as u16 + 2;
        }
        for (n, (id, cells, breach)) in self.rows.iter().enumerate() {
            let row = y + 1 + n as u16;
            if row >= bottom {
                break;
            }
            let label = format::left(id, self.label_width, sym.ellipsis);
            buf.set_stringn(x, row, label, self.label_width, theme.tone(Tone::Dim));
            let mut cx = x + self.label_width as u16 + 1;
            for &(i, w) in &self.columns {
                let style = match (i == TOTAL, *breach) {
                    (true, true) => theme.tone(Tone::Breach).add_modifier(Modifier::BOLD),
                    (true, false) => theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
                    _ => theme.tone(Tone::Text),
                };
                buf.set_stringn(cx, row, format::right(&cells[i], w), w, style);
                cx += w as u16 + 2;
            }
        }
    }
}
