//! Text from a file, a keyboard or a paste is made inert where it enters the program.
//!
//! Control characters (C0, DEL, the C1 range) and bidirectional overrides and marks would let a
//! file move the cursor, retitle the terminal or reorder what a reader sees. They are dropped;
//! a tab or newline becomes a space, so words stay apart. Invisible format characters (zero-width
//! spaces and joiners, word joiners, byte-order marks, soft hyphens, tag characters) are dropped
//! too, so two ids that look the same are the same and a duplicate is caught.

/// True for a character that must never reach a terminal from user text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || is_invisible(c)
}

/// True for a format character that draws nothing, so that text with it looks the same as text
/// without it: zero-width space, non-joiner and joiner, word joiner and the invisible operators,
/// byte-order mark, soft hyphen, Mongolian vowel separator, combining grapheme joiner, Hangul
/// fillers, interlinear annotation marks, line and paragraph separators and tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{200B}'..='\u{200D}'
        | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Returns the text with every unsafe character removed (whitespace controls become spaces).
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Cleans a string in place, only allocating when something must go.
pub fn clean_in_place(text: &mut String) {
    if text.chars().any(is_unsafe) {
        *text = clean(text);
    }
}

/// The text cleaned, and cut to at most `most` characters followed by `…` when it is longer:
/// user text quoted in a message stays inert and on one readable line.
pub fn clip(text: &str, most: usize) -> String {
    let text = clean(text);
    match text.char_indices().nth(most) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cleans_and_cuts_with_an_ellipsis() {
        assert_eq!(clip("a\x1b[2Jbc", 3), "a[2…");
        assert_eq!(clip("café", 4), "café");
        assert_eq!(clip("cafés", 4), "café…");
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn escapes_and_overrides_are_removed() {
        let dirty = "A\x1b]0;x\x07B\x1b[2JC\u{9b}31mD\u{202E}E\u{2066}F";
        let cleaned = clean(dirty);
        assert!(!cleaned.chars().any(is_unsafe));
        assert_eq!(cleaned, "A]0;xB[2JC31mDEF");
    }

    #[test]
    fn invisible_format_characters_are_removed() {
        let dirty = "I\u{200B}C\u{200C}B\u{200D}\u{2060}\u{FEFF}\u{00AD}\u{E0041}\u{E007F}";
        assert_eq!(clean(dirty), "ICB");
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a b c");
        // Variation selectors and combining marks are part of what is drawn: kept.
        assert_eq!(
            clean("VS16 \u{2764}\u{FE0F} e\u{301}"),
            "VS16 \u{2764}\u{FE0F} e\u{301}"
        );
    }

    #[test]
    fn ordinary_text_is_untouched() {
        assert_eq!(clean("Anytown £1,250 – café"), "Anytown £1,250 – café");
    }
}
