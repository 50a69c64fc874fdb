//! Every key the workbench knows, written down once: events become actions here, and the help
//! overlay and the footer are drawn from the same table.

use super::action::{Action, Pane};
use super::app::{App, Overlay};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Everywhere,
    In(Pane),
    /// The register's heatmap cursor is on.
    Heatmap,
    Form,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Everywhere => "Everywhere",
            Context::In(p) => p.title(),
            Context::Heatmap => "Heatmap cursor (g)",
            Context::Form => "In a form",
        }
    }
}

/// A key and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), NONE)
}

const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), CTRL)
}

const fn key(code: KeyCode) -> Key {
    Key(code, NONE)
}

const fn shift(code: KeyCode) -> Key {
    Key(code, SHIFT)
}

/// One line of the keymap: the keys, how help writes them, the action, and what it does.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub shown: &'static str,
    pub action: Action,
    pub label: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    label: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        shown,
        action,
        label,
    }
}

use Context::{Everywhere, Heatmap, In};
use KeyCode::{BackTab, Backspace, Down, Enter, Esc, Left, PageDown, PageUp, Right, Tab, Up};

/// The keymap, in the order help lists it.
pub static BINDINGS: &[Binding] = &[
    bind(
        Everywhere,
        &[ch('1')],
        "1",
        Action::Focus(Pane::Parties),
        "Parties pane",
    ),
    bind(
        Everywhere,
        &[ch('2')],
        "2",
        Action::Focus(Pane::Register),
        "Risk register pane",
    ),
    bind(
        Everywhere,
        &[ch('3')],
        "3",
        Action::Focus(Pane::Appetite),
        "Appetite pane",
    ),
    bind(
        Everywhere,
        &[ch('4')],
        "4",
        Action::Focus(Pane::Scenario),
        "Scenario pane",
    ),
    bind(
        Everywhere,
        &[key(Tab)],
        "Tab",
        Action::FocusNext,
        "next pane",
    ),
    bind(
        Everywhere,
        &[key(BackTab), shift(BackTab)],
        "Shift-Tab",
        Action::FocusPrevious,
        "previous pane",
    ),
    bind(Everywhere, &[ch('z')], "z", Action::Zoom, "zoom the pane"),
    bind(
        Everywhere,
        &[key(Up), ch('k')],
        "Up",
        Action::Select(-1),
        "select above",
    ),
    bind(
        Everywhere,
        &[key(Down), ch('j')],
        "Down",
        Action::Select(1),
        "select below",
    ),
    bind(Everywhere, &[ch('u')], "u", Action::Undo, "undo"),
    bind(Everywhere, &[ctrl('r')], "Ctrl-r", Action::Redo, "redo"),
    bind(Everywhere, &[ctrl('s')], "Ctrl-s", Action::Save, "save"),
    bind(Everywhere, &[ch('?')], "?", Action::Help, "help"),
    bind(Everywhere, &[ch('q'), ctrl('c')], "q", Action::Quit, "quit"),
    bind(
        In(Pane::Scenario),
        &[key(Left), ch('-')],
        "Left",
        Action::Slide(-1),
        "-0.5 points",
    ),
    bind(
        In(Pane::Scenario),
        &[key(Right), ch('+'), ch('=')],
        "Right",
        Action::Slide(1),
        "+0.5 points",
    ),
    bind(
        In(Pane::Scenario),
        &[shift(Left), key(PageDown)],
        "Shift-Left",
        Action::Slide(-10),
        "-5 points",
    ),
    bind(
        In(Pane::Scenario),
        &[shift(Right), key(PageUp)],
        "Shift-Right",
        Action::Slide(10),
        "+5 points",
    ),
    bind(
        In(Pane::Scenario),
        &[ch('0')],
        "0",
        Action::SlideToZero,
        "back to 0%",
    ),
    bind(
        In(Pane::Scenario),
        &[ch('[')],
        "[",
        Action::PickScenario(-1),
        "previous scenario",
    ),
    bind(
        In(Pane::Scenario),
        &[ch(']')],
        "]",
        Action::PickScenario(1),
        "next scenario",
    ),
    bind(
        In(Pane::Scenario),
        &[ch(' '), key(Enter)],
        "Space",
        Action::ToggleRisk,
        "risk happens or not",
    ),
    bind(
        In(Pane::Register),
        &[ch('r')],
        "r",
        Action::ToggleResidual,
        "inherent/residual",
    ),
    bind(
        In(Pane::Register),
        &[ch('g')],
        "g",
        Action::ToggleGrid,
        "pick a heatmap cell",
    ),
    bind(
        In(Pane::Register),
        &[ch('a')],
        "a",
        Action::Add,
        "add a risk",
    ),
    bind(
        In(Pane::Register),
        &[ch('e'), key(Enter)],
        "e",
        Action::Edit,
        "edit the risk",
    ),
    bind(
        In(Pane::Register),
        &[ch('d')],
        "d",
        Action::Delete,
        "delete the risk",
    ),
    bind(
        Heatmap,
        &[key(Left), ch('h')],
        "Left",
        Action::MoveCell(-1, 0),
        "less likely",
    ),
    bind(
        Heatmap,
        &[key(Right), ch('l')],
        "Right",
        Action::MoveCell(1, 0),
        "more likely",
    ),
    bind(
        Heatmap,
        &[key(Up), ch('k')],
        "Up",
        Action::MoveCell(0, 1),
        "more impact",
    ),
    bind(
        Heatmap,
        &[key(Down), ch('j')],
        "Down",
        Action::MoveCell(0, -1),
        "less impact",
    ),
    bind(
        Heatmap,
        &[ch('g'), key(Esc)],
        "g",
        Action::ToggleGrid,
        "back to the list",
    ),
    bind(
        In(Pane::Parties),
        &[ch('a')],
        "a",
        Action::Add,
        "add a party",
    ),
    bind(
        In(Pane::Parties),
        &[ch('e'), key(Enter)],
        "e",
        Action::Edit,
        "edit the party",
    ),
    bind(
        In(Pane::Parties),
        &[ch('d')],
        "d",
        Action::Delete,
        "delete the party",
    ),
    bind(
        In(Pane::Parties),
        &[key(Left)],
        "Left",
        Action::SelectScheme(-1),
        "previous scheme",
    ),
    bind(
        In(Pane::Parties),
        &[key(Right)],
        "Right",
        Action::SelectScheme(1),
        "next scheme",
    ),
    bind(
        In(Pane::Parties),
        &[ch('s')],
        "s",
        Action::EditScheme,
        "edit the scheme's rules",
    ),
    bind(
        In(Pane::Appetite),
        &[key(Left), ch('-')],
        "Left",
        Action::StepAppetite(-1),
        "less appetite",
    ),
    bind(
        In(Pane::Appetite),
        &[key(Right), ch('+')],
        "Right",
        Action::StepAppetite(1),
        "more appetite",
    ),
    bind(
        In(Pane::Appetite),
        &[ch('e'), key(Enter)],
        "e",
        Action::Edit,
        "edit appetite and tolerance",
    ),
    bind(
        Context::Form,
        &[key(Enter)],
        "Enter",
        Action::Submit,
        "apply",
    ),
    bind(Context::Form, &[key(Esc)], "Esc", Action::Cancel, "cancel"),
    bind(
        Context::Form,
        &[key(Tab), key(Down)],
        "Tab",
        Action::NextField,
        "next field",
    ),
    bind(
        Context::Form,
        &[key(BackTab), shift(BackTab), key(Up)],
        "Shift-Tab",
        Action::PreviousField,
        "previous field",
    ),
    bind(
        Context::Form,
        &[key(Left)],
        "Left",
        Action::Cycle(-1),
        "previous choice",
    ),
    bind(
        Context::Form,
        &[key(Right)],
        "Right",
        Action::Cycle(1),
        "next choice",
    ),
    bind(
        Context::Form,
        &[key(Backspace)],
        "Backspace",
        Action::Backspace,
        "delete a character",
    ),
    bind(
        Context::Form,
        &[ctrl('u')],
        "Ctrl-u",
        Action::ClearField,
        "clear the field",
    ),
];

/// The bindings that work in a context, in keymap order.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// The contexts active now, most specific first.
pub fn active_contexts(app: &App) -> Vec<Context> {
    if matches!(app.overlay, Overlay::Form(_)) {
        return vec![Context::Form];
    }
    let mut contexts = Vec::with_capacity(3);
    if app.focus == Pane::Register && app.register.grid {
        contexts.push(Heatmap);
    }
    contexts.push(In(app.focus));
    contexts.push(Everywhere);
    contexts
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    let held = event.modifiers & (CTRL | SHIFT | KeyModifiers::ALT);
    match event.code {
        // A typed character's shift is in the character itself.
        KeyCode::Char(c) => key.0 == KeyCode::Char(c) && key.1 == held - SHIFT,
        code => key.0 == code && key.1 == held,
    }
}

/// The action for a terminal event, if any. `screen` is the terminal's size, for mouse clicks.
pub fn action_for(app: &App, event: &Event, screen: Rect) -> Option<Action> {
    match event {
        // Windows consoles report releases and repeats too: only a press is an action.
        Event::Key(k) if k.kind == KeyEventKind::Press => action_for_key(app, k),
        Event::Resize(..) => Some(Action::Resize),
        Event::Paste(text) if matches!(app.overlay, Overlay::Form(_)) => {
            Some(Action::Type(text.clone()))
        }
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            if app.overlay != Overlay::None {
                return None;
            }
            super::view::pane_at(app, screen, m.column, m.row).map(Action::Focus)
        }
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => Some(Action::Select(-1)),
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => Some(Action::Select(1)),
        _ => None,
    }
}

/// The action for a key press in the app's present state.
pub fn action_for_key(app: &App, event: &KeyEvent) -> Option<Action> {
    match &app.overlay {
        Overlay::Prompt(_) => match event.code {
            KeyCode::Char(c) if !event.modifiers.contains(CTRL) => Some(Action::Answer(c)),
            _ => Some(Action::Cancel),
        },
        Overlay::Help => match event.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Select(-1)),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Select(1)),
            _ => Some(Action::Cancel),
        },
        _ => {
            for context in active_contexts(app) {
                if let Some(b) =
                    bindings_for(context).find(|b| b.keys.iter().any(|k| matches(k, event)))
                {
                    return Some(b.action.clone());
                }
            }
            match (&app.overlay, event.code) {
                (Overlay::Form(_), KeyCode::Char(c))
                    if !event.modifiers.intersects(CTRL | KeyModifiers::ALT) =>
                {
                    Some(Action::Type(c.to_string()))
                }
                (Overlay::None, KeyCode::Esc) => Some(Action::Cancel),
                _ => None,
            }
        }
    }
}
