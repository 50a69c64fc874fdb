//! `export --format csv`: one tidy table of shares (scenario, scheme, party, share), and with
//! `--sweep` a second tidy table (variance_percent, party, total).
//!
//! Besides one row per member of each scheme, each party has three rows for what it bears
//! outside the pool, under the scheme names `(retained)`, `(influence)` and `(benefits)`, so
//! that a party's rows in a scenario add up to its total in `calc`.

use super::amount::plain;
use super::calc_csv::inert;
use super::report::{Report, band};
use crate::engine::compare::Comparison;
use crate::model::Agreement;
use crate::model::text::clean;

/// Names, in the `scheme` column, of what a party bears outside the pool.
pub const OUTSIDE: [&str; 3] = ["(retained)", "(influence)", "(benefits)"];

/// The shares of every chosen scenario.
pub fn shares(report: &Report) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["scenario", "scheme", "party", "share"])?;
    for run in &report.runs {
        let name = inert(&run.scenario.name);
        for scheme in &run.allocation.schemes {
            for (party, share) in scheme.shares.iter() {
                out.write_record([&name, &inert(&scheme.id), &inert(party), &plain(*share)])?;
            }
        }
        for party in &run.allocation.parties {
            let outside = [party.retained, party.influence, party.benefits];
            for (what, amount) in OUTSIDE.iter().zip(outside) {
                out.write_record([&name, *what, &inert(&party.id), &plain(amount)])?;
            }
        }
    }
    finish(out)
}

/// Each party's total at each base variance of the sweep.
pub fn sweep(report: &Report) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["variance_percent", "party", "total"])?;
    for (i, pct) in report.sweep.percents.iter().enumerate() {
        for (party, totals) in &report.sweep.totals {
            let total = totals.get(i).copied().unwrap_or_default();
            out.write_record([&pct.normalize().to_string(), &inert(party), &plain(total)])?;
        }
    }
    finish(out)
}

/// The column headings of a comparison after `party`: each scenario, then `B - A` for each
/// after the first.
pub fn comparison_headings(comparison: &Comparison) -> Vec<String> {
    let names: Vec<String> = comparison.scenarios.iter().map(|s| clean(s)).collect();
    let mut out = names.clone();
    if let Some(first) = names.first() {
        out.extend(names.iter().skip(1).map(|n| format!("{n} - {first}")));
    }
    out
}

/// A comparison as `compare --format csv` prints it: one row per party, its total under each
/// scenario, then the differences from the first.
pub fn comparison(comparison: &Comparison) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["party".to_string()];
    head.extend(comparison_headings(comparison));
    out.write_record(head.iter().map(|h| inert(h)))?;
    for row in &comparison.parties {
        let mut record = vec![inert(&row.id)];
        record.extend(row.totals.iter().chain(&row.differences).map(|v| plain(*v)));
        out.write_record(&record)?;
    }
    finish(out)
}

/// The risk register, one risk a row under headings `riskshare import` reads back.
pub fn register(agreement: &Agreement) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "ID",
        "Title",
        "Owner",
        "Scheme",
        "Boundary",
        "Category",
        "Likelihood",
        "Impact",
        "Residual likelihood",
        "Residual impact",
        "Score",
        "Band",
        "Residual score",
        "Residual band",
        "Cost",
        "Treatment",
        "Status",
        "Mitigation",
        "Review date",
    ])?;
    for r in &agreement.risks {
        let (rl, ri) = r.residual_position();
        out.write_record([
            inert(&r.id),
            inert(&r.title),
            inert(&r.owner),
            inert(r.scheme.as_deref().unwrap_or("")),
            format!("{:?}", r.boundary),
            inert(&r.category),
            r.likelihood.to_string(),
            r.impact.to_string(),
            rl.to_string(),
            ri.to_string(),
            r.score().to_string(),
            band(agreement, r.score()).label().to_string(),
            r.residual_score().to_string(),
            band(agreement, r.residual_score()).label().to_string(),
            plain(r.cost),
            format!("{:?}", r.treatment),
            format!("{:?}", r.status),
            inert(&r.mitigation),
            inert(&r.review),
        ])?;
    }
    finish(out)
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
