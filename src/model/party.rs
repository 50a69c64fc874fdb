//! A party to the agreement, and its appetite for risk.

use super::map::OrderedMap;
use super::money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An organisation in the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    #[serde(default, with = "money")]
    pub activity: Decimal,
    #[serde(default, with = "money")]
    pub equity: Decimal,
    /// Reserves: the `AbilityToPay` basis.
    #[serde(default, with = "money")]
    pub reserves: Decimal,
    /// Performance score, 0-100.
    #[serde(default = "default_performance", with = "money")]
    pub performance: Decimal,
    #[serde(default, with = "money")]
    pub investment_need: Decimal,
    /// The cut to this party's budget: the `Compensation` basis.
    #[serde(default, with = "money")]
    pub budget_reduction: Decimal,
    #[serde(default)]
    pub appetite: Appetite,
    /// Pounds; overrides the appetite's default tolerance.
    #[serde(
        default,
        with = "money::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub loss_tolerance: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    /// Risk category -> appetite, as the Orange Book sets it; matched without regard to case.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub appetite_by_category: OrderedMap<Appetite>,
}

fn default_performance() -> Decimal {
    Decimal::from(50)
}

impl Party {
    /// A new party with the file's defaults.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: PartyKind) -> Self {
        Party {
            id: id.into(),
            name: name.into(),
            kind,
            activity: Decimal::ZERO,
            equity: Decimal::ZERO,
            reserves: Decimal::ZERO,
            performance: default_performance(),
            investment_need: Decimal::ZERO,
            budget_reduction: Decimal::ZERO,
            appetite: Appetite::default(),
            loss_tolerance: None,
            constraints: Vec::new(),
            appetite_by_category: OrderedMap::default(),
        }
    }

    /// The appetite that judges a risk of `category`: the category's own level when
    /// `appetite_by_category` names it (without regard to case), else `appetite`.
    pub fn appetite_for(&self, category: &str) -> Appetite {
        let category = category.trim();
        self.appetite_by_category
            .iter()
            .find(|(k, _)| {
                !category.is_empty() && k.trim().to_lowercase() == category.to_lowercase()
            })
            .map_or(self.appetite, |(_, level)| *level)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartyKind {
    Commissioner,
    LocalAuthority,
    AcuteProvider,
    CommunityProvider,
    MentalHealthProvider,
    PrimaryCare,
    Voluntary,
    Independent,
}

impl PartyKind {
    pub const ALL: [PartyKind; 8] = [
        PartyKind::Commissioner,
        PartyKind::LocalAuthority,
        PartyKind::AcuteProvider,
        PartyKind::CommunityProvider,
        PartyKind::MentalHealthProvider,
        PartyKind::PrimaryCare,
        PartyKind::Voluntary,
        PartyKind::Independent,
    ];

    /// The name a reader would use.
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Commissioner => "Commissioner",
            PartyKind::LocalAuthority => "Local authority",
            PartyKind::AcuteProvider => "Acute provider",
            PartyKind::CommunityProvider => "Community provider",
            PartyKind::MentalHealthProvider => "Mental health provider",
            PartyKind::PrimaryCare => "Primary care",
            PartyKind::Voluntary => "Voluntary",
            PartyKind::Independent => "Independent",
        }
    }
}

/// Orange Book appetite levels, from least to most willing.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Appetite {
    Averse,
    Minimal,
    #[default]
    Cautious,
    Open,
    Eager,
}

impl Appetite {
    pub const ALL: [Appetite; 5] = [
        Appetite::Averse,
        Appetite::Minimal,
        Appetite::Cautious,
        Appetite::Open,
        Appetite::Eager,
    ];

    /// Highest acceptable residual score (likelihood x impact).
    pub fn max_score(self) -> u8 {
        match self {
            Appetite::Averse => 3,
            Appetite::Minimal => 6,
            Appetite::Cautious => 9,
            Appetite::Open => 12,
            Appetite::Eager => 16,
        }
    }

    /// Default loss tolerance, as a percent of the party's total contributions.
    pub fn tolerance_percent(self) -> Decimal {
        match self {
            Appetite::Averse => Decimal::new(5, 1),
            Appetite::Minimal => Decimal::ONE,
            Appetite::Cautious => Decimal::new(25, 1),
            Appetite::Open => Decimal::from(5),
            Appetite::Eager => Decimal::from(10),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Appetite::Averse => "Averse",
            Appetite::Minimal => "Minimal",
            Appetite::Cautious => "Cautious",
            Appetite::Open => "Open",
            Appetite::Eager => "Eager",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Constraint {
    MustBalanceBudget,
    NonFoundationTrust,
    SpecialMeasures,
}

impl Constraint {
    pub fn label(self) -> &'static str {
        match self {
            Constraint::MustBalanceBudget => "Must balance its budget",
            Constraint::NonFoundationTrust => "Non-foundation trust",
            Constraint::SpecialMeasures => "In special measures",
        }
    }
}
