//! The workbench's state: the agreement being worked on, what each pane has selected, the open
//! form or prompt, the undo history, and the allocation computed from them (kept here, so that
//! drawing only reads).

mod calc;
mod history;
mod saving;
mod session;
mod update;

pub use calc::Calc;
pub use session::Session;

use super::action::Pane;
use super::forms::Form;
use super::theme::Theme;
use crate::model::{Agreement, Risk, Scenario};
use history::History;
use std::path::PathBuf;

/// What sits over the panes, if anything.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Prompt(Prompt),
    Form(Box<Form>),
}

/// A question that needs an answer before anything else happens, or news that must be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Quitting with unsaved changes.
    Quit,
    DeleteParty(String),
    DeleteRisk(String),
    /// Deleting the named scenario picked on the scenario pane.
    DeleteScenario(String),
    /// An autosave of unsaved work was found at start: recover it (`y`) or discard it (`n`).
    Recover {
        /// When it was saved, as the clock shows it ("10:42").
        at: String,
        /// The file it belongs to, as the header names it.
        file: String,
    },
    /// As `Recover`, but the file was changed after the autosave (someone saved it): the work
    /// is recovered into a copy (`c`, the default) so their save is never overwritten, or
    /// discarded (`n`).
    RecoverChanged {
        at: String,
        file: String,
        /// The copy's name, as the header would show it.
        copy: String,
    },
    /// Save as named a file that exists: replace it (`y`) or not (`n`, the default).
    Overwrite {
        /// The file as the person typed it, cleaned for the screen.
        name: String,
        path: std::path::PathBuf,
        quit_after: bool,
    },
    /// A save was refused or failed; the work is kept. `a` opens Save as.
    NotSaved {
        why: String,
        quit_after: bool,
    },
    /// The file is locked by a riskshare on another machine, which cannot be checked: open it
    /// read-only (`r`, the default) or take the lock (`t`).
    TakeLock {
        /// The file, as the header names it.
        file: String,
        /// "bob on otherhost since 10:42".
        holder: String,
    },
    /// Something to read before going on (the file is read-only, the home cannot be written);
    /// Enter, Space or Esc closes it, and other keys are ignored.
    Notice {
        title: String,
        text: String,
    },
}

/// A line of news for the header: what just happened, or why something was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The what-if being shown in the scenario pane.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScenarioState {
    pub working: Scenario,
    /// The named scenario it was picked from.
    pub named: Option<usize>,
    /// The risk selected in the pane's list of risks.
    pub risk_cursor: usize,
}

/// The risk register pane's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterState {
    pub cursor: usize,
    /// Show residual scores (after mitigation) on the heatmap, else inherent.
    pub residual: bool,
    /// The heatmap cell cursor is active and filters the list.
    pub grid: bool,
    /// (likelihood, impact) of the heatmap cursor, each 1-5.
    pub cell: (u8, u8),
}

impl Default for RegisterState {
    fn default() -> Self {
        RegisterState {
            cursor: 0,
            residual: false,
            grid: false,
            cell: (3, 3),
        }
    }
}

/// The whole workbench.
#[derive(Debug, Clone)]
pub struct App {
    pub agreement: Agreement,
    /// The agreement as it was last loaded or saved: anything else is unsaved.
    saved: Agreement,
    /// Where Ctrl-s writes; `None` for the built-in example until saved somewhere.
    pub path: Option<PathBuf>,
    pub theme: Theme,
    pub focus: Pane,
    pub zoomed: bool,
    pub overlay: Overlay,
    pub help_scroll: u16,
    pub scenario: ScenarioState,
    /// The party selected in the parties and appetite panes (one selection for both).
    pub party_cursor: usize,
    /// The scheme whose rules `s` edits, chosen in the parties pane.
    pub scheme_cursor: usize,
    pub register: RegisterState,
    pub calc: Calc,
    pub status: Option<Status>,
    /// The lock, autosaves and remembered files of a real session.
    pub session: Session,
    history: History,
    /// The agreement changed in the action being applied: the autosaver hears of it.
    changed: bool,
    quit: bool,
}

impl App {
    /// A workbench on `agreement`, which is taken to be saved at `path` as it stands. It takes no
    /// lock and writes no autosave until [`App::start_session`] gives it a session.
    pub fn new(agreement: Agreement, path: Option<PathBuf>, theme: Theme) -> App {
        let mut app = App {
            saved: agreement.clone(),
            agreement,
            path,
            theme,
            focus: Pane::Scenario,
            zoomed: false,
            overlay: Overlay::None,
            help_scroll: 0,
            scenario: ScenarioState::default(),
            party_cursor: 0,
            scheme_cursor: 0,
            register: RegisterState::default(),
            calc: Calc::default(),
            status: None,
            session: Session::default(),
            history: History::default(),
            changed: false,
            quit: false,
        };
        app.recalculate();
        app
    }

    /// True once the person has quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// True when the agreement differs from the one last loaded or saved.
    pub fn is_dirty(&self) -> bool {
        self.agreement != self.saved
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// The risks the register's list shows, as indexes into `agreement.risks`: all of them, or
    /// those in the heatmap cell under the cursor.
    pub fn visible_risks(&self) -> Vec<usize> {
        self.agreement
            .risks
            .iter()
            .enumerate()
            .filter(|(_, r)| !self.register.grid || self.position(r) == self.register.cell)
            .map(|(i, _)| i)
            .collect()
    }

    /// Where a risk sits on the heatmap as it is shown (inherent or residual).
    pub fn position(&self, risk: &Risk) -> (u8, u8) {
        if self.register.residual {
            risk.residual_position()
        } else {
            (risk.likelihood, risk.impact)
        }
    }

    /// The risk selected in the register's list.
    pub fn selected_risk(&self) -> Option<&Risk> {
        let visible = self.visible_risks();
        visible
            .get(self.register.cursor)
            .and_then(|&i| self.agreement.risks.get(i))
    }

    pub fn selected_party(&self) -> Option<&crate::model::Party> {
        self.agreement.parties.get(self.party_cursor)
    }

    /// The scenario's name as the pane shows it: a named one, marked when moved away from.
    pub fn scenario_label(&self) -> String {
        match self
            .scenario
            .named
            .and_then(|i| self.agreement.scenarios.get(i))
        {
            Some(named) if *named == self.scenario.working => named.name.clone(),
            Some(named) => format!("{} (changed)", named.name),
            None => "What-if".to_string(),
        }
    }

    /// Recomputes the allocation and exposures for the working scenario. Called by `update`
    /// after every change; drawing reads the result.
    fn recalculate(&mut self) {
        self.calc = Calc::compute(&self.agreement, &self.scenario.working);
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn refuse(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}
