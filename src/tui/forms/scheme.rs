//! The scheme form: a scheme's name and its two rules. Bands and bases are written as in the
//! file (`[(up_to: 1.0, basis: Fixed({"ICB": 100})), (basis: Contribution)]`), caps as
//! `LA 5%, ACUTE 0` (a percent of contribution, or pounds).

use super::fields::{money, required, within};
use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Band, Basis, Cap, OrderedMap, Rule, Scheme};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

const NAME: usize = 0;
const CONTINGENCY: usize = 1;
const OVER_BANDS: usize = 2;
const OVER_CAPS: usize = 3;
const OVER_REDISTRIBUTE: usize = 4;
const REINVEST: usize = 5;
const UNDER_BANDS: usize = 6;
const UNDER_CAPS: usize = 7;
const UNDER_REDISTRIBUTE: usize = 8;

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn written<T: serde::Serialize>(value: &T) -> String {
    options().to_string(value).unwrap_or_default()
}

fn caps_text(caps: &OrderedMap<Cap>) -> String {
    caps.iter()
        .map(|(k, c)| match c {
            Cap::Percent(p) => format!("{k} {p}%"),
            Cap::BudgetPercent(p) => format!("{k} {p}% of budget"),
            Cap::Amount(a) => format!(
                "{k} {}",
                crate::tui::format::money(*a, true).replace(".00", "")
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn new_form(_agreement: &Agreement, scheme: &Scheme) -> Form {
    let (o, u) = (&scheme.overspend, &scheme.underspend);
    let fields = vec![
        Field::text("Name", &scheme.name, "the scheme's name"),
        Field::text(
            "Overspend contingency",
            o.contingency.to_string(),
            "pounds that absorb an overspend first",
        ),
        Field::text("Overspend bands", written(&o.bands), "as in the file"),
        Field::text("Overspend caps", caps_text(&o.caps), "LA 5%, ACUTE 0"),
        Field::text(
            "Overspend redistribute",
            written(&o.redistribute),
            "basis for what caps hold back",
        ),
        Field::text(
            "Underspend reinvest",
            u.reinvest.to_string(),
            "percent kept in the pool",
        ),
        Field::text("Underspend bands", written(&u.bands), "as in the file"),
        Field::text("Underspend caps", caps_text(&u.caps), "LA 5%, ACUTE 0"),
        Field::text("Underspend redistribute", written(&u.redistribute), "basis"),
    ];
    Form::new(
        format!("Rules of scheme {}", scheme.id),
        FormKind::Scheme {
            id: scheme.id.clone(),
        },
        fields,
    )
}

fn parsed<T: DeserializeOwned>(form: &Form, i: usize, example: &str) -> Result<T, Refusal> {
    let raw = form.value(i);
    options().from_str(raw).map_err(|e| {
        Refusal::at(
            i,
            format!(
                "{}: {} (write it as {example})",
                form.fields[i].label, e.code
            ),
        )
    })
}

fn caps(form: &Form, i: usize) -> Result<OrderedMap<Cap>, Refusal> {
    let mut out = OrderedMap::default();
    for part in form
        .value(i)
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // `CMS 10% of budget` is a BudgetPercent cap.
        let (part_of_budget, of_budget) = match part.strip_suffix("of budget") {
            Some(rest) => (rest.trim_end(), true),
            None => (part, false),
        };
        let (who, amount) = part_of_budget
            .rsplit_once(' ')
            .unwrap_or((part_of_budget, ""));
        let cap = match amount.strip_suffix('%') {
            Some(p) if of_budget => super::fields::number(p).map(Cap::BudgetPercent),
            _ if of_budget => None,
            Some(p) => super::fields::number(p).map(Cap::Percent),
            None => super::fields::number(amount).map(Cap::Amount),
        };
        match cap {
            Some(c)
                if who
                    .trim()
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_') =>
            {
                out.insert(who.trim().to_string(), c)
            }
            _ => {
                return Err(Refusal::at(
                    i,
                    format!(
                        "{}: '{part}' should be an id and a cap, such as LA 5% or ACUTE 0",
                        form.fields[i].label
                    ),
                ));
            }
        }
    }
    Ok(out)
}

fn rule(form: &Form, bands: usize, caps_at: usize, redistribute: usize) -> Result<Rule, Refusal> {
    Ok(Rule {
        bands: parsed::<Vec<Band>>(
            form,
            bands,
            "[(up_to: 1.0, basis: Equal), (basis: Contribution)]",
        )?,
        caps: caps(form, caps_at)?,
        redistribute: parsed::<Basis>(form, redistribute, "Contribution")?,
        ..Rule::default()
    })
}

pub fn apply(form: &Form, agreement: &Agreement, id: &str) -> Result<Outcome, Refusal> {
    let mut next = agreement.clone();
    let Some(scheme) = next.schemes.iter_mut().find(|s| s.id == id) else {
        return Err(Refusal::whole(format!(
            "scheme '{id}' is no longer in the agreement"
        )));
    };
    scheme.name = required(form, NAME)?;
    let mut over = rule(form, OVER_BANDS, OVER_CAPS, OVER_REDISTRIBUTE)?;
    over.contingency = money(form, CONTINGENCY)?;
    let mut under = rule(form, UNDER_BANDS, UNDER_CAPS, UNDER_REDISTRIBUTE)?;
    under.reinvest = within(form, REINVEST, 0, 100)?;
    // The form has no field for a threshold yet: the one the rule has is kept.
    over.threshold = scheme.overspend.threshold.clone();
    under.threshold = scheme.underspend.threshold.clone();
    scheme.overspend = over;
    scheme.underspend = under;
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(
        next,
        format!("Rules of scheme '{id}' changed"),
    ))
}
