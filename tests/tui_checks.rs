//! The Appetite pane's checks view: the governance checks' findings, live as the agreement
//! changes, readable without colour.

use crate::common;

use common::{app, key, text};
use crossterm::event::KeyCode;

#[test]
fn the_checks_view_lists_the_findings_as_check_does() {
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    // Zoomed: the whole list, the selected finding given in full below it.
    key(&mut app, KeyCode::Char('z'));
    let screen = text(&app, 160, 48);
    assert!(screen.contains("Checks"), "{screen}");
    assert!(screen.contains("from the governance checks"), "{screen}");
    assert!(
        screen.contains("! G102 party 'VCS' bears nothing at a 5% overspend"),
        "{screen}"
    );
    assert!(
        screen.contains("i G602 the agreement records no arbitration route"),
        "{screen}"
    );
}

#[test]
fn the_findings_follow_the_agreement_as_it_changes() {
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    assert!(text(&app, 160, 48).contains("G501 risk 'R4'"));
    // VCS (the fourth party) from Averse (highest score 3) to Minimal (6): R4, residual 6, is
    // within its appetite now. The level is stepped in the Appetite view (the Checks view's
    // keys move in its findings), then the Checks view is shown again.
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('v'));
    }
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('v'));
    let screen = text(&app, 160, 48);
    assert!(!screen.contains("G501 risk 'R4'"), "{screen}");
    assert!(screen.contains("G501 risk 'R1'"), "{screen}");
}

/// Enter on a finding about a risk takes the user to that risk, selected in the Register view's
/// whole list (a heatmap cell picked before is let go, so that the risk is on it).
#[test]
fn enter_on_a_risk_finding_selects_the_risk_in_the_register() {
    let mut app = app();
    // A heatmap cell and the Benefits view first: neither may hide the risk.
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('v'));
    let mut ordered = app.calc().checks.clone();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let at = ordered
        .iter()
        .position(|f| f.subject == riskshare::engine::checks::Subject::Risk("R4".into()))
        .expect("a finding about R4 in the example");
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    let code = ordered[at].code;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), riskshare::tui::PaneId::Register);
    assert!(!app.benefits_shown() && !app.register().grid);
    assert_eq!(app.selected_risk().map(|r| r.id.as_str()), Some("R4"));
    let news = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(news, format!("{code} is about risk R4, selected here"));
    let screen = text(&app, 120, 40);
    assert!(screen.contains("[Register]"), "{screen}");
}
