//! The workbench on the terminals it meets: ASCII only, no colour, 16 colours, high contrast, and
//! sizes down to 1x1.

use crate::common;

use common::{app_with, screen};
use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use riskshare::cli::{ThemeName, WorkbenchArgs};
use riskshare::tui::{Action, Palette, PaneId, Theme};

fn theme(ascii: bool, palette: Palette, contrast: bool) -> Theme {
    Theme {
        ascii,
        palette,
        contrast,
    }
}

/// Every state worth drawing: each pane focused and zoomed, help, a form, a prompt.
fn states(theme: Theme) -> Vec<riskshare::tui::App> {
    let mut out = Vec::new();
    for pane in PaneId::ALL {
        let mut app = app_with(theme);
        app.handle(Action::Slide(6));
        app.handle(Action::Focus(pane));
        out.push(app.clone());
        app.handle(Action::Zoom);
        out.push(app.clone());
        app.handle(Action::Zoom);
        app.handle(Action::Edit);
        out.push(app.clone());
    }
    let mut app = app_with(theme);
    app.handle(Action::Help);
    out.push(app);
    let mut app = app_with(theme);
    app.handle(Action::Focus(PaneId::Appetite));
    app.handle(Action::StepAppetite(1));
    app.handle(Action::Quit);
    out.push(app);
    let mut app = app_with(theme);
    app.handle(Action::Focus(PaneId::Register));
    app.handle(Action::ToggleGrid);
    out.push(app);
    out
}

#[test]
fn ascii_screens_have_no_byte_outside_ascii() {
    for app in states(theme(true, Palette::Ansi16, false)) {
        for (w, h) in [(80, 24), (160, 48), (200, 60)] {
            let terminal = screen(&app, w, h);
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    cell.symbol().is_ascii(),
                    "'{}' at {w}x{h}:\n{}",
                    cell.symbol(),
                    terminal.backend()
                );
            }
        }
    }
}

#[test]
fn no_colour_keeps_the_attributes_and_drops_every_colour() {
    let mut reversed = false;
    for app in states(theme(false, Palette::Mono, false)) {
        let terminal = screen(&app, 120, 40);
        for cell in terminal.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
            reversed |= cell.modifier.contains(Modifier::REVERSED);
        }
    }
    assert!(
        reversed,
        "the selection and the focused title are still reversed"
    );
}

#[test]
fn sixteen_colours_use_no_rgb() {
    for contrast in [false, true] {
        for app in states(theme(false, Palette::Ansi16, contrast)) {
            let terminal = screen(&app, 120, 40);
            for cell in terminal.backend().buffer().content() {
                assert!(!matches!(cell.fg, Color::Rgb(..) | Color::Indexed(_)));
                assert!(!matches!(cell.bg, Color::Rgb(..) | Color::Indexed(_)));
            }
        }
    }
}

#[test]
fn the_flags_choose_the_theme() {
    let args = WorkbenchArgs {
        no_color: true,
        theme: ThemeName::Contrast,
        ..WorkbenchArgs::default()
    };
    let t = Theme::detect(&args, |name| (name == "LANG").then(|| "en_GB.UTF-8".into()));
    assert_eq!(t, theme(false, Palette::Mono, true));
    let t = Theme::detect(&WorkbenchArgs::default(), |name| match name {
        "LANG" => Some("C".into()),
        "COLORTERM" => Some("24bit".into()),
        _ => None,
    });
    assert_eq!(t, theme(true, Palette::TrueColor, false));
}

#[test]
fn a_resize_storm_down_to_one_by_one_never_panics() {
    // A fixed pseudo-random walk of sizes, so a failure can be replayed.
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let apps = states(theme(false, Palette::TrueColor, false));
    for round in 0..1000 {
        let w = 1 + next(220) as u16;
        let h = 1 + next(70) as u16;
        let app = &apps[round % apps.len()];
        screen(app, w, h);
    }
    for (w, h) in [(1, 1), (20, 5), (79, 24), (80, 23), (80, 24)] {
        for app in &apps {
            screen(app, w, h);
        }
    }
}

#[test]
fn the_too_small_message_says_what_is_needed() {
    let app = app_with(theme(false, Palette::Mono, false));
    let text = common::text(&app, 40, 10);
    assert!(text.contains("Too small"), "{text}");
    let needed = format!(
        "{}x{}",
        riskshare::tui::MIN_WIDTH,
        riskshare::tui::MIN_HEIGHT
    );
    assert!(text.contains(&needed), "{text}");
    let mut app = app;
    common::key(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}
