//! The what-if a `calc` runs: a named scenario from the file, with the command line's figures
//! on top.

use super::{CalcArgs, Failure};
use crate::model::{Agreement, OrderedMap, Scenario};
use rust_decimal::Decimal;

/// Builds the scenario for `calc`.
///
/// `--scenario` picks a named one (its risks happen and its benefits are realised);
/// `--variance` then sets the percent for every scheme, replacing the scenario's own figures,
/// and each `--scheme ID=PCT` sets one scheme (a later one for the same scheme wins).
pub fn build(agreement: &Agreement, args: &CalcArgs) -> Result<Scenario, Failure> {
    let mut scenario = match &args.scenario {
        Some(name) => agreement
            .scenario(name)
            .cloned()
            .ok_or_else(|| unknown_scenario(agreement, name))?,
        None => Scenario::default(),
    };
    if let Some(text) = &args.variance {
        scenario.variance = percent(text, "--variance")?;
        scenario.schemes = OrderedMap::default();
    }
    for pair in &args.schemes {
        let (id, pct) = pair.split_once('=').ok_or_else(|| {
            Failure::usage(format!(
                "--scheme '{pair}' must be written as ID=PCT, for example --scheme OOH=5"
            ))
        })?;
        let scheme = find_scheme(agreement, id.trim())?;
        scenario
            .schemes
            .insert(scheme, percent(pct, &format!("--scheme {}", id.trim()))?);
    }
    Ok(scenario)
}

/// Reads a percentage such as `3`, `-2.5` or `4%`.
pub(super) fn percent(text: &str, option: &str) -> Result<Decimal, Failure> {
    let value = crate::model::money::parse_percent(text).ok_or_else(|| {
        Failure::usage(format!(
            "{option} '{text}' is not a percentage; write a number such as 3 or -2.5"
        ))
    })?;
    // The same limit as a scenario in a file: no scheme can save more than its whole budget.
    if value < -Decimal::ONE_HUNDRED {
        return Err(Failure::usage(format!(
            "{option} '{text}' would be an underspend of more than the whole budget; the lowest is -100"
        )));
    }
    Ok(value)
}

/// The scheme's id as the file writes it; case does not matter on the command line.
fn find_scheme(agreement: &Agreement, id: &str) -> Result<String, Failure> {
    let found = agreement
        .scheme(id)
        .or_else(|| {
            agreement
                .schemes
                .iter()
                .find(|s| s.id.eq_ignore_ascii_case(id))
        })
        .map(|s| s.id.clone());
    found.ok_or_else(|| {
        let known: Vec<&str> = agreement.schemes.iter().map(|s| s.id.as_str()).collect();
        Failure::usage(format!(
            "there is no scheme '{id}' in {}; the schemes are {}",
            agreement.name,
            list(&known)
        ))
    })
}

fn unknown_scenario(agreement: &Agreement, name: &str) -> Failure {
    let known: Vec<String> = agreement
        .scenarios
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    Failure::usage(format!(
        "there is no scenario '{name}' in {}; {}",
        agreement.name,
        if known.is_empty() {
            "it has no named scenarios".to_string()
        } else {
            format!("the scenarios are {}", list(&known))
        }
    ))
}

/// `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => "none".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_as_written() {
        assert_eq!(percent("3", "--variance"), Ok(Decimal::from(3)));
        assert_eq!(percent(" -2.5% ", "--variance"), Ok(Decimal::new(-25, 1)));
        assert_eq!(percent("+4", "--variance"), Ok(Decimal::from(4)));
    }

    #[test]
    fn nonsense_is_refused_with_the_option_named() {
        for bad in [
            "abc",
            "",
            "%",
            "3-",
            "1e3",
            "--",
            "1_000",
            "3.2.1",
            "99999999999999999999999999999999",
            "-150",
        ] {
            let failure = percent(bad, "--variance").unwrap_err();
            assert_eq!(failure.code, super::super::EXIT_USAGE, "{bad}");
            assert!(failure.lines[0].starts_with("--variance '"), "{bad}");
        }
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
    }
}
