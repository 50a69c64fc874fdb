//! Pure calculation: agreement + scenario -> allocation, exposure against appetite.
//!
//! No I/O and no terminal: the headless `calc` and the workbench call the same functions.

mod allocate;
mod exposure;
mod rounding;
pub mod simulate;
pub mod sweep;
mod weights;

pub use allocate::allocate;
pub use exposure::{Exposure, exposures};

use crate::model::{OrderedMap, Side};
use rust_decimal::Decimal;

/// What can stop a calculation. Each message names the scheme or risk concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("{0}: the amounts are too large to calculate")]
    Overflow(String),
    #[error("scheme '{scheme}': {basis} can only share an underspend, not an overspend")]
    UnderspendOnlyBasis { scheme: String, basis: String },
}

/// The result of one allocation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    pub schemes: Vec<SchemeResult>,
    /// Every party in the agreement, in the file's order.
    pub parties: Vec<PartyResult>,
    /// Things a reader must know: a basis that fell back to Equal, money left unallocated.
    pub warnings: Vec<String>,
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
/// `variance` and the shares carry the variance's sign (positive is a cost). The contingency
/// used, the amount reinvested and the amount unallocated are sums of money, never negative:
/// `shares + sign(variance) x (contingency_used + reinvested + unallocated) = variance`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemeResult {
    pub id: String,
    pub budget: Decimal,
    /// The percent of budget the scenario applied.
    pub variance_percent: Decimal,
    /// Outturn minus budget, with pooled risks and shared benefits, in pounds.
    pub variance: Decimal,
    /// Which rule applied; `None` when the variance is zero.
    pub side: Option<Side>,
    pub contingency_used: Decimal,
    pub reinvested: Decimal,
    pub unallocated: Decimal,
    /// Member -> share, in the order of the scheme's contributions.
    pub shares: OrderedMap<Decimal>,
    /// Member -> cap in pounds on the side that applied, for members that have one.
    pub caps: OrderedMap<Decimal>,
}

/// One party's position in the scenario. Positive is a cost, negative a saving.
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
}
