//! `riskshare compare FILE --scenario A --scenario B [...]`: each party's total under two to
//! four named scenarios side by side, and the differences from the first.
//!
//! The figures are the engine's ([`crate::engine::compare`]), each scenario calculated exactly
//! as `calc --scenario NAME` calculates it; this module only renders them.

use super::amount::{grouped, plain};
use super::read::read;
use super::{CompareArgs, Failure, OutputFormat, emit, scenario};
use crate::engine::compare::{self, Comparison, FEWEST, MOST};
use crate::export::csv_out::comparison_headings;
use crate::model::text::clean;
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;
use serde::Serialize;
use std::process::ExitCode;

pub fn run(args: &CompareArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let chosen = choose(&agreement, &args.scenarios)?;
    let comparison = compare::scenarios(&agreement, &chosen).map_err(|(name, e)| {
        Failure::error(format!(
            "{}: cannot calculate scenario '{name}': {e}",
            clean(&args.file.display().to_string()),
        ))
    })?;
    let text = match args.format {
        OutputFormat::Table => table(&agreement, &comparison),
        OutputFormat::Json => json(&agreement, &comparison)?,
        OutputFormat::Csv => csv(&comparison)?,
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

/// The engine's rows, each party's then every party's (`all`): the totals, then the
/// differences from the first.
fn rows(comparison: &Comparison) -> Vec<(String, Vec<Decimal>)> {
    comparison
        .parties
        .iter()
        .chain(std::iter::once(&comparison.all))
        .map(|row| {
            let label = if row.id.is_empty() { "all" } else { &row.id };
            let mut figures = row.totals.clone();
            figures.extend(&row.differences);
            (label.to_string(), figures)
        })
        .collect()
}

fn table(agreement: &Agreement, comparison: &Comparison) -> String {
    let runs = &comparison.scenarios;
    let heads = comparison_headings(comparison);
    let rows = rows(comparison);
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
        clean(&runs[0]),
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

fn json(agreement: &Agreement, comparison: &Comparison) -> Result<String, Failure> {
    let parties = comparison
        .parties
        .iter()
        .map(|row| PartyJson {
            id: row.id.clone(),
            totals: row.totals.iter().map(|v| plain(*v)).collect(),
            differences: row.differences.iter().map(|v| plain(*v)).collect(),
        })
        .collect();
    let report = Report {
        agreement: &agreement.name,
        scenarios: comparison.scenarios.iter().map(String::as_str).collect(),
        parties,
    };
    let mut text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::error(format!("cannot write the JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

fn csv(comparison: &Comparison) -> Result<String, Failure> {
    crate::export::csv_out::comparison(comparison)
        .map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))
}
