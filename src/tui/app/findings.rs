//! The Appetite pane's Checks view as keys see it: Up/Down step through the findings (not the
//! parties table the view hides), Enter goes to the party or scheme a finding is about, and the
//! keys that edit the hidden table do nothing there but say so.

use super::App;
use crate::engine::checks::Subject;
use crate::tui::action::{Action, PaneId};
use crate::tui::keymap;
use crate::tui::panes::checks;

impl App {
    /// The finding selected in the Checks view (an index into [`checks::ordered`]).
    pub fn finding_cursor(&self) -> usize {
        self.panes.appetite.finding
    }

    /// The Appetite pane is focused and shows its Checks view.
    pub(super) fn checks_shown(&self) -> bool {
        self.focus == PaneId::Appetite
            && crate::tui::panes::view_of(self, PaneId::Appetite).name == checks::NAME
    }

    /// Up/Down in the Checks view.
    pub(super) fn select_finding(&mut self, n: i32) {
        let len = self.calc.checks.len();
        self.panes.appetite.finding =
            super::choices::step_index(self.panes.appetite.finding, n, len);
    }

    /// Enter in the Checks view: the party or scheme the finding is about, selected in the
    /// Parties pane; anything else is named where it is found.
    pub(super) fn open_finding(&mut self) {
        let ordered = checks::ordered(&self.calc.checks);
        let Some(f) = ordered.get(
            self.panes
                .appetite
                .finding
                .min(ordered.len().saturating_sub(1)),
        ) else {
            self.say("No finding to open: the governance checks find nothing to raise");
            return;
        };
        let code = f.code;
        let subject = f.subject.clone();
        let parties = keymap::key_for(keymap::Context::Everywhere, &Action::Focus(PaneId::Parties));
        let register = keymap::key_for(
            keymap::Context::Everywhere,
            &Action::Focus(PaneId::Register),
        );
        match &subject {
            Subject::Party(id) => {
                if let Some(i) = self.agreement.parties.iter().position(|p| &p.id == id) {
                    self.panes.parties.party_cursor = i;
                    self.focus = PaneId::Parties;
                    self.say(format!("{code} is about party {id}, selected here"));
                }
            }
            Subject::Scheme(id) => {
                if let Some(i) = self.agreement.schemes.iter().position(|s| &s.id == id) {
                    self.panes.parties.scheme_cursor = i;
                    self.focus = PaneId::Parties;
                    self.say(format!("{code} is about scheme {id}, selected here"));
                }
            }
            Subject::Risk(id) | Subject::Benefit(id) => self.say(format!(
                "{code} is about {} {id}: it is in the Risk register ({register})",
                subject.kind()
            )),
            Subject::Agreement | Subject::Boundary(_) => self.say(format!(
                "{code} is about the agreement as a whole; its parties and schemes are in the Parties pane ({parties})"
            )),
        }
    }
}
