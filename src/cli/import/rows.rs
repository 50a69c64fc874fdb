//! One register row read into the fields of a risk, with every reason the row cannot be used.

use super::columns::{Columns, Field, key};
use super::sheet::Cell;
use crate::model::money::parse_amount;
use crate::model::text::clean;
use crate::model::{Agreement, Boundary, Status, Treatment};
use rust_decimal::Decimal;

/// A row's figures. `None` is a column the register lacks or a cell left empty.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub row: usize,
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub residual_likelihood: Option<u8>,
    pub residual_impact: Option<u8>,
    pub cost: Option<Decimal>,
    pub mitigation: Option<String>,
    pub review: Option<String>,
    pub category: Option<String>,
    pub boundary: Option<Boundary>,
    pub scheme: Option<String>,
    pub treatment: Option<Treatment>,
    pub status: Option<Status>,
}

/// Reads a row; the error lists every reason it cannot be used, in the order of its columns.
pub fn read(
    agreement: &Agreement,
    columns: &Columns,
    row: usize,
    cells: &[Cell],
) -> Result<Entry, Vec<String>> {
    let mut why = Vec::new();
    let text = |f| columns.get(cells, f).map(|c| clean(&c.text()));
    let mut entry = Entry {
        row,
        id: text(Field::Id).unwrap_or_default(),
        title: text(Field::Title),
        mitigation: text(Field::Mitigation),
        category: text(Field::Category),
        ..Entry::default()
    };
    if entry.id.is_empty() {
        why.push("it has no ID".to_string());
    }
    if entry.title.is_none() {
        why.push("it has no title".to_string());
    }
    match text(Field::Owner) {
        None => why.push("it has no owner".to_string()),
        Some(owner) => match party(agreement, &owner) {
            Some(id) => entry.owner = Some(id),
            None => why.push(format!(
                "owner '{owner}' is not a party to the agreement (the parties are {})",
                agreement
                    .parties
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    }
    let mut score = |field, name: &str, words: &[&str], required: bool| -> Option<u8> {
        match columns.get(cells, field) {
            None if required => {
                why.push(format!("it has no {name}"));
                None
            }
            None => None,
            Some(cell) => match scale(cell, words) {
                Some(v) => Some(v),
                None => {
                    why.push(format!(
                        "{name} '{}' is not 1 to 5 (or {})",
                        clean(&cell.text()),
                        words.join(", ")
                    ));
                    None
                }
            },
        }
    };
    entry.likelihood = score(Field::Likelihood, "likelihood", &LIKELIHOOD, true);
    entry.impact = score(Field::Impact, "impact", &IMPACT, true);
    entry.residual_likelihood = score(
        Field::ResidualLikelihood,
        "residual likelihood",
        &LIKELIHOOD,
        false,
    );
    entry.residual_impact = score(Field::ResidualImpact, "residual impact", &IMPACT, false);
    if let Some(cell) = columns.get(cells, Field::Cost) {
        match cost(cell) {
            Ok(v) => entry.cost = Some(v),
            Err(reason) => why.push(reason),
        }
    }
    if let Some(cell) = columns.get(cells, Field::Review) {
        match date(cell) {
            Some(d) => entry.review = Some(d),
            None => why.push(format!(
                "review date '{}' is not a date (write 2026-12-01 or 01/12/2026)",
                clean(&cell.text())
            )),
        }
    }
    if let Some(b) = text(Field::Boundary) {
        match boundary(&b) {
            Some(v) => entry.boundary = Some(v),
            None => why.push(format!(
                "boundary '{b}' is not one of {}",
                Boundary::ALL.map(|b| format!("{b:?}")).join(", ")
            )),
        }
    }
    if let Some(s) = text(Field::Scheme) {
        match agreement.schemes.iter().find(|x| {
            x.id.eq_ignore_ascii_case(&s) || key(&x.name) == key(&s) || key(&x.id) == key(&s)
        }) {
            Some(found) => entry.scheme = Some(found.id.clone()),
            None => why.push(format!("scheme '{s}' is not a scheme of the agreement")),
        }
    }
    if let Some(t) = text(Field::Treatment) {
        match Treatment::ALL
            .into_iter()
            .find(|x| key(x.label()) == key(&t) || key(&format!("{x:?}")) == key(&t))
        {
            Some(v) => entry.treatment = Some(v),
            None => why.push(format!(
                "treatment '{t}' is not Pooled, Retained or ByInfluence"
            )),
        }
    }
    if let Some(s) = text(Field::Status) {
        match key(&s).as_str() {
            "open" | "live" | "active" => entry.status = Some(Status::Open),
            "closed" | "archived" | "retired" => entry.status = Some(Status::Closed),
            _ => why.push(format!("status '{s}' is not Open or Closed")),
        }
    }
    if why.is_empty() { Ok(entry) } else { Err(why) }
}

/// The NHS 5x5 matrix's words for each score, lowest first.
const LIKELIHOOD: [&str; 5] = ["rare", "unlikely", "possible", "likely", "almost certain"];
const IMPACT: [&str; 5] = ["negligible", "minor", "moderate", "major", "catastrophic"];

/// `4`, `4.0`, `4 - Likely` or `Likely`.
fn scale(cell: &Cell, words: &[&str]) -> Option<u8> {
    let text = cell.text();
    let lead: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let value = if lead.is_empty() {
        let k = key(&text);
        words.iter().position(|w| key(w) == k).map(|i| i + 1)?
    } else {
        let rest = text[lead.len()..].trim_start();
        // `4.0` as a spreadsheet stores it is 4; `4.5` is not a score.
        if rest.starts_with('.') && !rest[1..].chars().all(|c| c == '0') {
            return None;
        }
        lead.parse::<usize>().ok()?
    };
    u8::try_from(value).ok().filter(|v| (1..=5).contains(v))
}

/// Pounds, at most to the penny, never negative.
fn cost(cell: &Cell) -> Result<Decimal, String> {
    let text = cell.text();
    let value = parse_amount(&text).map_err(|why| format!("cost '{}' {why}", clean(&text)))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("cost '{}' is negative", clean(&text)));
    }
    Ok(value)
}

/// A date as `YYYY-MM-DD`: from a date cell, `2026-12-01` (with any time after it) or the UK's
/// `01/12/2026`.
fn date(cell: &Cell) -> Option<String> {
    let (y, m, d) = match cell {
        Cell::Date(serial) | Cell::Number(serial) => {
            let days = serial.floor();
            if !(1.0..=2_958_465.0).contains(&days) {
                return None;
            }
            let epoch = jiff::civil::date(1899, 12, 30);
            let day = epoch
                .checked_add(jiff::Span::new().days(days as i64))
                .ok()?;
            (day.year(), day.month(), day.day())
        }
        _ => {
            let text = cell.text();
            let text = text.split([' ', 'T']).next().unwrap_or("");
            let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
            let [a, b, c] = parts.as_slice() else {
                return None;
            };
            let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
            if y.len() != 4 {
                return None;
            }
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
    };
    let day = jiff::civil::Date::new(y, m, d).ok()?;
    Some(day.to_string())
}

/// A party by its id or its name, ignoring case and spaces.
fn party(agreement: &Agreement, owner: &str) -> Option<String> {
    let wanted = squash(owner);
    agreement
        .parties
        .iter()
        .find(|p| squash(&p.id) == wanted)
        .or_else(|| agreement.parties.iter().find(|p| squash(&p.name) == wanted))
        .map(|p| p.id.clone())
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `HealthSocialCare`, `Health-social care`, `health social care`.
fn boundary(text: &str) -> Option<Boundary> {
    let k = key(text);
    Boundary::ALL
        .into_iter()
        .find(|b| key(&format!("{b:?}")) == k || key(b.label()) == k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn scores_read_as_numbers_or_words() {
        assert_eq!(scale(&t("4"), &LIKELIHOOD), Some(4));
        assert_eq!(scale(&Cell::Number(3.0), &LIKELIHOOD), Some(3));
        assert_eq!(scale(&t("5 - Almost certain"), &LIKELIHOOD), Some(5));
        assert_eq!(scale(&t("Almost Certain"), &LIKELIHOOD), Some(5));
        assert_eq!(scale(&t("major"), &IMPACT), Some(4));
        for bad in ["0", "6", "3.5", "often", "-1"] {
            assert_eq!(scale(&t(bad), &LIKELIHOOD), None, "{bad}");
        }
    }

    #[test]
    fn costs_are_pounds_and_pence_only() {
        assert_eq!(cost(&t("£1,250.50")), Ok(Decimal::new(125_050, 2)));
        assert_eq!(cost(&Cell::Number(400000.0)), Ok(Decimal::from(400_000)));
        assert!(
            cost(&t("1.005"))
                .unwrap_err()
                .contains("fraction of a penny")
        );
        assert!(cost(&t("-5")).unwrap_err().contains("negative"));
        assert!(cost(&t("lots")).is_err());
    }

    #[test]
    fn dates_from_cells_iso_and_uk() {
        assert_eq!(date(&t("2026-12-01")), Some("2026-12-01".into()));
        assert_eq!(date(&t("01/12/2026")), Some("2026-12-01".into()));
        assert_eq!(date(&t("2026-12-01 00:00:00")), Some("2026-12-01".into()));
        // 46357 is 2026-12-01 in Excel's count.
        assert_eq!(date(&Cell::Date(46357.0)), Some("2026-12-01".into()));
        assert_eq!(date(&t("31/02/2026")), None);
        assert_eq!(date(&t("next week")), None);
    }

    #[test]
    fn boundaries_by_name_or_label() {
        assert_eq!(
            boundary("Health-social care"),
            Some(Boundary::HealthSocialCare)
        );
        assert_eq!(
            boundary("commissionerprovider"),
            Some(Boundary::CommissionerProvider)
        );
        assert_eq!(
            boundary("LA-LA"),
            Some(Boundary::LocalAuthorityLocalAuthority)
        );
        assert_eq!(boundary("somewhere"), None);
    }
}
