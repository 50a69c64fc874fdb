//! The key sequence: through the scheme form, a band is added, its basis changed to a
//! Blend of two bases at 60/40 and a cap added as a percent of the budget, with no RON typed;
//! then `calc` on the saved file gives the figures the workbench showed.

use crate::common;

use assert_cmd::Command;
use common::{field, go_to, key, key_with, text, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use riskshare::model::{Basis, Cap};
use riskshare::tui::{Action, App, Overlay, Palette, Theme};
use rust_decimal::Decimal;

#[test]
fn a_band_a_blend_and_a_budget_cap_through_the_form_then_calc_agrees_with_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anytown.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron"),
        &path,
    )
    .unwrap();
    let theme = Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    };
    let mut app = App::new(
        riskshare::store::load(&path).unwrap(),
        Some(path.clone()),
        theme,
    );

    // A band added before the last: up to 3% of the budget, by contribution.
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend bands");
    assert_eq!(
        field(&app, "Overspend bands"),
        "up to 1%: Fixed(ICB 100%); Contribution"
    );
    key(&mut app, KeyCode::End);
    key_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    typed(&mut app, "up to 3%: Contribution; ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    assert_eq!(app.agreement().schemes[0].overspend.bands.len(), 3);

    // Its basis changed to a Blend of two bases at 60/40.
    app.handle(Action::EditScheme);
    go_to(&mut app, "Overspend bands");
    key(&mut app, KeyCode::End);
    key_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    for _ in 0.."Contribution".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "Blend(Contribution 60%, AbilityToPay 40%)");
    // A cap added as a percent of the scheme's budget.
    go_to(&mut app, "Overspend caps");
    key(&mut app, KeyCode::End);
    typed(&mut app, ", ICB 2% of budget");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    let rule = &app.agreement().schemes[0].overspend;
    assert_eq!(
        rule.bands[1].basis.label(),
        "Blend(Contribution 60%, AbilityToPay 40%)"
    );
    assert!(matches!(rule.bands[1].basis, Basis::Blend(_)));
    assert_eq!(
        rule.caps.get("ICB"),
        Some(&Cap::BudgetPercent(Decimal::from(2)))
    );

    // A 3% overspend on the screen, then saved.
    key(&mut app, KeyCode::Char('4'));
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(!app.is_dirty(), "{:?}", app.status());
    let screen = text(&app, 160, 48);

    let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(&path)
        .args(["--variance", "3", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown = &app.calc().allocation;
    for party in json["parties"].as_array().unwrap() {
        let id = party["id"].as_str().unwrap();
        let on_screen = shown.party(id).unwrap();
        assert_eq!(
            party["total"].as_str().unwrap(),
            format!("{:.2}", on_screen.total),
            "{id}"
        );
        assert_eq!(
            party["pooled"].as_str().unwrap(),
            format!("{:.2}", on_screen.pooled),
            "{id}"
        );
    }
    let ooh = json["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "OOH")
        .unwrap();
    for (id, share) in ooh["shares"].as_object().unwrap() {
        let figure = *shown.scheme("OOH").unwrap().shares.get(id).unwrap();
        assert_eq!(share.as_str().unwrap(), format!("{figure:.2}"), "{id}");
    }
    // The figures are the ones on the screen: each partner's total on its bar.
    for party in json["parties"].as_array().unwrap() {
        let total = riskshare::model::money::grouped(party["total"].as_str().unwrap());
        assert!(screen.contains(&total), "{total}\n{screen}");
    }
}

#[test]
fn a_minimum_rate_and_the_pool_are_set_in_the_scheme_form_and_a_bad_rate_is_refused() {
    let theme = Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    };
    let agreement = riskshare::store::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/saves/anytown.ron"
    )))
    .unwrap();
    assert!(agreement.pool.is_none());
    let mut app = App::new(agreement, None, theme);

    app.handle(Action::EditScheme);
    assert_eq!(field(&app, "Overspend minimum rate"), "");
    go_to(&mut app, "Overspend minimum rate");
    typed(&mut app, "at 2%: Fixed(ICB 100%)");
    go_to(&mut app, "Pool netting (all schemes)");
    key(&mut app, KeyCode::Right);
    go_to(&mut app, "Pool contingency (all schemes)");
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "100,000");
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    let threshold = app.agreement().schemes[0]
        .overspend
        .threshold
        .clone()
        .expect("a minimum rate");
    assert_eq!(threshold.at, Decimal::from(2));
    assert_eq!(threshold.basis.label(), "Fixed(ICB 100%)");
    let pool = app.agreement().pool.clone().expect("a pool");
    assert!(pool.netting);
    assert_eq!(pool.contingency, Decimal::from(100_000));

    // The form opens with what it set, and a rate with no basis is refused, keeping the text.
    app.handle(Action::EditScheme);
    assert_eq!(
        field(&app, "Overspend minimum rate"),
        "at 2%: Fixed(ICB 100%)"
    );
    go_to(&mut app, "Underspend minimum rate");
    typed(&mut app, "at 2%");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Overlay::Form(_)));
    assert_eq!(field(&app, "Underspend minimum rate"), "at 2%");
    assert!(app.agreement().schemes[0].underspend.threshold.is_none());
}
