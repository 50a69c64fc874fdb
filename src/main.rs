use clap::Parser;
use riskshare::cli::Cli;
use riskshare::model::text::clean;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => riskshare::cli::run(command).unwrap_or_else(|failure| {
            for line in &failure.lines {
                eprintln!("riskshare: {}", clean(line));
            }
            failure.exit_code()
        }),
        None => riskshare::tui::run(&cli.workbench).unwrap_or_else(|e| {
            eprintln!("riskshare: {}", clean(&format!("{e:#}")));
            ExitCode::FAILURE
        }),
    }
}
