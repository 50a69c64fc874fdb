//! The governance checks (`riskshare check`'s G101-G706) on generated agreements: 200 parties,
//! 100 schemes, and 2,000 or 20,000 risks (the files `benches/gen_agreement.py 200 100 N`
//! writes), with three parties restricted so that G202 asks about every shared risk. Also
//! loads the 20,000-risk file, for scale. Target: the checks on 20,000 risks well under 2 s.

use criterion::{Criterion, criterion_group, criterion_main};
use riskshare::model::{Agreement, Constraint};

/// 200 parties and 100 schemes, as benches/gen_agreement.py writes them.
fn generated(risks: usize) -> String {
    riskshare::generate::plain(200, 100, risks)
}

fn agreement(text: &str) -> Agreement {
    let mut a = riskshare::store::parse(text, "generated.ron")
        .unwrap_or_else(|e| panic!("the generated agreement loads: {e}"));
    a.parties[3]
        .constraints
        .push(Constraint::NonFoundationTrust);
    a.parties[10].constraints.push(Constraint::SpecialMeasures);
    a.parties[1].constraints.push(Constraint::MustBalanceBudget);
    a
}

fn checks(c: &mut Criterion) {
    let today = "2026-11-30"
        .parse()
        .unwrap_or_else(|e| panic!("a date: {e}"));
    for risks in [2_000, 20_000] {
        let text = generated(risks);
        let a = agreement(&text);
        c.bench_function(&format!("checks: {risks} risks"), |b| {
            b.iter(|| riskshare::engine::checks::run(&a, today))
        });
        if risks == 20_000 {
            c.bench_function(&format!("checks: load the {risks}-risk file"), |b| {
                b.iter(|| riskshare::store::parse(&text, "generated.ron"))
            });
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = checks
}
criterion_main!(benches);
