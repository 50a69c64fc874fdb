//! `riskshare export FILE --format html|md|xlsx|csv|json`: the board report and the tables for
//! spreadsheets and other programs, all rendered from one [`report::Report`] by the writers in
//! [`crate::export`] (the workbench's `x` uses them too); the JSON, which is `calc`'s objects,
//! is written here.

mod json_out;

use super::read::read;
use super::{ExportArgs, ExportFormat, Failure, emit};
use crate::export::report::{self, ReportError};
use crate::export::{csv_out, html, markdown, xlsx};
use crate::model::text::clean;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &ExportArgs) -> Result<ExitCode, Failure> {
    refuse_idle_options(args)?;
    let agreement = read(&args.file)?;
    let report = report::build(&agreement, &args.scenarios).map_err(|e| match e {
        ReportError::UnknownScenario(why) => Failure::usage(why),
        other => Failure::error(other.to_string()),
    })?;
    let out = match &args.output {
        Some(path) => path.clone(),
        None => default_output(&args.file, args.format),
    };
    refuse_the_agreement(&args.file, &out)?;
    refuse_to_replace(&args.file, &out, args.format, args.force)?;
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
                refuse_to_replace(&args.file, &sweep_path, ExportFormat::Csv, args.force)?;
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
    crate::export::beside(agreement, "report", extension(format))
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

/// An option that would do nothing for the format chosen is refused rather than ignored:
/// `--sweep` writes the sweep only into a csv or json export.
fn refuse_idle_options(args: &ExportArgs) -> Result<(), Failure> {
    if args.sweep && !matches!(args.format, ExportFormat::Csv | ExportFormat::Json) {
        return Err(Failure::usage(format!(
            "--sweep does nothing with --format {}: it adds the sweep to a csv export (a second file) or a json one (a member), while the html report and the xlsx workbook always carry it",
            extension(args.format)
        )));
    }
    Ok(())
}

/// A folder is not a file to write; a file already there is replaced only with `--force`.
fn refuse_to_replace(
    agreement: &Path,
    out: &Path,
    format: ExportFormat,
    force: bool,
) -> Result<(), Failure> {
    let shown = clean(&out.display().to_string());
    if out.is_dir() {
        // The name the export would have had beside the agreement, in that folder.
        let example = out.join(file_name(&default_output(agreement, format)));
        return Err(Failure::usage(format!(
            "-o '{shown}' is a folder; give a file's name, such as {}",
            clean(&example.display().to_string())
        )));
    }
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(Failure::usage(format!(
            "{shown} is already there; add --force to replace it, or -o to write elsewhere"
        )));
    }
    Ok(())
}

/// Writes by temporary file and rename, so a reader never sees half an export.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::export::write(path, bytes).map_err(|e| {
        Failure::error(format!(
            "cannot write {}: {e}",
            clean(&path.display().to_string())
        ))
    })
}
