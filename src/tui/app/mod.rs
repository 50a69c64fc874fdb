//! The workbench's state: the agreement being worked on, each pane's own state, the open form
//! or prompt, the undo history, and the allocation computed from them (kept here, so that
//! drawing only reads). Every field is private: only [`App::update`] changes them, and it
//! recalculates whenever the agreement or the what-if changes, so the figures are never stale.
//! `update` returns the [`Effect`]s (saving, autosaving, background jobs) that the event loop
//! carries out.

mod analytics;
mod calc;
mod choices;
mod effect;
mod exporting;
mod findings;
mod held;
mod history;
mod saving;
mod session;
mod simulating;
mod update;

pub use analytics::{Analytics, CHART_LIMIT};
pub use calc::Calc;
pub use effect::{Effect, Recovery};
pub use session::Session;

use super::action::PaneId;
use super::forms::Form;
use super::jobs::Running;
use super::panes::{AppetiteState, CompareState, PartiesState, RegisterState, ScenarioState};
use super::theme::Theme;
use crate::model::{Agreement, Risk};
use history::History;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Deleting a scheme that nothing else names.
    DeleteScheme(String),
    /// Deleting a benefit; `note` says which scenarios will no longer realise it.
    DeleteBenefit {
        id: String,
        note: String,
    },
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

/// The effects of the action being applied; empty between actions, so a copy of the app
/// starts with none.
#[derive(Debug, Default)]
struct Pending(Vec<Effect>);

impl Clone for Pending {
    fn clone(&self) -> Self {
        Pending::default()
    }
}

/// Each pane's own state, one struct per pane.
#[derive(Debug, Clone, Default)]
pub struct Panes {
    pub parties: PartiesState,
    pub register: RegisterState,
    pub appetite: AppetiteState,
    pub scenario: ScenarioState,
    /// The Scenario pane's Compare view: its columns and cached figures.
    pub compare: CompareState,
}

impl Panes {
    /// Which of its views a pane shows (an index into `panes::views(pane)`).
    pub fn view(&self, pane: PaneId) -> usize {
        match pane {
            PaneId::Parties => self.parties.view,
            PaneId::Register => self.register.view,
            PaneId::Appetite => self.appetite.view,
            PaneId::Scenario => self.scenario.view,
        }
    }

    fn view_mut(&mut self, pane: PaneId) -> &mut usize {
        match pane {
            PaneId::Parties => &mut self.parties.view,
            PaneId::Register => &mut self.register.view,
            PaneId::Appetite => &mut self.appetite.view,
            PaneId::Scenario => &mut self.scenario.view,
        }
    }
}

/// The whole workbench.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared with the history, the saved copy and the analytics' key rather than copied: a
    /// large agreement is held once however many of them refer to it.
    agreement: Arc<Agreement>,
    /// The agreement as it was last loaded or saved: anything else is unsaved.
    saved: Arc<Agreement>,
    /// Where Ctrl-s writes; `None` for the built-in example until saved somewhere.
    path: Option<PathBuf>,
    theme: Theme,
    focus: PaneId,
    zoomed: bool,
    overlay: Overlay,
    help_scroll: u16,
    panes: Panes,
    calc: Calc,
    /// The exposure curves and break-even points, kept while only the slider moves.
    analytics: Analytics,
    /// The last simulation run and the one under way, for the Simulation view.
    simulation: crate::tui::panes::SimulationState,
    /// The background job finding the break-even points, while it runs.
    break_even_job: Option<u64>,
    status: Option<Status>,
    /// Warnings from loading the file, listed in the parties pane's Warnings view.
    warnings: Vec<String>,
    /// How many warnings loading gave after those kept in `warnings`.
    more_warnings: usize,
    /// Background work still running.
    jobs: Vec<Running>,
    /// The lock, autosaves and remembered files of a real session.
    session: Session,
    history: History,
    /// What the action being applied asks the loop to do.
    effects: Pending,
    /// The agreement changed in the action being applied: the autosaver hears of it.
    changed: bool,
    /// Whether the agreement differs from the one saved, as of the last change or save (the
    /// header asks on every frame; comparing a large agreement each time is what it saves).
    dirty: bool,
    quit: bool,
}

impl App {
    /// A workbench on `agreement`, which is taken to be saved at `path` as it stands. It takes no
    /// lock and writes no autosave until [`App::start_session`] gives it a session.
    pub fn new(agreement: Agreement, path: Option<PathBuf>, theme: Theme) -> App {
        let agreement = Arc::new(agreement);
        let mut app = App {
            saved: Arc::clone(&agreement),
            agreement,
            path,
            theme,
            focus: PaneId::Scenario,
            zoomed: false,
            overlay: Overlay::None,
            help_scroll: 0,
            panes: Panes::default(),
            calc: Calc::default(),
            analytics: Analytics::default(),
            simulation: Default::default(),
            break_even_job: None,
            status: None,
            warnings: Vec::new(),
            more_warnings: 0,
            jobs: Vec::new(),
            session: Session::default(),
            history: History::default(),
            effects: Pending::default(),
            changed: false,
            dirty: false,
            quit: false,
        };
        app.recalculate();
        app.rescale();
        // The first frame shows every figure: the break-even points too, found here.
        app.effects.0.clear();
        app.break_even_job = None;
        app.refresh_analytics(true);
        app
    }

    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }

    /// The file Ctrl-s writes, if there is one yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn focus(&self) -> PaneId {
        self.focus
    }

    pub fn zoomed(&self) -> bool {
        self.zoomed
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    pub fn panes(&self) -> &Panes {
        &self.panes
    }

    pub fn scenario(&self) -> &ScenarioState {
        &self.panes.scenario
    }

    pub fn register(&self) -> &RegisterState {
        &self.panes.register
    }

    /// The party selected in the parties and appetite panes (one selection for both).
    pub fn party_cursor(&self) -> usize {
        self.panes.parties.party_cursor
    }

    /// The scheme whose rules `s` edits, chosen in the parties pane.
    pub fn scheme_cursor(&self) -> usize {
        self.panes.parties.scheme_cursor
    }

    /// The engine's figures for the agreement and the what-if on screen.
    pub fn calc(&self) -> &Calc {
        &self.calc
    }

    /// The engine's exposure curves and break-even points for the agreement and the what-if.
    pub fn analytics(&self) -> &Analytics {
        &self.analytics
    }

    /// The Simulation view's runs.
    pub fn simulation(&self) -> &crate::tui::panes::SimulationState {
        &self.simulation
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// What loading the file warned about (the first of them, when it gave very many).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// How many warnings loading gave in all, those not kept included.
    pub fn warnings_total(&self) -> usize {
        self.warnings.len() + self.more_warnings
    }

    /// Background work still running, oldest first.
    pub fn jobs(&self) -> &[Running] {
        &self.jobs
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Opens a box over the panes from outside `update`: a notice at start, or a test.
    pub fn show_prompt(&mut self, prompt: Prompt) {
        self.overlay = Overlay::Prompt(prompt);
    }

    /// News for the header at start (what opening the file found).
    pub fn say_at_start(&mut self, text: impl Into<String>) {
        self.say(text);
    }

    /// Something to read before going on, queued at start behind any other.
    pub fn queue_notice(&mut self, title: &str, text: String) {
        self.session.queue_notice(title, text);
    }

    /// Warnings from loading, for the header's count and the Warnings view: those kept, and
    /// how many more there were.
    pub fn set_load_warnings(&mut self, warnings: Vec<String>, more: usize) {
        self.warnings = warnings;
        self.more_warnings = more;
    }

    /// True once the person has quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// True when the agreement differs from the one last loaded or saved (the decision log's
    /// entries alone, for an edit undone, do not count; a note does).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Compares the agreement with the one saved again: after every action, effect and start.
    fn refresh_dirty(&mut self) {
        self.dirty = self.unsaved();
    }

    /// Whether the agreement differs from the one saved: the same shared one never does.
    fn unsaved(&self) -> bool {
        !Arc::ptr_eq(&self.agreement, &self.saved)
            && crate::model::log::unsaved(&self.agreement, &self.saved)
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
            .filter(|(_, r)| {
                !self.panes.register.grid || self.position(r) == self.panes.register.cell
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Where a risk sits on the heatmap as it is shown (inherent or residual).
    pub fn position(&self, risk: &Risk) -> (u8, u8) {
        if self.panes.register.residual {
            risk.residual_position()
        } else {
            (risk.likelihood, risk.impact)
        }
    }

    /// The risk selected in the register's list.
    pub fn selected_risk(&self) -> Option<&Risk> {
        let visible = self.visible_risks();
        visible
            .get(self.panes.register.cursor)
            .and_then(|&i| self.agreement.risks.get(i))
    }

    /// True when the register pane shows its Benefits view: its keys then act on benefits.
    pub fn benefits_shown(&self) -> bool {
        super::panes::view_of(self, PaneId::Register).name == "Benefits"
    }

    /// The benefit under the register's cursor, in its Benefits view.
    pub fn selected_benefit(&self) -> Option<&crate::model::Benefit> {
        let benefits = &self.agreement.benefits;
        benefits.get(
            self.panes
                .register
                .cursor
                .min(benefits.len().saturating_sub(1)),
        )
    }

    pub fn selected_party(&self) -> Option<&crate::model::Party> {
        self.agreement.parties.get(self.panes.parties.party_cursor)
    }

    /// The scenario's name as the pane shows it: a named one, marked when moved away from.
    pub fn scenario_label(&self) -> String {
        match self
            .panes
            .scenario
            .named
            .and_then(|i| self.agreement.scenarios.get(i))
            .or(self.panes.scenario.forecast.as_ref())
        {
            Some(named) if *named == self.panes.scenario.working => named.name.clone(),
            Some(named) => format!("{} (changed)", named.name),
            None => "What-if".to_string(),
        }
    }

    /// Recomputes the allocation and exposures for the working scenario. Called by `update`
    /// after every change; drawing reads the result.
    fn recalculate(&mut self) {
        let scale = self.calc.scale;
        let checks = std::mem::take(&mut self.calc.checks);
        let lists = std::mem::take(&mut self.calc.lists);
        self.calc = Calc::compute(&self.agreement, &self.panes.scenario.working);
        self.calc.scale = scale;
        self.calc.checks = checks;
        self.panes
            .compare
            .on_what_if(&self.agreement, &self.calc.allocation);
        self.calc.lists = lists;
        self.refresh_analytics(false);
        self.simulation
            .judge(&self.agreement, &self.panes.scenario.working);
    }

    /// Fixes the bars' scale for the agreement over the slider's whole range. Called when the
    /// agreement changes, never when the slider moves, so that a bar can be watched growing.
    fn rescale(&mut self) {
        self.calc.scale = Calc::scale_for(&self.agreement);
        self.calc.checks = Calc::checks_for(&self.agreement);
        self.panes.compare.on_agreement(&self.agreement);
        self.panes
            .compare
            .on_what_if(&self.agreement, &self.calc.allocation);
        self.calc.lists = calc::Lists::of(&self.agreement);
        // Measured from the rows as drawn, which read the calculation's contributions.
        self.calc.lists.parties = crate::tui::panes::parties_widths(self);
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
