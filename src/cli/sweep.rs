//! `riskshare sweep FILE`: each party's total as the base variance runs over a range, with its
//! tolerance and the first variance at which it breaks it.

use super::amount::{grouped, plain};
use super::read::read;
use super::scenario::{self, percent};
use super::{Failure, HeldArgs, OutputFormat, SweepArgs, emit};
use crate::engine::sweep::{self, Point};
use crate::engine::{Setting, WhatIf};
use crate::model::text::clean;
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use serde::ser::SerializeMap;
use std::path::Path;
use std::process::ExitCode;

/// The most points one sweep calculates.
const MAX_POINTS: usize = 100_001;

/// The base what-if of `sweep` and `simulate`: the named scenario (or none), its held schemes
/// kept, the base variance set by `variance` when given, and the schemes held by `--scheme` and
/// `--amount`, read as `calc` reads them.
pub(super) fn base(
    agreement: &Agreement,
    name: Option<&String>,
    variance: Option<&String>,
    held: &HeldArgs,
) -> Result<Scenario, Failure> {
    let chosen = scenario::what_if(agreement, name, variance, held)?;
    Ok(chosen.what_if.to_scenario(chosen.name.unwrap_or_default()))
}

pub(super) fn cannot(file: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::error(format!(
        "{}: cannot calculate: {e}",
        clean(&file.display().to_string())
    ))
}

pub fn run(args: &SweepArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let base = base(&agreement, args.scenario.as_ref(), None, &args.held)?;
    let from = percent(&args.from, "--from")?;
    let to = percent(&args.to, "--to")?;
    let step = percent(&args.step, "--step")?;
    if step <= Decimal::ZERO {
        return Err(Failure::usage(format!(
            "--step '{}' must be more than 0",
            args.step
        )));
    }
    if from > to {
        return Err(Failure::usage(format!(
            "--from '{}' is above --to '{}'; give the lower variance first",
            args.from, args.to
        )));
    }
    let count = ((to - from) / step)
        .floor()
        .to_usize()
        .unwrap_or(usize::MAX);
    if count >= MAX_POINTS {
        // The smallest step that keeps within the most points, rounded up to a millionth.
        let least = (to - from) / Decimal::from(MAX_POINTS - 1);
        let least = least.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::AwayFromZero);
        return Err(Failure::usage(format!(
            "--step {} from {} to {} gives more than {} points, the most one sweep takes; use a step of at least {}",
            args.step,
            args.from,
            args.to,
            crate::model::money::grouped(&MAX_POINTS.to_string()),
            least.normalize()
        )));
    }
    let points = sweep::sweep(&agreement, &base, &sweep::grid(from, to, step))
        .map_err(|e| cannot(&args.file, e))?;
    let breaks = sweep::break_even(&agreement, &base).map_err(|e| cannot(&args.file, e))?;
    let named = args.scenario.as_ref().map(|_| base.name.as_str());
    let text = match args.format {
        OutputFormat::Table => table(&agreement, named, &base, &points, &breaks),
        OutputFormat::Json => json(&agreement, named, &base, &points, &breaks),
        OutputFormat::Csv => csv(&agreement, &points)
            .map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))?,
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `+2.74%`, `-0.5%`, `0%`.
pub fn signed_percent(value: Decimal) -> String {
    let text = value.normalize().to_string();
    if value > Decimal::ZERO {
        format!("+{text}%")
    } else {
        format!("{text}%")
    }
}

/// Rows of cells, the first column left-aligned and the rest right-aligned, two spaces apart.
pub(super) fn aligned(rows: &[Vec<String>], indent: &str) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            let cells = rows.iter().filter_map(|r| r.get(c));
            cells.map(|s| s.chars().count()).max().unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if c == 0 {
                line.push_str(&format!("{cell}{pad}"));
            } else {
                line.push_str(&format!("  {pad}{cell}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The sentence for one party's break-even point.
pub fn breaks_sentence(id: &str, tolerance: Decimal, at: Option<Decimal>) -> String {
    match at {
        Some(at) => format!(
            "{id} breaks its tolerance of {} at {}",
            grouped(tolerance),
            signed_percent(at)
        ),
        None => format!(
            "{id} stays within its tolerance of {} from -100% to +100%",
            grouped(tolerance)
        ),
    }
}

fn table(
    agreement: &Agreement,
    named: Option<&str>,
    base: &Scenario,
    points: &[Point],
    breaks: &[Option<Decimal>],
) -> String {
    let mut out = format!("{}\n", clean(&agreement.name));
    if let Some(name) = named {
        out.push_str(&format!(
            "Scenario: {}; schemes with their own variance stay held.\n",
            clean(name)
        ));
    }
    let held = held_words(base);
    if !held.is_empty() {
        out.push_str(&format!("Held whatever the base: {}.\n", held.join(", ")));
    }
    out.push_str(
        "Each party's total as the base variance moves, in pounds; ! past its tolerance.\n\n",
    );
    let mut rows = vec![
        std::iter::once("variance".to_string())
            .chain(agreement.parties.iter().map(|p| clean(&p.id)))
            .collect::<Vec<_>>(),
    ];
    for p in points {
        let mut row = vec![signed_percent(p.variance)];
        for e in &p.parties {
            let mark = if e.breach { " !" } else { "  " };
            row.push(format!("{}{mark}", grouped(e.total)));
        }
        rows.push(row);
    }
    out.push_str(&aligned(&rows, "  "));
    out.push_str("\nBreak-even (to 0.01 of a point)\n");
    let tolerances = points.first().map(|p| p.parties.as_slice()).unwrap_or(&[]);
    for (party, at) in agreement.parties.iter().zip(breaks) {
        let tolerance = tolerances
            .iter()
            .find(|e| e.id == party.id)
            .map(|e| e.tolerance)
            .unwrap_or_else(|| agreement.loss_tolerance(party));
        out.push_str(&format!(
            "  {}\n",
            breaks_sentence(&clean(&party.id), tolerance, *at)
        ));
    }
    out
}

/// `DTOC 4%`, `OOH 123,456.78`: each scheme the what-if holds, in the order given.
fn held_words(base: &Scenario) -> Vec<String> {
    WhatIf::from_scenario(base)
        .held
        .iter()
        .map(|(id, setting)| match setting {
            Setting::Percent(p) => format!("{} {}", clean(id), signed_percent(*p)),
            Setting::Amount(a) => format!("{} {}", clean(id), grouped(*a)),
        })
        .collect()
}

/// A percent as a JSON number (two decimals at most: it reads back exactly as written).
pub(super) fn number(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Key -> value in the order given (serde_json's own map would sort the keys).
pub(super) struct Ordered(pub Vec<(String, String)>);

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Report<'a> {
    agreement: &'a str,
    scenario: Option<&'a str>,
    /// The schemes held at their own percent or amount in pounds, as `simulate` gives them.
    held: Vec<HeldJson>,
    parties: Vec<PartyJson<'a>>,
    points: Vec<PointJson>,
}

#[derive(Serialize)]
pub(super) struct HeldJson {
    id: String,
    percent: Option<String>,
    amount: Option<String>,
}

/// The schemes a what-if holds, for JSON: each with its percent or its amount.
pub(super) fn held_json(what_if: &WhatIf) -> Vec<HeldJson> {
    what_if
        .held
        .iter()
        .map(|(id, setting)| HeldJson {
            id: id.to_string(),
            percent: match setting {
                Setting::Percent(p) => Some(plain(*p)),
                Setting::Amount(_) => None,
            },
            amount: match setting {
                Setting::Amount(a) => Some(plain(*a)),
                Setting::Percent(_) => None,
            },
        })
        .collect()
}

#[derive(Serialize)]
struct PartyJson<'a> {
    id: &'a str,
    tolerance: String,
    breach_at: Option<f64>,
}

#[derive(Serialize)]
struct PointJson {
    variance: f64,
    totals: Ordered,
}

fn json(
    agreement: &Agreement,
    named: Option<&str>,
    base: &Scenario,
    points: &[Point],
    breaks: &[Option<Decimal>],
) -> String {
    let report = Report {
        agreement: &agreement.name,
        scenario: named,
        held: held_json(&WhatIf::from_scenario(base)),
        parties: agreement
            .parties
            .iter()
            .zip(breaks)
            .map(|(party, at)| PartyJson {
                id: &party.id,
                tolerance: plain(agreement.loss_tolerance(party)),
                breach_at: at.map(number),
            })
            .collect(),
        points: points
            .iter()
            .map(|p| PointJson {
                variance: number(p.variance),
                totals: Ordered(
                    p.parties
                        .iter()
                        .map(|e| (e.id.clone(), plain(e.total)))
                        .collect(),
                ),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn csv(agreement: &Agreement, points: &[Point]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["variance".to_string()];
    header.extend(
        agreement
            .parties
            .iter()
            .map(|p| super::csv_rows::inert(&p.id)),
    );
    out.write_record(&header)?;
    for p in points {
        let mut row = vec![p.variance.normalize().to_string()];
        row.extend(p.parties.iter().map(|e| plain(e.total)));
        out.write_record(&row)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
