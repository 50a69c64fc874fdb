//! `riskshare calc FILE`: one allocation, headless.

use super::read::read;
use super::{CalcArgs, Failure, OutputFormat, csv_rows, emit, json, scenario, table};
use crate::engine::calculate;
use crate::model::text::clean;
use std::process::ExitCode;

pub fn run(args: &CalcArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let chosen = scenario::build(&agreement, args)?;
    let allocation = calculate(&agreement, &chosen.what_if).map_err(|e| {
        Failure::error(format!(
            "{}: cannot calculate: {e}",
            clean(&args.file.display().to_string())
        ))
    })?;
    let name = chosen.name.as_deref();
    let text = match args.format {
        OutputFormat::Table => table::render(&agreement, &chosen.what_if, name, &allocation),
        OutputFormat::Json => json::render(&agreement.name, name, &allocation)
            .map_err(|e| Failure::error(format!("cannot write the JSON: {e}")))?,
        OutputFormat::Csv => {
            // A sheet has no place for warnings; they go to stderr so stdout stays pure CSV.
            for warning in &allocation.warnings {
                eprintln!("riskshare: warning: {}", clean(warning));
            }
            csv_rows::render(&allocation)
                .map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))?
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
