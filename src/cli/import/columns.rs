//! Which column of a register holds what: the headings registers commonly use (Datix and
//! spreadsheet registers), matched without regard to case, spaces or punctuation.

use super::sheet::Cell;

/// A risk field a register column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Owner,
    Likelihood,
    Impact,
    ResidualLikelihood,
    ResidualImpact,
    Cost,
    Mitigation,
    Review,
    Category,
    Boundary,
    Scheme,
    Treatment,
    Status,
}

/// Headings for each field, written as [`key`] makes them.
const HEADINGS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "riskid",
            "ref",
            "riskref",
            "reference",
            "riskreference",
            "riskno",
            "risknumber",
        ],
    ),
    (
        Field::Title,
        &[
            "title",
            "description",
            "risk",
            "risktitle",
            "riskdescription",
            "name",
        ],
    ),
    (
        Field::Owner,
        &["owner", "riskowner", "ownerorganisation", "organisation"],
    ),
    (
        Field::Likelihood,
        &[
            "likelihood",
            "inherentlikelihood",
            "initiallikelihood",
            "likelihoodinitial",
            "likelihoodscore",
        ],
    ),
    (
        Field::Impact,
        &[
            "impact",
            "consequence",
            "severity",
            "inherentimpact",
            "inherentconsequence",
            "initialconsequence",
            "consequenceinitial",
            "initialimpact",
            "impactscore",
            "consequencescore",
        ],
    ),
    (
        Field::ResidualLikelihood,
        &[
            "residuallikelihood",
            "currentlikelihood",
            "likelihoodcurrent",
            "likelihoodresidual",
        ],
    ),
    (
        Field::ResidualImpact,
        &[
            "residualimpact",
            "residualconsequence",
            "residualseverity",
            "currentconsequence",
            "currentimpact",
            "consequencecurrent",
            "consequenceresidual",
        ],
    ),
    (
        Field::Cost,
        &[
            "cost",
            "financialimpact",
            "estimatedcost",
            "costifithappens",
            "financialexposure",
        ],
    ),
    (
        Field::Mitigation,
        &[
            "mitigation",
            "mitigations",
            "controls",
            "controlsinplace",
            "existingcontrols",
            "mitigationcontrols",
        ],
    ),
    (
        Field::Review,
        &[
            "reviewdate",
            "review",
            "nextreview",
            "nextreviewdate",
            "datenextreview",
            "datefornextreview",
        ],
    ),
    (
        Field::Category,
        &["category", "riskcategory", "risktype", "type"],
    ),
    (Field::Boundary, &["boundary", "riskboundary", "interface"]),
    (Field::Scheme, &["scheme", "pool", "schemeid"]),
    (Field::Treatment, &["treatment", "costtreatment"]),
    (Field::Status, &["status", "riskstatus"]),
];

/// A heading as it is compared: lower case letters and digits only (`Risk ID` -> `riskid`,
/// `Financial impact (£)` -> `financialimpact`).
pub fn key(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Where each recognised field is, from the header row; and the headings not used.
pub struct Columns {
    found: Vec<(Field, usize)>,
    pub ignored: Vec<String>,
}

impl Columns {
    pub fn from_header(header: &[Cell]) -> Columns {
        let mut found: Vec<(Field, usize)> = Vec::new();
        let mut ignored = Vec::new();
        for (i, cell) in header.iter().enumerate() {
            let heading = cell.text();
            if heading.is_empty() {
                continue;
            }
            let k = key(&heading);
            let field = HEADINGS
                .iter()
                .find(|(_, names)| names.contains(&k.as_str()))
                .map(|(f, _)| *f);
            match field {
                Some(f) if !found.iter().any(|(g, _)| *g == f) => found.push((f, i)),
                _ => ignored.push(heading),
            }
        }
        Columns { found, ignored }
    }

    pub fn has(&self, field: Field) -> bool {
        self.found.iter().any(|(f, _)| *f == field)
    }

    /// The cell of `field` in a row, when the register has that column and the cell is filled.
    pub fn get<'a>(&self, row: &'a [Cell], field: Field) -> Option<&'a Cell> {
        let (_, i) = self.found.iter().find(|(f, _)| *f == field)?;
        row.get(*i).filter(|c| !c.is_empty())
    }

    /// The fields a register must have, with the headings that name each, for a message.
    pub fn missing(&self) -> Vec<String> {
        [
            (Field::Id, "ID (or Risk ID, Ref)"),
            (Field::Title, "Title (or Description, Risk)"),
            (Field::Owner, "Owner (or Risk owner)"),
            (Field::Likelihood, "Likelihood"),
            (Field::Impact, "Impact (or Consequence, Severity)"),
        ]
        .into_iter()
        .filter(|(f, _)| !self.has(*f))
        .map(|(_, name)| name.to_string())
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<Cell> {
        names.iter().map(|n| Cell::Text((*n).into())).collect()
    }

    #[test]
    fn datix_headings_are_recognised() {
        let c = Columns::from_header(&header(&[
            "Risk ID",
            "Description",
            "Risk Owner",
            "Likelihood (initial)",
            "Consequence (initial)",
            "Likelihood (current)",
            "Consequence (current)",
            "Financial impact (£)",
            "Controls in place",
            "Date for next review",
            "Handler",
        ]));
        assert!(c.missing().is_empty());
        assert!(c.has(Field::ResidualImpact) && c.has(Field::Cost) && c.has(Field::Review));
        assert_eq!(c.ignored, vec!["Handler".to_string()]);
    }

    #[test]
    fn a_missing_column_is_named() {
        let c = Columns::from_header(&header(&["Ref", "Risk", "Owner", "Likelihood"]));
        assert_eq!(
            c.missing(),
            vec!["Impact (or Consequence, Severity)".to_string()]
        );
    }
}
