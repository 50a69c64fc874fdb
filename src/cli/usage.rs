//! Command-line mistakes as one sentence: clap's errors put in riskshare's words.
//!
//! clap's own error block runs to several lines with a usage dump; a mistake on the command line
//! gets one sentence starting `riskshare:` and at most one line of hint, and exit code 2.
//! `--help` and `--version` print as clap prints them.

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// What to print for a command line clap refused, and the exit code.
pub struct Refusal {
    /// The sentence and, when there is one, a hint on a second line; without `riskshare:`.
    pub lines: Vec<String>,
    pub code: u8,
}

/// True when clap's "error" is really help or the version, printed as clap prints it.
pub fn is_help(e: &clap::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// clap's refusal as a sentence and a hint. `command` is the subcommand typed, if any.
pub fn explain(e: &clap::Error, command: Option<&str>) -> Refusal {
    let arg = text(e, ContextKind::InvalidArg);
    let value = text(e, ContextKind::InvalidValue);
    let option = arg.as_deref().map(option_name);
    let sentence = match e.kind() {
        ErrorKind::UnknownArgument => {
            let what = arg.unwrap_or_default();
            let suggestion = text(e, ContextKind::SuggestedArg)
                .map(|s| format!("; did you mean `{}`?", option_name(&s)))
                .unwrap_or_default();
            if what.starts_with('-') {
                format!("there is no option `{what}`{suggestion}")
            } else {
                format!("`{what}` is one word too many here{suggestion}")
            }
        }
        ErrorKind::InvalidSubcommand => format!(
            "there is no command `{}`; the commands are {}",
            text(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            and_list(&command_names())
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| option_name(a))
                .collect();
            let what = match missing.as_slice() {
                [one] if one.starts_with('-') => {
                    let values = command.map(|c| choices(c, one)).unwrap_or_default();
                    if values.is_empty() {
                        format!("the option {}", option_name(one))
                    } else {
                        format!("the option {} ({})", option_name(one), or_list(&values))
                    }
                }
                [one] => format!("{one}, the agreement file"),
                many => many.join(" and "),
            };
            match command {
                Some(c) => format!("`{c}` needs {what}"),
                None => format!("riskshare needs {what}"),
            }
        }
        ErrorKind::InvalidValue => {
            let allowed = list(e, ContextKind::ValidValue);
            let value = value.unwrap_or_default();
            let option = option.unwrap_or_default();
            if value.is_empty() {
                format!("{option} needs a value")
            } else if allowed.is_empty() {
                format!("{option} '{value}' cannot be used")
            } else {
                format!("{option} '{value}' is not one of {}", or_list(&allowed))
            }
        }
        ErrorKind::ArgumentConflict => match (option, text(e, ContextKind::PriorArg)) {
            (Some(a), Some(b)) if option_name(&b) != a => {
                format!("{a} cannot be used with {}", option_name(&b))
            }
            (Some(a), _) => format!("{a} is given more than once; give it once"),
            _ => first_line(e),
        },
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "{} has the wrong number of values",
                option.unwrap_or_default()
            )
        }
        ErrorKind::NoEquals => format!("{} needs its value after `=`", option.unwrap_or_default()),
        _ => first_line(e),
    };
    let help = match command {
        Some(c) => format!("`riskshare {c} --help` lists what it takes"),
        None => "`riskshare --help` lists the commands and options".to_string(),
    };
    Refusal {
        lines: vec![sentence, help],
        code: 2,
    }
}

/// The subcommands, as clap knows them (`calc`, `check`, ...), in the order `--help` lists them.
pub fn command_names() -> Vec<String> {
    super::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The values an option of a subcommand takes (`export --format`: html, md, ...), if it is a list.
fn choices(command: &str, option: &str) -> Vec<String> {
    let long = option.trim_start_matches('-');
    super::Cli::command()
        .find_subcommand(command)
        .and_then(|c| c.get_arguments().find(|a| a.get_long() == Some(long)))
        .map(|a| {
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The subcommand a command line names, if its first word is one: its mistakes point to its own
/// `--help`.
pub fn typed_command(first: Option<&str>) -> Option<String> {
    let first = first?;
    command_names().into_iter().find(|name| name == first)
}

/// `--format <FORMAT>` -> `--format`; a positional `<FILE>` -> `FILE`.
fn option_name(arg: &str) -> String {
    let name = arg.split([' ', '=']).next().unwrap_or(arg);
    name.trim_matches(['<', '>']).to_string()
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => v.first().map(ToString::to_string),
        _ => None,
    }
}

fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => {
            v.iter().map(|s| option_name(&s.to_string())).collect()
        }
        Some(ContextValue::StyledStr(s)) => vec![option_name(&s.to_string())],
        _ => Vec::new(),
    }
}

/// `table, json or csv`.
fn or_list(items: &[String]) -> String {
    joined(items, "or")
}

/// `calc, check and compare`.
pub(super) fn and_list(items: &[String]) -> String {
    joined(items, "and")
}

fn joined(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// clap's message without its `error: ` and its usage block, as a last resort.
fn first_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let line = rendered
        .lines()
        .next()
        .unwrap_or("the command line cannot be used");
    line.trim_start_matches("error: ").trim().to_string()
}
