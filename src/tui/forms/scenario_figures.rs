//! A named scenario's figures as rows: its name and base variance, then for each scheme a
//! variance of its own in percent or in pounds (blank: it follows the base), then whether each
//! risk happens and each benefit is realised. What the loader would refuse is refused with its
//! sentence.

use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, OrderedMap, Scenario};
use rust_decimal::Decimal;

const NAME: usize = 0;
const VARIANCE: usize = 1;
/// Two fields a scheme follow (percent, pounds), then one a risk, then one a benefit.
const SCHEMES: usize = 2;

/// A scheme's own setting as typed: its id, a percent, pounds.
type Held = (String, Option<Decimal>, Option<Decimal>);

const HAPPENS: [&str; 2] = ["no", "happens"];
const REALISED: [&str; 2] = ["no", "realised"];

pub fn percent_label(scheme: &str) -> String {
    format!("{scheme} variance %")
}

pub fn pounds_label(scheme: &str) -> String {
    format!("{scheme} variance pounds")
}

pub fn risk_label(risk: &str) -> String {
    format!("Risk {risk}")
}

pub fn benefit_label(benefit: &str) -> String {
    format!("Benefit {benefit}")
}

fn choice(label: String, on: bool, words: [&str; 2]) -> Field {
    Field::choice(
        label,
        words[usize::from(on)],
        words.iter().map(|w| w.to_string()).collect(),
    )
}

pub fn new_form(agreement: &Agreement, scenario: &Scenario) -> Form {
    let mut fields = vec![
        Field::text("Name", &scenario.name, "the scenario's name"),
        Field::text(
            "Variance %",
            scenario.variance.normalize().to_string(),
            "percent of every scheme's budget, unless the scheme has its own below",
        ),
    ];
    for s in &agreement.schemes {
        let percent = scenario.schemes.get(&s.id);
        let pounds = scenario.amounts.get(&s.id);
        fields.push(Field::text(
            percent_label(&s.id),
            percent
                .map(|p| p.normalize().to_string())
                .unwrap_or_default(),
            "percent of this scheme's budget; blank: the variance above",
        ));
        fields.push(Field::text(
            pounds_label(&s.id),
            pounds
                .map(|a| crate::tui::format::editable(*a))
                .unwrap_or_default(),
            "pounds exactly (a forecast), instead of a percent; blank: none",
        ));
    }
    for r in &agreement.risks {
        fields.push(choice(
            risk_label(&r.id),
            scenario.risks.contains(&r.id),
            HAPPENS,
        ));
    }
    for b in &agreement.benefits {
        fields.push(choice(
            benefit_label(&b.id),
            scenario.benefits.contains(&b.id),
            REALISED,
        ));
    }
    Form::new(
        format!("Scenario \"{}\"", scenario.name),
        FormKind::ScenarioFigures {
            name: scenario.name.clone(),
        },
        fields,
    )
}

fn percent(form: &Form, i: usize) -> Result<Decimal, Refusal> {
    let raw = form.value(i);
    crate::model::money::parse_percent(raw).ok_or_else(|| {
        Refusal::at(
            i,
            format!(
                "{}: '{raw}' is not a percentage; write a number such as 3 or -2.5",
                form.fields[i].label
            ),
        )
    })
}

/// `kept` in its order, then whatever of `all` is switched on and not in it yet.
fn listed<'a>(
    kept: &[String],
    all: impl Iterator<Item = &'a str>,
    on: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = kept.iter().filter(|k| on(k)).cloned().collect();
    for id in all {
        if on(id) && !out.iter().any(|k| k == id) {
            out.push(id.to_string());
        }
    }
    out
}

pub fn apply(form: &Form, agreement: &Agreement, original: &str) -> Result<Outcome, Refusal> {
    let Some(index) = agreement.scenarios.iter().position(|s| s.name == original) else {
        return Err(Refusal::whole(format!(
            "scenario \"{original}\" is no longer in the agreement"
        )));
    };
    let old = &agreement.scenarios[index];
    let name = form.value(NAME);
    if name.is_empty() {
        return Err(Refusal::at(NAME, "Name: a name is needed"));
    }
    if let Some(taken) = agreement.scenario(name)
        && taken.name != original
    {
        return Err(Refusal::at(
            NAME,
            super::scenario::name_taken(name, &taken.name),
        ));
    }
    let mut held: Vec<Held> = Vec::new();
    for (n, s) in agreement.schemes.iter().enumerate() {
        let (p_at, a_at) = (SCHEMES + 2 * n, SCHEMES + 2 * n + 1);
        let p = match form.value(p_at) {
            "" => None,
            _ => Some(percent(form, p_at)?),
        };
        let a = match form.value(a_at) {
            "" => None,
            raw => Some(crate::model::money::parse_number(raw).map_err(|why| {
                Refusal::at(a_at, format!("{}: '{raw}' {why}", form.fields[a_at].label))
            })?),
        };
        if p.is_some() && a.is_some() {
            return Err(Refusal::at(
                a_at,
                format!(
                    "{}: {} is given in percent and in pounds; keep one",
                    form.fields[a_at].label, s.id
                ),
            ));
        }
        held.push((s.id.clone(), p, a));
    }
    // A map keeps its order (it is the file's): kept keys first, new ones after.
    let map_of = |old: &OrderedMap<Decimal>, pick: fn(&Held) -> Option<Decimal>| {
        let value = |id: &str| held.iter().find(|h| h.0 == id).and_then(pick);
        let keys = listed(
            &old.keys().map(str::to_string).collect::<Vec<_>>(),
            held.iter().map(|h| h.0.as_str()),
            |id| value(id).is_some(),
        );
        keys.into_iter()
            .filter_map(|k| value(&k).map(|v| (k, v)))
            .collect::<OrderedMap<Decimal>>()
    };
    let schemes = map_of(&old.schemes, |h| h.1);
    let amounts = map_of(&old.amounts, |h| h.2);
    let first_risk = SCHEMES + 2 * agreement.schemes.len();
    let first_benefit = first_risk + agreement.risks.len();
    let risk_on = |id: &str| {
        agreement
            .risks
            .iter()
            .position(|r| r.id == id)
            .is_some_and(|n| form.value(first_risk + n) == HAPPENS[1])
    };
    let benefit_on = |id: &str| {
        agreement
            .benefits
            .iter()
            .position(|b| b.id == id)
            .is_some_and(|n| form.value(first_benefit + n) == REALISED[1])
    };
    let scenario = Scenario {
        name: name.to_string(),
        variance: percent(form, VARIANCE)?,
        schemes,
        amounts,
        risks: listed(
            &old.risks,
            agreement.risks.iter().map(|r| r.id.as_str()),
            risk_on,
        ),
        benefits: listed(
            &old.benefits,
            agreement.benefits.iter().map(|b| b.id.as_str()),
            benefit_on,
        ),
    };
    let mut next = agreement.clone();
    next.scenarios[index] = scenario;
    validate(&next).map_err(|why| {
        let field = agreement.schemes.iter().enumerate().find_map(|(n, s)| {
            if why.contains(&format!("the variance of '{}'", s.id)) {
                Some(SCHEMES + 2 * n)
            } else if why.contains(&format!("the amount of '{}'", s.id)) {
                Some(SCHEMES + 2 * n + 1)
            } else {
                None
            }
        });
        let field = field.or_else(|| why.contains(": variance ").then_some(VARIANCE));
        Refusal {
            field,
            message: why,
        }
    })?;
    Ok(Outcome::Change(
        next,
        format!("Scenario \"{name}\" changed"),
    ))
}
