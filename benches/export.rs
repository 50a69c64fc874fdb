//! The export of a generated 2,000-risk agreement (40 parties, 30 schemes, 6 scenarios) to the
//! HTML board report and to the xlsx workbook: building the report (every scenario and the
//! 21-point sweep through the engine) and rendering it. The target is under 2 s each.

use criterion::{Criterion, criterion_group, criterion_main};
use riskshare::export::{render_html, render_xlsx, report};
use riskshare::model::Agreement;
use std::fmt::Write;
use std::hint::black_box;

const PARTIES: usize = 40;
const SCHEMES: usize = 30;
const RISKS: usize = 2_000;
const KINDS: [&str; 4] = [
    "Commissioner",
    "LocalAuthority",
    "AcuteProvider",
    "Voluntary",
];

/// A small deterministic generator, so every run measures the same agreement.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn generated() -> Agreement {
    let mut d = Dice(13);
    let mut ron = String::from(
        "(format: 1, name: \"Generated export\", review_thresholds: [(at: 2.0, action: \"Recovery plan\")], parties: [",
    );
    for p in 0..PARTIES {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Party <{p}> & co\", kind: {}, activity: {}, reserves: {}, performance: {}),",
            KINDS[p % KINDS.len()],
            d.roll(20_000_000),
            d.roll(5_000_000),
            d.roll(101)
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..SCHEMES {
        let ids: Vec<usize> = (0..6 + d.roll(10) as usize)
            .map(|m| (s + m * 3) % PARTIES)
            .collect();
        let contributions: Vec<String> = ids
            .iter()
            .map(|p| format!("\"P{p}\": {}", 100_000 + d.roll(9_900_000)))
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: (contingency: {}, \
             bands: [(up_to: 0.5, basis: Fixed({{\"P{}\": 60, \"P{}\": 40}})), (up_to: 2, basis: Equal), \
             (basis: Blend([(Contribution, 50), (AbilityToPay, 50)]))], caps: {{\"P{}\": Percent(4)}}), \
             underspend: (reinvest: {}, bands: [(basis: Performance)])),",
            contributions.join(", "),
            d.roll(300_000),
            ids[0],
            ids[1],
            ids[2],
            d.roll(60)
        );
    }
    ron.push_str("], risks: [");
    for r in 0..RISKS {
        let owner = d.roll(PARTIES as u64);
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}: <demand> & \\\"pressure\\\"\", owner: \"P{owner}\", scheme: \"S{}\", \
             boundary: ProviderProvider, likelihood: {}, impact: {}, cost: {}, treatment: {}, \
             mitigation: \"Weekly calls\", review: \"2027-03-31\"),",
            d.roll(SCHEMES as u64),
            1 + d.roll(5),
            1 + d.roll(5),
            1_000 + d.roll(250_000),
            ["Pooled", "Retained"][r % 2]
        );
    }
    ron.push_str("], scenarios: [");
    for (i, pct) in [-4, -2, 0, 2, 4, 8].iter().enumerate() {
        let risks: Vec<String> = (0..RISKS)
            .filter(|r| r % (i + 2) == 0)
            .map(|r| format!("\"R{r}\""))
            .collect();
        let _ = write!(
            ron,
            "(name: \"Case {i}\", variance: {pct}, risks: [{}]),",
            risks.join(", ")
        );
    }
    ron.push_str("])");
    match riskshare::store::parse(&ron, "generated.ron") {
        Ok(a) => a,
        Err(e) => panic!("the benchmark's agreement loads: {e}"),
    }
}

fn export(c: &mut Criterion) {
    let agreement = generated();
    let mut group = c.benchmark_group("export 2,000 risks");
    group.sample_size(10);
    group.bench_function("html", |b| {
        b.iter(|| {
            let report = report::build(black_box(&agreement), &[]).unwrap();
            black_box(render_html(&report, "generated.ron").len())
        })
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            let report = report::build(black_box(&agreement), &[]).unwrap();
            black_box(render_xlsx(&report, "generated.ron").unwrap().len())
        })
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
