//! The decision log: one entry per change made to the agreement in the workbench, appended,
//! never rewritten (SPEC: `log: [(at, by, change, before, after, note)]`).

use super::Agreement;
use super::changes::{Change, describe};
use serde::{Deserialize, Serialize};

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// When, in RFC 3339 (UTC).
    pub at: String,
    /// Who made the change.
    #[serde(default)]
    pub by: String,
    /// What changed, in the users' words: "OOH overspend: LA's cap from 5% of contribution to 7%".
    pub change: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    /// Why, when someone said: "agreed at the March board".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What kind of step made the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Edit,
    Undo,
    Redo,
}

impl LogEntry {
    /// True when the entry mentions `id` (a party, scheme, risk or benefit) as a whole word.
    pub fn mentions(&self, id: &str) -> bool {
        let id = id.trim();
        !id.is_empty()
            && self.change.match_indices(id).any(|(i, _)| {
                let before = self.change[..i].chars().next_back();
                let after = self.change[i + id.len()..].chars().next();
                !before.is_some_and(is_word) && !after.is_some_and(is_word)
            })
    }
}

/// True when `now` holds something `saved` does not: a change to the agreement, or a note.
/// Entries logged for steps that ended where they began (an edit and its undo) are not work
/// to save: the file would say the same.
pub fn unsaved(now: &Agreement, saved: &Agreement) -> bool {
    // Field by field, without copying either agreement: the header asks on every frame, and a
    // copy of a register of 20,000 risks took longer than the frame should. Naming every field
    // makes a new one a compile error here until it is compared.
    let Agreement {
        format,
        name,
        period,
        review_thresholds,
        arbitration,
        score_bands,
        pool,
        parties,
        schemes,
        risks,
        benefits,
        scenarios,
        log: _,
    } = now;
    fn notes(a: &Agreement) -> Vec<(&String, &String, &String)> {
        a.log
            .iter()
            .filter(|e| !e.note.is_empty())
            .map(|e| (&e.at, &e.change, &e.note))
            .collect()
    }
    *format != saved.format
        || *name != saved.name
        || *period != saved.period
        || *review_thresholds != saved.review_thresholds
        || *arbitration != saved.arbitration
        || *score_bands != saved.score_bands
        || *pool != saved.pool
        || *parties != saved.parties
        || *schemes != saved.schemes
        || *risks != saved.risks
        || *benefits != saved.benefits
        || *scenarios != saved.scenarios
        || notes(now) != notes(saved)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Records the step from `before` to `after` in `after`'s log, which is first made `before`'s
/// log (an undo brings back an older agreement, but never an older log). When nothing but the
/// log differs (a note was added) nothing is recorded and `after` is left as it is. Returns the
/// entry's place.
pub fn record(
    before: &Agreement,
    after: &mut Agreement,
    step: Step,
    at: &str,
    by: &str,
) -> Option<usize> {
    let changes = describe(before, after);
    // A step that changes only the log (a note) keeps the log it made.
    if changes.is_empty() {
        return None;
    }
    after.log = before.log.clone();
    let join = |f: fn(&Change) -> &str| {
        let parts: Vec<&str> = changes.iter().map(f).filter(|s| !s.is_empty()).collect();
        parts.join("; ")
    };
    let prefix = match step {
        Step::Edit => "",
        Step::Undo => "undo: ",
        Step::Redo => "redo: ",
    };
    after.log.push(LogEntry {
        at: at.to_string(),
        by: by.to_string(),
        change: format!("{prefix}{}", join(|c| &c.change)),
        before: if changes.len() == 1 {
            join(|c| &c.before)
        } else {
            String::new()
        },
        after: if changes.len() == 1 {
            join(|c| &c.after)
        } else {
            String::new()
        },
        note: String::new(),
    });
    Some(after.log.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cap;
    use rust_decimal::Decimal;

    fn example() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap()
    }

    #[test]
    fn an_edit_an_undo_and_a_redo_are_each_recorded_and_the_log_only_grows() {
        let a = example();
        let mut b = a.clone();
        b.schemes[0]
            .overspend
            .caps
            .insert("LA", Cap::Percent(Decimal::from(7)));
        assert_eq!(
            record(&a, &mut b, Step::Edit, "2026-03-01T10:00:00Z", "jo"),
            Some(0)
        );
        let entry = &b.log[0];
        assert_eq!(
            entry.change,
            "OOH overspend: LA's cap from 5% of contribution to 7%"
        );
        assert_eq!(
            (entry.before.as_str(), entry.after.as_str()),
            ("5% of contribution", "7% of contribution")
        );
        assert_eq!(entry.by, "jo");
        // Undo brings back `a`, whose log is empty; the log keeps the edit and adds the undo.
        let mut undone = a.clone();
        record(&b, &mut undone, Step::Undo, "2026-03-01T10:01:00Z", "jo");
        assert_eq!(undone.log.len(), 2);
        assert_eq!(
            undone.log[1].change,
            "undo: OOH overspend: LA's cap from 7% of contribution to 5%"
        );
        let mut redone = b.clone();
        record(
            &undone,
            &mut redone,
            Step::Redo,
            "2026-03-01T10:02:00Z",
            "jo",
        );
        assert_eq!(redone.log.len(), 3);
        assert!(redone.log[2].change.starts_with("redo: OOH overspend"));
        assert_eq!(redone.log[0], b.log[0]);
        let mut same = redone.clone();
        assert_eq!(record(&redone, &mut same, Step::Edit, "x", "jo"), None);
    }

    #[test]
    fn an_entry_mentions_whole_ids_only() {
        let e = LogEntry {
            change: "OOH overspend: LA's cap".into(),
            ..LogEntry::default()
        };
        assert!(e.mentions("LA") && e.mentions("OOH"));
        assert!(!e.mentions("L") && !e.mentions("OO") && !e.mentions(""));
    }
}
