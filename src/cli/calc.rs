//! `riskshare calc FILE`: one allocation, headless.

use super::read::read;
use super::{CalcArgs, Failure, OutputFormat, csv_rows, emit, json, scenario, table};
use crate::engine::allocate;
use crate::model::text::clean;
use std::process::ExitCode;

pub fn run(args: &CalcArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let scenario = scenario::build(&agreement, args)?;
    let allocation = allocate(&agreement, &scenario).map_err(|e| {
        Failure::error(format!(
            "{}: cannot calculate: {e}",
            clean(&args.file.display().to_string())
        ))
    })?;
    let named = args.scenario.is_some();
    let text = match args.format {
        OutputFormat::Table => table::render(&agreement, &scenario, named, &allocation),
        OutputFormat::Json => json::render(
            &agreement.name,
            named.then_some(scenario.name.as_str()),
            &allocation,
        )
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
