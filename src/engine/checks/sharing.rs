//! Step 3 of the guide: everybody needs to gain, each organisation needs to bear some form of
//! risk, and the process will not work if only one organisation receives all the rewards or
//! bears all the risks.

use super::{Context, Finding, PROBE_PERCENT, Subject, finding, named, pounds};
use crate::model::Treatment;
use rust_decimal::Decimal;
use std::collections::HashSet;

pub(super) fn check(ctx: &Context, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    let realisers: HashSet<&str> = a.benefits.iter().map(|b| b.realised_by.as_str()).collect();
    let mut retainers: HashSet<&str> = HashSet::new();
    let mut influencers: HashSet<&str> = HashSet::new();
    for r in a.risks.iter().filter(|r| r.is_open()) {
        match r.treatment {
            Treatment::Retained => {
                retainers.insert(r.owner.as_str());
            }
            // The weight a party is found under is the first written for it.
            Treatment::ByInfluence => {
                let mut seen = HashSet::new();
                for (party, weight) in r.influence.iter() {
                    if seen.insert(party) && !weight.is_zero() {
                        influencers.insert(party);
                    }
                }
            }
            Treatment::Pooled => {}
        }
    }
    let total = |alloc: &Option<crate::engine::Allocation>, id: &str| {
        alloc
            .as_ref()
            .and_then(|x| x.party(id))
            .map_or(Decimal::ZERO, |p| p.total)
    };
    for p in &a.parties {
        let saving = total(&ctx.underspend, &p.id);
        let cost = total(&ctx.overspend, &p.id);
        let realises = realisers.contains(p.id.as_str());
        if ctx.underspend.is_some() && saving >= Decimal::ZERO && !realises {
            found.push(finding(
                "G101",
                Subject::Party(p.id.clone()),
                format!(
                    "{} gets no share of the savings at a {PROBE_PERCENT}% underspend of every scheme and realises no benefit; all organisations involved should have a gain or benefit: everybody needs to gain (step 3)",
                    named("party", &p.id)
                ),
            ));
        }
        let retains = retainers.contains(p.id.as_str());
        let influences = influencers.contains(p.id.as_str());
        if ctx.overspend.is_some() && cost <= Decimal::ZERO && !retains && !influences {
            let gains = if saving < Decimal::ZERO {
                format!(
                    ", yet it gains {} at a {PROBE_PERCENT}% underspend",
                    pounds(-saving)
                )
            } else {
                String::new()
            };
            found.push(finding(
                "G102",
                Subject::Party(p.id.clone()),
                format!(
                    "{} bears nothing at a {PROBE_PERCENT}% overspend of every scheme, owns no retained risk and has no influence share{gains}; each organisation also needs to bear some form of risk (step 3)",
                    named("party", &p.id)
                ),
            ));
        }
    }
    if a.parties.len() < 2 {
        return;
    }
    let only = |alloc: &Option<crate::engine::Allocation>, sign: Decimal| -> Option<String> {
        let alloc = alloc.as_ref()?;
        let mut moving = alloc
            .parties
            .iter()
            .filter(|p| p.total * sign > Decimal::ZERO);
        let one = moving.next()?;
        moving.next().is_none().then(|| one.id.clone())
    };
    if let Some(id) = only(&ctx.overspend, Decimal::ONE) {
        found.push(finding(
            "G103",
            Subject::Party(id.clone()),
            format!(
                "{} bears the whole of a {PROBE_PERCENT}% overspend of every scheme and no other party bears any of it; the process will not work if only one organisation bears all the risks (step 3)",
                named("party", &id)
            ),
        ));
    }
    if let Some(id) = only(&ctx.underspend, Decimal::NEGATIVE_ONE) {
        found.push(finding(
            "G104",
            Subject::Party(id.clone()),
            format!(
                "{} takes all the savings of a {PROBE_PERCENT}% underspend of every scheme and no other party gains; the process will not work if only one organisation receives all the rewards (step 3)",
                named("party", &id)
            ),
        ));
    }
}
