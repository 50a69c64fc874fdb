//! The scheme form: a scheme's id, its name and what each party puts into it (blank: not a
//! member). It adds a scheme, with the empty rules, or renames one: a new id is followed
//! everywhere the scheme is named (risks, benefits, scenarios), as a party's is. Deleting a
//! scheme is refused while a risk, a benefit or a scenario still names it.

use super::fields::{required, unique_id};
use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, OrderedMap, Rule, Scheme};
use crate::tui::format;

const ID: usize = 0;
const NAME: usize = 1;
/// One field per party follows: what it puts in.
const PARTIES: usize = 2;

/// The label of the contribution field of `party`.
pub fn puts_in(party: &str) -> String {
    format!("{party} puts in")
}

/// Adds a scheme (`None`) or edits `scheme`'s id, name and contributions.
pub fn new_form(agreement: &Agreement, scheme: Option<&Scheme>) -> Form {
    let (id, name) = scheme.map_or((String::new(), String::new()), |s| {
        (s.id.clone(), s.name.clone())
    });
    let mut fields = vec![
        Field::text(
            "Id",
            id,
            "short, as risks and scenarios name it; a new id follows it everywhere",
        ),
        Field::text("Name", name, "the scheme's name"),
    ];
    for p in &agreement.parties {
        let value = scheme
            .and_then(|s| s.contributions.get(&p.id))
            .map(|v| format::editable(*v))
            .unwrap_or_default();
        fields.push(Field::text(
            puts_in(&p.id),
            value,
            "pounds into this scheme; blank: not a member",
        ));
    }
    let (title, original) = match scheme {
        Some(s) => (format!("Scheme {}", s.id), Some(s.id.clone())),
        None => ("Add a scheme".to_string(), None),
    };
    Form::new(title, FormKind::SchemeFacts { original }, fields)
}

pub fn apply(
    form: &Form,
    agreement: &Agreement,
    original: Option<&str>,
) -> Result<Outcome, Refusal> {
    let new_id = unique_id(form, ID, original, "scheme", |id| {
        agreement.scheme(id).is_some()
    })?;
    let name = required(form, NAME)?;
    let mut contributions = OrderedMap::default();
    // Members keep their order in the scheme (a tie goes to the member listed first); a new
    // member comes after them.
    let old = original.and_then(|o| agreement.scheme(o));
    let mut order: Vec<&str> = old.map(|s| s.members().collect()).unwrap_or_default();
    for p in &agreement.parties {
        if !order.contains(&p.id.as_str()) {
            order.push(&p.id);
        }
    }
    for party in order {
        let Some(n) = agreement.parties.iter().position(|p| p.id == party) else {
            continue;
        };
        let field = PARTIES + n;
        let raw = form.value(field);
        if !raw.is_empty() {
            // Read as a number; its range and pence are the loader's to refuse, in its words.
            let amount = crate::model::money::parse_number(raw).map_err(|why| {
                Refusal::at(
                    field,
                    format!("{}: '{raw}' {why}", form.fields[field].label),
                )
            })?;
            contributions.insert(party.to_string(), amount);
        }
    }
    let mut next = agreement.clone();
    match original.and_then(|o| next.schemes.iter().position(|s| s.id == o)) {
        Some(i) => {
            let scheme = &mut next.schemes[i];
            scheme.id = new_id.clone();
            scheme.name = name;
            scheme.contributions = contributions;
        }
        None => next.schemes.push(Scheme {
            id: new_id.clone(),
            name,
            contributions,
            overspend: Rule::default(),
            underspend: Rule::default(),
            quarters: Vec::new(),
        }),
    }
    if let Some(old) = original
        && old != new_id
    {
        rename_scheme(&mut next, old, &new_id);
    }
    validate(&next).map_err(|why| {
        // The loader names a contribution by its party: that party's row.
        let field = agreement
            .parties
            .iter()
            .position(|p| why.contains(&format!("the contribution of '{}'", p.id)))
            .map(|n| PARTIES + n)
            .or_else(|| why.contains("has no members").then_some(PARTIES));
        Refusal {
            field,
            message: why,
        }
    })?;
    let what = match original {
        Some(old) if old != new_id => format!("Scheme '{old}' is now '{new_id}'"),
        Some(_) => format!("Scheme '{new_id}' changed"),
        None => format!("Scheme '{new_id}' added"),
    };
    Ok(Outcome::Change(next, what))
}

/// Where a scheme is named outside itself, in words: what blocks deleting it.
pub fn scheme_references(agreement: &Agreement, id: &str) -> Vec<String> {
    let mut uses = Vec::new();
    for r in &agreement.risks {
        if r.scheme.as_deref() == Some(id) {
            uses.push(format!("risk {}", r.id));
        }
    }
    for b in &agreement.benefits {
        if b.scheme.as_deref() == Some(id) {
            uses.push(format!("benefit {}", b.id));
        }
    }
    for s in &agreement.scenarios {
        if s.schemes.contains_key(id) || s.amounts.contains_key(id) {
            uses.push(format!("scenario \"{}\"", s.name));
        }
    }
    uses
}

/// The agreement without scheme `id`, or the sentence saying why it cannot go.
pub fn delete(agreement: &Agreement, id: &str) -> Result<Agreement, String> {
    let uses = scheme_references(agreement, id);
    if !uses.is_empty() {
        return Err(format!(
            "Scheme '{id}' is still named in {}: change those first",
            uses.join(", ")
        ));
    }
    let mut next = agreement.clone();
    next.schemes.retain(|s| s.id != id);
    validate(&next)?;
    Ok(next)
}

/// Gives a scheme a new id everywhere it is named.
pub fn rename_scheme(agreement: &mut Agreement, old: &str, new: &str) {
    let rename = |k: &mut String| {
        if k == old {
            *k = new.to_string();
        }
    };
    for r in &mut agreement.risks {
        r.scheme.iter_mut().for_each(rename);
    }
    for b in &mut agreement.benefits {
        b.scheme.iter_mut().for_each(rename);
    }
    for s in &mut agreement.scenarios {
        s.schemes.0.iter_mut().for_each(|(k, _)| rename(k));
        s.amounts.0.iter_mut().for_each(|(k, _)| rename(k));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_scheme_named_elsewhere_is_not_deleted_and_the_sentence_says_where() {
        let a = anytown();
        let why = delete(&a, "DTOC").unwrap_err();
        assert!(why.starts_with("Scheme 'DTOC' is still named in "), "{why}");
        assert!(why.contains("scenario \"Discharge pressure\""), "{why}");
    }

    #[test]
    fn renaming_a_scheme_follows_it_everywhere() {
        let mut a = anytown();
        rename_scheme(&mut a, "OOH", "OUT");
        assert!(scheme_references(&a, "OOH").is_empty());
        assert!(!scheme_references(&a, "OUT").is_empty());
    }
}
