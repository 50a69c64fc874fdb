//! The what-if a `calc` runs: a named scenario from the file, with the command line's figures
//! on top, in the one what-if model the workbench uses too.

use super::{CalcArgs, Failure, HeldArgs};
use crate::engine::{Setting, WhatIf};
use crate::model::Agreement;
use crate::store::MAX_AMOUNT;
use rust_decimal::Decimal;

/// The what-if `calc` runs, and the name of the scenario it started from.
pub struct Chosen {
    pub what_if: WhatIf,
    /// The named scenario picked with `--scenario`, as the file spells it.
    pub name: Option<String>,
}

/// Builds the what-if for `calc`.
pub fn build(agreement: &Agreement, args: &CalcArgs) -> Result<Chosen, Failure> {
    what_if(
        agreement,
        args.scenario.as_ref(),
        args.variance.as_ref(),
        &args.held,
    )
}

/// Builds the what-if of `calc`, `sweep` and `simulate` from their options: one reading of them
/// for all three, so `--scheme DTOC=4` means the same in each.
///
/// `--scenario` picks a named one (its risks happen, its benefits are realised, its `schemes`
/// and `amounts` are held); `--variance` moves the base, which every scheme not held follows;
/// each `--scheme ID=PCT` or `--amount ID=POUNDS` holds one scheme (one scheme given twice,
/// either way, is refused: which of the two was meant cannot be guessed).
pub fn what_if(
    agreement: &Agreement,
    scenario: Option<&String>,
    variance: Option<&String>,
    held: &HeldArgs,
) -> Result<Chosen, Failure> {
    let (mut what_if, name) = match scenario {
        Some(name) => {
            let scenario = named(agreement, name)?;
            (WhatIf::from_scenario(&scenario), Some(scenario.name))
        }
        None => (WhatIf::default(), None),
    };
    if let Some(text) = variance {
        what_if.set_base(percent(text, "--variance")?);
    }
    // Each scheme held so far, with the option and the words that held it.
    let mut given: Vec<(String, &str, &str)> = Vec::new();
    for pair in &held.schemes {
        let (id, pct) = split(pair, "--scheme", "ID=PCT", "--scheme OOH=5")?;
        let scheme = find_scheme(agreement, id)?;
        once(&given, &scheme, "--scheme", pair)?;
        let value = percent(pct, &format!("--scheme {id}"))?;
        given.push((scheme.clone(), "--scheme", pair));
        what_if.hold(scheme, Setting::Percent(value));
    }
    for pair in &held.amounts {
        let (id, pounds) = split(pair, "--amount", "ID=POUNDS", "--amount OOH=123456.78")?;
        let scheme = find_scheme(agreement, id)?;
        once(&given, &scheme, "--amount", pair)?;
        given.push((scheme.clone(), "--amount", pair));
        let budget = agreement
            .scheme(&scheme)
            .map(|s| s.budget())
            .unwrap_or_default();
        let value = amount(pounds, &format!("--amount {id}"), budget)?;
        what_if.hold(scheme, Setting::Amount(value));
    }
    Ok(Chosen { what_if, name })
}

/// Refuses a scheme held a second time, by the same option or the other one.
fn once(
    given: &[(String, &str, &str)],
    scheme: &str,
    option: &str,
    pair: &str,
) -> Result<(), Failure> {
    match given.iter().find(|(id, _, _)| id == scheme) {
        Some((_, first, _)) if *first != option => Err(Failure::usage(format!(
            "scheme '{scheme}' is given by both --scheme and --amount; give one of them"
        ))),
        Some((_, _, earlier)) => Err(Failure::usage(format!(
            "scheme '{scheme}' is given twice by {option} ({earlier} and {pair}); give it once"
        ))),
        None => Ok(()),
    }
}

/// `ID=VALUE`, both parts trimmed.
fn split<'a>(
    pair: &'a str,
    option: &str,
    shape: &str,
    example: &str,
) -> Result<(&'a str, &'a str), Failure> {
    pair.split_once('=')
        .map(|(id, value)| (id.trim(), value))
        .ok_or_else(|| {
            Failure::usage(format!(
                "{option} '{pair}' must be written as {shape}, for example {example}"
            ))
        })
}

/// Reads an amount of money in pounds, such as `123456.78` or `-50,000`, to the penny.
fn amount(text: &str, option: &str, budget: Decimal) -> Result<Decimal, Failure> {
    // The one reader of typed money: commas only in groups of three, at most two decimals.
    let value = crate::model::money::parse_amount(text).map_err(|why| {
        if why != crate::model::money::PENNY
            && numeric_sign(&text.replace(',', "")).is_some()
            && !why.contains("commas")
        {
            // Written as a number, but too long to hold.
            Failure::usage(format!(
                "{option} '{text}' is larger than riskshare handles (at most {MAX_AMOUNT})"
            ))
        } else if why == crate::model::money::PENNY {
            Failure::usage(format!(
                "{option} '{text}' has a fraction of a penny; write pounds and pence"
            ))
        } else if !why.contains("commas") {
            Failure::usage(format!(
                "{option} '{text}' is not an amount of money; write pounds such as 123456.78 or -50000"
            ))
        } else {
            Failure::usage(format!("{option} '{text}' {why}"))
        }
    })?;
    if value.normalize().scale() > 2 {
        return Err(Failure::usage(format!(
            "{option} '{text}' has a fraction of a penny; write pounds and pence"
        )));
    }
    if value.abs() > MAX_AMOUNT {
        return Err(Failure::usage(format!(
            "{option} '{text}' is larger than riskshare handles (at most {MAX_AMOUNT})"
        )));
    }
    if -value > budget {
        return Err(Failure::usage(format!(
            "{option} '{text}' would be an underspend of more than the scheme's whole budget ({})",
            super::amount::grouped(budget)
        )));
    }
    Ok(value)
}

/// The highest percent an option takes: ten times the budget, which no calculation can overflow
/// (a budget is at most 100,000,000,000,000,000,000 pounds).
pub(super) const MAX_PERCENT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// Reads a percentage such as `3`, `-2.5` or `4%`, from -100 to [`MAX_PERCENT`].
pub(super) fn percent(text: &str, option: &str) -> Result<Decimal, Failure> {
    let too_low = || {
        Failure::usage(format!(
            "{option} '{text}' would be an underspend of more than the whole budget; the lowest is -100"
        ))
    };
    let too_high = || {
        Failure::usage(format!(
            "{option} '{text}' is above the highest percent riskshare takes, {MAX_PERCENT} (ten times the budget)"
        ))
    };
    let Some(value) = crate::model::money::parse_percent(text) else {
        // A number too long to hold is out of range, not a mistake in how it is written.
        return Err(match numeric_sign(text) {
            Some(true) => too_low(),
            Some(false) => too_high(),
            None => Failure::usage(format!(
                "{option} '{text}' is not a percentage; write a number such as 3 or -2.5"
            )),
        });
    };
    // The same low limit as a scenario in a file: no scheme can save more than its budget.
    if value < -Decimal::ONE_HUNDRED {
        return Err(too_low());
    }
    if value > MAX_PERCENT {
        return Err(too_high());
    }
    Ok(value)
}

/// Whether `text` is written as a plain number (`-123.4`, `+5%`), and if so whether it is
/// negative.
fn numeric_sign(text: &str) -> Option<bool> {
    let text = text.trim();
    let text = text.strip_suffix('%').map_or(text, str::trim_end);
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    (!whole.is_empty() && digits(whole) && digits(fraction)).then_some(negative)
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

/// A named scenario: the file's own, or a forecast when a scheme has quarters.
pub fn named(agreement: &Agreement, name: &str) -> Result<crate::model::Scenario, Failure> {
    crate::engine::forecast::find_scenario(agreement, name)
        .ok_or_else(|| unknown_scenario(agreement, name))
}

fn unknown_scenario(agreement: &Agreement, name: &str) -> Failure {
    let known: Vec<String> = crate::engine::forecast::named_scenarios(agreement)
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
            "1000.01",
        ] {
            let failure = percent(bad, "--variance").unwrap_err();
            assert_eq!(failure.code, super::super::EXIT_USAGE, "{bad}");
            assert!(failure.lines[0].starts_with("--variance '"), "{bad}");
        }
    }

    #[test]
    fn amounts_are_pounds_and_pence() {
        let budget = Decimal::from(1_000_000);
        assert_eq!(
            amount("123456.78", "--amount OOH", budget),
            Ok(Decimal::new(12_345_678, 2))
        );
        assert_eq!(
            amount("-50000", "--amount OOH", budget),
            Ok(Decimal::from(-50_000))
        );
        for bad in ["abc", "", "1e3", "1.005", "-1000000.01"] {
            let failure = amount(bad, "--amount OOH", budget).unwrap_err();
            assert_eq!(failure.code, super::super::EXIT_USAGE, "{bad}");
            assert!(failure.lines[0].starts_with("--amount OOH '"), "{bad}");
        }
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
    }
}
