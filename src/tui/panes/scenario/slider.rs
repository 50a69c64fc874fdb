//! The over/underspend slider: -20% to +20%, zero marked, each review threshold marked by its own
//! number (with its minus sign below zero) so it reads without colour (or by a mark where numbers would run together), and the
//! knob where the variance is.

use crate::tui::app::App;
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const LIMIT: i64 = 20;

/// The column of the track where a percent falls.
fn column(percent: Decimal, width: u16) -> u16 {
    let span = Decimal::from(2 * LIMIT);
    let at = (percent + Decimal::from(LIMIT)).clamp(Decimal::ZERO, span);
    let last = Decimal::from(width.saturating_sub(1));
    (at * last / span).round().to_u16().unwrap_or(0)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    let (low, high) = ("-20% ", " +20%");
    if area.width < 16 {
        return;
    }
    // The scheme the slider moves alone, named before its track: "DTOC -20% ───●─── +20%".
    let name = app
        .slider_scheme()
        .map(|id| format!("{} ", crate::tui::format::fit(id, 12, sym.ellipsis)))
        .filter(|name| area.width as usize >= 16 + name.len() + 10)
        .unwrap_or_default();
    let name_width = unicode_width::UnicodeWidthStr::width(name.as_str()) as u16;
    let track_x = area.x + name_width + low.len() as u16;
    let width = area.width - name_width - (low.len() + high.len()) as u16;
    let dim = theme.tone(Tone::Dim);
    buf.set_stringn(
        area.x,
        area.y,
        &name,
        name_width as usize,
        theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
    );
    buf.set_stringn(area.x + name_width, area.y, low, low.len(), dim);
    buf.set_stringn(track_x + width, area.y, high, high.len(), dim);
    for x in 0..width {
        buf.set_stringn(track_x + x, area.y, sym.track, 1, dim);
    }
    buf.set_stringn(
        track_x + column(Decimal::ZERO, width),
        area.y,
        sym.axis,
        1,
        theme.tone(Tone::Text),
    );
    // Each threshold by its number where it fits with a column clear either side, else by a
    // single mark; none over zero or another threshold, so "0.5", "1", "1.5" never run together
    // into "11.5".
    let zero = column(Decimal::ZERO, width);
    let mut taken: Vec<(u16, u16)> = vec![(zero, zero + 1)];
    let mut thresholds: Vec<&Decimal> = app
        .agreement()
        .review_thresholds
        .iter()
        .map(|t| &t.at)
        .collect();
    thresholds.sort();
    let clear = |taken: &[(u16, u16)], start: u16, end: u16, gap: u16| {
        taken
            .iter()
            .all(|&(s, e)| end + gap <= s || start >= e + gap)
    };
    for at in thresholds {
        // A threshold below zero keeps its minus sign ("-2" and "2" either side of zero); under
        // --ascii, where the track is itself drawn with '-', a blank sets the sign apart.
        let figure = at.abs().normalize();
        let label = match (*at < Decimal::ZERO, theme.ascii) {
            (false, _) => figure.to_string(),
            (true, false) => format!("-{figure}"),
            (true, true) => format!(" -{figure}"),
        };
        let len = label.len() as u16;
        let x = column(*at, width);
        let start = if *at < Decimal::ZERO {
            x.saturating_sub(len - 1)
        } else {
            x
        };
        let style = theme.tone(Tone::Warning);
        if start + len <= width && clear(&taken, start, start + len, 1) {
            buf.set_stringn(track_x + start, area.y, &label, label.len(), style);
            taken.push((start, start + len));
        } else if clear(&taken, x, x + 1, 0) {
            buf.set_stringn(track_x + x, area.y, sym.threshold, 1, style);
            taken.push((x, x + 1));
        }
    }
    let v = app.slider_percent();
    let knob = theme
        .tone(if v > Decimal::ZERO {
            Tone::Cost
        } else if v < Decimal::ZERO {
            Tone::Saving
        } else {
            Tone::Accent
        })
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    buf.set_stringn(track_x + column(v, width), area.y, sym.knob, 1, knob);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ends_and_the_middle() {
        assert_eq!(column(Decimal::from(-20), 41), 0);
        assert_eq!(column(Decimal::ZERO, 41), 20);
        assert_eq!(column(Decimal::from(20), 41), 40);
        assert_eq!(column(Decimal::from(99), 41), 40);
    }
}
