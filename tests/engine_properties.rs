//! What must hold for any agreement: the money adds up to the penny, caps hold, signs hold,
//! more overspend never lowers a share, and the order of the schemes does not matter; with a
//! pool, netting keeps the sum of the variances and never passes a scheme's variance, and a
//! threshold gives the bands' result at and above it and its basis's result below it.

// Amounts are written in pence, as pounds_pence.
#![allow(clippy::inconsistent_digit_grouping)]

use proptest::prelude::*;
use riskshare::engine::{Allocation, PartyResult, SchemeResult, allocate};
use riskshare::model::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::Signed;

const PARTIES: [&str; 6] = ["P0", "P1", "P2", "P3", "P4", "P5"];

fn pounds(pence: i64) -> Decimal {
    Decimal::new(pence, 2)
}

fn party(i: usize, fields: (i64, i64, i64, u8, i64, i64)) -> Party {
    let mut p = Party::new(PARTIES[i], format!("Party {i}"), PartyKind::ALL[i % 8]);
    p.activity = pounds(fields.0);
    p.equity = pounds(fields.1);
    p.reserves = pounds(fields.2);
    p.performance = Decimal::from(fields.3);
    p.investment_need = pounds(fields.4);
    p.budget_reduction = pounds(fields.5);
    p
}

fn simple_basis(underspend: bool) -> BoxedStrategy<Basis> {
    let mut options = vec![
        Just(Basis::Equal).boxed(),
        Just(Basis::Contribution).boxed(),
        Just(Basis::Activity).boxed(),
        Just(Basis::Equity).boxed(),
        Just(Basis::Performance).boxed(),
        Just(Basis::AbilityToPay).boxed(),
    ];
    if underspend {
        options.push(Just(Basis::InvestmentNeed).boxed());
        options.push(Just(Basis::Compensation).boxed());
    }
    proptest::strategy::Union::new(options).boxed()
}

fn basis(underspend: bool, members: Vec<String>, fixed: bool) -> BoxedStrategy<Basis> {
    let blend = (
        simple_basis(underspend),
        simple_basis(underspend),
        0u8..=100,
    )
        .prop_map(|(a, b, w)| {
            Basis::Blend(vec![
                BlendPart {
                    basis: a,
                    weight: Decimal::from(w),
                },
                BlendPart {
                    basis: b,
                    weight: Decimal::from(100 - w),
                },
            ])
        });
    let fixed_basis = prop::collection::vec(0u8..=10, members.len()).prop_map(move |raw| {
        let total: u32 = raw.iter().map(|r| u32::from(*r)).sum();
        let mut shares: Vec<(String, Decimal)> = Vec::new();
        let mut given = Decimal::ZERO;
        for (i, m) in members.iter().enumerate() {
            let pct = if i + 1 == members.len() {
                Decimal::ONE_HUNDRED - given
            } else if total == 0 {
                Decimal::ZERO
            } else {
                (Decimal::from(raw[i]) * Decimal::ONE_HUNDRED / Decimal::from(total)).round_dp(1)
            };
            given += pct;
            shares.push((m.clone(), pct));
        }
        Basis::Fixed(OrderedMap(shares))
    });
    if fixed {
        prop_oneof![3 => simple_basis(underspend), 1 => blend, 1 => fixed_basis].boxed()
    } else {
        prop_oneof![3 => simple_basis(underspend), 1 => blend].boxed()
    }
}

fn rule(underspend: bool, members: Vec<String>, fixed: bool) -> BoxedStrategy<Rule> {
    let n = members.len();
    (
        0i64..50_000_000,
        0u8..=60,
        prop::collection::vec(1u8..=4, 0..3),
        prop::collection::vec(basis(underspend, members.clone(), fixed), 3),
        prop::collection::vec(prop::option::of((any::<bool>(), 0i64..2_000_000_00)), n),
        basis(underspend, members.clone(), false),
    )
        .prop_map(
            move |(contingency, reinvest, steps, bases, caps, redistribute)| {
                let mut up_to = Decimal::ZERO;
                let mut bands: Vec<Band> = steps
                    .iter()
                    .zip(&bases)
                    .map(|(step, basis)| {
                        up_to += Decimal::from(*step);
                        Band {
                            up_to: Some(up_to),
                            basis: basis.clone(),
                        }
                    })
                    .collect();
                bands.push(Band {
                    up_to: None,
                    basis: bases[2].clone(),
                });
                let caps = members
                    .iter()
                    .zip(caps)
                    .filter_map(|(m, cap)| {
                        cap.map(|(percent, raw)| {
                            let cap = if percent {
                                Cap::Percent(Decimal::from(raw % 30))
                            } else {
                                Cap::Amount(pounds(raw))
                            };
                            (m.clone(), cap)
                        })
                    })
                    .collect();
                Rule {
                    contingency: if underspend {
                        Decimal::ZERO
                    } else {
                        pounds(contingency)
                    },
                    reinvest: if underspend {
                        Decimal::from(reinvest)
                    } else {
                        Decimal::ZERO
                    },
                    threshold: None,
                    bands,
                    caps,
                    redistribute,
                }
            },
        )
        .boxed()
}

fn scheme(id: usize, parties: usize, fixed: bool) -> BoxedStrategy<Scheme> {
    prop::collection::vec(prop::option::of(0i64..2_000_000_000), parties)
        .prop_filter("a scheme needs a member", |c| c.iter().any(Option::is_some))
        .prop_flat_map(move |contributions| {
            let members: Vec<(String, Decimal)> = contributions
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.map(|c| (PARTIES[i].to_string(), pounds(c))))
                .collect();
            let names: Vec<String> = members.iter().map(|(m, _)| m.clone()).collect();
            (
                Just(members),
                rule(false, names.clone(), fixed),
                rule(true, names, fixed),
            )
        })
        .prop_map(move |(members, overspend, underspend)| Scheme {
            id: format!("S{id}"),
            name: format!("Scheme {id}"),
            contributions: OrderedMap(members),
            overspend,
            underspend,
            quarters: Vec::new(),
        })
        .boxed()
}

fn agreement(fixed: bool) -> impl Strategy<Value = Agreement> {
    (2usize..=PARTIES.len())
        .prop_flat_map(move |n| {
            let fields = (
                0i64..1_000_000_00,
                0i64..1_000_000_00,
                0i64..1_000_000_00,
                0u8..=100,
                0i64..100_000_00,
                0i64..100_000_00,
            );
            (
                prop::collection::vec(fields, n),
                (1usize..=4).prop_flat_map(move |k| {
                    (0..k).map(|i| scheme(i, n, fixed)).collect::<Vec<_>>()
                }),
            )
        })
        .prop_map(|(parties, schemes)| Agreement {
            format: FORMAT,
            name: "Generated".into(),
            period: String::new(),
            review_thresholds: Vec::new(),
            arbitration: None,
            score_bands: Default::default(),
            pool: None,
            parties: parties
                .into_iter()
                .enumerate()
                .map(|(i, f)| party(i, f))
                .collect(),
            schemes,
            risks: Vec::new(),
            benefits: Vec::new(),
            scenarios: Vec::new(),
            log: Vec::new(),
        })
}

fn percent() -> impl Strategy<Value = Decimal> {
    (-400i64..=400).prop_map(|tenths| Decimal::new(tenths, 1))
}

fn at(variance: Decimal) -> Scenario {
    Scenario {
        variance,
        ..Scenario::default()
    }
}

/// Parties with the schemes where they are at a cap sorted, as that list follows the file's order.
fn in_any_order(mut parties: Vec<PartyResult>) -> Vec<PartyResult> {
    for p in &mut parties {
        p.at_cap.sort();
    }
    parties
}

fn share_of(a: &Allocation, scheme: &str, party: &str) -> Decimal {
    a.scheme(scheme)
        .and_then(|s| s.shares.get(party))
        .copied()
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn money_adds_up_caps_hold_and_signs_follow(a in agreement(true), pct in percent()) {
        let result = allocate(&a, &at(pct)).unwrap();
        for (scheme, s) in a.schemes.iter().zip(&result.schemes) {
            let shares: Decimal = s.shares.values().sum();
            let sign = if s.variance < Decimal::ZERO { Decimal::NEGATIVE_ONE } else { Decimal::ONE };
            prop_assert_eq!(
                shares + sign * (s.contingency_used + s.reinvested + s.unallocated),
                s.variance,
                "scheme {} does not add up", &s.id
            );
            prop_assert!(s.contingency_used >= Decimal::ZERO && s.reinvested >= Decimal::ZERO && s.unallocated >= Decimal::ZERO);
            for (member, share) in s.shares.iter() {
                prop_assert_eq!(share.round_dp(2), *share, "{} is not in pence", share);
                prop_assert!(share.is_zero() || share.is_sign_negative() == s.variance.is_sign_negative(),
                    "{}'s share {} has the wrong sign for variance {}", member, share, s.variance);
                if let Some(cap) = s.caps.get(member) {
                    prop_assert!(share.abs() <= *cap, "{}'s share {} passes its cap {}", member, share, cap);
                }
            }
            prop_assert_eq!(s.budget, scheme.budget());
        }
        let total: Decimal = result.parties.iter().map(|p| p.total).sum();
        let shared: Decimal = result.schemes.iter().flat_map(|s| s.shares.values()).sum();
        prop_assert_eq!(total, shared);
    }

    /// Largest-remainder rounding can move a single penny the other way as the total grows
    /// (the Alabama paradox), so a share may never fall by more than that penny.
    #[test]
    fn more_overspend_never_lowers_a_share(a in agreement(false), low in 0i64..=200, step in 1i64..=100) {
        let before = allocate(&a, &at(Decimal::new(low, 1))).unwrap();
        let after = allocate(&a, &at(Decimal::new(low + step, 1))).unwrap();
        for s in &a.schemes {
            for m in s.members() {
                let (b, f) = (share_of(&before, &s.id, m), share_of(&after, &s.id, m));
                prop_assert!(f >= b - Decimal::new(1, 2), "{} in {}: {} then {}", m, s.id, b, f);
            }
        }
    }

    #[test]
    fn the_order_of_schemes_does_not_matter(a in agreement(true), pct in percent()) {
        let mut reversed = a.clone();
        reversed.schemes.reverse();
        let (x, y) = (allocate(&a, &at(pct)).unwrap(), allocate(&reversed, &at(pct)).unwrap());
        for s in &x.schemes {
            prop_assert_eq!(Some(s), y.scheme(&s.id));
        }
        prop_assert_eq!(in_any_order(x.parties), in_any_order(y.parties));
    }
}

/// A threshold for a rule: at 0.1% to 4% of the budget, shared below it by one of a few bases
/// (`Pool` on the underspend side only).
fn threshold(underspend: bool, first: &str, at: u8, kind: u8) -> Threshold {
    let basis = match kind % 4 {
        0 => Basis::Equal,
        1 => Basis::Contribution,
        2 if underspend => Basis::Pool,
        _ => Basis::Fixed(OrderedMap(vec![(first.to_string(), Decimal::ONE_HUNDRED)])),
    };
    Threshold {
        at: Decimal::new(i64::from(at), 1),
        basis,
    }
}

/// An agreement with a pool (netting or not, a contingency or none) and thresholds on some
/// rules, and a percent for each scheme, so that some overspend while others underspend.
fn pooled() -> impl Strategy<Value = (Agreement, Scenario)> {
    (
        agreement(true),
        any::<bool>(),
        prop_oneof![Just(0i64), 0i64..50_000_000_00],
        prop::collection::vec(percent(), 4),
        prop::collection::vec(prop::option::of((1u8..=40, any::<u8>())), 8),
    )
        .prop_map(|(mut a, netting, contingency, percents, thresholds)| {
            a.pool = Some(Pool {
                netting,
                contingency: pounds(contingency),
            });
            for (i, s) in a.schemes.iter_mut().enumerate() {
                let first = s
                    .contributions
                    .keys()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if let Some((at, kind)) = thresholds[2 * i] {
                    s.overspend.threshold = Some(threshold(false, &first, at, kind));
                }
                if let Some((at, kind)) = thresholds[2 * i + 1] {
                    s.underspend.threshold = Some(threshold(true, &first, at, kind));
                }
            }
            let scenario = Scenario {
                schemes: a
                    .schemes
                    .iter()
                    .zip(percents)
                    .map(|(s, p)| (s.id.clone(), p))
                    .collect(),
                ..Scenario::default()
            };
            (a, scenario)
        })
}

/// The figures of a scheme that the rules decide (not how they are labelled).
fn figures(
    s: &SchemeResult,
) -> (
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    &OrderedMap<Decimal>,
) {
    (
        s.variance,
        s.netted,
        s.pool_contingency_used,
        s.contingency_used,
        s.reinvested,
        s.unallocated,
        &s.shares,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn with_a_pool_every_pound_is_accounted_for((a, scenario) in pooled()) {
        let result = allocate(&a, &scenario).unwrap();
        let contingency = a.pool.as_ref().map(|p| p.contingency).unwrap_or_default();
        let mut pool_used = Decimal::ZERO;
        for s in &result.schemes {
            let shares: Decimal = s.shares.values().sum();
            let kept = s.netted + s.pool_contingency_used + s.contingency_used + s.reinvested + s.unallocated;
            prop_assert_eq!(shares + s.variance.signum() * kept, s.variance, "scheme {} does not add up", &s.id);
            for amount in [s.netted, s.pool_contingency_used, s.contingency_used, s.reinvested, s.unallocated] {
                prop_assert!(amount >= Decimal::ZERO);
                prop_assert_eq!(amount.round_dp(2), amount, "{} is not in pence", amount);
            }
            prop_assert!(s.netted <= s.variance.abs(), "{}: netted {} passes the variance {}", &s.id, s.netted, s.variance);
            prop_assert!(s.netted + s.pool_contingency_used <= s.variance.abs());
            if s.variance <= Decimal::ZERO {
                prop_assert!(s.pool_contingency_used.is_zero(), "the pool's contingency only meets an overspend");
            }
            for (member, share) in s.shares.iter() {
                if let Some(cap) = s.caps.get(member) {
                    prop_assert!(share.abs() <= *cap);
                }
            }
            pool_used += s.pool_contingency_used;
        }
        prop_assert!(pool_used <= contingency);
    }

    #[test]
    fn netting_keeps_the_sum_of_the_variances((a, scenario) in pooled()) {
        let result = allocate(&a, &scenario).unwrap();
        let before: Decimal = result.schemes.iter().map(|s| s.variance).sum();
        let after: Decimal = result.schemes.iter().map(|s| s.variance - s.variance.signum() * s.netted).sum();
        prop_assert_eq!(before, after);
        let over: Decimal = result.schemes.iter().filter(|s| s.variance > Decimal::ZERO).map(|s| s.netted).sum();
        let under: Decimal = result.schemes.iter().filter(|s| s.variance < Decimal::ZERO).map(|s| s.netted).sum();
        prop_assert_eq!(over, under);
        if !a.pool.as_ref().is_some_and(|p| p.netting) {
            prop_assert!(over.is_zero());
        } else {
            let o: Decimal = result.schemes.iter().filter(|s| s.variance > Decimal::ZERO).map(|s| s.variance).sum();
            let u: Decimal = result.schemes.iter().filter(|s| s.variance < Decimal::ZERO).map(|s| -s.variance).sum();
            prop_assert_eq!(over, o.min(u), "netting meets all it can");
        }
        prop_assert_eq!(result.variance, before);
    }

    /// At or above the threshold the bands decide, as if there were no threshold; below it the
    /// threshold's basis decides, as if it were the rule's only band.
    #[test]
    fn a_threshold_gives_the_bands_result_at_and_above_it((a, scenario) in pooled()) {
        let result = allocate(&a, &scenario).unwrap();
        let mut bands_only = a.clone();
        let mut basis_only = a.clone();
        for (b, c) in bands_only.schemes.iter_mut().zip(basis_only.schemes.iter_mut()) {
            for rule in [&mut b.overspend, &mut b.underspend] {
                rule.threshold = None;
            }
            for rule in [&mut c.overspend, &mut c.underspend] {
                if let Some(t) = rule.threshold.take() {
                    rule.bands = vec![Band { up_to: None, basis: t.basis }];
                }
            }
        }
        let bands = allocate(&bands_only, &scenario).unwrap();
        let basis = allocate(&basis_only, &scenario).unwrap();
        for ((s, b), c) in result.schemes.iter().zip(&bands.schemes).zip(&basis.schemes) {
            let rule = s.side.map(|side| a.scheme(&s.id).unwrap().rule(side));
            let threshold = rule.and_then(|r| r.threshold.as_ref());
            match s.threshold_met {
                Some(false) => {
                    let t = threshold.expect("a threshold was applied");
                    let reaching = s.variance.abs() - s.netted - s.pool_contingency_used;
                    prop_assert!(reaching < s.budget * t.at / Decimal::ONE_HUNDRED);
                    prop_assert_eq!(figures(s), figures(c));
                }
                Some(true) => {
                    let t = threshold.expect("a threshold was applied");
                    let reaching = s.variance.abs() - s.netted - s.pool_contingency_used;
                    prop_assert!(reaching >= s.budget * t.at / Decimal::ONE_HUNDRED);
                    prop_assert_eq!(figures(s), figures(b));
                }
                None => prop_assert_eq!(figures(s), figures(b)),
            }
        }
    }

    #[test]
    fn with_a_pool_the_order_of_schemes_does_not_matter((a, scenario) in pooled()) {
        let mut reversed = a.clone();
        reversed.schemes.reverse();
        let (x, y) = (allocate(&a, &scenario).unwrap(), allocate(&reversed, &scenario).unwrap());
        for s in &x.schemes {
            prop_assert_eq!(Some(s), y.scheme(&s.id));
        }
        prop_assert_eq!(in_any_order(x.parties), in_any_order(y.parties));
    }
}
