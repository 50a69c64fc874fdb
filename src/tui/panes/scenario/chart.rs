//! The Scenario pane's Chart view: each party's total as the base variance runs over the
//! slider's range (a ratatui `Chart`, braille where the terminal has it, plain ASCII marks under
//! `--ascii`), its tolerance as a level line, the kinks where a contingency runs out, a band or
//! minimum rate starts or a cap bites (marked), and the slider's position as an upright line.
//! The curves are `engine::sweep`'s, computed when the agreement or the what-if changes
//! (`App::analytics`); moving the slider only moves the upright line. Each line is named at its
//! end, and without colour (or under `--ascii`) drawn with its own mark, so the chart reads
//! without colour; identical lines are named together.

use crate::tui::app::App;
use crate::tui::format::{self, signed_percent};
use crate::tui::theme::{Palette, Tone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

/// Each party's line in ASCII, in the agreement's order (then round again).
const ASCII_MARKS: [&str; 8] = ["*", "+", "o", "x", "%", "&", "=", "@"];
/// A tolerance line, the slider's line and a kink in ASCII.
const ASCII_LEVEL: &str = ".";
const ASCII_NOW: &str = "|";
const ASCII_KINK: &str = "#";

/// The colour of party `i`'s line, where the terminal has colour.
fn colour(app: &App, i: usize) -> Style {
    // Okabe and Ito's colour-blind-safe set (as xterm-256 indexes), and its nearest ANSI colours.
    const INDEXED: [u8; 6] = [74, 214, 36, 227, 32, 166];
    const ANSI: [Color; 6] = [
        Color::Cyan,
        Color::Yellow,
        Color::Green,
        Color::LightYellow,
        Color::Blue,
        Color::Red,
    ];
    match app.theme().palette {
        Palette::Mono => Style::new(),
        Palette::Ansi16 => Style::new().fg(ANSI[i % ANSI.len()]),
        Palette::TrueColor => Style::new().fg(Color::Indexed(INDEXED[i % INDEXED.len()])),
    }
}

/// An amount for an axis label: `-250k`, `1.2m`, `0`.
fn short(amount: f64) -> String {
    let a = amount.abs();
    let sign = if amount < 0.0 { "-" } else { "" };
    if a >= 1_000_000.0 {
        format!("{sign}{:.1}m", a / 1_000_000.0)
    } else if a >= 1_000.0 {
        format!("{sign}{:.0}k", a / 1_000.0)
    } else {
        format!("{sign}{a:.0}")
    }
}

/// The slider and the variance on top, the chart, then a line naming the marks and the kinks.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 6 || area.width < 30 {
        return;
    }
    let row = |y: u16| Rect::new(area.x, y, area.width, 1);
    super::slider::render(app, row(area.y), buf);
    super::variance_line(app, row(area.y + 1), buf);
    let analytics = app.analytics();
    let theme = app.theme();
    if let Some(error) = &analytics.error {
        let text = format!("No curves: {error}");
        let text = format::fit(&text, area.width as usize, theme.symbols().ellipsis);
        buf.set_stringn(
            area.x,
            area.y + 2,
            text,
            area.width as usize,
            theme.tone(Tone::Breach),
        );
        return;
    }
    let kinks = !analytics.curves.kinks.is_empty() && area.height >= 10;
    let foot = 1 + u16::from(kinks);
    let chart = Rect::new(area.x, area.y + 2, area.width, area.height - 2 - foot);
    let behind = plot(app, chart, buf);
    legend(app, &behind, row(chart.bottom()), buf);
    if kinks {
        kink_line(app, row(chart.bottom() + 1), buf);
    }
}

/// The datasets, in drawing order: tolerances, the parties' lines, the slider, the kinks; each
/// with what marks it in ASCII.
fn datasets<'a>(app: &'a App, now: &'a [(f64, f64)]) -> Vec<(Dataset<'a>, &'static str)> {
    let plot = &app.analytics().plot;
    let theme = app.theme();
    let ascii = theme.ascii;
    let line_marker = if ascii { Marker::Dot } else { Marker::Braille };
    let mut sets = Vec::new();
    for (i, level) in plot.levels.iter().enumerate() {
        sets.push((
            Dataset::default()
                .marker(line_marker)
                .graph_type(GraphType::Line)
                .style(colour(app, i).add_modifier(Modifier::DIM))
                .data(level),
            ASCII_LEVEL,
        ));
    }
    for (i, line) in plot.lines.iter().enumerate() {
        sets.push((
            Dataset::default()
                .marker(line_marker)
                .graph_type(GraphType::Line)
                .style(colour(app, i))
                .data(line),
            ASCII_MARKS[i % ASCII_MARKS.len()],
        ));
    }
    sets.push((
        Dataset::default()
            .marker(line_marker)
            .graph_type(GraphType::Line)
            .style(theme.tone(Tone::Accent).add_modifier(Modifier::BOLD))
            .data(now),
        ASCII_NOW,
    ));
    sets.push((
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.tone(Tone::Warning).add_modifier(Modifier::BOLD))
            .data(&plot.kinks),
        ASCII_KINK,
    ));
    sets
}

/// The y axis's range: every line and tolerance, with a little room above and below.
fn y_bounds(app: &App) -> [f64; 2] {
    let plot = &app.analytics().plot;
    let pad = ((plot.high - plot.low) * 0.05).max(1.0);
    [plot.low - pad, plot.high + pad]
}

fn axes(app: &App) -> (Axis<'static>, Axis<'static>) {
    let dim = app.theme().tone(Tone::Dim);
    let limit = crate::tui::app::CHART_LIMIT as f64;
    let [low, high] = y_bounds(app);
    let x = Axis::default().bounds([-limit, limit]).style(dim).labels([
        Span::raw(format!("-{limit}%")),
        Span::raw("0%"),
        Span::raw(format!("+{limit}%")),
    ]);
    let y = Axis::default()
        .bounds([low, high])
        .style(dim)
        .labels([Span::raw(short(low)), Span::raw(short(high))]);
    (x, y)
}

fn chart<'a>(app: &App, sets: Vec<Dataset<'a>>) -> Chart<'a> {
    let (x, y) = axes(app);
    Chart::new(sets).x_axis(x).y_axis(y).legend_position(None)
}

/// A cell of the chart: column, row.
type Cell = (u16, u16);

/// Whether each party's line is drawn with its own mark (`*`, `+`, `o`, ...): under `--ascii`,
/// and without colour, where braille lines in one colour could not be told apart.
fn marked(app: &App) -> bool {
    let theme = app.theme();
    theme.ascii || theme.palette == Palette::Mono
}

/// The chart itself, with each line named at its right end. Returns, for each party, whether
/// another party's line is drawn over every cell of its own (so it cannot be seen).
fn plot(app: &App, area: Rect, buf: &mut Buffer) -> Vec<Behind> {
    let variance = app.scenario().working.variance.to_f64().unwrap_or(0.0);
    let [low, high] = y_bounds(app);
    let now = [(variance, low), (variance, high)];
    let sets = datasets(app, &now);
    let ascii = app.theme().ascii;
    let marked = marked(app);
    let (sets, marks): (Vec<Dataset>, Vec<&str>) = sets.into_iter().unzip();
    chart(app, sets).render(area, buf);
    // Each dataset alone, on the same axes, says which cells are its own: for its mark, and for
    // where a party's line ends (its name goes there).
    let parties = app.analytics().plot.lines.len();
    let mut ends: Vec<(usize, Cell, Vec<Cell>)> = Vec::new();
    for (k, mark) in marks.iter().enumerate() {
        let now = [(variance, low), (variance, high)];
        let alone: Vec<Dataset> = datasets(app, &now)
            .into_iter()
            .skip(k)
            .take(1)
            .map(|(d, _)| d)
            .collect();
        let mut scratch = Buffer::empty(area);
        chart(app, alone).render(area, &mut scratch);
        let graph = |x: u16, y: u16| {
            let s = scratch[(x, y)].symbol();
            s == "•" || s.chars().all(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
        };
        let is_party = k >= parties && k < 2 * parties;
        // Without colour the parties' lines take their marks; the tolerances and the slider
        // keep their braille (they are told apart by their shape: level, upright).
        let mark_it = ascii || (marked && is_party);
        let mut end: Option<(u16, u16)> = None;
        let mut cells = Vec::new();
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if !graph(x, y) {
                    continue;
                }
                if mark_it {
                    buf[(x, y)].set_symbol(mark);
                }
                if is_party {
                    cells.push((x, y));
                }
                if end.is_none_or(|(ex, _)| x > ex) {
                    end = Some((x, y));
                }
            }
        }
        if let (true, Some(end)) = (is_party, end) {
            ends.push((k - parties, end, cells));
        }
    }
    if ascii {
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let plain = match buf[(x, y)].symbol() {
                    "│" => "|",
                    "─" => "-",
                    "└" => "+",
                    _ => continue,
                };
                buf[(x, y)].set_symbol(plain);
            }
        }
    }
    // A line every cell of which a later one covers is hidden behind it. Where the engine's
    // figures for the two are the same at every point of the sweep, the lines are one: they are
    // named together ("ACUTE=VCS") at the line drawn on top. Where they only land on the same
    // cells at this size, each is named on its own and the legend says which is behind.
    let equal = &app.analytics().plot.equal;
    let same = |i: usize, j: usize| equal.get(i).and_then(|row| row.get(j)) == Some(&true);
    let mut behind: Vec<Behind> = vec![Behind::Seen; parties];
    for (n, (i, _, cells)) in ends.iter().enumerate() {
        let over = ends[n + 1..]
            .iter()
            .rev()
            .find(|(_, _, over)| cells.iter().all(|c| over.contains(c)));
        if let Some((j, _, _)) = over {
            behind[*i] = if same(*i, *j) {
                Behind::Equal(*j)
            } else {
                Behind::Covered(*j)
            };
        }
    }
    // The names go on last, so no line is drawn over one; the highest line's first, so where
    // two share a row the lower one's name goes beside or below it.
    let last = |i: usize| {
        app.analytics()
            .plot
            .lines
            .get(i)
            .and_then(|l| l.last())
            .map_or(0.0, |p| p.1)
    };
    let mut order: Vec<&(usize, Cell, Vec<Cell>)> = ends.iter().collect();
    order.sort_by(|a, b| last(b.0).total_cmp(&last(a.0)));
    let graph_left = ends
        .iter()
        .flat_map(|(_, _, cells)| cells.iter().map(|c| c.0))
        .min()
        .unwrap_or(area.x);
    let mut taken: Vec<(u16, u16, u16)> = Vec::new();
    for (i, end, cells) in order {
        if matches!(behind[*i], Behind::Equal(_)) {
            continue;
        }
        let id = (0..parties)
            .filter(|&j| behind[j] == Behind::Equal(*i))
            .chain([*i])
            .map(|j| app.agreement().parties[j].id.as_str())
            .collect::<Vec<_>>()
            .join("=");
        let at = Place {
            end: *end,
            area,
            graph_left,
        };
        name_line(app, *i, &id, at, cells, &mut taken, buf);
    }
    behind
}

/// Whether a party's line can be seen on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behind {
    Seen,
    /// Drawn over by this party's line, which has the same total at every point.
    Equal(usize),
    /// Drawn over by this party's line at this size, though their totals differ.
    Covered(usize),
}

/// Where a line's name may go: its line's last cell, the chart, and the graph's left edge.
struct Place {
    end: Cell,
    area: Rect,
    graph_left: u16,
}

/// Writes a party's id where its line ends: on the line's own row where there is room (left of
/// any name already there), else on the nearest row no other name has taken, preferring one
/// where it covers nothing but its own line (never a tolerance's dots).
fn name_line(
    app: &App,
    i: usize,
    id: &str,
    place: Place,
    own: &[(u16, u16)],
    taken: &mut Vec<(u16, u16, u16)>,
    buf: &mut Buffer,
) {
    let Place {
        end: (x, y),
        area,
        graph_left,
    } = place;
    let width = id.width().min(24) as u16;
    let right = x + 1;
    let start = right.saturating_sub(width).max(area.x);
    let steps = [0i32, -1, 1, -2, 2, -3, 3];
    let fits = |row: u16| row >= area.top() && row + 2 < area.bottom();
    let overlap = |row: u16, left: u16, taken: &[(u16, u16, u16)]| {
        taken
            .iter()
            .filter(|&&(r, l, w)| r == row && left < l + w && l < left + width)
            .map(|&(_, l, _)| l)
            .min()
    };
    let clear = |row: u16, left: u16| {
        (left..left + width)
            .all(|c| c >= area.right() || buf[(c, row)].symbol() == " " || own.contains(&(c, row)))
    };
    // On the line's own row: at its end, or left of the names already there.
    let mut on_row = None;
    let mut left = start;
    while fits(y) && left >= graph_left {
        match overlap(y, left, taken) {
            None => {
                on_row = Some(left);
                break;
            }
            Some(l) => match l.checked_sub(width + 1) {
                Some(next) => left = next,
                None => break,
            },
        }
    }
    let rows: Vec<u16> = steps
        .iter()
        .filter_map(|&step| y.checked_add_signed(step as i16))
        .filter(|&row| fits(row) && overlap(row, start, taken).is_none())
        .collect();
    let chosen = match on_row {
        Some(left) if clear(y, left) => Some((y, left)),
        _ => rows
            .iter()
            .find(|&&row| clear(row, start))
            .map(|&row| (row, start))
            .or(on_row.map(|left| (y, left)))
            .or_else(|| rows.first().map(|&row| (row, start))),
    };
    let Some((row, left)) = chosen else {
        return;
    };
    taken.push((row, left, width));
    let style = colour(app, i).add_modifier(Modifier::BOLD);
    buf.set_stringn(left, row, id, width as usize, style);
}

/// The marks and the parties' colours: "* ICB  + LA ... | now  # kink  . tolerance".
fn legend(app: &App, behind: &[Behind], area: Rect, buf: &mut Buffer) {
    // Which line is only drawn over ("behind VCS") is said where the line has room for it;
    // lines that are one ("= VCS") are always said.
    let full = legend_spans(app, behind, true);
    let width: usize = full.iter().map(|s| s.content.width()).sum();
    let spans = if width <= area.width as usize {
        full
    } else {
        legend_spans(app, behind, false)
    };
    Line::from(spans).render(area, buf);
}

/// The legend's pieces, with or without the note of a line drawn over (`covered`).
fn legend_spans<'a>(app: &App, behind: &[Behind], covered: bool) -> Vec<Span<'a>> {
    let theme = app.theme();
    let ascii = theme.ascii;
    let marked = marked(app);
    let mut spans = Vec::new();
    for (i, party) in app.agreement().parties.iter().enumerate() {
        let mark = if marked {
            ASCII_MARKS[i % ASCII_MARKS.len()]
        } else {
            "━"
        };
        spans.push(Span::styled(format!("{mark} "), colour(app, i)));
        // A line hidden behind another says whose: the same as it ("= VCS") where their
        // figures are equal throughout, else only drawn over at this size ("behind VCS").
        let (word, over) = match behind.get(i) {
            Some(Behind::Equal(j)) => ("= ", Some(*j)),
            Some(Behind::Covered(j)) if covered => ("behind ", Some(*j)),
            _ => ("", None),
        };
        let twin = over
            .and_then(|j| app.agreement().parties.get(j))
            .map(|p| format!(" ({word}{})", p.id))
            .unwrap_or_default();
        spans.push(Span::raw(format!("{}{twin}  ", party.id)));
    }
    let (now, kink, level) = if ascii {
        (ASCII_NOW, ASCII_KINK, ASCII_LEVEL)
    } else {
        ("┃", "•", "⠒")
    };
    spans.push(Span::styled(
        format!("{now} now  "),
        theme.tone(Tone::Accent),
    ));
    spans.push(Span::styled(
        format!("{kink} kink  "),
        theme.tone(Tone::Warning),
    ));
    spans.push(Span::styled(
        format!("{level} tolerance"),
        theme.tone(Tone::Dim),
    ));
    spans
}

/// The kinks in words, the nearest the slider first: "+5.0% OOH: contingency used up; ...".
fn kink_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let now = app.scenario().working.variance;
    let mut kinks: Vec<_> = app.analytics().curves.kinks.iter().collect();
    kinks.sort_by_key(|k| (k.variance - now).abs());
    let text = kinks
        .iter()
        .map(|k| format!("{} {}", signed_percent(k.variance), k.describe()))
        .collect::<Vec<_>>()
        .join("; ");
    let text = format!("Kinks: {text}");
    let text = format::fit(&text, area.width as usize, theme.symbols().ellipsis);
    buf.set_stringn(
        area.x,
        area.y,
        text,
        area.width as usize,
        theme.tone(Tone::Dim),
    );
}
