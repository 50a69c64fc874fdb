//! `riskshare check FILE`: load, validate, and report what stands in the way of using it.

use super::amount::grouped;
use super::{CheckArgs, EXIT_ERROR, Failure, emit};
use crate::engine::allocate;
use crate::model::Agreement;
use crate::model::text::clean;
use std::process::ExitCode;

/// How many problems `check` lists before it says how many more there are.
const MAX_LINES: usize = 20;

pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let origin = clean(&args.file.display().to_string());
    let report = crate::store::check_file(&args.file).map_err(|e| Failure::error(e.to_string()))?;
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let Some(agreement) = report.agreement.filter(|_| report.errors.is_empty()) else {
        let mut lines: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
        if lines.len() > MAX_LINES {
            let more = lines.len() - MAX_LINES;
            lines.truncate(MAX_LINES);
            lines.push(format!("{origin}: and {more} more problems"));
        }
        return Err(Failure {
            lines,
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
    let mut out = format!("ok\n{}\n", summary(&agreement));
    for w in warnings {
        out.push_str(&w);
        out.push('\n');
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Everything wrong with an agreement that loaded: one sentence each.
///
/// The governance checks (a later issue) join here, beside the calculation check.
pub fn findings(agreement: &Agreement) -> Vec<String> {
    let mut found = Vec::new();
    if agreement.pooled_total().is_none() {
        found.push("the contributions are too large to add up".to_string());
    }
    scenarios_calculate(agreement, &mut found);
    found
}

/// Every named scenario must calculate, so a workshop never meets one that fails on screen.
fn scenarios_calculate(agreement: &Agreement, found: &mut Vec<String>) {
    for scenario in &agreement.scenarios {
        if let Err(e) = allocate(agreement, scenario) {
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
