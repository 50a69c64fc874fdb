//! The structured editors, driven by keys: schemes (add, rename, delete with references
//! checked), review thresholds as rows, benefits, and a named scenario's per-scheme figures,
//! risks and benefits. Each refuses a bad value with the loader's sentence and keeps what was
//! typed; each edit, saved, changes only the lines it should of the commented reference file,
//! and the saved file loads equal to the edited agreement.

use crate::common;

use common::{field, fill, form, git_diff, go_to, key, key_with, logged, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use riskshare::model::Agreement;
use riskshare::store;
use riskshare::tui::{App, Overlay, Palette, Prompt, Theme};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::process::Command;

const ANYTOWN: &str = include_str!("../saves/anytown.ron");

/// A copy of the reference file open in the workbench, and the copy kept as it was.
struct Bench {
    _dir: tempfile::TempDir,
    before: PathBuf,
    path: PathBuf,
    app: App,
}

fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.ron");
    let path = dir.path().join("anytown.ron");
    std::fs::write(&before, ANYTOWN).unwrap();
    std::fs::write(&path, ANYTOWN).unwrap();
    let theme = Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    };
    let app = App::new(store::load(&path).unwrap(), Some(path.clone()), theme);
    Bench {
        _dir: dir,
        before,
        path,
        app,
    }
}

impl Bench {
    /// Saves with Ctrl-s; the lines `git diff --no-index` removes and adds, the log left out.
    fn save_and_diff(&mut self) -> (Vec<String>, Vec<String>) {
        key_with(&mut self.app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(!self.app.is_dirty(), "{:?}", self.app.status());
        let (removed, added) = git_diff(&self.before, &self.path);
        // The decision log is appended last; what comes before it is the edit.
        let log = added
            .iter()
            .position(|l| l.trim_start().starts_with("log: ["))
            .expect("the change is logged");
        let saved = std::fs::read_to_string(&self.path).unwrap();
        for comment in ANYTOWN.lines().filter(|l| l.trim_start().starts_with("//")) {
            assert!(saved.contains(comment), "kept: {comment}");
        }
        let reloaded = store::load(&self.path).unwrap();
        assert_eq!(&reloaded, self.app.agreement());
        // git shows the list closed before the log as added there; it is the same line.
        let edit = added[..log]
            .strip_suffix(&["    ],".to_string()])
            .unwrap_or(&added[..log]);
        (removed, edit.to_vec())
    }
}

/// Enter is refused with this sentence, the form stays open with what was typed.
fn refused(app: &mut App, sentence: &str) {
    key(app, KeyCode::Enter);
    let f = form(app);
    let refusal = f.refusal.as_ref().expect("a refusal");
    assert_eq!(refusal.message, sentence);
}

/// The screen shows `needle` at 80x24 and at 120x40 (TestBackend).
fn shows(app: &App, needle: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = common::text(app, w, h);
        assert!(
            screen.contains(needle),
            "{w}x{h} shows {needle:?}:\n{screen}"
        );
    }
}

fn applied(app: &mut App) {
    key(app, KeyCode::Enter);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
}

/// What the loader's checks say of an agreement: the first error.
fn loader_says(agreement: &Agreement) -> String {
    store::validate(agreement)
        .into_iter()
        .find(|p| p.is_error())
        .map(|p| p.message)
        .expect("the loader refuses it")
}

#[test]
fn a_scheme_is_added_with_its_contributions_and_saved_as_one_new_item() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('S'));
    assert_eq!(form(app).title, "Add a scheme");
    shows(app, "Add a scheme");
    shows(app, "VCS puts in");
    fill(app, "Id", "MH");
    fill(app, "Name", "Mental health crisis");
    fill(app, "ICB puts in", "£1,500,000");
    fill(app, "LA puts in", "500,000.505");
    // A fraction of a penny: the money reader's sentence, and what was typed stays.
    refused(
        app,
        "scheme 'MH' the contribution of 'LA' 500000.505 has a fraction of a penny; money is pounds and pence, at most two decimals",
    );
    assert_eq!(form(app).refusal.as_ref().unwrap().field, Some(3));
    assert_eq!(field(app, "LA puts in"), "500,000.505");
    // The same sentence loading a file with that contribution gives.
    let mut wrong = app.agreement().clone();
    let mut contributions = riskshare::model::OrderedMap::default();
    contributions.insert("ICB", Decimal::from(1_500_000));
    contributions.insert("LA", Decimal::new(500_000_505, 3));
    wrong.schemes.push(riskshare::model::Scheme {
        id: "MH".into(),
        name: "Mental health crisis".into(),
        contributions,
        overspend: Default::default(),
        underspend: Default::default(),
        quarters: Vec::new(),
    });
    assert_eq!(
        form(app).refusal.as_ref().unwrap().message,
        loader_says(&wrong)
    );
    go_to(app, "LA puts in");
    key(app, KeyCode::End);
    key(app, KeyCode::Backspace);
    fill(app, "ACUTE puts in", "-5");
    key(app, KeyCode::Enter);
    assert_eq!(
        form(app).refusal.as_ref().unwrap().message,
        "scheme 'MH': the contribution of 'ACUTE' -5 is negative; it must be 0 or more"
    );
    assert_eq!(field(app, "ACUTE puts in"), "-5");
    fill(app, "ACUTE puts in", "");
    applied(app);
    let added = b.app.agreement().scheme("MH").expect("the scheme is there");
    assert_eq!(added.budget(), Decimal::new(200_000_050, 2));
    assert_eq!(
        added.members().collect::<Vec<_>>(),
        vec!["ICB", "LA"],
        "members in the parties' order"
    );
    assert!(
        logged(&b.app)
            .iter()
            .any(|c| c.starts_with("scheme MH added")),
        "{:?}",
        logged(&b.app)
    );
    let (removed, added) = b.save_and_diff();
    assert!(removed.is_empty(), "{removed:#?}");
    assert_eq!(
        added,
        vec![
            "        (",
            "            id: \"MH\",",
            "            name: \"Mental health crisis\",",
            "            contributions: {\"ICB\": 1500000, \"LA\": 500000.5},",
            "        ),",
        ]
    );
}

#[test]
fn a_scheme_named_by_risks_or_scenarios_is_not_deleted_and_the_refusal_names_them() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('1'));
    // OOH is the first scheme: R1 and B1 name it.
    key(app, KeyCode::Char('D'));
    assert_eq!(*app.overlay(), Overlay::None);
    let status = app.status().expect("a refusal").text.clone();
    assert_eq!(
        status,
        "Scheme 'OOH' is still named in risk R1, benefit B1: change those first"
    );
    key(app, KeyCode::Right);
    key(app, KeyCode::Char('D'));
    assert_eq!(
        app.status().expect("a refusal").text,
        "Scheme 'DTOC' is still named in risk R2, scenario \"Discharge pressure\": change those first"
    );
    assert_eq!(app.agreement().schemes.len(), 3, "nothing deleted");

    // A scheme nothing names goes, after the question; undo brings it back.
    key(app, KeyCode::Char('S'));
    fill(app, "Id", "SPARE");
    fill(app, "Name", "Spare");
    fill(app, "VCS puts in", "1000");
    applied(app);
    key(app, KeyCode::Right);
    key(app, KeyCode::Right);
    key(app, KeyCode::Char('D'));
    assert_eq!(
        *app.overlay(),
        Overlay::Prompt(Prompt::DeleteScheme("SPARE".into()))
    );
    shows(
        app,
        "Delete scheme 'SPARE' with its contributions and rules?",
    );
    key(app, KeyCode::Char('y'));
    assert!(app.agreement().scheme("SPARE").is_none());
    assert!(
        logged(&b.app).iter().any(|c| c == "scheme SPARE removed"),
        "{:?}",
        logged(&b.app)
    );
    let (removed, added) = b.save_and_diff();
    assert!(
        removed.is_empty() && added.is_empty(),
        "{removed:#?} {added:#?}"
    );
    key(&mut b.app, KeyCode::Char('u'));
    assert!(b.app.agreement().scheme("SPARE").is_some());
}

#[test]
fn a_new_scheme_id_follows_it_into_risks_benefits_and_scenarios() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Right);
    key(app, KeyCode::Char('c'));
    assert_eq!(form(app).title, "Scheme DTOC");
    assert_eq!(field(app, "LA puts in"), "3,000,000");
    assert_eq!(field(app, "VCS puts in"), "");
    fill(app, "Id", "OOH");
    refused(app, "Id: 'OOH' is already a scheme");
    fill(app, "Id", "DISCH");
    fill(app, "LA puts in", "3,250,000");
    applied(app);
    let a = b.app.agreement();
    assert!(a.scheme("DTOC").is_none());
    assert_eq!(a.risk("R2").unwrap().scheme.as_deref(), Some("DISCH"));
    let pressure = a.scenario("Discharge pressure").unwrap();
    assert_eq!(pressure.schemes.get("DISCH"), Some(&Decimal::from(4)));
    assert!(
        logged(&b.app)
            .iter()
            .any(|c| c.starts_with("scheme DTOC is now DISCH; ")),
        "{:?}",
        logged(&b.app)
    );
    let (removed, added) = b.save_and_diff();
    assert_eq!(
        removed,
        vec![
            "            id: \"DTOC\",",
            "            contributions: {\"ICB\": 2000000, \"LA\": 3000000},",
            "            scheme: \"DTOC\",",
            "        (name: \"Discharge pressure\", variance: 0.0, schemes: {\"DTOC\": 4.0}, risks: [\"R2\"]),",
        ]
    );
    assert_eq!(
        added,
        vec![
            "            id: \"DISCH\",",
            "            contributions: {\"ICB\": 2000000, \"LA\": 3250000},",
            "            scheme: \"DISCH\",",
            "        (name: \"Discharge pressure\", variance: 0.0, schemes: {\"DISCH\": 4.0}, risks: [\"R2\"]),",
        ]
    );
}

#[test]
fn review_thresholds_are_added_edited_and_deleted_as_rows() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('t'));
    assert_eq!(form(app).title, "Review thresholds");
    shows(app, "2. action Escalate to the Health and Wellbeing Board");
    assert_eq!(field(app, "2. at (%)"), "5");
    assert_eq!(field(app, "3. at (%)"), "");
    // A new row below an existing one must rise: the loader's sentence.
    fill(app, "3. at (%)", "-2");
    fill(app, "3. action", "Agree how the underspend is reinvested");
    key(app, KeyCode::Enter);
    let expected = loader_says(&{
        let mut a = b.app.agreement().clone();
        a.review_thresholds.push(riskshare::model::ReviewThreshold {
            at: Decimal::from(-2),
            action: "Agree how the underspend is reinvested".into(),
        });
        a
    });
    let app = &mut b.app;
    let f = form(app);
    assert!(
        expected.ends_with(&f.refusal.as_ref().unwrap().message),
        "{expected} / {:?}",
        f.refusal
    );
    assert_eq!(
        f.refusal.as_ref().unwrap().message,
        "review thresholds do not rise: at 5 is followed by at -2"
    );
    assert_eq!(f.refusal.as_ref().unwrap().field, Some(4));
    assert_eq!(field(app, "3. at (%)"), "-2");
    // Not a percent at all.
    fill(app, "1. at (%)", "two");
    refused(
        app,
        "1. at (%): 'two' is not a percent of the budget; write a number such as 2 or -2.5",
    );
    // Rows in order: the underspend first, the 2% one's action edited, the 5% one emptied.
    fill(app, "1. at (%)", "-2");
    fill(app, "1. action", "Agree how the underspend is reinvested");
    fill(app, "2. at (%)", "2");
    fill(
        app,
        "2. action",
        "Recovery plan to the joint commissioning board",
    );
    fill(app, "3. at (%)", "");
    fill(app, "3. action", "");
    applied(app);
    let at: Vec<String> = b
        .app
        .agreement()
        .review_thresholds
        .iter()
        .map(|t| t.at.normalize().to_string())
        .collect();
    assert_eq!(at, vec!["-2", "2"]);
    assert_eq!(
        logged(&b.app).last().map(String::as_str),
        Some(
            "review threshold at 5% removed: Escalate to the Health and Wellbeing Board; \
             review threshold at -2% added: Agree how the underspend is reinvested"
        )
    );
    let (removed, added) = b.save_and_diff();
    // The 2% row is kept as it was written; the new row goes above it, the 5% row goes.
    assert_eq!(
        removed,
        vec!["        (at: 5.0, action: \"Escalate to the Health and Wellbeing Board\"),"]
    );
    assert_eq!(
        added,
        vec!["        (at: -2, action: \"Agree how the underspend is reinvested\"),"]
    );
}

#[test]
fn a_benefit_is_added_edited_refused_as_the_loader_would_and_deleted() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('2'));
    key(app, KeyCode::Char('v'));
    key(app, KeyCode::Char('a'));
    assert_eq!(form(app).title, "Add a benefit");
    shows(app, "Realised by < ICB >");
    fill(app, "Id", "B2");
    fill(app, "Title", "Shorter delayed discharges");
    fill(app, "Metric", "Delayed days a month");
    fill(app, "Baseline", "1,200");
    fill(app, "Target", "900");
    fill(app, "Value", "£120,000");
    go_to(app, "Realised by");
    key(app, KeyCode::Right);
    assert_eq!(field(app, "Realised by"), "LA");
    go_to(app, "Shared");
    key(app, KeyCode::Right);
    // Shared but no scheme: the loader's sentence.
    refused(
        app,
        "benefit 'B2' is shared but names no scheme to share it in; give it a scheme or set shared: false",
    );
    go_to(app, "Scheme");
    key(app, KeyCode::Right);
    key(app, KeyCode::Right);
    assert_eq!(field(app, "Scheme"), "DTOC");
    fill(app, "Likelihood", "7");
    refused(app, "benefit 'B2': likelihood 7 is outside 1-5");
    assert_eq!(form(app).refusal.as_ref().unwrap().field, Some(8));
    assert_eq!(field(app, "Likelihood"), "7");
    fill(app, "Likelihood", "4");
    fill(app, "Probability", "140");
    refused(app, "benefit 'B2': probability 140 is outside 0-100");
    fill(app, "Probability", "");
    applied(app);
    let added = b.app.agreement().benefit("B2").expect("added").clone();
    assert_eq!(added.value, Decimal::from(120_000));
    assert_eq!(added.baseline, Decimal::from(1200));
    assert!(added.shared);
    assert_eq!(added.realised_by, "LA");

    // Edited: its value.
    let app = &mut b.app;
    key(app, KeyCode::Down);
    key(app, KeyCode::Char('e'));
    assert_eq!(form(app).title, "Edit benefit B2");
    fill(app, "Value", "150000");
    applied(app);
    assert_eq!(
        b.app.agreement().benefit("B2").unwrap().value,
        Decimal::from(150_000)
    );
    assert!(
        logged(&b.app)
            .iter()
            .any(|c| c.contains("benefit B2") && c.contains("value")),
        "{:?}",
        logged(&b.app)
    );
    let (removed, added) = b.save_and_diff();
    assert!(removed.is_empty(), "{removed:#?}");
    assert_eq!(
        added,
        vec![
            "        (",
            "            id: \"B2\",",
            "            title: \"Shorter delayed discharges\",",
            "            metric: \"Delayed days a month\",",
            "            baseline: 1200,",
            "            target: 900,",
            "            value: 150000,",
            "            realised_by: \"LA\",",
            "            scheme: \"DTOC\",",
            "            likelihood: 4,",
            "            shared: true,",
            "        ),",
        ]
    );

    // Deleting B1 says which scenario realises it; that scenario forgets it.
    let app = &mut b.app;
    key(app, KeyCode::Up);
    key(app, KeyCode::Char('d'));
    assert_eq!(
        *app.overlay(),
        Overlay::Prompt(Prompt::DeleteBenefit {
            id: "B1".into(),
            note: " Scenario \"Schemes deliver\" realises it and will no longer.".into()
        })
    );
    key(app, KeyCode::Char('y'));
    assert!(app.agreement().benefit("B1").is_none());
    assert!(
        app.agreement()
            .scenario("Schemes deliver")
            .unwrap()
            .benefits
            .is_empty()
    );
    let (removed, _) = b.save_and_diff();
    assert!(
        removed.contains(&"            id: \"B1\",".to_string()),
        "{removed:#?}"
    );
    assert!(
        removed.contains(
            &"        (name: \"Schemes deliver\", variance: -2.0, benefits: [\"B1\"]),".to_string()
        ),
        "{removed:#?}"
    );
}

#[test]
fn a_scenarios_per_scheme_figures_risks_and_benefits_are_rows_of_its_form() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('4'));
    key(app, KeyCode::Char('e'));
    assert_eq!(
        app.status().expect("a refusal").text,
        "No named scenario is picked: ] picks one, n names this what-if"
    );
    // "Discharge pressure", the fourth.
    for _ in 0..4 {
        key(app, KeyCode::Char(']'));
    }
    key(app, KeyCode::Char('e'));
    assert_eq!(form(app).title, "Scenario \"Discharge pressure\"");
    shows(app, "DTOC variance %      4");
    assert_eq!(field(app, "DTOC variance %"), "4");
    assert_eq!(field(app, "Risk R2"), "happens");
    assert_eq!(field(app, "Risk R1"), "no");
    // Pounds for OOH, a percent for PREV, R1 happens, B1 is realised.
    fill(app, "OOH variance pounds", "250,000.50");
    fill(app, "PREV variance %", "-150");
    refused(
        app,
        "scenario 'Discharge pressure': the variance of 'PREV' -150 would be an underspend of more than the whole budget",
    );
    assert_eq!(form(app).refusal.as_ref().unwrap().field, Some(6));
    assert_eq!(field(app, "PREV variance %"), "-150");
    fill(app, "PREV variance %", "1.5");
    fill(app, "PREV variance pounds", "1000");
    refused(
        app,
        "PREV variance pounds: PREV is given in percent and in pounds; keep one",
    );
    fill(app, "PREV variance pounds", "");
    go_to(app, "Risk R1");
    key(app, KeyCode::Right);
    go_to(app, "Benefit B1");
    key(app, KeyCode::Right);
    applied(app);
    let s = b
        .app
        .agreement()
        .scenario("Discharge pressure")
        .unwrap()
        .clone();
    assert_eq!(s.amounts.get("OOH"), Some(&Decimal::new(25_000_050, 2)));
    assert_eq!(s.schemes.get("PREV"), Some(&Decimal::new(15, 1)));
    assert_eq!(s.risks, vec!["R2", "R1"]);
    assert_eq!(s.benefits, vec!["B1"]);
    assert_eq!(
        logged(&b.app).last().map(String::as_str),
        Some(
            "scenario Discharge pressure: PREV held at 1.5%; scenario Discharge pressure: OOH \
             held at £250,000.50; scenario Discharge pressure: R1 happens; scenario Discharge \
             pressure: B1 realised"
        )
    );
    // The pane shows the scenario as it now is.
    assert_eq!(b.app.scenario().working, s);
    assert_eq!(b.app.scenario_label(), "Discharge pressure");
    let (removed, added) = b.save_and_diff();
    assert_eq!(
        removed,
        vec![
            "        (name: \"Discharge pressure\", variance: 0.0, schemes: {\"DTOC\": 4.0}, risks: [\"R2\"]),"
        ]
    );
    assert_eq!(
        added,
        vec![
            "        (name: \"Discharge pressure\", variance: 0.0, schemes: {\"DTOC\": 4.0, \"PREV\": 1.5}, risks: [\"R2\", \"R1\"], amounts: {\"OOH\": 250000.5}, benefits: [\"B1\"]),"
        ]
    );
    // calc on the saved file gives what the workbench shows.
    let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(&b.path)
        .args(["--scenario", "Discharge pressure", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for party in json["parties"].as_array().unwrap() {
        let id = party["id"].as_str().unwrap();
        let shown = b
            .app
            .calc()
            .allocation
            .parties
            .iter()
            .find(|p| p.id == id)
            .unwrap();
        assert_eq!(
            party["total"].as_str().unwrap(),
            format!("{:.2}", shown.total)
        );
    }
}

#[test]
fn bands_and_caps_as_rows_a_band_added_blended_60_40_and_a_budget_cap_then_calc_agrees() {
    let mut b = bench();
    let app = &mut b.app;
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('b'));
    assert_eq!(form(app).title, "Overspend bands and caps of OOH");
    shows(app, "Band 1 basis   < Fixed >");
    assert_eq!(field(app, "Band 1 up to %"), "1");
    assert_eq!(field(app, "Band 1 basis"), "Fixed");
    assert_eq!(field(app, "Band 1: ICB %"), "100");
    assert_eq!(field(app, "Band 2 basis"), "Contribution");
    assert_eq!(field(app, "LA cap"), "% of contribution");
    assert_eq!(field(app, "LA cap value"), "5");
    // A band picked from the list goes in before the last, and the caret goes to its limit.
    go_to(app, "New band");
    typed(app, "C");
    assert_eq!(field(app, "Band 2 basis"), "Contribution");
    assert_eq!(field(app, "Band 3 basis"), "Contribution");
    assert_eq!(form(app).fields[form(app).cursor].label, "Band 2 up to %");
    typed(app, "3");
    // Its basis a Blend: a row per basis for the weights.
    go_to(app, "Band 2 basis");
    for _ in 0..6 {
        key(app, KeyCode::Right);
    }
    assert_eq!(field(app, "Band 2 basis"), "Blend");
    fill(app, "Band 2: Contribution %", "60");
    fill(app, "Band 2: AbilityToPay %", "30");
    // Weights that do not add to 100: the loader's sentence, and what was typed stays.
    key(app, KeyCode::Enter);
    let refusal = form(app).refusal.clone().expect("refused");
    let mut wrong = b.app.agreement().clone();
    wrong.schemes[0].overspend.bands.insert(
        1,
        riskshare::model::Band {
            up_to: Some(Decimal::from(3)),
            basis: riskshare::model::Basis::Blend(vec![
                riskshare::model::BlendPart {
                    basis: riskshare::model::Basis::Contribution,
                    weight: Decimal::from(60),
                },
                riskshare::model::BlendPart {
                    basis: riskshare::model::Basis::AbilityToPay,
                    weight: Decimal::from(30),
                },
            ]),
        },
    );
    assert_eq!(refusal.message, loader_says(&wrong));
    let app = &mut b.app;
    assert_eq!(field(app, "Band 2: AbilityToPay %"), "30");
    fill(app, "Band 2: AbilityToPay %", "40");
    // A cap on ICB of 2% of the budget.
    go_to(app, "ICB cap");
    for _ in 0..3 {
        key(app, KeyCode::Right);
    }
    assert_eq!(field(app, "ICB cap"), "% of budget");
    fill(app, "ICB cap value", "2");
    applied(app);
    let rule = &b.app.agreement().schemes[0].overspend;
    assert_eq!(rule.bands.len(), 3);
    assert_eq!(
        rule.bands[1].basis.label(),
        "Blend(Contribution 60%, AbilityToPay 40%)"
    );
    assert_eq!(rule.bands[1].up_to, Some(Decimal::from(3)));
    assert_eq!(
        rule.caps.get("ICB"),
        Some(&riskshare::model::Cap::BudgetPercent(Decimal::from(2)))
    );
    let (removed, added) = b.save_and_diff();
    assert_eq!(removed, vec!["                caps: {\"LA\": Percent(5)},"]);
    assert_eq!(
        added,
        vec![
            "                    (up_to: 3, basis: Blend([(Contribution, 60), (AbilityToPay, 40)])),",
            "                caps: {\"LA\": Percent(5), \"ICB\": BudgetPercent(2)},",
        ]
    );

    // At a 3% overspend, calc on the saved file gives the figures the workbench shows.
    let app = &mut b.app;
    key(app, KeyCode::Char('4'));
    for _ in 0..6 {
        key(app, KeyCode::Right);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("calc")
        .arg(&b.path)
        .args(["--variance", "3", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for party in json["parties"].as_array().unwrap() {
        let id = party["id"].as_str().unwrap();
        let shown = b
            .app
            .calc()
            .allocation
            .parties
            .iter()
            .find(|p| p.id == id)
            .unwrap();
        assert_eq!(
            party["total"].as_str().unwrap(),
            format!("{:.2}", shown.total)
        );
    }

    // A band removed by picking (remove).
    let app = &mut b.app;
    key(app, KeyCode::Char('1'));
    key(app, KeyCode::Char('b'));
    go_to(app, "Band 2 basis");
    key(app, KeyCode::Right);
    assert!(form(app).fields.iter().all(|f| f.label != "Band 3 basis"));
    assert_eq!(form(app).fields[form(app).cursor].label, "Band 2 basis");
    assert_eq!(field(app, "Band 2 basis"), "Contribution");
    applied(app);
    assert_eq!(b.app.agreement().schemes[0].overspend.bands.len(), 2);
}
