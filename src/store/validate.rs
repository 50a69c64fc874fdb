//! Checks an agreement as a finance lead would before trusting its numbers.
//!
//! [`validate`] works on the model alone, so the workbench can check an edited agreement before
//! accepting it; the loader adds the line of each problem from the file's text.
//!
//! What is an error and what a warning: an **error** is anything that would make the engine
//! compute something other than what the file says, or leave it unable to compute at all (an
//! unknown id, shares that do not add to 100, a band that can never take money, a negative
//! contribution, a percent outside 0-100, a cap or share for a party outside the scheme). A
//! **warning** is something that has no effect or looks like a slip but still computes as
//! written (a contingency on an underspend rule, a scheme whose budget is 0, a residual score
//! above the inherent one, a risk listed twice in one scenario); the file loads and the warning
//! is shown.

use super::rules::check_scheme;
use crate::model::{Agreement, FORMAT};
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::fmt;

/// One step of the path from the top of the file to the place a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A named field of a `( ... )` record.
    Field(&'static str),
    /// An item of a `[ ... ]` list, from 0.
    Item(usize),
    /// The entry for an id in a `{ ... }` map.
    Key(String),
    /// An element of a `( ... , ... )` tuple, such as a blend part's weight.
    Elem(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Something wrong with, or doubtful in, an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where in the agreement it is.
    pub place: Vec<Step>,
    /// One sentence naming the item, the field and the value.
    pub message: String,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The largest amount riskshare takes anywhere in a file (£10^20). Far beyond any real budget,
/// and low enough that no sum of the amounts in a file can overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_661_992_960, 1_808_227_885, 5, false, 0);

/// Every error and warning in the agreement, in the order of the file's sections.
pub fn validate(agreement: &Agreement) -> Vec<Problem> {
    let mut found = Vec::new();
    validate_each(agreement, &mut |p| found.push(p));
    found
}

/// Every error and warning in the agreement, in the order of the file's sections, each handed
/// to `each` as it is found: nothing is kept, so a file with a million problems costs no more
/// memory than one with a few.
pub fn validate_each(agreement: &Agreement, each: &mut dyn FnMut(Problem)) {
    let mut out = Problems(each);
    let a = agreement;
    if a.format == 0 || a.format > FORMAT {
        let message = if a.format == 0 {
            format!("format 0 is not a riskshare format; this one reads format {FORMAT}")
        } else {
            format!(
                "written by a newer riskshare (format {}); this one reads format {FORMAT}",
                a.format
            )
        };
        out.error(vec![Step::Field("format")], message);
    }
    let mut previous: Option<Decimal> = None;
    for (i, t) in a.review_thresholds.iter().enumerate() {
        let at = |k| vec![Step::Field("review_thresholds"), Step::Item(i), k];
        let what = format!("review threshold {}", i + 1);
        if t.at < -Decimal::ONE_HUNDRED || t.at > Decimal::ONE_HUNDRED {
            out.error(
                at(Step::Field("at")),
                format!(
                    "{what}: at {} is outside -100 to 100 (a negative one is an underspend)",
                    t.at
                ),
            );
        } else if t.at.is_zero() {
            out.warning(
                at(Step::Field("at")),
                format!("{what}: at 0 is never crossed; a positive one is crossed by an overspend, a negative one by an underspend"),
            );
        }
        if let Some(p) = previous
            && t.at <= p
        {
            out.error(
                at(Step::Field("at")),
                format!(
                    "review thresholds do not rise: at {p} is followed by at {}",
                    t.at
                ),
            );
        }
        previous = Some(t.at);
    }
    super::governance::check_score_bands(&mut out, &a.score_bands);
    if a.arbitration.as_ref().is_some_and(|t| t.trim().is_empty()) {
        out.warning(
            vec![Step::Field("arbitration")],
            "arbitration is empty; write the route the partners agreed, or leave the field out"
                .to_string(),
        );
    }
    if let Some(pool) = &a.pool {
        out.amount(
            vec![Step::Field("pool"), Step::Field("contingency")],
            "the pool",
            "contingency",
            pool.contingency,
        );
    }
    let parties = ids(
        &mut out,
        "parties",
        "party",
        a.parties.iter().map(|p| &p.id),
    );
    // Sets, not searches of the lists, so that a file with many thousands of items is checked
    // in a moment.
    let members: HashSet<&str> = a.schemes.iter().flat_map(|s| s.members()).collect();
    let closed: HashSet<&str> = a
        .risks
        .iter()
        .filter(|r| !r.is_open())
        .map(|r| r.id.as_str())
        .collect();
    for (i, p) in a.parties.iter().enumerate() {
        let at = |k| vec![Step::Field("parties"), Step::Item(i), Step::Field(k)];
        let what = format!("party {}", quote(&p.id));
        out.percent(at("performance"), &what, "performance", p.performance);
        for (field, v) in [("activity", p.activity), ("equity", p.equity)] {
            out.amount(at(field), &what, field, v);
        }
        for (field, v) in [
            ("reserves", p.reserves),
            ("investment_need", p.investment_need),
            ("budget_reduction", p.budget_reduction),
        ] {
            out.money(at(field), &what, field, v);
        }
        if let Some(t) = p.loss_tolerance {
            out.money(at("loss_tolerance"), &what, "loss_tolerance", t);
        }
        if !members.contains(p.id.as_str()) {
            out.warning(at("id"), format!("{what} is a member of no scheme"));
        }
        super::governance::check_appetite_by_category(&mut out, p, i);
    }
    let schemes = ids(
        &mut out,
        "schemes",
        "scheme",
        a.schemes.iter().map(|s| &s.id),
    );
    for (i, s) in a.schemes.iter().enumerate() {
        check_scheme(&mut out, &parties, s, i);
        super::governance::check_quarters(&mut out, s, i);
    }
    let risks = ids(&mut out, "risks", "risk", a.risks.iter().map(|r| &r.id));
    for (i, r) in a.risks.iter().enumerate() {
        super::register::check_risk(&mut out, &parties, &schemes, r, i);
    }
    let benefits = ids(
        &mut out,
        "benefits",
        "benefit",
        a.benefits.iter().map(|b| &b.id),
    );
    for (i, b) in a.benefits.iter().enumerate() {
        super::register::check_benefit(&mut out, &parties, &schemes, b, i);
    }
    let mut names = HashSet::new();
    for (i, s) in a.scenarios.iter().enumerate() {
        let at = |k| vec![Step::Field("scenarios"), Step::Item(i), Step::Field(k)];
        let what = format!("scenario {}", quote(&s.name));
        if s.name.trim().is_empty() {
            out.error(at("name"), format!("scenario {} has no name", i + 1));
        } else if !names.insert(s.name.to_lowercase()) {
            out.error(
                at("name"),
                format!("{what} is listed twice (names ignore case)"),
            );
        }
        out.variance(at("variance"), &what, "variance", s.variance);
        for (id, v) in s.schemes.iter() {
            let place = [at("schemes"), vec![Step::Key(id.to_string())]].concat();
            if !schemes.contains(id) {
                out.error(
                    place,
                    format!("{what}: schemes names an unknown scheme {}", quote(id)),
                );
            } else {
                out.variance(place, &what, &format!("the variance of {}", quote(id)), *v);
            }
        }
        for (id, v) in s.amounts.iter() {
            let place = [at("amounts"), vec![Step::Key(id.to_string())]].concat();
            let field = format!("the amount of {}", quote(id));
            match a.scheme(id) {
                None => out.error(
                    place,
                    format!("{what}: amounts names an unknown scheme {}", quote(id)),
                ),
                Some(_) if v.abs() > MAX_AMOUNT => {
                    out.error(place, format!("{what}: {field} {v} is too large"))
                }
                Some(_) if v.normalize().scale() > 2 => out.error(
                    place,
                    format!("{what}: {field} {v} has a fraction of a penny; write pounds and pence"),
                ),
                Some(scheme) if -*v > scheme.budget() => out.error(
                    place,
                    format!(
                        "{what}: {field} {v} would be an underspend of more than the whole budget ({})",
                        scheme.budget()
                    ),
                ),
                Some(_) if s.schemes.contains_key(id) => out.warning(
                    place,
                    format!("{what}: {} is given as a percent in schemes and in pounds in amounts; the amount is used", quote(id)),
                ),
                Some(_) => {}
            }
        }
        let listed = [
            ("risks", &s.risks, &risks),
            ("benefits", &s.benefits, &benefits),
        ];
        for (field, list, known) in listed {
            let mut seen = HashSet::new();
            for (k, id) in list.iter().enumerate() {
                let place = [at(field), vec![Step::Item(k)]].concat();
                let kind = &field[..field.len() - 1];
                if !known.contains(id.as_str()) {
                    out.error(
                        place,
                        format!("{what} lists an unknown {kind} {}", quote(id)),
                    );
                } else if !seen.insert(id.as_str()) {
                    out.warning(place, format!("{what} lists {kind} {} twice", quote(id)));
                } else if field == "risks" && closed.contains(id.as_str()) {
                    out.warning(
                        place,
                        format!("{what} lists risk {}, which is Closed", quote(id)),
                    );
                }
            }
        }
    }
}

/// Checks a section's ids are present and unique; returns the set of them.
fn ids<'a>(
    out: &mut Problems<'_>,
    section: &'static str,
    kind: &str,
    list: impl Iterator<Item = &'a String>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in list.enumerate() {
        let place = vec![Step::Field(section), Step::Item(i), Step::Field("id")];
        if id.trim().is_empty() {
            out.error(place, format!("{kind} {} has an empty id", i + 1));
        } else if !seen.insert(id.as_str()) {
            out.error(
                place,
                format!(
                    "duplicate {kind} id {}: each {kind} needs its own",
                    quote(id)
                ),
            );
        }
    }
    seen
}

/// An id or name as it appears in a message: cleaned, quoted and kept short.
pub fn quote(id: &str) -> String {
    format!("'{}'", crate::model::text::clip(id, 40))
}

/// Where the problems found go, with the checks every section shares.
pub struct Problems<'s>(&'s mut dyn FnMut(Problem));

impl Problems<'_> {
    pub fn error(&mut self, place: Vec<Step>, message: String) {
        (self.0)(Problem {
            severity: Severity::Error,
            place,
            message,
        });
    }

    pub fn warning(&mut self, place: Vec<Step>, message: String) {
        (self.0)(Problem {
            severity: Severity::Warning,
            place,
            message,
        });
    }

    /// A percent must run 0-100.
    pub fn percent(&mut self, place: Vec<Step>, what: &str, field: &str, v: Decimal) {
        if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
            self.error(place, format!("{what}: {field} {v} is outside 0-100"));
        }
    }

    /// An amount of money (or a weight) must be 0 or more and at most [`MAX_AMOUNT`].
    pub fn amount(&mut self, place: Vec<Step>, what: &str, field: &str, v: Decimal) {
        if v < Decimal::ZERO {
            self.error(
                place,
                format!("{what}: {field} {v} is negative; it must be 0 or more"),
            );
        } else if v > MAX_AMOUNT {
            self.error(
                place,
                format!(
                    "{what}: {field} {v} is larger than riskshare handles (at most {MAX_AMOUNT})"
                ),
            );
        }
    }

    /// An amount of money: as [`Problems::amount`], and pounds and pence, never a fraction of a
    /// penny, which no ledger can pay and which rounding in two places would make disagree.
    pub fn money(&mut self, place: Vec<Step>, what: &str, field: &str, v: Decimal) {
        if v.normalize().scale() > 2 {
            self.error(
                place,
                format!(
                    "{what} {field} {v} has a fraction of a penny; money is pounds and pence, \
                     at most two decimals"
                ),
            );
        } else {
            self.amount(place, what, field, v);
        }
    }

    /// A variance in percent: an underspend can never be more than the whole budget.
    pub fn variance(&mut self, place: Vec<Step>, what: &str, field: &str, v: Decimal) {
        if v < -Decimal::ONE_HUNDRED {
            self.error(
                place,
                format!("{what}: {field} {v} would be an underspend of more than the whole budget"),
            );
        } else if v > MAX_AMOUNT {
            self.error(place, format!("{what}: {field} {v} is too large"));
        }
    }

    /// A likelihood or impact on the 5x5 matrix.
    pub fn score(&mut self, place: Vec<Step>, what: &str, field: &str, v: u8) {
        if !(1..=5).contains(&v) {
            self.error(place, format!("{what}: {field} {v} is outside 1-5"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_ten_to_the_twentieth() {
        assert_eq!(MAX_AMOUNT.to_string(), "100000000000000000000");
    }

    #[test]
    fn the_example_has_no_problems() {
        let a = crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap();
        assert_eq!(validate(&a), vec![]);
    }
}
