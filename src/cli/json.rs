//! `calc --format json`: one object in the shape SPEC.md fixes, every amount a string with
//! exactly two decimals, keys in the order written there.

use super::amount::{percent, plain};
use crate::engine::Allocation;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

#[derive(Serialize)]
struct Report<'a> {
    agreement: &'a str,
    scenario: Option<&'a str>,
    schemes: Vec<SchemeJson<'a>>,
    parties: Vec<PartyJson<'a>>,
    thresholds: Vec<ThresholdJson<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct ThresholdJson<'a> {
    at: String,
    action: &'a str,
    crossed_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct SchemeJson<'a> {
    id: &'a str,
    budget: String,
    variance: String,
    /// Null when the budget is 0: a percent of nothing means nothing.
    variance_percent: Option<String>,
    netted: String,
    pool_contingency_used: String,
    contingency_used: String,
    reinvested: String,
    unallocated: String,
    shares: Shares<'a>,
}

/// Member -> amount, in the scheme's order (serde_json's own map would sort the keys).
struct Shares<'a>(Vec<(&'a str, String)>);

impl Serialize for Shares<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (party, amount) in &self.0 {
            map.serialize_entry(party, amount)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct PartyJson<'a> {
    id: &'a str,
    pooled: String,
    retained: String,
    influence: String,
    benefits: String,
    total: String,
    tolerance: String,
    headroom: String,
    breach: bool,
}

/// The allocation as pretty-printed JSON, ending in a newline.
pub fn render(
    agreement: &str,
    scenario: Option<&str>,
    allocation: &Allocation,
) -> Result<String, serde_json::Error> {
    let report = Report {
        agreement,
        scenario,
        schemes: allocation
            .schemes
            .iter()
            .map(|s| SchemeJson {
                id: &s.id,
                budget: plain(s.budget),
                variance: plain(s.variance),
                variance_percent: (!s.budget.is_zero()).then(|| plain(s.variance_percent)),
                netted: plain(s.netted),
                pool_contingency_used: plain(s.pool_contingency_used),
                contingency_used: plain(s.contingency_used),
                reinvested: plain(s.reinvested),
                unallocated: plain(s.unallocated),
                shares: Shares(s.shares.iter().map(|(p, v)| (p, plain(*v))).collect()),
            })
            .collect(),
        parties: allocation
            .parties
            .iter()
            .map(|p| PartyJson {
                id: &p.id,
                pooled: plain(p.pooled),
                retained: plain(p.retained),
                influence: plain(p.influence),
                benefits: plain(p.benefits),
                total: plain(p.total),
                tolerance: plain(p.tolerance),
                headroom: plain(p.headroom),
                breach: p.breach,
            })
            .collect(),
        thresholds: allocation
            .thresholds
            .iter()
            .map(|t| ThresholdJson {
                at: percent(t.at),
                action: &t.action,
                crossed_by: t.crossed_by.iter().map(|c| c.label()).collect(),
            })
            .collect(),
        warnings: &allocation.warnings,
    };
    let mut text = serde_json::to_string_pretty(&report)?;
    text.push('\n');
    Ok(text)
}
