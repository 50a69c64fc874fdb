//! The export of a generated 2,000-risk agreement (40 parties, 30 schemes, 6 scenarios) to the
//! HTML board report and to the xlsx workbook: building the report (every scenario and the
//! 21-point sweep through the engine) and rendering it. The target is under 2 s each.

use criterion::{Criterion, criterion_group, criterion_main};
use riskshare::export::{render_html, render_xlsx, report};
use riskshare::model::Agreement;
use std::hint::black_box;

/// 40 parties, 30 schemes, 2,000 risks and 6 scenarios.
fn generated() -> Agreement {
    match riskshare::store::parse(&riskshare::generate::report(40, 30, 2_000), "generated.ron") {
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
