//! The joint risk register and the benefits the partners expect to realise.

use super::map::OrderedMap;
use super::money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    /// The party that owns the risk.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    pub boundary: Boundary,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// 1-5.
    pub likelihood: u8,
    /// 1-5.
    pub impact: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Residual>,
    #[serde(default, with = "money")]
    pub cost: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_range: Option<CostRange>,
    /// Percent, 0-100; overrides the likelihood's default probability.
    #[serde(
        default,
        with = "money::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub probability: Option<Decimal>,
    #[serde(default)]
    pub treatment: Treatment,
    /// Party -> weight, for `ByInfluence`.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub influence: OrderedMap<Decimal>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mitigation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub review: String,
    #[serde(default)]
    pub status: Status,
}

impl Risk {
    /// Inherent score, likelihood x impact.
    pub fn score(&self) -> u8 {
        self.likelihood.saturating_mul(self.impact)
    }

    /// The (likelihood, impact) after mitigation: `residual` where given, else the inherent one.
    pub fn residual_position(&self) -> (u8, u8) {
        match self.residual {
            Some(r) => (r.likelihood, r.impact),
            None => (self.likelihood, self.impact),
        }
    }

    pub fn residual_score(&self) -> u8 {
        let (l, i) = self.residual_position();
        l.saturating_mul(i)
    }

    /// Probability in percent: the file's, else the likelihood's default.
    pub fn probability_percent(&self) -> Decimal {
        self.probability
            .unwrap_or_else(|| default_probability(self.likelihood))
    }

    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }

    /// The next review date, when `review` is written as `YYYY-MM-DD`.
    pub fn review_date(&self) -> Option<jiff::civil::Date> {
        review_date(&self.review)
    }
}

/// A review date written `YYYY-MM-DD`; anything else is `None`.
pub fn review_date(text: &str) -> Option<jiff::civil::Date> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    t.parse().ok()
}

/// Default probability in percent of a likelihood on the 5x5 matrix.
pub fn default_probability(likelihood: u8) -> Decimal {
    Decimal::from(match likelihood {
        0 | 1 => 5,
        2 => 20,
        3 => 40,
        4 => 65,
        _ => 90,
    })
}

/// The band of a likelihood x impact score on the agreement's matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScoreBand {
    Low,
    Moderate,
    High,
    Extreme,
}

/// The highest score of each band on the 5x5 matrix, rising; above `high` is Extreme.
/// The default is the NPSA's (3, 6, 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreBands {
    pub low: u8,
    pub moderate: u8,
    pub high: u8,
}

impl Default for ScoreBands {
    fn default() -> Self {
        ScoreBands {
            low: 3,
            moderate: 6,
            high: 12,
        }
    }
}

impl ScoreBands {
    pub fn is_default(&self) -> bool {
        *self == ScoreBands::default()
    }
}

impl ScoreBand {
    /// The band of `score` under the agreement's `score_bands`.
    pub fn of(score: u8, bands: &ScoreBands) -> ScoreBand {
        if score <= bands.low {
            ScoreBand::Low
        } else if score <= bands.moderate {
            ScoreBand::Moderate
        } else if score <= bands.high {
            ScoreBand::High
        } else {
            ScoreBand::Extreme
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ScoreBand::Low => "Low",
            ScoreBand::Moderate => "Moderate",
            ScoreBand::High => "High",
            ScoreBand::Extreme => "Extreme",
        }
    }

    /// One letter, so a band reads without colour.
    pub fn letter(self) -> char {
        match self {
            ScoreBand::Low => 'L',
            ScoreBand::Moderate => 'M',
            ScoreBand::High => 'H',
            ScoreBand::Extreme => 'E',
        }
    }
}

/// Likelihood and impact after mitigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residual {
    pub likelihood: u8,
    pub impact: u8,
}

/// The low and high estimate of a risk's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostRange {
    #[serde(with = "money")]
    pub low: Decimal,
    #[serde(with = "money")]
    pub high: Decimal,
}

/// The six organisational interfaces where shared risk sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Boundary {
    CommissionerCommissioner,
    LocalAuthorityLocalAuthority,
    HealthSocialCare,
    CommissionerProvider,
    ProviderProvider,
    ServiceService,
}

impl Boundary {
    pub const ALL: [Boundary; 6] = [
        Boundary::CommissionerCommissioner,
        Boundary::LocalAuthorityLocalAuthority,
        Boundary::HealthSocialCare,
        Boundary::CommissionerProvider,
        Boundary::ProviderProvider,
        Boundary::ServiceService,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Boundary::CommissionerCommissioner => "Commissioner-commissioner",
            Boundary::LocalAuthorityLocalAuthority => "LA-LA",
            Boundary::HealthSocialCare => "Health-social care",
            Boundary::CommissionerProvider => "Commissioner-provider",
            Boundary::ProviderProvider => "Provider-provider",
            Boundary::ServiceService => "Service-service",
        }
    }
}

/// How a risk's cost is treated when it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Treatment {
    /// Its cost adds to its scheme's variance.
    Pooled,
    /// Its owner bears it outside the pool.
    #[default]
    Retained,
    /// Its cost is split directly by the `influence` weights.
    ByInfluence,
}

impl Treatment {
    pub const ALL: [Treatment; 3] = [
        Treatment::Pooled,
        Treatment::Retained,
        Treatment::ByInfluence,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Pooled => "Pooled",
            Treatment::Retained => "Retained",
            Treatment::ByInfluence => "By influence",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Open,
    Closed,
}

/// A benefit the partners expect: a realised shared one reduces its scheme's variance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metric: String,
    #[serde(default, with = "money")]
    pub baseline: Decimal,
    #[serde(default, with = "money")]
    pub target: Decimal,
    /// Pounds saved when realised.
    #[serde(default, with = "money")]
    pub value: Decimal,
    /// The party that realises it (and keeps it, when not shared).
    pub realised_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default = "default_likelihood")]
    pub likelihood: u8,
    #[serde(
        default,
        with = "money::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub probability: Option<Decimal>,
    #[serde(default)]
    pub shared: bool,
}

fn default_likelihood() -> u8 {
    3
}

impl Benefit {
    pub fn probability_percent(&self) -> Decimal {
        self.probability
            .unwrap_or_else(|| default_probability(self.likelihood))
    }
}
