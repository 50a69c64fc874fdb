//! The difference between two agreements in the users' words, shared by the decision log and
//! `riskshare diff`: "OOH overspend: LA's cap from 5% of contribution to 7%".

use super::map::OrderedMap;
use super::money::grouped;
use super::{Agreement, Band, Cap, ReviewThreshold, Rule, Scenario, Scheme, Side};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// One difference: the sentence, and the old and new values on their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub change: String,
    pub before: String,
    pub after: String,
}

impl Change {
    fn new(change: String, before: impl Into<String>, after: impl Into<String>) -> Change {
        Change {
            change,
            before: before.into(),
            after: after.into(),
        }
    }
}

/// Every difference from `old` to `new`, in the order of the file; the log itself is left out.
pub fn describe(old: &Agreement, new: &Agreement) -> Vec<Change> {
    let mut out = Vec::new();
    let top = |v: &Agreement| {
        let mut v = serde_json::to_value(v).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            for done in [
                "review_thresholds",
                "parties",
                "schemes",
                "risks",
                "benefits",
                "scenarios",
                "log",
            ] {
                map.remove(done);
            }
        }
        v
    };
    fields("", &top(old), &top(new), &mut out);
    thresholds(&old.review_thresholds, &new.review_thresholds, &mut out);
    listed(
        "party",
        &old.parties,
        &new.parties,
        |p| p.id.clone(),
        &mut out,
    );
    schemes(&old.schemes, &new.schemes, &mut out);
    listed("risk", &old.risks, &new.risks, |r| r.id.clone(), &mut out);
    listed(
        "benefit",
        &old.benefits,
        &new.benefits,
        |b| b.id.clone(),
        &mut out,
    );
    scenarios(&old.scenarios, &new.scenarios, &mut out);
    out
}

/// Review thresholds matched by their action, else by where they are: "review threshold at
/// -2% added: Agree how...", "review threshold 'Escalate...': at from 5% to 6%".
fn thresholds(old: &[ReviewThreshold], new: &[ReviewThreshold], out: &mut Vec<Change>) {
    let kept = |t: &ReviewThreshold, list: &[ReviewThreshold]| list.contains(t);
    let gone: Vec<&ReviewThreshold> = old.iter().filter(|t| !kept(t, new)).collect();
    let mut fresh: Vec<&ReviewThreshold> = new.iter().filter(|t| !kept(t, old)).collect();
    for o in gone {
        if let Some(i) = fresh.iter().position(|n| n.action == o.action) {
            let n = fresh.remove(i);
            out.push(Change::new(
                format!(
                    "review threshold \"{}\": at from {} to {}",
                    o.action,
                    percent(&o.at),
                    percent(&n.at)
                ),
                percent(&o.at),
                percent(&n.at),
            ));
        } else if let Some(i) = fresh.iter().position(|n| n.at == o.at) {
            let n = fresh.remove(i);
            out.push(Change::new(
                format!(
                    "review threshold at {}: action from \"{}\" to \"{}\"",
                    percent(&o.at),
                    o.action,
                    n.action
                ),
                o.action.clone(),
                n.action.clone(),
            ));
        } else {
            out.push(Change::new(
                format!(
                    "review threshold at {} removed: {}",
                    percent(&o.at),
                    o.action
                ),
                format!("{} {}", percent(&o.at), o.action),
                "",
            ));
        }
    }
    for n in fresh {
        out.push(Change::new(
            format!("review threshold at {} added: {}", percent(&n.at), n.action),
            "",
            format!("{} {}", percent(&n.at), n.action),
        ));
    }
}

/// Scenarios matched by name; a changed one says what moved in words: "scenario Discharge
/// pressure: PREV held at 1.5%", "R1 happens", "B1 no longer realised".
fn scenarios(old: &[Scenario], new: &[Scenario], out: &mut Vec<Change>) {
    for o in old {
        let Some(n) = new.iter().find(|n| n.name == o.name) else {
            out.push(Change::new(
                format!("scenario {} removed", o.name),
                o.name.clone(),
                "",
            ));
            continue;
        };
        let lead = format!("scenario {}", o.name);
        let mut say = |what: String, before: String, after: String| {
            out.push(Change::new(format!("{lead}: {what}"), before, after))
        };
        if o.variance != n.variance {
            say(
                format!(
                    "variance from {} to {}",
                    percent(&o.variance),
                    percent(&n.variance)
                ),
                percent(&o.variance),
                percent(&n.variance),
            );
        }
        let held = |s: &Scenario, id: &str| {
            s.amounts
                .get(id)
                .map(pounds)
                .or_else(|| s.schemes.get(id).map(percent))
        };
        let mut ids: Vec<&str> = o.schemes.keys().chain(o.amounts.keys()).collect();
        ids.extend(n.schemes.keys().chain(n.amounts.keys()));
        let mut seen = Vec::new();
        for id in ids {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            match (held(o, id), held(n, id)) {
                (Some(a), Some(b)) if a != b => say(format!("{id} held from {a} to {b}"), a, b),
                (None, Some(b)) => say(format!("{id} held at {b}"), String::new(), b),
                (Some(a), None) => say(format!("{id} no longer held at {a}"), a, String::new()),
                _ => {}
            }
        }
        for (list_o, list_n, yes, no) in [
            (&o.risks, &n.risks, "happens", "no longer happens"),
            (&o.benefits, &n.benefits, "realised", "no longer realised"),
        ] {
            for id in list_n.iter().filter(|id| !list_o.contains(id)) {
                say(format!("{id} {yes}"), String::new(), id.clone());
            }
            for id in list_o.iter().filter(|id| !list_n.contains(id)) {
                say(format!("{id} {no}"), id.clone(), String::new());
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
        out.push(Change::new(
            format!("scenario {} added", n.name),
            "",
            n.name.clone(),
        ));
    }
}

/// Pounds as a person writes them: `£20,000`.
fn pounds(d: &Decimal) -> String {
    let d = d.normalize();
    // Pence, when there are any, as two figures: `£250,000.50`.
    let text = if d.scale() > 0 {
        d.round_dp(2).to_string()
    } else {
        d.to_string()
    };
    let text = match text.split_once('.') {
        Some((whole, pence)) if pence.len() == 1 => format!("{whole}.{pence}0"),
        _ => text,
    };
    format!("£{}", grouped(&text))
}

/// A percent as a person writes it: `2%`, `-2.5%`.
fn percent(d: &Decimal) -> String {
    format!("{}%", d.normalize())
}

/// A value from the file for a sentence: text as it is, numbers grouped, maps and lists short.
fn words(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => grouped(&n.to_string()),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join(", "),
        Value::Object(map) if map.len() == 1 => {
            let (k, v) = map
                .iter()
                .next()
                .map(|(k, v)| (k.clone(), words(v)))
                .unwrap_or_default();
            format!("{k}({v})")
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k} {}", words(v)))
                .collect();
            parts.join(", ")
        }
    }
}

/// Field by field, for records without words of their own: "R1: likelihood from 4 to 5".
fn fields(owner: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    let (Value::Object(o), Value::Object(n)) = (old, new) else {
        if old != new {
            out.push(Change::new(
                format!("{owner}: from {} to {}", words(old), words(new)),
                words(old),
                words(new),
            ));
        }
        return;
    };
    let lead = if owner.is_empty() {
        String::new()
    } else {
        format!("{owner}: ")
    };
    let mut keys: Vec<&String> = o.keys().collect();
    keys.extend(n.keys().filter(|k| !o.contains_key(*k)));
    for k in keys {
        let (a, b) = (
            o.get(k).unwrap_or(&Value::Null),
            n.get(k).unwrap_or(&Value::Null),
        );
        if a != b {
            let label = k.replace('_', " ");
            out.push(Change::new(
                format!("{lead}{label} from {} to {}", words(a), words(b)),
                words(a),
                words(b),
            ));
        }
    }
}

/// Items matched by id: added, removed, or changed field by field.
fn listed<T: Serialize>(
    kind: &str,
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> String,
    out: &mut Vec<Change>,
) {
    let find = |list: &[T], key: &str| {
        list.iter()
            .find(|x| id(x) == key)
            .map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
    };
    for o in old {
        let key = id(o);
        match find(new, &key) {
            Some(n) => fields(
                &format!("{kind} {key}"),
                &serde_json::to_value(o).unwrap_or(Value::Null),
                &n,
                out,
            ),
            None => out.push(Change::new(format!("{kind} {key} removed"), key, "")),
        }
    }
    for n in new.iter().filter(|n| find(old, &id(n)).is_none()) {
        out.push(Change::new(format!("{kind} {} added", id(n)), "", id(n)));
    }
}

fn schemes(old: &[Scheme], new: &[Scheme], out: &mut Vec<Change>) {
    // A scheme whose id is gone, in the place of one whose id is new, was renamed.
    let renamed = |i: usize, o: &Scheme| {
        new.get(i)
            .filter(|n| !new.iter().any(|x| x.id == o.id) && !old.iter().any(|x| x.id == n.id))
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

/// A cap in words: `5% of contribution`, `£20,000`, `3% of the budget`.
pub fn cap_words(cap: &Cap) -> String {
    match cap {
        Cap::Percent(p) => format!("{}% of contribution", p.normalize()),
        Cap::Amount(a) => pounds(a),
        Cap::BudgetPercent(p) => format!("{}% of the budget", p.normalize()),
    }
}

/// The new cap, shortened when it is the same kind as the old: "from 5% of contribution to 7%".
fn cap_after(old: &Cap, new: &Cap) -> String {
    match (old, new) {
        (Cap::Percent(_), Cap::Percent(p)) | (Cap::BudgetPercent(_), Cap::BudgetPercent(p)) => {
            format!("{}%", p.normalize())
        }
        _ => cap_words(new),
    }
}

/// Bands in words: `up to 1%: Fixed(ICB 100%); then Contribution`.
pub fn bands_words(bands: &[Band]) -> String {
    let parts: Vec<String> = bands
        .iter()
        .map(|b| match b.up_to {
            Some(p) => format!("up to {}%: {}", p.normalize(), b.basis.label()),
            None => format!("then {}", b.basis.label()),
        })
        .collect();
    parts.join("; ")
}

fn rule(owner: &str, old: &Rule, new: &Rule, out: &mut Vec<Change>) {
    let mut say = |what: &str, a: String, b: String| {
        if a != b {
            out.push(Change::new(
                format!("{owner}: {what} from {a} to {b}"),
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
        None => "none".into(),
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

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
