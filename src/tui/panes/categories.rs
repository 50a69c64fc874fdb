//! The Appetite pane's by-category view: each party's Orange Book level for each risk category,
//! as its `appetite_by_category` sets it, with the highest residual score within it. A category
//! the party does not name takes its overall level, shown dim in brackets. The columns are the
//! categories any party names, then those of the open risks in the register.

use crate::model::{Agreement, Appetite};
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The categories to show, each once (case aside), in the order first met.
fn categories(a: &Agreement) -> Vec<String> {
    let named = a
        .parties
        .iter()
        .flat_map(|p| p.appetite_by_category.keys().map(str::to_string));
    let risks = a
        .risks
        .iter()
        .filter(|r| r.is_open())
        .map(|r| r.category.trim().to_string());
    let mut out: Vec<String> = Vec::new();
    for c in named.chain(risks) {
        if !c.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&c)) {
            out.push(c);
        }
    }
    out
}

fn level(appetite: Appetite, le: &str) -> String {
    format!("{} {le}{}", appetite.label(), appetite.max_score())
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width < 6 {
        return;
    }
    let theme = app.theme();
    let sym = theme.symbols();
    let a = app.agreement();
    let shown = categories(a);
    let mut columns = vec![Column::text("Party", 0), Column::text("Overall", 1)];
    columns.extend(shown.iter().map(|c| Column::text(c, 2)));
    let rows: Vec<Vec<Cell>> = a
        .parties
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::new(p.id.clone()),
                Cell::new(level(p.appetite, sym.le)),
            ];
            row.extend(shown.iter().map(|c| {
                let own = p
                    .appetite_by_category
                    .iter()
                    .any(|(k, _)| k.trim().eq_ignore_ascii_case(c));
                let set = p.appetite_for(c);
                if own {
                    Cell::styled(level(set, sym.le), theme.tone(Tone::Accent))
                } else {
                    Cell::styled(format!("({})", set.label()), theme.tone(Tone::Dim))
                }
            }));
            row
        })
        .collect();
    let used = table::render(
        area,
        buf,
        theme,
        &columns,
        &rows,
        table::Cursor {
            row: app.party_cursor(),
            marked: app.focus() == PaneId::Appetite,
        },
    );
    let width = area.width as usize;
    let mut y = area.y + used + 1;
    // Each note wrapped to the width, while there is room.
    let mut note = |text: &str| {
        let room = usize::from(area.bottom().saturating_sub(y));
        for line in crate::tui::format::wrap_fit(text, width, room, sym.ellipsis) {
            buf.set_stringn(area.x, y, line, width, theme.tone(Tone::Dim));
            y += 1;
        }
    };
    if a.parties.iter().all(|p| p.appetite_by_category.is_empty()) {
        note(
            "No party sets an appetite by category: each risk is judged by its owner's overall level",
        );
    } else {
        note("(Level): no level named for the category; the overall level judges it");
    }
    note(&format!(
        "{}N: the highest residual score within the appetite",
        sym.le
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_category_shows_once_named_ones_first() {
        let mut a = crate::tui::example().expect("the example loads");
        a.parties[0]
            .appetite_by_category
            .insert("Finance", Appetite::Averse);
        let first_open = a
            .risks
            .iter()
            .position(|r| r.is_open())
            .expect("an open risk");
        for (n, r) in a.risks.iter_mut().enumerate() {
            r.category = if n == first_open {
                "Quality"
            } else {
                "FINANCE"
            }
            .into();
        }
        assert_eq!(categories(&a), ["Finance", "Quality"]);
    }
}
