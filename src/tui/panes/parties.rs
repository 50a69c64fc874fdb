//! The parties pane: who is in the agreement and what each puts into each scheme, with the
//! selected party's detail beneath.

use super::View;
use crate::tui::action::PaneId;
use crate::tui::app::App;
use crate::tui::format::{self, money};
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The parties pane's own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartiesState {
    /// The party selected here and in the appetite pane (one selection for both).
    pub party_cursor: usize,
    /// The scheme whose rules `s` edits.
    pub scheme_cursor: usize,
    /// The view shown (an index into [`VIEWS`]).
    pub view: usize,
    /// Whose decisions the Log view lists.
    pub log_filter: super::log::LogFilter,
}

/// The pane's views, as its tabs name them.
pub const VIEWS: &[View] = &[
    View {
        name: "Parties",
        render: |app, area, buf| PartiesView(app).render(area, buf),
    },
    View {
        name: "Monitoring",
        render: super::monitoring::render,
    },
    View {
        name: "Log",
        render: super::log::render,
    },
];

pub struct PartiesView<'a>(pub &'a App);

impl Widget for PartiesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = &app.theme();
        let a = &app.agreement();
        let mut columns = vec![
            Column::text("Id", 0),
            Column::flex("Name", 22, 3),
            Column::text("Kind", 5),
        ];
        // The selected scheme's column goes before the others: Left/Right must show what it
        // chose even when there is room for one scheme only.
        for (n, s) in a.schemes.iter().enumerate() {
            let mut c = Column::number(&s.id, 2);
            if n == app.scheme_cursor() {
                c.header = format!("[{}]", s.id);
                c.priority = 1;
            }
            columns.push(c);
        }
        columns.push(Column::number("Total in", 1));
        columns.push(Column::text("Constraints", 6));
        let row = |i: usize| party_row(app, i);
        let rows = table::Rows {
            count: a.parties.len(),
            widths: &app.calc().lists.parties,
            row: &row,
        };
        let table_height = u16::try_from(rows.count)
            .unwrap_or(u16::MAX)
            .saturating_add(1)
            .min(area.height);
        let selected = table::Cursor {
            row: app.party_cursor(),
            marked: app.focus() == PaneId::Parties,
        };
        let table_area = Rect {
            height: table_height,
            ..area
        };
        table::render_rows(table_area, buf, theme, &columns, &rows, selected);
        let detail = Rect {
            y: area.y + table_height + 1,
            height: area.height.saturating_sub(table_height + 1),
            ..area
        };
        if detail.height > 0 {
            self.detail(detail, buf);
        }
    }
}

/// The cells of the party at `i`: built only for the rows on screen.
fn party_row(app: &App, i: usize) -> Vec<Cell> {
    let theme = app.theme();
    let a = app.agreement();
    let Some(p) = a.parties.get(i) else {
        return Vec::new();
    };
    let mut row = vec![
        Cell::styled(
            p.id.clone(),
            theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
        ),
        Cell::new(p.name.clone()),
        Cell::new(p.kind.label()),
    ];
    for s in &a.schemes {
        row.push(match s.contributions.get(&p.id) {
            Some(v) => Cell::new(money(*v, false)),
            None => Cell::styled("-", theme.tone(Tone::Dim)),
        });
    }
    let total = app
        .calc()
        .party(i)
        .map(|p| p.contribution)
        .unwrap_or_default();
    row.push(Cell::new(money(total, false)));
    row.push(Cell::new(
        p.constraints
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join("; "),
    ));
    row
}

/// The widest cell of each column of the parties table, measured when the agreement changes
/// (200 parties in 100 schemes are 20,000 figures: too many to format on every frame).
pub fn widths(app: &App) -> Vec<usize> {
    let rows: Vec<Vec<Cell>> = (0..app.agreement().parties.len())
        .map(|i| party_row(app, i))
        .collect();
    table::widths_of(app.agreement().schemes.len() + 5, &rows)
}

impl PartiesView<'_> {
    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = &app.theme();
        let sym = theme.symbols();
        let Some(p) = app.selected_party() else {
            return;
        };
        let dim = theme.tone(Tone::Dim);
        let field = |label: &str, value: String| {
            vec![
                Span::styled(format!("{label} "), dim),
                Span::raw(value),
                Span::raw("  "),
            ]
        };
        let contributions: Vec<String> = app
            .agreement()
            .schemes
            .iter()
            .filter_map(|s| {
                s.contributions
                    .get(&p.id)
                    .map(|v| format!("{} {}", s.id, money(*v, false)))
            })
            .collect();
        let tolerance = app
            .calc()
            .exposures
            .get(app.party_cursor())
            .map(|e| money(e.tolerance, false))
            .unwrap_or_default();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(
                    p.name.clone(),
                    theme.tone(Tone::Text).add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!(" {} {}", sym.dot, p.kind.label()), dim),
            ]),
            Line::from(field(
                "Puts in",
                if contributions.is_empty() {
                    "nothing".into()
                } else {
                    contributions.join(", ")
                },
            )),
            Line::from(
                [
                    field(
                        "Appetite",
                        format!(
                            "{} ({}{})",
                            p.appetite.label(),
                            sym.le,
                            p.appetite.max_score()
                        ),
                    ),
                    field("tolerance", tolerance),
                ]
                .concat(),
            ),
            Line::from(
                [
                    field("Activity", money(p.activity, false)),
                    field("Reserves", money(p.reserves, false)),
                    field("Performance", p.performance.normalize().to_string()),
                ]
                .concat(),
            ),
            Line::from(
                [
                    field("Equity", money(p.equity, false)),
                    field("Investment need", money(p.investment_need, false)),
                    field("Budget cut", money(p.budget_reduction, false)),
                ]
                .concat(),
            ),
        ];
        if !p.constraints.is_empty() {
            let text = p
                .constraints
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join("; ");
            lines.push(Line::from(field("Constraints", text)));
        }
        if let Some(s) = app.agreement().schemes.get(app.scheme_cursor()) {
            let text = format!("{}: {} (s edits its rules)", s.id, s.name);
            lines.push(Line::from(Span::styled(
                format::fit(&text, area.width as usize, sym.ellipsis),
                dim,
            )));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }
}
