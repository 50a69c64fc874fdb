//! Step 2 of the guide: circumstances that make it impossible for some organisations to take on
//! certain risks. Local authorities need to have balanced budgets; non-foundation trusts are not
//! able to take on certain delivery risks, and trusts in special measures are restricted in
//! what risks they can legally embrace.

use super::{Context, Finding, PROBE_PERCENT, Subject, finding, listed, named};
use crate::model::{Constraint, Treatment};
use rust_decimal::Decimal;

pub(super) fn check(ctx: &Context, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    let pool_contingency = a
        .pool
        .as_ref()
        .is_some_and(|p| p.contingency > Decimal::ZERO);
    // Who bears part of each shared risk, worked out once, when a restricted party asks.
    let mut borne: Option<Vec<(&str, Vec<String>)>> = None;
    for p in &a.parties {
        if p.constraints.contains(&Constraint::MustBalanceBudget)
            && let Some(over) = &ctx.overspend
        {
            let exposed: Vec<String> = a
                .schemes
                .iter()
                .filter(|s| {
                    let share = over
                        .scheme(&s.id)
                        .and_then(|r| r.shares.get(&p.id))
                        .copied()
                        .unwrap_or_default();
                    share > Decimal::ZERO
                        && !s.overspend.caps.contains_key(&p.id)
                        && s.overspend.contingency.is_zero()
                        && !pool_contingency
                })
                .map(|s| s.id.clone())
                .collect();
            if !exposed.is_empty() {
                found.push(finding(
                    "G201",
                    Subject::Party(p.id.clone()),
                    format!(
                        "{} must balance its budget, yet its share of the overspend of {} is neither capped nor behind a contingency (it bears part of a {PROBE_PERCENT}% overspend there); local authorities need to have balanced budgets (step 2)",
                        named("party", &p.id),
                        scheme_list(&exposed)
                    ),
                ));
            }
        }
        let restriction = if p.constraints.contains(&Constraint::SpecialMeasures) {
            Some(
                "is a trust in special measures, restricted in terms of what risks it can legally embrace",
            )
        } else if p.constraints.contains(&Constraint::NonFoundationTrust) {
            Some("is a non-foundation trust, which is not able to take on certain delivery risks")
        } else {
            None
        };
        let Some(restriction) = restriction else {
            continue;
        };
        let borne = borne.get_or_insert_with(|| shared_risks(ctx));
        let shared: Vec<String> = borne
            .iter()
            .filter(|(_, bearers)| bearers.contains(&p.id))
            .map(|(id, _)| id.to_string())
            .collect();
        if !shared.is_empty() {
            found.push(finding(
                "G202",
                Subject::Party(p.id.clone()),
                format!(
                    "{} {restriction} (step 2), yet it bears a share of {} {} when {} happen{}",
                    named("party", &p.id),
                    if shared.len() == 1 { "risk" } else { "risks" },
                    listed(&shared),
                    if shared.len() == 1 { "it" } else { "they" },
                    if shared.len() == 1 { "s" } else { "" },
                ),
            ));
        }
    }
}

/// Every open pooled or by-influence risk, with the parties that bear part of it when it
/// alone happens.
fn shared_risks<'a>(ctx: &Context<'a>) -> Vec<(&'a str, Vec<String>)> {
    ctx.agreement
        .risks
        .iter()
        .filter(|r| {
            r.is_open() && matches!(r.treatment, Treatment::Pooled | Treatment::ByInfluence)
        })
        .map(|r| {
            let bearers = ctx.single.borne(r).map(|b| b.bearers).unwrap_or_default();
            (r.id.as_str(), bearers)
        })
        .collect()
}

fn scheme_list(ids: &[String]) -> String {
    format!(
        "{} {}",
        if ids.len() == 1 { "scheme" } else { "schemes" },
        listed(ids)
    )
}
