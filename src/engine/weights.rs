//! The weights a basis gives each member, normalised to sum to 1.

use crate::model::{Basis, Party, Scheme, Side};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The parties by id, built once per allocation.
pub type Parties<'a> = HashMap<&'a str, &'a Party>;

/// Shares of 1 for each of `members` under `basis`; falls back to Equal, with a warning, when
/// every weight is 0. `context` names the place for that warning.
pub fn normalised(
    parties: &Parties,
    scheme: &Scheme,
    side: Side,
    basis: &Basis,
    members: &[&str],
    context: &str,
    warnings: &mut Vec<String>,
) -> Vec<Decimal> {
    if members.is_empty() {
        return Vec::new();
    }
    let raw: Vec<Decimal> = match basis {
        Basis::Blend(parts) => {
            let mut blended = vec![Decimal::ZERO; members.len()];
            for part in parts {
                let shares = normalised(
                    parties,
                    scheme,
                    side,
                    &part.basis,
                    members,
                    context,
                    warnings,
                );
                let weight = part.weight.max(Decimal::ZERO) / Decimal::ONE_HUNDRED;
                for (b, s) in blended.iter_mut().zip(shares) {
                    *b += weight * s;
                }
            }
            blended
        }
        _ => members
            .iter()
            .map(|m| raw_weight(parties, scheme, side, basis, m).max(Decimal::ZERO))
            .collect(),
    };
    let total = raw
        .iter()
        .try_fold(Decimal::ZERO, |acc, w| acc.checked_add(*w));
    match total {
        Some(total) if !total.is_zero() => raw.iter().map(|w| *w / total).collect(),
        _ => {
            warnings.push(format!(
                "{context}: every member's {} weight is 0, so it is shared equally",
                basis.label()
            ));
            let n = Decimal::from(members.len());
            vec![Decimal::ONE / n; members.len()]
        }
    }
}

fn raw_weight(
    parties: &Parties,
    scheme: &Scheme,
    side: Side,
    basis: &Basis,
    member: &str,
) -> Decimal {
    let party = parties.get(member).copied();
    let field = |f: fn(&Party) -> Decimal| party.map(f).unwrap_or_default();
    match basis {
        Basis::Equal | Basis::Pool => Decimal::ONE,
        Basis::Contribution => scheme
            .contributions
            .get(member)
            .copied()
            .unwrap_or_default(),
        Basis::Activity => field(|p| p.activity),
        Basis::Equity => field(|p| p.equity),
        Basis::AbilityToPay => field(|p| p.reserves),
        Basis::InvestmentNeed => field(|p| p.investment_need),
        Basis::Compensation => field(|p| p.budget_reduction),
        Basis::Performance => {
            let score = party.map(|p| p.performance).unwrap_or(Decimal::from(50));
            match side {
                Side::Underspend => score,
                Side::Overspend => Decimal::ONE_HUNDRED - score,
            }
        }
        Basis::Fixed(shares) => shares.get(member).copied().unwrap_or_default(),
        // A blend is handled by `normalised`; it never reaches here.
        Basis::Blend(_) => Decimal::ZERO,
    }
}
