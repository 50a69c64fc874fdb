//! Naming the what-if on the scenario pane: it is kept in the agreement as a named scenario.

use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Scenario};
use crate::tui::format;

const NAME: usize = 0;

/// A form asking for a name for `what_if`, prefilled with one no scenario has yet.
pub fn new_form(agreement: &Agreement, what_if: &Scenario) -> Form {
    let base = format!("What-if {}", format::held_percent(what_if.variance));
    let name = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base} ({n})")))
        .find(|n| agreement.scenario(n).is_none())
        .unwrap_or(base);
    Form::new(
        "Name this what-if",
        FormKind::Scenario {
            what_if: Box::new(what_if.clone()),
        },
        vec![Field::text(
            "Name",
            name,
            "kept with the agreement; [ and ] pick it",
        )],
    )
}

/// Why a scenario's name cannot be used: another scenario has it (names ignore case).
pub fn name_taken(name: &str, taken: &str) -> String {
    if name == taken {
        format!("Name: a scenario named '{name}' already exists; choose another")
    } else {
        format!(
            "Name: '{name}' is already taken: a scenario named '{taken}' exists, and names ignore case; choose another"
        )
    }
}

pub fn apply(form: &Form, agreement: &Agreement, what_if: &Scenario) -> Result<Outcome, Refusal> {
    let name = form.value(NAME);
    if name.is_empty() {
        return Err(Refusal::at(NAME, "Name: a name is needed"));
    }
    if let Some(taken) = agreement.scenario(name) {
        return Err(Refusal::at(NAME, name_taken(name, &taken.name)));
    }
    let mut next = agreement.clone();
    next.scenarios.push(Scenario {
        name: name.to_string(),
        ..what_if.clone()
    });
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(next, format!("Scenario '{name}' added")))
}
