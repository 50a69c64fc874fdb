//! The Parties pane's monitoring view: for each scheme with `quarters`, the plan and actual of
//! each quarter (with a bar for each where there is room), the year-to-date variance and the
//! two forecasts the engine makes of the outturn (`Forecast: to plan`, `Forecast: run rate`).
//!
//! The schemes start from the one selected in the Parties pane (Left/Right). Every figure is
//! the file's or the engine's (`engine::forecast`); the view only lays them out.

use crate::engine::forecast::{RUN_RATE, SchemeForecast, TO_PLAN};
use crate::model::Scheme;
use crate::tui::app::App;
use crate::tui::format::{fit, money, right, wrap};
use crate::tui::theme::{Theme, Tone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;

/// Pounds with a sign: `+13,345.67`, `-2,000.00`, `0.00`.
fn signed(amount: Decimal, pence: bool) -> String {
    let text = money(amount, pence);
    if amount > Decimal::ZERO && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

/// What a variance reads as: an overspend is a cost, an underspend a saving.
fn tone(amount: Decimal) -> Tone {
    match amount.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => Tone::Cost,
        std::cmp::Ordering::Less => Tone::Saving,
        std::cmp::Ordering::Equal => Tone::Text,
    }
}

/// Writes one line of text, cut to the width.
struct Out<'a> {
    area: Rect,
    theme: &'a Theme,
    y: u16,
}

impl Out<'_> {
    fn room(&self) -> u16 {
        self.area.bottom().saturating_sub(self.y)
    }

    fn line(&mut self, buf: &mut Buffer, text: &str, tone: Tone) {
        if self.y < self.area.bottom() {
            let width = self.area.width as usize;
            let ellipsis = self.theme.symbols().ellipsis;
            buf.set_stringn(
                self.area.x,
                self.y,
                fit(text, width, ellipsis),
                width,
                self.theme.tone(tone),
            );
        }
        self.y += 1;
    }
}

/// The rows one scheme takes in full: its name, the column heads, a row per quarter, the year
/// to date and the forecasts.
fn full_rows(scheme: &Scheme, f: &SchemeForecast, pence: bool, width: u16) -> u16 {
    let forecasts = u16::try_from(forecasts_lines(f, pence, width).len()).unwrap_or(2);
    let to_date = u16::try_from(to_date_lines(f, pence, width).len()).unwrap_or(2);
    2 + to_date + forecasts + u16::try_from(scheme.quarters.len()).unwrap_or(u16::MAX)
}

/// The plan, actual and variance to date, every figure whole: on one line where it fits, else
/// wrapped.
fn to_date_lines(f: &SchemeForecast, pence: bool, width: u16) -> Vec<String> {
    let figures = format!(
        "plan {}, actual {}, variance {}",
        money(f.plan_to_date, pence),
        money(f.actual_to_date, pence),
        signed(f.variance_to_date, pence)
    );
    let fits = |t: &String| t.chars().count() <= usize::from(width);
    let (long, short) = (
        format!("Year to date: {figures}"),
        format!("To date: {figures}"),
    );
    if fits(&long) {
        vec![long]
    } else if fits(&short) {
        vec![short]
    } else {
        crate::tui::format::wrap(&short, usize::from(width))
    }
}

/// The first of `choices` that fits the width, else the last.
fn first_fitting(choices: Vec<String>, width: u16) -> String {
    let fits = |t: &String| t.chars().count() <= usize::from(width);
    let last = choices.last().cloned().unwrap_or_default();
    choices.into_iter().find(fits).unwrap_or(last)
}

fn heading(s: &Scheme, f: &SchemeForecast, pence: bool, width: u16) -> String {
    let (budget, n, m) = (money(f.budget, pence), f.reported.len(), s.quarters.len());
    first_fitting(
        vec![
            format!(
                "{} {}: budget {budget}, {n} of {m} quarters reported",
                s.id, s.name
            ),
            format!("{}: budget {budget}, {n} of {m} reported", s.id),
        ],
        width,
    )
}

/// The two forecasts on one line where it fits, else one line each.
fn forecasts_lines(f: &SchemeForecast, pence: bool, width: u16) -> Vec<String> {
    let (to_plan, run_rate) = (signed(f.to_plan, pence), signed(f.run_rate, pence));
    let one = format!("{TO_PLAN} {to_plan}   {RUN_RATE} {run_rate}");
    if one.chars().count() <= usize::from(width) {
        vec![one]
    } else {
        vec![
            format!("{TO_PLAN} {to_plan}"),
            format!("{RUN_RATE} {run_rate}"),
        ]
    }
}

/// The quarters of one scheme: plan, actual, and a bar of each against the largest.
fn quarters(out: &mut Out, buf: &mut Buffer, s: &Scheme, pence: bool) {
    let sym = out.theme.symbols();
    let cells: Vec<(String, String, String)> = s
        .quarters
        .iter()
        .map(|q| {
            let actual = q
                .actual
                .map_or_else(|| "-".to_string(), |a| money(a, pence));
            (format!("Q{}", q.quarter), money(q.plan, pence), actual)
        })
        .collect();
    let w = cells
        .iter()
        .flat_map(|(_, p, a)| [p.len(), a.len()])
        .chain(["Actual".len()])
        .max()
        .unwrap_or(6);
    let text_width = 3 + 1 + w + 1 + w;
    let bar_width = (out.area.width as usize).saturating_sub(text_width + 2);
    let bars = bar_width >= 8;
    let head = format!("{:<3} {} {}", "", right("Plan", w), right("Actual", w));
    let legend = format!("  {} plan, {} actual", sym.track, sym.bar);
    let head = if bars && head.len() + legend.chars().count() <= out.area.width as usize {
        format!("{head}{legend}")
    } else {
        head
    };
    if out.y < out.area.bottom() {
        let width = out.area.width as usize;
        buf.set_stringn(
            out.area.x,
            out.y,
            fit(&head, width, sym.ellipsis),
            width,
            out.theme.heading(),
        );
    }
    out.y += 1;
    let largest = s
        .quarters
        .iter()
        .flat_map(|q| [Some(q.plan), q.actual])
        .flatten()
        .max()
        .unwrap_or(Decimal::ZERO);
    for (q, (label, plan, actual)) in s.quarters.iter().zip(&cells) {
        let y = out.y;
        out.line(
            buf,
            &format!("{label:<3} {} {}", right(plan, w), right(actual, w)),
            if q.actual.is_some() {
                Tone::Text
            } else {
                Tone::Dim
            },
        );
        if !bars || y >= out.area.bottom() || largest <= Decimal::ZERO {
            continue;
        }
        let length = |v: Decimal| -> usize {
            let cells = (v.max(Decimal::ZERO) * Decimal::from(bar_width) / largest).round();
            usize::try_from(cells.mantissa())
                .unwrap_or(0)
                .min(bar_width)
        };
        let x = out.area.x + u16::try_from(text_width + 2).unwrap_or(u16::MAX);
        let plan_len = length(q.plan);
        buf.set_stringn(
            x,
            y,
            sym.track.repeat(plan_len),
            bar_width,
            out.theme.tone(Tone::Dim),
        );
        if let Some(a) = q.actual {
            let over = a > q.plan;
            buf.set_stringn(
                x,
                y,
                sym.bar.repeat(length(a)),
                bar_width,
                out.theme.tone(if over { Tone::Cost } else { Tone::Saving }),
            );
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width < 6 {
        return;
    }
    let theme = app.theme();
    let mut out = Out {
        area,
        theme,
        y: area.y,
    };
    let pence = area.width >= 64;
    let schemes = &app.agreement().schemes;
    // From the selected scheme on, then round to the first.
    let start = app.scheme_cursor().min(schemes.len());
    let forecasts = &app.calc().forecasts;
    let monitored: Vec<(&Scheme, Option<&Result<SchemeForecast, String>>)> = (start..schemes.len())
        .chain(0..start)
        .map(|i| (&schemes[i], forecasts.get(i)))
        .filter(|(s, _)| !s.quarters.is_empty())
        .collect();
    if monitored.is_empty() {
        let text = "No scheme has quarters: add `quarters` (plan and actual by quarter) to a scheme to monitor it";
        for line in wrap(text, area.width as usize) {
            out.line(buf, &line, Tone::Dim);
        }
        return;
    }
    let mut found = Vec::new();
    for (s, f) in &monitored {
        match f {
            Some(Ok(f)) => found.push((*s, f)),
            Some(Err(e)) => {
                out.line(buf, &format!("{}: {e}", s.id), Tone::Breach);
            }
            // The agreement changed and the figures are not yet calculated: nothing to show.
            None => {}
        }
    }
    let count = u16::try_from(found.len()).unwrap_or(u16::MAX);
    let width = area.width;
    let full: u16 = found
        .iter()
        .map(|(s, f)| full_rows(s, f, pence, width) + 1)
        .sum();
    let full = full.saturating_sub(1) <= out.room();
    for (n, (s, f)) in found.iter().enumerate() {
        let left = count - n as u16;
        let need = if full {
            full_rows(s, f, pence, width)
        } else {
            1 + u16::try_from(forecasts_lines(f, pence, width).len()).unwrap_or(2)
        };
        // Keep a row to say what is left out, unless this is the last.
        if out.room() < need + u16::from(left > 1) {
            out.line(
                buf,
                &format!("and {left} more: Left/Right picks the scheme shown first"),
                Tone::Dim,
            );
            return;
        }
        if full {
            out.line(buf, &heading(s, f, pence, width), Tone::Accent);
            quarters(&mut out, buf, s, pence);
            for text in to_date_lines(f, pence, width) {
                out.line(buf, &text, tone(f.variance_to_date));
            }
        } else {
            let (to_date, n, m) = (
                signed(f.variance_to_date, pence),
                f.reported.len(),
                s.quarters.len(),
            );
            let text = first_fitting(
                vec![
                    format!(
                        "{} {}: year to date {to_date} ({n} of {m} reported)",
                        s.id, s.name
                    ),
                    format!("{}: to date {to_date} ({n} of {m} reported)", s.id),
                    format!("{}: to date {to_date} ({n} of {m})", s.id),
                ],
                width,
            );
            out.line(buf, &text, tone(f.variance_to_date));
        }
        for line in forecasts_lines(f, pence, width) {
            out.line(buf, &line, tone(f.to_plan));
        }
        if full && left > 1 {
            out.y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variance_carries_its_sign() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(signed(d("13345.67"), true), "+13,345.67");
        assert_eq!(signed(d("-2000"), true), "-2,000.00");
        assert_eq!(signed(d("0"), true), "0.00");
        assert_eq!(signed(d("0.004"), true), "0.00");
    }
}
