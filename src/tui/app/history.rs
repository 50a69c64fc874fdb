//! Undo and redo: a snapshot of the whole agreement before each change (it is small), with the
//! Scenario pane's what-if as it stood then, so that undo takes the screen back to the figures
//! it showed before the change (a what-if that followed an edited scenario follows it back).

use crate::model::{Agreement, Scenario};

/// How many changes can be undone.
const DEPTH: usize = 500;

/// The Scenario pane's what-if and the named scenario it was picked from.
pub type WhatIf = (Scenario, Option<usize>);

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<(Agreement, WhatIf)>,
    redo: Vec<(Agreement, WhatIf)>,
}

impl History {
    /// Remembers the agreement and the what-if as they were before a change.
    pub fn record(&mut self, before: Agreement, what_if: WhatIf) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push((before, what_if));
        self.redo.clear();
    }

    /// Gives back the agreement and what-if before the last change, keeping the current ones
    /// for redo.
    pub fn undo(&mut self, current: &Agreement, what_if: WhatIf) -> Option<(Agreement, WhatIf)> {
        let previous = self.undo.pop()?;
        self.redo.push((current.clone(), what_if));
        Some(previous)
    }

    pub fn redo(&mut self, current: &Agreement, what_if: WhatIf) -> Option<(Agreement, WhatIf)> {
        let next = self.redo.pop()?;
        self.undo.push((current.clone(), what_if));
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
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
