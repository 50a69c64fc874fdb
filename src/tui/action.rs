//! The workbench's vocabulary: every change of state is one `Action`, applied by `App::update`.

/// The four panes, numbered as the `1`-`4` keys choose them.
///
/// Each pane owns its state (a struct in `app::panes`) and shows one of its views at a time
/// (`panes::views`), named as tabs in its border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Parties,
    Register,
    Appetite,
    Scenario,
}

impl PaneId {
    /// In `Tab` order.
    pub const ALL: [PaneId; 4] = [
        PaneId::Parties,
        PaneId::Register,
        PaneId::Appetite,
        PaneId::Scenario,
    ];

    pub fn number(self) -> usize {
        match self {
            PaneId::Parties => 1,
            PaneId::Register => 2,
            PaneId::Appetite => 3,
            PaneId::Scenario => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            PaneId::Parties => "Parties",
            PaneId::Register => "Risk register",
            PaneId::Appetite => "Appetite",
            PaneId::Scenario => "Scenario",
        }
    }

    pub fn next(self) -> PaneId {
        PaneId::ALL[self.number() % 4]
    }

    pub fn previous(self) -> PaneId {
        PaneId::ALL[(self.number() + 2) % 4]
    }
}

/// Everything a person can ask the workbench to do, and the news background work sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Anywhere.
    Focus(PaneId),
    FocusNext,
    FocusPrevious,
    Zoom,
    /// Show the focused pane's next view (its tabs, in the border).
    NextView,
    Help,
    Quit,
    Undo,
    Redo,
    Save,
    /// Move the selection of the focused list (negative is up).
    Select(i32),
    Add,
    Edit,
    Delete,
    // Scenario pane.
    /// Move the slider by this many half points of variance.
    Slide(i32),
    SlideToZero,
    /// Open a prompt to type the base variance exactly.
    AskVariance,
    /// Step through the named scenarios (negative is back).
    PickScenario(i32),
    ToggleRisk,
    /// Let every held scheme follow the base variance again.
    ReleaseHeld,
    // The Scenario pane's Compare view.
    /// Select the next (or previous) column.
    CompareColumn(i32),
    /// The selected column shows the next (or previous) scenario not shown.
    ComparePick(i32),
    /// One more column (four at most).
    CompareAdd,
    /// The selected column goes (two stay).
    CompareRemove,
    /// Export the focused view to CSV and the board report to HTML, beside the file.
    Export,
    /// Run the Monte Carlo simulation of the what-if (again), shown in the Simulation view.
    Simulate,
    // Risk register pane.
    ToggleResidual,
    ToggleGrid,
    /// Move the heatmap cell: (likelihood, impact) steps.
    MoveCell(i32, i32),
    // Parties and appetite panes.
    /// Choose the scheme whose rules `EditScheme` opens (parties pane).
    SelectScheme(i32),
    EditScheme,
    /// Open the scheme form (id, name, contributions) for the scheme chosen, or a new one.
    EditSchemeFacts,
    AddScheme,
    DeleteScheme,
    /// Open the review thresholds as rows.
    EditThresholds,
    /// Open one side of the chosen scheme's rule as rows.
    EditRuleRows(crate::model::Side),
    /// Step the selected party's appetite level (appetite pane).
    StepAppetite(i32),
    // Forms and prompts.
    Type(String),
    Backspace,
    ClearField,
    NextField,
    PreviousField,
    /// Cycle a choice field; in a text field, move the caret a character.
    Cycle(i32),
    /// Move the caret in a text field: Home, End, a word left or right.
    Caret(crate::tui::forms::Caret),
    /// Delete the character after the caret.
    DeleteForward,
    /// Add a note to an entry of the decision log.
    Note,
    /// The Log view: everyone's decisions, the selected party's, the selected scheme's.
    LogFilter,
    Submit,
    Cancel,
    /// The answer to a prompt (the keymap says which key gives it).
    Answer(Reply),
    /// The terminal changed size: nothing to do but draw again.
    Resize,
    /// News from background work.
    Job(crate::tui::jobs::JobReport),
}

/// What a prompt's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    SaveAndQuit,
    DiscardAndQuit,
    SaveAs,
}
