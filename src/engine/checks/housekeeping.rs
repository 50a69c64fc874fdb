//! Keeping the agreement in order: risks treated and reviewed, benefits with a metric and a
//! baseline, thresholds for action, quarterly plans that add up, and what the forecast says.

use super::appetite::join;
use super::{Context, Finding, Subject, finding, named, pounds};
use crate::engine::{Crossing, forecast};
use crate::model::ScoreBand;
use jiff::civil::Date;
use rust_decimal::Decimal;

pub(super) fn check(ctx: &Context, today: Date, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    for r in a.risks.iter().filter(|r| r.is_open()) {
        let band = ScoreBand::of(r.score(), &a.score_bands);
        if band >= ScoreBand::High && r.mitigation.trim().is_empty() {
            found.push(finding(
                "G701",
                Subject::Risk(r.id.clone()),
                format!(
                    "{} is {} (score {}) and has no mitigation; all parties should put in a mitigation plan for it (step 7)",
                    named("risk", &r.id),
                    band.label(),
                    r.score()
                ),
            ));
        }
        if let Some(date) = r.review_date()
            && date < today
        {
            found.push(finding(
                "G702",
                Subject::Risk(r.id.clone()),
                format!(
                    "{} was due for review on {date} (today is {today}); there should be a minimum of a review every quarter (building block 1: transparency)",
                    named("risk", &r.id)
                ),
            ));
        }
    }
    for b in &a.benefits {
        let mut missing = Vec::new();
        if b.metric.trim().is_empty() {
            missing.push("metric");
        }
        if b.baseline.is_zero() {
            missing.push("baseline");
        }
        if !missing.is_empty() {
            found.push(finding(
                "G703",
                Subject::Benefit(b.id.clone()),
                format!(
                    "{} has no {}; agree the baseline against which to measure performance and the metrics for measuring it (steps 9 and 10)",
                    named("benefit", &b.id),
                    missing.join(" or ")
                ),
            ));
        }
    }
    if a.review_thresholds.is_empty() {
        found.push(finding(
            "G704",
            Subject::Agreement,
            "the agreement has no review thresholds; criteria should include thresholds above and below which action will be taken, to avoid continual change (step 4)".to_string(),
        ));
    }
    for s in a.schemes.iter().filter(|s| !s.quarters.is_empty()) {
        let plans = s
            .quarters
            .iter()
            .try_fold(Decimal::ZERO, |sum, q| sum.checked_add(q.plan));
        let budget = s.budget();
        if let Some(plans) = plans
            && plans != budget
        {
            found.push(finding(
                "G705",
                Subject::Scheme(s.id.clone()),
                format!(
                    "{}: the quarterly plans add up to {}, not the budget of {}; clear baseline and performance measures let the position be tracked in-flight (building block 1)",
                    named("scheme", &s.id),
                    pounds(plans),
                    pounds(budget)
                ),
            ));
        }
    }
    forecast_crossings(ctx, found);
}

/// The review thresholds each forecast crosses, per scheme and for the pool.
fn forecast_crossings(ctx: &Context, found: &mut Vec<Finding>) {
    let mut seen: Vec<(Crossing, Vec<String>)> = Vec::new();
    for (s, alloc) in ctx
        .named
        .iter()
        .filter(|(s, _)| s.name == forecast::TO_PLAN || s.name == forecast::RUN_RATE)
    {
        for t in &alloc.thresholds {
            for by in &t.crossed_by {
                let what = format!("{}% (\"{}\") in \"{}\"", t.at, t.action, s.name);
                match seen.iter_mut().find(|(c, _)| c == by) {
                    Some((_, list)) => list.push(what),
                    None => seen.push((by.clone(), vec![what])),
                }
            }
        }
    }
    for (by, list) in seen {
        let (subject, who) = match &by {
            Crossing::Pool => (Subject::Agreement, "the pool as a whole".to_string()),
            Crossing::Scheme(id) => (Subject::Scheme(id.clone()), named("scheme", id)),
        };
        found.push(finding(
            super::FORECAST_CODE.0,
            subject,
            format!(
                "the forecast outturn of {who} crosses the review threshold{} at {}; act on it in-flight, as the agreement says (building block 1)",
                if list.len() == 1 { "" } else { "s" },
                join(&list)
            ),
        ));
    }
}
