//! The scheme form: a scheme's name and its two rules. Bands and bases are written in words
//! (`up to 1%: Fixed(ICB 100%); Contribution`, `Blend(Contribution 60%, Equal 40%)`), caps as
//! `LA 5%, ACUTE 0, CMS 10% of budget` (a percent of contribution, pounds, or of the budget).

use super::basis::{bands_text, basis_of};
use super::fields::{money, required, within};
use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Cap, OrderedMap, Rule, Scheme};

const BANDS_HINT: &str = "up to 1%: Fixed(ICB 100%); Blend(Contribution 60%, Equal 40%)";

const NAME: usize = 0;
const CONTINGENCY: usize = 1;
const OVER_BANDS: usize = 2;
const OVER_CAPS: usize = 3;
const OVER_REDISTRIBUTE: usize = 4;
const REINVEST: usize = 5;
const UNDER_BANDS: usize = 6;
const UNDER_CAPS: usize = 7;
const UNDER_REDISTRIBUTE: usize = 8;

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
        Field::text("Overspend bands", bands_text(&o.bands), BANDS_HINT),
        Field::text("Overspend caps", caps_text(&o.caps), "LA 5%, ACUTE 0"),
        Field::text(
            "Overspend redistribute",
            o.redistribute.label(),
            "basis for what caps hold back",
        ),
        Field::text(
            "Underspend reinvest",
            u.reinvest.to_string(),
            "percent kept in the pool",
        ),
        Field::text("Underspend bands", bands_text(&u.bands), BANDS_HINT),
        Field::text("Underspend caps", caps_text(&u.caps), "LA 5%, ACUTE 0"),
        Field::text("Underspend redistribute", u.redistribute.label(), "basis"),
    ];
    Form::new(
        format!("Rules of scheme {}", scheme.id),
        FormKind::Scheme {
            id: scheme.id.clone(),
        },
        fields,
    )
}

/// A field read by `read`, its error given the field's label.
fn in_words<T>(form: &Form, i: usize, read: fn(&str) -> Result<T, String>) -> Result<T, Refusal> {
    read(form.value(i)).map_err(|e| Refusal::at(i, format!("{}: {e}", form.fields[i].label)))
}

fn caps(form: &Form, i: usize) -> Result<OrderedMap<Cap>, Refusal> {
    let mut out = OrderedMap::default();
    for part in super::fields::entries(form.value(i)) {
        // `CMS 10% of budget` is a BudgetPercent cap.
        let (part_of_budget, of_budget) = match part.strip_suffix("of budget") {
            Some(rest) => (rest.trim_end(), true),
            None => (part, false),
        };
        // The id is the first word; the rest is the cap, which may be `£20 000`.
        let (who, amount) = part_of_budget
            .split_once(' ')
            .map_or((part_of_budget, ""), |(w, a)| (w, a.trim()));
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
        bands: in_words(form, bands, super::basis::bands)?,
        caps: caps(form, caps_at)?,
        redistribute: in_words(form, redistribute, basis_of)?,
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
