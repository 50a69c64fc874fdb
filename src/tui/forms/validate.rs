//! Whether an edited agreement still holds together, checked before a form's change is applied.
//!
//! `validate` is the one function to swap for `store::validate` when the store's full validation
//! lands; until then it checks what the forms can change, and also reads the agreement back
//! through `store::parse` and runs the engine on it, so anything they refuse is refused here too.

use crate::engine;
use crate::model::{Agreement, Basis, Rule, Scenario, Side};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// One sentence on the first thing wrong, naming the record, the field and the value.
pub fn validate(agreement: &Agreement) -> Result<(), String> {
    unique(agreement.parties.iter().map(|p| p.id.as_str()), "party")?;
    unique(agreement.schemes.iter().map(|s| s.id.as_str()), "scheme")?;
    unique(agreement.risks.iter().map(|r| r.id.as_str()), "risk")?;
    let party = |id: &str| agreement.party(id).is_some();
    for p in &agreement.parties {
        if p.performance < Decimal::ZERO || p.performance > Decimal::ONE_HUNDRED {
            return Err(format!(
                "party '{}': performance {} is outside 0-100",
                p.id, p.performance
            ));
        }
    }
    for s in &agreement.schemes {
        if let Some(who) = s.contributions.keys().find(|k| !party(k)) {
            return Err(format!(
                "scheme '{}': contribution from '{who}', who is not a party",
                s.id
            ));
        }
        for (side, rule) in [
            (Side::Overspend, &s.overspend),
            (Side::Underspend, &s.underspend),
        ] {
            rule_holds(agreement, &s.id, side, rule)?;
        }
    }
    for r in &agreement.risks {
        if !party(&r.owner) {
            return Err(format!(
                "risk '{}': owner '{}' is not a party",
                r.id, r.owner
            ));
        }
        if let Some(s) = &r.scheme
            && agreement.scheme(s).is_none()
        {
            return Err(format!(
                "risk '{}': scheme '{s}' is not in the agreement",
                r.id
            ));
        }
        if let Some(who) = r.influence.keys().find(|k| !party(k)) {
            return Err(format!(
                "risk '{}': influence of '{who}', who is not a party",
                r.id
            ));
        }
    }
    for b in &agreement.benefits {
        if !party(&b.realised_by) {
            return Err(format!(
                "benefit '{}': realised by '{}', who is not a party",
                b.id, b.realised_by
            ));
        }
    }
    // The file's own reading of it: whatever the loader refuses, refuse here.
    let text = crate::store::to_ron(agreement)
        .map_err(|e| format!("the agreement cannot be written out: {e}"))?;
    crate::store::parse(&text, "the edited agreement").map_err(|e| match e {
        crate::store::LoadError::Invalid { message, .. } => message,
    })?;
    // Both rules must share: try a full overspend and a full underspend.
    for percent in [20, -20] {
        let scenario = Scenario {
            variance: Decimal::from(percent),
            ..Scenario::default()
        };
        engine::allocate(agreement, &scenario).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("{what} id '{id}' is used twice"));
        }
    }
    Ok(())
}

fn rule_holds(agreement: &Agreement, scheme: &str, side: Side, rule: &Rule) -> Result<(), String> {
    let at = format!("scheme '{scheme}' {}", side.label());
    if rule.bands.is_empty() {
        return Err(format!("{at}: at least one band is needed"));
    }
    let mut previous = Decimal::ZERO;
    for (n, band) in rule.bands.iter().enumerate() {
        let last = n + 1 == rule.bands.len();
        match band.up_to {
            Some(up_to) if last => {
                return Err(format!(
                    "{at}: the last band has up_to {up_to}; it must have none"
                ));
            }
            Some(up_to) if up_to <= previous => {
                return Err(format!("{at}: band {} up_to {up_to} does not rise", n + 1));
            }
            Some(up_to) => previous = up_to,
            None if !last => {
                return Err(format!(
                    "{at}: band {} needs an up_to, as it is not the last",
                    n + 1
                ));
            }
            None => {}
        }
        basis_holds(agreement, &at, side, &band.basis)?;
    }
    basis_holds(agreement, &at, side, &rule.redistribute)?;
    if let Some(who) = rule.caps.keys().find(|k| agreement.party(k).is_none()) {
        return Err(format!("{at}: a cap for '{who}', who is not a party"));
    }
    if rule.reinvest < Decimal::ZERO || rule.reinvest > Decimal::ONE_HUNDRED {
        return Err(format!("{at}: reinvest {} is outside 0-100", rule.reinvest));
    }
    Ok(())
}

fn basis_holds(agreement: &Agreement, at: &str, side: Side, basis: &Basis) -> Result<(), String> {
    if side == Side::Overspend && basis.underspend_only() {
        return Err(format!(
            "{at}: {} can only share an underspend",
            basis.label()
        ));
    }
    match basis {
        Basis::Fixed(shares) => {
            if let Some(who) = shares.keys().find(|k| agreement.party(k).is_none()) {
                return Err(format!("{at}: Fixed share for '{who}', who is not a party"));
            }
            let sum: Decimal = shares.values().sum();
            if sum != Decimal::ONE_HUNDRED {
                return Err(format!("{at}: Fixed shares add up to {sum}, not 100"));
            }
        }
        Basis::Blend(parts) => {
            let sum: Decimal = parts.iter().map(|p| p.weight).sum();
            if sum != Decimal::ONE_HUNDRED {
                return Err(format!("{at}: Blend weights add up to {sum}, not 100"));
            }
            for p in parts {
                basis_holds(agreement, at, side, &p.basis)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Where a party is named, in words: so that deleting it can say what to change first.
pub fn party_references(agreement: &Agreement, id: &str) -> Vec<String> {
    let mut uses = Vec::new();
    for s in &agreement.schemes {
        let in_basis = |b: &Basis| matches!(b, Basis::Fixed(m) if m.contains_key(id));
        let named = s.contributions.contains_key(id)
            || [&s.overspend, &s.underspend].iter().any(|r| {
                r.caps.contains_key(id)
                    || r.bands.iter().any(|b| in_basis(&b.basis))
                    || in_basis(&r.redistribute)
            });
        if named {
            uses.push(format!("scheme {}", s.id));
        }
    }
    for r in &agreement.risks {
        if r.owner == id || r.influence.contains_key(id) {
            uses.push(format!("risk {}", r.id));
        }
    }
    for b in &agreement.benefits {
        if b.realised_by == id {
            uses.push(format!("benefit {}", b.id));
        }
    }
    uses
}

/// Gives a party a new id everywhere it is named.
pub fn rename_party(agreement: &mut Agreement, old: &str, new: &str) {
    let rename = |k: &mut String| {
        if k == old {
            *k = new.to_string();
        }
    };
    fn in_basis(b: &mut Basis, rename: &impl Fn(&mut String)) {
        match b {
            Basis::Fixed(m) => m.0.iter_mut().for_each(|(k, _)| rename(k)),
            Basis::Blend(parts) => parts
                .iter_mut()
                .for_each(|p| in_basis(&mut p.basis, rename)),
            _ => {}
        }
    }
    for s in &mut agreement.schemes {
        s.contributions.0.iter_mut().for_each(|(k, _)| rename(k));
        for r in [&mut s.overspend, &mut s.underspend] {
            r.caps.0.iter_mut().for_each(|(k, _)| rename(k));
            r.bands
                .iter_mut()
                .for_each(|b| in_basis(&mut b.basis, &rename));
            in_basis(&mut r.redistribute, &rename);
        }
    }
    for r in &mut agreement.risks {
        rename(&mut r.owner);
        r.influence.0.iter_mut().for_each(|(k, _)| rename(k));
    }
    for b in &mut agreement.benefits {
        rename(&mut b.realised_by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_example_holds_and_a_broken_one_does_not() {
        let mut a = anytown();
        assert_eq!(validate(&a), Ok(()));
        a.risks[0].owner = "NOBODY".into();
        assert_eq!(
            validate(&a),
            Err("risk 'R1': owner 'NOBODY' is not a party".to_string())
        );
    }

    #[test]
    fn renaming_a_party_follows_it_everywhere() {
        let mut a = anytown();
        rename_party(&mut a, "ICB", "NHSE");
        assert!(party_references(&a, "ICB").is_empty());
        assert!(!party_references(&a, "NHSE").is_empty());
    }
}
