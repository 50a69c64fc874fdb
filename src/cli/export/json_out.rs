//! `export --format json`: the whole agreement and every chosen scenario's result, for other
//! tools. Each result is exactly the object `calc --scenario NAME --format json` prints, in
//! its order; the agreement's maps keep the file's order.

use super::super::amount::plain;
use crate::export::report::Report;
use crate::model::Agreement;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Export<'a> {
    agreement: &'a Agreement,
    results: Vec<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sweep: Option<SweepJson<'a>>,
}

#[derive(Serialize)]
struct SweepJson<'a> {
    variance_percent: Vec<String>,
    /// Party -> its total at each variance, in the agreement's order.
    totals: Totals<'a>,
}

struct Totals<'a>(Vec<(&'a str, Vec<String>)>);

impl Serialize for Totals<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (party, totals) in &self.0 {
            map.serialize_entry(party, totals)?;
        }
        map.end()
    }
}

/// The export as pretty-printed JSON, ending in a newline.
pub fn render(report: &Report, with_sweep: bool) -> Result<String, serde_json::Error> {
    let mut results = Vec::with_capacity(report.runs.len());
    for run in &report.runs {
        // The calc renderer itself, so the two can never disagree; indented to sit two levels
        // down (its strings hold no line breaks: JSON escapes them).
        let text = super::super::json::render(
            &report.agreement.name,
            Some(run.scenario.name.as_str()),
            &run.allocation,
        )?;
        let indented = text.trim_end().replace('\n', "\n    ");
        results.push(RawValue::from_string(indented)?);
    }
    let sweep = with_sweep.then(|| SweepJson {
        variance_percent: report
            .sweep
            .percents
            .iter()
            .map(|p| p.normalize().to_string())
            .collect(),
        totals: Totals(
            report
                .sweep
                .totals
                .iter()
                .map(|(id, totals)| (id.as_str(), totals.iter().map(|t| plain(*t)).collect()))
                .collect(),
        ),
    });
    let export = Export {
        agreement: report.agreement,
        results,
        sweep,
    };
    let mut text = serde_json::to_string_pretty(&export)?;
    text.push('\n');
    Ok(text)
}
