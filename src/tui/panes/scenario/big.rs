//! The pool's variance in digits three rows tall, for the back of a room; with the exact figure
//! under it. Plain text instead on an ASCII terminal, which has no half blocks to draw with.

use super::side_words;
use crate::tui::app::App;
use crate::tui::format::{held_percent, money};
use crate::tui::theme::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Three rows per character.
fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "▀▀▀"],
        '1' => ["▀█ ", " █ ", "▀▀▀"],
        '2' => ["▀▀█", "█▀▀", "▀▀▀"],
        '3' => ["▀▀█", " ▀█", "▀▀▀"],
        '4' => ["█ █", "▀▀█", "  ▀"],
        '5' => ["█▀▀", "▀▀█", "▀▀▀"],
        '6' => ["█▀▀", "█▀█", "▀▀▀"],
        '7' => ["▀▀█", "  █", "  ▀"],
        '8' => ["█▀█", "█▀█", "▀▀▀"],
        '9' => ["█▀█", "▀▀█", "▀▀▀"],
        '+' => ["   ", "▄█▄", " ▀ "],
        '-' => ["   ", "▀▀▀", "   "],
        '%' => ["█ ▄", " ▄▀", "▀ █"],
        '£' => ["▄▀▀", "█▀ ", "▀▀▀"],
        '.' => [" ", " ", "▀"],
        ',' => [" ", " ", "▄"],
        _ => ["   ", "   ", "   "],
    }
}

fn width_of(text: &str) -> u16 {
    text.chars()
        .map(|c| glyph(c)[0].chars().count() as u16 + 1)
        .sum()
}

fn draw_big(text: &str, x: u16, y: u16, style: ratatui::style::Style, buf: &mut Buffer) -> u16 {
    let mut at = x;
    for c in text.chars() {
        let g = glyph(c);
        let w = g[0].chars().count() as u16;
        for (row, part) in g.iter().enumerate() {
            buf.set_stringn(at, y + row as u16, part, w as usize, style);
        }
        at += w + 1;
    }
    at
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme();
    let v = app.calc().allocation.variance;
    let (word, tone) = side_words(v);
    let percent = held_percent(app.calc().allocation.variance_percent);
    let pounds = format!("£{}", money(v.abs(), false));
    let style = theme.tone(tone).add_modifier(Modifier::BOLD);
    if !theme.ascii && area.height >= 4 {
        let mut x = area.x + 1;
        let both = width_of(&percent) + 3 + width_of(&pounds);
        x = draw_big(
            &percent,
            x,
            area.y,
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
            buf,
        );
        if both < area.width {
            draw_big(&pounds, x + 3, area.y, style, buf);
        }
    }
    let figures = format!(
        " Variance {percent}  {}{} {word}",
        theme.symbols().pound,
        money(v.abs(), true)
    );
    let room = (area.width as usize)
        .saturating_sub(unicode_width::UnicodeWidthStr::width(figures.as_str()));
    let held = super::held_text(app, room);
    let line = Line::from(vec![
        Span::styled(" Variance ", theme.tone(Tone::Dim)),
        Span::styled(
            percent,
            theme.tone(Tone::Accent).add_modifier(Modifier::BOLD),
        ),
        Span::raw("  "),
        Span::styled(
            format!("{}{}", theme.symbols().pound, money(v.abs(), true)),
            style,
        ),
        Span::styled(format!(" {word}"), theme.tone(tone)),
        Span::styled(held, theme.tone(Tone::Warning)),
    ]);
    let y = if theme.ascii { area.y } else { area.y + 3 };
    line.render(Rect::new(area.x, y, area.width, 1), buf);
}
