//! A large agreement in the workbench: 200 parties, 100 schemes, 20,000 risks (the same file as
//! `benches/gen_agreement.py 200 100 20000`). Times a slider step (update with its
//! recalculation, then a frame at 160x48) and the register's keys (Down, PgDn, End, Home: each
//! its update and a frame). Target: a step shown within 16 ms; every register key instant.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use riskshare::tui::{Action, App, Palette, PaneId, Theme};
use std::fmt::Write;

const PARTIES: usize = 200;
const SCHEMES: usize = 100;
const RISKS: usize = 20_000;

/// The generated agreement, as benches/gen_agreement.py writes it.
fn generated() -> String {
    let kinds = [
        "Commissioner",
        "LocalAuthority",
        "AcuteProvider",
        "CommunityProvider",
        "Voluntary",
    ];
    let mut ron = String::from("(format: 1, name: \"Generated\", parties: [");
    for p in 0..PARTIES {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Partner organisation {p}\", kind: {}, reserves: {}, \
             activity: {}),",
            kinds[p % kinds.len()],
            1_000_000 + p * 7919,
            1000 + p
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..SCHEMES {
        let mut members: Vec<usize> = (0..8).map(|m| (s * 3 + m * 7) % PARTIES).collect();
        members.sort_unstable();
        members.dedup();
        let contributions: Vec<String> = members
            .iter()
            .map(|m| format!("\"P{m}\": {}", 250_000 + ((s + m) * 104_729) % 4_000_000))
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: \
             (contingency: 50000, bands: [(basis: Contribution)]), underspend: (reinvest: 25, \
             bands: [(basis: Contribution)])),",
            contributions.join(", ")
        );
    }
    ron.push_str("], risks: [");
    let treatments = ["Pooled", "Retained", "ByInfluence"];
    for r in 0..RISKS {
        let s = r % SCHEMES;
        let owner = (s * 3) % PARTIES;
        let t = treatments[r % 3];
        let extra = if t == "ByInfluence" {
            format!(
                ", influence: {{\"P{owner}\": 60, \"P{}\": 40}}",
                (s * 3 + 7) % PARTIES
            )
        } else {
            String::new()
        };
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}: demand for the scheme runs above plan in winter\", \
             owner: \"P{owner}\", scheme: \"S{s}\", boundary: CommissionerProvider, likelihood: {}, \
             impact: {}, cost: \"{}.{:02}\", treatment: {t}{extra}),",
            1 + r % 5,
            1 + (r / 5) % 5,
            10_000 + (r * 7919) % 900_000,
            r % 100
        );
    }
    ron.push_str("])");
    ron
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
