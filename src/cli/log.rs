//! `riskshare log FILE [--about ID] [--format table|json|csv]`: the decision log.

use super::{LogArgs, OutputFormat, emit, read::read};
use crate::model::LogEntry;
use crate::model::text::clean;
use std::process::ExitCode;

pub fn run(args: &LogArgs) -> Result<ExitCode, super::Failure> {
    let agreement = read(&args.file)?;
    let entries: Vec<&LogEntry> = agreement
        .log
        .iter()
        .filter(|e| args.about.as_deref().is_none_or(|id| e.mentions(id)))
        .collect();
    let text = match args.format {
        OutputFormat::Table => match (&args.about, entries.is_empty(), agreement.log.len()) {
            (Some(id), true, all) if all > 0 => format!(
                "None of the {} in {} is about {}.\n",
                decisions(all),
                clean(&args.file.display().to_string()),
                clean(id)
            ),
            _ => table(&entries, &args.file.display().to_string()),
        },
        OutputFormat::Json => json(&entries),
        OutputFormat::Csv => csv(&entries)?,
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `1 decision`, `2 decisions`.
fn decisions(n: usize) -> String {
    if n == 1 {
        "1 decision".to_string()
    } else {
        format!("{n} decisions")
    }
}

/// Newest first, one entry a line, its note on the line below.
fn table(entries: &[&LogEntry], file: &str) -> String {
    if entries.is_empty() {
        return format!("No decisions are recorded in {}.\n", clean(file));
    }
    let by_width = entries
        .iter()
        .map(|e| e.by.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for e in entries.iter().rev() {
        out.push_str(&format!("{}  {:by_width$}  {}\n", e.at, e.by, e.change));
        if !e.note.is_empty() {
            let pad = " ".repeat(e.at.chars().count() + by_width + 4);
            out.push_str(&format!("{pad}note: {}\n", e.note));
        }
    }
    out
}

fn json(entries: &[&LogEntry]) -> String {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "at": e.at, "by": e.by, "change": e.change,
                "before": e.before, "after": e.after, "note": e.note,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

fn csv(entries: &[&LogEntry]) -> Result<String, super::Failure> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| super::Failure::error(format!("cannot write the CSV: {e}"));
    w.write_record(["at", "by", "change", "before", "after", "note"])
        .map_err(fail)?;
    for e in entries {
        w.write_record([&e.at, &e.by, &e.change, &e.before, &e.after, &e.note])
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| super::Failure::error(format!("cannot write the CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
