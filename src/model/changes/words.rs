//! Values in the words a person writes them: pounds, percents, caps, bands and values from the
//! file.

use crate::model::money::grouped;
use crate::model::{Band, Cap};
use rust_decimal::Decimal;
use serde_json::Value;

/// Pounds as a person writes them: `£20,000`.
pub(super) fn pounds(d: &Decimal) -> String {
    let d = d.normalize();
    // Pence, when there are any, as two figures: `£250,000.50`.
    let text = if d.scale() > 0 {
        d.round_dp(2).to_string()
    } else {
        d.to_string()
    };
    let text = match text.split_once('.') {
        Some((whole, pence)) if pence.len() == 1 => format!("{whole}.{pence}0"),
        _ => text,
    };
    format!("£{}", grouped(&text))
}

/// A percent as a person writes it: `2%`, `-2.5%`.
pub(super) fn percent(d: &Decimal) -> String {
    format!("{}%", d.normalize())
}

/// What a sentence says for a value that is empty or not there: `period from 2026/27 to (none)`.
pub(super) const NONE: &str = "(none)";

/// `text`, or [`NONE`] when it is empty, so a sentence never ends on nothing.
pub(super) fn shown(text: String) -> String {
    if text.trim().is_empty() {
        NONE.to_string()
    } else {
        text
    }
}

/// A value from the file for a sentence: text as it is, numbers grouped, maps and lists short;
/// nothing (no value, empty text, an empty list) as empty text, which a sentence shows as
/// [`NONE`] (the JSON's `before` and `after` keep it empty).
pub(super) fn words(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => grouped(&n.to_string()),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(items) if items.is_empty() => String::new(),
        Value::Array(items) => items
            .iter()
            .map(|v| shown(words(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) if map.len() == 1 => {
            let (k, v) = map
                .iter()
                .next()
                .map(|(k, v)| (k.clone(), shown(words(v))))
                .unwrap_or_default();
            format!("{k}({v})")
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k} {}", shown(words(v))))
                .collect();
            parts.join(", ")
        }
    }
}

/// A cap in words: `5% of contribution`, `£20,000`, `3% of the budget`.
pub fn cap_words(cap: &Cap) -> String {
    match cap {
        Cap::Percent(p) => format!("{}% of contribution", p.normalize()),
        Cap::Amount(a) => pounds(a),
        Cap::BudgetPercent(p) => format!("{}% of the budget", p.normalize()),
    }
}

/// The new cap, shortened when it is the same kind as the old: "from 5% of contribution to 7%".
pub(super) fn cap_after(old: &Cap, new: &Cap) -> String {
    match (old, new) {
        (Cap::Percent(_), Cap::Percent(p)) | (Cap::BudgetPercent(_), Cap::BudgetPercent(p)) => {
            format!("{}%", p.normalize())
        }
        _ => cap_words(new),
    }
}

/// Bands in words: `up to 1%: Fixed(ICB 100%); then Contribution`.
pub fn bands_words(bands: &[Band]) -> String {
    let parts: Vec<String> = bands
        .iter()
        .map(|b| match b.up_to {
            Some(p) => format!("up to {}%: {}", p.normalize(), b.basis.label()),
            None => format!("then {}", b.basis.label()),
        })
        .collect();
    parts.join("; ")
}
