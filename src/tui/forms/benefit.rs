//! The benefit form: what the partners expect to gain, how it is measured (metric, baseline,
//! target), what it saves when realised, how likely that is, who realises it and whether the
//! saving is shared in its scheme. A value the loader would refuse is refused with the loader's
//! own sentence, on the field it names.

use super::fields::{chosen, required, unique_id};
use super::validate::{rename, validate};
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Benefit};
use crate::tui::format;
use rust_decimal::Decimal;

const ID: usize = 0;
const TITLE: usize = 1;
const METRIC: usize = 2;
const BASELINE: usize = 3;
const TARGET: usize = 4;
const VALUE: usize = 5;
const REALISED_BY: usize = 6;
const SCHEME: usize = 7;
const LIKELIHOOD: usize = 8;
const PROBABILITY: usize = 9;
const SHARED: usize = 10;

const NO_SCHEME: &str = "(none)";
const SHARING: [bool; 2] = [false, true];

fn shared_label(shared: bool) -> &'static str {
    if shared {
        "shared in its scheme"
    } else {
        "kept by who realises it"
    }
}

pub fn new_form(agreement: &Agreement, benefit: Option<&Benefit>) -> Form {
    let blank = Benefit {
        id: String::new(),
        title: String::new(),
        metric: String::new(),
        baseline: Decimal::ZERO,
        target: Decimal::ZERO,
        value: Decimal::ZERO,
        realised_by: agreement
            .parties
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        scheme: None,
        likelihood: 3,
        probability: None,
        shared: false,
    };
    let b = benefit.unwrap_or(&blank);
    let schemes = std::iter::once(NO_SCHEME.to_string())
        .chain(agreement.schemes.iter().map(|s| s.id.clone()))
        .collect();
    let fields = vec![
        Field::text("Id", &b.id, "short: B2"),
        Field::text("Title", &b.title, "what the partners expect to gain"),
        Field::text("Metric", &b.metric, "how it is measured: bed days a month"),
        Field::text(
            "Baseline",
            b.baseline.normalize().to_string(),
            "the metric now",
        ),
        Field::text(
            "Target",
            b.target.normalize().to_string(),
            "the metric when realised",
        ),
        Field::text(
            "Value",
            format::editable(b.value),
            "pounds saved when realised",
        ),
        Field::choice(
            "Realised by",
            &b.realised_by,
            agreement.parties.iter().map(|p| p.id.clone()).collect(),
        ),
        Field::choice("Scheme", b.scheme.as_deref().unwrap_or(NO_SCHEME), schemes),
        Field::text(
            "Likelihood",
            b.likelihood.to_string(),
            "1 rare to 5 almost certain",
        ),
        Field::text(
            "Probability",
            b.probability
                .map(|p| p.normalize().to_string())
                .unwrap_or_default(),
            "percent; blank: from the likelihood",
        ),
        Field::choice_of("Shared", &SHARING, b.shared, shared_label),
    ];
    let (title, original) = match benefit {
        Some(b) => (format!("Edit benefit {}", b.id), Some(b.id.clone())),
        None => ("Add a benefit".to_string(), None),
    };
    Form::new(title, FormKind::Benefit { original }, fields)
}

/// A number as typed (`1,200`, `-3.5`), its range left to the loader's checks.
fn number(form: &Form, i: usize) -> Result<Decimal, Refusal> {
    let raw = form.value(i);
    crate::model::money::parse_number(raw)
        .map_err(|why| Refusal::at(i, format!("{}: '{raw}' {why}", form.fields[i].label)))
}

pub fn apply(
    form: &Form,
    agreement: &Agreement,
    original: Option<&str>,
) -> Result<Outcome, Refusal> {
    let new_id = unique_id(form, ID, original, "benefit", |id| {
        agreement.benefit(id).is_some()
    })?;
    let likelihood = form.value(LIKELIHOOD).parse::<u8>().map_err(|_| {
        Refusal::at(
            LIKELIHOOD,
            format!(
                "Likelihood: '{}' is not a whole number from 1 to 5",
                form.value(LIKELIHOOD)
            ),
        )
    })?;
    let probability = if form.value(PROBABILITY).is_empty() {
        None
    } else {
        Some(number(form, PROBABILITY)?)
    };
    let benefit = Benefit {
        id: new_id.clone(),
        title: required(form, TITLE)?,
        metric: form.value(METRIC).to_string(),
        baseline: number(form, BASELINE)?,
        target: number(form, TARGET)?,
        value: number(form, VALUE)?,
        realised_by: form.value(REALISED_BY).to_string(),
        scheme: match form.value(SCHEME) {
            NO_SCHEME => None,
            s => Some(s.to_string()),
        },
        likelihood,
        probability,
        shared: chosen(&SHARING, form, SHARED, shared_label).unwrap_or(false),
    };
    let mut next = agreement.clone();
    match original.and_then(|o| next.benefits.iter().position(|b| b.id == o)) {
        Some(i) => next.benefits[i] = benefit,
        None => next.benefits.push(benefit),
    }
    if let Some(old) = original {
        for s in &mut next.scenarios {
            rename(&mut s.benefits, old, &new_id);
        }
    }
    validate(&next).map_err(|why| {
        let field = [
            ("likelihood", LIKELIHOOD),
            ("probability", PROBABILITY),
            ("value", VALUE),
            ("shared", SHARED),
            ("scheme", SCHEME),
        ]
        .iter()
        .find(|(word, _)| why.contains(&format!(": {word} ")) || why.contains(&format!(" {word} ")))
        .map(|(_, i)| *i);
        Refusal {
            field,
            message: why,
        }
    })?;
    let what = match original {
        Some(_) => format!("Benefit '{new_id}' changed"),
        None => format!("Benefit '{new_id}' added"),
    };
    Ok(Outcome::Change(next, what))
}

/// The agreement without benefit `id`: scenarios that realise it no longer list it.
pub fn delete(agreement: &Agreement, id: &str) -> Agreement {
    let mut next = agreement.clone();
    next.benefits.retain(|b| b.id != id);
    for s in &mut next.scenarios {
        s.benefits.retain(|b| b != id);
    }
    next
}
