//! The governance checks: what the guidance behind riskshare asks of an agreement, each finding
//! with a stable code, a severity, what it is about and a sentence in the guide's words.
//!
//! Every figure comes from [`crate::engine::calculate`]; "today" is a parameter, so a check
//! gives the same answer on every day it is run with the same date.

mod appetite;
mod boundaries;
mod constraints;
mod housekeeping;
mod influence;
#[cfg(test)]
mod reference;
mod sharing;
mod single;

pub use boundaries::{boundary_exists, can_exist};

use super::{Allocation, WhatIf, calculate};
use crate::model::{Agreement, Scenario};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// How much a finding matters. `check` fails on errors, and with `--strict` on warnings too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A prompt for the partners to discuss; never fails a check.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    Agreement,
    Party(String),
    Scheme(String),
    Risk(String),
    Benefit(String),
    /// One of CIPFA's six boundaries, by its name in the file (`ServiceService`).
    Boundary(String),
}

impl Subject {
    /// `party`, `scheme`, `risk`, `benefit`, `boundary` or `agreement`.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Agreement => "agreement",
            Subject::Party(_) => "party",
            Subject::Scheme(_) => "scheme",
            Subject::Risk(_) => "risk",
            Subject::Benefit(_) => "benefit",
            Subject::Boundary(_) => "boundary",
        }
    }

    /// The id it is about; empty for the agreement as a whole.
    pub fn id(&self) -> &str {
        match self {
            Subject::Agreement => "",
            Subject::Party(id)
            | Subject::Scheme(id)
            | Subject::Risk(id)
            | Subject::Benefit(id)
            | Subject::Boundary(id) => id,
        }
    }
}

/// One finding of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable: `G102`. Listed, with its name, in [`CODES`] and the README.
    pub code: &'static str,
    pub severity: Severity,
    pub subject: Subject,
    /// One sentence naming the subject, in the guide's words.
    pub message: String,
}

/// Every check: its code, its short name and its severity.
pub const CODES: [(&str, &str, Severity); 18] = [
    ("G101", "everybody-gains", Severity::Warning),
    ("G102", "everybody-bears-risk", Severity::Warning),
    ("G103", "one-party-bears-all", Severity::Warning),
    ("G104", "one-party-takes-all", Severity::Warning),
    ("G201", "must-balance-budget-exposed", Severity::Warning),
    ("G202", "restricted-trust-shares-risk", Severity::Warning),
    ("G301", "pooled-risk-one-influencer", Severity::Warning),
    ("G302", "shares-without-influence", Severity::Note),
    ("G401", "boundary-without-risk", Severity::Warning),
    ("G501", "risk-above-appetite", Severity::Warning),
    ("G502", "tolerance-passed", Severity::Warning),
    ("G601", "unallocated-without-arbitration", Severity::Warning),
    ("G602", "no-arbitration-route", Severity::Note),
    ("G701", "high-risk-unmitigated", Severity::Warning),
    ("G702", "review-past-due", Severity::Warning),
    ("G703", "benefit-unmeasured", Severity::Warning),
    ("G704", "no-review-thresholds", Severity::Warning),
    ("G705", "quarters-off-budget", Severity::Warning),
];

/// The forecast check is listed apart so that [`CODES`] stays in the order of the README.
pub const FORECAST_CODE: (&str, &str, Severity) =
    ("G706", "forecast-crosses-threshold", Severity::Warning);

/// The short name of a code (`G102` -> `everybody-bears-risk`).
pub fn name_of(code: &str) -> &'static str {
    CODES
        .iter()
        .chain(std::iter::once(&FORECAST_CODE))
        .find(|(c, _, _)| *c == code)
        .map_or("", |(_, name, _)| name)
}

/// The percent of every scheme's budget at which "everybody gains" and "everybody bears risk"
/// are judged.
pub const PROBE_PERCENT: i64 = 5;
/// The overspend, in percent, at which money left unallocated needs an arbitration route.
pub const ARBITRATION_PERCENT: i64 = 10;

/// Runs every governance check on an agreement that loaded without errors. `today` is the
/// date reviews are judged against.
pub fn run(agreement: &Agreement, today: Date) -> Vec<Finding> {
    let mut found = Vec::new();
    let ctx = Context::new(agreement);
    sharing::check(&ctx, &mut found);
    constraints::check(&ctx, &mut found);
    influence::check(&ctx, &mut found);
    boundaries::check(&ctx, &mut found);
    appetite::check(&ctx, &mut found);
    housekeeping::check(&ctx, today, &mut found);
    found
}

/// What the checks share: the agreement, the calculations at the probe percents, and every
/// named scenario's allocation (the file's and the forecasts), calculated once.
pub(crate) struct Context<'a> {
    pub agreement: &'a Agreement,
    /// Every scheme at +5%, nothing happening; `None` when it cannot be calculated.
    pub overspend: Option<Allocation>,
    /// Every scheme at -5%.
    pub underspend: Option<Allocation>,
    /// Every named scenario that calculates, with its allocation.
    pub named: Vec<(Scenario, Allocation)>,
    /// One risk at a time.
    pub single: single::Single<'a>,
}

impl<'a> Context<'a> {
    fn new(agreement: &'a Agreement) -> Self {
        let at = |pct: i64| calculate(agreement, &WhatIf::at(Decimal::from(pct))).ok();
        let named = super::forecast::named_scenarios(agreement)
            .into_iter()
            .filter_map(|s| {
                let allocation = calculate(agreement, &WhatIf::from_scenario(&s)).ok()?;
                Some((s, allocation))
            })
            .collect();
        Context {
            agreement,
            overspend: at(PROBE_PERCENT),
            underspend: at(-PROBE_PERCENT),
            named,
            single: single::Single::new(agreement),
        }
    }
}

/// A finding, with the severity its code has.
pub(crate) fn finding(code: &'static str, subject: Subject, message: String) -> Finding {
    let severity = CODES
        .iter()
        .chain(std::iter::once(&FORECAST_CODE))
        .find(|(c, _, _)| *c == code)
        .map_or(Severity::Warning, |(_, _, s)| *s);
    Finding {
        code,
        severity,
        subject,
        message,
    }
}

/// `£1,234.50`, `-£80,000.00`.
pub(crate) fn pounds(value: Decimal) -> String {
    let text = crate::model::money::grouped(&format!("{:.2}", value.abs()));
    if value.is_sign_negative() && !value.is_zero() {
        format!("-£{text}")
    } else {
        format!("£{text}")
    }
}

/// `'A'`, `'A' and 'B'`, `'A', 'B' and 'C'`.
pub(crate) fn listed(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An id as a message quotes it: cleaned, kept short.
pub(crate) fn quote(id: &str) -> String {
    format!("'{}'", crate::model::text::clip(id, 40))
}

/// A subject as a message names it: `party 'VCS'`.
pub(crate) fn named(kind: &str, id: &str) -> String {
    format!("{kind} {}", quote(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("loads")
    }

    fn date(s: &str) -> Date {
        s.parse().expect("a date")
    }

    #[test]
    fn every_code_is_listed_once_with_its_name() {
        let mut codes: Vec<&str> = CODES.iter().map(|c| c.0).collect();
        codes.push(FORECAST_CODE.0);
        let before = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), before);
        assert_eq!(name_of("G102"), "everybody-bears-risk");
        assert_eq!(name_of("G706"), "forecast-crosses-threshold");
    }

    #[test]
    fn today_is_a_parameter_so_the_answer_is_the_same_every_day() {
        let due = |today: &str| {
            run(&anytown(), date(today))
                .iter()
                .any(|f| f.code == "G702" && f.subject == Subject::Risk("R1".into()))
        };
        assert!(!due("2026-12-01"), "due on the day, not past it");
        assert!(due("2026-12-02"));
        assert_eq!(
            run(&anytown(), date("2026-11-30")),
            run(&anytown(), date("2026-11-30"))
        );
    }

    #[test]
    fn an_arbitration_route_silences_the_note() {
        let mut a = anytown();
        assert!(run(&a, date("2026-11-30")).iter().any(|f| f.code == "G602"));
        a.arbitration = Some("Chief finance officers, then the board".into());
        assert!(
            !run(&a, date("2026-11-30"))
                .iter()
                .any(|f| f.code.starts_with("G60"))
        );
    }

    #[test]
    fn score_bands_decide_what_is_high() {
        // R3 scores 12: High under the NPSA bands, Moderate when moderate runs to 12.
        let mut a = anytown();
        let high = |a: &Agreement| {
            run(a, date("2026-11-30"))
                .iter()
                .any(|f| f.code == "G701" && f.subject == Subject::Risk("R3".into()))
        };
        assert!(high(&a));
        a.score_bands = crate::model::ScoreBands {
            low: 4,
            moderate: 12,
            high: 16,
        };
        assert!(!high(&a));
    }

    #[test]
    fn money_reads_as_pounds() {
        assert_eq!(pounds(Decimal::new(-3125000, 2)), "-£31,250.00");
        assert_eq!(pounds(Decimal::ZERO), "£0.00");
    }
}
