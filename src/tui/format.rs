//! Numbers as a finance lead reads them: thousands separators, pence, signed percentages.

use crate::model::money::grouped;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// An amount as a form shows it for editing: every digit the agreement holds (never rounded, so
/// opening a form and pressing Enter changes nothing), the pounds grouped in thousands.
pub fn editable(amount: Decimal) -> String {
    grouped(&amount.normalize().to_string())
}

/// `1164663.21` -> `1,164,663.21`; `-2500` -> `-2,500.00`. Whole pounds when `pence` is false.
pub fn money(amount: Decimal, pence: bool) -> String {
    let places = if pence { 2 } else { 0 };
    let rounded = amount.round_dp(places);
    // Never "-0.00": a zero share of an underspend is still nothing.
    let rounded = if rounded.is_zero() {
        Decimal::ZERO
    } else {
        rounded
    };
    grouped(&format!("{rounded:.0$}", places as usize))
}

/// A percentage with its sign and one decimal: `+3.0%`, `-2.5%`, `0.0%`.
pub fn signed_percent(value: Decimal) -> String {
    let v = value.round_dp(1);
    if v > Decimal::ZERO {
        format!("+{v:.1}%")
    } else {
        format!("{v:.1}%")
    }
}

/// A percentage a scheme is held at, as it was set: its sign and up to two decimals (the most
/// the slider and `=` take), at least one: `+4.0%`, `-2.25%`.
pub fn held_percent(value: Decimal) -> String {
    let v = value.round_dp(2).normalize();
    let places = v.scale().max(1) as usize;
    let sign = if v > Decimal::ZERO { "+" } else { "" };
    format!("{sign}{v:.places$}%")
}

/// Cuts text to a display width, ending with the ellipsis when anything was cut.
pub fn fit(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    if room == 0 {
        return ellipsis.chars().take(width).collect();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push_str(ellipsis);
    out
}

/// Breaks text into lines of at most `width` columns at spaces; a word longer than a line is
/// cut across lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let gap = usize::from(!line.is_empty());
        if line.width() + gap + word.width() <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if line.width() + w > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text wrapped into at most `lines` lines of `width` columns; when it needs more, the last
/// line shown ends with the ellipsis.
pub fn wrap_fit(text: &str, width: usize, lines: usize, ellipsis: &str) -> Vec<String> {
    let mut wrapped = wrap(text, width);
    if wrapped.len() > lines {
        wrapped.truncate(lines);
        if let Some(last) = wrapped.last_mut() {
            let room = width.saturating_sub(ellipsis.width());
            let mut shown = fit(last, room, "").trim_end().to_string();
            shown.push_str(ellipsis);
            *last = shown;
        }
    }
    wrapped
}

/// Pads or cuts text to exactly `width` columns, left-aligned.
pub fn left(text: &str, width: usize, ellipsis: &str) -> String {
    let t = fit(text, width, ellipsis);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// Pads text to `width` columns, right-aligned (numbers are never cut: the caller sizes them).
pub fn right(text: &str, width: usize) -> String {
    format!("{text:>width$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn editable_keeps_every_digit() {
        assert_eq!(editable(d("0.125")), "0.125");
        assert_eq!(editable(d("14000000")), "14,000,000");
        assert_eq!(editable(d("-1250000.50")), "-1,250,000.5");
    }

    #[test]
    fn money_has_separators_and_pence() {
        assert_eq!(money(d("274398.96"), true), "274,398.96");
        assert_eq!(money(d("1164663.21"), true), "1,164,663.21");
        assert_eq!(money(d("-135054.74"), true), "-135,054.74");
        assert_eq!(money(d("999"), true), "999.00");
        assert_eq!(money(d("-0.001"), true), "0.00");
        assert_eq!(money(d("1000000"), false), "1,000,000");
        assert_eq!(money(d("-2500.5"), false), "-2,500");
    }

    #[test]
    fn percentages_carry_their_sign() {
        assert_eq!(signed_percent(d("3")), "+3.0%");
        assert_eq!(signed_percent(d("-2.5")), "-2.5%");
        assert_eq!(signed_percent(Decimal::ZERO), "0.0%");
    }

    #[test]
    fn text_wraps_at_spaces_and_long_words_are_cut() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a  b", 10), ["a  b"]);
        assert_eq!(wrap("a  bc", 3), ["a", "bc"]);
    }

    #[test]
    fn wrapped_text_that_does_not_fit_ends_in_an_ellipsis() {
        assert_eq!(
            wrap_fit("one two three four", 9, 2, "…"),
            ["one two", "three…"]
        );
        assert_eq!(wrap_fit("one two three", 7, 1, "…"), ["one tw…"]);
        assert_eq!(wrap_fit("one two three", 7, 2, "…"), ["one two", "three"]);
        assert_eq!(wrap_fit("abcdefghij", 4, 2, "..."), ["abcd", "e..."]);
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        assert_eq!(fit("Winter demand", 8, "…"), "Winter…");
        assert_eq!(fit("Winter demand", 9, "..."), "Winter...");
        assert_eq!(fit("Short", 8, "…"), "Short");
        assert_eq!(left("ab", 4, "…"), "ab  ");
    }
}
