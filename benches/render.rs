//! Speed of one full frame of the workbench at 160x48 on a TestBackend (target: under 2 ms), of
//! one slider step (update with its recalculation, then the frame), and of a slider step drawn
//! through the `Wire` backend the real terminal uses, which also chooses the cheapest order to
//! send the changed cells in.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::tui::{Action, App, Palette, Theme};

fn workbench() -> App {
    let agreement = riskshare::tui::example().unwrap_or_else(|e| panic!("the example loads: {e}"));
    let theme = Theme {
        ascii: false,
        palette: Palette::TrueColor,
        contrast: false,
    };
    App::new(agreement, None, theme)
}

fn frames(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {});
    let mut app = workbench();
    app.handle(Action::Slide(6));
    c.bench_function("full frame 160x48", |b| {
        b.iter(|| {
            terminal.clear().unwrap_or_else(|e| match e {});
            terminal
                .draw(|frame| riskshare::tui::draw(frame, &app))
                .unwrap_or_else(|e| match e {});
        })
    });
    let mut step = 1;
    c.bench_function("slider step and frame 160x48", |b| {
        b.iter(|| {
            step = -step;
            app.handle(Action::Slide(step));
            terminal
                .draw(|frame| riskshare::tui::draw(frame, &app))
                .unwrap_or_else(|e| match e {});
        })
    });
}

fn wire_steps(c: &mut Criterion) {
    let wire = riskshare::tui::Wire::with_size(std::io::sink(), 120, 40);
    let mut terminal = Terminal::new(wire).unwrap_or_else(|e| panic!("a terminal: {e}"));
    let mut app = workbench();
    let mut step = 1;
    c.bench_function("slider step through the wire backend 120x40", |b| {
        b.iter(|| {
            step = -step;
            app.handle(Action::Slide(step));
            terminal
                .draw(|frame| riskshare::tui::draw(frame, &app))
                .unwrap_or_else(|e| panic!("drawn: {e}"));
        })
    });
}

criterion_group!(benches, frames, wire_steps);
criterion_main!(benches);
