//! Forms that add and edit parties, schemes and their rules, risks, benefits, appetite, review
//! thresholds and named scenarios.
//!
//! Each field keeps exactly what was typed. Every keystroke re-checks the whole form by building
//! the agreement it would make and validating that, so the refusal shown is always current and a
//! refused value stays in its field to be corrected.

pub mod appetite;
pub mod basis;
pub mod benefit;
mod caret;
pub mod decisions;
mod fields;
pub mod note;
pub mod party;
pub mod risk;
pub mod rule_rows;
pub mod save_as;
pub mod scenario;
pub mod scenario_figures;
pub mod scheme;
pub mod schemes;
pub mod thresholds;
pub mod validate;
pub mod variance;

pub use caret::Caret;

use crate::model::{Agreement, Scenario};
use std::path::PathBuf;

/// Which record the form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// `original` is the id of the party being edited; `None` adds one.
    Party {
        original: Option<String>,
    },
    Risk {
        original: Option<String>,
    },
    Appetite {
        party: String,
    },
    Scheme {
        id: String,
    },
    SaveAs {
        quit_after: bool,
    },
    /// A note on an entry of the decision log.
    Note,
    /// Names the scenario pane's what-if, as it stood when the form opened.
    Scenario {
        what_if: Box<Scenario>,
    },
    /// An exact base variance for the scenario pane.
    Variance,
    /// A scheme's id, name and contributions; `original` is its id, `None` adds one.
    SchemeFacts {
        original: Option<String>,
    },
    /// The review thresholds, as rows.
    Thresholds,
    Benefit {
        original: Option<String>,
    },
    /// A named scenario's figures: its name as the form opened.
    ScenarioFigures {
        name: String,
    },
    /// One side of a scheme's rule as rows: bands, weights, caps, redistribution.
    RuleRows {
        id: String,
        side: crate::model::Side,
    },
}

/// One field: what was typed, and for a choice field the values it steps through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
    pub choices: Vec<String>,
    /// A word on what the field takes.
    pub hint: String,
}

impl Field {
    pub fn text(label: impl Into<String>, value: impl Into<String>, hint: &str) -> Field {
        Field {
            label: label.into(),
            value: value.into(),
            choices: Vec::new(),
            hint: hint.to_string(),
        }
    }

    pub fn choice(label: impl Into<String>, value: &str, choices: Vec<String>) -> Field {
        Field {
            label: label.into(),
            value: value.to_string(),
            choices,
            hint: "Left/Right to choose".to_string(),
        }
    }

    pub fn is_choice(&self) -> bool {
        !self.choices.is_empty()
    }
}

/// Why the form's values cannot be applied: the field at fault, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: Option<usize>,
    pub message: String,
}

impl Refusal {
    pub fn at(field: usize, message: impl Into<String>) -> Refusal {
        Refusal {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn whole(message: impl Into<String>) -> Refusal {
        Refusal {
            field: None,
            message: message.into(),
        }
    }
}

/// What a form does when it is accepted.
// One outcome per accepted form: the agreement it carries is moved, never copied in a loop.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The agreement it makes, and a few words on what changed.
    Change(Agreement, String),
    /// Save to this path (and quit after, when asked at quitting).
    SaveTo(PathBuf, bool),
    /// Set the scenario pane's base variance to this percent (and a few words on it).
    Variance(rust_decimal::Decimal, String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub cursor: usize,
    /// The refusal from the last check, if the values cannot be applied.
    pub refusal: Option<Refusal>,
    /// The values as the form opened, to tell whether Esc would throw anything away.
    opened: Vec<String>,
    /// Esc was pressed once with changes in the form: a second Esc throws them away.
    pub discard_asked: bool,
    /// Where typing goes in the current field, in characters back from its end (0: the end).
    pub back: usize,
    /// The current field's text is selected, as on entering it: the first character typed
    /// replaces it (as in a spreadsheet cell); Backspace, Delete or a caret key edit it instead.
    pub selected: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, kind: FormKind, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            kind,
            fields,
            cursor: 0,
            refusal: None,
            opened: Vec::new(),
            discard_asked: false,
            back: 0,
            selected: true,
        }
    }

    /// Takes the values now in the form as those it opened with.
    pub fn opened_now(&mut self) {
        self.opened = self.fields.iter().map(|f| f.value.clone()).collect();
    }

    /// True when something was typed or chosen since the form opened.
    pub fn is_changed(&self) -> bool {
        !self.fields.iter().map(|f| &f.value).eq(self.opened.iter())
    }

    /// Adds (already cleaned) text at the end of the current field; choice fields jump to the
    /// first choice that starts with it.
    pub fn type_text(&mut self, typed: &str) {
        let Some(field) = self.fields.get_mut(self.cursor) else {
            return;
        };
        if field.is_choice() {
            let lower = typed.to_lowercase();
            if let Some(c) = field
                .choices
                .iter()
                .find(|c| !lower.is_empty() && c.to_lowercase().starts_with(&lower))
            {
                field.value = c.clone();
            }
        } else {
            // Pasted lines become one line of the field.
            let flat: String = typed
                .chars()
                .map(|c| {
                    if c == '\n' || c == '\r' || c == '\t' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if self.selected {
                field.value.clear();
                self.back = 0;
            }
            let at = caret::byte_at(&field.value, self.back);
            field.value.insert_str(at, &flat);
        }
        self.selected = false;
    }

    /// Deletes the character before the caret.
    pub fn backspace(&mut self) {
        self.selected = false;
        if let Some(field) = self.fields.get_mut(self.cursor)
            && !field.is_choice()
        {
            let at = caret::byte_at(&field.value, self.back);
            if let Some(c) = field.value[..at].chars().next_back() {
                field.value.replace_range(at - c.len_utf8()..at, "");
            }
        }
    }

    /// Deletes the character after the caret.
    pub fn delete_forward(&mut self) {
        self.selected = false;
        if let Some(field) = self.fields.get_mut(self.cursor)
            && !field.is_choice()
            && self.back > 0
        {
            let at = caret::byte_at(&field.value, self.back);
            if let Some(c) = field.value[at..].chars().next() {
                field.value.replace_range(at..at + c.len_utf8(), "");
                self.back -= 1;
            }
        }
    }

    pub fn clear_field(&mut self) {
        if let Some(field) = self.fields.get_mut(self.cursor)
            && !field.is_choice()
        {
            field.value.clear();
            self.back = 0;
        }
        self.selected = false;
    }

    pub fn move_cursor(&mut self, n: i32) {
        let len = self.fields.len().max(1) as i64;
        self.cursor = (self.cursor as i64 + i64::from(n)).rem_euclid(len) as usize;
        self.back = 0;
        self.selected = true;
    }

    /// Moves the caret in a text field.
    pub fn caret(&mut self, to: Caret) {
        self.selected = false;
        if let Some(field) = self.fields.get(self.cursor)
            && !field.is_choice()
        {
            self.back = caret::moved(&field.value, self.back, to);
        }
    }

    /// The current field's text with the caret shown: `abc_` at the end, `ab|c` inside, and
    /// `[abc]` while it is selected (typing replaces it).
    pub fn with_caret(&self, value: &str) -> String {
        if self.selected && !value.is_empty() {
            format!("[{value}]")
        } else {
            caret::shown(value, self.back)
        }
    }

    /// The current field's hint, and while its text is selected what typing does to it.
    pub fn hint(&self) -> String {
        let Some(field) = self.fields.get(self.cursor) else {
            return String::new();
        };
        if self.selected && !field.is_choice() && !field.value.is_empty() {
            let typing = "typing replaces [it]; Backspace or an arrow key edits it";
            if field.hint.is_empty() {
                typing.to_string()
            } else {
                format!("{} ({typing})", field.hint)
            }
        } else {
            field.hint.clone()
        }
    }

    /// Left/Right: a choice field steps through its choices, a text field moves the caret.
    pub fn cycle(&mut self, n: i32) {
        let Some(field) = self.fields.get_mut(self.cursor) else {
            return;
        };
        if !field.is_choice() {
            let to = if n < 0 { Caret::Left } else { Caret::Right };
            self.back = caret::moved(&field.value, self.back, to);
            self.selected = false;
            return;
        }
        let len = field.choices.len() as i64;
        let now = field
            .choices
            .iter()
            .position(|c| *c == field.value)
            .unwrap_or(0) as i64;
        field.value = field.choices[(now + i64::from(n)).rem_euclid(len) as usize].clone();
    }

    /// Re-checks the values against the agreement, keeping the refusal for the screen.
    pub fn check(&mut self, agreement: &Agreement) {
        if let FormKind::RuleRows { id, side } = &self.kind {
            let (id, side) = (id.clone(), *side);
            rule_rows::reshape(self, agreement, &id, side);
        }
        self.refusal = self.outcome(agreement).err();
    }

    /// What accepting the form would do, or why it cannot.
    pub fn outcome(&self, agreement: &Agreement) -> Result<Outcome, Refusal> {
        match &self.kind {
            FormKind::Party { original } => party::apply(self, agreement, original.as_deref()),
            FormKind::Risk { original } => risk::apply(self, agreement, original.as_deref()),
            FormKind::Appetite { party } => appetite::apply(self, agreement, party),
            FormKind::Scheme { id } => scheme::apply(self, agreement, id),
            FormKind::SaveAs { quit_after } => save_as::apply(self, *quit_after),
            FormKind::Note => note::apply(self, agreement),
            FormKind::Scenario { what_if } => scenario::apply(self, agreement, what_if),
            FormKind::Variance => variance::apply(self),
            FormKind::SchemeFacts { original } => {
                schemes::apply(self, agreement, original.as_deref())
            }
            FormKind::Thresholds => thresholds::apply(self, agreement),
            FormKind::Benefit { original } => benefit::apply(self, agreement, original.as_deref()),
            FormKind::ScenarioFigures { name } => scenario_figures::apply(self, agreement, name),
            FormKind::RuleRows { id, side } => rule_rows::apply(self, agreement, id, *side),
        }
    }

    /// The value of field `i`, trimmed.
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map(|f| f.value.trim()).unwrap_or("")
    }
}
