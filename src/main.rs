use clap::Parser;
use riskshare::cli::{Cli, usage};
use riskshare::model::text::clean;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if let Some(refusal) = riskshare::cli::mistyped::refusal(&args) {
        return refuse(&refusal);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if usage::is_help(&e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let command = usage::typed_command(std::env::args().nth(1).as_deref());
            return refuse(&usage::explain(&e, command.as_deref()));
        }
    };
    match &cli.command {
        Some(command) => riskshare::cli::run(command).unwrap_or_else(|failure| {
            for line in &failure.lines {
                eprintln!("riskshare: {}", clean(line));
            }
            failure.exit_code()
        }),
        None => riskshare::tui::run(&cli.workbench).unwrap_or_else(|e| {
            // A file with several problems: every one, a sentence each.
            match e.downcast_ref::<riskshare::store::LoadError>() {
                Some(load) => {
                    for line in load.lines() {
                        eprintln!("riskshare: {}", clean(&line));
                    }
                }
                None => eprintln!("riskshare: {}", clean(&format!("{e:#}"))),
            }
            ExitCode::FAILURE
        }),
    }
}

/// A command line that cannot be used: its sentence after `riskshare:`, then any hint.
fn refuse(refusal: &usage::Refusal) -> ExitCode {
    let mut lines = refusal.lines.iter();
    if let Some(first) = lines.next() {
        eprintln!("riskshare: {}", clean(first));
    }
    for hint in lines {
        eprintln!("{}", clean(hint));
    }
    ExitCode::from(refusal.code)
}
