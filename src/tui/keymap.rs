//! Every key the workbench knows, written down once: events become actions here, and the help
//! overlay and the footer are drawn from the same table.

use super::action::{Action, PaneId, Reply};
use super::app::{App, Overlay, Prompt};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Everywhere,
    In(PaneId),
    /// The register's heatmap cursor is on.
    Heatmap,
    /// The Register pane shows its risks and heatmap (its Register view, not Benefits).
    RiskView,
    Form,
    /// The help box is open (help does not list these: its own last line shows them).
    HelpBox,
    /// A prompt is open.
    Asking(Asks),
    /// The focused pane has more than one view (tabs in its border).
    Views,
    /// The Scenario pane shows its Compare view.
    Compare,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Everywhere => "Everywhere",
            Context::In(p) => p.title(),
            Context::Heatmap => "Heatmap cursor (g)",
            Context::RiskView => "Register view (risks and heatmap)",
            Context::Form => "In a form",
            Context::HelpBox => "In this help",
            Context::Asking(_) => "Answering a question",
            Context::Views => "A pane with views (tabs in its border)",
            Context::Compare => "Compare view (Scenario pane)",
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

/// One line of the keymap: the keys, how help writes them, the action, what it does, and how
/// the footer sums it up (empty: the footer leaves it to help).
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub shown: &'static str,
    pub action: Action,
    pub label: &'static str,
    pub footer: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    label: &'static str,
    footer: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        shown,
        action,
        label,
        footer,
    }
}

use crate::tui::forms::Caret;
use Context::{Asking, Everywhere, Heatmap, HelpBox, In, Views};
use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use PaneId::{Appetite, Parties, Register, Scenario};

/// The keymap, in the order help lists it.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Everywhere, &[ch('1')], "1", Action::Focus(Parties), "Parties pane", ""),
    bind(Everywhere, &[ch('2')], "2", Action::Focus(Register), "Risk register pane", ""),
    bind(Everywhere, &[ch('3')], "3", Action::Focus(Appetite), "Appetite pane", ""),
    bind(Everywhere, &[ch('4')], "4", Action::Focus(Scenario), "Scenario pane", ""),
    bind(Everywhere, &[key(Tab)], "Tab", Action::FocusNext, "next pane", ""),
    bind(Everywhere, &[key(BackTab), shift(BackTab)], "Shift-Tab", Action::FocusPrevious, "previous pane", ""),
    bind(Everywhere, &[ch('?')], "?", Action::Help, "this help", "? help"),
    bind(Everywhere, &[ch('q'), ctrl('c')], "q, Ctrl-c", Action::Quit, "quit (asks when unsaved)", "q quit"),
    bind(Everywhere, &[ch('u')], "u", Action::Undo, "undo the last change to the agreement (the what-if has its own keys: 0, h)", "u undo"),
    bind(Everywhere, &[ch('N')], "N", Action::Note, "a note on a logged decision (why it was made)", ""),
    bind(Everywhere, &[ctrl('s')], "Ctrl-s", Action::Save, "save (write beside, then rename)", "^S save"),
    bind(Everywhere, &[ch('z')], "z", Action::Zoom, "zoom the pane to the full screen and back", "z zoom"),
    bind(Everywhere, &[ctrl('r')], "Ctrl-r", Action::Redo, "redo", "^R redo"),
    bind(Everywhere, &[ch('x')], "x", Action::Export, "export this view to CSV and the board report to HTML, beside the file", ""),
    bind(Everywhere, &[key(Up), ch('k')], "Up, k", Action::Select(-1), "select the row above", ""),
    bind(Everywhere, &[key(Down), ch('j')], "Down, j", Action::Select(1), "select the row below", ""),
    bind(Views, &[ch('v')], "v", Action::NextView, "the pane's next view (its tabs)", "v view"),
    bind(In(Scenario), &[key(Left), ch('-')], "Left, -", Action::Slide(-1), "variance down 0.5 points", "Left/Right 0.5pt"),
    bind(In(Scenario), &[key(Right), ch('+')], "Right, +", Action::Slide(1), "variance up 0.5 points", ""),
    bind(In(Scenario), &[shift(Left), key(PageDown)], "Shift-Left, PgDn", Action::Slide(-10), "variance down 5 points", "Shift 5pt"),
    bind(In(Scenario), &[shift(Right), key(PageUp)], "Shift-Right, PgUp", Action::Slide(10), "variance up 5 points", ""),
    bind(In(Scenario), &[ch('0')], "0", Action::SlideToZero, "variance back to 0%", "0 zero"),
    bind(In(Scenario), &[ch('[')], "[", Action::PickScenario(-1), "previous scenario or forecast", "[ ] scenario"),
    bind(In(Scenario), &[ch(']')], "]", Action::PickScenario(1), "next scenario or forecast", ""),
    bind(In(Scenario), &[ch(' '), key(Enter)], "Space, Enter", Action::ToggleRisk, "the selected risk happens, or benefit is realised, or not", "Space risk"),
    bind(In(Scenario), &[ch('s')], "s", Action::SliderScheme(1), "the slider moves the next scheme alone (then all again)", "s scheme"),
    bind(In(Scenario), &[ch('S')], "S", Action::SliderScheme(-1), "the slider moves the previous scheme alone", ""),
    bind(In(Scenario), &[ch('h')], "h", Action::ReleaseHeld, "release the selected held scheme, else all: they follow the variance", ""),
    bind(In(Scenario), &[ch('=')], "=", Action::AskVariance, "type the variance (or the selected scheme's) exactly", "= exact"),
    bind(In(Scenario), &[ch('z')], "z", Action::Zoom, "presentation: name, variance and partners large for the room (z again returns)", "z present"),
    bind(In(Scenario), &[ch('n')], "n", Action::Add, "name this what-if: keep it as a scenario", "n name"),
    bind(In(Scenario), &[ch('d')], "d", Action::Delete, "delete the picked named scenario (asks)", ""),
    bind(In(Scenario), &[ch('e')], "e", Action::Edit, "edit the named scenario: figures, risks, benefits", "e edit"),
    bind(In(Scenario), &[ch('t')], "t", Action::EditThresholds, "review thresholds: add, edit, delete", ""),
    bind(Context::Compare, &[ch('c')], "c", Action::CompareColumn(1), "select the next column", "c column"),
    bind(Context::Compare, &[ch('[')], "[", Action::ComparePick(-1), "the column's previous scenario (the what-if among them)", "[ ] scenario"),
    bind(Context::Compare, &[ch(']')], "]", Action::ComparePick(1), "the column's next scenario", ""),
    bind(Context::Compare, &[ch('a')], "a", Action::CompareAdd, "add a column (four at most)", "a add"),
    bind(Context::Compare, &[ch('d'), key(KeyCode::Delete)], "d, Delete", Action::CompareRemove, "remove the selected column (two stay)", "d remove"),
    bind(In(Scenario), &[ch('m')], "m", Action::Simulate, "simulate this what-if (again): the Simulation view", "m simulate"),
    bind(In(Register), &[key(PageDown)], "PgDn", Action::Select(REGISTER_PAGE), "the list a page down", ""),
    bind(In(Register), &[key(PageUp)], "PgUp", Action::Select(-REGISTER_PAGE), "the list a page up", ""),
    bind(In(Register), &[key(Home)], "Home", Action::Select(-(i32::MAX)), "the list's first risk", ""),
    bind(In(Register), &[key(End)], "End", Action::Select(i32::MAX), "the list's last risk", ""),
    bind(Context::RiskView, &[ch('r')], "r", Action::ToggleResidual, "heatmap: inherent or residual", "r residual"),
    bind(Context::RiskView, &[ch('g')], "g", Action::ToggleGrid, "pick a heatmap cell to filter the list", "g cell"),
    bind(In(Register), &[ch('a')], "a", Action::Add, "add a risk (in the Benefits view, a benefit)", "a add"),
    bind(In(Register), &[ch('e'), key(Enter)], "e, Enter", Action::Edit, "edit the selected risk (or benefit)", "e edit"),
    bind(In(Register), &[ch('d')], "d", Action::Delete, "delete the selected risk (or benefit; asks)", "d delete"),
    bind(Heatmap, &[key(Left), ch('h')], "Left, h", Action::MoveCell(-1, 0), "cell: less likely", "arrows move"),
    bind(Heatmap, &[key(Right), ch('l')], "Right, l", Action::MoveCell(1, 0), "cell: more likely", ""),
    bind(Heatmap, &[key(Up), ch('k')], "Up, k", Action::MoveCell(0, 1), "cell: more impact", ""),
    bind(Heatmap, &[key(Down), ch('j')], "Down, j", Action::MoveCell(0, -1), "cell: less impact", ""),
    bind(Heatmap, &[ch('g'), key(Esc)], "g, Esc", Action::ToggleGrid, "back to the whole list", "g/Esc all risks"),
    bind(In(Parties), &[ch('a')], "a", Action::Add, "add a party", "a add"),
    bind(In(Parties), &[ch('e'), key(Enter)], "e, Enter", Action::Edit, "edit the party and its contributions", "e edit"),
    bind(In(Parties), &[ch('d')], "d", Action::Delete, "delete the party (asks)", "d delete"),
    bind(In(Parties), &[key(Left)], "Left", Action::SelectScheme(-1), "previous scheme", "Left/Right scheme"),
    bind(In(Parties), &[key(Right)], "Right", Action::SelectScheme(1), "next scheme", ""),
    bind(In(Parties), &[ch('s')], "s", Action::EditScheme, "edit the scheme's rules", "s rules"),
    bind(In(Parties), &[ch('b')], "b", Action::EditRuleRows(crate::model::Side::Overspend), "the scheme's overspend bands and caps as rows", ""),
    bind(In(Parties), &[ch('B')], "B", Action::EditRuleRows(crate::model::Side::Underspend), "the scheme's underspend bands and caps as rows", ""),
    bind(In(Parties), &[ch('c')], "c", Action::EditSchemeFacts, "the scheme's id, name and contributions", "c scheme"),
    bind(In(Parties), &[ch('S')], "S", Action::AddScheme, "add a scheme", "S add scheme"),
    bind(In(Parties), &[ch('D')], "D", Action::DeleteScheme, "delete the scheme (asks; refused while named)", ""),
    bind(In(Parties), &[ch('f')], "f", Action::LogFilter, "Log view: every decision, the party's, the scheme's", ""),
    bind(In(Appetite), &[key(Left), ch('-')], "Left, -", Action::StepAppetite(-1), "appetite one level lower", "Left/Right level"),
    bind(In(Appetite), &[key(Right), ch('+')], "Right, +", Action::StepAppetite(1), "appetite one level higher", ""),
    bind(In(Appetite), &[ch('e'), key(Enter)], "e, Enter", Action::Edit, "edit appetite and tolerance", "e edit"),
    bind(Context::Form, &[key(Enter)], "Enter", Action::Submit, "apply the form", "Enter apply"),
    bind(Context::Form, &[key(Esc)], "Esc", Action::Cancel, "cancel: nothing changes", "Esc cancel"),
    bind(Context::Form, &[key(Tab), key(Down)], "Tab, Down", Action::NextField, "next field", "Tab next field"),
    bind(Context::Form, &[key(BackTab), shift(BackTab), key(Up)], "Shift-Tab, Up", Action::PreviousField, "previous field", ""),
    bind(Context::Form, &[key(Left)], "Left", Action::Cycle(-1), "previous choice, or the caret left", "Left/Right choose"),
    bind(Context::Form, &[key(Right)], "Right", Action::Cycle(1), "next choice, or the caret right", ""),
    bind(Context::Form, &[key(Home)], "Home", Action::Caret(Caret::Home), "caret to the start of the field", ""),
    bind(Context::Form, &[key(End)], "End", Action::Caret(Caret::End), "caret to the end of the field", ""),
    bind(Context::Form, &[Key(Left, CTRL)], "Ctrl-Left", Action::Caret(Caret::WordLeft), "caret a word left", ""),
    bind(Context::Form, &[Key(Right, CTRL)], "Ctrl-Right", Action::Caret(Caret::WordRight), "caret a word right", ""),
    bind(Context::Form, &[key(Backspace)], "Backspace", Action::Backspace, "delete a character", ""),
    bind(Context::Form, &[key(KeyCode::Delete)], "Delete", Action::DeleteForward, "delete the character after the caret", ""),
    bind(Context::Form, &[ctrl('u')], "Ctrl-u", Action::ClearField, "clear the field", "Ctrl-u clear"),
    // The footer text of these makes the help's last line: "Down, PgDn for more".
    bind(HelpBox, &[key(Up), ch('k')], "Up, k", Action::Select(-1), "a line back", "Up"),
    bind(HelpBox, &[key(Down), ch('j')], "Down, j", Action::Select(1), "a line on", "Down"),
    bind(HelpBox, &[key(PageUp)], "PgUp", Action::Select(-HELP_PAGE), "a page back", "PgUp"),
    bind(HelpBox, &[key(PageDown)], "PgDn", Action::Select(HELP_PAGE), "a page on", "PgDn"),
    bind(HelpBox, &[key(Home)], "Home", Action::Select(-(i16::MAX as i32)), "the top", ""),
    bind(HelpBox, &[key(End)], "End", Action::Select(i16::MAX as i32), "the end", ""),
    bind(HelpBox, &[key(Esc), key(Enter), ch(' '), ch('q'), ch('?')], "Esc, Enter or Space", Action::Cancel, "close the help", "Esc, Enter or Space"),
];

/// The prompts, by the keys that answer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    Quit,
    Delete,
    Recover,
    NotSaved,
    Notice,
    TakeLock,
    RecoverChanged,
    Overwrite,
}

impl Asks {
    pub fn of(prompt: &Prompt) -> Asks {
        match prompt {
            Prompt::Quit => Asks::Quit,
            Prompt::DeleteParty(_)
            | Prompt::DeleteRisk(_)
            | Prompt::DeleteScenario(_)
            | Prompt::DeleteScheme(_)
            | Prompt::DeleteBenefit { .. } => Asks::Delete,
            Prompt::Recover { .. } => Asks::Recover,
            Prompt::NotSaved { .. } => Asks::NotSaved,
            Prompt::Notice { .. } => Asks::Notice,
            Prompt::TakeLock { .. } => Asks::TakeLock,
            Prompt::RecoverChanged { .. } => Asks::RecoverChanged,
            Prompt::Overwrite { .. } => Asks::Overwrite,
        }
    }
}

/// Every prompt's answers, in the order the box lists them: a binding whose label is how the
/// box says it ("s save and quit") and whose footer is how a too-small screen says it ("y yes"),
/// with how a refusal says it ("s to save and quit"). Letters answer in either case; a key a
/// prompt does not name is refused and the box stays open.
#[rustfmt::skip]
pub static ANSWERS: &[(Binding, &str)] = &[
    (bind(Asking(Asks::Quit), &[ch('s')], "s", Action::Answer(Reply::SaveAndQuit), "save and quit", "save and quit"), "save and quit"),
    (bind(Asking(Asks::Quit), &[ch('d')], "d", Action::Answer(Reply::DiscardAndQuit), "discard them and quit", "discard and quit"), "discard them and quit"),
    (bind(Asking(Asks::Quit), &[key(Esc), ctrl('c')], "Esc", Action::Cancel, "stay", "stay"), "stay"),
    (bind(Asking(Asks::Delete), &[ch('y')], "y", Action::Answer(Reply::Yes), "delete", "yes"), "delete"),
    (bind(Asking(Asks::Delete), &[ch('n'), key(Esc), ctrl('c')], "n", Action::Answer(Reply::No), "keep", "no"), "keep"),
    (bind(Asking(Asks::Recover), &[ch('y')], "y", Action::Answer(Reply::Yes), "recover it", "yes"), "recover the work"),
    (bind(Asking(Asks::Recover), &[ch('n')], "n", Action::Answer(Reply::No), "discard it", "no"), "discard it"),
    (bind(Asking(Asks::RecoverChanged), &[ch('c'), key(Enter)], "c", Action::Answer(Reply::Yes), "recover it into a copy", "copy"), "recover it into a copy"),
    (bind(Asking(Asks::RecoverChanged), &[ch('n')], "n", Action::Answer(Reply::No), "discard it", "no"), "discard it"),
    (bind(Asking(Asks::Overwrite), &[ch('y')], "y", Action::Answer(Reply::Yes), "replace it", "yes"), "replace it"),
    (bind(Asking(Asks::Overwrite), &[ch('n'), key(Esc), ctrl('c')], "n", Action::Answer(Reply::No), "keep it", "no"), "keep it"),
    (bind(Asking(Asks::TakeLock), &[key(Esc), key(Enter), ch('r')], "r", Action::Answer(Reply::No), "open it read-only", "read-only"), "open it read-only"),
    (bind(Asking(Asks::TakeLock), &[ch('t')], "t", Action::Answer(Reply::Yes), "take the lock", "take it"), "take the lock"),
    (bind(Asking(Asks::NotSaved), &[ch('a')], "a", Action::Answer(Reply::SaveAs), "save as another file", "save as"), "save as another file"),
    (bind(Asking(Asks::NotSaved), &[key(Esc), key(Enter), ch(' '), ctrl('c')], "Esc", Action::Cancel, "back", "back"), "go back"),
    (bind(Asking(Asks::Notice), &[key(Enter), ch(' '), key(Esc), ctrl('c')], "Enter, Space or Esc", Action::Cancel, "to go on", "to go on"), "go on"),
];

/// The answers to a prompt, in the order the box lists them, each with its refusal phrase.
pub fn answers(asks: Asks) -> impl Iterator<Item = &'static (Binding, &'static str)> {
    ANSWERS
        .iter()
        .filter(move |(b, _)| b.context == Asking(asks))
}

/// The keys that answer a prompt, as its box lists them: "y delete   n keep".
pub fn answers_line(asks: Asks) -> String {
    answers(asks)
        .map(|(b, _)| format!("{} {}", b.shown, b.label))
        .collect::<Vec<_>>()
        .join("   ")
}

/// The answers in the one line a too-small screen has room for: "y yes, n no".
pub fn answers_short(asks: Asks) -> String {
    answers(asks)
        .map(|(b, _)| format!("{} {}", b.shown, b.footer))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a refused key is told: "Answer y to delete, or n to keep".
pub fn answers_refusal(asks: Asks) -> String {
    let each: Vec<String> = answers(asks)
        .map(|(b, to)| format!("{} to {to}", b.shown))
        .collect();
    match each.as_slice() {
        [one] => format!("Press {one}"),
        [first @ .., last] => format!("Answer {}, or {last}", first.join(", ")),
        [] => String::new(),
    }
}

/// How help writes the first key for an action in a context ("Ctrl-r"), for messages that name
/// a key; empty when no key gives it.
pub fn key_for(context: Context, action: &Action) -> &'static str {
    bindings_for(context)
        .find(|b| b.action == *action)
        .map_or("", |b| b.shown.split(", ").next().unwrap_or(b.shown))
}

/// The bindings that work in a context, in keymap order.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// The contexts active now, most specific first.
pub fn active_contexts(app: &App) -> Vec<Context> {
    if matches!(app.overlay(), Overlay::Form(_)) {
        return vec![Context::Form];
    }
    let mut contexts = Vec::with_capacity(3);
    // The heatmap's keys work only where the heatmap shows: not in the Benefits view.
    let risks_shown = app.focus() == PaneId::Register && !app.benefits_shown();
    if risks_shown && app.register().grid {
        contexts.push(Heatmap);
    }
    if app.focus() == PaneId::Scenario
        && super::panes::view_of(app, PaneId::Scenario).name == super::panes::compare::NAME
    {
        contexts.push(Context::Compare);
    }
    if risks_shown {
        contexts.push(Context::RiskView);
    }
    contexts.push(In(app.focus()));
    if super::panes::views(app.focus()).len() > 1 {
        contexts.push(Views);
    }
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
    let action = event_action(app, event, screen);
    // The help scrolls no further than its last page, so that a key back always shows.
    match action {
        Some(Action::Select(n)) if *app.overlay() == Overlay::Help => {
            let limit = i32::from(super::view::help_scroll_limit(screen));
            let now = i32::from(app.help_scroll()).min(limit);
            let to = (now.saturating_add(n)).clamp(0, limit);
            Some(Action::Select(to - i32::from(app.help_scroll())))
        }
        other => other,
    }
}

fn event_action(app: &App, event: &Event, screen: Rect) -> Option<Action> {
    match event {
        // Windows consoles report releases and repeats too: only a press is an action.
        Event::Key(k) if k.kind == KeyEventKind::Press => action_for_key(app, k),
        Event::Resize(..) => Some(Action::Resize),
        Event::Paste(text) if matches!(app.overlay(), Overlay::Form(_)) => {
            Some(Action::Type(text.clone()))
        }
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            if *app.overlay() != Overlay::None {
                return None;
            }
            super::view::pane_at(app, screen, m.column, m.row).map(Action::Focus)
        }
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => Some(Action::Select(-1)),
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => Some(Action::Select(1)),
        _ => None,
    }
}

/// Rows PageUp and PageDown move the register's list by.
pub const REGISTER_PAGE: i32 = 10;

/// Lines PageUp and PageDown move the help by (it is at least this tall at the smallest size).
pub const HELP_PAGE: i32 = 12;

/// The action for a key press in the app's present state.
pub fn action_for_key(app: &App, event: &KeyEvent) -> Option<Action> {
    match &app.overlay() {
        // A box over the panes takes only its own keys, so that typing carried on after it
        // opened never turns into commands behind it.
        Overlay::Prompt(prompt) => {
            // Letters answer in either case; any other key is refused with the box open.
            let held = event.modifiers & CTRL;
            let code = match event.code {
                KeyCode::Char(c) if held.is_empty() => KeyCode::Char(c.to_ascii_lowercase()),
                code => code,
            };
            let pressed = Key(code, held);
            match answers(Asks::of(prompt)).find(|(b, _)| b.keys.contains(&pressed)) {
                Some((b, _)) => Some(b.action.clone()),
                // Typing that is no answer here: `update` refuses it and names the answers.
                None if (held.is_empty() && matches!(code, KeyCode::Char(_) | Esc | Enter))
                    || pressed == ctrl('c') =>
                {
                    Some(Action::Type(String::new()))
                }
                None => None,
            }
        }
        // The help takes its keys whatever is held.
        Overlay::Help => bindings_for(HelpBox)
            .find(|b| b.keys.iter().any(|k| k.0 == event.code))
            .map(|b| b.action.clone()),
        _ => {
            for context in active_contexts(app) {
                if let Some(b) =
                    bindings_for(context).find(|b| b.keys.iter().any(|k| matches(k, event)))
                {
                    return Some(b.action.clone());
                }
            }
            match (&app.overlay(), event.code) {
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_ASKS: [Asks; 5] = [
        Asks::Quit,
        Asks::Delete,
        Asks::Recover,
        Asks::NotSaved,
        Asks::Notice,
    ];

    #[test]
    fn every_prompt_has_answers_and_no_key_answers_twice() {
        for asks in ALL_ASKS {
            let keys: Vec<Key> = answers(asks).flat_map(|(b, _)| b.keys.to_vec()).collect();
            assert!(!keys.is_empty(), "{asks:?}");
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{asks:?}: {k:?} twice");
            }
        }
    }

    #[test]
    fn a_prompt_says_its_answers_from_the_table() {
        assert_eq!(
            answers_line(Asks::Quit),
            "s save and quit   d discard them and quit   Esc stay"
        );
        assert_eq!(
            answers_refusal(Asks::Delete),
            "Answer y to delete, or n to keep"
        );
        assert_eq!(
            answers_refusal(Asks::Notice),
            "Press Enter, Space or Esc to go on"
        );
        assert_eq!(answers_short(Asks::Recover), "y yes, n no");
    }
}
