//! Whether an edited agreement still holds together, checked before a form's change is applied,
//! and the bookkeeping that keeps references right when a party is renamed or deleted.

use crate::engine;
use crate::model::{Agreement, Basis, Scenario};
use rust_decimal::Decimal;

/// One sentence on the first thing wrong, naming the record, the field and the value.
///
/// The same rules as loading a file (`store::validate`), so the workbench can never hold an
/// agreement that it could not open again; then both rules must calculate at the ends of the
/// slider, so no position of it can fail in a workshop.
pub fn validate(agreement: &Agreement) -> Result<(), String> {
    if let Some(problem) = crate::store::validate(agreement)
        .into_iter()
        .find(|p| p.is_error())
    {
        return Err(problem.message);
    }
    for percent in [20, -20] {
        let scenario = Scenario {
            variance: Decimal::from(percent),
            ..Scenario::default()
        };
        engine::allocate(agreement, &scenario).map_err(|e| e.to_string())?;
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

/// A list of ids (a scenario's risks or benefits) with `old` renamed `new`.
pub fn rename(ids: &mut [String], old: &str, new: &str) {
    ids.iter_mut()
        .filter(|id| *id == old)
        .for_each(|id| *id = new.to_string());
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
