//! What one calculation gives: every figure the command line and the workbench show, so neither
//! face computes anything of its own.

use super::whatif::Setting;
use crate::model::{OrderedMap, Side};
use rust_decimal::Decimal;

/// The result of one allocation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    pub schemes: Vec<SchemeResult>,
    /// Every party in the agreement, in the file's order.
    pub parties: Vec<PartyResult>,
    /// Things a reader must know: a basis that fell back to Equal, money left unallocated.
    pub warnings: Vec<String>,
    /// Every scheme's variance in pounds, added up (netting never changes it).
    pub variance: Decimal,
    /// The pooled budget: every scheme's budget, added up.
    pub budget: Decimal,
    /// The pool's variance over the pooled budget x 100, rounded half-even to two decimals
    /// (0 when the pooled budget is 0).
    pub variance_percent: Decimal,
    /// The review thresholds crossed, in the file's order, each with where.
    pub thresholds: Vec<ThresholdCrossed>,
    /// Open risks in each cell of the 5x5 matrix.
    pub heatmap: Heatmap,
}

impl Allocation {
    pub fn party(&self, id: &str) -> Option<&PartyResult> {
        self.parties.iter().find(|p| p.id == id)
    }
    pub fn scheme(&self, id: &str) -> Option<&SchemeResult> {
        self.schemes.iter().find(|s| s.id == id)
    }
    /// Money that no one could take, over every scheme.
    pub fn unallocated(&self) -> Decimal {
        self.schemes.iter().map(|s| s.unallocated).sum()
    }
}

/// How one scheme's variance was shared.
///
/// `variance` and the shares carry the variance's sign (positive is a cost). The other amounts
/// are sums of money, never negative:
/// `shares + sign(variance) x (netted + pool_contingency_used + contingency_used + reinvested +
/// unallocated) = variance`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemeResult {
    pub id: String,
    pub budget: Decimal,
    /// The variance over the budget x 100, rounded half-even to two decimals (0 when the budget
    /// is 0).
    pub variance_percent: Decimal,
    /// Outturn minus budget, with pooled risks and shared benefits, in pounds.
    pub variance: Decimal,
    /// The setting the what-if gave this scheme (a percent of budget or pounds).
    pub setting: Setting,
    /// True when the scheme kept its own setting rather than following the base.
    pub held: bool,
    /// The variance the setting alone gives, in pounds (a percent rounded half-even to pence).
    pub from_setting: Decimal,
    /// What happening pooled risks and realised shared benefits added (signed).
    pub from_risks_and_benefits: Decimal,
    /// Which rule applied; `None` when the variance is zero.
    pub side: Option<Side>,
    /// Met from the other side of the pool (netting), a magnitude.
    pub netted: Decimal,
    /// Absorbed by the pool's contingency.
    pub pool_contingency_used: Decimal,
    pub contingency_used: Decimal,
    pub reinvested: Decimal,
    pub unallocated: Decimal,
    /// `Some(true)` when the rule has a threshold and the variance reaching it is at or above
    /// it (the bands shared), `Some(false)` when below (the threshold's basis shared it all),
    /// `None` when the rule has no threshold or nothing reached it.
    pub threshold_met: Option<bool>,
    /// Member -> share, in the order of the scheme's contributions.
    pub shares: OrderedMap<Decimal>,
    /// Member -> cap in pounds on the side that applied, for members that have one.
    pub caps: OrderedMap<Decimal>,
}

impl Default for Setting {
    fn default() -> Self {
        Setting::Percent(Decimal::ZERO)
    }
}

impl SchemeResult {
    /// True when the member's share has reached its cap: the one definition, `|share| >= cap`.
    pub fn at_cap(&self, party: &str) -> bool {
        match (self.shares.get(party), self.caps.get(party)) {
            (Some(share), Some(cap)) => share.abs() >= *cap,
            _ => false,
        }
    }

    /// +1 for an overspend, -1 for an underspend, 0 on budget.
    pub fn sign(&self) -> Decimal {
        match self.side {
            Some(Side::Overspend) => Decimal::ONE,
            Some(Side::Underspend) => Decimal::NEGATIVE_ONE,
            None => Decimal::ZERO,
        }
    }
}

/// One party's position in the what-if. Positive is a cost, negative a saving.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartyResult {
    pub id: String,
    /// Its shares of the schemes' variances.
    pub pooled: Decimal,
    /// Costs of its happening `Retained` risks.
    pub retained: Decimal,
    /// Its part of happening `ByInfluence` risks.
    pub influence: Decimal,
    /// Savings of unshared benefits it realised (negative).
    pub benefits: Decimal,
    pub total: Decimal,
    /// What it puts into the pool over every scheme.
    pub contribution: Decimal,
    /// Pounds it will bear before it is in breach (its own, else its appetite's).
    pub tolerance: Decimal,
    /// Tolerance minus total: how much more it could bear.
    pub headroom: Decimal,
    /// Its total is more than its tolerance.
    pub breach: bool,
    /// Its total over its contribution x 100, unrounded; `None` when it contributes nothing.
    pub percent_of_contribution: Option<Decimal>,
    /// Schemes where its share is at its cap ([`SchemeResult::at_cap`]).
    pub at_cap: Vec<String>,
    /// The most it can bear (or receive) from the pool, signed like its shares, when every
    /// scheme it is in with a variance caps it; `None` otherwise.
    pub cap_limit: Option<Decimal>,
}

impl PartyResult {
    /// The names of [`PartyResult::figures`], in their order, as the tables head them.
    pub const FIGURES: [&'static str; 7] = [
        "pooled",
        "retained",
        "influence",
        "benefits",
        "total",
        "tolerance",
        "headroom",
    ];

    /// Its figures in the order every table, CSV and workbook gives them ([`Self::FIGURES`]).
    pub fn figures(&self) -> [Decimal; 7] {
        [
            self.pooled,
            self.retained,
            self.influence,
            self.benefits,
            self.total,
            self.tolerance,
            self.headroom,
        ]
    }
}

/// A review threshold the what-if has crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdCrossed {
    /// Percent: positive for an overspend, negative for an underspend.
    pub at: Decimal,
    pub action: String,
    /// The pool as a whole first (when it crossed), then each scheme on its own, in file order.
    pub crossed_by: Vec<Crossing>,
}

/// Where a review threshold was crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Crossing {
    /// The sum of the schemes' variances over the pooled budget.
    Pool,
    /// One scheme's variance over its budget.
    Scheme(String),
}

impl Crossing {
    /// `pool`, or the scheme's id.
    pub fn label(&self) -> &str {
        match self {
            Crossing::Pool => "pool",
            Crossing::Scheme(id) => id,
        }
    }
}

/// Open risks counted in each cell of the 5x5 matrix, `[likelihood - 1][impact - 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Heatmap {
    pub inherent: [[usize; 5]; 5],
    pub residual: [[usize; 5]; 5],
}

impl Heatmap {
    /// The inherent or the residual counts.
    pub fn counts(&self, residual: bool) -> &[[usize; 5]; 5] {
        if residual {
            &self.residual
        } else {
            &self.inherent
        }
    }
}
