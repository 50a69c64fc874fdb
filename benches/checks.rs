//! The governance checks (`riskshare check`'s G101-G706) on generated agreements: 200 parties,
//! 100 schemes, and 2,000 or 20,000 risks (the files `benches/gen_agreement.py 200 100 N`
//! writes), with three parties restricted so that G202 asks about every shared risk. Also
//! loads the 20,000-risk file, for scale. Target: the checks on 20,000 risks well under 2 s.

use criterion::{Criterion, criterion_group, criterion_main};
use riskshare::model::{Agreement, Constraint};
use std::fmt::Write;

const PARTIES: usize = 200;
const SCHEMES: usize = 100;

/// The generated agreement, as benches/gen_agreement.py writes it.
fn generated(risks: usize) -> String {
    let kinds = [
        "Commissioner",
        "LocalAuthority",
        "AcuteProvider",
        "CommunityProvider",
        "Voluntary",
    ];
    let mut ron = String::from("(format: 1, name: \"Generated\", parties: [");
    for p in 0..PARTIES {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Partner organisation {p}\", kind: {}, reserves: {}, \
             activity: {}),",
            kinds[p % kinds.len()],
            1_000_000 + p * 7919,
            1000 + p
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..SCHEMES {
        let mut members: Vec<usize> = (0..8).map(|m| (s * 3 + m * 7) % PARTIES).collect();
        members.sort_unstable();
        members.dedup();
        let contributions: Vec<String> = members
            .iter()
            .map(|m| format!("\"P{m}\": {}", 250_000 + ((s + m) * 104_729) % 4_000_000))
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: \
             (contingency: 50000, bands: [(basis: Contribution)]), underspend: (reinvest: 25, \
             bands: [(basis: Contribution)])),",
            contributions.join(", ")
        );
    }
    ron.push_str("], risks: [");
    let treatments = ["Pooled", "Retained", "ByInfluence"];
    for r in 0..risks {
        let s = r % SCHEMES;
        let owner = (s * 3) % PARTIES;
        let t = treatments[r % 3];
        let extra = if t == "ByInfluence" {
            format!(
                ", influence: {{\"P{owner}\": 60, \"P{}\": 40}}",
                (s * 3 + 7) % PARTIES
            )
        } else {
            String::new()
        };
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}: demand for the scheme runs above plan in winter\", \
             owner: \"P{owner}\", scheme: \"S{s}\", boundary: CommissionerProvider, likelihood: {}, \
             impact: {}, cost: \"{}.{:02}\", treatment: {t}{extra}),",
            1 + r % 5,
            1 + (r / 5) % 5,
            10_000 + (r * 7919) % 900_000,
            r % 100
        );
    }
    ron.push_str("])");
    ron
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
