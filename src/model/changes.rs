//! The difference between two agreements in the users' words, shared by the decision log and
//! `riskshare diff`: "OOH overspend: LA's cap from 5% of contribution to 7%".
//!
//! Here the agreement's top-level fields, review thresholds and scenarios; the schemes and their
//! rules in [`schemes`], records compared field by field in [`fields`], values put into words in
//! [`words`].

mod fields;
mod schemes;
mod words;

use super::{Agreement, ReviewThreshold, Scenario};
use fields::{fields, listed};
use schemes::schemes;
use serde::Serialize;
use serde_json::Value;
pub use words::{bands_words, cap_words};
use words::{percent, pounds};

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

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
