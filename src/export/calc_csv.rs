//! `calc --format csv`: one rectangular sheet a spreadsheet opens as it stands.
//!
//! ```text
//! kind,id,OOH,DTOC,PREV,pooled,retained,influence,benefits,total,tolerance,headroom,breach,crossed_by,action
//! scheme,budget,12000000.00,5000000.00,1000000.00,,,,,,,,,,
//! ...
//! party,ICB,180000.00,75000.00,19398.96,274398.96,0.00,0.00,0.00,274398.96,280000.00,5601.04,false,,
//! threshold,2,,,,,,,,,,,,pool OOH DTOC PREV,Recovery plan to the joint commissioning board
//! ```
//! Eight `scheme` rows (budget, variance, variance_percent, netted, pool_contingency_used,
//! contingency_used, reinvested, unallocated) give each scheme's figures in its column; one
//! `party` row per party gives its share of each scheme (empty where it is not a member), its
//! totals and its position against its tolerance; one `threshold` row per review threshold
//! crossed gives its `at`, where it was crossed (`pool` and scheme ids, space-separated) and its
//! action. Filtering on `kind` separates them.

use super::amount::{percent, plain};
use crate::engine::{Allocation, PartyResult, SchemeResult};
use rust_decimal::Decimal;

/// One figure of a scheme, read from its result.
type Figure = fn(&SchemeResult) -> Decimal;

/// A party row's columns after the schemes: its figures, then whether it is in breach.
const PARTY_COLUMNS: usize = PartyResult::FIGURES.len() + 1;
const THRESHOLD_COLUMNS: [&str; 2] = ["crossed_by", "action"];

/// The allocation as CSV text.
pub fn render(allocation: &Allocation) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["kind".to_string(), "id".to_string()];
    header.extend(allocation.schemes.iter().map(|s| inert(&s.id)));
    header.extend(PartyResult::FIGURES.map(str::to_string));
    header.push("breach".to_string());
    header.extend(THRESHOLD_COLUMNS.iter().map(|c| c.to_string()));
    out.write_record(&header)?;
    let blank = |n: usize| std::iter::repeat_n(String::new(), n);

    let figures: [(&str, Figure); 8] = [
        ("budget", |s| s.budget),
        ("variance", |s| s.variance),
        ("variance_percent", |s| s.variance_percent),
        ("netted", |s| s.netted),
        ("pool_contingency_used", |s| s.pool_contingency_used),
        ("contingency_used", |s| s.contingency_used),
        ("reinvested", |s| s.reinvested),
        ("unallocated", |s| s.unallocated),
    ];
    for (name, figure) in figures {
        let mut row = vec!["scheme".to_string(), name.to_string()];
        // A percent of a budget of 0 means nothing: the cell is left empty (null in the JSON).
        row.extend(allocation.schemes.iter().map(|s| {
            if name == "variance_percent" && s.budget.is_zero() {
                String::new()
            } else {
                plain(figure(s))
            }
        }));
        row.extend(blank(PARTY_COLUMNS + THRESHOLD_COLUMNS.len()));
        out.write_record(&row)?;
    }

    for party in &allocation.parties {
        let mut row = vec!["party".to_string(), inert(&party.id)];
        row.extend(allocation.schemes.iter().map(|s| {
            s.shares
                .get(&party.id)
                .map(|v| plain(*v))
                .unwrap_or_default()
        }));
        row.extend(party.figures().map(plain));
        row.push(party.breach.to_string());
        row.extend(blank(THRESHOLD_COLUMNS.len()));
        out.write_record(&row)?;
    }

    for t in &allocation.thresholds {
        let mut row = vec!["threshold".to_string(), percent(t.at)];
        row.extend(blank(allocation.schemes.len() + PARTY_COLUMNS));
        let places: Vec<String> = t.crossed_by.iter().map(|c| inert(c.label())).collect();
        row.push(places.join(" "));
        row.push(inert(&t.action));
        out.write_record(&row)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
pub fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_from_a_file_stay_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("ICB"), "ICB");
    }
}
