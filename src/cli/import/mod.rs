//! `riskshare import FILE --risks REGISTER.(csv|xlsx)`: a risk register into the agreement.
//!
//! Risks with an ID the agreement has are updated (only the columns the register has, and only
//! where a cell is filled); others are added. Every bad row is reported with its row number as a
//! spreadsheet shows it. Nothing is written unless every row is good, or `--skip-bad` is given.

mod columns;
mod rows;
pub mod sheet;

use super::read::read;
use super::{EXIT_ERROR, Failure, ImportArgs, emit};
use crate::model::text::clean;
use crate::model::{Agreement, LogEntry, Residual, Risk, Status, Treatment};
use columns::Columns;
use rows::Entry;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// How many bad rows are listed before the rest are counted.
const MAX_LINES: usize = 50;

pub fn run(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let mut agreement = read(&args.file)?;
    let register = clean(&args.risks.display().to_string());
    let register_name = clean(
        &args
            .risks
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let sheet = sheet::read(&args.risks, args.sheet.as_deref())
        .map_err(|e| Failure::error(format!("{register}: {e}")))?;

    let mut filled = sheet
        .rows
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((_, header)) = filled.next() else {
        return Err(Failure::error(format!(
            "{register}: the register is empty; it needs a header row and a row for each risk"
        )));
    };
    let columns = Columns::from_header(header);
    let missing = columns.missing();
    if !missing.is_empty() {
        return Err(Failure::error(format!(
            "{register}: the header row has no {} column; riskshare needs ID, Title, Owner, \
             Likelihood and Impact",
            crate::export::sentences::join_and(&missing)
        )));
    }

    let mut bad: Vec<(usize, String)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for (row, cells) in filled {
        match rows::read(&agreement, &columns, *row, cells) {
            Ok(entry) => {
                if let Some(first) = first_row.get(&entry.id) {
                    bad.push((
                        *row,
                        format!("duplicate ID '{}' (first on row {first})", entry.id),
                    ));
                    continue;
                }
                first_row.insert(entry.id.clone(), *row);
                entries.push(entry);
            }
            Err(reasons) => bad.push((*row, reasons.join("; "))),
        }
    }
    if entries.is_empty() && bad.is_empty() {
        return Err(Failure::error(format!(
            "{register}: the register has a header row but no risks under it; nothing was imported"
        )));
    }

    let (mut added, mut updated) = (0usize, 0usize);
    let mut index: HashMap<String, usize> = agreement
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for entry in entries {
        match index.get(&entry.id) {
            Some(&i) => {
                update(&mut agreement.risks[i], &entry);
                updated += 1;
            }
            None => match new_risk(&entry) {
                Ok(risk) => {
                    index.insert(risk.id.clone(), agreement.risks.len());
                    agreement.risks.push(risk);
                    added += 1;
                }
                Err(reason) => bad.push((entry.row, reason)),
            },
        }
    }
    bad.sort_by_key(|(row, _)| *row);
    let listed: Vec<String> = bad
        .iter()
        .take(MAX_LINES)
        .map(|(row, why)| format!("{register}: row {row}: {why}"))
        .collect();
    let more = bad.len().saturating_sub(MAX_LINES);
    if !bad.is_empty() && !args.skip_bad {
        let mut lines = listed;
        if more > 0 {
            lines.push(format!("{register}: and {more} more bad rows"));
        }
        lines.push(format!(
            "nothing was imported: {} bad {}; mend {} or give --skip-bad to import the good rows",
            bad.len(),
            if bad.len() == 1 { "row" } else { "rows" },
            if bad.len() == 1 { "it" } else { "them" }
        ));
        return Err(Failure {
            lines,
            code: EXIT_ERROR,
        });
    }

    let errors: Vec<String> = crate::store::validate(&agreement)
        .into_iter()
        .filter(|p| p.is_error())
        .map(|p| p.message)
        .collect();
    if !errors.is_empty() {
        let mut lines: Vec<String> = errors
            .iter()
            .take(MAX_LINES)
            .map(|e| format!("after the import, {e}"))
            .collect();
        lines.push("nothing was imported: the agreement would not load again".into());
        return Err(Failure {
            lines,
            code: EXIT_ERROR,
        });
    }

    let total = added + updated;
    let change = format!(
        "imported {total} {} from {register_name}",
        if total == 1 { "risk" } else { "risks" }
    );
    record(&mut agreement, &change, &register_name, &bad);
    let out = args.output.as_deref().unwrap_or(&args.file);
    save(out, &agreement)?;
    let mut text = String::new();
    for line in &listed {
        text.push_str(&format!("skipped {line}\n"));
    }
    if more > 0 {
        text.push_str(&format!("skipped {more} more bad rows\n"));
    }
    text.push_str(&format!(
        "{change} ({added} added, {updated} updated) into {}\n",
        clean(&out.display().to_string())
    ));
    if !columns.ignored.is_empty() {
        text.push_str(&format!(
            "columns not used: {}\n",
            columns
                .ignored
                .iter()
                .map(|c| clean(c))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The decision log's entry for the import: who, when, and the rows skipped as the note.
fn record(agreement: &mut Agreement, change: &str, register: &str, skipped: &[(usize, String)]) {
    use crate::store::author::{now, user};
    let places = crate::store::Places::from_env();
    let note = if skipped.is_empty() {
        String::new()
    } else {
        let rows: Vec<String> = skipped.iter().map(|(row, _)| row.to_string()).collect();
        format!("skipped bad rows of {register}: {}", rows.join(", "))
    };
    agreement.log.push(LogEntry {
        at: now(),
        by: user(places.config_dir()),
        change: change.to_string(),
        before: String::new(),
        after: String::new(),
        note,
    });
}

/// The store's save: only what changed is rewritten, so the file's comments and layout stay;
/// atomic, with the old file kept as `NAME.ron.bak`.
fn save(out: &Path, agreement: &Agreement) -> Result<(), Failure> {
    crate::store::save(out, agreement).map_err(|e| Failure::error(e.to_string()))
}

/// Fills what the register gives; leaves what it does not.
fn update(risk: &mut Risk, e: &Entry) {
    if let Some(v) = &e.title {
        risk.title.clone_from(v);
    }
    if let Some(v) = &e.owner {
        risk.owner.clone_from(v);
    }
    if let Some(v) = e.likelihood {
        risk.likelihood = v;
    }
    if let Some(v) = e.impact {
        risk.impact = v;
    }
    if let Some(residual) = residual(e, risk.residual) {
        risk.residual = Some(residual);
    }
    if let Some(v) = e.cost {
        risk.cost = v;
    }
    if let Some(v) = &e.mitigation {
        risk.mitigation.clone_from(v);
    }
    if let Some(v) = &e.review {
        risk.review.clone_from(v);
    }
    if let Some(v) = &e.category {
        risk.category.clone_from(v);
    }
    if let Some(v) = e.boundary {
        risk.boundary = v;
    }
    if let Some(v) = &e.scheme {
        risk.scheme = Some(v.clone());
    }
    if let Some(v) = e.treatment {
        risk.treatment = v;
    }
    if let Some(v) = e.status {
        risk.status = v;
    }
}

/// A residual score from the row, one half filled from what the risk had (or its inherent).
fn residual(e: &Entry, had: Option<Residual>) -> Option<Residual> {
    if e.residual_likelihood.is_none() && e.residual_impact.is_none() {
        return None;
    }
    let (l, i) = had.map_or((e.likelihood, e.impact), |r| {
        (Some(r.likelihood), Some(r.impact))
    });
    Some(Residual {
        likelihood: e.residual_likelihood.or(l)?,
        impact: e.residual_impact.or(i)?,
    })
}

/// A risk the agreement does not have yet. It needs a boundary: the register says where the
/// risk sits, and riskshare does not guess.
fn new_risk(e: &Entry) -> Result<Risk, String> {
    let boundary = e.boundary.ok_or_else(|| {
        format!(
            "risk '{}' is new and has no boundary; add a Boundary column (for example \
             HealthSocialCare or CommissionerProvider)",
            e.id
        )
    })?;
    let (Some(title), Some(owner), Some(likelihood), Some(impact)) =
        (&e.title, &e.owner, e.likelihood, e.impact)
    else {
        return Err(format!("risk '{}' is new and lacks a required field", e.id));
    };
    Ok(Risk {
        id: e.id.clone(),
        title: title.clone(),
        owner: owner.clone(),
        scheme: e.scheme.clone(),
        boundary,
        category: e.category.clone().unwrap_or_default(),
        likelihood,
        impact,
        residual: residual(e, None),
        cost: e.cost.unwrap_or_default(),
        cost_range: None,
        probability: None,
        treatment: e.treatment.unwrap_or(Treatment::Retained),
        influence: Default::default(),
        mitigation: e.mitigation.clone().unwrap_or_default(),
        review: e.review.clone().unwrap_or_default(),
        status: e.status.unwrap_or(Status::Open),
    })
}
