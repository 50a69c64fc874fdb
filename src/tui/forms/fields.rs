//! Reading a form's typed values: money, percentages, scores. Each refusal names the field and
//! the value, and says what would be accepted.

use super::{Field, Form, Refusal};
use rust_decimal::Decimal;

/// Pounds, as typed: `1,250,000.50`, `£1250000.5`, `250_000`.
pub fn money(form: &Form, i: usize) -> Result<Decimal, Refusal> {
    let raw = form.value(i);
    let label = label(form, i);
    let value = crate::model::money::parse_amount(raw)
        .map_err(|why| Refusal::at(i, format!("{label}: '{raw}' {why}")))?;
    if value < Decimal::ZERO {
        return Err(Refusal::at(
            i,
            format!("{label}: '{raw}' cannot be negative"),
        ));
    }
    Ok(value)
}

/// A weight (activity, equity): as [`money`] reads it, but with any number of decimals.
pub fn weight(form: &Form, i: usize) -> Result<Decimal, Refusal> {
    let raw = form.value(i);
    let label = label(form, i);
    let value = crate::model::money::parse_number(raw)
        .map_err(|why| Refusal::at(i, format!("{label}: '{raw}' {why}")))?;
    if value < Decimal::ZERO {
        return Err(Refusal::at(
            i,
            format!("{label}: '{raw}' cannot be negative"),
        ));
    }
    Ok(value)
}

/// Pounds, or nothing when left blank.
pub fn optional_money(form: &Form, i: usize) -> Result<Option<Decimal>, Refusal> {
    if form.value(i).is_empty() {
        Ok(None)
    } else {
        money(form, i).map(Some)
    }
}

/// A number within a range, as for a percentage (0-100) or a performance score.
pub fn within(form: &Form, i: usize, low: i64, high: i64) -> Result<Decimal, Refusal> {
    let raw = form.value(i);
    let label = label(form, i);
    let value = number(raw).ok_or_else(|| {
        Refusal::at(
            i,
            format!("{label}: '{raw}' is not a number from {low} to {high}"),
        )
    })?;
    if value < Decimal::from(low) || value > Decimal::from(high) {
        return Err(Refusal::at(
            i,
            format!("{label}: {raw} is outside {low}-{high}"),
        ));
    }
    Ok(value)
}

pub fn optional_within(
    form: &Form,
    i: usize,
    low: i64,
    high: i64,
) -> Result<Option<Decimal>, Refusal> {
    if form.value(i).is_empty() {
        Ok(None)
    } else {
        within(form, i, low, high).map(Some)
    }
}

/// A likelihood or impact on the 5x5 matrix.
pub fn score(form: &Form, i: usize) -> Result<u8, Refusal> {
    let raw = form.value(i);
    match raw.parse::<u8>() {
        Ok(v @ 1..=5) => Ok(v),
        _ => Err(Refusal::at(
            i,
            format!("{}: '{raw}' is refused: it runs 1 to 5", label(form, i)),
        )),
    }
}

pub fn optional_score(form: &Form, i: usize) -> Result<Option<u8>, Refusal> {
    if form.value(i).is_empty() {
        Ok(None)
    } else {
        score(form, i).map(Some)
    }
}

/// An id: letters, digits, `-` and `_`, as other records refer to it.
pub fn id(form: &Form, i: usize) -> Result<String, Refusal> {
    let raw = form.value(i);
    if raw.is_empty() {
        return Err(Refusal::at(
            i,
            format!("{}: an id is needed", label(form, i)),
        ));
    }
    if let Some(c) = raw
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(Refusal::at(
            i,
            format!(
                "{}: '{raw}' has '{c}'; use letters, digits, - and _",
                label(form, i)
            ),
        ));
    }
    Ok(raw.to_string())
}

/// An id (as [`id`] takes it) that no other record of its kind has: `taken` says whether one
/// has it, `kind` names the kind ("risk"); the record's own id (`original`) may stay.
pub fn unique_id(
    form: &Form,
    i: usize,
    original: Option<&str>,
    kind: &str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, Refusal> {
    let new_id = id(form, i)?;
    if original != Some(new_id.as_str()) && taken(&new_id) {
        return Err(Refusal::at(
            i,
            format!("{}: '{new_id}' is already a {kind}", label(form, i)),
        ));
    }
    Ok(new_id)
}

pub fn required(form: &Form, i: usize) -> Result<String, Refusal> {
    let raw = form.value(i);
    if raw.is_empty() {
        Err(Refusal::at(
            i,
            format!("{}: cannot be left empty", label(form, i)),
        ))
    } else {
        Ok(raw.to_string())
    }
}

/// `ICB 1, ACUTE 3`: ids with a number each.
pub fn weights(form: &Form, i: usize) -> Result<Vec<(String, Decimal)>, Refusal> {
    let raw = form.value(i);
    let mut out = Vec::new();
    for part in entries(raw) {
        let mut words = part.split_whitespace();
        let (Some(key), Some(amount), None) = (words.next(), words.next(), words.next()) else {
            return Err(Refusal::at(
                i,
                format!(
                    "{}: '{part}' should be an id and a number, such as ICB 1",
                    label(form, i)
                ),
            ));
        };
        let value = number(amount).ok_or_else(|| {
            Refusal::at(i, format!("{}: '{amount}' is not a number", label(form, i)))
        })?;
        out.push((key.to_string(), value));
    }
    Ok(out)
}

/// The entries of a list typed as `LA 5%, CHC £20,000`: split at commas, except a comma
/// between digits, which sets thousands apart.
pub fn entries(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c != ',' {
            continue;
        }
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        let thousands =
            before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
        if !thousands {
            out.push(text[start..i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// A number with the separators people type taken out.
pub fn number(raw: &str) -> Option<Decimal> {
    crate::model::money::parse_number(raw).ok()
}

fn label(form: &Form, i: usize) -> String {
    form.fields
        .get(i)
        .map(|f| f.label.clone())
        .unwrap_or_default()
}

impl Field {
    /// A choice among all of a kind's values, shown by their labels, `current` chosen.
    pub fn choice_of<T: Copy>(
        label: impl Into<String>,
        all: &[T],
        current: T,
        label_of: impl Fn(T) -> &'static str,
    ) -> Field {
        let choices = all.iter().map(|&v| label_of(v).to_string()).collect();
        Field::choice(label, label_of(current), choices)
    }
}

/// The value a choice field made by `Field::choice_of` holds, found back by its label.
pub fn chosen<T: Copy>(
    all: &[T],
    form: &Form,
    i: usize,
    label_of: impl Fn(T) -> &'static str,
) -> Option<T> {
    all.iter().copied().find(|&v| label_of(v) == form.value(i))
}

#[cfg(test)]
mod tests {
    use super::entries;

    #[test]
    fn a_comma_between_digits_sets_thousands_apart() {
        assert_eq!(entries("LA 5%, CHC £20,000"), vec!["LA 5%", "CHC £20,000"]);
        assert_eq!(entries("ICB 1,ACUTE 3,"), vec!["ICB 1", "ACUTE 3"]);
        assert_eq!(entries("é,£"), vec!["é", "£"]);
    }
}
