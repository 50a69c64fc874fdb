//! The 5x5 heatmap: likelihood across, impact up. Each cell shows its count of open risks and its
//! band letter, so it reads without colour; the selected party's appetite is the line between the
//! cells it accepts and those it does not (a bar between columns, an underline between rows).

use crate::model::ScoreBand;
use crate::tui::app::App;
use crate::tui::theme::{Palette, Tone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

/// Columns for the impact labels, then a cell and a gap for each likelihood.
pub fn width(cell_width: u16) -> u16 {
    2 + 5 * (cell_width + 1)
}

pub fn render(app: &App, area: Rect, cell_width: u16, buf: &mut Buffer) {
    let theme = &app.theme();
    let sym = theme.symbols();
    if area.height < 6 || area.width < width(3) {
        return;
    }
    // The line over the grid goes first when rows are short; the grid and its axis stay.
    let header_rows = u16::from(area.height >= 7);
    let cell_height = ((area.height - 2 - header_rows) / 5).clamp(1, 3);
    let counts = app.calc().heatmap.counts(app.register().residual);
    let max_score = app.selected_party().map(|p| p.appetite.max_score());
    let accepts = |l: u8, i: u8| max_score.is_none_or(|m| l * i <= m);
    let line_style = theme.tone(Tone::Accent).add_modifier(Modifier::BOLD);

    // Header: what the line is.
    let header = match app.selected_party() {
        Some(p) => header(&p.id, p.appetite.max_score(), area.width as usize, sym),
        None => "Impact".to_string(),
    };
    if header_rows > 0 {
        buf.set_stringn(
            area.x,
            area.y,
            crate::tui::format::fit(&header, area.width as usize, sym.ellipsis),
            area.width as usize,
            theme.tone(Tone::Dim),
        );
    }

    let top = area.y + header_rows;
    for impact in (1..=5u8).rev() {
        let row_y = top + u16::from(5 - impact) * cell_height;
        let middle = row_y + cell_height / 2;
        buf.set_stringn(area.x, middle, impact.to_string(), 1, theme.tone(Tone::Dim));
        for likelihood in 1..=5u8 {
            let x = area.x + 2 + u16::from(likelihood - 1) * (cell_width + 1);
            let score = likelihood * impact;
            let band = ScoreBand::of(score, &app.agreement().score_bands);
            let count = counts[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let mut style = theme.band(band);
            // Without colour the bands already use bold and reverse video, so the selected
            // cell keeps its band's look and is told by its brackets alone.
            if picked(app, likelihood, impact) && theme.palette != Palette::Mono {
                style = toggle_reverse(style);
            }
            let count_text = count_label(count, cell_width, sym.dot);
            let label = format!("{count_text}{}", band.letter());
            for dy in 0..cell_height {
                let mut s = style;
                // The bottom edge of a refused cell over an accepted one is the appetite line.
                if dy + 1 == cell_height
                    && impact > 1
                    && !accepts(likelihood, impact)
                    && accepts(likelihood, impact - 1)
                {
                    s = s.add_modifier(Modifier::UNDERLINED);
                }
                let text = if row_y + dy == middle {
                    center(&label, cell_width)
                } else {
                    " ".repeat(cell_width as usize)
                };
                buf.set_stringn(x, row_y + dy, text, cell_width as usize, s);
            }
            // The gap to the right: the appetite line where acceptance changes.
            if likelihood < 5 && accepts(likelihood, impact) != accepts(likelihood + 1, impact) {
                for dy in 0..cell_height {
                    buf.set_stringn(x + cell_width, row_y + dy, sym.grid_line, 1, line_style);
                }
            }
        }
    }
    // The picked cell is bracketed in the gaps either side of its label, in every palette.
    if app.register().grid {
        let (likelihood, impact) = app.register().cell;
        let x = area.x + 2 + u16::from(likelihood - 1) * (cell_width + 1);
        let middle = top + u16::from(5 - impact) * cell_height + cell_height / 2;
        buf.set_stringn(x - 1, middle, "[", 1, line_style);
        buf.set_stringn(x + cell_width, middle, "]", 1, line_style);
    }
    let axis_y = top + 5 * cell_height;
    for likelihood in 1..=5u16 {
        let x = area.x + 2 + (likelihood - 1) * (cell_width + 1);
        buf.set_stringn(
            x,
            axis_y,
            center(&likelihood.to_string(), cell_width),
            cell_width as usize,
            theme.tone(Tone::Dim),
        );
    }
    if axis_y + 1 < area.bottom() {
        let view = if app.register().residual {
            "residual"
        } else {
            "inherent"
        };
        let room = area.width.saturating_sub(2) as usize;
        let legend = if room >= 21 {
            format!("Likelihood ({view})")
        } else {
            "Likelihood".to_string()
        };
        buf.set_stringn(area.x + 2, axis_y + 1, legend, room, theme.tone(Tone::Dim));
    }
}

/// The line over the grid, "Impact  ┃ ICB accepts ≤9", in the room there is: the words go
/// before the party's id is shortened, and the score the line stands for is never cut.
fn header(id: &str, max_score: u8, room: usize, sym: &crate::tui::theme::Symbols) -> String {
    let (line, le) = (sym.grid_line, sym.le);
    let forms = [
        (
            format!("Impact  {line} "),
            format!(" accepts {le}{max_score}"),
        ),
        (
            format!("Impact {line} "),
            format!(" accepts {le}{max_score}"),
        ),
        (format!("Impact {line} "), format!(" {le}{max_score}")),
        (format!("{line} "), format!(" {le}{max_score}")),
    ];
    let id_room =
        |(lead, tail): &(String, String)| room.saturating_sub(lead.width() + tail.width());
    // The first form the whole id fits, else the first that keeps three of its letters.
    let whole = forms.iter().find(|f| id_room(f) >= id.width());
    let form = whole
        .or_else(|| forms.iter().find(|f| id_room(f) >= 3))
        .unwrap_or(&forms[forms.len() - 1]);
    let id = crate::tui::format::fit(id, id_room(form).max(1), sym.ellipsis);
    format!("{}{id}{}", form.0, form.1)
}

/// A cell's count in the room its band letter leaves: "99+" (or "9+") when it has more risks
/// than that shows, so the letter is never pushed out.
fn count_label(count: usize, cell_width: u16, dot: &str) -> String {
    if count == 0 {
        return dot.to_string();
    }
    let room = usize::from(cell_width.saturating_sub(1)).max(1);
    let text = count.to_string();
    if text.len() <= room {
        text
    } else {
        format!("{}+", "9".repeat(room - 1))
    }
}

fn picked(app: &App, likelihood: u8, impact: u8) -> bool {
    app.register().grid && app.register().cell == (likelihood, impact)
}

fn toggle_reverse(style: Style) -> Style {
    if style.add_modifier.contains(Modifier::REVERSED) {
        style
            .remove_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::UNDERLINED)
    } else {
        style.add_modifier(Modifier::REVERSED)
    }
}

fn center(text: &str, width: u16) -> String {
    let w = width as usize;
    let len = text.chars().count();
    let left = w.saturating_sub(len) / 2;
    let right = w.saturating_sub(len + left);
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

#[cfg(test)]
mod tests {
    use super::{count_label, header};
    use crate::tui::theme::Theme;

    #[test]
    fn a_count_never_pushes_out_the_band_letter() {
        assert_eq!(count_label(0, 3, "·"), "·");
        assert_eq!(count_label(7, 3, "·"), "7");
        assert_eq!(count_label(42, 3, "·"), "42");
        assert_eq!(count_label(127, 3, "·"), "9+");
        assert_eq!(count_label(127, 5, "·"), "127");
        assert_eq!(count_label(12_345, 5, "·"), "999+");
    }

    #[test]
    fn the_header_keeps_the_score_whole_and_shortens_words_then_the_id() {
        let unicode = Theme::default().symbols();
        assert_eq!(header("ICB", 9, 40, unicode), "Impact  ┃ ICB accepts ≤9");
        assert_eq!(header("ICB", 9, 23, unicode), "Impact ┃ ICB accepts ≤9");
        // The smallest heatmap (cells of 3) is 22 columns wide.
        assert_eq!(header("ICB", 9, 22, unicode), "Impact ┃ ICB ≤9");
        // A whole id goes before the axis's name; an id too long even so is shortened.
        assert_eq!(header("PARTNERSHIP", 12, 22, unicode), "┃ PARTNERSHIP ≤12");
        assert_eq!(
            header("PARTNERSHIPBOARDS", 12, 22, unicode),
            "Impact ┃ PARTNERS… ≤12"
        );
        let ascii = Theme {
            ascii: true,
            ..Theme::default()
        }
        .symbols();
        assert_eq!(header("ICB", 9, 22, ascii), "Impact | ICB <=9");
        assert_eq!(header("ICB", 25, 12, ascii), "| ICB <=25");
    }
}
