//! The workbench's vocabulary: every change of state is one `Action`, applied by `App::update`.

/// The four panes, numbered as the `1`-`4` keys choose them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Parties,
    Register,
    Appetite,
    Scenario,
}

impl Pane {
    /// In `Tab` order.
    pub const ALL: [Pane; 4] = [
        Pane::Parties,
        Pane::Register,
        Pane::Appetite,
        Pane::Scenario,
    ];

    pub fn number(self) -> usize {
        match self {
            Pane::Parties => 1,
            Pane::Register => 2,
            Pane::Appetite => 3,
            Pane::Scenario => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Parties => "Parties",
            Pane::Register => "Risk register",
            Pane::Appetite => "Appetite",
            Pane::Scenario => "Scenario",
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[self.number() % 4]
    }

    pub fn previous(self) -> Pane {
        Pane::ALL[(self.number() + 2) % 4]
    }
}

/// Everything a person can ask the workbench to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Anywhere.
    Focus(Pane),
    FocusNext,
    FocusPrevious,
    Zoom,
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
    /// Step through the named scenarios (negative is back).
    PickScenario(i32),
    ToggleRisk,
    // Risk register pane.
    ToggleResidual,
    ToggleGrid,
    /// Move the heatmap cell: (likelihood, impact) steps.
    MoveCell(i32, i32),
    // Parties and appetite panes.
    /// Choose the scheme whose rules `EditScheme` opens (parties pane).
    SelectScheme(i32),
    EditScheme,
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
    Submit,
    Cancel,
    /// The answer to a prompt (the keymap says which key gives it).
    Answer(Reply),
    /// The terminal changed size: nothing to do but draw again.
    Resize,
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
