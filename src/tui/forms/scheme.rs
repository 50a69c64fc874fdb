//! The scheme form: a scheme's name and its two rules. Bands and bases are written in words
//! (`up to 1%: Fixed(ICB 100%); Contribution`, `Blend(Contribution 60%, Equal 40%)`), caps as
//! `LA 5%, ACUTE 0, CMS 10% of budget` (a percent of contribution, pounds, or of the budget),
//! a minimum rate as `at 2%: Fixed(CMS 100%)`. The pool's netting and contingency serve every
//! scheme; they are here because this is where a rule's money is set.

use super::basis::{bands_text, basis_of};
use super::fields::{money, required, within};
use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Cap, OrderedMap, Pool, Rule, Scheme, Threshold};

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
const OVER_THRESHOLD: usize = 9;
const UNDER_THRESHOLD: usize = 10;
const POOL_NETTING: usize = 11;
const POOL_CONTINGENCY: usize = 12;

const THRESHOLD_HINT: &str = "at 2%: Fixed(CMS 100%), or empty for none";
const YES_NO: [&str; 2] = ["no", "yes"];

/// A minimum rate as the form shows it: `at 2%: Fixed(CMS 100%)`, or nothing.
fn threshold_text(threshold: Option<&Threshold>) -> String {
    threshold.map_or_else(String::new, |t| {
        format!("at {}%: {}", t.at.normalize(), t.basis.label())
    })
}

/// Reads a minimum rate typed as [`threshold_text`] writes it; empty is none.
fn threshold_of(text: &str) -> Result<Option<Threshold>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let rest = text.strip_prefix("at ").unwrap_or(text);
    let (at, basis) = rest
        .split_once(':')
        .ok_or_else(|| format!("'{text}' should be written as at 2%: Fixed(CMS 100%)"))?;
    let at = crate::model::money::parse_percent(at)
        .ok_or_else(|| format!("'{}' is not a percent of the budget", at.trim()))?;
    Ok(Some(Threshold {
        at,
        basis: basis_of(basis)?,
    }))
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

pub fn new_form(agreement: &Agreement, scheme: &Scheme) -> Form {
    let (o, u) = (&scheme.overspend, &scheme.underspend);
    let pool = agreement.pool.clone().unwrap_or_default();
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
        Field::text(
            "Overspend minimum rate",
            threshold_text(o.threshold.as_ref()),
            THRESHOLD_HINT,
        ),
        Field::text(
            "Underspend minimum rate",
            threshold_text(u.threshold.as_ref()),
            THRESHOLD_HINT,
        ),
        Field::choice(
            "Pool netting (all schemes)",
            YES_NO[usize::from(pool.netting)],
            YES_NO.iter().map(|s| s.to_string()).collect(),
        ),
        Field::text(
            "Pool contingency (all schemes)",
            pool.contingency.to_string(),
            "pounds of the pool's risk pool",
        ),
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
    over.threshold = in_words(form, OVER_THRESHOLD, threshold_of)?;
    under.threshold = in_words(form, UNDER_THRESHOLD, threshold_of)?;
    scheme.overspend = over;
    scheme.underspend = under;
    let pool = Pool {
        netting: form.value(POOL_NETTING) == YES_NO[1],
        contingency: money(form, POOL_CONTINGENCY)?,
    };
    // No pool written unless it does something, so a file without one stays without one.
    next.pool =
        (pool.netting || !pool.contingency.is_zero() || next.pool.is_some()).then_some(pool);
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(
        next,
        format!("Rules of scheme '{id}' changed"),
    ))
}
