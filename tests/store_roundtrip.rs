//! Saving and loading again gives back an equal agreement, money to the last digit.
//!
//! Random valid agreements are built from a list of random numbers (so proptest can shrink
//! them), written with `to_ron` and read back with `parse`.

use proptest::prelude::*;
use riskshare::model::{
    Agreement, Appetite, Band, Basis, Benefit, BlendPart, Boundary, Cap, Constraint, CostRange,
    OrderedMap, Party, PartyKind, Pool, Residual, ReviewThreshold, Risk, Rule, Scenario, Scheme,
    Status, Threshold, Treatment,
};
use riskshare::store::{parse, to_ron};
use rust_decimal::Decimal;
use std::cell::Cell;
use std::str::FromStr;

/// Draws choices from proptest's numbers, in order, repeating them when they run out.
struct Draw {
    numbers: Vec<u64>,
    next: Cell<usize>,
}

impl Draw {
    fn u64(&self) -> u64 {
        let next = self.next.get();
        self.next.set(next + 1);
        let n = self.numbers[next % self.numbers.len()];
        // A different value on each pass over the numbers.
        n.wrapping_add((next / self.numbers.len()) as u64 * 7919)
    }
    fn below(&self, n: usize) -> usize {
        (self.u64() % n.max(1) as u64) as usize
    }
    fn chance(&self, percent: u64) -> bool {
        self.u64() % 100 < percent
    }
    fn pick<T: Clone>(&self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// Pounds: small, large, long (up to 18 digits of pence), or pence alone. Never a fraction
    /// of a penny, which a file may not hold.
    fn money(&self) -> Decimal {
        let n = self.u64();
        match self.below(5) {
            0 => Decimal::from(n % 10_000_000),
            1 => Decimal::new((n % 10_000_000_000) as i64, 2),
            2 => Decimal::new((n % 1_000_000_000_000_000_000) as i64, 2),
            3 => Decimal::new((n % 100) as i64, self.below(3) as u32),
            _ => Decimal::new((n % 100) as i64, 0),
        }
    }

    /// A weight or a metric: any number of decimals.
    fn weight(&self) -> Decimal {
        let n = self.u64();
        match self.below(3) {
            0 => Decimal::from(n % 10_000_000),
            1 => Decimal::new((n % 100_000_000_000_000) as i64, self.below(11) as u32),
            _ => Decimal::new((n % 1_000_000_000_000_000_000) as i64, 2),
        }
    }

    /// A percent from 0 to 100, in hundredths.
    fn percent(&self) -> Decimal {
        Decimal::new(self.below(10_001) as i64, 2)
    }

    /// `count` percents, in hundredths, that add up to exactly 100.
    fn split_100(&self, count: usize) -> Vec<Decimal> {
        let mut cuts: Vec<i64> = (1..count).map(|_| self.below(10_001) as i64).collect();
        cuts.push(0);
        cuts.push(10_000);
        cuts.sort_unstable();
        cuts.windows(2)
            .map(|w| Decimal::new(w[1] - w[0], 2))
            .collect()
    }

    /// `count` rising thresholds in (0, 100].
    fn rising(&self, count: usize) -> Vec<Decimal> {
        let mut picks: Vec<i64> = (0..count).map(|_| 1 + self.below(10_000) as i64).collect();
        picks.sort_unstable();
        picks.dedup();
        picks.into_iter().map(|p| Decimal::new(p, 2)).collect()
    }

    fn text(&self) -> String {
        let words = [
            "Anytown",
            "£1,250",
            "café",
            "\"quoted\"",
            "back\\slash",
            "r#raw#",
            "/* not a comment */",
            "// nor this",
            "(",
            "]",
            "{}",
            "naïve",
            "日本",
            "🙂",
            "tab-free",
            "",
            "O'Neil",
        ];
        let n = 1 + self.below(4);
        (0..n)
            .map(|_| self.pick(&words))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn basis(d: &Draw, members: &[String], underspend: bool, depth: usize) -> Basis {
    let mut simple = vec![
        Basis::Equal,
        Basis::Contribution,
        Basis::Activity,
        Basis::Equity,
        Basis::Performance,
        Basis::AbilityToPay,
    ];
    if underspend {
        simple.extend([Basis::InvestmentNeed, Basis::Compensation]);
    }
    match d.below(4) {
        0 if !members.is_empty() => {
            let chosen: Vec<&String> = members.iter().filter(|_| d.chance(60)).collect();
            let chosen = if chosen.is_empty() {
                vec![&members[0]]
            } else {
                chosen
            };
            let shares = d.split_100(chosen.len());
            Basis::Fixed(chosen.into_iter().cloned().zip(shares).collect())
        }
        1 if depth < 2 => {
            let count = 1 + d.below(3);
            let weights = d.split_100(count);
            Basis::Blend(
                weights
                    .into_iter()
                    .map(|weight| BlendPart {
                        basis: basis(d, members, underspend, depth + 1),
                        weight,
                    })
                    .collect(),
            )
        }
        _ => d.pick(&simple),
    }
}

fn rule(d: &Draw, members: &[String], underspend: bool) -> Rule {
    if d.chance(20) {
        return Rule::default();
    }
    let ups = d.rising(d.below(3));
    let mut bands: Vec<Band> = ups
        .into_iter()
        .map(|up| Band {
            up_to: Some(up),
            basis: basis(d, members, underspend, 0),
        })
        .collect();
    let last = if underspend && d.chance(20) {
        Basis::Pool
    } else {
        basis(d, members, underspend, 0)
    };
    bands.push(Band {
        up_to: None,
        basis: last,
    });
    let caps: OrderedMap<Cap> = members
        .iter()
        .filter(|_| d.chance(30))
        .map(|m| {
            let cap = match d.below(3) {
                0 => Cap::Percent(d.percent()),
                1 => Cap::BudgetPercent(d.percent()),
                _ => Cap::Amount(d.money()),
            };
            (m.clone(), cap)
        })
        .collect();
    Rule {
        contingency: if underspend { Decimal::ZERO } else { d.money() },
        reinvest: if underspend {
            d.percent()
        } else {
            Decimal::ZERO
        },
        threshold: d.chance(40).then(|| Threshold {
            at: d.percent(),
            basis: if underspend && d.chance(30) {
                Basis::Pool
            } else {
                basis(d, members, underspend, 0)
            },
        }),
        bands,
        caps,
        redistribute: basis(d, members, underspend, 0),
    }
}

fn agreement(numbers: Vec<u64>) -> Agreement {
    let d = &Draw {
        numbers,
        next: Cell::new(0),
    };
    let party_ids: Vec<String> = (0..1 + d.below(5))
        .map(|i| format!("P{i} {}", d.text()))
        .collect();
    let parties = party_ids
        .iter()
        .map(|id| Party {
            activity: d.weight(),
            equity: d.weight(),
            reserves: d.money(),
            performance: d.percent(),
            investment_need: d.money(),
            budget_reduction: d.money(),
            appetite: d.pick(&Appetite::ALL),
            loss_tolerance: d.chance(50).then(|| d.money()),
            constraints: [
                Constraint::MustBalanceBudget,
                Constraint::NonFoundationTrust,
            ]
            .into_iter()
            .filter(|_| d.chance(30))
            .collect(),
            appetite_by_category: ["Finance", "safety"]
                .into_iter()
                .filter(|_| d.chance(30))
                .map(|c| (c.to_string(), d.pick(&Appetite::ALL)))
                .collect(),
            ..Party::new(id.clone(), d.text(), d.pick(&PartyKind::ALL))
        })
        .collect();
    let scheme_ids: Vec<String> = (0..1 + d.below(3)).map(|i| format!("S{i}")).collect();
    let schemes = scheme_ids
        .iter()
        .map(|id| {
            let mut members: Vec<String> =
                party_ids.iter().filter(|_| d.chance(70)).cloned().collect();
            if members.is_empty() {
                members.push(party_ids[0].clone());
            }
            Scheme {
                id: id.clone(),
                name: d.text(),
                contributions: members.iter().map(|m| (m.clone(), d.money())).collect(),
                overspend: rule(d, &members, false),
                underspend: rule(d, &members, true),
                quarters: (1..=4u8)
                    .filter(|_| d.chance(40))
                    .map(|quarter| riskshare::model::Quarter {
                        quarter,
                        plan: d.money().round_dp(2),
                        actual: d.chance(50).then(|| d.money().round_dp(2)),
                    })
                    .collect(),
            }
        })
        .collect();
    let risks: Vec<Risk> = (0..d.below(4))
        .map(|i| {
            let treatment = d.pick(&Treatment::ALL);
            let low = d.money();
            Risk {
                id: format!("R{i}"),
                title: d.text(),
                owner: d.pick(&party_ids),
                scheme: (treatment == Treatment::Pooled || d.chance(50))
                    .then(|| d.pick(&scheme_ids)),
                boundary: d.pick(&Boundary::ALL),
                category: d.text(),
                likelihood: 1 + d.below(5) as u8,
                impact: 1 + d.below(5) as u8,
                residual: d.chance(50).then(|| Residual {
                    likelihood: 1 + d.below(5) as u8,
                    impact: 1 + d.below(5) as u8,
                }),
                cost: d.money(),
                cost_range: d.chance(40).then(|| CostRange {
                    low,
                    high: low.checked_add(d.money()).unwrap_or(low),
                }),
                probability: d.chance(40).then(|| d.percent()),
                treatment,
                influence: if treatment == Treatment::ByInfluence {
                    let first = (d.pick(&party_ids), Decimal::from(1 + d.below(9)));
                    let mut map: OrderedMap<Decimal> = [first].into_iter().collect();
                    let second = d.pick(&party_ids);
                    if !map.contains_key(&second) {
                        map.insert(second, d.weight());
                    }
                    map
                } else {
                    OrderedMap::default()
                },
                mitigation: d.text(),
                review: d.text(),
                status: if d.chance(80) {
                    Status::Open
                } else {
                    Status::Closed
                },
            }
        })
        .collect();
    let benefits: Vec<Benefit> = (0..d.below(3))
        .map(|i| {
            let shared = d.chance(50);
            Benefit {
                id: format!("B{i}"),
                title: d.text(),
                metric: d.text(),
                baseline: d.weight(),
                target: d.weight(),
                value: d.money(),
                realised_by: d.pick(&party_ids),
                scheme: (shared || d.chance(50)).then(|| d.pick(&scheme_ids)),
                likelihood: 1 + d.below(5) as u8,
                probability: d.chance(50).then(|| d.percent()),
                shared,
            }
        })
        .collect();
    let scenarios = (0..d.below(4))
        .map(|i| Scenario {
            name: format!("Scenario {i}: {}", d.text()),
            variance: Decimal::new(d.below(40_001) as i64 - 20_000, 3),
            schemes: scheme_ids
                .iter()
                .filter(|_| d.chance(30))
                .map(|s| (s.clone(), Decimal::new(d.below(2001) as i64 - 1000, 2)))
                .collect(),
            amounts: scheme_ids
                .iter()
                .filter(|_| d.chance(30))
                .map(|s| (s.clone(), d.money().round_dp(2)))
                .collect(),
            risks: risks
                .iter()
                .filter(|_| d.chance(40))
                .map(|r| r.id.clone())
                .collect(),
            benefits: benefits
                .iter()
                .filter(|_| d.chance(40))
                .map(|b| b.id.clone())
                .collect(),
        })
        .collect();
    let review_thresholds = d
        .rising(d.below(3))
        .into_iter()
        .map(|at| ReviewThreshold {
            at,
            action: d.text(),
        })
        .collect();
    Agreement {
        format: 1,
        name: d.text(),
        period: d.text(),
        review_thresholds,
        arbitration: d.chance(50).then(|| format!("Arbitration {}", d.text())),
        score_bands: d.pick(&[
            riskshare::model::ScoreBands::default(),
            riskshare::model::ScoreBands {
                low: 3,
                moderate: 9,
                high: 14,
            },
        ]),
        pool: d.chance(50).then(|| Pool {
            netting: d.chance(50),
            contingency: d.money(),
        }),
        parties,
        schemes,
        risks,
        benefits,
        scenarios,
        log: (0..d.below(3))
            .map(|_| riskshare::model::LogEntry {
                at: "2026-03-09T16:40:00Z".into(),
                by: d.text(),
                change: d.text(),
                before: d.text(),
                after: d.text(),
                note: d.text(),
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn saving_and_loading_gives_back_an_equal_agreement(
        numbers in proptest::collection::vec(any::<u64>(), 1..300)
    ) {
        let a = agreement(numbers);
        let problems: Vec<String> = riskshare::store::validate(&a)
            .into_iter()
            .filter(|p| p.is_error())
            .map(|p| p.message)
            .collect();
        prop_assert!(problems.is_empty(), "the generator made an invalid agreement: {problems:?}");
        let text = to_ron(&a).unwrap();
        let b = parse(&text, "saved.ron").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&a, &b);
        // Equal as values is not enough for money: the digits must survive too.
        for (sa, sb) in a.schemes.iter().zip(&b.schemes) {
            for ((_, x), (_, y)) in sa.contributions.iter().zip(sb.contributions.iter()) {
                prop_assert_eq!(x.normalize().to_string(), y.normalize().to_string());
            }
        }
        prop_assert_eq!(to_ron(&b).unwrap(), text);
    }
}

#[test]
fn a_long_amount_loads_exactly_when_quoted_and_is_refused_when_not() {
    let agreement = |amount: &str| {
        format!(
            "(format: 1, name: \"x\", parties: [(id: \"A\", name: \"a\", kind: Voluntary)],\n\
             schemes: [(id: \"S\", name: \"s\",\n contributions: {{\"A\": {amount}}})])"
        )
    };
    let quoted = parse(&agreement("\"12345678901234567.89\""), "x.ron").unwrap();
    let amount = quoted.schemes[0].contributions.get("A").copied();
    assert_eq!(
        amount,
        Some(Decimal::from_str("12345678901234567.89").unwrap())
    );
    let text = to_ron(&quoted).unwrap();
    assert!(text.contains("\"12345678901234567.89\""), "{text}");
    assert_eq!(parse(&text, "saved.ron").unwrap(), quoted);

    let e = parse(&agreement("12345678901234567.89"), "x.ron")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.ron:3: "), "{e}");
    assert!(e.contains("12345678901234567.89"), "{e}");
    assert!(e.contains("write it in quotes"), "{e}");

    // A number a float rounds to one with fewer digits is refused as well.
    let e = parse(&agreement("0.30000000000000001"), "x.ron")
        .unwrap_err()
        .to_string();
    assert!(e.contains("write it in quotes"), "{e}");
    // A long number that a float holds exactly needs no quotes.
    let exact = parse(&agreement("1250000.500000000000000"), "x.ron").unwrap();
    assert_eq!(
        exact.schemes[0].contributions.get("A").copied(),
        Some(Decimal::from_str("1250000.5").unwrap())
    );
}
