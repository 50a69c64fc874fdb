//! Naming the what-if on the scenario pane: it is kept in the agreement as a named scenario.

use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Scenario};
use crate::tui::format;

const NAME: usize = 0;

/// A form asking for a name for `what_if`, prefilled with one no scenario has yet.
pub fn new_form(agreement: &Agreement, what_if: &Scenario) -> Form {
    let base = format!("What-if {}", format::signed_percent(what_if.variance));
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

pub fn apply(form: &Form, agreement: &Agreement, what_if: &Scenario) -> Result<Outcome, Refusal> {
    let name = form.value(NAME);
    if name.is_empty() {
        return Err(Refusal::at(NAME, "Name: a name is needed"));
    }
    if let Some(taken) = agreement.scenario(name) {
        return Err(Refusal::at(
            NAME,
            format!(
                "Name: '{name}' is already taken by '{}'; choose another",
                taken.name
            ),
        ));
    }
    let mut next = agreement.clone();
    next.scenarios.push(Scenario {
        name: name.to_string(),
        ..what_if.clone()
    });
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(next, format!("Scenario '{name}' added")))
}
