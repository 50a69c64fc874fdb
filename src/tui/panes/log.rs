//! The parties pane's Log view: the decision log, newest first, for everyone, the selected
//! party or the selected scheme (`f` steps through them).

use crate::model::LogEntry;
use crate::tui::app::App;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Whose decisions the view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFilter {
    #[default]
    All,
    Party,
    Scheme,
}

impl LogFilter {
    pub fn next(self) -> LogFilter {
        match self {
            LogFilter::All => LogFilter::Party,
            LogFilter::Party => LogFilter::Scheme,
            LogFilter::Scheme => LogFilter::All,
        }
    }
}

/// The entries shown, newest first, and what they are filtered by.
pub fn shown(app: &App) -> (Vec<&LogEntry>, Option<String>) {
    let a = app.agreement();
    let id = match app.panes().parties.log_filter {
        LogFilter::All => None,
        LogFilter::Party => a.parties.get(app.party_cursor()).map(|p| p.id.clone()),
        LogFilter::Scheme => a.schemes.get(app.scheme_cursor()).map(|s| s.id.clone()),
    };
    let entries = a
        .log
        .iter()
        .rev()
        .filter(|e| id.as_deref().is_none_or(|id| e.mentions(id)))
        .collect();
    (entries, id)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let (entries, id) = shown(app);
    let heading = match &id {
        Some(id) => format!("Decisions naming {id}, newest first (f: whose)"),
        None => "Every decision, newest first (f: a party's, a scheme's)".to_string(),
    };
    let mut lines = vec![Line::from(Span::styled(heading, theme.tone(Tone::Dim)))];
    if entries.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing logged yet: each change made here is recorded; N notes why.",
            theme.tone(Tone::Text),
        )));
    }
    for e in entries {
        let day = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
        lines.push(Line::from(vec![
            Span::styled(format!("{day} {} ", e.by), theme.tone(Tone::Dim)),
            Span::styled(e.change.clone(), theme.tone(Tone::Text)),
        ]));
        if !e.note.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  note: {}", e.note),
                theme.tone(Tone::Accent),
            )));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
