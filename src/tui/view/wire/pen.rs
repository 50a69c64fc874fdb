//! The pen a terminal writes with (colours and attributes), and the shortest SGR sequence that
//! changes one pen into another: one `ESC [ ... m` carrying every change, either as the changes
//! alone or as a reset and the new pen, whichever is shorter (a reset alone is `ESC [ m`).
//!
//! The 16 ANSI colours go out as their own codes (`31`, `91`, `41`), which every terminal knows,
//! rather than as 256-colour indexes.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Colours and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

impl Pen {
    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Attributes that show on a blank cell: with any of them the foreground colour shows too.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

impl Pen {
    /// True when a space written with `self` looks the same as one written with `other`: only
    /// the background shows, unless an attribute draws the foreground on it.
    pub fn blank_looks_like(&self, other: &Pen) -> bool {
        let a = self.modifier & VISIBLE_ON_BLANK;
        let b = other.modifier & VISIBLE_ON_BLANK;
        self.bg == other.bg && a == b && (a.is_empty() || self == other)
    }
}

/// Attributes and the codes that set them.
const SET: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The codes that take attributes away. 22 takes both bold and dim, 25 both blinks.
const UNSET: [(Modifier, u8); 6] = [
    (Modifier::BOLD.union(Modifier::DIM), 22),
    (Modifier::ITALIC, 23),
    (Modifier::UNDERLINED, 24),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), 25),
    (Modifier::REVERSED, 27),
    (Modifier::HIDDEN, 28),
];

/// Where a colour goes: foreground, background or underline.
#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

fn color(layer: Layer, c: Color, out: &mut Vec<String>) {
    let base = match layer {
        Layer::Fg => 30,
        Layer::Bg => 40,
        Layer::Underline => 50,
    };
    let ansi = |n: u8, bright: bool| {
        if bright {
            (base + 60 + n).to_string()
        } else {
            (base + n).to_string()
        }
    };
    let code = match (layer, c) {
        (Layer::Underline, Color::Reset) => "59".to_string(),
        (_, Color::Reset) => (base + 9).to_string(),
        // Underlines take only the extended forms.
        (Layer::Underline, Color::Rgb(r, g, b)) => format!("58;2;{r};{g};{b}"),
        (Layer::Underline, other) => format!("58;5;{}", index(other)),
        (_, Color::Black) => ansi(0, false),
        (_, Color::Red) => ansi(1, false),
        (_, Color::Green) => ansi(2, false),
        (_, Color::Yellow) => ansi(3, false),
        (_, Color::Blue) => ansi(4, false),
        (_, Color::Magenta) => ansi(5, false),
        (_, Color::Cyan) => ansi(6, false),
        (_, Color::Gray) => ansi(7, false),
        (_, Color::DarkGray) => ansi(0, true),
        (_, Color::LightRed) => ansi(1, true),
        (_, Color::LightGreen) => ansi(2, true),
        (_, Color::LightYellow) => ansi(3, true),
        (_, Color::LightBlue) => ansi(4, true),
        (_, Color::LightMagenta) => ansi(5, true),
        (_, Color::LightCyan) => ansi(6, true),
        (_, Color::White) => ansi(7, true),
        (_, Color::Indexed(n)) => format!("{};5;{n}", base + 8),
        (_, Color::Rgb(r, g, b)) => format!("{};2;{r};{g};{b}", base + 8),
    };
    out.push(code);
}

/// The 256-colour index of a named colour.
pub(super) fn index(c: Color) -> u8 {
    match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(n) => n,
        Color::Reset | Color::Rgb(..) => 0,
    }
}

fn set_codes(modifier: Modifier, out: &mut Vec<String>) {
    for (m, code) in SET {
        if modifier.contains(m) {
            out.push(code.to_string());
        }
    }
}

/// The changes alone: attributes taken away, attributes added, colours that differ.
fn changes(from: &Pen, to: &Pen) -> Vec<String> {
    let mut codes = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    for (m, code) in UNSET {
        if removed.intersects(m) {
            codes.push(code.to_string());
            // The code took the whole group: give back what the new pen keeps of it.
            added |= to.modifier & m;
        }
    }
    if removed.contains(Modifier::CROSSED_OUT) {
        codes.push("29".to_string());
    }
    set_codes(added, &mut codes);
    if from.fg != to.fg {
        color(Layer::Fg, to.fg, &mut codes);
    }
    if from.bg != to.bg {
        color(Layer::Bg, to.bg, &mut codes);
    }
    if from.underline != to.underline {
        color(Layer::Underline, to.underline, &mut codes);
    }
    codes
}

/// A reset, then the new pen whole.
fn fresh(to: &Pen) -> Vec<String> {
    let mut codes = vec!["0".to_string()];
    set_codes(to.modifier, &mut codes);
    let blank = Pen::default();
    if to.fg != blank.fg {
        color(Layer::Fg, to.fg, &mut codes);
    }
    if to.bg != blank.bg {
        color(Layer::Bg, to.bg, &mut codes);
    }
    if to.underline != blank.underline {
        color(Layer::Underline, to.underline, &mut codes);
    }
    codes
}

/// Appends the shortest sequence that turns pen `from` into pen `to` (nothing when equal).
pub fn change(from: &Pen, to: &Pen, out: &mut Vec<u8>) {
    if from == to {
        return;
    }
    let a = changes(from, to).join(";");
    let b = fresh(to).join(";");
    let codes = if b.len() < a.len() { b } else { a };
    out.extend_from_slice(b"\x1b[");
    // A reset alone needs no number: `ESC [ m` is what curses sends for xterm.
    if codes != "0" {
        out.extend_from_slice(codes.as_bytes());
    }
    out.push(b'm');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(from: Pen, to: Pen) -> String {
        let mut out = Vec::new();
        change(&from, &to, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    fn pen(modifier: Modifier, fg: Color) -> Pen {
        Pen {
            fg,
            modifier,
            ..Pen::default()
        }
    }

    #[test]
    fn one_sequence_for_every_change() {
        let blank = Pen::default();
        assert_eq!(sgr(blank, blank), "");
        assert_eq!(
            sgr(blank, pen(Modifier::BOLD, Color::LightRed)),
            "\x1b[1;91m"
        );
        let bg = Pen {
            bg: Color::Rgb(1, 2, 3),
            ..blank
        };
        assert_eq!(sgr(blank, bg), "\x1b[48;2;1;2;3m");
        assert_eq!(sgr(bg, blank), "\x1b[m");
        let both = Pen {
            fg: Color::Red,
            ..bg
        };
        assert_eq!(sgr(both, bg), "\x1b[39m");
    }

    #[test]
    fn taking_dim_away_keeps_bold() {
        let both = pen(Modifier::BOLD | Modifier::DIM, Color::Reset);
        let bold = pen(Modifier::BOLD, Color::Reset);
        assert_eq!(sgr(both, bold), "\x1b[0;1m");
        assert_eq!(sgr(bold, both), "\x1b[2m");
    }

    #[test]
    fn a_reset_when_that_is_shorter() {
        let busy = Pen {
            fg: Color::Rgb(200, 100, 50),
            bg: Color::Indexed(17),
            underline: Color::Reset,
            modifier: Modifier::BOLD | Modifier::REVERSED | Modifier::ITALIC,
        };
        assert_eq!(sgr(busy, Pen::default()), "\x1b[m");
    }

    #[test]
    fn named_colours_use_the_sixteen_colour_codes() {
        let blank = Pen::default();
        let on = Pen {
            fg: Color::DarkGray,
            bg: Color::Cyan,
            ..blank
        };
        assert_eq!(sgr(blank, on), "\x1b[90;46m");
        let white = Pen {
            fg: Color::White,
            bg: Color::Black,
            ..blank
        };
        assert_eq!(sgr(blank, white), "\x1b[97;40m");
    }
}
