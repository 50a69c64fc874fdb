//! The forecast outturn of each scheme from its quarterly monitoring, by two methods, each
//! offered as a named scenario in pounds.
//!
//! - **To plan**: the actual spend of the quarters reported so far plus the plan of the rest,
//!   minus the budget.
//! - **Run rate**: the year-to-date over- or underspend as a fraction of the year-to-date plan,
//!   carried to the whole budget.
//!
//! Both are rounded half-even to pence. A scheme with no quarters has no forecast, and follows
//! the scenario's base of 0% (on budget).

use super::EngineError;
use super::rounding::pence;
use crate::model::{Agreement, OrderedMap, Scenario, Scheme};
use rust_decimal::Decimal;

/// The name of the scenario that forecasts by the plan for the quarters not yet reported.
pub const TO_PLAN: &str = "Forecast: to plan";
/// The name of the scenario that forecasts by the year-to-date run rate.
pub const RUN_RATE: &str = "Forecast: run rate";

/// One scheme's monitoring position and its two forecast variances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeForecast {
    pub id: String,
    pub budget: Decimal,
    /// Quarters with an actual, in the order written.
    pub reported: Vec<u8>,
    /// The plan of the reported quarters.
    pub plan_to_date: Decimal,
    /// The actual spend of the reported quarters.
    pub actual_to_date: Decimal,
    /// Actual to date minus plan to date: positive is an overspend so far.
    pub variance_to_date: Decimal,
    /// Forecast variance, to plan: actual to date + plan for the rest - budget.
    pub to_plan: Decimal,
    /// Forecast variance, at the run rate: variance to date / plan to date x budget. With no
    /// plan to date to scale by, the variance to date itself.
    pub run_rate: Decimal,
}

/// The forecast of every scheme that has quarters, in the file's order.
pub fn forecasts(agreement: &Agreement) -> Result<Vec<SchemeForecast>, EngineError> {
    agreement
        .schemes
        .iter()
        .filter(|s| !s.quarters.is_empty())
        .map(forecast)
        .collect()
}

/// One scheme's forecast; its quarters must not be empty for it to mean anything.
pub fn forecast(scheme: &Scheme) -> Result<SchemeForecast, EngineError> {
    let overflow = || EngineError::Overflow(format!("scheme '{}'", scheme.id));
    let add = |a: Decimal, b: Decimal| a.checked_add(b).ok_or_else(overflow);
    let mut budget = Decimal::ZERO;
    for c in scheme.contributions.values() {
        budget = add(budget, *c)?;
    }
    let (mut plan_to_date, mut actual_to_date, mut plan_rest) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut reported = Vec::new();
    for q in &scheme.quarters {
        match q.actual {
            Some(actual) => {
                reported.push(q.quarter);
                plan_to_date = add(plan_to_date, q.plan)?;
                actual_to_date = add(actual_to_date, actual)?;
            }
            None => plan_rest = add(plan_rest, q.plan)?,
        }
    }
    let variance_to_date = actual_to_date
        .checked_sub(plan_to_date)
        .ok_or_else(overflow)?;
    let to_plan = add(actual_to_date, plan_rest)?
        .checked_sub(budget)
        .ok_or_else(overflow)?;
    let run_rate = if plan_to_date.is_zero() {
        variance_to_date
    } else {
        // Multiply first, so that a third or a seventh is not rounded before it is scaled.
        pence(
            variance_to_date
                .checked_mul(budget)
                .and_then(|v| v.checked_div(plan_to_date))
                .ok_or_else(overflow)?,
        )
    };
    Ok(SchemeForecast {
        id: scheme.id.clone(),
        budget,
        reported,
        plan_to_date,
        actual_to_date,
        variance_to_date,
        to_plan: pence(to_plan),
        run_rate,
    })
}

/// The two forecast scenarios, when any scheme has quarters; none otherwise. Each holds every
/// scheme with quarters at its forecast variance in pounds (`amounts`).
pub fn scenarios(agreement: &Agreement) -> Result<Vec<Scenario>, EngineError> {
    let found = forecasts(agreement)?;
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let scenario = |name: &str, pick: fn(&SchemeForecast) -> Decimal| Scenario {
        name: name.to_string(),
        amounts: found
            .iter()
            .map(|f| (f.id.clone(), pick(f)))
            .collect::<OrderedMap<Decimal>>(),
        ..Scenario::default()
    };
    Ok(vec![
        scenario(TO_PLAN, |f| f.to_plan),
        scenario(RUN_RATE, |f| f.run_rate),
    ])
}

/// Every scenario a user can name: the file's own, then the forecasts (when a scheme has
/// quarters and the file has no scenario of the same name). A forecast that cannot be
/// calculated is left out; `check` reports it.
pub fn named_scenarios(agreement: &Agreement) -> Vec<Scenario> {
    let mut all = agreement.scenarios.clone();
    for s in scenarios(agreement).unwrap_or_default() {
        if agreement.scenario(&s.name).is_none() {
            all.push(s);
        }
    }
    all
}

/// A scenario by name (case aside): the file's own, else a forecast.
pub fn find_scenario(agreement: &Agreement, name: &str) -> Option<Scenario> {
    named_scenarios(agreement)
        .into_iter()
        .find(|s| s.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quarter;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    fn scheme(quarters: &[(u8, &str, Option<&str>)]) -> Scheme {
        let text = "(id: \"S\", name: \"S\", contributions: {\"A\": 600000, \"B\": 400000})";
        let mut s: Scheme = ron::from_str(text).expect("a scheme");
        s.quarters = quarters
            .iter()
            .map(|(q, plan, actual)| Quarter {
                quarter: *q,
                plan: d(plan),
                actual: actual.map(d),
            })
            .collect();
        s
    }

    #[test]
    fn two_quarters_reported_give_both_variances_to_the_penny() {
        // Budget 1,000,000; plans 240,000 + 260,000 + 250,000 + 250,000.
        // Reported: Q1 251,000.00 (11,000 over), Q2 262,345.67 (2,345.67 over).
        let f = forecast(&scheme(&[
            (1, "240000", Some("251000")),
            (2, "260000", Some("262345.67")),
            (3, "250000", None),
            (4, "250000", None),
        ]))
        .expect("forecast");
        assert_eq!(f.reported, vec![1, 2]);
        assert_eq!(f.plan_to_date, d("500000"));
        assert_eq!(f.actual_to_date, d("513345.67"));
        // To plan: 513,345.67 + 500,000 - 1,000,000.
        assert_eq!(f.to_plan, d("13345.67"));
        // Run rate: 13,345.67 / 500,000 x 1,000,000 = 26,691.34.
        assert_eq!(f.run_rate, d("26691.34"));
    }

    #[test]
    fn the_run_rate_rounds_half_even_to_pence() {
        // 0.01 over on a plan of 800,000, carried to 1,000,000: 0.0125 -> 0.01 (half-even);
        // 0.03 over: 0.0375 -> 0.04.
        for (actual, expected) in [("800000.01", "0.01"), ("800000.03", "0.04")] {
            let f = forecast(&scheme(&[(1, "800000", Some(actual)), (2, "200000", None)]))
                .expect("forecast");
            assert_eq!(f.run_rate, d(expected), "{actual}");
        }
        // A third: 100 under on a plan of 300,000 carried to 1,000,000 is -333.333... -> -333.33.
        let f = forecast(&scheme(&[
            (1, "300000", Some("299900")),
            (2, "700000", None),
        ]))
        .expect("forecast");
        assert_eq!(f.run_rate, d("-333.33"));
        assert_eq!(f.to_plan, d("-100"));
    }

    #[test]
    fn nothing_reported_forecasts_the_plan() {
        let f = forecast(&scheme(&[(1, "250000", None), (2, "700000", None)])).expect("forecast");
        assert_eq!(f.to_plan, d("-50000"), "plans 50,000 short of the budget");
        assert_eq!(f.run_rate, Decimal::ZERO);
    }

    #[test]
    fn the_scenarios_hold_each_scheme_with_quarters_in_pounds() {
        let mut a = crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("loads");
        assert!(scenarios(&a).expect("none").is_empty());
        a.schemes[1].quarters =
            scheme(&[(1, "1250000", Some("1300000")), (2, "3750000", None)]).quarters;
        let found = scenarios(&a).expect("two");
        assert_eq!(found[0].name, TO_PLAN);
        assert_eq!(found[0].amounts.get("DTOC"), Some(&d("50000")));
        assert_eq!(found[1].name, RUN_RATE);
        assert_eq!(found[1].amounts.get("DTOC"), Some(&d("200000")));
        assert_eq!(found[0].amounts.len(), 1);
        assert_eq!(
            find_scenario(&a, "forecast: RUN RATE").map(|s| s.name),
            Some(RUN_RATE.to_string())
        );
        assert_eq!(named_scenarios(&a).len(), 6);
    }
}
