//! The scenario pane: the over/underspend slider with the review thresholds on it, the variance
//! in pounds, the named scenario, a live bar per party, and the risks that can be set happening.

mod bars;
mod big;
mod slider;

use crate::tui::app::App;
use crate::tui::format::{self, money, signed_percent};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rust_decimal::Decimal;

pub struct ScenarioView<'a>(pub &'a App);

impl Widget for ScenarioView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        if area.height == 0 || area.width < 10 {
            return;
        }
        let parties = app.agreement.parties.len() as u16;
        let risks = app.agreement.risks.len() as u16;
        // Rows: slider, variance, bars, unallocated, risks. The rest is spare, spent on big
        // digits, a review line and one risk per row, in that order of worth.
        let essential = 2 + parties + 1 + 1;
        let mut spare = area.height.saturating_sub(essential);
        let big = spare >= 5 + 2 && area.width >= 60;
        if big {
            spare -= 5;
        }
        let review = spare >= 1 && app.calc.review.is_some();
        if review {
            spare -= 1;
        }
        let risk_rows = if spare > risks + 1 { risks } else { 0 };
        let legend = spare >= 1;

        let mut y = area.y;
        let row = |y: u16| Rect::new(area.x, y, area.width, 1);
        slider::render(app, row(y), buf);
        y += 1;
        if big {
            big::render(app, Rect::new(area.x, y, area.width, 4), buf);
            y += 5;
        } else {
            variance_line(app, row(y), buf);
            y += 1;
        }
        if review && let Some((at, action)) = &app.calc.review {
            let text = format!("Past {}: {action}", signed_percent(*at));
            let sym = app.theme.symbols();
            buf.set_stringn(
                area.x,
                y,
                format::fit(&text, area.width as usize, sym.ellipsis),
                area.width as usize,
                app.theme.tone(Tone::Warning),
            );
            y += 1;
        }
        if legend {
            bars::legend(app, row(y), buf);
            y += 1;
        }
        let bars_area = Rect::new(
            area.x,
            y,
            area.width,
            parties.min(area.bottom().saturating_sub(y)),
        );
        bars::render(app, bars_area, buf);
        y += bars_area.height;
        if y < area.bottom() {
            unallocated_line(app, row(y), buf);
            y += 1;
        }
        if y >= area.bottom() {
            return;
        }
        if risk_rows > 0 {
            y += 1;
            let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
            risk_list(app, rest, buf);
        } else {
            risk_strip(app, row(area.bottom() - 1), buf);
        }
    }
}

fn variance_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let v = app.calc.variance;
    let (word, tone) = side_words(v);
    let line = Line::from(vec![
        Span::styled("Variance ", theme.tone(Tone::Dim)),
        Span::styled(
            signed_percent(app.scenario.working.variance),
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
        ),
        Span::raw("  "),
        Span::styled(
            format!("{}{}", theme.symbols().pound, money(v.abs(), true)),
            theme.tone(tone).add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!(" {word}"), theme.tone(tone)),
    ]);
    line.render(area, buf);
}

/// How to name a variance: overspend, underspend, or on budget.
pub fn side_words(v: Decimal) -> (&'static str, Tone) {
    if v > Decimal::ZERO {
        ("overspend", Tone::Cost)
    } else if v < Decimal::ZERO {
        ("underspend", Tone::Saving)
    } else {
        ("on budget", Tone::Text)
    }
}

fn unallocated_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let sym = theme.symbols();
    let text = if let Some(error) = &app.calc.error {
        Span::styled(
            format!("! Cannot allocate: {error}"),
            theme.tone(Tone::Breach),
        )
    } else if app.calc.unallocated.is_zero() {
        Span::styled(
            format!(
                "Unallocated 0.00  {} bars to {}{}",
                sym.dot,
                sym.pound,
                money(app.calc.scale, false)
            ),
            theme.tone(Tone::Dim),
        )
    } else {
        Span::styled(
            format!(
                "! UNALLOCATED {}{}: every member is at its cap; arbitration decides",
                sym.pound,
                money(app.calc.unallocated, true)
            ),
            theme.tone(Tone::Breach).add_modifier(Modifier::REVERSED),
        )
    };
    let shown = format::fit(&text.content, area.width as usize, sym.ellipsis);
    buf.set_stringn(area.x, area.y, shown, area.width as usize, text.style);
}

fn checkbox(app: &App, id: &str) -> &'static str {
    if app.scenario.working.risks.iter().any(|r| r == id) {
        "[x]"
    } else {
        "[ ]"
    }
}

/// The risks in one line, when there is no room for a list.
fn risk_strip(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled("Risks ", theme.tone(Tone::Dim))];
    for (n, r) in app.agreement.risks.iter().enumerate() {
        let style =
            if n == app.scenario.risk_cursor && app.focus == crate::tui::action::Pane::Scenario {
                theme.selected()
            } else {
                theme.tone(Tone::Text)
            };
        spans.push(Span::styled(
            format!("{}{}", checkbox(app, &r.id), r.id),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);
}

/// One risk a row: whether it happens, its cost and how that cost is treated.
fn risk_list(app: &App, area: Rect, buf: &mut Buffer) {
    use crate::tui::view::table::{self, Cell, Column};
    let columns = [
        Column::text("Happens", 0),
        Column::text("Risk", 0),
        Column::flex("Title", 30, 2),
        Column::number("Cost", 1),
        Column::text("Treatment", 3),
        Column::text("Owner", 4),
    ];
    let rows: Vec<Vec<Cell>> = app
        .agreement
        .risks
        .iter()
        .map(|r| {
            vec![
                Cell::new(format!("  {}", checkbox(app, &r.id))),
                Cell::new(r.id.clone()),
                Cell::new(r.title.clone()),
                Cell::new(money(r.cost, true)),
                Cell::new(r.treatment.label()),
                Cell::new(r.owner.clone()),
            ]
        })
        .collect();
    let selected =
        (app.focus == crate::tui::action::Pane::Scenario).then_some(app.scenario.risk_cursor);
    table::render(area, buf, &app.theme, &columns, &rows, selected);
}
