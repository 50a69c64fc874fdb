//! Checks of the risk register and the benefits.

use super::validate::{Problems, Step, quote};
use crate::model::{Benefit, Risk, Treatment};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Checks one risk: its references, its scores, its cost and how that cost is treated.
pub fn check_risk(
    out: &mut Problems<'_>,
    parties: &HashSet<&str>,
    schemes: &HashSet<&str>,
    r: &Risk,
    index: usize,
) {
    let at = |k| vec![Step::Field("risks"), Step::Item(index), Step::Field(k)];
    let what = format!("risk {}", quote(&r.id));
    if !parties.contains(r.owner.as_str()) {
        out.error(
            at("owner"),
            format!("{what}: owner {} is not a party", quote(&r.owner)),
        );
    }
    if let Some(s) = &r.scheme
        && !schemes.contains(s.as_str())
    {
        out.error(
            at("scheme"),
            format!("{what}: scheme {} is not a scheme", quote(s)),
        );
    }
    out.score(at("likelihood"), &what, "likelihood", r.likelihood);
    out.score(at("impact"), &what, "impact", r.impact);
    if let Some(res) = r.residual {
        let inner = |k| [at("residual"), vec![Step::Field(k)]].concat();
        out.score(
            inner("likelihood"),
            &what,
            "residual likelihood",
            res.likelihood,
        );
        out.score(inner("impact"), &what, "residual impact", res.impact);
        if r.residual_score() > r.score() {
            out.warning(
                at("residual"),
                format!(
                    "{what}: the residual score {} is above the inherent score {}; mitigation should lower it",
                    r.residual_score(),
                    r.score()
                ),
            );
        }
    }
    if !r.review.trim().is_empty() && r.review_date().is_none() {
        out.warning(
            at("review"),
            format!(
                "{what}: review {} is not a date; write the next review date as YYYY-MM-DD, such as 2026-12-01",
                quote(&r.review)
            ),
        );
    }
    out.money(at("cost"), &what, "cost", r.cost);
    if let Some(range) = r.cost_range {
        out.money(at("cost_range"), &what, "cost_range low", range.low);
        out.money(at("cost_range"), &what, "cost_range high", range.high);
        if range.low > range.high {
            out.error(
                at("cost_range"),
                format!(
                    "{what}: cost_range low {} is above high {}",
                    range.low, range.high
                ),
            );
        } else if r.cost < range.low || r.cost > range.high {
            out.warning(
                at("cost"),
                format!(
                    "{what}: cost {} is outside its cost_range {}-{}",
                    r.cost, range.low, range.high
                ),
            );
        }
    }
    if let Some(p) = r.probability {
        out.percent(at("probability"), &what, "probability", p);
    }
    match r.treatment {
        Treatment::Pooled if r.scheme.is_none() => out.error(
            at("treatment"),
            format!("{what} is Pooled but names no scheme to pool its cost in; give it a scheme or make it Retained"),
        ),
        Treatment::ByInfluence if r.influence.is_empty() => out.error(
            at("treatment"),
            format!("{what} is shared ByInfluence but has no influence weights; add influence: {{PARTY: WEIGHT}}"),
        ),
        Treatment::ByInfluence if r.influence.values().all(Decimal::is_zero) => out.error(
            at("influence"),
            format!("{what}: every influence weight is 0, so no one would bear its cost"),
        ),
        Treatment::Pooled | Treatment::Retained if !r.influence.is_empty() => out.warning(
            at("influence"),
            format!("{what}: influence weights only count when treatment is ByInfluence"),
        ),
        _ => {}
    }
    for (party, w) in r.influence.iter() {
        let place = [at("influence"), vec![Step::Key(party.to_string())]].concat();
        if !parties.contains(party) {
            out.error(
                place,
                format!("{what}: influence names an unknown party {}", quote(party)),
            );
        } else {
            out.amount(
                place,
                &what,
                &format!("the influence of {}", quote(party)),
                *w,
            );
        }
    }
}

/// Checks one benefit: who realises it, where it is shared, its likelihood and value.
pub fn check_benefit(
    out: &mut Problems<'_>,
    parties: &HashSet<&str>,
    schemes: &HashSet<&str>,
    b: &Benefit,
    index: usize,
) {
    let at = |k| vec![Step::Field("benefits"), Step::Item(index), Step::Field(k)];
    let what = format!("benefit {}", quote(&b.id));
    if !parties.contains(b.realised_by.as_str()) {
        out.error(
            at("realised_by"),
            format!(
                "{what}: realised_by {} is not a party",
                quote(&b.realised_by)
            ),
        );
    }
    match &b.scheme {
        Some(s) if !schemes.contains(s.as_str()) => {
            out.error(at("scheme"), format!("{what}: scheme {} is not a scheme", quote(s)));
        }
        None if b.shared => out.error(
            at("shared"),
            format!("{what} is shared but names no scheme to share it in; give it a scheme or set shared: false"),
        ),
        _ => {}
    }
    out.score(at("likelihood"), &what, "likelihood", b.likelihood);
    if let Some(p) = b.probability {
        out.percent(at("probability"), &what, "probability", p);
    }
    out.money(at("value"), &what, "value", b.value);
}
