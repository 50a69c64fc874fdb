//! The agreement: the whole file, and the named what-ifs in it.

use super::map::OrderedMap;
use super::money;
use super::text::clean_in_place;
use super::{Benefit, Party, Risk, Scheme, ScoreBands};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The file format version this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub format: u32,
    pub name: String,
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub review_thresholds: Vec<ReviewThreshold>,
    /// The route the partners agreed for settling what the rules leave unallocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arbitration: Option<String>,
    /// The highest score of each band of the risk matrix.
    #[serde(default, skip_serializing_if = "ScoreBands::is_default")]
    pub score_bands: ScoreBands,
    /// How the pool as a whole treats its schemes before each scheme's own rules; `None`: every
    /// scheme stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<Pool>,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub schemes: Vec<Scheme>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub benefits: Vec<Benefit>,
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// The decision log, appended by the workbench; loading never requires it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<super::LogEntry>,
}

/// A variance, in percent of a scheme's budget, at which the agreement says who acts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewThreshold {
    #[serde(with = "money")]
    pub at: Decimal,
    pub action: String,
}

/// The pool step: netting across schemes and a risk pool serving the whole fund.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// An overspend is met first from underspends elsewhere in the pool.
    #[serde(default)]
    pub netting: bool,
    /// Pounds that absorb what overspend is left after netting, before any scheme's own rule.
    #[serde(default, with = "money")]
    pub contingency: Decimal,
}

/// A named what-if.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// Percent of every scheme's budget.
    #[serde(default, with = "money")]
    pub variance: Decimal,
    /// Scheme id -> percent, overriding `variance`.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub schemes: OrderedMap<Decimal>,
    /// Scheme id -> variance in pounds, exactly, overriding `variance` and `schemes`.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub amounts: OrderedMap<Decimal>,
    /// Risks that happen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<String>,
    /// Benefits that are realised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<String>,
}

impl Scenario {
    /// The variance percent that applies to a scheme (its `schemes` entry, else `variance`).
    /// A scheme in `amounts` is set in pounds instead: `engine::WhatIf::from_scenario` reads
    /// both.
    pub fn variance_for(&self, scheme: &str) -> Decimal {
        self.schemes.get(scheme).copied().unwrap_or(self.variance)
    }
}

impl Agreement {
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|r| r.id == id)
    }

    pub fn benefit(&self, id: &str) -> Option<&Benefit> {
        self.benefits.iter().find(|b| b.id == id)
    }

    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// What a party puts into the pool, over every scheme (saturating: never a panic).
    pub fn total_contribution(&self, party: &str) -> Decimal {
        self.schemes
            .iter()
            .filter_map(|s| s.contributions.get(party))
            .fold(Decimal::ZERO, |a, b| a.saturating_add(*b))
    }

    /// The whole pooled budget, or `None` when it is too large to add up.
    pub fn pooled_total(&self) -> Option<Decimal> {
        self.schemes
            .iter()
            .flat_map(|s| s.contributions.values())
            .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(*v))
    }

    /// A party's loss tolerance in pounds: its own, else its appetite's percent of contributions.
    pub fn loss_tolerance(&self, party: &Party) -> Decimal {
        Self::tolerance_of(party, self.total_contribution(&party.id))
    }

    /// A party's loss tolerance given what it contributes over every scheme.
    pub fn tolerance_of(party: &Party, contribution: Decimal) -> Decimal {
        party.loss_tolerance.unwrap_or_else(|| {
            (contribution.saturating_mul(party.appetite.tolerance_percent()) / Decimal::ONE_HUNDRED)
                .round_dp(2)
        })
    }

    /// Makes every piece of text inert: no control characters, no bidirectional overrides.
    pub fn clean_text(&mut self) {
        clean_in_place(&mut self.name);
        clean_in_place(&mut self.period);
        for t in &mut self.review_thresholds {
            clean_in_place(&mut t.action);
        }
        if let Some(route) = &mut self.arbitration {
            clean_in_place(route);
        }
        for p in &mut self.parties {
            clean_in_place(&mut p.id);
            clean_in_place(&mut p.name);
            clean_keys(&mut p.appetite_by_category);
        }
        for s in &mut self.schemes {
            clean_in_place(&mut s.id);
            clean_in_place(&mut s.name);
            clean_keys(&mut s.contributions);
            for rule in [&mut s.overspend, &mut s.underspend] {
                clean_keys(&mut rule.caps);
                for band in &mut rule.bands {
                    clean_basis(&mut band.basis);
                }
                clean_basis(&mut rule.redistribute);
                if let Some(t) = &mut rule.threshold {
                    clean_basis(&mut t.basis);
                }
            }
        }
        for r in &mut self.risks {
            for t in [
                &mut r.id,
                &mut r.title,
                &mut r.owner,
                &mut r.category,
                &mut r.mitigation,
                &mut r.review,
            ] {
                clean_in_place(t);
            }
            if let Some(s) = &mut r.scheme {
                clean_in_place(s);
            }
            clean_keys(&mut r.influence);
        }
        for b in &mut self.benefits {
            for t in [&mut b.id, &mut b.title, &mut b.metric, &mut b.realised_by] {
                clean_in_place(t);
            }
            if let Some(s) = &mut b.scheme {
                clean_in_place(s);
            }
        }
        for e in &mut self.log {
            for t in [
                &mut e.at,
                &mut e.by,
                &mut e.change,
                &mut e.before,
                &mut e.after,
                &mut e.note,
            ] {
                clean_in_place(t);
            }
        }
        for s in &mut self.scenarios {
            clean_in_place(&mut s.name);
            clean_keys(&mut s.schemes);
            clean_keys(&mut s.amounts);
            s.risks.iter_mut().for_each(clean_in_place);
            s.benefits.iter_mut().for_each(clean_in_place);
        }
    }
}

fn clean_keys<V>(map: &mut OrderedMap<V>) {
    for (k, _) in &mut map.0 {
        clean_in_place(k);
    }
}

fn clean_basis(basis: &mut super::Basis) {
    match basis {
        super::Basis::Fixed(shares) => clean_keys(shares),
        super::Basis::Blend(parts) => parts.iter_mut().for_each(|p| clean_basis(&mut p.basis)),
        _ => {}
    }
}
