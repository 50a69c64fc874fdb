//! What is drawn over the panes: the help drawn from the keymap, a prompt, or a form.

use crate::tui::action::Pane;
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
    match &app.overlay {
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
    let theme = &app.theme;
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

fn help(app: &App, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let contexts = [
        Context::Everywhere,
        Context::In(Pane::Scenario),
        Context::In(Pane::Register),
        Context::Heatmap,
        Context::In(Pane::Parties),
        Context::In(Pane::Appetite),
        Context::Form,
    ];
    let mut lines: Vec<Line> = Vec::new();
    for context in contexts {
        lines.push(Line::from(Span::styled(
            context.title(),
            theme
                .tone(Tone::Accent)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )));
        for b in keymap::bindings_for(context) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<12}", b.shown),
                    theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
                ),
                Span::raw(b.label),
            ]));
        }
    }
    let area = centred(screen, 76, screen.height.saturating_sub(2));
    let inner = frame(
        app,
        "Help: every key (Up/Down scroll, any other key closes)",
        area,
        buf,
    );
    // Two columns when the lines would not fit in one.
    let half = lines.len().div_ceil(2);
    let (columns, per) = if lines.len() as u16 > inner.height && inner.width >= 70 {
        (2, half)
    } else {
        (1, lines.len())
    };
    let width = inner.width / columns;
    for c in 0..columns {
        let part: Vec<Line> = lines
            .iter()
            .skip(c as usize * per)
            .take(per)
            .cloned()
            .collect();
        let rect = Rect::new(inner.x + c * width, inner.y, width, inner.height);
        Paragraph::new(part)
            .scroll((app.help_scroll, 0))
            .render(rect, buf);
    }
}

fn prompt(app: &App, prompt: &Prompt, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let (title, question, answers) = match prompt {
        Prompt::Quit => (
            "Quit",
            "There are unsaved changes.".to_string(),
            "s save and quit   d discard them and quit   Esc stay",
        ),
        Prompt::DeleteParty(id) => (
            "Delete",
            format!("Delete party '{id}'?"),
            "y delete   n keep",
        ),
        Prompt::DeleteRisk(id) => (
            "Delete",
            format!("Delete risk '{id}'? Scenarios naming it forget it."),
            "y delete   n keep",
        ),
    };
    let width = (question.width().max(answers.width()) + 4) as u16;
    let area = centred(screen, width, 6);
    let inner = frame(app, title, area, buf);
    let lines = vec![
        Line::from(Span::styled(question, theme.tone(Tone::Warning))),
        Line::raw(""),
        Line::from(Span::styled(
            answers,
            theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
        )),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

fn form(app: &App, form: &Form, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let sym = theme.symbols();
    let height = (form.fields.len() as u16 + 6).min(screen.height.saturating_sub(2));
    let area = centred(screen, 76, height);
    let inner = frame(app, &form.title, area, buf);
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0)
        .min(24);
    let value_width = (inner.width as usize).saturating_sub(label_width + 3);
    let rows = inner.height.saturating_sub(3) as usize;
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
            format!("{}_", field.value)
        } else {
            field.value.clone()
        };
        // The end of what is typed stays in view.
        let shown = if value.width() > value_width {
            let cut: String = value
                .chars()
                .rev()
                .take(value_width.saturating_sub(1))
                .collect();
            format!(
                "{}{}",
                sym.ellipsis.chars().next().unwrap_or('~'),
                cut.chars().rev().collect::<String>()
            )
        } else {
            value
        };
        let style = if current {
            theme.selected()
        } else {
            theme.tone(Tone::Text)
        };
        let line = Line::from(vec![
            Span::styled(mark, theme.tone(Tone::Breach)),
            Span::styled(label, theme.tone(Tone::Dim).add_modifier(Modifier::BOLD)),
            Span::raw(" "),
            Span::styled(shown, style),
        ]);
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    let message_area = Rect::new(inner.x, inner.bottom().saturating_sub(3), inner.width, 2);
    let message = match &form.refusal {
        Some(r) => Line::from(Span::styled(
            format!("! {}", r.message),
            theme.tone(Tone::Breach),
        )),
        None => Line::from(Span::styled(
            form.fields
                .get(form.cursor)
                .map(|f| f.hint.clone())
                .unwrap_or_default(),
            theme.tone(Tone::Dim),
        )),
    };
    Paragraph::new(message)
        .wrap(Wrap { trim: true })
        .render(message_area, buf);
    let keys = "Enter apply  Esc cancel  Tab/Up/Down field  Left/Right choose  Ctrl-u clear";
    buf.set_stringn(
        inner.x,
        inner.bottom().saturating_sub(1),
        format::fit(keys, inner.width as usize, sym.ellipsis),
        inner.width as usize,
        theme.tone(Tone::Dim),
    );
}
