//! The appetite pane: each party's Orange Book level and tolerance, its total in the current
//! scenario and its headroom; a breach stands out in words and a mark, not only colour.

use super::View;
use crate::tui::app::App;
use crate::tui::format::money;
use crate::tui::theme::Tone;
use crate::tui::view::table::{self, Cell, Column};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// The appetite pane's own state (its selection is the parties pane's: one for both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppetiteState {
    /// The view shown (an index into [`VIEWS`]).
    pub view: usize,
    /// The finding selected in the Checks view.
    pub finding: usize,
}

/// The pane's views, as its tabs name them.
pub const VIEWS: &[View] = &[
    View {
        name: "Appetite",
        render: |app, area, buf| AppetiteView(app).render(area, buf),
    },
    View {
        name: super::checks::NAME,
        render: super::checks::render,
    },
    View {
        name: "By category",
        render: super::categories::render,
    },
    View {
        name: "Warnings",
        render: super::warnings::render,
    },
];

pub struct AppetiteView<'a>(pub &'a App);

impl Widget for AppetiteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = &app.theme();
        let sym = theme.symbols();
        // Pence when there is room for them, whole pounds when not.
        let pence = area.width >= 64;
        // The moving figures' columns are as wide as the agreement's scale needs (a total
        // within it, a headroom within it plus the largest tolerance, either signed), so they
        // stay put as the slider moves.
        let scale = app.calc().scale;
        let tolerance = app.calc().exposures.iter().map(|e| e.tolerance.abs()).max();
        let wide = |amount| u16::try_from(money(amount, pence).width() + 1).unwrap_or(u16::MAX);
        // Narrow, the breach mark goes after the headroom instead of a column of its own (the
        // room a level's score then takes).
        let narrow = area.width < 40;
        let mark = u16::from(narrow);
        let mut columns = vec![
            Column::text("Party", 0),
            // Money first: when the pane is narrow the level and its score go before a pound.
            Column::text("Level", 4),
            Column::number("Max", 3),
            Column::number("Tolerance", 2),
            Column::number("Total", 1).at_least(wide(scale)),
            Column::number("Headroom", 1)
                .at_least(wide(scale + tolerance.unwrap_or_default()) + mark),
        ];
        if !narrow {
            columns.push(Column::text("", 0));
        }
        let rows: Vec<Vec<Cell>> = app
            .calc()
            .exposures
            .iter()
            .map(|e| {
                let alarm = if e.breach {
                    theme.tone(Tone::Breach)
                } else {
                    theme.tone(Tone::Text)
                };
                let flag = if e.breach {
                    Cell::styled(if area.width >= 50 { "! BREACH" } else { "!" }, alarm)
                } else {
                    Cell::styled("ok", theme.tone(Tone::Good))
                };
                let headroom = money(e.headroom, pence);
                let headroom = if !narrow {
                    headroom
                } else if e.breach {
                    format!("{headroom}!")
                } else {
                    format!("{headroom} ")
                };
                let mut row = vec![
                    Cell::new(e.id.clone()),
                    Cell::new(e.appetite.label()),
                    Cell::new(format!("{}{}", sym.le, e.max_score)),
                    Cell::new(money(e.tolerance, pence)),
                    Cell::styled(money(e.total, pence), alarm),
                    Cell::styled(headroom, alarm),
                ];
                if !narrow {
                    row.push(flag);
                }
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
                marked: app.focus() == crate::tui::action::PaneId::Appetite,
            },
        );
        let mut y = area.y + used;
        let note = |y: u16, text: &str, tone: Tone, buf: &mut Buffer| {
            if y < area.bottom() {
                buf.set_stringn(
                    area.x,
                    y,
                    crate::tui::format::fit(text, area.width as usize, sym.ellipsis),
                    area.width as usize,
                    theme.tone(tone),
                );
            }
        };
        // The columns the pane has no room for are named, with the key that shows them.
        let mut hidden: Vec<&Column> = table::hidden_columns(&columns, &rows, area.width)
            .into_iter()
            .map(|i| &columns[i])
            .filter(|c| !c.header.is_empty())
            .collect();
        hidden.sort_by_key(|c| c.priority);
        if let Some(first) = hidden.first() {
            let zoom = crate::tui::keymap::key_for(
                crate::tui::keymap::Context::Everywhere,
                &crate::tui::action::Action::Zoom,
            );
            let names: Vec<&str> = hidden.iter().map(|c| c.header.as_str()).collect();
            let mut text = format!("{} hidden: {zoom} zooms", names.join(", "));
            if text.width() > area.width as usize && names.len() > 1 {
                text = format!("{} +{} hidden: {zoom} zooms", first.header, names.len() - 1);
            }
            note(y, &text, Tone::Dim, buf);
        }
        y += 1;
        if let Some(e) = app.calc().exposures.get(app.party_cursor()) {
            let rest = if e.breach {
                format!(" is {} past its tolerance", money(-e.headroom, true))
            } else {
                format!(" can bear {} more", money(e.headroom, true))
            };
            // A long id gives way to the figure, which is the news; the sentence is wrapped,
            // never cut.
            let room = (area.width as usize).saturating_sub(rest.width()).max(6);
            let text = format!(
                "{}{rest}",
                crate::tui::format::fit(&e.id, room, sym.ellipsis)
            );
            for part in crate::tui::format::wrap(&text, area.width as usize) {
                note(
                    y,
                    &part,
                    if e.breach { Tone::Breach } else { Tone::Dim },
                    buf,
                );
                y += 1;
            }
        }
        note(y, "+ is a cost, - a saving", Tone::Dim, buf);
        y += 1;
        // Where each party breaks its tolerance as the base variance moves (the what-if's held
        // schemes, risks and benefits kept): the engine's break-even points, worked out when
        // the agreement or the what-if changes.
        let analytics = app.analytics();
        if let Some(error) = &analytics.error {
            note(
                y,
                &format!("No break-even points: {error}"),
                Tone::Warning,
                buf,
            );
            return;
        }
        let Some(points) = &analytics.break_even else {
            note(
                y,
                "Working out where each party breaks its tolerance...",
                Tone::Dim,
                buf,
            );
            return;
        };
        let parties = &app.agreement().parties;
        let room = usize::from(area.bottom().saturating_sub(y));
        // When not all fit, the last line counts the rest.
        let shown = if parties.len() > room {
            room.saturating_sub(1)
        } else {
            parties.len()
        };
        for (party, at) in parties.iter().zip(points).take(shown) {
            let tone = if at.is_some() { Tone::Text } else { Tone::Dim };
            let mut text = break_even(&party.id, *at);
            if text.width() > area.width as usize {
                text = break_even_short(&party.id, *at);
            }
            note(y, &text, tone, buf);
            y += 1;
        }
        if shown < parties.len() {
            let zoom = crate::tui::keymap::key_for(
                crate::tui::keymap::Context::Everywhere,
                &crate::tui::action::Action::Zoom,
            );
            let more = parties.len() - shown;
            note(
                y,
                &format!("+{more} break-even points: {zoom} zooms"),
                Tone::Dim,
                buf,
            );
        }
    }
}

/// A break-even point where the sentence does not fit: "ICB breaks at +2.92%", "VCS never".
fn break_even_short(id: &str, at: Option<rust_decimal::Decimal>) -> String {
    match at {
        Some(at) => format!("{id} breaks at {}", two_places(at)),
        None => format!("{id} never breaks"),
    }
}

/// A percent with its sign and two decimals: `+2.92%`, `-0.50%`.
fn two_places(d: rust_decimal::Decimal) -> String {
    let d = d.round_dp(2);
    if d > rust_decimal::Decimal::ZERO {
        format!("+{d:.2}%")
    } else {
        format!("{d:.2}%")
    }
}

/// "ICB breaks its tolerance at +2.74%", or "VCS never breaks its tolerance between -100% and
/// +100%": a break-even point in words, to the hundredth of a point the search finds.
pub fn break_even(id: &str, at: Option<rust_decimal::Decimal>) -> String {
    use crate::engine::sweep::{SEARCH_FROM, SEARCH_TO};
    match at {
        Some(at) => format!("{id} breaks its tolerance at {}", two_places(at)),
        None => format!(
            "{id} never breaks its tolerance between {}% and +{}%",
            SEARCH_FROM.normalize(),
            SEARCH_TO.normalize()
        ),
    }
}
