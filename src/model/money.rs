//! Money and percentages in the file: exact decimals, read from quoted strings or plain numbers.
//!
//! A plain number reaches us through a float. One that a float cannot hold exactly (more than 15
//! significant digits) is refused with a message saying to quote it, never rounded silently.

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;
use std::str::FromStr;

/// The most significant digits a plain (float) number may carry and still be exact.
pub const FLOAT_DIGITS: usize = 15;

/// Reads a decimal from a quoted string, an integer, or a float that holds it exactly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// Writes a decimal so that it reads back equal: an integer or a short number plainly, anything a
/// float could not hold exactly as a quoted string.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let value = value.normalize();
    if value.scale() == 0 && significant_digits(&value.to_string()) <= FLOAT_DIGITS {
        if let Ok(i) = i64::try_from(value.mantissa()) {
            return serializer.serialize_i64(i);
        }
    } else if significant_digits(&value.to_string()) <= FLOAT_DIGITS
        && let Ok(f) = f64::from_str(&value.to_string())
    {
        return serializer.serialize_f64(f);
    }
    serializer.serialize_str(&value.to_string())
}

/// `Option<Decimal>` in the same way.
pub mod option {
    use super::*;

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or a quoted decimal")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::deserialize(d).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(&Plain(*v)),
            None => s.serialize_none(),
        }
    }

    struct Plain(Decimal);

    impl serde::Serialize for Plain {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize(&self.0, s)
        }
    }
}

/// Puts thousands separators into a number written in decimal: `-1164663.21` ->
/// `-1,164,663.21`. The digits are kept as they are; rounding is the caller's choice.
pub fn grouped(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Counts the significant digits of a number written in decimal.
pub fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if mantissa.contains('.') {
        trimmed
    } else {
        trimmed.trim_end_matches('0')
    };
    trimmed.len().max(1)
}

/// An amount of money as a person types it in a form: an optional minus and an optional `£`
/// (in either order), digits whose thousands may be set apart with commas in groups of three,
/// and at most two decimals: `-1,250,000.50`, `£250000`, `£-5`. Anything else is refused with
/// the reason, a phrase to follow the value: "has a fraction of a penny ...".
pub fn parse_amount(text: &str) -> Result<Decimal, &'static str> {
    let value = parse_number(text)?;
    if value.normalize().scale() > 2 {
        return Err(PENNY);
    }
    Ok(value)
}

/// Why an amount is refused when it has more than two decimals.
pub const PENNY: &str =
    "has a fraction of a penny; money is pounds and pence, at most two decimals";

/// A number typed in a form, as [`parse_amount`] reads it but with any number of decimals (for
/// percentages and weights).
pub fn parse_number(text: &str) -> Result<Decimal, &'static str> {
    let text = text.trim();
    let (negative, rest) = minus(text);
    let (negative, rest) = match rest.strip_prefix('£') {
        Some(after) if !negative => minus(after),
        Some(after) => (negative, after),
        None => (negative, rest),
    };
    if rest.contains(['e', 'E']) && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("is in scientific notation; write the figure out in full, such as 250000");
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let grouped = groups.iter().all(|g| digits(g))
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return Err(
                "has commas in the wrong places; a comma only sets apart a group of                         three digits, as in 250,000",
            );
        }
    }
    let whole: String = whole.chars().filter(|&c| c != ',').collect();
    plain(negative, &whole, fraction).ok_or("is not a number, such as 250,000 or 1250.50")
}

/// A percentage as a person writes it: an optional sign, a plain decimal and an optional
/// trailing `%`: `3`, `-2.5`, `+4%`. Separators, `£` and scientific notation are refused.
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let text = text.strip_suffix('%').map_or(text, str::trim_end);
    let (negative, rest) = minus(text);
    let rest = if negative {
        rest
    } else {
        rest.strip_prefix('+').unwrap_or(rest)
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    plain(negative, whole, fraction)
}

/// A number as a file writes it in quotes: an optional minus, digits, and an optional decimal
/// point followed by digits (`"-1250000.50"`). No sign `+`, spaces, separators, `£`, exponent
/// or hex: the text is exactly the figure. Whether it may have more than two decimals is the
/// field's business (money may not; percentages may).
pub fn parse_strict(text: &str) -> Option<Decimal> {
    let (negative, rest) = minus(text);
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.is_empty() {
        return None;
    }
    plain(negative, whole, fraction)
}

/// Splits off a leading `-`: whether it was there, and the rest.
fn minus(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

/// ASCII digits before a point and, if there is one, at least one digit after it.
fn plain(negative: bool, whole: &str, fraction: Option<&str>) -> Option<Decimal> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && digits(f))
        && !(whole.is_empty() && fraction.is_none());
    if !well_formed {
        return None;
    }
    let text = match fraction {
        Some(f) => format!("{}.{f}", if whole.is_empty() { "0" } else { whole }),
        None => whole.to_string(),
    };
    let value = Decimal::from_str(&text).ok()?;
    Some(if negative { -value } else { value })
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a quoted decimal such as \"1250000.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_strict(v).ok_or_else(|| {
            E::custom(format!(
                "\"{}\" is not a number as a file writes one: an optional minus, digits and a \
                 decimal point, such as \"1250000.50\"",
                crate::model::text::clip(v, 40)
            ))
        })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| E::custom(format!("{v} is too large for an amount")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        let v = i128::try_from(v).map_err(|_| E::custom(format!("{v} is too large")))?;
        self.visit_i128(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("{v} is not a number that money can be")));
        }
        // Rust prints the shortest text that reads back as the same float.
        let text = format!("{v}");
        if significant_digits(&text) > FLOAT_DIGITS {
            return Err(E::custom(format!(
                "the number {text} has more than {FLOAT_DIGITS} significant digits and cannot be \
                 read exactly; write it in quotes, as \"{text}\""
            )));
        }
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(|_| E::custom(format!("{text} is too large for an amount")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_keeps_the_digits() {
        assert_eq!(grouped("-1164663.21"), "-1,164,663.21");
        assert_eq!(grouped("250000"), "250,000");
        assert_eq!(grouped("0.125"), "0.125");
        assert_eq!(grouped("999"), "999");
    }

    #[test]
    fn amounts_read_as_people_write_them() {
        let d = |s: &str| Decimal::from_str(s).ok();
        for (text, want) in [
            ("1,250,000.50", "1250000.50"),
            ("£1250000.5", "1250000.5"),
            (" 250,000 ", "250000"),
            ("-£5", "-5"),
            ("£-5", "-5"),
            (".5", "0.5"),
            ("999,999", "999999"),
        ] {
            assert_eq!(parse_amount(text).ok(), d(want), "{text}");
        }
        for bad in [
            "", "£", "-", "1e3", "3-", "--5", "1.2.3", "abc", "£+-5", "5%", "+3", "250_000",
            "1 000", "0x7A1200",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn commas_only_group_three_digits() {
        for bad in [
            "200,00050000",
            "250,0007",
            "1,2,3",
            ",250",
            "250,",
            "1,000.000,5",
        ] {
            let why = parse_amount(bad).unwrap_err();
            assert!(
                why.contains("commas") || why.contains("not a number"),
                "{bad}: {why}"
            );
        }
        assert!(parse_amount("200,00050000").unwrap_err().contains("commas"));
        assert_eq!(parse_amount("12,345,678"), Ok(Decimal::from(12_345_678)));
    }

    #[test]
    fn money_has_at_most_two_decimals_and_numbers_more() {
        assert_eq!(parse_amount("180000.005"), Err(PENNY));
        assert_eq!(
            parse_amount("1.50"),
            Decimal::from_str("1.50").map_err(|_| "")
        );
        assert_eq!(
            parse_number("12.3456"),
            Decimal::from_str("12.3456").map_err(|_| "")
        );
    }

    #[test]
    fn percentages_take_a_sign_and_a_percent_sign_only() {
        assert_eq!(parse_percent(" -2.5% "), Decimal::from_str("-2.5").ok());
        assert_eq!(parse_percent("+4"), Some(Decimal::from(4)));
        for bad in ["%", "1e3", "1_000", "1,000", "£3", "3.2.1", "--"] {
            assert_eq!(parse_percent(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_file_string_is_exactly_the_figure() {
        let read = |s: &str| DecimalVisitor.visit_str::<de::value::Error>(s).ok();
        assert_eq!(read("-1250000.50"), Decimal::from_str("-1250000.50").ok());
        assert_eq!(read("1.005"), Decimal::from_str("1.005").ok());
        for bad in [
            "1e5", "1.5e3", " 8000000", "8000000 ", "+8000000", "0x7A1200", "£1,250", "1_000", "",
            ".5", "5.", "-", "nothing",
        ] {
            assert_eq!(read(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn long_integers_are_written_in_quotes() {
        #[derive(serde::Serialize)]
        struct Amount(#[serde(with = "super")] Decimal);
        let write = |s: &str| ron::to_string(&Amount(Decimal::from_str(s).unwrap())).unwrap();
        assert!(write("1234567890123456").contains("\"1234567890123456\""));
        assert!(!write("123456789012345").contains('"'));
    }

    #[test]
    fn counts_significant_digits() {
        assert_eq!(significant_digits("1250000.5"), 8);
        assert_eq!(significant_digits("12345678901234568"), 17);
        assert_eq!(significant_digits("8000000"), 1);
        assert_eq!(significant_digits("0.05"), 1);
        assert_eq!(significant_digits("1e21"), 1);
    }
}
