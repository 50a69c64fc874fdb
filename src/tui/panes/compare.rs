//! The Scenario pane's Compare view: two to four scenarios side by side (the live what-if or
//! named ones, the forecasts too), each party's total under each and the difference of each
//! from the first, as `riskshare compare` gives them. The figures are the engine's
//! ([`engine::compare`]): the named scenarios are calculated when the agreement or the picked
//! columns change, the what-if's allocation is the one the pane already has, and drawing only
//! lays the cached [`Comparison`] out.

use crate::engine::compare::{self as engine_compare, Comparison, MOST};
use crate::engine::{self, Allocation, WhatIf};
use crate::model::Agreement;
use crate::tui::action::{Action, PaneId};
use crate::tui::app::App;
use crate::tui::format::money;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// The view's name, as its tab shows it.
pub const NAME: &str = "Compare";

/// The name the live what-if's column goes by.
pub const WHAT_IF: &str = "What-if";

/// What the comparison shows and its cached figures. Changed only through `App::update`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompareState {
    /// Each column: `None` is the live what-if, `Some(name)` a named scenario.
    pub columns: Vec<Option<String>>,
    /// The column `[` and `]` change.
    pub cursor: usize,
    /// The named scenarios' allocations (or why one cannot be calculated), by name.
    named: Vec<(String, Result<Allocation, String>)>,
    /// The figures drawn: the engine's comparison of the columns.
    pub comparison: Comparison,
    /// Why a column could not be calculated, in a sentence; the figures are then empty.
    pub error: Option<String>,
}

/// Every scenario a column can show, in the order `]` steps through them: the what-if, then the
/// file's named scenarios and the forecasts.
pub fn choices(agreement: &Agreement) -> Vec<Option<String>> {
    std::iter::once(None)
        .chain(
            engine::forecast::named_scenarios(agreement)
                .into_iter()
                .map(|s| Some(s.name)),
        )
        .collect()
}

impl CompareState {
    /// The agreement changed: columns naming a scenario it no longer has go, the first columns
    /// are chosen when there are none, and every named column is calculated again.
    pub fn on_agreement(&mut self, agreement: &Agreement) {
        let all = choices(agreement);
        self.columns.retain(|c| all.contains(c));
        if self.columns.len() < 2 {
            for c in &all {
                if self.columns.len() >= MOST {
                    break;
                }
                if !self.columns.contains(c) {
                    self.columns.push(c.clone());
                }
            }
        }
        self.cursor = self.cursor.min(self.columns.len().saturating_sub(1));
        self.named.clear();
        self.calculate_columns(agreement);
    }

    /// Calculates each named column not yet calculated, as `calc --scenario NAME` would.
    fn calculate_columns(&mut self, agreement: &Agreement) {
        for name in self.columns.iter().flatten() {
            if self.named.iter().any(|(n, _)| n == name) {
                continue;
            }
            let result = match engine::forecast::find_scenario(agreement, name) {
                Some(s) => engine::calculate(agreement, &WhatIf::from_scenario(&s))
                    .map_err(|e| format!("\"{name}\" cannot be calculated: {e}")),
                None => Err(format!("there is no scenario \"{name}\"")),
            };
            self.named.push((name.clone(), result));
        }
    }

    /// The what-if changed (or the columns did): the comparison again, from the cached named
    /// allocations and the what-if's own.
    pub fn on_what_if(&mut self, agreement: &Agreement, what_if: &Allocation) {
        self.calculate_columns(agreement);
        let mut runs: Vec<(&str, &Allocation)> = Vec::with_capacity(self.columns.len());
        self.error = None;
        for column in &self.columns {
            match column {
                None => runs.push((WHAT_IF, what_if)),
                Some(name) => match self.named.iter().find(|(n, _)| n == name) {
                    Some((n, Ok(a))) => runs.push((n.as_str(), a)),
                    Some((_, Err(why))) => self.error = Some(why.clone()),
                    None => {}
                },
            }
        }
        self.comparison = if self.error.is_some() || runs.len() < 2 {
            Comparison::default()
        } else {
            engine_compare::compare(agreement, &runs)
        };
    }

    /// Moves the column cursor, wrapping.
    pub fn step_column(&mut self, n: i32) {
        let len = self.columns.len().max(1) as i64;
        self.cursor = (self.cursor as i64 + i64::from(n)).rem_euclid(len) as usize;
    }

    /// The selected column shows the previous or next scenario no other column shows. `Err`
    /// says why it cannot.
    pub fn pick(&mut self, agreement: &Agreement, step: i32) -> Result<(), String> {
        let all = choices(agreement);
        let Some(now) = self.columns.get(self.cursor).cloned() else {
            return Err("No column to change".into());
        };
        let at = all.iter().position(|c| *c == now).unwrap_or(0) as i64;
        let len = all.len() as i64;
        let next = (1..len)
            .map(|k| &all[(at + k * i64::from(step.signum())).rem_euclid(len) as usize])
            .find(|c| !self.columns.contains(c));
        match next {
            Some(c) => {
                self.columns[self.cursor] = c.clone();
                Ok(())
            }
            None => Err("Every scenario is already in a column".into()),
        }
    }

    /// A column more, showing the first scenario no column shows yet.
    pub fn add(&mut self, agreement: &Agreement) -> Result<(), String> {
        if self.columns.len() >= MOST {
            return Err(format!("At most {MOST} scenarios side by side"));
        }
        let free = choices(agreement)
            .into_iter()
            .find(|c| !self.columns.contains(c));
        match free {
            Some(c) => {
                self.columns.push(c);
                self.cursor = self.columns.len() - 1;
                Ok(())
            }
            None => Err("Every scenario is already in a column".into()),
        }
    }

    /// The selected column goes, while two remain.
    pub fn remove(&mut self) -> Result<(), String> {
        if self.columns.len() <= engine_compare::FEWEST {
            return Err(format!(
                "At least {} scenarios side by side",
                engine_compare::FEWEST
            ));
        }
        self.columns.remove(self.cursor);
        self.cursor = self.cursor.min(self.columns.len() - 1);
        Ok(())
    }
}

/// A difference with its sign: `+539,599.31`, `-2,500.00`, `0.00`.
fn signed(value: Decimal, pence: bool) -> String {
    let text = money(value, pence);
    if value > Decimal::ZERO && text != money(Decimal::ZERO, pence) {
        format!("+{text}")
    } else {
        text
    }
}

/// Draws the comparison: the totals, then the differences from the first column.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width < 10 {
        return;
    }
    let theme = app.theme();
    let sym = theme.symbols();
    let state = &app.panes().compare;
    let c = &state.comparison;
    let width = area.width as usize;
    let mut y = area.y;
    let line = |buf: &mut Buffer, y: &mut u16, text: &str, tone: Tone| {
        if *y < area.bottom() {
            let shown = crate::tui::format::fit(text, width, sym.ellipsis);
            buf.set_stringn(area.x, *y, shown, width, theme.tone(tone));
            *y += 1;
        }
    };
    let scenarios = PaneId::Scenario;
    let key = |action: &Action| keymap::key_for(Context::Compare, action);
    if let Some(why) = &state.error {
        line(buf, &mut y, &format!("Cannot compare: {why}"), Tone::Breach);
        return;
    }
    if c.scenarios.len() < 2 {
        let name = keymap::key_for(Context::In(scenarios), &Action::Add);
        line(
            buf,
            &mut y,
            &format!(
                "Only the what-if to compare: {name} names it, then it can sit beside another"
            ),
            Tone::Dim,
        );
        return;
    }
    // Pence when every column has room for them.
    let pence = area.width as usize >= 8 + c.scenarios.len() * 14;
    let row_of = |id: &str, figures: &[Decimal], sign: bool| {
        let mut row = vec![Cell::new(if id.is_empty() { "all" } else { id })];
        row.extend(figures.iter().map(|v| {
            Cell::new(if sign {
                signed(*v, pence)
            } else {
                money(*v, pence)
            })
        }));
        row
    };
    let mut rows: Vec<Vec<Cell>> = c
        .parties
        .iter()
        .chain(std::iter::once(&c.all))
        .map(|r| row_of(&r.id, &r.totals, false))
        .collect();
    // Each column headed by its scenario's name when every name fits over its figures; else
    // by a letter, the names given in full (wrapped) above as the legend.
    let named = |headers: &[String], skip: usize| {
        let mut columns = vec![Column::text("Party", 0)];
        columns.extend(headers.iter().skip(skip).map(|h| Column::number(h, 1)));
        columns
    };
    let names = c.scenarios.clone();
    let widest = table::widths_of(names.len() + 1, &rows);
    let cut = names
        .iter()
        .enumerate()
        .any(|(i, s)| s.width() > widest[i + 1].max(12));
    let letters = cut || !table::hidden_columns(&named(&names, 0), &rows, area.width).is_empty();
    let headers: Vec<String> = if letters {
        (0..names.len())
            .map(|i| char::from(b'A' + i as u8).to_string())
            .collect()
    } else {
        names.clone()
    };
    // The selected column's name is marked in the line above the table.
    let marks: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = if i == state.cursor {
                format!("[{s}]")
            } else {
                s.clone()
            };
            if letters {
                format!("{} {s}", headers[i])
            } else {
                s
            }
        })
        .collect();
    let legend = format!("Totals in pounds, positive a cost: {}", marks.join(", "));
    for part in crate::tui::format::wrap(&legend, width) {
        line(buf, &mut y, &part, Tone::Dim);
    }
    let columns = named(&headers, 0);
    let zoom = keymap::key_for(Context::Everywhere, &Action::Zoom);
    // Columns the pane has no room for are named, never dropped without a word.
    let hidden: Vec<&str> = table::hidden_columns(&columns, &rows, area.width)
        .into_iter()
        .map(|i| columns[i].header.as_str())
        .collect();
    let hidden_note =
        (!hidden.is_empty()).then(|| format!("{} hidden: {zoom} zooms", hidden.join(", ")));
    let bottom = area
        .bottom()
        .saturating_sub(u16::from(hidden_note.is_some()));
    let used = table::render(
        Rect::new(area.x, y, area.width, bottom.saturating_sub(y)),
        buf,
        theme,
        &columns,
        &rows,
        table::Cursor {
            row: usize::MAX,
            marked: false,
        },
    );
    y += used;
    if let Some(note) = &hidden_note {
        line(buf, &mut y, note, Tone::Dim);
    }
    // The differences whole or not at all: a line says where they are when there is no room
    // (a blank line, the title, the heading and a row for each party and for all).
    let diff_rows = c.parties.len() + 2;
    if usize::from(area.bottom().saturating_sub(y)) < diff_rows + 2 {
        line(
            buf,
            &mut y,
            &format!("Differences from {} hidden: {zoom} zooms", c.scenarios[0]),
            Tone::Dim,
        );
        return;
    }
    y += 1;
    line(
        buf,
        &mut y,
        &format!("Difference from {}:", c.scenarios[0]),
        Tone::Dim,
    );
    let diffs = named(&headers, 1);
    rows = c
        .parties
        .iter()
        .chain(std::iter::once(&c.all))
        .map(|r| row_of(&r.id, &r.differences, true))
        .collect();
    let used = table::render(
        Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y)),
        buf,
        theme,
        &diffs,
        &rows,
        table::Cursor {
            row: usize::MAX,
            marked: false,
        },
    );
    y += used + 1;
    let hint = format!(
        "{} column, {} {} scenario, {} add, {} remove",
        key(&Action::CompareColumn(1)),
        key(&Action::ComparePick(-1)),
        key(&Action::ComparePick(1)),
        key(&Action::CompareAdd),
        key(&Action::CompareRemove),
    );
    line(buf, &mut y, &hint, Tone::Dim);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_start_with_the_what_if_and_pick_skips_the_ones_shown() {
        let a = crate::tui::example().expect("the example loads");
        let mut s = CompareState::default();
        s.on_agreement(&a);
        assert_eq!(s.columns.len(), MOST);
        assert_eq!(s.columns[0], None);
        assert_eq!(s.columns[1].as_deref(), Some("Expected"));
        // The what-if column steps to the one named scenario not shown yet.
        s.pick(&a, 1).expect("a free scenario");
        assert!(s.columns[0].is_some());
        assert!(!s.columns[1..].contains(&s.columns[0]));
        assert!(s.add(&a).is_err(), "four at most");
        s.remove().expect("four can lose one");
        s.remove().expect("three can lose one");
        assert!(s.remove().is_err(), "two at least");
    }
}
