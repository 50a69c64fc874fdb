//! `riskshare export FILE --format html|md|xlsx|csv|json`: the board report and the tables for
//! spreadsheets and other programs, all rendered from one [`report::Report`].

mod break_even;
mod csv_out;
mod html;
mod json_out;
mod markdown;
pub mod report;
pub mod sentences;
mod svg;
mod xlsx;

use super::read::read;
use super::{ExportArgs, ExportFormat, Failure, emit};
use crate::model::text::clean;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use xlsx::render as render_xlsx;

pub fn run(args: &ExportArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let report = report::build(&agreement, &args.scenarios)?;
    let out = match &args.output {
        Some(path) => path.clone(),
        None => default_output(&args.file, args.format),
    };
    refuse_the_agreement(&args.file, &out)?;
    let source = file_name(&args.file);
    let mut written = vec![out.clone()];
    match args.format {
        ExportFormat::Html => write(&out, html::render(&report, &source).as_bytes())?,
        ExportFormat::Md => write(&out, markdown::render(&report, &source).as_bytes())?,
        ExportFormat::Json => {
            let text = json_out::render(&report, args.sweep)
                .map_err(|e| Failure::error(format!("cannot write the JSON: {e}")))?;
            write(&out, text.as_bytes())?;
        }
        ExportFormat::Xlsx => {
            let bytes = xlsx::render(&report, &source)
                .map_err(|e| Failure::error(format!("cannot write the workbook: {e}")))?;
            write(&out, &bytes)?;
        }
        ExportFormat::Csv => {
            let text = csv_out::shares(&report)
                .map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))?;
            write(&out, text.as_bytes())?;
            if args.sweep {
                let sweep_path = sweep_path(&out);
                refuse_the_agreement(&args.file, &sweep_path)?;
                let text = csv_out::sweep(&report)
                    .map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))?;
                write(&sweep_path, text.as_bytes())?;
                written.push(sweep_path);
            }
        }
    }
    let lines: Vec<String> = written
        .iter()
        .map(|p| format!("wrote {}\n", clean(&p.display().to_string())))
        .collect();
    emit(&lines.concat())?;
    Ok(ExitCode::SUCCESS)
}

/// `saves/anytown.ron` -> `saves/anytown-report.html`, beside the agreement.
pub fn default_output(agreement: &Path, format: ExportFormat) -> PathBuf {
    let stem = agreement
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "agreement".into());
    agreement.with_file_name(format!("{stem}-report.{}", extension(format)))
}

fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Html => "html",
        ExportFormat::Md => "md",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
    }
}

/// The sweep's CSV beside the shares': `anytown-report.csv` -> `anytown-report-sweep.csv`.
pub fn sweep_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!("{stem}-sweep.csv"))
}

fn file_name(path: &Path) -> String {
    clean(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

/// An export never replaces the agreement it was made from.
fn refuse_the_agreement(agreement: &Path, out: &Path) -> Result<(), Failure> {
    let same = match (agreement.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(o)) => a == o,
        _ => agreement == out,
    };
    if same {
        return Err(Failure::usage(format!(
            "-o '{}' is the agreement itself; an export never replaces it, so choose another file",
            clean(&out.display().to_string())
        )));
    }
    Ok(())
}

/// Writes by temporary file and rename, so a reader never sees half an export.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let shown = clean(&path.display().to_string());
    let fail = |e: std::io::Error| Failure::error(format!("cannot write {shown}: {e}"));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes).map_err(fail)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        fail(e)
    })
}
