//! The warnings loading the file gave (a doubtful value the file may still be used with), one
//! a line with where in the file: the appetite pane's "Warnings" view; the header counts them.

use crate::tui::app::App;
use crate::tui::format;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// "3 warnings" (or "1 warning"), or nothing when the file loaded clean.
pub fn count(app: &App) -> Option<String> {
    match app.warnings().len() {
        0 => None,
        1 => Some("1 warning".to_string()),
        n => Some(format!("{n} warnings")),
    }
}

/// The list, the first line saying how many and that the file still loaded.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sym = theme.symbols();
    let width = area.width as usize;
    let mut y = area.y;
    let mut line = |text: &str, tone: Tone, y: &mut u16| {
        if *y < area.bottom() {
            let shown = format::fit(text, width, sym.ellipsis);
            buf.set_stringn(area.x, *y, shown, width, theme.tone(tone));
            *y += 1;
        }
    };
    let Some(how_many) = count(app) else {
        line("No warnings when the file was loaded", Tone::Dim, &mut y);
        return;
    };
    line(
        &format!("{how_many} when the file was loaded (it is still used):"),
        Tone::Warning,
        &mut y,
    );
    let rows = usize::from(area.bottom().saturating_sub(y));
    let total = app.warnings().len();
    let shown = if total > rows {
        rows.saturating_sub(1)
    } else {
        total
    };
    for w in app.warnings().iter().take(shown) {
        line(&format!("! {w}"), Tone::Text, &mut y);
    }
    if shown < total {
        line(
            &format!(
                "{} +{} more (z zooms the pane)",
                sym.ellipsis,
                total - shown
            ),
            Tone::Dim,
            &mut y,
        );
    }
}
