//! What must hold for any agreement: the money adds up to the penny, caps hold, signs hold,
//! more overspend never lowers a share, and the order of the schemes does not matter.

// Amounts are written in pence, as pounds_pence.
#![allow(clippy::inconsistent_digit_grouping)]

use proptest::prelude::*;
use riskshare::engine::{Allocation, allocate};
use riskshare::model::*;
use rust_decimal::Decimal;

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
        prop_assert_eq!(x.parties, y.parties);
    }
}
