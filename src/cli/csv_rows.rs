//! `calc --format csv`: one rectangular sheet a spreadsheet opens as it stands.
//!
//! ```text
//! kind,id,OOH,DTOC,PREV,pooled,retained,influence,benefits,total
//! scheme,budget,12000000.00,5000000.00,1000000.00,,,,,
//! ...
//! party,ICB,180000.00,75000.00,19398.96,274398.96,0.00,0.00,0.00,274398.96
//! ```
//! Five `scheme` rows (budget, variance, contingency_used, reinvested, unallocated) give each
//! scheme's figures in its column; one `party` row per party gives its share of each scheme
//! (empty where it is not a member) and its totals. Filtering on `kind` separates the two.

use super::amount::plain;
use crate::engine::{Allocation, SchemeResult};
use rust_decimal::Decimal;

/// One figure of a scheme, read from its result.
type Figure = fn(&SchemeResult) -> Decimal;

const PARTY_COLUMNS: [&str; 5] = ["pooled", "retained", "influence", "benefits", "total"];

/// The allocation as CSV text.
pub fn render(allocation: &Allocation) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["kind".to_string(), "id".to_string()];
    header.extend(allocation.schemes.iter().map(|s| inert(&s.id)));
    header.extend(PARTY_COLUMNS.iter().map(|c| c.to_string()));
    out.write_record(&header)?;

    let figures: [(&str, Figure); 5] = [
        ("budget", |s| s.budget),
        ("variance", |s| s.variance),
        ("contingency_used", |s| s.contingency_used),
        ("reinvested", |s| s.reinvested),
        ("unallocated", |s| s.unallocated),
    ];
    for (name, figure) in figures {
        let mut row = vec!["scheme".to_string(), name.to_string()];
        row.extend(allocation.schemes.iter().map(|s| plain(figure(s))));
        row.extend(PARTY_COLUMNS.iter().map(|_| String::new()));
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
        row.extend(
            [
                party.pooled,
                party.retained,
                party.influence,
                party.benefits,
                party.total,
            ]
            .map(plain),
        );
        out.write_record(&row)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
pub(super) fn inert(text: &str) -> String {
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
