//! A scheme: a sub-pool with its own contributions and its own rules for overspend and underspend.

use super::map::OrderedMap;
use super::money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    /// Party id -> pounds. The members are the parties named here, in this order.
    pub contributions: OrderedMap<Decimal>,
    #[serde(default, skip_serializing_if = "Rule::is_empty")]
    pub overspend: Rule,
    #[serde(default, skip_serializing_if = "Rule::is_empty")]
    pub underspend: Rule,
    /// In-year monitoring: planned and actual spend by quarter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quarters: Vec<Quarter>,
}

/// One quarter's planned and actual spend of a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quarter {
    /// 1-4.
    pub quarter: u8,
    #[serde(with = "money")]
    pub plan: Decimal,
    /// Left out: not reported yet.
    #[serde(
        default,
        with = "money::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub actual: Option<Decimal>,
}

impl Scheme {
    /// The scheme's budget: the sum of its contributions (saturating: never a panic; the
    /// engine uses checked sums and reports an overflow).
    pub fn budget(&self) -> Decimal {
        self.contributions
            .values()
            .fold(Decimal::ZERO, |a, b| a.saturating_add(*b))
    }

    /// The parties named in `contributions`, in order.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.contributions.keys()
    }

    pub fn rule(&self, side: Side) -> &Rule {
        match side {
            Side::Overspend => &self.overspend,
            Side::Underspend => &self.underspend,
        }
    }
}

/// Which way a scheme's variance runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Overspend,
    Underspend,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Overspend => "overspend",
            Side::Underspend => "underspend",
        }
    }
}

/// How one side (overspend or underspend) of a scheme is shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Pounds that absorb an overspend before anyone pays (overspend only).
    #[serde(default, with = "money", skip_serializing_if = "Decimal::is_zero")]
    pub contingency: Decimal,
    /// Percent of the savings that stays in the pool (underspend only).
    #[serde(default, with = "money", skip_serializing_if = "Decimal::is_zero")]
    pub reinvest: Decimal,
    /// A minimum savings (or loss) rate: below it the threshold's basis shares everything and
    /// the bands are not used; at or above it the bands share from the first pound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[serde(default = "default_bands")]
    pub bands: Vec<Band>,
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub caps: OrderedMap<Cap>,
    #[serde(default)]
    pub redistribute: Basis,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            contingency: Decimal::ZERO,
            reinvest: Decimal::ZERO,
            threshold: None,
            bands: default_bands(),
            caps: OrderedMap::default(),
            redistribute: Basis::Contribution,
        }
    }
}

impl Rule {
    /// True for the empty rule `()`, which a file may leave out.
    pub fn is_empty(&self) -> bool {
        *self == Rule::default()
    }
}

fn default_bands() -> Vec<Band> {
    vec![Band {
        up_to: None,
        basis: Basis::Contribution,
    }]
}

/// A rule's minimum rate (as the Medicare Shared Savings Program's minimum savings rate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Percent of the scheme's budget.
    #[serde(with = "money")]
    pub at: Decimal,
    /// Who takes a variance below `at` (`Pool` keeps savings in the pool).
    #[serde(default)]
    pub basis: Basis,
}

/// A slice of the amount to share: up to a cumulative percent of the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Cumulative threshold in percent of the scheme's budget; the last band has none.
    #[serde(
        default,
        with = "money::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub up_to: Option<Decimal>,
    #[serde(default)]
    pub basis: Basis,
}

/// How an amount is split over a scheme's members.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Basis {
    Equal,
    #[default]
    Contribution,
    Activity,
    Equity,
    Performance,
    AbilityToPay,
    InvestmentNeed,
    /// Underspend only: by `budget_reduction`.
    Compensation,
    /// Underspend only: the band's savings stay in the pool.
    Pool,
    /// Party -> percent, summing to 100.
    Fixed(OrderedMap<Decimal>),
    /// Parts and their weights in percent, summing to 100.
    Blend(Vec<BlendPart>),
}

impl Basis {
    /// True for a basis that only has a meaning when sharing savings.
    pub fn underspend_only(&self) -> bool {
        match self {
            Basis::InvestmentNeed | Basis::Compensation | Basis::Pool => true,
            Basis::Blend(parts) => parts.iter().any(|p| p.basis.underspend_only()),
            _ => false,
        }
    }

    /// A short name for the screen: `Blend(Contribution 50, AbilityToPay 50)`.
    pub fn label(&self) -> String {
        match self {
            Basis::Equal => "Equal".into(),
            Basis::Contribution => "Contribution".into(),
            Basis::Activity => "Activity".into(),
            Basis::Equity => "Equity".into(),
            Basis::Performance => "Performance".into(),
            Basis::AbilityToPay => "AbilityToPay".into(),
            Basis::InvestmentNeed => "InvestmentNeed".into(),
            Basis::Compensation => "Compensation".into(),
            Basis::Pool => "Pool".into(),
            Basis::Fixed(shares) => {
                let parts: Vec<String> = shares.iter().map(|(p, v)| format!("{p} {v}%")).collect();
                format!("Fixed({})", parts.join(", "))
            }
            Basis::Blend(parts) => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| format!("{} {}%", p.basis.label(), p.weight))
                    .collect();
                format!("Blend({})", parts.join(", "))
            }
        }
    }
}

/// One part of a `Blend`: `(Contribution, 50)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "BlendTuple", into = "BlendTuple")]
pub struct BlendPart {
    pub basis: Basis,
    /// Percent.
    pub weight: Decimal,
}

/// How a blend part is written in the file: a tuple.
#[derive(Serialize, Deserialize)]
struct BlendTuple(Basis, #[serde(with = "money")] Decimal);

impl From<BlendTuple> for BlendPart {
    fn from(BlendTuple(basis, weight): BlendTuple) -> Self {
        BlendPart { basis, weight }
    }
}

impl From<BlendPart> for BlendTuple {
    fn from(part: BlendPart) -> Self {
        BlendTuple(part.basis, part.weight)
    }
}

/// The most a member can be asked to bear (or receive) in one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cap {
    /// Percent of the party's contribution to the scheme.
    Percent(#[serde(with = "money")] Decimal),
    /// Pounds.
    Amount(#[serde(with = "money")] Decimal),
    /// Percent of the scheme's budget (the Medicare Shared Savings Program caps a payment at a
    /// percent of the benchmark).
    BudgetPercent(#[serde(with = "money")] Decimal),
}
