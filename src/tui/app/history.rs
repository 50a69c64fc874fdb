//! Undo and redo: a snapshot of the whole agreement before each change (it is small).

use crate::model::Agreement;

/// How many changes can be undone.
const DEPTH: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Agreement>,
    redo: Vec<Agreement>,
}

impl History {
    /// Remembers the agreement as it was before a change.
    pub fn record(&mut self, before: Agreement) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// Gives back the agreement before the last change, keeping `current` for redo.
    pub fn undo(&mut self, current: &Agreement) -> Option<Agreement> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(previous)
    }

    pub fn redo(&mut self, current: &Agreement) -> Option<Agreement> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}
