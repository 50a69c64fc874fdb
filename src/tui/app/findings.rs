//! The Appetite pane's Checks view as keys see it: Up/Down step through the findings (not the
//! parties table the view hides), Enter goes to the party, scheme, risk or benefit a finding is
//! about, and the keys that edit the hidden table do nothing there but say so.

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
    /// Parties pane, or the risk or benefit, selected in the Register pane's view of them;
    /// anything else is named where it is found.
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
            Subject::Risk(id) => {
                if let Some(i) = self.agreement.risks.iter().position(|r| &r.id == id) {
                    // The whole list in the Register view, so that the risk is on it.
                    let register = &mut self.panes.register;
                    register.view = view_named(PaneId::Register, "Register");
                    register.grid = false;
                    register.cursor = i;
                    self.focus = PaneId::Register;
                    self.say(format!("{code} is about risk {id}, selected here"));
                }
            }
            Subject::Benefit(id) => {
                if let Some(i) = self.agreement.benefits.iter().position(|b| &b.id == id) {
                    let register = &mut self.panes.register;
                    register.view = view_named(PaneId::Register, "Benefits");
                    register.cursor = i;
                    self.focus = PaneId::Register;
                    self.say(format!("{code} is about benefit {id}, selected here"));
                }
            }
            Subject::Agreement | Subject::Boundary(_) => self.say(format!(
                "{code} is about the agreement as a whole; its parties and schemes are in the Parties pane ({parties})"
            )),
        }
    }
}

/// The index of a pane's view by its tab name (the first view when no view has it).
fn view_named(pane: PaneId, name: &str) -> usize {
    crate::tui::panes::views(pane)
        .iter()
        .position(|v| v.name == name)
        .unwrap_or(0)
}
