//! Typing an exact base variance for the scenario pane (`=`): one field, a percent of budget
//! within the slider's end stops.

use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::tui::format;
use rust_decimal::Decimal;

const PERCENT: usize = 0;

/// The slider's end stops, in percent of budget: a typed variance stays within them.
pub const LIMIT: i64 = 20;

/// A form holding the variance now on the slider, to be typed over.
pub fn new_form(now: Decimal) -> Form {
    Form::new(
        "Exact variance",
        FormKind::Variance,
        vec![Field::text(
            "Variance %",
            now.normalize().to_string(),
            "percent of budget, -20 to 20, e.g. 3.7",
        )],
    )
}

pub fn apply(form: &Form) -> Result<Outcome, Refusal> {
    let typed = form.value(PERCENT);
    let number = typed.strip_suffix('%').unwrap_or(typed).trim();
    let number = number.strip_prefix('+').unwrap_or(number);
    let Ok(percent) = number.parse::<Decimal>() else {
        return Err(Refusal::at(
            PERCENT,
            format!("Variance %: '{typed}' is not a number; type a percent such as 3.7 or -2"),
        ));
    };
    let limit = Decimal::from(LIMIT);
    if percent.abs() > limit {
        return Err(Refusal::at(
            PERCENT,
            format!("Variance %: {typed} is beyond the slider's -{LIMIT} to {LIMIT}"),
        ));
    }
    if percent.normalize().scale() > 2 {
        return Err(Refusal::at(
            PERCENT,
            format!("Variance %: {typed} has more than two decimal places"),
        ));
    }
    let percent = percent.normalize();
    Ok(Outcome::Variance(
        percent,
        format!("Variance set to {}", format::held_percent(percent)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Result<Outcome, Refusal> {
        let mut form = new_form(Decimal::ZERO);
        form.fields[PERCENT].value = text.to_string();
        apply(&form)
    }

    fn percent(text: &str) -> Decimal {
        match typed(text) {
            Ok(Outcome::Variance(p, _)) => p,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_percent_is_read_with_or_without_its_sign_and_percent_mark() {
        assert_eq!(percent("3.7"), Decimal::new(37, 1));
        assert_eq!(percent("+3.7%"), Decimal::new(37, 1));
        assert_eq!(percent(" -20 "), Decimal::from(-20));
        assert_eq!(percent("0.25"), Decimal::new(25, 2));
    }

    #[test]
    fn words_too_much_and_too_fine_are_refused_with_a_sentence() {
        for (text, says) in [
            ("abc", "'abc' is not a number"),
            ("", "'' is not a number"),
            ("20.5", "beyond the slider's -20 to 20"),
            ("-21", "beyond"),
            ("1.234", "more than two decimal places"),
        ] {
            let refusal = typed(text).expect_err(text);
            assert_eq!(refusal.field, Some(PERCENT));
            assert!(refusal.message.contains(says), "{}", refusal.message);
        }
    }
}
