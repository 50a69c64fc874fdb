//! The risk register pane: the list of risks beside the 5x5 heatmap.

mod heatmap;
mod list;

use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct RegisterView<'a>(pub &'a App);

impl Widget for RegisterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let cell_width = ((area.width * 2 / 5).saturating_sub(2) / 5)
            .saturating_sub(1)
            .clamp(3, 9);
        let map_width = heatmap::width(cell_width).min(area.width);
        let list_width = area.width.saturating_sub(map_width + 2);
        let list = Rect {
            width: list_width,
            ..area
        };
        let map = Rect {
            x: area.right() - map_width,
            width: map_width,
            ..area
        };
        list::render(app, list, buf);
        heatmap::render(app, map, cell_width, buf);
    }
}
