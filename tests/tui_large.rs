//! A register far longer than the screen (issue 7): PgDn, PgUp, End and Home move the list at
//! once, and the list drawn (built only for the rows on screen) shows the risk selected.

use crate::common;

use common::{key, text};
use crossterm::event::KeyCode;
use riskshare::tui::{App, PaneId};

const RISKS: usize = 500;

fn long_register() -> App {
    let mut agreement = common::anytown();
    let template = agreement.risks[0].clone();
    for n in 0..RISKS {
        let mut r = template.clone();
        r.id = format!("X{n}");
        r.title = format!("Generated risk number {n}");
        agreement.risks.push(r);
    }
    let mut app = App::new(agreement, None, *common::app().theme());
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.focus(), PaneId::Register);
    app
}

fn selected(app: &App) -> String {
    app.selected_risk()
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

#[test]
fn page_keys_move_the_register_list_and_the_screen_follows() {
    let mut app = long_register();
    let total = app.agreement().risks.len();
    key(&mut app, KeyCode::End);
    let last = app.agreement().risks[total - 1].id.clone();
    assert_eq!(selected(&app), last);
    let screen = text(&app, 160, 48);
    assert!(screen.contains(&format!("{last} ")), "{screen}");
    assert!(screen.contains(&format!("of {total})")), "{screen}");
    key(&mut app, KeyCode::PageUp);
    assert_eq!(selected(&app), app.agreement().risks[total - 11].id);
    key(&mut app, KeyCode::Home);
    assert_eq!(selected(&app), "R1");
    key(&mut app, KeyCode::PageDown);
    let tenth = app.agreement().risks[10].id.clone();
    assert_eq!(selected(&app), tenth);
    let screen = text(&app, 160, 48);
    assert!(screen.contains(&format!("{tenth} ")), "{screen}");
    // Help names the keys.
    key(&mut app, KeyCode::Char('?'));
    let help = text(&app, 160, 48);
    assert!(help.contains("the list a page down"), "{help}");
}
