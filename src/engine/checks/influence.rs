//! Step 7 of the guide and its route "activity commissioned": some risks are influenced by only
//! one organisation, and the group should consider whether to share them or leave them with
//! the organisation with the main influence; organisations are unlikely to be willing to take
//! on risks they can't influence.
//!
//! Who influences a risk: the parties its `influence` weights name with a weight above 0, or,
//! when it records none, its owner alone.

use super::{Context, Finding, PROBE_PERCENT, Subject, finding, listed, named, quote};
use crate::engine::SchemeResult;
use crate::model::{Risk, Treatment};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The parties that influence a risk.
pub fn influencers(risk: &Risk) -> Vec<&str> {
    let weighted: Vec<&str> = risk
        .influence
        .iter()
        .filter(|(_, w)| **w > Decimal::ZERO)
        .map(|(p, _)| p)
        .collect();
    if weighted.is_empty() {
        vec![risk.owner.as_str()]
    } else {
        weighted
    }
}

pub(super) fn check(ctx: &Context, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    for r in a.risks.iter().filter(|r| r.is_open()) {
        let (Treatment::Pooled, Some(scheme)) = (r.treatment, r.scheme.as_deref()) else {
            continue;
        };
        let by = influencers(r);
        let [only] = by.as_slice() else {
            continue;
        };
        let Some(borne) = ctx.single.borne(r) else {
            continue;
        };
        let others: Vec<String> = borne
            .scheme_shares
            .into_iter()
            .filter(|(p, v)| p != only && *v > Decimal::ZERO)
            .map(|(p, _)| p)
            .collect();
        if others.is_empty() {
            continue;
        }
        found.push(finding(
            "G301",
            Subject::Risk(r.id.clone()),
            format!(
                "{} is pooled in scheme {} but only {} influences it, while {} bear{} part of it; consider whether it should remain with the organisation with the main influence over it (step 7)",
                named("risk", &r.id),
                quote(scheme),
                quote(only),
                listed(&others),
                if others.len() == 1 { "s" } else { "" },
            ),
        ));
    }
    let Some(over) = &ctx.overspend else {
        return;
    };
    // Each scheme's open risks' influencers; a scheme with no open risk is not listed.
    let mut influenced: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in a.risks.iter().filter(|r| r.is_open()) {
        if let Some(scheme) = r.scheme.as_deref() {
            influenced.entry(scheme).or_default().extend(influencers(r));
        }
    }
    let overspent: HashMap<&str, &SchemeResult> = over
        .schemes
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s))
        .collect();
    for p in &a.parties {
        let schemes: Vec<String> = a
            .schemes
            .iter()
            .filter(|s| {
                let shares = overspent
                    .get(s.id.as_str())
                    .and_then(|x| x.shares.get(&p.id))
                    .is_some_and(|v| *v > Decimal::ZERO);
                shares
                    && influenced
                        .get(s.id.as_str())
                        .is_some_and(|by| !by.contains(p.id.as_str()))
            })
            .map(|s| s.id.clone())
            .collect();
        if schemes.is_empty() {
            continue;
        }
        found.push(finding(
            "G302",
            Subject::Party(p.id.clone()),
            format!(
                "{} shares the overspend of {} {} (at {PROBE_PERCENT}%) but influences none of {} registered risks; organisations are unlikely to be willing to take on risks they can't influence (step 7)",
                named("party", &p.id),
                if schemes.len() == 1 { "scheme" } else { "schemes" },
                listed(&schemes),
                if schemes.len() == 1 { "its" } else { "their" },
            ),
        ));
    }
}
