//! `riskshare compare FILE --scenario A --scenario B [...]`: each party's total under two to
//! four named scenarios side by side, and the differences from the first.
//!
//! Each scenario is calculated exactly as `calc --scenario NAME` calculates it, so every total
//! here is the total `calc` prints.

use super::amount::{grouped, plain};
use super::read::read;
use super::{CompareArgs, Failure, OutputFormat, emit, scenario};
use crate::engine::{Allocation, WhatIf, calculate};
use crate::model::text::clean;
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;
use serde::Serialize;
use std::process::ExitCode;

/// The fewest and the most scenarios side by side.
const FEWEST: usize = 2;
const MOST: usize = 4;

pub fn run(args: &CompareArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let chosen = choose(&agreement, &args.scenarios)?;
    let mut runs = Vec::with_capacity(chosen.len());
    for s in chosen {
        let allocation = calculate(&agreement, &WhatIf::from_scenario(&s)).map_err(|e| {
            Failure::error(format!(
                "{}: cannot calculate scenario '{}': {e}",
                clean(&args.file.display().to_string()),
                s.name
            ))
        })?;
        runs.push((s, allocation));
    }
    let text = match args.format {
        OutputFormat::Table => table(&agreement, &runs),
        OutputFormat::Json => json(&agreement, &runs)?,
        OutputFormat::Csv => csv(&agreement, &runs)?,
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The scenarios named, in the order given: two to four, each once.
fn choose(agreement: &Agreement, names: &[String]) -> Result<Vec<Scenario>, Failure> {
    if !(FEWEST..=MOST).contains(&names.len()) {
        return Err(Failure::usage(format!(
            "compare needs {FEWEST} to {MOST} scenarios, each given with --scenario; {} given",
            names.len()
        )));
    }
    let mut chosen: Vec<Scenario> = Vec::new();
    for name in names {
        let s = scenario::named(agreement, name)?;
        if chosen.iter().any(|c| c.name == s.name) {
            return Err(Failure::usage(format!(
                "scenario '{}' is given twice; compare each scenario once",
                s.name
            )));
        }
        chosen.push(s);
    }
    Ok(chosen)
}

/// A party's total in one run (0 for a party the run lacks, which never happens).
fn total(run: &Allocation, party: &str) -> Decimal {
    run.party(party).map_or(Decimal::ZERO, |p| p.total)
}

/// One row per party and one for all of them: the totals, then the differences from the first.
fn rows(agreement: &Agreement, runs: &[(Scenario, Allocation)]) -> Vec<(String, Vec<Decimal>)> {
    let mut ids: Vec<&str> = agreement.parties.iter().map(|p| p.id.as_str()).collect();
    ids.push("");
    ids.into_iter()
        .map(|id| {
            let totals: Vec<Decimal> = runs
                .iter()
                .map(|(_, a)| {
                    if id.is_empty() {
                        a.parties.iter().map(|p| p.total).sum()
                    } else {
                        total(a, id)
                    }
                })
                .collect();
            let first = totals[0];
            let mut figures = totals.clone();
            figures.extend(totals.iter().skip(1).map(|t| *t - first));
            let label = if id.is_empty() { "all" } else { id };
            (label.to_string(), figures)
        })
        .collect()
}

/// The column headings after `party`: each scenario, then `B - A` for each after the first.
fn headings(runs: &[(Scenario, Allocation)]) -> Vec<String> {
    let names: Vec<String> = runs.iter().map(|(s, _)| clean(&s.name)).collect();
    let mut out = names.clone();
    out.extend(names.iter().skip(1).map(|n| format!("{n} - {}", names[0])));
    out
}

fn table(agreement: &Agreement, runs: &[(Scenario, Allocation)]) -> String {
    let heads = headings(runs);
    let rows = rows(agreement, runs);
    let cells: Vec<(String, Vec<String>)> = rows
        .iter()
        .map(|(id, figures)| {
            let shown = figures
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    if i >= runs.len() && !v.is_sign_negative() && !v.is_zero() {
                        format!("+{}", grouped(*v))
                    } else {
                        grouped(*v)
                    }
                })
                .collect();
            (clean(id), shown)
        })
        .collect();
    let first = cells
        .iter()
        .map(|(id, _)| id.chars().count())
        .chain(std::iter::once("party".len()))
        .max()
        .unwrap_or(5);
    let widths: Vec<usize> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            cells
                .iter()
                .map(|(_, c)| c[i].chars().count())
                .chain(std::iter::once(h.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!(
        "{}\nEach party's total in pounds under each scenario; positive is a cost, negative a saving.\nThe last column{} give{} the difference from \"{}\".\n\n",
        clean(&agreement.name),
        if runs.len() > 2 { "s" } else { "" },
        if runs.len() > 2 { "" } else { "s" },
        clean(&runs[0].0.name),
    );
    let line = |label: &str, values: &[String]| {
        let mut l = format!("{label:<first$}");
        for (v, w) in values.iter().zip(&widths) {
            l.push_str(&format!("  {v:>w$}"));
        }
        l.push('\n');
        l
    };
    out.push_str(&line("party", &heads));
    for (id, values) in &cells {
        out.push_str(&line(id, values));
    }
    out
}

#[derive(Serialize)]
struct Report<'a> {
    agreement: &'a str,
    scenarios: Vec<&'a str>,
    parties: Vec<PartyJson>,
}

#[derive(Serialize)]
struct PartyJson {
    id: String,
    /// One per scenario, in the order given.
    totals: Vec<String>,
    /// One per scenario after the first: its total minus the first's.
    differences: Vec<String>,
}

fn json(agreement: &Agreement, runs: &[(Scenario, Allocation)]) -> Result<String, Failure> {
    let n = runs.len();
    let parties = rows(agreement, runs)
        .into_iter()
        .take(agreement.parties.len())
        .map(|(id, figures)| PartyJson {
            id,
            totals: figures[..n].iter().map(|v| plain(*v)).collect(),
            differences: figures[n..].iter().map(|v| plain(*v)).collect(),
        })
        .collect();
    let report = Report {
        agreement: &agreement.name,
        scenarios: runs.iter().map(|(s, _)| s.name.as_str()).collect(),
        parties,
    };
    let mut text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::error(format!("cannot write the JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

fn csv(agreement: &Agreement, runs: &[(Scenario, Allocation)]) -> Result<String, Failure> {
    let fail = |e: csv::Error| Failure::error(format!("cannot write the CSV: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["party".to_string()];
    head.extend(headings(runs));
    out.write_record(head.iter().map(|h| inert(h)))
        .map_err(fail)?;
    for (id, figures) in rows(agreement, runs)
        .into_iter()
        .take(agreement.parties.len())
    {
        let mut record = vec![inert(&id)];
        record.extend(figures.iter().map(|v| plain(*v)));
        out.write_record(&record).map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| fail(csv::Error::from(e.into_error())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
