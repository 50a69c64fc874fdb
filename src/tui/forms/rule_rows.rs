//! One side of a scheme's rule (its overspend or its underspend) as rows, with nothing typed in
//! words: each band its `up to` and a basis picked from a list, a `Fixed` band a row for each
//! member's percent and a `Blend` a row for each basis's weight; a cap a row per member (a kind
//! picked from a list and a value); the basis that redistributes what caps hold back.
//!
//! The rows follow what is picked: choosing `Fixed` for a band opens its members' rows, choosing
//! a basis in `New band` adds a band before the last, `(remove)` takes one away. Contingency,
//! reinvestment and the minimum rate stay in the words form (`s`).

use super::validate::validate;
use super::{Field, Form, FormKind, Outcome, Refusal};
use crate::model::money::{parse_number, parse_percent};
use crate::model::{Agreement, Band, Basis, BlendPart, Cap, OrderedMap, Rule, Scheme, Side};
use rust_decimal::Decimal;

const REMOVE: &str = "(remove)";
const NONE: &str = "(none)";
const FIXED: &str = "Fixed";
const BLEND: &str = "Blend";
const NEW_BAND: &str = "New band";
const REDISTRIBUTE: &str = "Redistribute";
const CAP_KINDS: [&str; 4] = ["none", "% of contribution", "pounds", "% of budget"];

/// The plain bases a side may use, by name.
fn plain(side: Side) -> Vec<(&'static str, Basis)> {
    let mut out = vec![
        ("Equal", Basis::Equal),
        ("Contribution", Basis::Contribution),
        ("Activity", Basis::Activity),
        ("Equity", Basis::Equity),
        ("Performance", Basis::Performance),
        ("AbilityToPay", Basis::AbilityToPay),
    ];
    if side == Side::Underspend {
        out.extend([
            ("InvestmentNeed", Basis::InvestmentNeed),
            ("Compensation", Basis::Compensation),
            ("Pool", Basis::Pool),
        ]);
    }
    out
}

fn up_to_label(n: usize) -> String {
    format!("Band {n} up to %")
}

fn basis_label(n: usize) -> String {
    format!("Band {n} basis")
}

fn weight_label(n: usize, key: &str) -> String {
    format!("Band {n}: {key} %")
}

fn cap_label(party: &str) -> String {
    format!("{party} cap")
}

fn cap_value_label(party: &str) -> String {
    format!("{party} cap value")
}

/// A band as the rows hold it: what was typed and picked.
struct Draft {
    up_to: String,
    basis: String,
    /// Member or basis -> percent as typed.
    weights: Vec<(String, String)>,
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Overspend => "Overspend",
        Side::Underspend => "Underspend",
    }
}

/// The form for `side` of `scheme`, or why its bands cannot be shown as rows.
pub fn new_form(scheme: &Scheme, side: Side) -> Result<Form, String> {
    let rule = scheme.rule(side);
    let mut drafts = Vec::new();
    for band in &rule.bands {
        let up_to = band
            .up_to
            .map(|p| p.normalize().to_string())
            .unwrap_or_default();
        let (basis, weights) = match &band.basis {
            Basis::Fixed(shares) => (
                FIXED.to_string(),
                shares
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.normalize().to_string()))
                    .collect(),
            ),
            Basis::Blend(parts) => {
                let mut weights = Vec::new();
                for p in parts {
                    if matches!(p.basis, Basis::Fixed(_) | Basis::Blend(_)) {
                        return Err(format!(
                            "A band of {} {} blends a {}; edit it in words with the rules form",
                            scheme.id,
                            side.label(),
                            p.basis.label()
                        ));
                    }
                    weights.push((p.basis.label(), p.weight.normalize().to_string()));
                }
                (BLEND.to_string(), weights)
            }
            other => (other.label(), Vec::new()),
        };
        drafts.push(Draft {
            up_to,
            basis,
            weights,
        });
    }
    let mut form = Form::new(
        format!("{} bands and caps of {}", side_word(side), scheme.id),
        FormKind::RuleRows {
            id: scheme.id.clone(),
            side,
        },
        Vec::new(),
    );
    let caps: Vec<(String, String, String)> = scheme
        .members()
        .map(|m| {
            let (kind, value) = match rule.caps.get(m) {
                None => (CAP_KINDS[0], String::new()),
                Some(Cap::Percent(p)) => (CAP_KINDS[1], p.normalize().to_string()),
                Some(Cap::Amount(a)) => (CAP_KINDS[2], crate::tui::format::editable(*a)),
                Some(Cap::BudgetPercent(p)) => (CAP_KINDS[3], p.normalize().to_string()),
            };
            (m.to_string(), kind.to_string(), value)
        })
        .collect();
    form.fields = fields(scheme, side, &drafts, &caps, &rule.redistribute.label());
    Ok(form)
}

/// The rows for these bands, caps and redistribution basis.
fn fields(
    scheme: &Scheme,
    side: Side,
    drafts: &[Draft],
    caps: &[(String, String, String)],
    redistribute: &str,
) -> Vec<Field> {
    let names: Vec<String> = plain(side).iter().map(|(n, _)| n.to_string()).collect();
    let mut band_choices = names.clone();
    band_choices.extend([FIXED.to_string(), BLEND.to_string(), REMOVE.to_string()]);
    let mut out = Vec::new();
    let last = drafts.len().saturating_sub(1);
    for (i, d) in drafts.iter().enumerate() {
        let n = i + 1;
        let hint = if i == last {
            "the last band takes the rest: leave it blank"
        } else {
            "the percent of the budget this band reaches (cumulative)"
        };
        out.push(Field::text(up_to_label(n), &d.up_to, hint));
        out.push(Field::choice(
            basis_label(n),
            &d.basis,
            band_choices.clone(),
        ));
        let keys: Vec<String> = match d.basis.as_str() {
            FIXED => scheme.members().map(str::to_string).collect(),
            BLEND => names.clone(),
            _ => Vec::new(),
        };
        let hint = if d.basis == FIXED {
            "this member's percent of the band; they add to 100; blank: none"
        } else {
            "this basis's weight in percent; they add to 100; blank: none"
        };
        for k in keys {
            let typed = d
                .weights
                .iter()
                .find(|(w, _)| *w == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            out.push(Field::text(weight_label(n, &k), typed, hint));
        }
    }
    let mut new_choices = vec![NONE.to_string()];
    new_choices.extend(names.iter().cloned());
    new_choices.extend([FIXED.to_string(), BLEND.to_string()]);
    out.push(Field {
        hint: "pick a basis (Left/Right, or its first letter) to add a band before the last".into(),
        ..Field::choice(NEW_BAND, NONE, new_choices)
    });
    for (party, kind, value) in caps {
        out.push(Field {
            hint: "the most this member bears (or receives) here".into(),
            ..Field::choice(
                cap_label(party),
                kind,
                CAP_KINDS.iter().map(|k| k.to_string()).collect(),
            )
        });
        out.push(Field::text(
            cap_value_label(party),
            value,
            "a percent, or pounds; blank with none",
        ));
    }
    let mut redistribution = names;
    if !redistribution.iter().any(|n| n == redistribute) {
        redistribution.push(redistribute.to_string());
    }
    out.push(Field {
        hint: "who takes what caps hold back".into(),
        ..Field::choice(REDISTRIBUTE, redistribute, redistribution)
    });
    out
}

fn value<'a>(form: &'a Form, label: &str) -> &'a str {
    form.fields
        .iter()
        .find(|f| f.label == label)
        .map_or("", |f| f.value.trim())
}

/// A field's value as typed, spaces and all.
fn raw(form: &Form, label: &str) -> String {
    form.fields
        .iter()
        .find(|f| f.label == label)
        .map_or_else(String::new, |f| f.value.clone())
}

fn index(form: &Form, label: &str) -> usize {
    form.fields
        .iter()
        .position(|f| f.label == label)
        .unwrap_or(0)
}

/// The bands as the rows now hold them.
fn drafts(form: &Form) -> Vec<Draft> {
    let mut out = Vec::new();
    for n in 1.. {
        let basis_at = basis_label(n);
        if !form.fields.iter().any(|f| f.label == basis_at) {
            break;
        }
        let prefix = format!("Band {n}: ");
        let weights = form
            .fields
            .iter()
            .filter_map(|f| {
                let key = f.label.strip_prefix(&prefix)?.strip_suffix(" %")?;
                Some((key.to_string(), f.value.clone()))
            })
            .collect();
        out.push(Draft {
            up_to: raw(form, &up_to_label(n)),
            basis: value(form, &basis_at).to_string(),
            weights,
        });
    }
    out
}

/// Lays the rows out again after a pick: a band's weights follow its basis, a new band is
/// added, a removed one goes. What was typed stays, and so does the caret's row.
pub fn reshape(form: &mut Form, agreement: &Agreement, id: &str, side: Side) {
    let Some(scheme) = agreement.scheme(id) else {
        return;
    };
    let mut bands = drafts(form);
    let removed = bands.iter().position(|d| d.basis == REMOVE);
    bands.retain(|d| d.basis != REMOVE);
    let new = value(form, NEW_BAND).to_string();
    let mut focus = form.fields.get(form.cursor).map(|f| f.label.clone());
    if new != NONE {
        let at = bands.len().saturating_sub(1);
        bands.insert(
            at,
            Draft {
                up_to: String::new(),
                basis: new,
                weights: Vec::new(),
            },
        );
        focus = Some(up_to_label(at + 1));
    } else if let Some(gone) = removed {
        // The caret goes to the band that took its place.
        focus = Some(basis_label((gone + 1).min(bands.len()).max(1)));
    }
    let caps: Vec<(String, String, String)> = scheme
        .members()
        .map(|m| {
            (
                m.to_string(),
                value(form, &cap_label(m)).to_string(),
                raw(form, &cap_value_label(m)),
            )
        })
        .collect();
    let redistribute = value(form, REDISTRIBUTE).to_string();
    let next = fields(scheme, side, &bands, &caps, &redistribute);
    let same = next.len() == form.fields.len()
        && next
            .iter()
            .zip(&form.fields)
            .all(|(a, b)| a.label == b.label && a.value == b.value);
    if same {
        return;
    }
    form.fields = next;
    if let Some(label) = focus {
        form.cursor = index(form, &label);
        form.back = 0;
    }
}

fn percent(form: &Form, label: &str) -> Result<Decimal, Refusal> {
    let raw = value(form, label);
    parse_percent(raw).ok_or_else(|| {
        Refusal::at(
            index(form, label),
            format!("{label}: '{raw}' is not a percent; write a number such as 60"),
        )
    })
}

pub fn apply(form: &Form, agreement: &Agreement, id: &str, side: Side) -> Result<Outcome, Refusal> {
    let Some(scheme) = agreement.scheme(id) else {
        return Err(Refusal::whole(format!(
            "scheme '{id}' is no longer in the agreement"
        )));
    };
    let named = plain(side);
    let basis_named = |name: &str| {
        named
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.clone())
    };
    let mut bands = Vec::new();
    for (i, d) in drafts(form).iter().enumerate() {
        let n = i + 1;
        let up_to = if d.up_to.trim().is_empty() {
            None
        } else {
            Some(percent(form, &up_to_label(n))?)
        };
        let mut typed = Vec::new();
        for (key, v) in &d.weights {
            if !v.trim().is_empty() {
                typed.push((key.clone(), percent(form, &weight_label(n, key))?));
            }
        }
        let basis = match d.basis.as_str() {
            FIXED => Basis::Fixed(typed.into_iter().collect::<OrderedMap<Decimal>>()),
            BLEND => Basis::Blend(
                typed
                    .into_iter()
                    .filter_map(|(k, weight)| {
                        basis_named(&k).map(|basis| BlendPart { basis, weight })
                    })
                    .collect(),
            ),
            name => match basis_named(name) {
                Some(b) => b,
                // A redistribution basis the rows cannot pick is kept as it was.
                None => scheme
                    .rule(side)
                    .bands
                    .get(i)
                    .map(|b| b.basis.clone())
                    .unwrap_or_default(),
            },
        };
        bands.push(Band { up_to, basis });
    }
    let mut caps = OrderedMap::default();
    // The caps keep their order (the file's); a new one comes after them.
    let old_caps = &scheme.rule(side).caps;
    let members = old_caps
        .keys()
        .chain(scheme.members().filter(|m| !old_caps.contains_key(m)));
    for m in members {
        let kind = value(form, &cap_label(m));
        let label = cap_value_label(m);
        let raw = value(form, &label);
        let at = index(form, &label);
        let cap = match kind {
            k if k == CAP_KINDS[0] => continue,
            k if k == CAP_KINDS[2] => Cap::Amount(
                parse_number(raw)
                    .map_err(|why| Refusal::at(at, format!("{label}: '{raw}' {why}")))?,
            ),
            k if k == CAP_KINDS[1] => Cap::Percent(percent(form, &label)?),
            _ => Cap::BudgetPercent(percent(form, &label)?),
        };
        caps.insert(m.to_string(), cap);
    }
    let redistribute = match basis_named(value(form, REDISTRIBUTE)) {
        Some(b) => b,
        None => scheme.rule(side).redistribute.clone(),
    };
    let old = scheme.rule(side);
    let rule = Rule {
        bands,
        caps,
        redistribute,
        ..old.clone()
    };
    let mut next = agreement.clone();
    if let Some(s) = next.schemes.iter_mut().find(|s| s.id == id) {
        match side {
            Side::Overspend => s.overspend = rule,
            Side::Underspend => s.underspend = rule,
        }
    }
    validate(&next).map_err(Refusal::whole)?;
    Ok(Outcome::Change(
        next,
        format!(
            "{} bands and caps of scheme '{id}' changed",
            side_word(side)
        ),
    ))
}
