//! Monte Carlo through the real allocation: the mean converges to the share of the expected
//! variance where sharing is linear; the same seed gives the same figures on any number of
//! threads; every trial's figures are `engine::allocate` on the drawn what-if.

use crate::analytics_support;

use analytics_support::{long_agreement, random_agreement, simple_agreement};
use proptest::prelude::*;
use riskshare::engine::allocate;
use riskshare::engine::simulate::{
    CHUNK, Control, Drawer, Drawn, Evaluator, Settings, Simulation, chunk_rng, pence_of, simulate,
    what_if,
};
use riskshare::model::{Agreement, Scenario};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

fn run_on(
    threads: usize,
    agreement: &Agreement,
    base: &Scenario,
    settings: &Settings,
) -> Simulation {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| simulate(agreement, base, settings, &Control::default()))
        .unwrap()
}

/// Two parties sharing one scheme by contribution (1:3), no caps, bands, thresholds or
/// contingency; a 2% base overspend and pooled risks with fixed costs keep it positive.
const LINEAR: &str = r#"(
    format: 1,
    name: "Linear",
    parties: [(id: "A", name: "A", kind: Commissioner), (id: "B", name: "B", kind: LocalAuthority)],
    schemes: [(id: "S", name: "S", contributions: {"A": 1000000, "B": 3000000})],
    risks: [
        (id: "R1", title: "a", owner: "A", scheme: "S", boundary: HealthSocialCare, likelihood: 3, impact: 3, cost: 50000, treatment: Pooled),
        (id: "R2", title: "b", owner: "B", scheme: "S", boundary: HealthSocialCare, likelihood: 2, impact: 3, cost: 120000, probability: 30, treatment: Pooled),
        (id: "R3", title: "c", owner: "B", scheme: "S", boundary: HealthSocialCare, likelihood: 5, impact: 3, cost: 20000, cost_range: (low: 10000, high: 60000), treatment: Pooled),
    ],
)"#;

#[test]
fn the_mean_converges_to_the_share_of_the_expected_variance() {
    let agreement = riskshare::store::parse(LINEAR, "linear").unwrap();
    let base = Scenario {
        variance: Decimal::from(2),
        ..Scenario::default()
    };
    let trials = 40_000;
    let settings = Settings {
        trials,
        seed: 7,
        ..Settings::default()
    };
    let result = run_on(2, &agreement, &base, &settings);
    // Expected variance: 2% of 4m, plus each risk's probability x mean cost.
    // R3 is triangular (10k, 20k, 60k): mean 30k, variance (a²+b²+c²-ab-ac-bc)/18.
    let tri_mean = 30_000.0;
    let tri_var = (10e3f64.powi(2) + 20e3f64.powi(2) + 60e3f64.powi(2)
        - 10e3 * 20e3
        - 10e3 * 60e3
        - 20e3 * 60e3)
        / 18.0;
    let risks = [
        (0.40, 50_000.0, 0.0),
        (0.30, 120_000.0, 0.0),
        (0.90, tri_mean, tri_var),
    ];
    let expected: f64 = 80_000.0 + risks.iter().map(|(p, c, _)| p * c).sum::<f64>();
    // Var of p-Bernoulli times X: p E[X²] - p² E[X]².
    let variance: f64 = risks
        .iter()
        .map(|(p, c, v)| p * (v + c * c) - p * p * c * c)
        .sum();
    for (party, weight) in [("A", 0.25), ("B", 0.75)] {
        let stats = result.parties.iter().find(|p| p.id == party).unwrap();
        let sd_of_mean = weight * variance.sqrt() / (trials as f64).sqrt();
        // Five standard errors, plus a penny of rounding per trial and a penny for the mean.
        let allowed = 5.0 * sd_of_mean + 0.02;
        let mean = stats.mean.to_f64().unwrap();
        assert!(
            (mean - weight * expected).abs() <= allowed,
            "{party}: mean {mean}, expected {} within {allowed}",
            weight * expected
        );
    }
    let scheme = &result.schemes[0];
    let sd = variance.sqrt() / (trials as f64).sqrt();
    assert!((scheme.mean_variance.to_f64().unwrap() - expected).abs() <= 5.0 * sd + 0.01);
}

#[test]
fn the_same_seed_gives_the_same_figures_on_one_thread_or_four() {
    let agreement = random_agreement(11);
    let base = Scenario {
        variance: Decimal::ONE,
        ..Scenario::default()
    };
    let settings = Settings {
        trials: 3 * CHUNK + 17,
        seed: 42,
        spread: Some(1.5),
        correlation: 0.5,
    };
    let one = run_on(1, &agreement, &base, &settings);
    let again = run_on(1, &agreement, &base, &settings);
    let four = run_on(4, &agreement, &base, &settings);
    assert_eq!(one, again);
    assert_eq!(one, four);
    assert_eq!(one.trials, settings.trials);
    let other = run_on(
        1,
        &agreement,
        &base,
        &Settings {
            seed: 43,
            ..settings.clone()
        },
    );
    assert_ne!(one, other, "a different seed draws differently");
}

#[test]
fn a_stopped_run_reports_what_it_did_as_partial() {
    let agreement = random_agreement(3);
    let control = Control::default();
    control
        .stop
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let settings = Settings {
        trials: 5 * CHUNK,
        ..Settings::default()
    };
    let result = simulate(&agreement, &Scenario::default(), &settings, &control).unwrap();
    assert!(result.partial());
    assert_eq!(result.trials, 0);
    assert_eq!(result.requested, 5 * CHUNK);
}

/// The figures of every trial of a run, worked out here with `engine::allocate` alone on the
/// drawn what-if: the same draws in the same order from the same streams. Each trial's party
/// totals, and each trial's scheme variances.
fn engine_trials(
    agreement: &Agreement,
    base: &Scenario,
    settings: &Settings,
) -> (Vec<Vec<i128>>, Vec<Vec<i128>>) {
    let drawer = Drawer::new(agreement, base, settings.spread, settings.correlation);
    let (mut totals, mut variances) = (Vec::new(), Vec::new());
    for chunk in 0..settings.trials.div_ceil(CHUNK) {
        let mut rng = chunk_rng(settings.seed, chunk as u64);
        for _ in 0..CHUNK.min(settings.trials - chunk * CHUNK) {
            let mut drawn = Drawn::default();
            drawer.draw(&mut rng, &mut drawn);
            let mut drawn_agreement = agreement.clone();
            let scenario = what_if(&mut drawn_agreement, base, &drawn);
            let allocation = allocate(&drawn_agreement, &scenario).unwrap();
            totals.push(
                allocation
                    .parties
                    .iter()
                    .map(|p| pence_of(p.total))
                    .collect(),
            );
            variances.push(
                allocation
                    .schemes
                    .iter()
                    .map(|s| pence_of(s.variance))
                    .collect(),
            );
        }
    }
    (totals, variances)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The integer-pence path gives, trial by trial, exactly what `engine::allocate` gives on
    /// the full drawn what-if, on agreements of its shape, with and without a spread.
    #[test]
    fn the_integer_path_equals_the_engine_trial_by_trial(seed in any::<u64>(), run_seed in any::<u64>(), variance in -80i64..=80, spread in prop::option::of(0u32..60)) {
        let agreement = simple_agreement(seed);
        let base = Scenario { variance: Decimal::new(variance, 1), ..Scenario::default() };
        let drawer = Drawer::new(&agreement, &base, spread.map(|s| f64::from(s) / 10.0), 0.5);
        let mut fast = Evaluator::new(&agreement, &base, &drawer);
        prop_assert!(fast.is_fast(), "the shape is served by the integer path");
        let mut rng = chunk_rng(run_seed, 0);
        let mut drawn = Drawn::default();
        for n in 0..400 {
            drawer.draw(&mut rng, &mut drawn);
            let mut drawn_agreement = agreement.clone();
            let scenario = what_if(&mut drawn_agreement, &base, &drawn);
            let allocation = allocate(&drawn_agreement, &scenario).unwrap();
            let trial = fast.trial(&drawn).unwrap();
            let totals: Vec<i128> = allocation.parties.iter().map(|p| pence_of(p.total)).collect();
            let variances: Vec<i128> = allocation.schemes.iter().map(|s| pence_of(s.variance)).collect();
            let unallocated: Vec<i128> = allocation.schemes.iter().map(|s| pence_of(s.unallocated)).collect();
            prop_assert_eq!(&trial.totals, &totals, "trial {}: {:?}", n, scenario);
            prop_assert_eq!(&trial.variances, &variances, "trial {}", n);
            prop_assert_eq!(&trial.unallocated, &unallocated, "trial {}", n);
        }
    }

    /// Each trial the simulation keeps is what `engine::allocate` gives for its drawn what-if,
    /// and the run's figures are the statistics of exactly those trials.
    #[test]
    fn every_trial_is_the_engines_allocation(seed in any::<u64>(), run_seed in any::<u64>(), variance in -60i64..=60, spread in prop::option::of(0u32..40)) {
        let agreement = random_agreement(seed);
        let base = Scenario { variance: Decimal::new(variance, 1), ..Scenario::default() };
        let settings = Settings {
            trials: CHUNK + 50,
            seed: run_seed,
            spread: spread.map(|s| f64::from(s) / 10.0),
            correlation: 0.3,
        };
        let drawer = Drawer::new(&agreement, &base, settings.spread, settings.correlation);
        let (expected, _) = engine_trials(&agreement, &base, &settings);
        // The evaluator the run uses, trial by trial.
        let mut evaluator = Evaluator::new(&agreement, &base, &drawer);
        let mut n = 0;
        for chunk in 0..2u64 {
            let mut rng = chunk_rng(run_seed, chunk);
            let count = if chunk == 0 { CHUNK } else { 50 };
            let mut drawn = Drawn::default();
            for _ in 0..count {
                drawer.draw(&mut rng, &mut drawn);
                let trial = evaluator.trial(&drawn).unwrap();
                prop_assert_eq!(&trial.totals, &expected[n], "trial {}", n);
                n += 1;
            }
        }
        // And the run's statistics are those of the engine's trials.
        let result = run_on(2, &agreement, &base, &settings);
        same_statistics(&result, &expected)?;
    }

    /// On agreements of the integer path's shape the run draws and works out each trial in
    /// one pass (the first bytes of its draws compared in a block, the costs summed per scheme
    /// and party straight away): its statistics are still those of `engine::allocate` on each
    /// drawn what-if, as `Drawer::draw` lists it.
    #[test]
    fn the_one_pass_trials_are_the_engines_allocation(seed in any::<u64>(), run_seed in any::<u64>(), variance in -60i64..=60, spread in prop::option::of(0u32..40)) {
        let agreement = simple_agreement(seed);
        let base = Scenario { variance: Decimal::new(variance, 1), ..Scenario::default() };
        let settings = Settings {
            trials: CHUNK + 300,
            seed: run_seed,
            spread: spread.map(|s| f64::from(s) / 10.0),
            correlation: 0.7,
        };
        let (expected, variances) = engine_trials(&agreement, &base, &settings);
        let result = run_on(2, &agreement, &base, &settings);
        same_statistics(&result, &expected)?;
        same_scheme_means(&result, &variances)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The one-pass trials on long registers, whose first bytes are compared a block at a
    /// time and whose block sums are taken in 32 bits: more than one block per scheme, blocks
    /// cut where their amounts would span 2^32 pence, certainties counted outside the blocks,
    /// benefits taking money off. Still the engine's allocation, trial by trial in aggregate.
    #[test]
    fn long_registers_in_one_pass_are_the_engines_allocation(seed in any::<u64>(), run_seed in any::<u64>(), variance in -60i64..=60) {
        let agreement = long_agreement(seed);
        let base = Scenario { variance: Decimal::new(variance, 1), ..Scenario::default() };
        let settings = Settings { trials: CHUNK + 200, seed: run_seed, spread: None, correlation: 0.5 };
        let (expected, variances) = engine_trials(&agreement, &base, &settings);
        let result = run_on(2, &agreement, &base, &settings);
        same_statistics(&result, &expected)?;
        same_scheme_means(&result, &variances)?;
    }
}

/// Each scheme's mean variance is that of the engine's trials.
fn same_scheme_means(result: &Simulation, variances: &[Vec<i128>]) -> Result<(), TestCaseError> {
    for (s, stats) in result.schemes.iter().enumerate() {
        let sum: i128 = variances.iter().map(|v| v[s]).sum();
        let mean =
            (Decimal::from_i128_with_scale(sum, 2) / Decimal::from(variances.len())).round_dp(2);
        prop_assert_eq!(stats.mean_variance, mean);
    }
    Ok(())
}

/// The run's per-party statistics are those of the engine's trials.
fn same_statistics(result: &Simulation, expected: &[Vec<i128>]) -> Result<(), TestCaseError> {
    for (i, party) in result.parties.iter().enumerate() {
        let mut column: Vec<i128> = expected.iter().map(|t| t[i]).collect();
        column.sort_unstable();
        let sum: i128 = column.iter().sum();
        let mean =
            (Decimal::from_i128_with_scale(sum, 2) / Decimal::from(column.len())).round_dp(2);
        prop_assert_eq!(party.mean, mean);
        prop_assert_eq!(pence_of(party.worst), *column.last().unwrap());
        prop_assert_eq!(pence_of(party.best), column[0]);
        for (p, figure) in [
            (5, party.p5),
            (50, party.p50),
            (80, party.p80),
            (95, party.p95),
        ] {
            let rank = (p * column.len()).div_ceil(100);
            prop_assert_eq!(pence_of(figure), column[rank - 1], "P{}", p);
        }
        let over = column
            .iter()
            .filter(|&&t| t > pence_of(party.tolerance))
            .count();
        prop_assert_eq!(party.breach, over as f64 / column.len() as f64);
    }
    Ok(())
}
