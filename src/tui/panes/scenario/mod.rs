//! The scenario pane: the over/underspend slider with the review thresholds on it, the variance
//! in pounds, the named scenario, a live bar per party, and the risks that can be set happening.

mod bars;
mod big;
mod breakdown;
mod chart;
mod font;
mod present;
mod risks;
mod slider;
mod totals;

use super::View;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::{self, held_percent, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// The scenario pane's own state: the what-if on it and what it has selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScenarioState {
    /// The what-if shown: a base variance, held per-scheme settings, risks and benefits.
    pub working: crate::model::Scenario,
    /// The named scenario it was picked from.
    pub named: Option<usize>,
    /// The forecast it was picked from (`Forecast: to plan`, `Forecast: run rate`), as worked
    /// out when picked; these are not in the file, so `named` is then `None`.
    pub forecast: Option<crate::model::Scenario>,
    /// The risk selected in the pane's list of risks.
    pub risk_cursor: usize,
    /// The view shown (an index into [`VIEWS`]).
    pub view: usize,
    /// The view shown before `z` zoomed to the presentation, to return to.
    pub before_present: usize,
    /// The scheme the slider moves on its own (an index into the agreement's schemes); `None`
    /// moves the base variance.
    pub scheme: Option<usize>,
}

/// The pane's views, as its tabs name them.
pub const VIEWS: &[View] = &[
    View {
        name: "Bars",
        render: |app, area, buf| ScenarioView(app).render(area, buf),
    },
    View {
        name: "Money",
        render: money_view,
    },
    View {
        name: super::compare::NAME,
        render: super::compare::render,
    },
    View {
        name: "Chart",
        render: chart::render,
    },
    View {
        name: crate::tui::panes::simulation::NAME,
        render: crate::tui::panes::simulation::render,
    },
    View {
        name: PRESENT,
        render: present::render,
    },
];

/// The presentation view's tab: `z` on the Scenario pane zooms to it, and `z` again returns.
pub const PRESENT: &str = "Big";

/// The widest cell of each column of the pane's table of risks and benefits.
pub fn risk_widths(agreement: &crate::model::Agreement) -> Vec<usize> {
    risks::widths(agreement)
}

/// The presentation view's index among the pane's views.
pub fn present_view() -> usize {
    VIEWS.iter().position(|v| v.name == PRESENT).unwrap_or(0)
}

/// The slider and the variance stay in sight over where the money goes.
fn money_view(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 10 {
        return;
    }
    let row = |y: u16| Rect::new(area.x, y, area.width, 1);
    slider::render(app, row(area.y), buf);
    variance_line(app, row(area.y + 1), buf);
    let rest = Rect::new(area.x, area.y + 2, area.width, area.height - 2);
    breakdown::render(app, rest, buf);
}

pub struct ScenarioView<'a>(pub &'a App);

/// What the pane has room for. The slider, the variance, the line of risks and a bar come
/// first; then, in order of worth, a loud unallocated line, the selected risk in words, the rest
/// of the bars, the review line, the legend, the quiet unallocated line, big digits, and a table
/// of risks in place of the line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    variance: bool,
    strip: bool,
    bars: u16,
    unallocated: bool,
    selected: bool,
    legend: bool,
    review: bool,
    big: bool,
    list: bool,
}

/// The rows not yet given out.
struct Rows(u16);

impl Rows {
    fn take(&mut self, n: u16) -> bool {
        let fits = self.0 >= n;
        if fits {
            self.0 -= n;
        }
        fits
    }
}

impl Plan {
    fn of(app: &App, area: Rect) -> Plan {
        let parties = u16::try_from(app.agreement().parties.len()).unwrap_or(u16::MAX);
        let risks = u16::try_from(risks::count(app)).unwrap_or(u16::MAX);
        let loud = app.calc().error.is_some() || !app.calc().unallocated().is_zero();
        let mut rows = Rows(area.height.saturating_sub(1));
        let mut plan = Plan {
            variance: rows.take(1),
            strip: rows.take(1),
            bars: u16::from(parties > 0 && rows.take(1)),
            ..Plan::default()
        };
        plan.unallocated = loud && rows.take(1);
        plan.selected = app.focus() == PaneId::Scenario && risks > 0 && rows.take(1);
        let more = parties.saturating_sub(plan.bars).min(rows.0);
        rows.take(more);
        plan.bars += more;
        // The review line's row is kept whether or not a threshold is crossed, so the bars
        // below it never move as the slider does.
        plan.review = !app.agreement().review_thresholds.is_empty() && rows.take(1);
        plan.legend = plan.bars > 0 && rows.take(1);
        plan.unallocated = plan.unallocated || rows.take(1);
        // Under --ascii there are no half blocks for big digits: the rows go to the list instead
        // (the presentation view, `z`, draws big figures in ASCII).
        plan.big = !app.theme().ascii && area.width >= 60 && rows.take(4);
        // The table needs a gap above it, its header and a few rows (it scrolls the rest).
        let room = rows.0 + u16::from(plan.strip) + u16::from(plan.selected);
        if risks > 0 && room >= 2 + risks.min(5) {
            plan.list = true;
            plan.strip = false;
            plan.selected = false;
        }
        plan
    }
}

impl Widget for ScenarioView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        if area.height == 0 || area.width < 10 {
            return;
        }
        let plan = Plan::of(app, area);
        let mut y = area.y;
        let row = |y: u16| Rect::new(area.x, y, area.width, 1);
        slider::render(app, row(y), buf);
        y += 1;
        if plan.big {
            big::render(app, Rect::new(area.x, y, area.width, 4), buf);
            y += 5;
        } else if plan.variance {
            variance_line(app, row(y), buf);
            y += 1;
        }
        if plan.review {
            review_line(app, row(y), buf);
            y += 1;
        }
        if plan.legend {
            bars::legend(app, row(y), buf);
            y += 1;
        }
        bars::render(app, Rect::new(area.x, y, area.width, plan.bars), buf);
        y += plan.bars;
        if plan.unallocated {
            unallocated_line(app, row(y), buf);
            y += 1;
        }
        if plan.list {
            let rest = Rect::new(
                area.x,
                y + 1,
                area.width,
                area.bottom().saturating_sub(y + 1),
            );
            risks::list(app, rest, buf);
            return;
        }
        // The line of risks and the selected one sit at the foot of the pane.
        let mut foot = area.bottom() - u16::from(plan.strip) - u16::from(plan.selected);
        if plan.strip {
            risks::strip(app, row(foot), buf);
            foot += 1;
        }
        if plan.selected {
            risks::selected(app, row(foot), buf);
        }
    }
}

/// The review thresholds crossed, the furthest first, each with where (the pool, or a scheme on
/// its own): "Past +5.0% in OOH: Escalate to the partnership board; +2.0% in pool, OOH".
pub fn review_text(app: &App) -> Option<String> {
    let mut crossed: Vec<_> = app.calc().allocation.thresholds.iter().collect();
    crossed.sort_by_key(|t| std::cmp::Reverse(t.at.abs()));
    let (first, rest) = crossed.split_first()?;
    let places = |t: &crate::engine::ThresholdCrossed| {
        t.crossed_by
            .iter()
            .map(|c| c.label().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "Past {} in {}: {}",
        held_percent(first.at),
        places(first),
        first.action
    );
    for t in rest {
        text.push_str(&format!("; {} in {}", held_percent(t.at), places(t)));
    }
    Some(text)
}

fn review_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let (text, tone) = match review_text(app) {
        Some(text) => (text, Tone::Warning),
        None => ("No review threshold crossed".to_string(), Tone::Dim),
    };
    buf.set_stringn(
        area.x,
        area.y,
        format::fit(&text, area.width as usize, sym.ellipsis),
        area.width as usize,
        theme.tone(tone),
    );
}

fn variance_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let v = app.calc().allocation.variance;
    let (word, tone) = side_words(v);
    // The real variance: the pool's pounds over the pooled budget, not the slider's base.
    let percent = held_percent(app.calc().allocation.variance_percent);
    let pounds = format!("{}{}", theme.symbols().pound, money(v.abs(), true));
    // In a narrow pane the label goes first, then the word; the figures stay.
    let whole = format!("Variance {percent}  {pounds} {word}").width();
    let room = area.width as usize;
    let label = if whole <= room { "Variance " } else { "" };
    let word = if whole - 9 <= room {
        format!(" {word}")
    } else {
        String::new()
    };
    let used = label.width() + percent.width() + 2 + pounds.width() + word.width();
    let held = held_text(app, room.saturating_sub(used));
    let line = Line::from(vec![
        Span::styled(label, theme.tone(Tone::Dim)),
        Span::styled(
            percent,
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
        ),
        Span::raw("  "),
        Span::styled(pounds, theme.tone(tone).add_modifier(Modifier::BOLD)),
        Span::styled(word, theme.tone(tone)),
        Span::styled(held, theme.tone(Tone::Warning)),
    ]);
    line.render(area, buf);
}

/// The schemes holding their own setting, as the engine reports them: "  DTOC held at +4.0%",
/// or, where `room` (display columns) is too narrow for each in words, "  held: OOH +1.0%,
/// DTOC +4.0%" cut to fit.
pub fn held_text(app: &App, room: usize) -> String {
    let held: Vec<(String, String)> = app
        .calc()
        .allocation
        .schemes
        .iter()
        .filter(|s| s.held)
        .map(|s| {
            let at = match s.setting {
                crate::engine::Setting::Percent(p) => format::held_percent(p),
                crate::engine::Setting::Amount(a) => money(a, true),
            };
            (s.id.clone(), at)
        })
        .collect();
    let words: String = held
        .iter()
        .map(|(id, at)| format!("  {id} held at {at}"))
        .collect();
    if words.width() <= room || held.is_empty() {
        return words;
    }
    let short = held
        .iter()
        .map(|(id, at)| format!("{id} {at}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sym = app.theme().symbols();
    let listed = format!("  held: {short}");
    // Where not even a scheme's id and setting would show, the count says that some are held
    // (the Money view marks them with `*`).
    if listed.width() > room && room < 16 {
        return format::fit(&format!("  {} held", held.len()), room, sym.ellipsis);
    }
    format::fit(&listed, room, sym.ellipsis)
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
    let theme = &app.theme();
    let sym = theme.symbols();
    let text = if let Some(error) = &app.calc().error {
        Span::styled(
            format!("! Cannot allocate: {error}"),
            theme.tone(Tone::Breach),
        )
    } else if app.calc().unallocated().is_zero() {
        Span::styled(
            format!(
                "Unallocated 0.00  {} bars to {}{}",
                sym.dot,
                sym.pound,
                money(bars::scale(app), false)
            ),
            theme.tone(Tone::Dim),
        )
    } else {
        Span::styled(
            format!(
                "! UNALLOCATED {}{}: every member is at its cap; arbitration decides",
                sym.pound,
                money(app.calc().unallocated(), true)
            ),
            theme.tone(Tone::Breach).add_modifier(Modifier::REVERSED),
        )
    };
    let shown = format::fit(&text.content, area.width as usize, sym.ellipsis);
    buf.set_stringn(area.x, area.y, shown, area.width as usize, text.style);
}
