//! Bands and bases typed in words, not RON: `up to 1%: Fixed(ICB 100%); Contribution`,
//! `Blend(Contribution 60%, Equal 40%)`. Written back the same way, so a form opens with what
//! it would accept.

use crate::model::{Band, Basis, BlendPart, OrderedMap};
use rust_decimal::Decimal;

/// The plain bases, by name.
const NAMED: [(&str, Basis); 9] = [
    ("Equal", Basis::Equal),
    ("Contribution", Basis::Contribution),
    ("Activity", Basis::Activity),
    ("Equity", Basis::Equity),
    ("Performance", Basis::Performance),
    ("AbilityToPay", Basis::AbilityToPay),
    ("InvestmentNeed", Basis::InvestmentNeed),
    ("Compensation", Basis::Compensation),
    ("Pool", Basis::Pool),
];

/// Bands as the form shows them: `up to 1%: Fixed(ICB 100%); Contribution`.
pub fn bands_text(bands: &[Band]) -> String {
    let parts: Vec<String> = bands
        .iter()
        .map(|b| match b.up_to {
            Some(p) => format!("up to {}%: {}", p.normalize(), b.basis.label()),
            None => b.basis.label(),
        })
        .collect();
    parts.join("; ")
}

/// Reads bands typed as [`bands_text`] writes them; the error says what was wrong, in words.
pub fn bands(text: &str) -> Result<Vec<Band>, String> {
    let mut out = Vec::new();
    for part in split_top(text, ';') {
        let (up_to, basis) = match part.strip_prefix("up to ") {
            Some(rest) => {
                let (limit, basis) = rest
                    .split_once(':')
                    .ok_or_else(|| format!("'{part}' should be written as up to 1%: Equal"))?;
                let limit = crate::model::money::parse_percent(limit)
                    .ok_or_else(|| format!("'{}' is not a percent of the budget", limit.trim()))?;
                (Some(limit), basis)
            }
            None => (None, part),
        };
        out.push(Band {
            up_to,
            basis: basis_of(basis)?,
        });
    }
    if out.is_empty() {
        return Err("at least one band is needed, such as Contribution".into());
    }
    Ok(out)
}

/// Reads one basis: a name, `Fixed(ICB 60%, LA 40%)` or `Blend(Contribution 60%, Equal 40%)`.
pub fn basis_of(text: &str) -> Result<Basis, String> {
    let text = text.trim();
    let text = text
        .strip_prefix("then ")
        .or_else(|| text.strip_prefix("rest:"))
        .map_or(text, str::trim);
    let (head, inner) = match text.split_once('(') {
        Some((head, rest)) => {
            let inner = rest
                .strip_suffix(')')
                .ok_or_else(|| format!("'{text}' has no closing bracket"))?;
            (head.trim(), Some(inner))
        }
        None => (text, None),
    };
    match (head.to_ascii_lowercase().as_str(), inner) {
        ("fixed", Some(inner)) => {
            let mut shares = OrderedMap::default();
            for (who, pct) in weighted(inner)? {
                shares.insert(who.to_string(), pct);
            }
            Ok(Basis::Fixed(shares))
        }
        ("blend", Some(inner)) => weighted(inner)?
            .into_iter()
            .map(|(basis, weight)| Ok(BlendPart { basis: basis_of(basis)?, weight }))
            .collect::<Result<Vec<_>, String>>()
            .map(Basis::Blend),
        (_, None) => NAMED
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(head))
            .map(|(_, b)| b.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
                format!(
                    "'{head}' is not a basis; use {}, Fixed(ICB 100%) or Blend(Contribution 60%, Equal 40%)",
                    names.join(", ")
                )
            }),
        _ => Err(format!("'{text}' is not a basis; only Fixed(...) and Blend(...) take brackets")),
    }
}

/// `A 60%, B 40%` as (what, percent) pairs; `what` may itself hold brackets.
fn weighted(inner: &str) -> Result<Vec<(&str, Decimal)>, String> {
    split_top(inner, ',')
        .into_iter()
        .map(|part| {
            let (what, pct) = part.rsplit_once(' ').ok_or_else(|| {
                format!("'{part}' should be a name and a percent, such as ICB 60%")
            })?;
            let pct = crate::model::money::parse_percent(pct)
                .ok_or_else(|| format!("'{pct}' in '{part}' is not a percent"))?;
            Ok((what.trim(), pct))
        })
        .collect()
}

/// Splits at `sep` outside brackets, trimming and dropping empty parts.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_in_words_read_back_to_the_same_bands() {
        let text = "up to 1%: Fixed(ICB 100%); up to 3.5%: Blend(Contribution 60%, Equal 40%); Contribution";
        let read = bands(text).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(read[1].up_to, Some(Decimal::new(35, 1)));
        assert_eq!(bands_text(&read), text);
        let nested = basis_of("Blend(Fixed(ICB 50%, LA 50%) 30%, AbilityToPay 70%)").unwrap();
        assert_eq!(
            nested.label(),
            "Blend(Fixed(ICB 50%, LA 50%) 30%, AbilityToPay 70%)"
        );
        assert_eq!(basis_of("then equal").unwrap(), Basis::Equal);
    }

    #[test]
    fn a_mistake_is_named_in_words() {
        assert!(
            basis_of("Contrib")
                .unwrap_err()
                .starts_with("'Contrib' is not a basis; use Equal")
        );
        assert_eq!(
            bands("up to x%: Equal").unwrap_err(),
            "'x%' is not a percent of the budget"
        );
        assert_eq!(
            basis_of("Blend(Equal)").unwrap_err(),
            "'Equal' should be a name and a percent, such as ICB 60%"
        );
        assert!(bands(" ; ").is_err());
    }
}
