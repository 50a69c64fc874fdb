//! The risk register pane: the list of risks beside the 5x5 heatmap, or above it (with the
//! selected risk's text beside it) when that is what lets every column of the list show.

mod benefits;
mod heatmap;
pub(super) mod list;

use super::View;
use crate::tui::app::App;
use crate::tui::view::table;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The title's columns that count as showing it, when choosing how to lay the pane out.
const TITLE_AT_LEAST: u16 = 20;
/// What the title takes beside the heatmap before the columns that matter less than it.
const TITLE_BESIDE: u16 = 28;

/// The register pane's own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterState {
    pub cursor: usize,
    /// Show residual scores (after mitigation) on the heatmap, else inherent.
    pub residual: bool,
    /// The heatmap cell cursor is active and filters the list.
    pub grid: bool,
    /// (likelihood, impact) of the heatmap cursor, each 1-5.
    pub cell: (u8, u8),
    /// The view shown (an index into [`VIEWS`]).
    pub view: usize,
}

impl Default for RegisterState {
    fn default() -> Self {
        RegisterState {
            cursor: 0,
            residual: false,
            grid: false,
            cell: (3, 3),
            view: 0,
        }
    }
}

/// The pane's views, as its tabs name them.
pub const VIEWS: &[View] = &[
    View {
        name: "Register",
        render: |app, area, buf| RegisterView(app).render(area, buf),
    },
    View {
        name: "Benefits",
        render: benefits::render,
    },
];

pub struct RegisterView<'a>(pub &'a App);

impl Widget for RegisterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let cell_width = ((area.width * 2 / 5).saturating_sub(2) / 5)
            .saturating_sub(1)
            .clamp(3, 9);
        let map_width = heatmap::width(cell_width).min(area.width);
        let list_width = area.width.saturating_sub(map_width + 2);
        // Wide but not wide enough for every column beside the heatmap: the list takes the
        // whole width above it, and the selected risk's text goes beside it.
        let columns = list::columns(app, TITLE_AT_LEAST);
        let widths = &app.calc().lists.register;
        let stacked = area.height >= 16
            && !table::fits_all_widths(&columns, widths, list_width, TITLE_AT_LEAST)
            && table::fits_all_widths(&columns, widths, area.width, TITLE_AT_LEAST);
        if stacked {
            // The list gets the rows it needs, the heatmap at least its eight.
            let list_rows = u16::try_from(app.visible_risks().len())
                .unwrap_or(u16::MAX)
                .saturating_add(1)
                .min(area.height - 9);
            let map_rows = area.height - list_rows - 1;
            let list = Rect {
                height: list_rows,
                ..area
            };
            let below = area.y + list_rows + 1;
            let map = Rect::new(area.right() - map_width, below, map_width, map_rows);
            let detail = Rect::new(area.x, below + 1, list_width, map_rows.saturating_sub(1));
            list::render(app, list, TITLE_AT_LEAST, buf);
            list::detail(app, detail, buf);
            heatmap::render(app, map, cell_width, buf);
            return;
        }
        let list = Rect {
            width: list_width,
            ..area
        };
        let map = Rect {
            x: area.right() - map_width,
            width: map_width,
            ..area
        };
        list::render(app, list, TITLE_BESIDE, buf);
        heatmap::render(app, map, cell_width, buf);
    }
}
