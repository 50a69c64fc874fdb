//! How the workbench looks on a given terminal: Unicode or plain ASCII, true colour, 16 colours or
//! none, and a high-contrast variant for projectors.
//!
//! Every meaning is carried by text or an attribute as well as by colour (bands as letters,
//! breaches as `!`, the focused pane by its border and title), so the screen reads the same with
//! `NO_COLOR`. Colour is dropped here rather than by crossterm, whose own NO_COLOR handling also
//! drops bold and reverse.

use super::options::{ThemeName, WorkbenchArgs};
use crate::model::ScoreBand;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use std::ffi::OsString;

// The colour-blind-safe colours of Okabe and Ito, as the nearest of xterm's 256 (by CIELAB
// distance): `38;5;n` is half the bytes of `38;2;r;g;b`, which matters over SSH, and every
// terminal that shows 24-bit colour shows these.
/// Sky blue, #56B4E9 (#5FAFD7).
const SKY: Color = Color::Indexed(74);
/// Yellow, #F0E442 (#FFFF5F).
const YELLOW: Color = Color::Indexed(227);
/// Orange, #E69F00 (#FFAF00).
const ORANGE: Color = Color::Indexed(214);
/// Vermilion, #D55E00 (#D75F00).
const VERMILION: Color = Color::Indexed(166);
/// Blue, #0072B2 (#0087D7).
const BLUE: Color = Color::Indexed(32);
/// Bluish green, #009E73 (#00AF87).
const GREEN: Color = Color::Indexed(36);
/// A mid grey, #8A8A8A exactly.
const GREY: Color = Color::Indexed(245);

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// No colour at all (`--no-color`, `NO_COLOR`): attributes only.
    Mono,
    /// The 16 ANSI colours, which every terminal has.
    Ansi16,
    /// 24-bit colour, when `COLORTERM` says `truecolor` or `24bit`: drawn in the 256-colour
    /// palette's nearest matches to the colour-blind-safe colours, which take fewer bytes.
    TrueColor,
}

/// What a piece of the screen means, which the theme turns into a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Text,
    Dim,
    Accent,
    Cost,
    Saving,
    Breach,
    Warning,
    Good,
}

/// The characters that draw bars, sliders and marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub bar: &'static str,
    pub axis: &'static str,
    pub track: &'static str,
    pub knob: &'static str,
    pub threshold: &'static str,
    pub grid_line: &'static str,
    pub ellipsis: &'static str,
    pub pound: &'static str,
    pub dot: &'static str,
    pub le: &'static str,
    pub arrow: &'static str,
}

const UNICODE: Symbols = Symbols {
    bar: "█",
    axis: "│",
    track: "─",
    knob: "●",
    threshold: "┼",
    grid_line: "┃",
    ellipsis: "…",
    pound: "£",
    dot: "·",
    le: "≤",
    arrow: "▶",
};

const ASCII: Symbols = Symbols {
    bar: "#",
    axis: "|",
    track: "-",
    knob: "O",
    threshold: "+",
    grid_line: "|",
    ellipsis: "...",
    pound: "GBP ",
    dot: ".",
    le: "<=",
    arrow: ">",
};

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII_FOCUS_BORDER: border::Set = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

/// The look chosen from the command line and the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ascii: bool,
    pub palette: Palette,
    pub contrast: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            ascii: false,
            palette: Palette::TrueColor,
            contrast: false,
        }
    }
}

impl Theme {
    /// The theme for this process: flags first, then `NO_COLOR`, the locale and `COLORTERM`.
    pub fn from_args(args: &WorkbenchArgs) -> Theme {
        Theme::detect(args, |name| std::env::var_os(name))
    }

    /// As `from_args`, reading the environment through `env` (so tests need not set it).
    pub fn detect(args: &WorkbenchArgs, env: impl Fn(&str) -> Option<OsString>) -> Theme {
        let ascii = args.ascii || !locale_is_utf8(&env);
        let palette = if args.no_color || env("NO_COLOR").is_some() {
            Palette::Mono
        } else {
            match env("COLORTERM")
                .and_then(|v| v.into_string().ok())
                .as_deref()
            {
                Some("truecolor") | Some("24bit") => Palette::TrueColor,
                _ => Palette::Ansi16,
            }
        };
        Theme {
            ascii,
            palette,
            contrast: args.theme == ThemeName::Contrast,
        }
    }

    pub fn symbols(&self) -> &'static Symbols {
        if self.ascii { &ASCII } else { &UNICODE }
    }

    pub fn border(&self, focused: bool) -> border::Set<'static> {
        match (self.ascii, focused) {
            (true, true) => ASCII_FOCUS_BORDER,
            (true, false) => ASCII_BORDER,
            (false, true) => border::THICK,
            (false, false) => border::PLAIN,
        }
    }

    pub fn border_style(&self, focused: bool) -> Style {
        if focused {
            self.tone(Tone::Accent).add_modifier(Modifier::BOLD)
        } else {
            self.tone(Tone::Dim)
        }
    }

    /// The focused pane's title is reversed, so it shows with no colour at all.
    pub fn title_style(&self, focused: bool) -> Style {
        let style = Style::new().remove_modifier(Modifier::DIM);
        if focused {
            style.add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            style.add_modifier(Modifier::BOLD)
        }
    }

    /// A column heading: bold, in the dim colour where there is colour.
    pub fn heading(&self) -> Style {
        self.tone(Tone::Dim)
            .remove_modifier(Modifier::DIM)
            .add_modifier(Modifier::BOLD)
    }

    /// The whole screen's ground: white on black for a projector, else the terminal's own.
    pub fn base(&self) -> Style {
        if self.contrast && self.palette != Palette::Mono {
            Style::new().fg(Color::White).bg(Color::Black)
        } else {
            Style::new()
        }
    }

    /// The selected row of a list.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn tone(&self, tone: Tone) -> Style {
        let style = Style::new();
        let bold = matches!(tone, Tone::Breach | Tone::Warning) || self.contrast;
        let style = if bold {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        // Without colour, dim text is faint; everything else takes faintness away from what it is
        // drawn over, so that no cell asks for bold and faint at once (terminals show one or the
        // other, and not the same one).
        let style = if tone == Tone::Dim && self.palette == Palette::Mono && !self.contrast {
            style
                .add_modifier(Modifier::DIM)
                .remove_modifier(Modifier::BOLD)
        } else {
            style.remove_modifier(Modifier::DIM)
        };
        match self.color(tone) {
            Some(c) => style.fg(c),
            None => style,
        }
    }

    /// A heatmap cell or a band label: a colour-blind-safe sequence (sky blue, yellow, orange,
    /// vermilion, from Okabe and Ito) that also steps in lightness, with dark text on it.
    pub fn band(&self, band: ScoreBand) -> Style {
        let bold = Style::new()
            .add_modifier(Modifier::BOLD)
            .remove_modifier(Modifier::DIM);
        let bg = match (self.palette, band) {
            (Palette::Mono, ScoreBand::Extreme) => return bold.add_modifier(Modifier::REVERSED),
            (Palette::Mono, ScoreBand::High) => return bold,
            (Palette::Mono, _) => return Style::new().remove_modifier(Modifier::DIM),
            (Palette::Ansi16, ScoreBand::Low) => Color::Cyan,
            (Palette::Ansi16, ScoreBand::Moderate) => Color::Yellow,
            (Palette::Ansi16, ScoreBand::High) => Color::LightRed,
            (Palette::Ansi16, ScoreBand::Extreme) => Color::Magenta,
            (Palette::TrueColor, ScoreBand::Low) => SKY,
            (Palette::TrueColor, ScoreBand::Moderate) => YELLOW,
            (Palette::TrueColor, ScoreBand::High) => ORANGE,
            (Palette::TrueColor, ScoreBand::Extreme) => VERMILION,
        };
        let text = if band == ScoreBand::Extreme && !self.contrast {
            Color::White
        } else {
            Color::Black
        };
        bold.bg(bg).fg(text)
    }

    fn color(&self, tone: Tone) -> Option<Color> {
        use Palette::*;
        let c = match (self.palette, self.contrast, tone) {
            (Mono, _, _) | (_, _, Tone::Text) => return None,
            (_, true, Tone::Dim) => Color::White,
            (_, true, Tone::Accent) => Color::LightYellow,
            (_, true, Tone::Cost) => Color::LightRed,
            (_, true, Tone::Saving) => Color::LightCyan,
            (_, true, Tone::Breach) => Color::LightRed,
            (_, true, Tone::Warning) => Color::LightYellow,
            (_, true, Tone::Good) => Color::LightCyan,
            (Ansi16, false, Tone::Dim) => Color::DarkGray,
            (Ansi16, false, Tone::Accent) => Color::LightCyan,
            (Ansi16, false, Tone::Cost) => Color::LightRed,
            (Ansi16, false, Tone::Saving) => Color::LightBlue,
            (Ansi16, false, Tone::Breach) => Color::LightRed,
            (Ansi16, false, Tone::Warning) => Color::Yellow,
            (Ansi16, false, Tone::Good) => Color::Cyan,
            (TrueColor, false, Tone::Dim) => GREY,
            (TrueColor, false, Tone::Accent) => SKY,
            (TrueColor, false, Tone::Cost) => ORANGE,
            (TrueColor, false, Tone::Saving) => BLUE,
            (TrueColor, false, Tone::Breach) => VERMILION,
            (TrueColor, false, Tone::Warning) => YELLOW,
            (TrueColor, false, Tone::Good) => GREEN,
        };
        Some(c)
    }
}

/// True when the first of LC_ALL, LC_CTYPE, LANG that is set names UTF-8.
fn locale_is_utf8(env: &impl Fn(&str) -> Option<OsString>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| env(name))
        .map(|v| v.to_string_lossy().to_ascii_lowercase())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.contains("utf-8") || v.contains("utf8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)], args: &WorkbenchArgs) -> Theme {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Theme::detect(args, |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn the_locale_decides_ascii() {
        let args = WorkbenchArgs::default();
        assert!(!with(&[("LANG", "en_GB.UTF-8")], &args).ascii);
        assert!(with(&[("LANG", "C")], &args).ascii);
        assert!(with(&[], &args).ascii);
        assert!(with(&[("LC_ALL", "C"), ("LANG", "en_GB.UTF-8")], &args).ascii);
        let forced = WorkbenchArgs {
            ascii: true,
            ..WorkbenchArgs::default()
        };
        assert!(with(&[("LANG", "en_GB.UTF-8")], &forced).ascii);
    }

    #[test]
    fn no_color_with_any_value_and_colorterm() {
        let args = WorkbenchArgs::default();
        assert_eq!(with(&[("NO_COLOR", "")], &args).palette, Palette::Mono);
        assert_eq!(with(&[("NO_COLOR", "1")], &args).palette, Palette::Mono);
        assert_eq!(with(&[], &args).palette, Palette::Ansi16);
        let truecolor = with(&[("COLORTERM", "truecolor")], &args);
        assert_eq!(truecolor.palette, Palette::TrueColor);
    }

    #[test]
    fn mono_keeps_attributes_and_drops_colour() {
        let theme = Theme {
            palette: Palette::Mono,
            ..Theme::default()
        };
        let s = theme.tone(Tone::Breach);
        assert_eq!(s.fg, None);
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert!(
            theme
                .title_style(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_eq!(theme.band(ScoreBand::High).bg, None);
    }

    #[test]
    fn true_colour_uses_fixed_256_colour_indexes() {
        // Indexes 16 and up are the same on every terminal; below 16 they follow the user's
        // palette, which is what the 16-colour palette is for.
        let theme = Theme::default();
        let tones = [
            Tone::Dim,
            Tone::Accent,
            Tone::Cost,
            Tone::Saving,
            Tone::Breach,
            Tone::Warning,
            Tone::Good,
        ];
        let colours = tones.iter().map(|t| theme.tone(*t).fg).chain(
            [
                ScoreBand::Low,
                ScoreBand::Moderate,
                ScoreBand::High,
                ScoreBand::Extreme,
            ]
            .iter()
            .map(|b| theme.band(*b).bg),
        );
        for c in colours {
            assert!(matches!(c, Some(Color::Indexed(n)) if n >= 16), "{c:?}");
        }
        let bands: std::collections::HashSet<_> = [
            ScoreBand::Low,
            ScoreBand::Moderate,
            ScoreBand::High,
            ScoreBand::Extreme,
        ]
        .iter()
        .map(|b| theme.band(*b).bg)
        .collect();
        assert_eq!(bands.len(), 4);
    }
}
