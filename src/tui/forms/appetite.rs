//! The appetite form: a party's Orange Book level and its loss tolerance in pounds.

use super::fields::{chosen, optional_money};
use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Appetite, Party};
use crate::tui::format;

const LEVEL: usize = 0;
const TOLERANCE: usize = 1;

pub fn new_form(agreement: &Agreement, party: &Party) -> Form {
    let default = agreement.total_contribution(&party.id) * party.appetite.tolerance_percent()
        / rust_decimal::Decimal::ONE_HUNDRED;
    let fields = vec![
        Field::choice_of("Level", &Appetite::ALL, party.appetite, Appetite::label),
        Field::text(
            "Loss tolerance",
            party
                .loss_tolerance
                .map(format::editable)
                .unwrap_or_default(),
            &format!(
                "pounds; blank for the level's {}% of contributions ({} now)",
                party.appetite.tolerance_percent(),
                format::money(default, true)
            ),
        ),
    ];
    Form::new(
        format!("Appetite of {}", party.id),
        FormKind::Appetite {
            party: party.id.clone(),
        },
        fields,
    )
}

pub fn apply(form: &Form, agreement: &Agreement, party: &str) -> Result<Outcome, Refusal> {
    let mut next = agreement.clone();
    let Some(p) = next.parties.iter_mut().find(|p| p.id == party) else {
        return Err(Refusal::whole(format!(
            "party '{party}' is no longer in the agreement"
        )));
    };
    p.appetite = chosen(&Appetite::ALL, form, LEVEL, Appetite::label).unwrap_or(p.appetite);
    p.loss_tolerance = optional_money(form, TOLERANCE)?;
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(
        next,
        format!("Appetite of '{party}' changed"),
    ))
}
