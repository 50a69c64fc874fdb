//! What is drawn over the panes: the help drawn from the keymap, a prompt, or a form.

use crate::tui::action::{Action, PaneId};
use crate::tui::app::{App, Overlay, Prompt};
use crate::tui::format;
use crate::tui::forms::Form;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, screen: Rect, buf: &mut Buffer) {
    match &app.overlay() {
        Overlay::None => {}
        Overlay::Help => help(app, screen, buf),
        Overlay::Prompt(p) => prompt(app, p, screen, buf),
        Overlay::Form(f) => form(app, f, screen, buf),
    }
}

fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(screen.width);
    let h = height.min(screen.height);
    Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    )
}

fn frame(app: &App, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let theme = &app.theme();
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border(true))
        .border_style(theme.border_style(true))
        .title(Span::styled(format!(" {title} "), theme.title_style(true)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The contexts in the order help lists them.
const HELP_ORDER: [Context; 10] = [
    Context::Everywhere,
    Context::Views,
    Context::In(PaneId::Scenario),
    Context::Compare,
    Context::In(PaneId::Register),
    Context::RiskView,
    Context::Heatmap,
    Context::In(PaneId::Parties),
    Context::In(PaneId::Appetite),
    Context::Form,
];

/// One line of the help: a context's heading, the blank before it, or a key with (part of) its
/// description; a description too long for its column goes on under itself, never cut.
enum HelpLine {
    Blank,
    Heading(&'static str),
    Key(&'static str, String),
}

/// The widest key the help shows: the keys' column.
fn help_key_width() -> usize {
    HELP_ORDER
        .iter()
        .flat_map(|c| keymap::bindings_for(*c))
        .map(|b| b.shown.width())
        .max()
        .unwrap_or(8)
}

/// Every line of the help in columns `width` wide, descriptions wrapped at spaces.
fn help_lines(width: u16) -> Vec<HelpLine> {
    let key_width = help_key_width();
    let label_width = (width as usize).saturating_sub(key_width + 4).max(8);
    let mut lines = Vec::new();
    for context in HELP_ORDER {
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(context.title()));
        for b in keymap::bindings_for(context) {
            for (n, part) in format::wrap(b.label, label_width).into_iter().enumerate() {
                lines.push(HelpLine::Key(if n == 0 { b.shown } else { "" }, part));
            }
        }
    }
    lines
}

/// How the help is laid out on a screen: its box, its columns and how far it scrolls.
struct HelpLayout {
    area: Rect,
    columns: u16,
    column_width: u16,
    /// Rows for keys in each column (the last row of the box is the hint).
    body: u16,
    per_column: u16,
    lines: Vec<HelpLine>,
}

impl HelpLayout {
    fn of(screen: Rect) -> HelpLayout {
        let area = centred(
            screen,
            screen.width.saturating_sub(4).min(156),
            screen.height.saturating_sub(2),
        );
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let body = inner.height.saturating_sub(1).max(1);
        // The fewest columns (of at least 48) that show every key without scrolling, if any
        // do; else as many as fit, so the least scrolling.
        let most = (inner.width / 48).max(1);
        let mut columns = 1;
        let mut lines = help_lines(inner.width);
        while columns < most && lines.len().div_ceil(columns as usize) > body as usize {
            columns += 1;
            lines = help_lines(inner.width / columns);
        }
        HelpLayout {
            area,
            columns,
            column_width: inner.width / columns,
            body,
            per_column: lines.len().div_ceil(columns as usize) as u16,
            lines,
        }
    }

    fn limit(&self) -> u16 {
        self.per_column.saturating_sub(self.body)
    }
}

/// How far the help can scroll on a screen of this size.
pub fn help_scroll_limit(screen: Rect) -> u16 {
    HelpLayout::of(screen).limit()
}

fn help(app: &App, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let key_width = help_key_width();
    let layout = HelpLayout::of(screen);
    let inner = frame(app, "Help: every key", layout.area, buf);
    if inner.height < 2 || inner.width < 20 {
        return;
    }
    let HelpLayout {
        columns,
        column_width,
        body,
        per_column,
        ..
    } = layout;
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .map(|l| match l {
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(title) => Line::from(Span::styled(
                *title,
                theme
                    .tone(Tone::Accent)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            )),
            HelpLine::Key(shown, label) => Line::from(vec![
                Span::styled(
                    format!("  {}", format::left(shown, key_width, sym.ellipsis)),
                    theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
                ),
                Span::raw("  "),
                Span::raw(label.clone()),
            ]),
        })
        .collect();
    let scroll = app.help_scroll().min(layout.limit());
    for c in 0..columns {
        let part: Vec<Line> = lines
            .iter()
            .skip((c * per_column) as usize)
            .take(per_column as usize)
            .cloned()
            .collect();
        let rect = Rect::new(inner.x + c * column_width, inner.y, column_width, body);
        Paragraph::new(part).scroll((scroll, 0)).render(rect, buf);
    }
    // The last line names the help's own keys, as the keymap has them.
    let help_keys = |wanted: fn(&Action) -> bool| {
        keymap::bindings_for(Context::HelpBox)
            .filter(|b| wanted(&b.action) && !b.footer.is_empty())
            .map(|b| b.footer)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let closes = format!("{} closes", help_keys(|a| *a == Action::Cancel));
    let more = if layout.limit() == 0 {
        closes
    } else if scroll < layout.limit() {
        let on = help_keys(|a| matches!(a, Action::Select(n) if *n > 0));
        format!("{on} for more; {closes}")
    } else {
        let back = help_keys(|a| matches!(a, Action::Select(n) if *n < 0));
        format!("{back} to go back; {closes}")
    };
    buf.set_stringn(
        inner.x,
        inner.bottom() - 1,
        format::fit(&more, inner.width as usize, sym.ellipsis),
        inner.width as usize,
        theme.tone(Tone::Dim),
    );
}

/// A prompt's title and its question or news.
fn prompt_text(prompt: &Prompt) -> (&str, String) {
    match prompt {
        Prompt::Quit => ("Quit", "There are unsaved changes.".to_string()),
        Prompt::DeleteParty(id) => ("Delete", format!("Delete party '{id}'?")),
        Prompt::DeleteRisk(id) => (
            "Delete",
            format!("Delete risk '{id}'? Scenarios naming it forget it."),
        ),
        Prompt::DeleteScenario(name) => (
            "Delete",
            format!("Delete scenario '{name}'? The what-if stays on the pane."),
        ),
        Prompt::DeleteScheme(id) => (
            "Delete",
            format!("Delete scheme '{id}' with its contributions and rules?"),
        ),
        Prompt::DeleteBenefit { id, note } => ("Delete", format!("Delete benefit '{id}'?{note}")),
        Prompt::Recover { at, file } => (
            "Recover",
            format!(
                "Recover unsaved work from {at}? A riskshare that stopped before saving left it for {file}."
            ),
        ),
        Prompt::NotSaved { why, .. } => ("Not saved", why.clone()),
        Prompt::Notice { title, text } => (title, text.clone()),
        Prompt::RecoverChanged { at, file, copy } => (
            "Recover",
            format!(
                "Recover unsaved work from {at}? {file} has been saved or changed since then, so recovering it over {file} would lose that. It is recovered into a copy, {copy}; to replace {file} afterwards, use Save as and confirm."
            ),
        ),
        Prompt::Overwrite { name, .. } => (
            "Replace?",
            format!(
                "{name} already exists. Replace it with this agreement? The old one is kept as {name}.bak."
            ),
        ),
        Prompt::TakeLock { file, holder } => (
            "Locked elsewhere",
            format!(
                "{file} is held by {holder}, on another machine, so riskshare cannot tell whether it is still open there. Take the lock only if you know it is not: two people saving the same file lose each other's work."
            ),
        ),
    }
}

/// The prompt in one line, for a screen too small to draw its box.
pub fn short_question(prompt: &Prompt) -> String {
    let question = match prompt {
        Prompt::Quit => "Unsaved changes:".to_string(),
        Prompt::DeleteParty(_)
        | Prompt::DeleteRisk(_)
        | Prompt::DeleteScenario(_)
        | Prompt::DeleteScheme(_)
        | Prompt::DeleteBenefit { .. } => "Delete?".to_string(),
        Prompt::Recover { at, .. } => format!("Recover unsaved work from {at}?"),
        Prompt::NotSaved { why, .. } => why.clone(),
        Prompt::Notice { text, .. } => text.clone(),
        Prompt::TakeLock { holder, .. } => format!("Held by {holder}:"),
        Prompt::RecoverChanged { at, .. } => {
            format!("Recover work from {at} (the file changed since)?")
        }
        Prompt::Overwrite { name, .. } => format!("Replace {name}?"),
    };
    let answers = keymap::answers_short(keymap::Asks::of(prompt));
    format!(" {question} {answers}.")
}

fn prompt(app: &App, prompt: &Prompt, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let (title, question) = prompt_text(prompt);
    let answers = keymap::answers_line(keymap::Asks::of(prompt));
    // Short questions sit in a box their own size; long ones wrap in one of at most 72 columns.
    let room = (screen.width.saturating_sub(4) as usize).min(72);
    let text_width = question.width().max(answers.width()).min(room);
    let asked = format::wrap(&question, text_width);
    let keys = format::wrap(&answers, text_width);
    let width = (text_width + 4) as u16;
    let height = (asked.len() + keys.len() + 4) as u16;
    let area = centred(screen, width, height);
    let inner = frame(app, title, area, buf);
    let mut lines: Vec<Line> = asked
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.tone(Tone::Warning))))
        .collect();
    lines.push(Line::raw(""));
    lines.extend(keys.into_iter().map(|l| {
        Line::from(Span::styled(
            l,
            theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
        ))
    }));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// The columns a form keeps for a field's value beside the longest label it shows whole.
const FORM_VALUE: usize = 47;

fn form(app: &App, form: &Form, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    // The refusal (or the field's hint) gets the lines it needs, up to four, and is never cut
    // without an ellipsis.
    let (message, tone) = match &form.refusal {
        Some(r) => (format!("! {}", r.message), Tone::Breach),
        None => (form.hint(), Tone::Dim),
    };
    // 76 columns, wider where the screen has room for a long label beside a full value: the
    // labels are never cut when they can be shown whole.
    let longest = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0);
    let width = u16::try_from(longest + 3 + FORM_VALUE + 2)
        .unwrap_or(u16::MAX)
        .clamp(76, screen.width.saturating_sub(4).max(76));
    let text_width = screen.width.min(width).saturating_sub(2) as usize;
    let wanted = format::wrap(&message, text_width).len().clamp(2, 4) as u16;
    let height = (form.fields.len() as u16 + 4 + wanted).min(screen.height.saturating_sub(2));
    let area = centred(screen, width, height);
    let inner = frame(app, &form.title, area, buf);
    let message_lines = wanted.min(inner.height.saturating_sub(2)).max(1);
    let label_width = longest.min(
        (inner.width as usize)
            .saturating_sub(3 + FORM_VALUE)
            .max(24),
    );
    let value_width = (inner.width as usize).saturating_sub(label_width + 3);
    let rows = inner.height.saturating_sub(1 + message_lines) as usize;
    let offset = form.cursor.saturating_sub(rows.saturating_sub(1));
    let refused_field = form.refusal.as_ref().and_then(|r| r.field);
    for (n, field) in form.fields.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (n - offset) as u16;
        let current = n == form.cursor;
        let mark = if refused_field == Some(n) { "!" } else { " " };
        let label = format::left(&field.label, label_width, sym.ellipsis);
        let value = if field.is_choice() {
            format!("< {} >", field.value)
        } else if current {
            form.with_caret(&field.value)
        } else {
            field.value.clone()
        };
        // Where typing happens, the end of the text stays in view; elsewhere, its start.
        let shown = if value.width() <= value_width {
            value
        } else if current {
            let tail: String = value
                .chars()
                .rev()
                .take(value_width.saturating_sub(1))
                .collect();
            let mark = sym.ellipsis.chars().next().unwrap_or('~');
            format!("{mark}{}", tail.chars().rev().collect::<String>())
        } else {
            format::fit(&value, value_width, sym.ellipsis)
        };
        let style = if current {
            theme.selected()
        } else {
            theme.tone(Tone::Text)
        };
        let line = Line::from(vec![
            Span::styled(mark, theme.tone(Tone::Breach)),
            Span::styled(label, theme.heading()),
            Span::raw(" "),
            Span::styled(shown, style),
        ]);
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    let top = inner.bottom().saturating_sub(1 + message_lines);
    let lines = format::wrap_fit(
        &message,
        inner.width as usize,
        message_lines as usize,
        sym.ellipsis,
    );
    for (n, line) in lines.iter().enumerate() {
        buf.set_stringn(
            inner.x,
            top + n as u16,
            line,
            inner.width as usize,
            theme.tone(tone),
        );
    }
    // The form's keys as the footer sums them up; after a first Esc, what the next does.
    let footer = |action: Action| {
        keymap::bindings_for(Context::Form)
            .find(|b| b.action == action)
            .map_or("", |b| b.footer)
    };
    let keys = if form.discard_asked {
        let esc = footer(Action::Cancel).split(' ').next().unwrap_or_default();
        format!(
            "{esc} again: throw away what was typed  {}  any other key goes on",
            footer(Action::Submit)
        )
    } else {
        keymap::bindings_for(Context::Form)
            .map(|b| b.footer)
            .filter(|f| !f.is_empty())
            .collect::<Vec<_>>()
            .join("  ")
    };
    buf.set_stringn(
        inner.x,
        inner.bottom().saturating_sub(1),
        format::fit(&keys, inner.width as usize, sym.ellipsis),
        inner.width as usize,
        theme.tone(Tone::Dim),
    );
}
