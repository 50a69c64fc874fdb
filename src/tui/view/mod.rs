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
    (width as usize).saturating_sub(11 + 1 + 12 + header_tail(app).width() + 2)
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
    let views = panes::views(pane);
    let shown = app.panes().view(pane).min(views.len().saturating_sub(1));
    let mut tabs_width = 0;
    // Where the tabs and the note do not both fit, the tabs shrink to the shown one, and to
    // none while the first (usual) view is shown: the note (a breach, the scenario) is the news.
    let note = panes::note(app, pane);
    let all_tabs: usize = views.iter().map(|v| v.name.width() + 2).sum();
    let note_width = note.as_ref().map_or(0, |n| n.width() + 2);
    let compact = (area.width as usize) < pane.title().width() + 10 + all_tabs + note_width;
    if views.len() > 1 {
        for (n, view) in views.iter().enumerate() {
            if compact && (n != shown || shown == 0) {
                continue;
            }
            let text = if n == shown {
                format!("[{}]", view.name)
            } else {
                format!(" {} ", view.name)
            };
            tabs_width += text.width();
            let style = if n == shown {
                theme.title_style(focused).add_modifier(Modifier::BOLD)
            } else {
                theme.tone(Tone::Dim)
            };
            title.push(Span::styled(text, style));
        }
    }
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

fn draw_header(app: &App, area: Rect, status: &StatusPlace, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let tail = header_tail(app);
    let unsaved = if app.is_dirty() { " * unsaved" } else { "" };
    let file = tail.strip_suffix(unsaved).unwrap_or(&tail);
    // A long file name is shortened too, leaving a few letters of the agreement's name.
    let file_room = (area.width as usize).saturating_sub(11 + 1 + 4 + unsaved.width());
    let file = format::fit(file, file_room, sym.ellipsis);
    let tail = format!("{file}{unsaved}");
    // The news of the last action comes first; the agreement's name takes what room is left.
    let status_width = match status {
        StatusPlace::Header(text) => text.width() + 2,
        _ => 0,
    };
    let name_room = (area.width as usize).saturating_sub(11 + 1 + tail.width() + status_width);
    let spans = vec![
        Span::styled(" riskshare ", theme.title_style(true)),
        Span::raw(" "),
        Span::styled(
            format::fit(&app.agreement().name, name_room, sym.ellipsis),
            theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
        ),
        Span::styled(file, theme.tone(Tone::Dim)),
        Span::styled(unsaved, theme.tone(Tone::Warning)),
    ];
    Line::from(spans).render(area, buf);
    if let (StatusPlace::Header(text), Some(s)) = (status, &app.status()) {
        let tone = if s.error { Tone::Breach } else { Tone::Good };
        let x = area.right().saturating_sub(text.width() as u16 + 1);
        buf.set_stringn(x, area.y, text, text.width(), theme.tone(tone));
    }
}

fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let contexts = keymap::active_contexts(app);
    // The focused pane's keys first, then the ones that work everywhere, as room allows; room
    // for the keys to save and to help is kept, whatever else goes.
    let kept: Vec<&str> = keymap::bindings_for(keymap::Context::Everywhere)
        .filter(|b| {
            matches!(
                b.action,
                crate::tui::Action::Help | crate::tui::Action::Save
            )
        })
        .map(|b| b.footer)
        .filter(|_| !contexts.contains(&keymap::Context::Form))
        .collect();
    let mut reserve: usize = kept.iter().map(|f| f.width() + 2).sum();
    let mut spans = Vec::new();
    let mut used = 0;
    let mut taken: Vec<keymap::Key> = Vec::new();
    for binding in contexts.iter().flat_map(|c| keymap::bindings_for(*c)) {
        // A key that a more specific context already uses is not this binding's any more.
        let shadowed = binding.keys.iter().all(|k| taken.contains(k));
        taken.extend_from_slice(binding.keys);
        let Some((keys, label)) = binding.footer.split_once(' ').filter(|_| !shadowed) else {
            continue;
        };
        let w = binding.footer.width() + 2;
        if kept.contains(&binding.footer) {
            reserve = reserve.saturating_sub(w);
        } else if used + w + reserve > area.width as usize {
            continue;
        }
        if used + w > area.width as usize {
            break;
        }
        used += w;
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
