//! The review thresholds as rows: each a percent of the budget at which the agreement says who
//! acts, and that action. A blank row at the end adds one; emptying a row deletes it. The
//! loader's checks (they rise through the list, an action is given) refuse with its sentences.

use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, ReviewThreshold};

/// Two fields a row: at, then action.
const ROW: usize = 2;

fn at_label(n: usize) -> String {
    format!("{n}. at (%)")
}

fn action_label(n: usize) -> String {
    format!("{n}. action")
}

pub fn new_form(agreement: &Agreement) -> Form {
    let mut fields = Vec::new();
    let rows = agreement.review_thresholds.iter().map(Some).chain([None]);
    for (n, t) in rows.enumerate() {
        let (at, action) = t.map_or((String::new(), String::new()), |t| {
            (t.at.normalize().to_string(), t.action.clone())
        });
        fields.push(Field::text(
            at_label(n + 1),
            at,
            "percent of the budget: 2, or -2 for an underspend; empty the row to delete it",
        ));
        fields.push(Field::text(
            action_label(n + 1),
            action,
            "who acts when it is crossed",
        ));
    }
    Form::new("Review thresholds", FormKind::Thresholds, fields)
}

pub fn apply(form: &Form, agreement: &Agreement) -> Result<Outcome, Refusal> {
    let mut thresholds = Vec::new();
    for row in 0..form.fields.len() / ROW {
        let (at_i, action_i) = (row * ROW, row * ROW + 1);
        let (at, action) = (form.value(at_i), form.value(action_i));
        if at.is_empty() && action.is_empty() {
            continue;
        }
        let percent = crate::model::money::parse_percent(at).ok_or_else(|| {
            Refusal::at(
                at_i,
                format!(
                    "{}: '{at}' is not a percent of the budget; write a number such as 2 or -2.5",
                    form.fields[at_i].label
                ),
            )
        })?;
        if action.is_empty() {
            return Err(Refusal::at(
                action_i,
                format!(
                    "{}: say who acts at {at}%, or empty the row to delete it",
                    form.fields[action_i].label
                ),
            ));
        }
        thresholds.push(ReviewThreshold {
            at: percent,
            action: action.to_string(),
        });
    }
    let mut next = agreement.clone();
    next.review_thresholds = thresholds;
    validate(&next).map_err(|why| {
        // The loader names the threshold by its place in the list.
        let list = &next.review_thresholds;
        let falls = (1..list.len()).find(|&n| list[n].at <= list[n - 1].at);
        let field = (1..=list.len())
            .find(|n| why.starts_with(&format!("review threshold {n}:")))
            .map(|n| n - 1)
            .or(falls)
            .and_then(|n| position_of_kept(form, n));
        Refusal {
            field,
            message: why,
        }
    })?;
    let (before, after) = (
        agreement.review_thresholds.len(),
        next.review_thresholds.len(),
    );
    let what = match after.cmp(&before) {
        std::cmp::Ordering::Greater => "Review threshold added".to_string(),
        std::cmp::Ordering::Less => "Review threshold deleted".to_string(),
        std::cmp::Ordering::Equal => "Review thresholds changed".to_string(),
    };
    Ok(Outcome::Change(next, what))
}

/// The `at` field of the `kept`-th row that is not empty.
fn position_of_kept(form: &Form, kept: usize) -> Option<usize> {
    (0..form.fields.len() / ROW)
        .map(|row| row * ROW)
        .filter(|&i| !(form.value(i).is_empty() && form.value(i + 1).is_empty()))
        .nth(kept)
}
