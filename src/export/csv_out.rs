//! `export --format csv`: one tidy table of shares (scenario, scheme, party, share), and with
//! `--sweep` a second tidy table (variance_percent, party, total).
//!
//! Besides one row per member of each scheme, each party has three rows for what it bears
//! outside the pool, under the scheme names `(retained)`, `(influence)` and `(benefits)`, so
//! that a party's rows in a scenario add up to its total in `calc`.

use super::amount::plain;
use super::calc_csv::inert;
use super::report::Report;

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

fn finish(out: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
