//! The party form: who the party is, its figures for the sharing bases, its appetite, and what
//! it puts into each scheme (blank: not a member).

use super::fields::{chosen, money, optional_money, required, unique_id, weight, within};
use super::validate::{rename_party, validate};
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Appetite, Constraint, Party, PartyKind};
use crate::tui::format;

const ID: usize = 0;
const NAME: usize = 1;
const KIND: usize = 2;
const APPETITE: usize = 3;
const TOLERANCE: usize = 4;
const ACTIVITY: usize = 5;
const EQUITY: usize = 6;
const RESERVES: usize = 7;
const PERFORMANCE: usize = 8;
const NEED: usize = 9;
const REDUCTION: usize = 10;
const CONSTRAINTS: usize = 11;
/// Contributions follow, one field per scheme.
const SCHEMES: usize = CONSTRAINTS + 3;

const CONSTRAINT_LIST: [Constraint; 3] = [
    Constraint::MustBalanceBudget,
    Constraint::NonFoundationTrust,
    Constraint::SpecialMeasures,
];

fn yes_no(on: bool) -> &'static str {
    if on { "yes" } else { "no" }
}

pub fn new_form(agreement: &Agreement, party: Option<&Party>) -> Form {
    let blank = Party::new("", "", PartyKind::Commissioner);
    let p = party.unwrap_or(&blank);
    let plain = format::editable;
    let mut fields = vec![
        Field::text("Id", &p.id, "short, as other records name it: ICB"),
        Field::text("Name", &p.name, "the organisation's name"),
        Field::choice_of("Kind", &PartyKind::ALL, p.kind, PartyKind::label),
        Field::choice_of("Appetite", &Appetite::ALL, p.appetite, Appetite::label),
        Field::text(
            "Loss tolerance",
            p.loss_tolerance.map(plain).unwrap_or_default(),
            "pounds; blank for the appetite's default",
        ),
        Field::text(
            "Activity",
            plain(p.activity),
            "pounds of activity (Activity basis)",
        ),
        Field::text("Equity", plain(p.equity), "Equity basis"),
        Field::text("Reserves", plain(p.reserves), "pounds (AbilityToPay basis)"),
        Field::text("Performance", p.performance.to_string(), "score 0-100"),
        Field::text("Investment need", plain(p.investment_need), "pounds"),
        Field::text(
            "Budget reduction",
            plain(p.budget_reduction),
            "pounds (Compensation)",
        ),
    ];
    for c in CONSTRAINT_LIST {
        fields.push(Field::choice(
            c.label(),
            yes_no(p.constraints.contains(&c)),
            vec!["no".into(), "yes".into()],
        ));
    }
    for s in &agreement.schemes {
        let value = s
            .contributions
            .get(&p.id)
            .map(|v| plain(*v))
            .unwrap_or_default();
        fields.push(Field::text(
            format!("Into {}", s.id),
            value,
            "pounds; blank: not a member",
        ));
    }
    let (title, original) = match party {
        Some(p) => (format!("Edit party {}", p.id), Some(p.id.clone())),
        None => ("Add a party".to_string(), None),
    };
    Form::new(title, FormKind::Party { original }, fields)
}

pub fn apply(
    form: &Form,
    agreement: &Agreement,
    original: Option<&str>,
) -> Result<Outcome, Refusal> {
    let new_id = unique_id(form, ID, original, "party", |id| {
        agreement.party(id).is_some()
    })?;
    let name = required(form, NAME)?;
    let mut next = agreement.clone();
    let mut party = match original.and_then(|o| agreement.party(o)) {
        Some(p) => p.clone(),
        None => Party::new("", "", PartyKind::Commissioner),
    };
    party.id = new_id.clone();
    party.name = name;
    party.kind = chosen(&PartyKind::ALL, form, KIND, PartyKind::label).unwrap_or(party.kind);
    party.appetite =
        chosen(&Appetite::ALL, form, APPETITE, Appetite::label).unwrap_or(party.appetite);
    party.loss_tolerance = optional_money(form, TOLERANCE)?;
    party.activity = weight(form, ACTIVITY)?;
    party.equity = weight(form, EQUITY)?;
    party.reserves = money(form, RESERVES)?;
    party.performance = within(form, PERFORMANCE, 0, 100)?;
    party.investment_need = money(form, NEED)?;
    party.budget_reduction = money(form, REDUCTION)?;
    party.constraints = CONSTRAINT_LIST
        .iter()
        .enumerate()
        .filter(|(n, _)| form.value(CONSTRAINTS + n) == "yes")
        .map(|(_, c)| *c)
        .collect();

    match original.and_then(|o| next.parties.iter().position(|p| p.id == o)) {
        Some(i) => next.parties[i] = party,
        None => next.parties.push(party),
    }
    if let Some(old) = original
        && old != new_id
    {
        rename_party(&mut next, old, &new_id);
    }
    for (n, scheme) in agreement.schemes.iter().enumerate() {
        let field = SCHEMES + n;
        let amount = if form.value(field).is_empty() {
            None
        } else {
            Some(money(form, field)?)
        };
        let contributions = &mut next.schemes[n].contributions;
        match amount {
            Some(a) => contributions.insert(new_id.clone(), a),
            None => {
                contributions.remove(&new_id);
                if contributions.is_empty() {
                    return Err(Refusal::at(
                        field,
                        format!("Into {}: a scheme needs at least one member", scheme.id),
                    ));
                }
            }
        }
    }
    validate(&next).map_err(Refusal::whole)?;
    let what = match original {
        Some(_) => format!("Party '{new_id}' changed"),
        None => format!("Party '{new_id}' added"),
    };
    Ok(Outcome::Change(next, what))
}
