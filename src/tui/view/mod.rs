//! Drawing: the header, the four panes (or the zoomed one), the footer of keys, and whatever
//! overlay is open. It only reads the app.

mod overlay;
pub mod table;
pub mod wire;

pub use overlay::help_scroll_limit;

use super::action::PaneId;
use super::app::App;
use super::keymap;
use super::panes;
use super::theme::Tone;
use crate::tui::format;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

/// The smallest terminal that shows all four panes: 80x24 shows every part of each; smaller
/// ones (80x23 under tmux's status line, 60x20) drop the less important lines.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    buf.set_style(area, app.theme().base());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf, app);
        return;
    }
    let header = Rect { height: 1, ..area };
    let footer = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let status = status_place(app, area.width);
    draw_header(app, header, &status, buf);
    for (pane, rect) in pane_areas(app, area) {
        draw_pane(app, pane, rect, buf);
    }
    draw_footer(app, footer, buf);
    overlay::draw(app, area, buf);
    // Last, so that nothing covers the news.
    if let StatusPlace::Foot(lines) = &status {
        draw_foot_status(app, area, lines, buf);
    }
}

/// Where the news of the last action goes.
enum StatusPlace {
    None,
    /// On the right of the header, when it fits there whole.
    Header(String),
    /// In place of the footer of keys, on one line or two (over the panes' bottom border).
    Foot(Vec<String>),
}

/// The room the header leaves for news: its title, a few letters of the agreement's name and
/// the file stay.
fn header_room(app: &App, width: u16) -> usize {
    (width as usize)
        .saturating_sub(11 + 1 + 12 + header_tail(app).width() + warned(app).width() + 2)
}

/// "  3 warnings" when loading the file warned (the appetite pane's Warnings view lists them).
fn warned(app: &App) -> String {
    crate::tui::panes::warnings::count(app)
        .map(|n| format!("  {n}"))
        .unwrap_or_default()
}

fn header_tail(app: &App) -> String {
    let mut file = app.file_label();
    if app.session().read_only_by().is_some() {
        file.push_str(" (read-only)");
    }
    let unsaved = if app.is_dirty() { " * unsaved" } else { "" };
    format!(" {} {file}{unsaved}", app.theme().symbols().dot)
}

fn status_place(app: &App, width: u16) -> StatusPlace {
    let Some(status) = &app.status() else {
        return StatusPlace::None;
    };
    if status.text.width() <= header_room(app, width) {
        return StatusPlace::Header(status.text.clone());
    }
    let room = (width as usize).saturating_sub(2);
    StatusPlace::Foot(format::wrap_fit(
        &status.text,
        room,
        2,
        app.theme().symbols().ellipsis,
    ))
}

fn draw_foot_status(app: &App, screen: Rect, lines: &[String], buf: &mut Buffer) {
    let Some(status) = &app.status() else {
        return;
    };
    let tone = if status.error {
        Tone::Breach
    } else {
        Tone::Good
    };
    let top = screen.bottom().saturating_sub(lines.len() as u16);
    for (n, line) in lines.iter().enumerate() {
        let row = Rect::new(screen.x, top + n as u16, screen.width, 1);
        buf.set_style(row, app.theme().base());
        for x in row.left()..row.right() {
            buf[(x, row.y)].set_symbol(" ");
        }
        buf.set_stringn(
            row.x + 1,
            row.y,
            line,
            row.width.saturating_sub(1) as usize,
            app.theme().tone(tone),
        );
    }
}

/// Where each pane goes: two columns, the scenario and the register on the left (they need the
/// width), appetite and parties on the right; or the focused pane alone when zoomed.
pub fn pane_areas(app: &App, screen: Rect) -> Vec<(PaneId, Rect)> {
    let [_, body, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    if app.zoomed() {
        return vec![(app.focus(), body)];
    }
    // The left column wants 46 columns, the right one at least 30; the top row wants 12 rows,
    // the bottom one at least 8 (the heatmap's five rows, its axis and borders).
    let left = (body.width * 58 / 100)
        .max(46.min(body.width.saturating_sub(30)))
        .min(body.width);
    let top = (body.height / 2)
        .max(12.min(body.height.saturating_sub(8)))
        .min(body.height);
    let [left_column, right_column] =
        Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(body);
    let rows = Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]);
    let [scenario, register] = rows.areas(left_column);
    let [appetite, parties] = rows.areas(right_column);
    vec![
        (PaneId::Scenario, scenario),
        (PaneId::Appetite, appetite),
        (PaneId::Register, register),
        (PaneId::Parties, parties),
    ]
}

/// Draws one pane, border and all, on its own: what the whole screen does for each pane, and
/// what a widget test renders.
pub fn render_pane(app: &App, pane: PaneId, area: Rect, buf: &mut Buffer) {
    draw_pane(app, pane, area, buf);
}

/// The pane under a point of the screen, for a mouse click.
pub fn pane_at(app: &App, screen: Rect, column: u16, row: u16) -> Option<PaneId> {
    pane_areas(app, screen)
        .into_iter()
        .find(|(_, r)| r.contains(ratatui::layout::Position::new(column, row)))
        .map(|(p, _)| p)
}

fn draw_pane(app: &App, pane: PaneId, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let focused = app.focus() == pane;
    let marker = if focused { theme.symbols().arrow } else { " " };
    let mut title = vec![Span::styled(
        format!("{marker}{} {} ", pane.number(), pane.title()),
        theme.title_style(focused),
    )];
    // A pane with more than one view names them as tabs after its title, the shown one marked.
    let note = panes::note(app, pane);
    let tabs = tab_spans(app, pane, area.width as usize, note.as_ref());
    let tabs_width: usize = tabs.iter().map(|s| s.content.width()).sum();
    title.extend(tabs);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border(focused))
        .border_style(theme.border_style(focused))
        .title(Line::from(title));
    // The note on the right never runs into the title on the left.
    let room = (area.width as usize).saturating_sub(pane.title().width() + 10 + tabs_width);
    if let Some(note) = note.filter(|_| room > 3) {
        let note = format::fit(&note, room, theme.symbols().ellipsis);
        block = block.title_top(Line::from(format!(" {note} ")).alignment(Alignment::Right));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    panes::render(app, pane, inner, buf);
}

/// The tabs after a pane's title: every view, the shown one marked (`[Bars] Money ...`), where
/// they fit beside the note; else the shown one with where it stands and the key to the next
/// (`[Bars 1/6] v next`, the key only on the focused pane), shorter as room asks; else only
/// a view other than the first, the note (a breach, the scenario) being the news.
fn tab_spans(app: &App, pane: PaneId, width: usize, note: Option<&String>) -> Vec<Span<'static>> {
    let theme = app.theme();
    let focused = app.focus() == pane;
    let views = panes::views(pane);
    if views.len() < 2 {
        return Vec::new();
    }
    let shown = app.panes().view(pane).min(views.len() - 1);
    let marked = theme.title_style(focused).add_modifier(Modifier::BOLD);
    let dim = theme.tone(Tone::Dim);
    let fits = |spans: &[Span]| {
        let tabs: usize = spans.iter().map(|s| s.content.width()).sum();
        // As the note is fitted below: the note whole, after the title and the tabs.
        pane.title().width() + 10 + tabs + note.map_or(0, |n| n.width()) <= width
    };
    let all: Vec<Span<'static>> = views
        .iter()
        .enumerate()
        .map(|(n, view)| {
            if n == shown {
                Span::styled(format!("[{}]", view.name), marked)
            } else {
                Span::styled(format!(" {} ", view.name), dim)
            }
        })
        .collect();
    let name = views[shown].name;
    let place = format!("[{name} {}/{}]", shown + 1, views.len());
    let next = format!(
        " {} next",
        keymap::key_for(keymap::Context::Views, &crate::tui::Action::NextView,)
    );
    let mut choices = vec![all];
    if focused {
        choices.push(vec![
            Span::styled(place.clone(), marked),
            Span::styled(next, dim),
        ]);
    }
    choices.push(vec![Span::styled(place, marked)]);
    choices.push(vec![Span::styled(format!("[{name}]"), marked)]);
    // A space parts the compact forms from the border, as it does the last of all the tabs.
    for spans in &mut choices[1..] {
        spans.push(Span::raw(" "));
    }
    choices
        .into_iter()
        .find(|spans| fits(spans))
        .or_else(|| (shown > 0).then(|| vec![Span::styled(format!("[{name}]"), marked)]))
        .unwrap_or_default()
}

fn draw_header(app: &App, area: Rect, status: &StatusPlace, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let tail = header_tail(app);
    let unsaved = if app.is_dirty() { " * unsaved" } else { "" };
    let file = tail.strip_suffix(unsaved).unwrap_or(&tail);
    // A long file name is shortened too, leaving a few letters of the agreement's name.
    let warned = warned(app);
    let file_room =
        (area.width as usize).saturating_sub(11 + 1 + 4 + unsaved.width() + warned.width());
    let file = format::fit(file, file_room, sym.ellipsis);
    let tail = format!("{file}{unsaved}");
    // The news of the last action comes first; the agreement's name takes what room is left.
    let status_width = match status {
        StatusPlace::Header(text) => text.width() + 2,
        _ => 0,
    };
    let name_room =
        (area.width as usize).saturating_sub(11 + 1 + tail.width() + warned.width() + status_width);
    let spans = vec![
        Span::styled(" riskshare ", theme.title_style(true)),
        Span::raw(" "),
        Span::styled(
            format::fit(&app.agreement().name, name_room, sym.ellipsis),
            theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
        ),
        Span::styled(file, theme.tone(Tone::Dim)),
        Span::styled(unsaved, theme.tone(Tone::Warning)),
        Span::styled(warned, theme.tone(Tone::Warning)),
    ];
    Line::from(spans).render(area, buf);
    if let (StatusPlace::Header(text), Some(s)) = (status, &app.status()) {
        let tone = if s.error { Tone::Breach } else { Tone::Good };
        let x = area.right().saturating_sub(text.width() as u16 + 1);
        buf.set_stringn(x, area.y, text, text.width(), theme.tone(tone));
    }
}

/// From this width the footer keeps room for undo too, as it always does for help, save and
/// the next view (`v`, on a pane with views).
const FOOTER_WIDE: u16 = 120;

/// How much a key is wanted in the footer, most first: help, save and the next view (and on a
/// wide screen undo); the focused pane's keys; the keys that work everywhere; then the pane's
/// finer keys, which help lists (exact steps and values, one scheme alone: except while the
/// slider moves one scheme alone, when `s` is how to go on from it).
fn footer_rank(app: &App, binding: &keymap::Binding, wide: bool) -> u8 {
    use crate::tui::Action;
    match binding.action {
        Action::Help | Action::Save | Action::NextView => 0,
        Action::Undo if wide => 0,
        Action::SliderScheme(_) if app.slider_scheme().is_some() => 1,
        Action::Slide(n) if n.abs() > 1 => 3,
        Action::SlideToZero | Action::AskVariance | Action::SliderScheme(_) => 3,
        _ if matches!(
            binding.context,
            keymap::Context::Everywhere | keymap::Context::Views
        ) =>
        {
            2
        }
        _ => 1,
    }
}

fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let contexts = keymap::active_contexts(app);
    let wide = area.width >= FOOTER_WIDE;
    // The keys with a footer text that no more specific context has taken, in keymap order.
    let mut taken: Vec<keymap::Key> = Vec::new();
    let mut candidates = Vec::new();
    for binding in contexts.iter().flat_map(|c| keymap::bindings_for(*c)) {
        let shadowed = binding.keys.iter().all(|k| taken.contains(k));
        taken.extend_from_slice(binding.keys);
        if let Some(parts) = binding.footer.split_once(' ').filter(|_| !shadowed) {
            candidates.push((
                parts,
                binding.footer.width() + 2,
                footer_rank(app, binding, wide),
            ));
        }
    }
    // The most wanted first, as room allows; shown in keymap order.
    let mut chosen = vec![false; candidates.len()];
    let mut used = 0;
    for rank in 0..=3 {
        for (n, (_, w, r)) in candidates.iter().enumerate() {
            if *r == rank && used + w <= area.width as usize {
                chosen[n] = true;
                used += w;
            }
        }
    }
    let mut spans = Vec::new();
    for ((keys, label), _, _) in candidates
        .iter()
        .zip(&chosen)
        .filter_map(|(c, &on)| on.then_some(c))
    {
        spans.push(Span::styled(
            format!(" {keys}"),
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(format!(" {label}"), theme.tone(Tone::Dim)));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);
}

fn too_small(area: Rect, buf: &mut Buffer, app: &App) {
    // A question asked before the terminal shrank still needs its answer.
    let question = match &app.overlay() {
        super::app::Overlay::Prompt(prompt) => overlay::short_question(prompt),
        _ => String::new(),
    };
    let (w, h) = (area.width as usize, area.height as usize);
    let long = format!(
        "Too small: riskshare needs {MIN_WIDTH}x{MIN_HEIGHT}, this terminal is {w}x{h}. Enlarge it, or press q to quit.{question}"
    );
    let text = if format::wrap(&long, w).len() <= h {
        long
    } else {
        format!("Too small: needs {MIN_WIDTH}x{MIN_HEIGHT}. q quits.{question}")
    };
    let style = app.theme().tone(Tone::Warning);
    let lines = format::wrap_fit(&text, w, h, app.theme().symbols().ellipsis);
    for (n, line) in lines.iter().enumerate() {
        buf.set_stringn(area.x, area.y + n as u16, line, w, style);
    }
}
