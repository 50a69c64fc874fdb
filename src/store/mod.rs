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
pub use validate::{MAX_AMOUNT, Problem, Severity, Step, validate, validate_each};

use crate::model::Agreement;
use crate::model::text::clean;
use std::collections::BinaryHeap;
use std::fmt;

/// How many errors a load lists, the first in the order of the file; after them one sentence
/// says how many more there are. No one reads more, and a file of a million errors (it fits in
/// the size limit) must not cost a million messages of memory.
pub const LISTED_ERRORS: usize = 20;
/// How many warnings a load keeps, the first in the order of the file.
pub const KEPT_WARNINGS: usize = 1000;

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
    /// The text has more than one error: the first [`LISTED_ERRORS`] each on a line of its
    /// own, in the order of the file, and how many more there are.
    #[error("{}", error_lines(.errors, *.more).join("\n"))]
    Several { errors: Vec<Finding>, more: usize },
}

impl LoadError {
    /// The line the problem is on, when it is about the text.
    pub fn line(&self) -> Option<usize> {
        match self {
            LoadError::Invalid { line, .. } => Some(*line),
            LoadError::Several { errors, .. } => errors.first().map(|f| f.line),
            _ => None,
        }
    }

    /// One sentence per problem, each naming the file and its line (the first
    /// [`LISTED_ERRORS`], then how many more there are).
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Several { errors, more } => error_lines(errors, *more),
            other => vec![other.to_string()],
        }
    }
}

/// The errors listed, one sentence each, then "FILE: and 645,000 more errors after these" when
/// `more` were left out.
pub fn error_lines(errors: &[Finding], more: usize) -> Vec<String> {
    let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    if more > 0 {
        let origin = errors.first().map_or("", |f| f.origin.as_str());
        let digits = more.to_string();
        let mut grouped = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(d);
        }
        let errors = if more == 1 { "error" } else { "errors" };
        lines.push(format!("{origin}: and {grouped} more {errors} after these"));
    }
    lines
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
    /// The first [`LISTED_ERRORS`] errors.
    pub errors: Vec<Finding>,
    /// How many errors there are after those in `errors`.
    pub more_errors: usize,
    /// The first [`KEPT_WARNINGS`] warnings.
    pub warnings: Vec<Finding>,
    /// How many warnings there are after those in `warnings`.
    pub more_warnings: usize,
}

impl Report {
    /// The agreement, or the file's errors (one alone as [`LoadError::Invalid`]).
    pub fn into_result(self) -> Result<Agreement, LoadError> {
        if self.errors.len() > 1 || self.more_errors > 0 {
            return Err(LoadError::Several {
                errors: self.errors,
                more: self.more_errors,
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

/// Reads and validates RON text, returning its errors and warnings with their lines: the first
/// [`LISTED_ERRORS`] errors and [`KEPT_WARNINGS`] warnings in the order of the file, and how
/// many more of each there are.
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
                more_errors: 0,
                warnings: Vec::new(),
                more_warnings: 0,
            };
        }
    };
    agreement.clean_text();
    // Each problem is placed in the text as it is found, and only the first few are kept.
    let mut locator: Option<locate::Locator> = None;
    let mut errors = First::new(LISTED_ERRORS);
    let mut warnings = First::new(KEPT_WARNINGS);
    validate_each(&agreement, &mut |p| {
        let at = locator
            .get_or_insert_with(|| locate::Locator::new(text))
            .offset(&p.place);
        match p.severity {
            Severity::Error => errors.offer(at, p.message),
            Severity::Warning => warnings.offer(at, p.message),
        }
    });
    drop(locator);
    let (more_errors, more_warnings) = (errors.more, warnings.more);
    let listed = |first: First, severity| -> Vec<Finding> {
        let kept = first.into_sorted();
        let offsets: Vec<usize> = kept.iter().map(|k| k.0).collect();
        let lines = tokens::lines_at(text, &offsets);
        let mut found: Vec<(usize, usize, Finding)> = kept
            .into_iter()
            .zip(lines)
            .map(|((_, seq, message), line)| (line, seq, finding(line, severity, &message)))
            .collect();
        found.sort_by_key(|&(line, seq, _)| (line, seq));
        found.into_iter().map(|(_, _, f)| f).collect()
    };
    Report {
        errors: listed(errors, Severity::Error),
        warnings: listed(warnings, Severity::Warning),
        agreement: Some(agreement),
        more_errors,
        more_warnings,
    }
}

/// The first `cap` messages offered, by where they are in the text (then by the order they came
/// in), and how many more were offered.
struct First {
    cap: usize,
    seq: usize,
    /// The largest kept first, to be let go when an earlier one comes.
    kept: BinaryHeap<(usize, usize, String)>,
    more: usize,
}

impl First {
    fn new(cap: usize) -> Self {
        First {
            cap,
            seq: 0,
            kept: BinaryHeap::new(),
            more: 0,
        }
    }

    fn offer(&mut self, at: usize, message: String) {
        self.seq += 1;
        if self.kept.len() < self.cap {
            self.kept.push((at, self.seq, message));
            return;
        }
        self.more += 1;
        if self
            .kept
            .peek()
            .is_some_and(|last| (at, self.seq) < (last.0, last.1))
        {
            self.kept.pop();
            self.kept.push((at, self.seq, message));
        }
    }

    /// What was kept, in the order of the text.
    fn into_sorted(self) -> Vec<(usize, usize, String)> {
        self.kept.into_sorted_vec()
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

    /// Review thresholds that fall: every one after the first is an error.
    fn falling(n: usize) -> String {
        (0..n)
            .map(|i| {
                let at = (990 - i as i64) as f64 / 10.0;
                format!("    (at: {at:.1}, action: \"review\"),\n")
            })
            .collect()
    }

    #[test]
    fn many_errors_list_the_first_twenty_and_count_the_rest() {
        let text = format!(
            "(\n  format: 1,\n  name: \"x\",\n  review_thresholds: [\n{}  ],\n)\n",
            falling(1000)
        );
        let report = check(&text, "x.ron");
        let lines: Vec<usize> = report.errors.iter().map(|f| f.line).collect();
        assert_eq!(lines, (6..26).collect::<Vec<_>>());
        assert_eq!(report.more_errors, 979);
        let e = report.into_result().unwrap_err();
        let said = e.lines();
        assert_eq!(said.len(), 21);
        assert!(
            said[0].starts_with("x.ron:6: review thresholds do not rise: at 99"),
            "{}",
            said[0]
        );
        assert_eq!(said[20], "x.ron: and 979 more errors after these");
        assert_eq!(e.line(), Some(6));
        assert_eq!(e.to_string(), said.join("\n"));
    }

    #[test]
    fn the_errors_listed_are_the_first_in_the_file_not_the_first_found() {
        // Scenarios are checked last but written first here.
        let text = format!(
            "(\n  format: 1,\n  name: \"x\",\n  scenarios: [(name: \"s\",\n    risks: [\"A\",\n      \"B\"])],\n  review_thresholds: [\n{}  ],\n)\n",
            falling(40)
        );
        let report = check(&text, "x.ron");
        let lines: Vec<usize> = report.errors.iter().map(|f| f.line).collect();
        assert_eq!(lines, [vec![5, 6], (9..27).collect()].concat());
        assert!(report.errors[1].message.contains("unknown risk 'B'"));
        assert_eq!(report.more_errors, 21);
    }

    #[test]
    fn lines_are_right_deep_in_a_large_file() {
        let mut text = String::from("(\n  format: 1,\n  name: \"big\",\n  parties: [\n");
        let mut line = 5;
        let mut bad_party = 0;
        for p in 0..40_000 {
            let reserves = if p == 30_000 {
                bad_party = line;
                "-5"
            } else {
                "1000"
            };
            text += &format!(
                "    (id: \"P{p}\", name: \"Partner {p}\", kind: Voluntary, reserves: {reserves}),\n"
            );
            line += 1;
        }
        text += "  ],\n  schemes: [(id: \"S\", name: \"Scheme\", contributions: {\n";
        line += 2;
        let mut unknown = 0;
        for p in 0..100 {
            if p == 77 {
                unknown = line;
                text += "      \"NOPE\": 5,\n";
                line += 1;
            }
            text += &format!("      \"P{p}\": 1000,\n");
            line += 1;
        }
        text += "    },\n    overspend: (bands: [(basis: Contribution)]),\n    underspend: (bands: [(basis: Contribution)]))],\n)\n";
        let report = check(&text, "big.ron");
        let errors: Vec<(usize, &str)> = report
            .errors
            .iter()
            .map(|f| (f.line, f.message.as_str()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (
                    bad_party,
                    "party 'P30000': reserves -5 is negative; it must be 0 or more"
                ),
                (
                    unknown,
                    "scheme 'S': contributions name an unknown party 'NOPE'"
                ),
            ]
        );
        // Every party after the first hundred is a member of no scheme: the first thousand
        // warnings are kept, in the order of the file, and the rest counted.
        assert_eq!(report.warnings.len(), KEPT_WARNINGS);
        assert_eq!(report.more_warnings, 39_900 - KEPT_WARNINGS);
        assert_eq!(report.warnings[0].line, 105);
        assert!(
            report.warnings[0]
                .message
                .contains("'P100' is a member of no scheme")
        );
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
