//! `riskshare check FILE`: load, validate, run the governance checks, and report what stands in
//! the way of using the agreement and what the guidance would ask of it.

use super::amount::grouped;
use super::{CheckArgs, CheckFormat, EXIT_ERROR, EXIT_USAGE, Failure, emit};
use crate::engine::checks::{self, Finding as Check, Severity};
use crate::engine::{WhatIf, calculate, forecast};
use crate::model::Agreement;
use crate::model::text::clean;
use jiff::civil::Date;
use serde::Serialize;
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let origin = clean(&args.file.display().to_string());
    let today = today(args.today.as_deref())?;
    let report = crate::store::check_file(&args.file).map_err(|e| Failure::error(e.to_string()))?;
    let Some(agreement) = report.agreement.filter(|_| report.errors.is_empty()) else {
        return Err(Failure {
            lines: crate::store::error_lines(&report.errors, report.more_errors),
            code: EXIT_ERROR,
        });
    };
    let problems = findings(&agreement);
    if !problems.is_empty() {
        return Err(Failure {
            lines: problems.iter().map(|p| format!("{origin}: {p}")).collect(),
            code: EXIT_ERROR,
        });
    }
    let found = checks::run(&agreement, today);
    let text = match args.format {
        CheckFormat::Table => table(&agreement, &report.warnings, report.more_warnings, &found),
        CheckFormat::Json => json(&origin, &agreement, today, &report.warnings, &found)?,
    };
    emit(&text)?;
    let errors = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = report.warnings.len()
        + report.more_warnings
        + found
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
    if errors > 0 {
        return Err(Failure::error(format!(
            "{origin}: {}",
            count(errors, "error", "errors")
        )));
    }
    if args.strict && warnings > 0 {
        return Err(Failure::error(format!(
            "{origin}: {}, and --strict fails on warnings",
            count(warnings, "warning", "warnings")
        )));
    }
    Ok(ExitCode::SUCCESS)
}

/// The date reviews are judged against: `--today`, else the local date.
fn today(given: Option<&str>) -> Result<Date, Failure> {
    match given {
        Some(text) => crate::model::review_date(text).ok_or_else(|| Failure {
            lines: vec![format!(
                "--today '{}' is not a date; write it as YYYY-MM-DD, such as 2026-12-01",
                clean(text)
            )],
            code: EXIT_USAGE,
        }),
        None => Ok(jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date()),
    }
}

/// `ok`, the summary, the loader's warnings, then one line per finding:
/// `warning G102 everybody-bears-risk: party 'VCS' bears nothing ...`.
fn table(
    agreement: &Agreement,
    loaded: &[crate::store::Finding],
    more: usize,
    found: &[Check],
) -> String {
    let mut out = format!("ok\n{}\n", summary(agreement));
    for w in loaded {
        out.push_str(&w.to_string());
        out.push('\n');
    }
    if let Some(w) = loaded.first().filter(|_| more > 0) {
        out.push_str(&format!(
            "{}: and {more} more warnings after these\n",
            w.origin
        ));
    }
    for f in found {
        out.push_str(&format!(
            "{} {} {}: {}\n",
            f.severity.label(),
            f.code,
            checks::name_of(f.code),
            clean(&f.message)
        ));
    }
    out
}

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    agreement: &'a str,
    today: String,
    load_warnings: Vec<LoadWarning>,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct LoadWarning {
    line: usize,
    message: String,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'a str,
    check: &'a str,
    severity: &'a str,
    subject: SubjectJson<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct SubjectJson<'a> {
    kind: &'a str,
    id: &'a str,
}

fn json(
    origin: &str,
    agreement: &Agreement,
    today: Date,
    loaded: &[crate::store::Finding],
    found: &[Check],
) -> Result<String, Failure> {
    let report = Report {
        file: origin,
        agreement: &agreement.name,
        today: today.to_string(),
        load_warnings: loaded
            .iter()
            .map(|w| LoadWarning {
                line: w.line,
                message: w.message.clone(),
            })
            .collect(),
        findings: found
            .iter()
            .map(|f| FindingJson {
                code: f.code,
                check: checks::name_of(f.code),
                severity: f.severity.label(),
                subject: SubjectJson {
                    kind: f.subject.kind(),
                    id: f.subject.id(),
                },
                message: &f.message,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::error(format!("cannot write the JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// Everything that stops an agreement that loaded from being used: one sentence each.
pub fn findings(agreement: &Agreement) -> Vec<String> {
    let mut found = Vec::new();
    if agreement.pooled_total().is_none() {
        found.push("the contributions are too large to add up".to_string());
    }
    scenarios_calculate(agreement, &mut found);
    found
}

/// Every named scenario, the forecasts among them, must calculate, so a workshop never meets
/// one that fails on screen.
fn scenarios_calculate(agreement: &Agreement, found: &mut Vec<String>) {
    if let Err(e) = forecast::scenarios(agreement) {
        found.push(format!("the forecast cannot be calculated: {e}"));
    }
    for scenario in forecast::named_scenarios(agreement) {
        if let Err(e) = calculate(agreement, &WhatIf::from_scenario(&scenario)) {
            found.push(format!(
                "scenario '{}' cannot be calculated: {e}",
                scenario.name
            ));
        }
    }
}

/// `Anytown ...: 4 parties, 3 schemes, pooled total 18,000,000.00, 4 risks, ...`.
fn summary(agreement: &Agreement) -> String {
    format!(
        "{}: {}, {}, pooled total {}, {}, {}, {}",
        agreement.name,
        count(agreement.parties.len(), "party", "parties"),
        count(agreement.schemes.len(), "scheme", "schemes"),
        agreement
            .pooled_total()
            .map_or_else(|| "too large".to_string(), grouped),
        count(agreement.risks.len(), "risk", "risks"),
        count(agreement.benefits.len(), "benefit", "benefits"),
        count(agreement.scenarios.len(), "scenario", "scenarios"),
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
