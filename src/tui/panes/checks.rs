//! The Appetite pane's checks view: the governance checks' findings for the agreement, live as
//! it changes (the same findings `riskshare check` prints), most serious first.
//!
//! Each line reads without colour: `!` a warning, `x` an error, `i` a note, then the code and
//! the sentence, cut to the pane's width. Up/Down select a finding; the selected one is given
//! in full below the list, wrapped, and Enter goes to the party or scheme it is about.

use crate::engine::checks::{Finding, Severity};
use crate::tui::app::App;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The view's name, as its tab shows it.
pub const NAME: &str = "Checks";

/// The mark and tone of a severity.
fn mark(severity: Severity) -> (&'static str, Tone) {
    match severity {
        Severity::Error => ("x", Tone::Breach),
        Severity::Warning => ("!", Tone::Warning),
        Severity::Note => ("i", Tone::Dim),
    }
}

/// `3 warnings, 2 notes`, or that the checks find nothing.
fn summary(found: &[Finding]) -> String {
    let count = |s: Severity| found.iter().filter(|f| f.severity == s).count();
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Note, "note", "notes"),
    ]
    .into_iter()
    .filter_map(|(s, one, many)| {
        let n = count(s);
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    })
    .collect();
    if parts.is_empty() {
        "The governance checks find nothing to raise.".to_string()
    } else {
        format!("{} from the governance checks", parts.join(", "))
    }
}

/// The findings in the order the view lists them (and Up/Down step through): most serious
/// first; within a severity, the order of the checks.
pub fn ordered(found: &[Finding]) -> Vec<&Finding> {
    let mut ordered: Vec<&Finding> = found.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    ordered
}

/// A finding in full: its mark, code and sentence.
fn full_text(f: &Finding) -> String {
    let (m, _) = mark(f.severity);
    format!("{m} {} {}", f.code, crate::model::text::clean(&f.message))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let found = &app.calc().checks;
    let width = area.width as usize;
    let line = |y: u16, text: &str, style: ratatui::style::Style, buf: &mut Buffer| {
        if y < area.bottom() {
            buf.set_stringn(
                area.x,
                y,
                crate::tui::format::left(text, width, sym.ellipsis),
                width,
                style,
            );
        }
    };
    if area.height == 0 {
        return;
    }
    let mut head = summary(found);
    if head.width() > width {
        head = head.replace(" from the governance checks", "");
    }
    line(area.y, &head, theme.tone(Tone::Text), buf);
    let ordered = ordered(found);
    if ordered.is_empty() {
        return;
    }
    let cursor = app.finding_cursor().min(ordered.len() - 1);
    let focused = app.focus() == crate::tui::action::PaneId::Appetite;
    // The selected finding in full at the foot (as many lines as it needs, leaving the list at
    // least a line), the list above it.
    let rest = usize::from(area.height - 1);
    // (None when its row shows it whole.)
    let text = full_text(ordered[cursor]);
    let wrapped = crate::tui::format::wrap(&text, width);
    let detail_room = if wrapped.len() > 1 {
        wrapped.len().min(rest.saturating_sub(3))
    } else {
        0
    };
    let detail = crate::tui::format::wrap_fit(&text, width, detail_room, sym.ellipsis);
    let list_room = rest - detail_room - usize::from(detail_room > 0);
    let (first, shown, more) = if ordered.len() <= list_room {
        (0, ordered.len(), false)
    } else {
        let shown = list_room.saturating_sub(1).max(1);
        let first = (cursor + 1)
            .saturating_sub(shown)
            .min(ordered.len() - shown);
        (first, shown, list_room > 1)
    };
    let mut y = area.y + 1;
    for (k, f) in ordered.iter().enumerate().skip(first).take(shown) {
        let (_, tone) = mark(f.severity);
        let style = if k == cursor && focused {
            theme.tone(tone).patch(theme.selected())
        } else {
            theme.tone(tone)
        };
        line(y, &full_text(f), style, buf);
        y += 1;
    }
    if more {
        line(
            y,
            &crate::tui::view::table::more_line(first, shown, ordered.len(), sym.ellipsis),
            theme.tone(Tone::Dim),
            buf,
        );
        y += 1;
    }
    if detail_room > 0 {
        y += 1;
        let (_, tone) = mark(ordered[cursor].severity);
        for text in &detail {
            line(y, text, theme.tone(tone), buf);
            y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::checks::Subject;

    #[test]
    fn the_summary_counts_each_severity() {
        let f = |severity| Finding {
            code: "G101",
            severity,
            subject: Subject::Agreement,
            message: String::new(),
        };
        assert_eq!(
            summary(&[
                f(Severity::Warning),
                f(Severity::Note),
                f(Severity::Warning)
            ]),
            "2 warnings, 1 note from the governance checks"
        );
        assert_eq!(summary(&[]), "The governance checks find nothing to raise.");
    }
}
