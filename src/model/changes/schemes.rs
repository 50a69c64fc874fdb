//! Schemes in words: renamed, added or removed, their contributions and members, and each
//! side's rule (contingency, reinvestment, bands, caps, redistribution).

use super::Change;
use super::fields::fields;
use super::words::{bands_words, cap_after, cap_words, pounds, shown};
use crate::model::map::OrderedMap;
use crate::model::{Rule, Scheme, Side};
use rust_decimal::Decimal;
use serde_json::Value;

pub(super) fn schemes(old: &[Scheme], new: &[Scheme], out: &mut Vec<Change>) {
    // A scheme whose id is gone, in the place of one whose id is new, with the same name or the
    // same contributions, was renamed; schemes that share neither are different schemes (two
    // unrelated agreements), one removed and the other added.
    let renamed = |i: usize, o: &Scheme| {
        new.get(i).filter(|n| {
            !new.iter().any(|x| x.id == o.id)
                && !old.iter().any(|x| x.id == n.id)
                && (n.name == o.name || n.contributions == o.contributions)
        })
    };
    for (i, o) in old.iter().enumerate() {
        let n = match new.iter().find(|n| n.id == o.id) {
            Some(n) => n,
            None => match renamed(i, o) {
                Some(n) => {
                    out.push(Change::new(
                        format!("scheme {} is now {}", o.id, n.id),
                        o.id.clone(),
                        n.id.clone(),
                    ));
                    n
                }
                None => {
                    out.push(Change::new(
                        format!("scheme {} removed", o.id),
                        o.id.clone(),
                        "",
                    ));
                    continue;
                }
            },
        };
        if o.name != n.name {
            out.push(Change::new(
                format!("{}: name from {} to {}", o.id, o.name, n.name),
                o.name.clone(),
                n.name.clone(),
            ));
        }
        contributions(&o.id, &o.contributions, &n.contributions, out);
        for side in [Side::Overspend, Side::Underspend] {
            rule(
                &format!("{} {}", o.id, side.label()),
                o.rule(side),
                n.rule(side),
                out,
            );
        }
        // Any other field of a scheme (its quarters...), field by field.
        let rest = |s: &Scheme| {
            let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut v {
                for done in ["id", "name", "contributions", "overspend", "underspend"] {
                    map.remove(done);
                }
            }
            v
        };
        fields(&o.id, &rest(o), &rest(n), out);
    }
    let renamed_to: Vec<&str> = old
        .iter()
        .enumerate()
        .filter_map(|(i, o)| renamed(i, o).map(|n| n.id.as_str()))
        .collect();
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.id == n.id) && !renamed_to.contains(&n.id.as_str()))
    {
        let budget = pounds(&n.budget());
        out.push(Change::new(
            format!("scheme {} added ({}, budget {budget})", n.id, n.name),
            "",
            n.id.clone(),
        ));
    }
}

fn contributions(
    scheme: &str,
    old: &OrderedMap<Decimal>,
    new: &OrderedMap<Decimal>,
    out: &mut Vec<Change>,
) {
    for (party, a) in old.iter() {
        match new.get(party) {
            Some(b) if b != a => out.push(Change::new(
                format!(
                    "{scheme}: {party}'s contribution from {} to {}",
                    pounds(a),
                    pounds(b)
                ),
                pounds(a),
                pounds(b),
            )),
            Some(_) => {}
            None => out.push(Change::new(
                format!("{scheme}: {party} removed (contribution {})", pounds(a)),
                pounds(a),
                "",
            )),
        }
    }
    for (party, b) in new.iter().filter(|(p, _)| !old.contains_key(p)) {
        out.push(Change::new(
            format!(
                "{scheme}: {party} added with a contribution of {}",
                pounds(b)
            ),
            "",
            pounds(b),
        ));
    }
    let kept = |m: &OrderedMap<Decimal>, other: &OrderedMap<Decimal>| -> Vec<String> {
        m.keys()
            .filter(|k| other.contains_key(k))
            .map(String::from)
            .collect()
    };
    if kept(old, new) != kept(new, old) {
        let order = |m: &OrderedMap<Decimal>| m.keys().collect::<Vec<_>>().join(", ");
        out.push(Change::new(
            format!(
                "{scheme}: members reordered from {} to {}",
                order(old),
                order(new)
            ),
            order(old),
            order(new),
        ));
    }
}

fn rule(owner: &str, old: &Rule, new: &Rule, out: &mut Vec<Change>) {
    let mut say = |what: &str, a: String, b: String| {
        if a != b {
            out.push(Change::new(
                format!(
                    "{owner}: {what} from {} to {}",
                    shown(a.clone()),
                    shown(b.clone())
                ),
                a,
                b,
            ));
        }
    };
    say(
        "contingency",
        pounds(&old.contingency),
        pounds(&new.contingency),
    );
    say(
        "reinvest",
        format!("{}%", old.reinvest.normalize()),
        format!("{}%", new.reinvest.normalize()),
    );
    let threshold = |r: &Rule| match &r.threshold {
        Some(t) => format!("{}% ({})", t.at.normalize(), t.basis.label()),
        None => String::new(),
    };
    say("threshold", threshold(old), threshold(new));
    say("bands", bands_words(&old.bands), bands_words(&new.bands));
    say(
        "redistribution",
        old.redistribute.label(),
        new.redistribute.label(),
    );
    for (party, a) in old.caps.iter() {
        match new.caps.get(party) {
            Some(b) if b != a => out.push(Change::new(
                format!(
                    "{owner}: {party}'s cap from {} to {}",
                    cap_words(a),
                    cap_after(a, b)
                ),
                cap_words(a),
                cap_words(b),
            )),
            Some(_) => {}
            None => out.push(Change::new(
                format!("{owner}: {party}'s cap of {} removed", cap_words(a)),
                cap_words(a),
                "",
            )),
        }
    }
    for (party, b) in new.caps.iter().filter(|(p, _)| !old.caps.contains_key(p)) {
        out.push(Change::new(
            format!("{owner}: {party}'s cap of {} added", cap_words(b)),
            "",
            cap_words(b),
        ));
    }
}
