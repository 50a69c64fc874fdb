//! `riskshare diff OLD NEW [--format table|json]`: what differs between two versions of an
//! agreement, in the decision log's words. Exit 0 when equal, 1 when not, 2 when a file
//! cannot be read (as `diff` does).

use super::{DiffArgs, DiffFormat, Failure, emit, read::read};
use crate::model::changes::{Change, describe};
use crate::model::text::clean;
use std::process::ExitCode;

/// Exit code when a file cannot be read, as `diff` uses.
const TROUBLE: u8 = 2;

pub fn run(args: &DiffArgs) -> Result<ExitCode, Failure> {
    let trouble = |mut f: Failure| {
        f.code = TROUBLE;
        f
    };
    let old = read(&args.old).map_err(trouble)?;
    let new = read(&args.new).map_err(trouble)?;
    let changes = describe(&old, &new);
    let text = match args.format {
        DiffFormat::Table if changes.is_empty() => format!(
            "No differences: {} and {} are the same agreement.\n",
            clean(&args.old.display().to_string()),
            clean(&args.new.display().to_string())
        ),
        DiffFormat::Table => table(&changes),
        DiffFormat::Json => json(&changes),
    };
    emit(&text)?;
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One change a line.
fn table(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("{}\n", c.change)).collect()
}

fn json(changes: &[Change]) -> String {
    let value = serde_json::json!({ "equal": changes.is_empty(), "changes": changes });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
