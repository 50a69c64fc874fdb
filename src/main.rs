use clap::Parser;
use riskshare::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => riskshare::cli::run(command),
        None => riskshare::tui::run(&cli.workbench).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|e| {
        eprintln!("riskshare: {e:#}");
        ExitCode::FAILURE
    })
}
