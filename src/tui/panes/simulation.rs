//! The Scenario pane's Simulation view: `engine::simulate` run on the what-if as a background job
//! (the header and the view show its progress; keys keep working), then each party's
//! distribution of totals as a percentile bar (P5 to P95, the median and P80 marked, the worst
//! beyond) with its tolerance marked and its chance of breach. The run is marked stale when the
//! agreement or the what-if changes after it, and run again on request.

use crate::engine::simulate::{self, Control, Settings, Simulation};
use crate::model::{Agreement, Scenario};
use crate::tui::app::App;
use crate::tui::format::{self, money};
use crate::tui::jobs::{Job, JobOutput};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The view's name, as its tab shows it.
pub const NAME: &str = "Simulation";

/// What the workbench runs: `riskshare simulate`'s defaults (10,000 trials, seed 0, no spread).
pub fn settings() -> Settings {
    Settings::default()
}

/// A finished simulation, as a job hands it back (shared, not copied, on its way to the view).
#[derive(Debug, Clone)]
pub struct Outcome(pub Arc<Simulation>);

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

// Probabilities are counts over trials, never NaN.
impl Eq for Outcome {}

/// The agreement and the what-if a run simulated; the slider's position counts, the risks and
/// benefits set happening do not (every open one is drawn in each trial).
type Key = (Agreement, Scenario);

fn key_of(agreement: &Agreement, working: &Scenario) -> Key {
    (agreement.clone(), base_of(working))
}

fn base_of(working: &Scenario) -> Scenario {
    Scenario {
        name: String::new(),
        risks: Vec::new(),
        benefits: Vec::new(),
        ..working.clone()
    }
}

/// One finished run.
#[derive(Debug, Clone)]
pub struct Run {
    pub simulation: Arc<Simulation>,
    pub settings: Settings,
    /// The agreement or the what-if has changed since it ran.
    pub stale: bool,
    key: Key,
}

/// The Simulation view's state: the run under way and the last one finished.
#[derive(Debug, Clone, Default)]
pub struct SimulationState {
    /// The job running now, and what it simulates.
    running: Option<(u64, Key)>,
    pub last: Option<Run>,
}

impl SimulationState {
    /// The id of the job running now, if any.
    pub fn running(&self) -> Option<u64> {
        self.running.as_ref().map(|(id, _)| *id)
    }

    /// A job that simulates the what-if, reporting its trials as they are done; the state
    /// remembers it as the run under way.
    pub fn start(&mut self, agreement: &Agreement, working: &Scenario) -> Job {
        let key = key_of(agreement, working);
        let (agreement, base) = key.clone();
        let settings = settings();
        let job = Job::new("Simulation", move |progress| {
            let control = Control::default();
            let of = settings.trials as u64;
            let result = std::thread::scope(|scope| {
                let run =
                    scope.spawn(|| simulate::simulate(&agreement, &base, &settings, &control));
                while !run.is_finished() {
                    progress.report(control.done.load(Ordering::Relaxed) as u64, of);
                    std::thread::sleep(Duration::from_millis(40));
                }
                run.join()
            });
            match result {
                Ok(Ok(simulation)) => Ok(JobOutput::Simulated(Outcome(Arc::new(simulation)))),
                Ok(Err(e)) => Err(e.to_string()),
                Err(_) => Err("the simulation stopped unexpectedly".to_string()),
            }
        });
        self.running = Some((job.id, key));
        job
    }

    /// A job ended: its run becomes the last one (judged against the agreement and what-if
    /// now). Returns false when it was not this view's job.
    pub fn finished(
        &mut self,
        id: u64,
        outcome: Option<Outcome>,
        agreement: &Agreement,
        working: &Scenario,
    ) -> bool {
        match self.running.take() {
            Some((running, key)) if running == id => {
                if let Some(Outcome(simulation)) = outcome {
                    self.last = Some(Run {
                        simulation,
                        settings: settings(),
                        stale: false,
                        key,
                    });
                    self.judge(agreement, working);
                }
                true
            }
            other => {
                self.running = other;
                false
            }
        }
    }

    /// Marks the last run stale when the agreement or the what-if differs from what it ran on.
    pub fn judge(&mut self, agreement: &Agreement, working: &Scenario) {
        if let Some(run) = &mut self.last {
            run.stale = run.key.1 != base_of(working) || run.key.0 != *agreement;
        }
    }
}

/// The view: progress while a run is under way, then the last run's bars.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width < 20 {
        return;
    }
    let theme = app.theme();
    let key = crate::tui::keymap::key_for(
        crate::tui::keymap::Context::In(crate::tui::action::PaneId::Scenario),
        &crate::tui::action::Action::Simulate,
    );
    let state = app.simulation();
    let mut y = area.y;
    let line = |y: u16, text: &str, tone: Tone, buf: &mut Buffer| {
        if y < area.bottom() {
            let sym = theme.symbols();
            let text = format::fit(text, area.width as usize, sym.ellipsis);
            buf.set_stringn(area.x, y, text, area.width as usize, theme.tone(tone));
        }
    };
    if let Some(id) = state.running() {
        let (done, of) = app
            .jobs()
            .iter()
            .find(|j| j.id == id)
            .map_or((0, 0), |j| (j.done, j.of));
        let count = |n: u64| format::money(Decimal::from(n), false);
        line(
            y,
            &format!("Simulating: {} of {} trials", count(done), count(of)),
            Tone::Accent,
            buf,
        );
        y += 1;
        if y < area.bottom() && of > 0 {
            let width = area.width.saturating_sub(2);
            let filled = (u64::from(width) * done.min(of) / of) as u16;
            let sym = theme.symbols();
            for x in 0..width {
                let (s, tone) = if x < filled {
                    (sym.bar, Tone::Accent)
                } else {
                    (sym.track, Tone::Dim)
                };
                buf.set_stringn(area.x + x, y, s, 1, theme.tone(tone));
            }
            y += 1;
        }
        if state.last.is_none() {
            return;
        }
        line(y, "The last run, until this one ends:", Tone::Dim, buf);
        y += 1;
    }
    let Some(run) = &state.last else {
        line(
            y,
            &format!(
                "{key} simulates this what-if: {} trials of the register through the share rules",
                format::money(Decimal::from(settings().trials), false)
            ),
            Tone::Dim,
            buf,
        );
        return;
    };
    let s = &run.simulation;
    let head = format!(
        "{} trials, seed {}{}",
        format::money(Decimal::from(s.trials), false),
        run.settings.seed,
        if s.partial() { ", partial" } else { "" }
    );
    if run.stale {
        line(
            y,
            &format!("STALE: the agreement or what-if changed; {key} runs it again. {head}"),
            Tone::Warning,
            buf,
        );
    } else {
        line(y, &format!("{head}; {key} runs it again"), Tone::Dim, buf);
    }
    y += 1;
    let legend = if theme.ascii {
        "[= P5 to P95, | P50, : P80, x worst, T tolerance]"
    } else {
        "[━ P5 to P95, ┃ P50, ╎ P80, × worst, T tolerance]"
    };
    line(y, legend, Tone::Dim, buf);
    y += 1;
    let (low, high) = s.parties.iter().fold((0.0_f64, 0.0_f64), |(lo, hi), p| {
        let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
        (
            lo.min(f(p.p5)).min(f(p.tolerance)),
            hi.max(f(p.worst)).max(f(p.tolerance)),
        )
    });
    let pence = area.width >= 110;
    for (k, party) in s.parties.iter().enumerate() {
        let alarm = party.breach > 0.0;
        let dot = if theme.ascii { "-" } else { "·" };
        // Each figure with its label, kept together; on as many lines as the width needs.
        let groups = [
            format!("{} breach {} {dot}", party.id, chance(party.breach)),
            format!("P5 {}", money(party.p5, pence)),
            format!("P50 {}", money(party.p50, pence)),
            format!("P80 {}", money(party.p80, pence)),
            format!("P95 {}", money(party.p95, pence)),
            format!("worst {}", money(party.worst, pence)),
            format!("tol {}", money(party.tolerance, pence)),
        ];
        let lines = pack(&groups, area.width as usize);
        // The party's lines and its bar, or a line counting the parties left out.
        if y + lines.len() as u16 >= area.bottom() {
            let zoom = crate::tui::keymap::key_for(
                crate::tui::keymap::Context::Everywhere,
                &crate::tui::action::Action::Zoom,
            );
            let more = s.parties.len() - k;
            line(
                y,
                &format!("+{more} more parties: {zoom} zooms"),
                Tone::Dim,
                buf,
            );
            break;
        }
        for text in &lines {
            line(y, text, if alarm { Tone::Breach } else { Tone::Text }, buf);
            y += 1;
        }
        bar(
            app,
            party,
            (low, high),
            Rect::new(area.x, y, area.width, 1),
            buf,
        );
        y += 1;
    }
}

/// Labelled figures packed into lines of at most `width` columns, a label never parted from
/// its figure; a line after the first is indented two columns.
fn pack(groups: &[String], width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for g in groups {
        if line.is_empty() {
            line = if lines.is_empty() {
                g.clone()
            } else {
                format!("  {g}")
            };
        } else if line.width() + 1 + g.width() <= width {
            line.push(' ');
            line.push_str(g);
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("  {g}");
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A chance as a percent with one decimal; "<0.1%" for a chance too small to show as 0.0%.
pub fn chance(p: f64) -> String {
    if p > 0.0 && p < 0.0005 {
        "<0.1%".to_string()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

/// One party's percentile bar on the shared scale `(low, high)`.
fn bar(
    app: &App,
    party: &simulate::PartyStats,
    (low, high): (f64, f64),
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = app.theme();
    let width = area.width.saturating_sub(1);
    if width < 4 {
        return;
    }
    let span = (high - low).max(1.0);
    let col = |d: Decimal| -> u16 {
        let v = d.to_f64().unwrap_or(0.0);
        (((v - low) / span) * f64::from(width - 1))
            .round()
            .clamp(0.0, f64::from(width - 1)) as u16
    };
    let (track, body, median, eighty, worst) = if theme.ascii {
        ("-", "=", "|", ":", "x")
    } else {
        ("─", "━", "┃", "╎", "×")
    };
    let dim = theme.tone(Tone::Dim);
    for x in 0..width {
        buf.set_stringn(area.x + x, area.y, track, 1, dim);
    }
    let tone = if party.breach > 0.0 {
        theme.tone(Tone::Breach)
    } else {
        theme.tone(Tone::Accent)
    };
    for x in col(party.p5)..=col(party.p95) {
        buf.set_stringn(area.x + x, area.y, body, 1, tone);
    }
    buf.set_stringn(area.x + col(party.p80), area.y, eighty, 1, tone);
    buf.set_stringn(
        area.x + col(party.p50),
        area.y,
        median,
        1,
        tone.add_modifier(Modifier::BOLD),
    );
    buf.set_stringn(area.x + col(party.worst), area.y, worst, 1, tone);
    buf.set_stringn(
        area.x + col(party.tolerance),
        area.y,
        "T",
        1,
        theme.tone(Tone::Warning).add_modifier(Modifier::BOLD),
    );
}

#[cfg(test)]
mod pack_tests {
    use super::*;

    #[test]
    fn figures_go_onto_a_second_line_whole_when_the_first_is_full() {
        let groups: Vec<String> = [
            "ICB breach 86.1% ·",
            "P5 94,399",
            "P50 337,732",
            "worst 600,000",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            pack(&groups, 40),
            [
                "ICB breach 86.1% · P5 94,399 P50 337,732",
                "  worst 600,000"
            ]
        );
        assert_eq!(pack(&groups, 200).len(), 1);
    }
}
