//! Load, validate and save agreements.
//!
//! Loading is [`parse`] (text) or [`load`] (a file): ron's parse, then [`validate`], each
//! problem given the line it is on. [`check`] and [`check_file`] give every error and warning;
//! [`validate`] alone checks an agreement built or edited in memory.

mod governance;
mod load;
mod locate;
mod patch;
mod register;
mod render;
mod rules;
mod syntax;
mod tokens;
mod tree;
mod validate;

pub use load::{MAX_FILE_BYTES, check_file, load, read_text};
pub use validate::{MAX_AMOUNT, Problem, Severity, Step, validate};

use crate::model::Agreement;
use crate::model::text::clean;
use std::fmt;

/// Why a file could not be loaded. Each shows as one line a finance lead can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The text is not a valid agreement; `line` is where the problem is.
    #[error("{origin}:{line}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}: there is no such file")]
    NotFound { origin: String },
    #[error("{origin}: the file cannot be read: {reason}")]
    Unreadable { origin: String, reason: String },
    #[error(
        "{origin}: the file is {} MiB; riskshare reads agreement files of at most {} MiB",
        .bytes.div_ceil(1 << 20), MAX_FILE_BYTES >> 20
    )]
    TooLarge { origin: String, bytes: u64 },
    /// The text has more than one error: each on a line of its own, in the order of the file.
    #[error("{}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several { errors: Vec<Finding> },
}

impl LoadError {
    /// The line the problem is on, when it is about the text.
    pub fn line(&self) -> Option<usize> {
        match self {
            LoadError::Invalid { line, .. } => Some(*line),
            LoadError::Several { errors } => errors.first().map(|f| f.line),
            _ => None,
        }
    }

    /// One sentence per problem, each naming the file and its line: every error the file has.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Several { errors } => errors.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// One problem in a text, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub origin: String,
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = match self.severity {
            Severity::Warning => "warning: ",
            Severity::Error => "",
        };
        write!(
            f,
            "{}:{}: {warning}{}",
            self.origin, self.line, self.message
        )
    }
}

impl From<Finding> for LoadError {
    fn from(f: Finding) -> Self {
        LoadError::Invalid {
            origin: f.origin,
            line: f.line,
            message: f.message,
        }
    }
}

/// Everything a load found, in the order of the file's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The agreement whenever the text parsed, even with errors (so it can be shown and
    /// mended); never calculate with it while `errors` is not empty.
    pub agreement: Option<Agreement>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl Report {
    /// The agreement, or every error in the file (one alone as [`LoadError::Invalid`]).
    pub fn into_result(self) -> Result<Agreement, LoadError> {
        if self.errors.len() > 1 {
            return Err(LoadError::Several {
                errors: self.errors,
            });
        }
        match (self.errors.into_iter().next(), self.agreement) {
            (Some(first), _) => Err(first.into()),
            (None, Some(a)) => Ok(a),
            (None, None) => Err(LoadError::Invalid {
                origin: String::new(),
                line: 1,
                message: "the file could not be read as an agreement".into(),
            }),
        }
    }
}

/// Reads an agreement from RON text and validates it; any error refuses it, and every error the
/// validation finds is reported.
/// `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Agreement, LoadError> {
    check(text, origin).into_result()
}

/// Reads and validates RON text, returning every error and warning with its line.
pub fn check(text: &str, origin: &str) -> Report {
    let origin = one_line(origin);
    let finding = |line: usize, severity, message: &str| Finding {
        origin: origin.clone(),
        line: line.max(1),
        severity,
        message: one_line(message),
    };
    // A byte-order mark, as Windows editors write, is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut agreement = match syntax::parse_text(text) {
        Ok(a) => a,
        Err((line, message)) => {
            return Report {
                agreement: None,
                errors: vec![finding(line, Severity::Error, &message)],
                warnings: Vec::new(),
            };
        }
    };
    agreement.clean_text();
    let problems = validate(&agreement);
    // The file's tokens are needed only to give each problem its line.
    let mut found: Vec<Finding> = Vec::new();
    if !problems.is_empty() {
        let scan = tokens::scan(text);
        let mut locator = locate::Locator::new(&scan);
        found = problems
            .into_iter()
            .map(|p| finding(locator.line(&p.place), p.severity, &p.message))
            .collect();
    }
    found.sort_by_key(|f| f.line);
    let (errors, warnings) = found
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    Report {
        agreement: Some(agreement),
        errors,
        warnings,
    }
}

/// Text from a file or a path, made safe to print on one line and kept to a readable length.
fn one_line(text: &str) -> String {
    crate::model::text::clip(text, 400)
}

/// Writes an agreement as RON text that `parse` reads back to an equal agreement: laid out as
/// a person writes the file (see `render`), or, should that ever not read back equal, as ron's
/// own pretty printer writes it.
pub fn to_ron(agreement: &Agreement) -> Result<String, ron::Error> {
    if let Some(text) = patch::text_for(None, agreement) {
        return Ok(text);
    }
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false)
        .indentor("    ".to_string());
    let body = ron::ser::to_string_pretty(agreement, config)?;
    Ok(format!(
        "// {}: a riskshare risk and benefit share agreement. Money is in pounds; percentages run 0-100.\n{body}\n",
        clean(&agreement.name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_round_trips() {
        let a = parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap();
        let text = to_ron(&a).unwrap();
        let b = parse(&text, "saved.ron").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn the_example_has_no_errors_or_warnings() {
        let report = check(crate::model::EXAMPLE_RON, "anytown.ron");
        assert_eq!(report.errors, vec![]);
        assert_eq!(report.warnings, vec![]);
    }

    #[test]
    fn a_semantic_error_names_its_line() {
        let text = crate::model::EXAMPLE_RON.replace("\"ICB\": 100", "\"ICB\": 90");
        let e = parse(&text, "saves/x.ron").unwrap_err();
        assert_eq!(
            e.to_string(),
            "saves/x.ron:62: scheme 'OOH': Fixed shares add up to 90, not 100"
        );
    }

    #[test]
    fn errors_come_in_the_order_of_the_file() {
        let text = crate::model::EXAMPLE_RON
            .replace(
                "likelihood: 2,\n            impact: 3,\n            cost",
                "likelihood: 7, impact: 3, cost",
            )
            .replace("owner: \"ICB\"", "owner: \"NOPE\"");
        let report = check(&text, "x.ron");
        let lines: Vec<usize> = report.errors.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![96, 137]);
        assert!(report.agreement.is_some());
    }

    #[test]
    fn warnings_do_not_refuse_a_file() {
        let text =
            crate::model::EXAMPLE_RON.replace("reinvest: 50,", "reinvest: 50, contingency: 5,");
        let report = check(&text, "x.ron");
        assert_eq!(report.errors, vec![]);
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(report.warnings[0].line, 68);
        assert!(
            report.warnings[0]
                .to_string()
                .contains("warning: scheme 'OOH'")
        );
        assert!(parse(&text, "x.ron").is_ok());
    }
}

pub mod author;
pub mod autosave;
pub mod lock;
pub mod paths;
mod save;

pub use autosave::{Autosaver, Recovery, find_recovery};
pub use lock::{Holder, Lock, LockError};
pub use paths::Places;
pub use save::{SaveError, backup_path, save, tidy_orphans};
