//! Big characters for the presentation view: each a grid of pixels three wide and five tall,
//! drawn at any whole scale. A pixel is `scale` columns wide and `scale` half rows tall; with
//! Unicode two half rows share a cell as `▀`, `▄` or `█`, and with `--ascii` as `"`, `_` or `#`,
//! so the characters read on any terminal and grow with the space.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// The pixels of a character, top row first; `#` is on. Unknown characters are blank.
fn pixels(c: char) -> [&'static str; 5] {
    match c.to_ascii_uppercase() {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", ".##", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", ".#.", ".#.", ".#."],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        'A' => [".#.", "#.#", "###", "#.#", "#.#"],
        'B' => ["##.", "#.#", "##.", "#.#", "##."],
        'C' => [".##", "#..", "#..", "#..", ".##"],
        'D' => ["##.", "#.#", "#.#", "#.#", "##."],
        'E' => ["###", "#..", "##.", "#..", "###"],
        'F' => ["###", "#..", "##.", "#..", "#.."],
        'G' => [".##", "#..", "#.#", "#.#", ".##"],
        'H' => ["#.#", "#.#", "###", "#.#", "#.#"],
        'I' => ["###", ".#.", ".#.", ".#.", "###"],
        'J' => ["..#", "..#", "..#", "#.#", ".#."],
        'K' => ["#.#", "#.#", "##.", "#.#", "#.#"],
        'L' => ["#..", "#..", "#..", "#..", "###"],
        'M' => ["#.#", "###", "###", "#.#", "#.#"],
        'N' => ["##.", "#.#", "#.#", "#.#", "#.#"],
        'O' => [".#.", "#.#", "#.#", "#.#", ".#."],
        'P' => ["##.", "#.#", "##.", "#..", "#.."],
        'Q' => [".#.", "#.#", "#.#", "##.", ".##"],
        'R' => ["##.", "#.#", "##.", "#.#", "#.#"],
        'S' => [".##", "#..", ".#.", "..#", "##."],
        'T' => ["###", ".#.", ".#.", ".#.", ".#."],
        'U' => ["#.#", "#.#", "#.#", "#.#", "###"],
        'V' => ["#.#", "#.#", "#.#", "#.#", ".#."],
        'W' => ["#.#", "#.#", "###", "###", "#.#"],
        'X' => ["#.#", "#.#", ".#.", "#.#", "#.#"],
        'Y' => ["#.#", "#.#", ".#.", ".#.", ".#."],
        'Z' => ["###", "..#", ".#.", "#..", "###"],
        '+' => ["...", ".#.", "###", ".#.", "..."],
        '-' => ["...", "...", "###", "...", "..."],
        '%' => ["#.#", "..#", ".#.", "#..", "#.#"],
        '£' => [".##", "#..", "###", "#..", "###"],
        '/' => ["..#", "..#", ".#.", "#..", "#.."],
        '(' => [".#.", "#..", "#..", "#..", ".#."],
        ')' => [".#.", "..#", "..#", "..#", ".#."],
        '&' => [".#.", "#.#", ".#.", "#.#", ".##"],
        ':' => [".", "#", ".", "#", "."],
        '.' => [".", ".", ".", ".", "#"],
        ',' => [".", ".", ".", "#", "#"],
        '\'' => ["#", "#", ".", ".", "."],
        _ => ["...", "...", "...", "...", "..."],
    }
}

/// Rows a line of big characters takes at a scale.
pub fn height(scale: u16) -> u16 {
    (5 * scale).div_ceil(2)
}

/// Columns a text takes at a scale: each character's pixels and a pixel's gap after it.
pub fn width(text: &str, scale: u16) -> u16 {
    text.chars()
        .map(|c| (pixels(c)[0].len() as u16 + 1) * scale)
        .sum::<u16>()
        .saturating_sub(scale)
}

/// Draws `text` big with its top left at (x, y), clipped to `right` (exclusive); returns the
/// column after it.
pub fn draw(
    text: &str,
    (x, y): (u16, u16),
    right: u16,
    scale: u16,
    ascii: bool,
    style: Style,
    buf: &mut Buffer,
) -> u16 {
    let mut at = x;
    for c in text.chars() {
        let grid = pixels(c);
        let w = grid[0].len() as u16;
        for px in 0..w * scale {
            let column = at + px;
            if column >= right {
                break;
            }
            let on = |half: u16| {
                let row = (half / scale) as usize;
                grid.get(row)
                    .and_then(|r| r.as_bytes().get((px / scale) as usize))
                    .is_some_and(|b| *b == b'#')
            };
            for row in 0..height(scale) {
                let cell = match (on(2 * row), on(2 * row + 1)) {
                    (true, true) => {
                        if ascii {
                            "#"
                        } else {
                            "█"
                        }
                    }
                    (true, false) => {
                        if ascii {
                            "\""
                        } else {
                            "▀"
                        }
                    }
                    (false, true) => {
                        if ascii {
                            "_"
                        } else {
                            "▄"
                        }
                    }
                    (false, false) => continue,
                };
                buf.set_stringn(column, y + row, cell, 1, style);
            }
        }
        at += (w + 1) * scale;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn drawn(text: &str, scale: u16, ascii: bool) -> Vec<String> {
        let area = Rect::new(0, 0, width(text, scale), height(scale));
        let mut buf = Buffer::empty(area);
        draw(
            text,
            (0, 0),
            area.right(),
            scale,
            ascii,
            Style::default(),
            &mut buf,
        );
        (0..area.height)
            .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn a_zero_at_scale_one_and_two() {
        assert_eq!(drawn("0", 1, false), ["█▀█", "█ █", "▀▀▀"]);
        assert_eq!(drawn("0", 1, true), ["#\"#", "# #", "\"\"\""]);
        let two = drawn("0", 2, true);
        assert_eq!(two.len(), 5);
        assert_eq!(two[0], "######");
        assert_eq!(two[2], "##  ##");
    }

    #[test]
    fn every_glyph_is_five_rows_of_one_width() {
        for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+-%£/()&:.,'".chars() {
            let grid = pixels(c);
            assert!(grid.iter().all(|r| r.len() == grid[0].len()), "{c}");
            assert!(grid.iter().flat_map(|r| r.chars()).any(|p| p == '#'), "{c}");
        }
        assert_eq!(width("10", 1), 7);
        assert_eq!(width("1,0", 2), 2 * (4 + 2 + 4) - 2);
    }
}
