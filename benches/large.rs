//! A large agreement in the workbench: 200 parties, 100 schemes, 20,000 risks (the same file as
//! `benches/gen_agreement.py 200 100 20000`). Times a slider step (update with its
//! recalculation, then a frame at 160x48) and the register's keys (Down, PgDn, End, Home: each
//! its update and a frame). Target: a step shown within 16 ms; every register key instant.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::tui::{Action, App, Palette, PaneId, Theme};

/// 200 parties, 100 schemes, 20,000 risks.
fn generated() -> String {
    riskshare::generate::plain(200, 100, 20_000)
}

fn workbench() -> App {
    let agreement = riskshare::store::parse(&generated(), "generated.ron")
        .unwrap_or_else(|e| panic!("the generated agreement loads: {e}"));
    let theme = Theme {
        ascii: false,
        palette: Palette::TrueColor,
        contrast: false,
    };
    App::new(agreement, None, theme)
}

/// Each pane drawn alone at the size it has on a 160x48 screen, to find where a frame's time goes.
fn panes(c: &mut Criterion) {
    let app = workbench();
    let screen = ratatui::layout::Rect::new(0, 0, 160, 48);
    for (pane, area) in riskshare::tui::pane_areas(&app, screen) {
        let mut buf = ratatui::buffer::Buffer::empty(area);
        c.bench_function(
            &format!("large: draw the {} pane alone", pane.title()),
            |b| b.iter(|| riskshare::tui::render_pane(&app, pane, area, &mut buf)),
        );
    }
    let mut app = workbench();
    c.bench_function("large: slider step, update alone", |b| {
        let mut step = 1;
        b.iter(|| {
            step = -step;
            app.handle(Action::Slide(step));
        })
    });
}

fn large(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {});
    let mut app = workbench();
    let mut step = 1;
    c.bench_function("large: slider step and frame 160x48", |b| {
        b.iter(|| {
            step = -step;
            app.handle(Action::Slide(step));
            terminal
                .draw(|frame| riskshare::tui::draw(frame, &app))
                .unwrap_or_else(|e| match e {});
        })
    });
    // Keys pressed faster than frames are drawn are all applied before the next frame (the
    // event loop drains its queue): twenty slider steps, then the one frame that shows them.
    c.bench_function("large: 20 queued slider steps then one frame 160x48", |b| {
        b.iter(|| {
            step = -step;
            for _ in 0..20 {
                app.handle(Action::Slide(step));
            }
            terminal
                .draw(|frame| riskshare::tui::draw(frame, &app))
                .unwrap_or_else(|e| match e {});
        })
    });
    app.handle(Action::Focus(PaneId::Register));
    for (name, code) in [
        ("Down", KeyCode::Down),
        ("PgDn", KeyCode::PageDown),
        ("End", KeyCode::End),
        ("Home", KeyCode::Home),
    ] {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        let bound = riskshare::tui::action_for_key(&app, &key).is_some();
        c.bench_function(
            &format!(
                "large: register {name}{} and frame 160x48",
                if bound { "" } else { " (not bound)" }
            ),
            |b| {
                b.iter(|| {
                    if let Some(action) = riskshare::tui::action_for_key(&app, &key) {
                        app.handle(action);
                    }
                    terminal
                        .draw(|frame| riskshare::tui::draw(frame, &app))
                        .unwrap_or_else(|e| match e {});
                })
            },
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = panes, large
}
criterion_main!(benches);
