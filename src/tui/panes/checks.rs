//! The Appetite pane's checks view: the governance checks' findings for the agreement, live as
//! it changes (the same findings `riskshare check` prints), most serious first.
//!
//! Each line reads without colour: `!` a warning, `x` an error, `i` a note, then the code and
//! the sentence, cut to the pane's width; `riskshare check FILE` gives them in full.

use crate::engine::checks::{Finding, Severity};
use crate::tui::app::App;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

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

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let found = &app.calc().checks;
    let width = area.width as usize;
    let line = |y: u16, text: &str, tone: Tone, buf: &mut Buffer| {
        buf.set_stringn(
            area.x,
            y,
            crate::tui::format::fit(text, width, sym.ellipsis),
            width,
            theme.tone(tone),
        );
    };
    if area.height == 0 {
        return;
    }
    line(area.y, &summary(found), Tone::Text, buf);
    let mut ordered: Vec<&Finding> = found.iter().collect();
    // Most serious first; within a severity, the order of the checks.
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let room = usize::from(area.height.saturating_sub(1));
    let shown = if ordered.len() > room {
        room.saturating_sub(1)
    } else {
        ordered.len()
    };
    for (k, f) in ordered.iter().take(shown).enumerate() {
        let (m, tone) = mark(f.severity);
        let text = format!("{m} {} {}", f.code, crate::model::text::clean(&f.message));
        line(area.y + 1 + k as u16, &text, tone, buf);
    }
    if shown < ordered.len() {
        let more = ordered.len() - shown;
        line(
            area.y + 1 + shown as u16,
            &format!("and {more} more: riskshare check FILE lists them all"),
            Tone::Dim,
            buf,
        );
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
