//! Tests that the checks which index the agreement and calculate one risk at a time find
//! exactly what the straightforward code finds: a full calculation per risk and a scan of every
//! risk per party and scheme, kept here as the reference.

use super::single::{Single, full};
use super::{
    Finding, PROBE_PERCENT, Subject, finding, influence::influencers, listed, named, pounds, quote,
    run,
};
use crate::engine::{Allocation, WhatIf, calculate};
use crate::model::{Agreement, Constraint, Treatment};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The codes whose checks were restructured for speed.
const RESTRUCTURED: [&str; 6] = ["G101", "G102", "G202", "G301", "G302", "G501"];

fn with_risk(a: &Agreement, risk: &str) -> Option<Allocation> {
    let what_if = WhatIf {
        risks: vec![risk.to_string()],
        ..WhatIf::default()
    };
    calculate(a, &what_if).ok()
}

/// G101, G102, G202, G301, G302 and G501, in the order [`run`] gives them, the plain way.
fn reference(a: &Agreement) -> Vec<Finding> {
    let at = |pct: i64| calculate(a, &WhatIf::at(Decimal::from(pct))).ok();
    let (over, under) = (at(PROBE_PERCENT), at(-PROBE_PERCENT));
    let mut found = Vec::new();
    let total = |alloc: &Option<Allocation>, id: &str| {
        alloc
            .as_ref()
            .and_then(|x| x.party(id))
            .map_or(Decimal::ZERO, |p| p.total)
    };
    for p in &a.parties {
        let saving = total(&under, &p.id);
        let cost = total(&over, &p.id);
        let realises = a.benefits.iter().any(|b| b.realised_by == p.id);
        if under.is_some() && saving >= Decimal::ZERO && !realises {
            found.push(finding("G101", Subject::Party(p.id.clone()), format!(
                "{} gets no share of the savings at a {PROBE_PERCENT}% underspend of every scheme and realises no benefit; all organisations involved should have a gain or benefit: everybody needs to gain (step 3)",
                named("party", &p.id)
            )));
        }
        let retains = a
            .risks
            .iter()
            .any(|r| r.is_open() && r.owner == p.id && r.treatment == Treatment::Retained);
        let influences = a.risks.iter().any(|r| {
            r.is_open()
                && r.treatment == Treatment::ByInfluence
                && r.influence.get(&p.id).is_some_and(|w| !w.is_zero())
        });
        if over.is_some() && cost <= Decimal::ZERO && !retains && !influences {
            let gains = if saving < Decimal::ZERO {
                format!(
                    ", yet it gains {} at a {PROBE_PERCENT}% underspend",
                    pounds(-saving)
                )
            } else {
                String::new()
            };
            found.push(finding("G102", Subject::Party(p.id.clone()), format!(
                "{} bears nothing at a {PROBE_PERCENT}% overspend of every scheme, owns no retained risk and has no influence share{gains}; each organisation also needs to bear some form of risk (step 3)",
                named("party", &p.id)
            )));
        }
    }
    for p in &a.parties {
        let restriction = if p.constraints.contains(&Constraint::SpecialMeasures) {
            "is a trust in special measures, restricted in terms of what risks it can legally embrace"
        } else if p.constraints.contains(&Constraint::NonFoundationTrust) {
            "is a non-foundation trust, which is not able to take on certain delivery risks"
        } else {
            continue;
        };
        let shared: Vec<String> = a
            .risks
            .iter()
            .filter(|r| {
                r.is_open() && matches!(r.treatment, Treatment::Pooled | Treatment::ByInfluence)
            })
            .filter(|r| {
                with_risk(a, &r.id)
                    .and_then(|alloc| alloc.party(&p.id).map(|x| x.pooled + x.influence))
                    .is_some_and(|bears| bears > Decimal::ZERO)
            })
            .map(|r| r.id.clone())
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
    for r in a.risks.iter().filter(|r| r.is_open()) {
        let (Treatment::Pooled, Some(scheme)) = (r.treatment, r.scheme.as_deref()) else {
            continue;
        };
        let by = influencers(r);
        let [only] = by.as_slice() else {
            continue;
        };
        let Some(alloc) = with_risk(a, &r.id) else {
            continue;
        };
        let others: Vec<String> = alloc
            .scheme(scheme)
            .map(|s| {
                s.shares
                    .iter()
                    .filter(|(p, v)| p != only && **v > Decimal::ZERO)
                    .map(|(p, _)| p.to_string())
                    .collect()
            })
            .unwrap_or_default();
        if others.is_empty() {
            continue;
        }
        found.push(finding("G301", Subject::Risk(r.id.clone()), format!(
            "{} is pooled in scheme {} but only {} influences it, while {} bear{} part of it; consider whether it should remain with the organisation with the main influence over it (step 7)",
            named("risk", &r.id),
            quote(scheme),
            quote(only),
            listed(&others),
            if others.len() == 1 { "s" } else { "" },
        )));
    }
    if let Some(over) = &over {
        for p in &a.parties {
            let schemes: Vec<String> = a
                .schemes
                .iter()
                .filter(|s| {
                    let shares = over
                        .scheme(&s.id)
                        .and_then(|x| x.shares.get(&p.id))
                        .is_some_and(|v| *v > Decimal::ZERO);
                    let mut risks = a
                        .risks
                        .iter()
                        .filter(|r| r.is_open() && r.scheme.as_deref() == Some(s.id.as_str()))
                        .peekable();
                    let has_risks = risks.peek().is_some();
                    shares && has_risks && !risks.any(|r| influencers(r).contains(&p.id.as_str()))
                })
                .map(|s| s.id.clone())
                .collect();
            if schemes.is_empty() {
                continue;
            }
            found.push(finding("G302", Subject::Party(p.id.clone()), format!(
                "{} shares the overspend of {} {} (at {PROBE_PERCENT}%) but influences none of {} registered risks; organisations are unlikely to be willing to take on risks they can't influence (step 7)",
                named("party", &p.id),
                if schemes.len() == 1 { "scheme" } else { "schemes" },
                listed(&schemes),
                if schemes.len() == 1 { "its" } else { "their" },
            )));
        }
    }
    for r in a.risks.iter().filter(|r| r.is_open()) {
        let Some(owner) = a.party(&r.owner) else {
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
            found.push(finding("G501", Subject::Risk(r.id.clone()), format!(
                "{} has a residual score of {score}, above the highest score its owner {} accepts {whose} ({}, {}); agree how it is reduced or who will bear it (step 6)",
                named("risk", &r.id),
                quote(&owner.id),
                level.max_score(),
                level.label()
            )));
        }
    }
    found
}

fn restructured(a: &Agreement) -> Vec<Finding> {
    let today = "2026-11-30".parse().expect("a date");
    let found = run(a, today);
    let mut sharing: Vec<Finding> = found
        .iter()
        .filter(|f| f.code == "G101" || f.code == "G102")
        .cloned()
        .collect();
    for code in &RESTRUCTURED[2..] {
        sharing.extend(found.iter().filter(|f| f.code == *code).cloned());
    }
    sharing
}

/// Owner, scheme, treatment, influence bits, weights, cost, likelihood, impact, closed.
type RiskPlan = (usize, usize, usize, u8, u8, i64, u8, u8, bool);

/// A small agreement, as a file would write it, from a handful of choices.
#[derive(Debug, Clone)]
struct Plan {
    /// Per party: kind index, constraint index (0 none), appetite index.
    parties: Vec<(usize, usize, usize)>,
    /// Per scheme: members (party indexes, by bit), contingency, a cap on the first member.
    schemes: Vec<(u8, u32, bool)>,
    /// Per risk: owner, scheme (None beyond the schemes), treatment, influence bits and
    /// weights, cost in pence, likelihood, impact, closed.
    risks: Vec<RiskPlan>,
    /// Per benefit: realised by, scheme, shared.
    benefits: Vec<(usize, usize, bool)>,
    /// The pool: none, or netting and contingency.
    pool: Option<(bool, u32)>,
}

fn ron(plan: &Plan) -> String {
    const KINDS: [&str; 5] = [
        "Commissioner",
        "LocalAuthority",
        "AcuteProvider",
        "Voluntary",
        "CommunityProvider",
    ];
    const CONSTRAINTS: [&str; 4] = [
        "",
        "MustBalanceBudget",
        "NonFoundationTrust",
        "SpecialMeasures",
    ];
    const APPETITES: [&str; 3] = ["Averse", "Cautious", "Open"];
    const TREATMENTS: [&str; 3] = ["Pooled", "Retained", "ByInfluence"];
    let n = plan.parties.len();
    let mut out = String::from("(format: 1, name: \"Random\",");
    if let Some((netting, contingency)) = plan.pool {
        out += &format!("pool: (netting: {netting}, contingency: {contingency}),");
    }
    out += "parties: [";
    for (i, (kind, constraint, appetite)) in plan.parties.iter().enumerate() {
        out += &format!(
            "(id: \"P{i}\", name: \"Party {i}\", kind: {}, appetite: {}, constraints: [{}]),",
            KINDS[*kind], APPETITES[*appetite], CONSTRAINTS[*constraint]
        );
    }
    out += "], schemes: [";
    for (s, (members, contingency, cap)) in plan.schemes.iter().enumerate() {
        let mut ids: Vec<usize> = (0..n).filter(|i| members & (1 << i) != 0).collect();
        if ids.is_empty() {
            ids.push(s % n);
        }
        let contributions: Vec<String> = ids
            .iter()
            .map(|i| format!("\"P{i}\": {}", 100_000 + 37_000 * (i + s)))
            .collect();
        let caps = if *cap {
            format!("caps: {{\"P{}\": Amount(1000)}}", ids[0])
        } else {
            String::new()
        };
        out += &format!(
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: (contingency: {contingency}, bands: [(basis: Contribution)], {caps}), underspend: (bands: [(basis: Contribution)])),",
            contributions.join(", ")
        );
    }
    out += "], risks: [";
    for (r, risk) in plan.risks.iter().enumerate() {
        let (owner, scheme, treatment, bits, weights, pence, l, i, closed) = *risk;
        // A pooled risk always names a scheme; the loader refuses one that does not.
        let scheme = if treatment == 0 {
            scheme % plan.schemes.len()
        } else {
            scheme
        };
        let scheme = if scheme < plan.schemes.len() {
            format!("scheme: \"S{scheme}\",")
        } else {
            String::new()
        };
        // A risk shared by influence names its owner with a weight; the loader wants one.
        let by_influence = treatment == 2;
        let influence: Vec<String> = (0..n)
            .filter(|p| bits & (1 << p) != 0 || (by_influence && *p == owner % n))
            .map(|p| {
                let w = (weights >> p) & 3;
                let w = if by_influence && p == owner % n {
                    w.max(1)
                } else {
                    w
                };
                format!("\"P{p}\": {w}")
            })
            .collect();
        out += &format!(
            "(id: \"R{r}\", title: \"Risk {r}\", owner: \"P{}\", {scheme} boundary: {}, category: \"{}\", likelihood: {l}, impact: {i}, cost: \"{}\", treatment: {}, influence: {{{}}}, status: {}),",
            owner % n,
            ["ServiceService", "HealthSocialCare", "CommissionerProvider"][r % 3],
            ["Finance", "", "Quality"][(r / 3) % 3],
            Decimal::new(pence, 2),
            TREATMENTS[treatment],
            influence.join(", "),
            if closed { "Closed" } else { "Open" }
        );
    }
    out += "], benefits: [";
    for (b, (by, scheme, shared)) in plan.benefits.iter().enumerate() {
        let named = if *scheme < plan.schemes.len() {
            format!("scheme: \"S{scheme}\",")
        } else {
            String::new()
        };
        out += &format!(
            "(id: \"B{b}\", title: \"Benefit {b}\", metric: \"m\", baseline: 1, target: 2, value: 5000, realised_by: \"P{}\", {named} shared: {shared}),",
            by % n,
            shared = *shared && *scheme < plan.schemes.len()
        );
    }
    out + "])"
}

fn plans() -> impl Strategy<Value = Plan> {
    (1usize..=5).prop_flat_map(|n| {
        (
            proptest::collection::vec((0usize..5, 0usize..4, 0usize..3), n),
            proptest::collection::vec((any::<u8>(), 0u32..50_000, any::<bool>()), 1..=4),
            proptest::collection::vec(
                (
                    0usize..n,
                    0usize..5,
                    0usize..3,
                    any::<u8>(),
                    any::<u8>(),
                    0i64..20_000_000,
                    1u8..=5,
                    1u8..=5,
                    proptest::bool::weighted(0.2),
                ),
                0..12,
            ),
            proptest::collection::vec((0usize..n, 0usize..5, any::<bool>()), 0..3),
            proptest::option::of((any::<bool>(), 0u32..80_000)),
        )
            .prop_map(|(parties, schemes, risks, benefits, pool)| Plan {
                parties,
                schemes,
                risks,
                benefits,
                pool,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_restructured_checks_find_what_the_plain_code_finds(plan in plans()) {
        let text = ron(&plan);
        let a = crate::store::parse(&text, "random.ron").map_err(|e| {
            TestCaseError::fail(format!("{e:?}\n{text}"))
        })?;
        let single = Single::new(&a);
        for r in &a.risks {
            prop_assert_eq!(single.borne(r), full(&a, r), "risk {}", r.id);
        }
        prop_assert_eq!(restructured(&a), reference(&a));
    }
}

/// The benchmark's agreement at a size the plain code checks quickly: 40 parties, 20 schemes
/// of 8 members, 600 risks pooled, retained and by influence in turn, two restricted trusts.
#[test]
fn a_generated_agreement_gets_the_same_findings() {
    let mut a =
        crate::store::parse(&crate::generate::plain(40, 20, 600), "generated.ron").expect("loads");
    a.parties[3]
        .constraints
        .push(Constraint::NonFoundationTrust);
    a.parties[10].constraints.push(Constraint::SpecialMeasures);
    a.parties[0].constraints.push(Constraint::MustBalanceBudget);
    let found = restructured(&a);
    assert!(
        ["G202", "G301", "G302", "G501"]
            .iter()
            .all(|code| found.iter().any(|f| f.code == *code)),
        "the agreement exercises the restructured checks"
    );
    assert_eq!(found, reference(&a));
}
