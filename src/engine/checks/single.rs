//! One risk happening with every scheme on budget: who bears part of it, and how its scheme
//! shares it. Checks G202 and G301 ask this of every pooled risk, so it must not cost a full
//! calculation of the agreement (every scheme, party and risk) each time.
//!
//! When nothing happens every scheme's variance is 0 and no one bears anything. With one risk
//! happening only its own scheme's variance moves (the pool step nets nothing, and its
//! contingency goes to the one scheme overspent), so the same [`calculate`] on a copy of the
//! agreement holding just that risk, its scheme and the parties either names gives that
//! scheme's shares and each party's pooled and influence figures exactly. That holds only when the nothing-happening
//! calculation succeeds and shares nothing; otherwise the full calculation is used.

use crate::engine::{Allocation, WhatIf, calculate};
use crate::model::{Agreement, Risk, Treatment};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// What one risk happening does, as the checks read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Borne {
    /// The parties whose pooled plus influence figure is above 0, in the agreement's order.
    pub bearers: Vec<String>,
    /// Its scheme's shares, in the scheme's order; empty when it names no scheme.
    pub scheme_shares: Vec<(String, Decimal)>,
}

impl Borne {
    fn from(alloc: &Allocation, risk: &Risk) -> Self {
        let bearers = alloc
            .parties
            .iter()
            .filter(|x| x.pooled + x.influence > Decimal::ZERO)
            .map(|x| x.id.clone())
            .collect();
        let scheme_shares = risk
            .scheme
            .as_deref()
            .and_then(|s| alloc.scheme(s))
            .map(|s| s.shares.iter().map(|(p, v)| (p.to_string(), *v)).collect())
            .unwrap_or_default();
        Borne {
            bearers,
            scheme_shares,
        }
    }
}

/// Calculates one risk at a time.
pub(crate) struct Single<'a> {
    agreement: &'a Agreement,
    /// The agreement without its schemes and risks, when the shortcut holds; each risk in turn
    /// is put in it with its scheme (reused, so the parties are not copied for every risk).
    bare: Option<RefCell<Agreement>>,
    /// Every risk by id (a what-if names risks by id, so all risks with that id happen).
    by_id: HashMap<&'a str, Vec<&'a Risk>>,
}

impl<'a> Single<'a> {
    pub fn new(agreement: &'a Agreement) -> Self {
        let still = calculate(agreement, &WhatIf::default()).is_ok_and(|alloc| {
            alloc
                .schemes
                .iter()
                .all(|s| s.shares.values().all(Decimal::is_zero))
        });
        let bare = still.then(|| {
            let mut bare = agreement.clone();
            bare.schemes.clear();
            bare.risks.clear();
            RefCell::new(bare)
        });
        let mut by_id: HashMap<&str, Vec<&Risk>> = HashMap::new();
        for r in &agreement.risks {
            by_id.entry(r.id.as_str()).or_default().push(r);
        }
        Single {
            agreement,
            bare,
            by_id,
        }
    }

    /// What `risk` happening, alone, does; `None` when it cannot be calculated.
    pub fn borne(&self, risk: &Risk) -> Option<Borne> {
        let Some(bare) = &self.bare else {
            return full(self.agreement, risk);
        };
        let mut one = bare.borrow_mut();
        let same = self.by_id.get(risk.id.as_str())?;
        one.risks = same.iter().map(|r| (*r).clone()).collect();
        let pooled: Vec<&str> = same
            .iter()
            .filter(|r| r.treatment == Treatment::Pooled)
            .filter_map(|r| r.scheme.as_deref())
            .collect();
        one.schemes = self
            .agreement
            .schemes
            .iter()
            .filter(|s| pooled.contains(&s.id.as_str()) || risk.scheme.as_deref() == Some(&s.id))
            .cloned()
            .collect();
        // Only its schemes' members, its owners and the parties its weights name can be
        // credited anything, so only they are kept (in the agreement's order).
        let mut touched: HashSet<&str> = HashSet::new();
        for s in &one.schemes {
            touched.extend(s.members());
        }
        for r in same {
            touched.insert(r.owner.as_str());
            touched.extend(r.influence.keys());
        }
        let parties = self
            .agreement
            .parties
            .iter()
            .filter(|p| touched.contains(p.id.as_str()))
            .cloned()
            .collect();
        one.parties = parties;
        let alloc = calculate(&one, &happening(risk)).ok()?;
        Some(Borne::from(&alloc, risk))
    }
}

/// The same answer from a full calculation of the agreement: the reference the shortcut
/// must match.
pub(crate) fn full(agreement: &Agreement, risk: &Risk) -> Option<Borne> {
    let alloc = calculate(agreement, &happening(risk)).ok()?;
    Some(Borne::from(&alloc, risk))
}

fn happening(risk: &Risk) -> WhatIf {
    WhatIf {
        risks: vec![risk.id.clone()],
        ..WhatIf::default()
    }
}
