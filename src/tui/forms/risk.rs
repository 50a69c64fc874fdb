//! The risk form: a register entry, its scores before and after mitigation, its cost and how the
//! cost is treated.

use super::fields::{
    chosen, money, optional_score, optional_within, required, score, unique_id, weights,
};
use super::validate::{rename, validate};
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::{Agreement, Boundary, OrderedMap, Residual, Risk, Status, Treatment};

const ID: usize = 0;
const TITLE: usize = 1;
const OWNER: usize = 2;
const SCHEME: usize = 3;
const BOUNDARY: usize = 4;
const LIKELIHOOD: usize = 5;
const IMPACT: usize = 6;
const RESIDUAL_L: usize = 7;
const RESIDUAL_I: usize = 8;
const COST: usize = 9;
const PROBABILITY: usize = 10;
const TREATMENT: usize = 11;
const INFLUENCE: usize = 12;
const MITIGATION: usize = 13;
const REVIEW: usize = 14;
const STATUS: usize = 15;
const CATEGORY: usize = 16;

const NO_SCHEME: &str = "(none)";

pub fn new_form(agreement: &Agreement, risk: Option<&Risk>) -> Form {
    let owner = agreement
        .parties
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let blank = Risk {
        id: String::new(),
        title: String::new(),
        owner,
        scheme: None,
        boundary: Boundary::CommissionerProvider,
        category: String::new(),
        likelihood: 3,
        impact: 3,
        residual: None,
        cost: rust_decimal::Decimal::ZERO,
        cost_range: None,
        probability: None,
        treatment: Treatment::Retained,
        influence: OrderedMap::default(),
        mitigation: String::new(),
        review: String::new(),
        status: Status::Open,
    };
    let r = risk.unwrap_or(&blank);
    let schemes = std::iter::once(NO_SCHEME.to_string())
        .chain(agreement.schemes.iter().map(|s| s.id.clone()))
        .collect();
    let influence: Vec<String> = r
        .influence
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let fields = vec![
        Field::text("Id", &r.id, "short: R5"),
        Field::text("Title", &r.title, "what could happen"),
        Field::choice(
            "Owner",
            &r.owner,
            agreement.parties.iter().map(|p| p.id.clone()).collect(),
        ),
        Field::choice("Scheme", r.scheme.as_deref().unwrap_or(NO_SCHEME), schemes),
        Field::choice_of("Boundary", &Boundary::ALL, r.boundary, Boundary::label),
        Field::text(
            "Likelihood",
            r.likelihood.to_string(),
            "1 rare to 5 almost certain",
        ),
        Field::text(
            "Impact",
            r.impact.to_string(),
            "1 negligible to 5 catastrophic",
        ),
        Field::text(
            "Residual likelihood",
            r.residual
                .map(|x| x.likelihood.to_string())
                .unwrap_or_default(),
            "1-5 after mitigation; blank: as inherent",
        ),
        Field::text(
            "Residual impact",
            r.residual.map(|x| x.impact.to_string()).unwrap_or_default(),
            "1-5 after mitigation",
        ),
        Field::text(
            "Cost",
            crate::tui::format::editable(r.cost),
            "pounds if it happens",
        ),
        Field::text(
            "Probability",
            r.probability.map(|p| p.to_string()).unwrap_or_default(),
            "percent; blank: from the likelihood",
        ),
        Field::choice_of("Treatment", &Treatment::ALL, r.treatment, Treatment::label),
        Field::text(
            "Influence",
            influence.join(", "),
            "for By influence: ICB 1, ACUTE 3",
        ),
        Field::text("Mitigation", &r.mitigation, "what is being done"),
        Field::text("Review", &r.review, "when it is next looked at"),
        Field::choice_of("Status", &STATUSES, r.status, status_label),
        Field::text("Category", &r.category, &category_hint(agreement)),
    ];
    let (title, original) = match risk {
        Some(r) => (format!("Edit risk {}", r.id), Some(r.id.clone())),
        None => ("Add a risk".to_string(), None),
    };
    Form::new(title, FormKind::Risk { original }, fields)
}

pub fn apply(
    form: &Form,
    agreement: &Agreement,
    original: Option<&str>,
) -> Result<Outcome, Refusal> {
    let new_id = unique_id(form, ID, original, "risk", |id| {
        agreement.risk(id).is_some()
    })?;
    let residual = match (
        optional_score(form, RESIDUAL_L)?,
        optional_score(form, RESIDUAL_I)?,
    ) {
        (Some(likelihood), Some(impact)) => Some(Residual { likelihood, impact }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(Refusal::at(
                RESIDUAL_I,
                "Residual impact: give it with the residual likelihood",
            ));
        }
        (None, Some(_)) => {
            return Err(Refusal::at(
                RESIDUAL_L,
                "Residual likelihood: give it with the residual impact",
            ));
        }
    };
    let treatment = chosen(&Treatment::ALL, form, TREATMENT, Treatment::label).unwrap_or_default();
    let influence: OrderedMap<_> = weights(form, INFLUENCE)?.into_iter().collect();
    if treatment == Treatment::ByInfluence && influence.is_empty() {
        return Err(Refusal::at(
            INFLUENCE,
            "Influence: By influence needs at least one party and weight",
        ));
    }
    let scheme = match form.value(SCHEME) {
        NO_SCHEME => None,
        s => Some(s.to_string()),
    };
    if treatment == Treatment::Pooled && scheme.is_none() {
        return Err(Refusal::at(
            SCHEME,
            "Scheme: a Pooled risk needs the scheme it adds to",
        ));
    }
    let old = original.and_then(|o| agreement.risk(o));
    let risk = Risk {
        id: new_id.clone(),
        title: required(form, TITLE)?,
        owner: form.value(OWNER).to_string(),
        scheme,
        boundary: chosen(&Boundary::ALL, form, BOUNDARY, Boundary::label)
            .unwrap_or(Boundary::CommissionerProvider),
        category: form.value(CATEGORY).to_string(),
        likelihood: score(form, LIKELIHOOD)?,
        impact: score(form, IMPACT)?,
        residual,
        cost: money(form, COST)?,
        cost_range: old.and_then(|r| r.cost_range),
        probability: optional_within(form, PROBABILITY, 0, 100)?,
        treatment,
        influence,
        mitigation: form.value(MITIGATION).to_string(),
        review: form.value(REVIEW).to_string(),
        status: chosen(&STATUSES, form, STATUS, status_label).unwrap_or_default(),
    };
    let mut next = agreement.clone();
    match original.and_then(|o| next.risks.iter().position(|r| r.id == o)) {
        Some(i) => next.risks[i] = risk,
        None => next.risks.push(risk),
    }
    if let Some(old) = original {
        for s in &mut next.scenarios {
            rename(&mut s.risks, old, &new_id);
        }
    }
    validate(&next).map_err(Refusal::whole)?;
    let what = match original {
        Some(_) => format!("Risk '{new_id}' changed"),
        None => format!("Risk '{new_id}' added"),
    };
    Ok(Outcome::Change(next, what))
}

/// What the category field takes: the categories the partners set an appetite for, which a
/// risk's category is matched against (case aside).
fn category_hint(agreement: &Agreement) -> String {
    let mut named: Vec<&str> = Vec::new();
    for p in &agreement.parties {
        for (c, _) in p.appetite_by_category.iter() {
            if !named.iter().any(|n| n.eq_ignore_ascii_case(c)) {
                named.push(c);
            }
        }
    }
    if named.is_empty() {
        "optional: judged by its owner's appetite_by_category".to_string()
    } else {
        format!(
            "optional; judged by the owner's level for: {}",
            named.join(", ")
        )
    }
}

/// A risk's statuses, as the form offers them.
const STATUSES: [Status; 2] = [Status::Open, Status::Closed];

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Open => "Open",
        Status::Closed => "Closed",
    }
}
