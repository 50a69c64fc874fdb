//! Exposure curves and break-even points: every point is the engine's allocation of the what-if
//! at that base variance, and each `breach_at` is the first point, to 0.01, where a party's total
//! passes its tolerance, found here by calculating every point independently.

use crate::analytics_support;

use analytics_support::random_agreement;
use riskshare::engine::allocate;
use riskshare::engine::sweep::{break_even, grid, sweep};
use riskshare::model::{Agreement, Scenario};
use rust_decimal::Decimal;

fn anytown() -> Agreement {
    riskshare::store::parse(riskshare::model::EXAMPLE_RON, "anytown").unwrap()
}

fn bases(agreement: &Agreement) -> Vec<Scenario> {
    std::iter::once(Scenario::default())
        .chain(agreement.scenarios.iter().cloned())
        .collect()
}

/// The what-if at `variance`, written out here: the scenario with its base variance moved.
fn what_if(base: &Scenario, variance: Decimal) -> Scenario {
    let mut s = base.clone();
    s.variance = variance;
    s
}

fn assert_points_are_allocations(agreement: &Agreement) {
    let variances = grid(Decimal::from(-20), Decimal::from(20), Decimal::new(5, 1));
    assert_eq!(variances.len(), 81);
    for base in bases(agreement) {
        let points = sweep(agreement, &base, &variances).unwrap();
        for (point, v) in points.iter().zip(&variances) {
            assert_eq!(point.variance, *v);
            let allocation = allocate(agreement, &what_if(&base, *v)).unwrap();
            for (e, p) in point.parties.iter().zip(&allocation.parties) {
                assert_eq!(e.id, p.id);
                assert_eq!(e.total, p.total, "{} at {v} in '{}'", p.id, base.name);
                let party = agreement.party(&p.id).unwrap();
                assert_eq!(e.tolerance, agreement.loss_tolerance(party));
                assert_eq!(e.breach, p.total > e.tolerance);
            }
        }
    }
}

#[test]
fn every_point_of_the_anytown_curves_is_the_allocation_there() {
    assert_points_are_allocations(&anytown());
}

#[test]
fn every_point_of_random_curves_is_the_allocation_there() {
    for seed in [1, 2, 5, 8] {
        assert_points_are_allocations(&random_agreement(seed));
    }
}

/// The first breach of each party, by calculating all 20,001 points from -100 to +100.
fn first_breaches_by_scan(agreement: &Agreement, base: &Scenario) -> Vec<Option<Decimal>> {
    let mut first = vec![None; agreement.parties.len()];
    for hundredths in -10_000i64..=10_000 {
        let v = Decimal::new(hundredths, 2);
        let allocation = allocate(agreement, &what_if(base, v)).unwrap();
        for (i, party) in agreement.parties.iter().enumerate() {
            if first[i].is_none() && allocation.parties[i].total > agreement.loss_tolerance(party) {
                first[i] = Some(v);
            }
        }
    }
    first
}

#[test]
fn each_break_even_point_is_the_first_breach_to_a_hundredth() {
    let agreement = anytown();
    for base in bases(&agreement) {
        assert_eq!(
            break_even(&agreement, &base).unwrap(),
            first_breaches_by_scan(&agreement, &base),
            "scenario '{}'",
            base.name
        );
    }
    for seed in [4, 9] {
        let agreement = random_agreement(seed);
        let base = Scenario::default();
        assert_eq!(
            break_even(&agreement, &base).unwrap(),
            first_breaches_by_scan(&agreement, &base),
            "random agreement {seed}"
        );
    }
}

#[test]
fn anytown_icb_breaks_its_tolerance_between_two_hundredths() {
    // ICB's tolerance is 2.5% (Cautious) of its 10.6m contributions: 265,000.00.
    let agreement = anytown();
    let breaks = break_even(&agreement, &Scenario::default()).unwrap();
    let at = breaks[0].expect("ICB breaks its tolerance somewhere");
    let before = allocate(
        &agreement,
        &what_if(&Scenario::default(), at - Decimal::new(1, 2)),
    )
    .unwrap();
    let after = allocate(&agreement, &what_if(&Scenario::default(), at)).unwrap();
    let tolerance = Decimal::from(265_000);
    assert!(before.parties[0].total <= tolerance);
    assert!(after.parties[0].total > tolerance);
}

/// Each party's slope (pounds per step) on the segment ending at point `i`.
fn slope(points: &[riskshare::engine::sweep::Point], party: usize, i: usize) -> Decimal {
    points[i].parties[party].total - points[i - 1].parties[party].total
}

#[test]
fn every_kink_is_where_a_members_curve_bends_and_every_bend_has_a_kink() {
    use riskshare::engine::sweep::curves;
    let pound = Decimal::ONE;
    let variances = grid(Decimal::from(-20), Decimal::from(20), Decimal::new(1, 1));
    for agreement in [anytown(), random_agreement(4), random_agreement(9)] {
        for base in bases(&agreement) {
            let found = curves(&agreement, &base, &variances).unwrap();
            let points = &found.points;
            assert_eq!(points, &sweep(&agreement, &base, &variances).unwrap());
            let index = |v: Decimal| points.iter().position(|p| p.variance == v).unwrap();
            // A kink at point i: the state changed between i-1 and i, so some member's slope
            // differs between the segment before (i-2, i-1) and the one after (i, i+1).
            for kink in &found.kinks {
                let i = index(kink.variance);
                if i < 2 || i + 1 >= points.len() {
                    continue;
                }
                let bends = kink
                    .parties
                    .iter()
                    .any(|&p| (slope(points, p, i + 1) - slope(points, p, i - 1)).abs() > pound);
                assert!(
                    bends,
                    "{} in '{}': no member bends",
                    kink.describe(),
                    base.name
                );
            }
            // A bend of more than rounding, away from zero (where the rule switches sides), has
            // a kink beside it.
            for i in 2..points.len() - 1 {
                let v = points[i].variance;
                if v.abs() <= Decimal::new(3, 1) {
                    continue;
                }
                for p in 0..agreement.parties.len() {
                    if (slope(points, p, i + 1) - slope(points, p, i - 1)).abs()
                        > Decimal::from(100)
                    {
                        let near = found.kinks.iter().any(|k| {
                            (k.variance - v).abs() <= Decimal::new(1, 1) && k.parties.contains(&p)
                        });
                        assert!(
                            near,
                            "{} bends at {v} in '{}' with no kink: {:?}",
                            agreement.parties[p].id,
                            base.name,
                            found
                                .kinks
                                .iter()
                                .map(|k| (k.variance, k.describe()))
                                .collect::<Vec<_>>()
                        );
                    }
                }
            }
        }
    }
}
