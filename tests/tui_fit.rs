//! Words the workbench shows in full where it has the room: the `?` help's descriptions (wrapped,
//! never cut, at 80x24 by scrolling), the scheme rules form's labels at 120 columns, the
//! Monitoring view's one line, and what undo says it covers.

use crate::common;

use common::{app, key, text};
use crossterm::event::KeyCode;
use riskshare::tui::{Action, BINDINGS, PaneId};

/// The help box's text at a size, at every scroll position, with the box's border left out.
fn help_screens(width: u16, height: u16) -> Vec<String> {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    let mut screens = Vec::new();
    loop {
        let screen = text(&app, width, height);
        let inside: String = screen
            .lines()
            .skip(2)
            .take(usize::from(height) - 4)
            .map(|l| {
                l.chars()
                    .skip(3)
                    .take(usize::from(width) - 6)
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        if screens.last() == Some(&inside) {
            break;
        }
        screens.push(inside);
        app.handle(Action::Select(1));
    }
    screens
}

#[test]
fn the_help_cuts_no_description_at_any_size() {
    for (width, height) in [(120, 40), (160, 48), (80, 24)] {
        let screens = help_screens(width, height);
        for screen in &screens {
            assert!(!screen.contains('…'), "{width}x{height}:\n{screen}");
        }
        // Every word of every description is shown somewhere.
        let words: std::collections::HashSet<&str> =
            screens.iter().flat_map(|s| s.split_whitespace()).collect();
        // The descriptions that were cut at 120x40.
        let cut_before = [
            "heatmap cell",
            "delete the scheme",
            "zoom the pane",
            "export this",
        ];
        for b in BINDINGS
            .iter()
            .filter(|b| cut_before.iter().any(|c| b.label.contains(c)))
        {
            for word in b.label.split_whitespace() {
                assert!(
                    words.contains(word),
                    "{width}x{height}: '{word}' of '{}'",
                    b.label
                );
            }
        }
    }
}

#[test]
fn the_scheme_rules_form_shows_its_long_labels_whole_at_120_columns() {
    let mut app = app();
    app.handle(Action::Focus(PaneId::Parties));
    key(&mut app, KeyCode::Char('s'));
    let screen = text(&app, 120, 40);
    assert!(screen.contains("Pool netting (all schemes)"), "{screen}");
    assert!(
        screen.contains("Pool contingency (all schemes)"),
        "{screen}"
    );
    // At 80 columns the form still fits the screen, its values beside the labels.
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Pool netting"), "{screen}");
}

#[test]
fn the_monitoring_line_wraps_rather_than_being_cut() {
    let mut app = app();
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 120, 40);
    assert!(screen.contains("to a scheme to monitor it"), "{screen}");
    assert!(
        !common::row_with(&screen, "No scheme has quarters").contains('…'),
        "{screen}"
    );
}

#[test]
fn undo_says_it_covers_the_agreement_and_which_keys_put_the_what_if_back() {
    let mut app = app();
    app.handle(Action::Slide(2));
    key(&mut app, KeyCode::Char('u'));
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(
        said,
        "Nothing to undo (u takes back changes to the agreement; 0 and h put the what-if back)"
    );
    // The what-if stayed where the slider put it.
    assert!(text(&app, 120, 40).contains("+1.0%"));
}
