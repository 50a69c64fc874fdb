//! Starting the Simulation view's run as a background job, and taking in its result.

use super::App;
use crate::tui::action::{Action, PaneId};
use crate::tui::keymap::{self, Context};
use crate::tui::panes::{self, simulation};

impl App {
    /// Shows the Simulation view and starts a run on the what-if, unless one is under way.
    pub(super) fn simulate(&mut self) {
        self.focus = PaneId::Scenario;
        if let Some(view) = panes::views(PaneId::Scenario)
            .iter()
            .position(|v| v.name == simulation::NAME)
        {
            self.panes.scenario.view = view;
        }
        if self.simulation.running().is_some() {
            self.refuse("A simulation is already running: its progress is in the header");
            return;
        }
        let job = self
            .simulation
            .start(&self.agreement, &self.panes.scenario.working);
        self.start(job);
        let key = keymap::key_for(Context::In(PaneId::Scenario), &Action::Simulate);
        self.say(format!(
            "Simulating in the background; keys keep working ({key} again once it is done)"
        ));
    }

    /// A simulation job ended with its figures (`None`: it failed).
    pub(super) fn simulated(&mut self, id: u64, outcome: Option<simulation::Outcome>) {
        let ok = outcome.is_some();
        if self
            .simulation
            .finished(id, outcome, &self.agreement, &self.panes.scenario.working)
            && ok
        {
            self.say("Simulation done: the Simulation view shows each party's spread");
        }
    }
}
