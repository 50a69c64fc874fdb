//! The caret in a form's text field: kept as characters back from the end, so that a field
//! filled afresh has it at the end, where typing goes.

/// Where the caret moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caret {
    Left,
    Right,
    Home,
    End,
    WordLeft,
    WordRight,
}

/// The byte offset of a caret `back` characters from the end of `text`.
pub fn byte_at(text: &str, back: usize) -> usize {
    let len = text.chars().count();
    let chars = len.saturating_sub(back);
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The caret after a move, as characters back from the end.
pub fn moved(text: &str, back: usize, to: Caret) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let at = len.saturating_sub(back.min(len));
    let word = |c: &char| c.is_alphanumeric();
    let new_at = match to {
        Caret::Left => at.saturating_sub(1),
        Caret::Right => (at + 1).min(len),
        Caret::Home => 0,
        Caret::End => len,
        Caret::WordLeft => {
            let mut i = at;
            while i > 0 && !word(&chars[i - 1]) {
                i -= 1;
            }
            while i > 0 && word(&chars[i - 1]) {
                i -= 1;
            }
            i
        }
        Caret::WordRight => {
            let mut i = at;
            while i < len && !word(&chars[i]) {
                i += 1;
            }
            while i < len && word(&chars[i]) {
                i += 1;
            }
            i
        }
    };
    len - new_at
}

/// The text with the caret drawn: `_` after the end, `|` between two characters.
pub fn shown(text: &str, back: usize) -> String {
    if back == 0 {
        return format!("{text}_");
    }
    let at = byte_at(text, back);
    format!("{}|{}", &text[..at], &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_moves_by_character_word_and_end() {
        let text = "Out-of hospital";
        let back = moved(text, 0, Caret::WordLeft);
        assert_eq!(shown(text, back), "Out-of |hospital");
        let back = moved(text, back, Caret::WordLeft);
        assert_eq!(shown(text, back), "Out-|of hospital");
        let back = moved(text, back, Caret::Left);
        assert_eq!(shown(text, back), "Out|-of hospital");
        let back = moved(text, back, Caret::WordRight);
        assert_eq!(shown(text, back), "Out-of| hospital");
        assert_eq!(moved(text, back, Caret::Home), text.chars().count());
        assert_eq!(moved(text, back, Caret::End), 0);
        assert_eq!(moved(text, 0, Caret::Right), 0);
        assert_eq!(moved("£é", 9, Caret::Left), 2);
        assert_eq!(byte_at("£é", 1), "£".len());
    }
}
