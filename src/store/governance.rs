//! Checks of the fields the partners govern with: the risk matrix's bands, appetite by
//! category and the quarterly monitoring figures.

use super::validate::{Problems, Step, quote};
use crate::model::{Party, Scheme, ScoreBands};
use std::collections::HashSet;

/// `score_bands` must rise, each band's highest score within 1-24 (above `high` is Extreme).
pub fn check_score_bands(out: &mut Problems<'_>, bands: &ScoreBands) {
    let at = |k| vec![Step::Field("score_bands"), Step::Field(k)];
    let fields = [
        ("low", bands.low),
        ("moderate", bands.moderate),
        ("high", bands.high),
    ];
    for (field, v) in fields {
        if !(1..=24).contains(&v) {
            out.error(
                at(field),
                format!("score_bands: {field} {v} is outside 1-24"),
            );
            return;
        }
    }
    for pair in fields.windows(2) {
        let [(lower, a), (upper, b)] = [pair[0], pair[1]];
        if b <= a {
            out.error(
                at(upper),
                format!("score_bands do not rise: {lower} {a} is followed by {upper} {b}"),
            );
        }
    }
}

/// Each category named once (case aside), and not blank.
pub fn check_appetite_by_category(out: &mut Problems<'_>, party: &Party, index: usize) {
    let mut seen = HashSet::new();
    for (category, _) in party.appetite_by_category.iter() {
        let place = vec![
            Step::Field("parties"),
            Step::Item(index),
            Step::Field("appetite_by_category"),
            Step::Key(category.to_string()),
        ];
        let what = format!("party {}", quote(&party.id));
        if category.trim().is_empty() {
            out.error(
                place,
                format!("{what}: appetite_by_category has a blank category"),
            );
        } else if !seen.insert(category.trim().to_lowercase()) {
            out.error(
                place,
                format!(
                    "{what}: appetite_by_category names {} twice (categories ignore case)",
                    quote(category)
                ),
            );
        }
    }
}

/// Quarters 1-4, each at most once, amounts of money that are not negative.
pub fn check_quarters(out: &mut Problems<'_>, scheme: &Scheme, index: usize) {
    let what = format!("scheme {}", quote(&scheme.id));
    let mut seen = HashSet::new();
    for (k, q) in scheme.quarters.iter().enumerate() {
        let at = |f| {
            vec![
                Step::Field("schemes"),
                Step::Item(index),
                Step::Field("quarters"),
                Step::Item(k),
                Step::Field(f),
            ]
        };
        if !(1..=4).contains(&q.quarter) {
            out.error(
                at("quarter"),
                format!("{what}: quarter {} is outside 1-4", q.quarter),
            );
        } else if !seen.insert(q.quarter) {
            out.error(
                at("quarter"),
                format!("{what}: quarter {} is listed twice", q.quarter),
            );
        }
        let label = format!("{what}, quarter {}", q.quarter);
        let figures = [("plan", Some(q.plan)), ("actual", q.actual)];
        for (field, v) in figures.into_iter().filter_map(|(f, v)| Some((f, v?))) {
            if v.normalize().scale() > 2 {
                out.error(
                    at(field),
                    format!(
                        "{label}: {field} {v} has a fraction of a penny; write pounds and pence"
                    ),
                );
            } else {
                out.amount(at(field), &label, field, v);
            }
        }
    }
}
