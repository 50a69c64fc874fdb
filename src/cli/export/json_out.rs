//! `export --format json`: the whole agreement and every chosen scenario's result, for other
//! tools. Each result is exactly the object `calc --scenario NAME --format json` prints.

use super::super::amount::plain;
use super::report::Report;
use serde_json::{Map, Value, json};

/// The export as pretty-printed JSON, ending in a newline.
pub fn render(report: &Report, with_sweep: bool) -> Result<String, serde_json::Error> {
    let mut root = Map::new();
    root.insert("agreement".into(), serde_json::to_value(report.agreement)?);
    let mut results = Vec::with_capacity(report.runs.len());
    for run in &report.runs {
        // The calc renderer itself, so the two can never disagree.
        let text = super::super::json::render(
            &report.agreement.name,
            Some(run.scenario.name.as_str()),
            &run.allocation,
        )?;
        results.push(serde_json::from_str::<Value>(&text)?);
    }
    root.insert("results".into(), Value::Array(results));
    if with_sweep {
        let parties: Map<String, Value> = report
            .sweep
            .totals
            .iter()
            .map(|(id, totals)| {
                let column: Vec<Value> = totals.iter().map(|t| Value::String(plain(*t))).collect();
                (id.clone(), Value::Array(column))
            })
            .collect();
        let percents: Vec<String> = report
            .sweep
            .percents
            .iter()
            .map(|p| p.normalize().to_string())
            .collect();
        root.insert(
            "sweep".into(),
            json!({"variance_percent": percents, "totals": parties}),
        );
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(root))?;
    text.push('\n');
    Ok(text)
}
