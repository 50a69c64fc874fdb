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
    if value.scale() == 0 {
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

/// An amount as a person writes it: an optional sign, an optional leading `£`, and a plain
/// decimal whose thousands may be set apart with `,`, `_` or spaces: `-1,250,000.50`,
/// `£250 000`, `+3`. Scientific notation is refused; `None` for anything else.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let (negative, rest) = sign(text);
    let rest = rest.strip_prefix('£').map(str::trim_start);
    let (negative, rest) = match rest {
        // A sign may stand after the pound sign instead: `£-5`.
        Some(after) if !negative => sign(after),
        Some(after) => (negative, after),
        None => (negative, sign(text).1),
    };
    let digits: String = rest
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    plain(negative, &digits)
}

/// A percentage as a person writes it: an optional sign, a plain decimal and an optional
/// trailing `%`: `3`, `-2.5`, `+4%`. Separators, `£` and scientific notation are refused.
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let text = text.strip_suffix('%').map_or(text, str::trim_end);
    let (negative, digits) = sign(text);
    plain(negative, digits)
}

/// Splits off a leading `+` or `-`: whether it was `-`, and the rest.
fn sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// Digits with at most one decimal point, and at least one digit.
fn plain(negative: bool, digits: &str) -> Option<Decimal> {
    let well_formed = digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1;
    let value = Decimal::from_str(digits).ok().filter(|_| well_formed)?;
    Some(if negative { -value } else { value })
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a quoted decimal such as \"1250000.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        // A file may also write an amount in scientific notation: "1.5e6".
        let scientific = || {
            let t = v.trim().replace([',', '_'], "");
            Decimal::from_scientific(t.strip_prefix('£').unwrap_or(&t)).ok()
        };
        parse_amount(v)
            .or_else(scientific)
            .ok_or_else(|| E::custom(format!("\"{v}\" is not a number")))
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
            ("250_000", "250000"),
            (" 1 000 ", "1000"),
            ("-£5", "-5"),
            ("£-5", "-5"),
            ("+3", "3"),
            (".5", "0.5"),
        ] {
            assert_eq!(parse_amount(text), d(want), "{text}");
        }
        for bad in [
            "", "£", "-", "1e3", "3-", "--5", "1.2.3", "abc", "£+-5", "5%",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
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
    fn a_file_string_keeps_scientific_notation() {
        let read = |s: &str| DecimalVisitor.visit_str::<de::value::Error>(s).ok();
        assert_eq!(read("1.5e3"), Some(Decimal::from(1500)));
        assert_eq!(read("£1,250"), Some(Decimal::from(1250)));
        assert_eq!(read("nothing"), None);
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
