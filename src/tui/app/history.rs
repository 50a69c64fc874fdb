//! Undo and redo: a snapshot of the whole agreement before each change, with the Scenario
//! pane's what-if as it stood then, so that undo takes the screen back to the figures it showed
//! before the change (a what-if that followed an edited scenario follows it back).
//!
//! Snapshots are shared, not copied: the one before the first change is the saved agreement
//! itself. Each change still makes one new agreement, so the history keeps at most [`DEPTH`]
//! changes and at most [`BUDGET`] bytes of them (estimated): a small agreement keeps 500, one of
//! 20,000 risks a few dozen, and a long session never runs the machine out of memory.

use crate::model::{Agreement, Scenario};
use std::sync::Arc;

/// How many changes can be undone.
const DEPTH: usize = 500;
/// About how much memory the snapshots may take, in bytes.
const BUDGET: usize = 256 * 1024 * 1024;

/// The Scenario pane's what-if and the named scenario it was picked from.
pub type WhatIf = (Scenario, Option<usize>);

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<(Arc<Agreement>, WhatIf)>,
    redo: Vec<(Arc<Agreement>, WhatIf)>,
}

impl History {
    /// Remembers the agreement and the what-if as they were before a change.
    pub fn record(&mut self, before: Arc<Agreement>, what_if: WhatIf) {
        self.redo.clear();
        let room = (BUDGET / weight(&before)).clamp(1, DEPTH);
        if self.undo.len() >= room {
            self.undo.drain(..=self.undo.len() - room);
        }
        self.undo.push((before, what_if));
    }

    /// Gives back the agreement and what-if before the last change, keeping the current ones
    /// for redo.
    pub fn undo(
        &mut self,
        current: &Arc<Agreement>,
        what_if: WhatIf,
    ) -> Option<(Arc<Agreement>, WhatIf)> {
        let previous = self.undo.pop()?;
        self.redo.push((Arc::clone(current), what_if));
        Some(previous)
    }

    pub fn redo(
        &mut self,
        current: &Arc<Agreement>,
        what_if: WhatIf,
    ) -> Option<(Arc<Agreement>, WhatIf)> {
        let next = self.redo.pop()?;
        self.undo.push((Arc::clone(current), what_if));
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

/// About how many bytes an agreement takes in memory: its records and, as much again, the text
/// and maps they hold (measured on a generated agreement of 20,000 risks: 9 MB, 272 bytes a
/// risk record).
fn weight(a: &Agreement) -> usize {
    use std::mem::size_of;
    let records = size_of::<Agreement>()
        + a.parties.len() * (size_of::<crate::model::Party>() + a.schemes.len() * 48)
        + a.schemes.len() * size_of::<crate::model::Scheme>()
        + a.risks.len() * size_of::<crate::model::Risk>()
        + a.benefits.len() * size_of::<crate::model::Benefit>()
        + a.scenarios.len() * size_of::<Scenario>()
        + a.review_thresholds.len() * size_of::<crate::model::ReviewThreshold>()
        + a.log.len() * size_of::<crate::model::LogEntry>();
    records * 2
}

impl super::App {
    /// The what-if as the Scenario pane holds it now, for the history.
    pub(super) fn what_if_now(&self) -> WhatIf {
        let s = &self.panes.scenario;
        (s.working.clone(), s.named)
    }

    /// Puts back a what-if the history kept (the agreement is put back beside it; the
    /// recalculation follows).
    pub(super) fn restore_what_if(&mut self, (working, named): WhatIf) {
        self.panes.scenario.working = working;
        self.panes.scenario.named = named;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what_if() -> WhatIf {
        (Scenario::default(), None)
    }

    #[test]
    fn a_small_agreement_keeps_every_change_up_to_the_depth() {
        let mut history = History::default();
        let a =
            Arc::new(crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("loads"));
        for _ in 0..DEPTH + 20 {
            history.record(Arc::clone(&a), what_if());
        }
        assert_eq!(history.undo.len(), DEPTH);
    }

    #[test]
    fn a_large_agreement_keeps_as_many_as_the_budget_holds() {
        let text = crate::generate::plain(200, 100, 20_000);
        let a = Arc::new(
            crate::store::parse(&text, "large.ron").expect("the generated agreement loads"),
        );
        let room = BUDGET / weight(&a);
        assert!((10..100).contains(&room), "{room} changes kept");
        let mut history = History::default();
        for _ in 0..room + 5 {
            // A distinct snapshot each time, as a change makes.
            history.record(Arc::new((*a).clone()), what_if());
        }
        assert_eq!(history.undo.len(), room);
        assert!(history.can_undo());
    }
}
