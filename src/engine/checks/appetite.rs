//! Step 6 (each organisation's risk appetite, set per category as the Orange Book does), each
//! party's loss tolerance in the key scenarios, and CIPFA's arbitration route, agreed before
//! there is any need to test it.

use super::{ARBITRATION_PERCENT, Context, Finding, Subject, finding, named, pounds, quote};
use crate::engine::{WhatIf, calculate};
use rust_decimal::Decimal;
use std::collections::HashMap;

pub(super) fn check(ctx: &Context, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    let mut parties: HashMap<&str, &crate::model::Party> = HashMap::new();
    for p in &a.parties {
        parties.entry(p.id.as_str()).or_insert(p);
    }
    for r in a.risks.iter().filter(|r| r.is_open()) {
        let Some(owner) = parties.get(r.owner.as_str()).copied() else {
            continue;
        };
        let level = owner.appetite_for(&r.category);
        let by_category = level != owner.appetite
            || owner
                .appetite_by_category
                .iter()
                .any(|(k, _)| k.trim().to_lowercase() == r.category.trim().to_lowercase());
        let score = r.residual_score();
        if score > level.max_score() {
            let whose = if by_category && !r.category.trim().is_empty() {
                format!("for its category {}", quote(&r.category))
            } else {
                "for it".to_string()
            };
            found.push(finding(
                "G501",
                Subject::Risk(r.id.clone()),
                format!(
                    "{} has a residual score of {score}, above the highest score its owner {} accepts {whose} ({}, {}); agree how it is reduced or who will bear it (step 6)",
                    named("risk", &r.id),
                    quote(&owner.id),
                    level.max_score(),
                    level.label()
                ),
            ));
        }
    }
    for p in &a.parties {
        let passed: Vec<String> = ctx
            .named
            .iter()
            .filter_map(|(s, alloc)| {
                let x = alloc.party(&p.id)?;
                x.breach
                    .then(|| format!("\"{}\" ({})", s.name, pounds(x.total)))
            })
            .collect();
        if passed.is_empty() {
            continue;
        }
        let tolerance = ctx
            .named
            .first()
            .and_then(|(_, alloc)| alloc.party(&p.id))
            .map_or_else(|| a.loss_tolerance(p), |x| x.tolerance);
        found.push(finding(
            "G502",
            Subject::Party(p.id.clone()),
            format!(
                "{} would bear more than its loss tolerance of {} in {}; agree how it is managed before the scenario arises (key scenarios should be developed and agreement made on how to manage them)",
                named("party", &p.id),
                pounds(tolerance),
                join(&passed)
            ),
        ));
    }
    if a.arbitration.as_ref().is_some_and(|t| !t.trim().is_empty()) {
        return;
    }
    let mut cases: Vec<(String, String)> = Vec::new();
    let plus = calculate(a, &WhatIf::at(Decimal::from(ARBITRATION_PERCENT))).ok();
    let runs = ctx
        .named
        .iter()
        .map(|(s, alloc)| (format!("\"{}\"", s.name), alloc))
        .chain(
            plus.as_ref()
                .map(|alloc| (format!("a {ARBITRATION_PERCENT}% overspend"), alloc)),
        );
    for (label, alloc) in runs {
        for s in alloc
            .schemes
            .iter()
            .filter(|s| s.unallocated > Decimal::ZERO)
        {
            cases.push((
                s.id.clone(),
                format!("{} in {label}", pounds(s.unallocated)),
            ));
        }
    }
    if cases.is_empty() {
        found.push(finding(
            "G602",
            Subject::Agreement,
            "the agreement records no arbitration route; agree a route for arbitration that is understood by all parties before there is any need to test it (CIPFA)".to_string(),
        ));
        return;
    }
    for scheme in a.schemes.iter().map(|s| &s.id) {
        let here: Vec<String> = cases
            .iter()
            .filter(|(id, _)| id == scheme)
            .map(|(_, what)| what.clone())
            .collect();
        if here.is_empty() {
            continue;
        }
        found.push(finding(
            "G601",
            Subject::Scheme(scheme.clone()),
            format!(
                "{} leaves money borne by no one ({}) and the agreement records no arbitration route; agree a route for arbitration that is understood by all parties before there is any need to test it, so that one battle doesn't end the war (CIPFA)",
                named("scheme", scheme),
                join(&here)
            ),
        ));
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
