//! Small things a facilitator notices on the projector: labels that vanish, marks that run
//! together, counts that push out their band, legends cut short with room to spare.

use crate::common;

use common::{app, key, row_with, text};
use crossterm::event::KeyCode;
use riskshare::model::ReviewThreshold;
use riskshare::tui::App;
use rust_decimal::Decimal;

#[test]
fn the_savings_label_stays_when_savings_are_drawn() {
    // The bars' scale covers the whole slider, so savings fill the bars only near its end.
    let mut app = app();
    for _ in 0..4 {
        common::key_with(
            &mut app,
            KeyCode::Left,
            crossterm::event::KeyModifiers::SHIFT,
        );
    }
    let screen = text(&app, 80, 24);
    let legend = row_with(&screen, "costs");
    assert!(legend.contains("savings │ costs"), "{screen}");
    assert!(
        row_with(&screen, "-1,350,547.45").contains("███│"),
        "{screen}"
    );
}

#[test]
fn the_marks_legend_is_whole_when_there_is_room() {
    let app = app();
    for (w, h) in [(120, 40), (160, 48)] {
        let screen = text(&app, w, h);
        assert!(
            row_with(&screen, "costs").contains("T tolerance  C cap"),
            "{w}x{h}:\n{screen}"
        );
    }
    // At 80x24 the bars' scale comes first (it follows what is on screen), then the marks.
    let screen = text(&app, 80, 24);
    let legend = row_with(&screen, "costs");
    assert!(legend.contains("costs to £500k  T tol.  C cap"), "{screen}");
}

#[test]
fn review_thresholds_close_together_never_run_into_one_number() {
    let mut agreement = common::anytown();
    agreement.review_thresholds = ["0.5", "1", "1.5"]
        .iter()
        .map(|at| ReviewThreshold {
            at: at.parse::<Decimal>().unwrap_or_default(),
            action: "Tell the board".into(),
        })
        .collect();
    let app = App::new(agreement, None, *common::app().theme());
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&app, w, h);
        let slider = row_with(&screen, "+20%");
        let track: String = slider
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        // Only the end labels' digits and whole threshold numbers, each on its own.
        for joined in ["11.5", "0.51", "11", "0.5 1"] {
            assert!(!slider.contains(joined), "{w}x{h}: {slider}");
        }
        assert!(
            slider.contains('┼') || track.contains("0.5"),
            "each threshold is marked: {slider}"
        );
    }
}

#[test]
fn a_cell_with_a_hundred_risks_keeps_its_band_letter() {
    let mut agreement = common::anytown();
    let template = agreement.risks[0].clone();
    for n in 5..=127 {
        let mut r = template.clone();
        r.id = format!("R{n}");
        agreement.risks.push(r);
    }
    let mut app = App::new(agreement, None, *common::app().theme());
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("9+E"), "124 risks in R1's cell:\n{screen}");
    let screen = text(&app, 160, 48);
    assert!(screen.contains("124E"), "{screen}");
}

#[test]
fn a_wide_register_shows_every_column_the_issue_names() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&app, 160, 48);
    let header = row_with(&screen, "Id Title");
    for column in [
        "Id",
        "Title",
        "Owner",
        "Boundary",
        "Inh",
        "Res",
        "Cost",
        "Treatment",
    ] {
        assert!(header.contains(column), "{column} in: {header}");
    }
    assert!(
        row_with(&screen, "Provider-provider").contains("By influence"),
        "{screen}"
    );
    // The heatmap is still there, under the list.
    assert!(screen.contains("Likelihood (inherent)"), "{screen}");
}
