//! The warnings loading the file gave (a doubtful value the file may still be used with), one
//! a line with where in the file: the appetite pane's "Warnings" view; the header counts them.

use crate::tui::app::App;
use crate::tui::format;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A count as the screen writes it: `12,345`.
fn grouped(n: usize) -> String {
    crate::model::money::grouped(&n.to_string())
}

/// "3 warnings" (or "1 warning"), every one the file gave, those not kept too; nothing when the
/// file loaded clean.
pub fn count(app: &App) -> Option<String> {
    match app.warnings_total() {
        0 => None,
        1 => Some("1 warning".to_string()),
        n => Some(format!("{} warnings", grouped(n))),
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
    // The last row says what is not listed: more than fit, or more than loading kept.
    let shown = if total > rows || app.warnings_total() > total {
        total.min(rows.saturating_sub(1))
    } else {
        total
    };
    for w in app.warnings().iter().take(shown) {
        line(&format!("! {w}"), Tone::Text, &mut y);
    }
    let zoom = if shown < total {
        " (z zooms the pane)"
    } else {
        ""
    };
    // Loading keeps the first warnings of a file that gives very many: say how many those are.
    if app.warnings_total() > total {
        line(
            &format!(
                "{} {} shown of {}: the first {} are kept{zoom}",
                sym.ellipsis,
                grouped(shown),
                grouped(app.warnings_total()),
                grouped(total)
            ),
            Tone::Dim,
            &mut y,
        );
    } else if shown < total {
        line(
            &format!("{} +{} more{zoom}", sym.ellipsis, grouped(total - shown)),
            Tone::Dim,
            &mut y,
        );
    }
}
