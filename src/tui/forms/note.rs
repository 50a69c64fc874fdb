//! A note on a decision in the log ("agreed at the March board"), added straight after the
//! change or later: the entry is picked from a list, newest first, and only its note changes.

use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::Agreement;
use crate::model::text::clip;

const ENTRY: usize = 0;
const NOTE: usize = 1;

/// How an entry is named in the picker: `#3 2026-03-09 OOH overspend: LA's cap...`.
fn label(n: usize, at: &str, change: &str) -> String {
    let day = at.get(..10).unwrap_or(at);
    clip(&format!("#{} {day} {change}", n + 1), 60)
}

/// The form, on the newest entry; `None` when nothing has been logged yet.
pub fn new_form(agreement: &Agreement) -> Option<Form> {
    let newest = agreement.log.last()?;
    let choices: Vec<String> = agreement
        .log
        .iter()
        .enumerate()
        .rev()
        .map(|(n, e)| label(n, &e.at, &e.change))
        .collect();
    let first = choices.first().cloned().unwrap_or_default();
    let mut note = Field::text("Note", &newest.note, "why: agreed at the March board");
    note.hint = "why the change was made, e.g. agreed at the March board".into();
    Some(Form::new(
        "Note on a decision",
        FormKind::Note,
        vec![Field::choice("Decision", &first, choices), note],
    ))
}

pub fn apply(form: &Form, agreement: &Agreement) -> Result<Outcome, Refusal> {
    let picked = &form.fields[ENTRY].value;
    let index = agreement
        .log
        .iter()
        .enumerate()
        .position(|(n, e)| label(n, &e.at, &e.change) == *picked)
        .ok_or_else(|| Refusal::at(ENTRY, "Decision: pick an entry of the log"))?;
    let note = crate::model::text::clean(form.value(NOTE));
    let mut next = agreement.clone();
    next.log[index].note = note;
    Ok(Outcome::Change(
        next,
        format!("Note on decision #{} kept", index + 1),
    ))
}
