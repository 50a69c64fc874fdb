//! Headless commands: calc, check (and later simulate, export, import).

mod args;

pub use args::{CalcArgs, CheckArgs, Cli, Command, OutputFormat, ThemeName, WorkbenchArgs};

use std::process::ExitCode;

/// Runs one headless command and returns the process's exit code.
pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    let _ = command;
    anyhow::bail!("the headless commands are being built on the cli branch")
}
