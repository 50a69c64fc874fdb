//! Headless commands: calc, check (and later simulate, export, import).
//!
//! Each command returns an exit code or a [`Failure`]: sentences for stderr and the code to exit
//! with. Nothing here touches the terminal beyond writing to stdout.

use crate::export::amount;
mod args;
mod calc;
mod check;
mod compare;
use crate::export::calc_csv as csv_rows;
mod diff;
pub mod export;
mod import;
mod json;
mod log;
pub mod mistyped;
mod read;
mod scenario;
mod simulate;
mod sweep;
mod table;
pub mod usage;

pub use args::{
    CalcArgs, CheckArgs, CheckFormat, Cli, Command, CompareArgs, DiffArgs, DiffFormat, LogArgs,
    OutputFormat, ThemeName, WorkbenchArgs,
};
pub use args::{ExportArgs, ExportFormat, ImportArgs};
pub use args::{HeldArgs, SimulateArgs, SweepArgs};

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// Exit code of a file that cannot be loaded, a calculation that cannot be done, or `check`
/// finding errors.
pub const EXIT_ERROR: u8 = 1;
/// Exit code of a command line that cannot be understood (as clap uses for its own errors).
pub const EXIT_USAGE: u8 = 2;

/// Why a headless command stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// One readable sentence per line, without the `riskshare:` prefix.
    pub lines: Vec<String>,
    pub code: u8,
}

impl Failure {
    /// A problem with the file or the calculation.
    pub fn error(message: impl Into<String>) -> Self {
        Failure {
            lines: vec![message.into()],
            code: EXIT_ERROR,
        }
    }

    /// A command-line value that cannot be used.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            lines: vec![message.into()],
            code: EXIT_USAGE,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))
    }
}

impl std::error::Error for Failure {}

/// Runs one headless command and returns the process's exit code.
pub fn run(command: &Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Calc(args) => calc::run(args),
        Command::Check(args) => check::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Log(args) => log::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Simulate(args) => simulate::run(args),
    }
}

/// Writes a command's output to stdout. A reader that went away (`| head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::error(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}
