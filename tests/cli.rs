//! The command line, run as a user runs it: one test binary for the whole group, so that CI links a
//! handful of binaries instead of one per file (each file stays a module of its own).

mod analytics_support;

#[path = "cli_agreements.rs"]
mod cli_agreements;
#[path = "cli_analytics.rs"]
mod cli_analytics;
#[path = "cli_bad_files.rs"]
mod cli_bad_files;
#[path = "cli_calc.rs"]
mod cli_calc;
#[path = "cli_commands.rs"]
mod cli_commands;
#[path = "cli_export.rs"]
mod cli_export;
#[path = "cli_governance.rs"]
mod cli_governance;
#[path = "cli_import.rs"]
mod cli_import;
#[path = "cli_load_errors.rs"]
mod cli_load_errors;
#[path = "cli_log_diff.rs"]
mod cli_log_diff;
#[path = "cli_readme.rs"]
mod cli_readme;
#[path = "cli_review.rs"]
mod cli_review;
#[path = "cli_rules.rs"]
mod cli_rules;
#[path = "no_network.rs"]
mod no_network;
