//! Saving respects the file: a cap changed in the workbench and saved is one changed line in
//! `git diff --no-index`, plus the decision log's entry, with every comment kept; and over random
//! edits the saved text loads back to the edited agreement.

use crate::common;

use proptest::prelude::*;
use riskshare::model::{Agreement, Band, Basis, BlendPart, Cap, Scenario};
use riskshare::store;
use riskshare::tui::{Action, App, Overlay, Palette, Theme};
use rust_decimal::Decimal;
use std::path::Path;

const ANYTOWN: &str = include_str!("../saves/anytown.ron");

fn workbench(path: &Path) -> App {
    let agreement = store::load(path).expect("anytown loads");
    let theme = Theme {
        ascii: false,
        palette: Palette::Mono,
        contrast: false,
    };
    App::new(agreement, Some(path.to_path_buf()), theme)
}

#[test]
fn one_cap_changed_in_the_workbench_is_one_line_of_git_diff_plus_the_log_entry() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.ron");
    let path = dir.path().join("anytown.ron");
    std::fs::write(&before, ANYTOWN).unwrap();
    std::fs::write(&path, ANYTOWN).unwrap();
    let mut app = workbench(&path);
    app.handle(Action::EditScheme);
    let Overlay::Form(form) = app.overlay() else {
        panic!("the scheme form opens")
    };
    let caps = form
        .fields
        .iter()
        .position(|f| f.label == "Overspend caps")
        .expect("a caps field");
    for _ in 0..caps {
        app.handle(Action::NextField);
    }
    app.handle(Action::ClearField);
    app.handle(Action::Type("LA 7%".into()));
    app.handle(Action::Submit);
    assert_eq!(*app.overlay(), Overlay::None, "{:?}", app.status());
    app.handle(Action::Save);
    let (removed, added) = common::git_diff(&before, &path);
    assert_eq!(removed, vec!["                caps: {\"LA\": Percent(5)},"]);
    assert_eq!(added[0], "                caps: {\"LA\": Percent(7)},");
    let log: Vec<&String> = added[1..].iter().collect();
    assert!(log[0].trim_start().starts_with("log: ["), "{added:#?}");
    assert!(
        log.iter().any(
            |l| l.contains("change: \"OOH overspend: LA's cap from 5% of contribution to 7%\"")
        ),
        "{added:#?}"
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    for comment in ANYTOWN.lines().filter(|l| l.trim_start().starts_with("//")) {
        assert!(saved.contains(comment), "kept: {comment}");
    }
    assert!(!saved.contains("implicit_some") && !saved.contains("equity: 0"));
    let reloaded = store::load(&path).unwrap();
    assert_eq!(&reloaded, app.agreement());
}

#[test]
fn save_as_of_the_built_in_example_is_laid_out_like_the_reference_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.ron");
    let a = common::anytown();
    store::save(&path, &a).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for absent in [
        "#![enable(implicit_some)]",
        "equity: 0",
        "redistribute: Contribution",
        "status: Open",
    ] {
        assert!(!text.contains(absent), "{absent}:\n{text}");
    }
    // Every value line of the reference file that carries no number written with a decimal
    // point (the fresh file writes 2.0 as 2) is in the fresh file as it stands.
    let reference: Vec<&str> = ANYTOWN
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.contains(".0"))
        .collect();
    let fresh: Vec<&str> = text.lines().collect();
    let missing: Vec<&&str> = reference.iter().filter(|l| !fresh.contains(l)).collect();
    assert!(missing.len() <= 6, "{missing:#?}\n{text}");
    assert_eq!(store::load(&path).unwrap(), a);
}

/// One random edit of the example.
#[derive(Debug, Clone)]
enum Edit {
    Contribution(usize, i64),
    CapOf(usize, i64, u8),
    Band(usize, i64, usize),
    DropScenario(usize),
    AddScenario(String, i64),
    Party(usize, i64),
    DropRisk(usize),
    PlainRules(usize),
    /// A review threshold inserted at a place in the list, or one removed.
    Threshold(i64, usize),
    DropThreshold(usize),
    /// A benefit added (value, shared in a scheme or not), or one removed.
    Benefit(i64, Option<usize>),
    DropBenefit(usize),
    /// A scheme added with two members, or the last one removed.
    AddScheme(i64),
    DropLastScheme,
    /// A scenario's per-scheme figures: a percent, pounds, a risk happening.
    ScenarioFigures(usize, usize, i64, bool),
    /// A scheme given a new id, followed into risks, benefits and scenarios.
    RenameScheme(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..3, 0i64..20_000_000).prop_map(|(s, v)| Edit::Contribution(s, v)),
        (0usize..3, 0i64..100, 0u8..3).prop_map(|(s, v, k)| Edit::CapOf(s, v, k)),
        (0usize..3, 1i64..50, 0usize..3).prop_map(|(s, u, at)| Edit::Band(s, u, at)),
        (0usize..4).prop_map(Edit::DropScenario),
        ("[a-zA-Z' \"\\\\é£]{1,12}", -5i64..5).prop_map(|(n, v)| Edit::AddScenario(n, v)),
        (0usize..4, 0i64..3).prop_map(|(p, v)| Edit::Party(p, v)),
        (0usize..4).prop_map(Edit::DropRisk),
        (0usize..3).prop_map(Edit::PlainRules),
        (-30i64..30, 0usize..3).prop_map(|(at, i)| Edit::Threshold(at, i)),
        (0usize..3).prop_map(Edit::DropThreshold),
        (0i64..1_000_000, prop::option::of(0usize..3)).prop_map(|(v, s)| Edit::Benefit(v, s)),
        (0usize..2).prop_map(Edit::DropBenefit),
        (1i64..5_000_000).prop_map(Edit::AddScheme),
        Just(Edit::DropLastScheme),
        (0usize..4, 0usize..3, -500i64..500, any::<bool>())
            .prop_map(|(c, s, v, pounds)| Edit::ScenarioFigures(c, s, v, pounds)),
        (0usize..3).prop_map(Edit::RenameScheme),
    ]
}

fn apply(edit: &Edit, a: &mut Agreement) {
    let schemes = a.schemes.len();
    match edit.clone() {
        Edit::Contribution(s, v) => {
            let scheme = &mut a.schemes[s % schemes];
            let first: Option<String> = scheme.contributions.keys().next().map(String::from);
            if let Some(k) = first {
                scheme.contributions.insert(k, Decimal::from(v));
            }
        }
        Edit::CapOf(s, v, kind) => {
            let cap = match kind {
                0 => Cap::Percent(Decimal::from(v)),
                1 => Cap::Amount(Decimal::from(v * 1000)),
                _ => Cap::BudgetPercent(Decimal::new(v, 1)),
            };
            a.schemes[s % schemes].overspend.caps.insert("LA", cap);
        }
        Edit::Band(s, up, at) => {
            let bands = &mut a.schemes[s % schemes].overspend.bands;
            let band = Band {
                up_to: Some(Decimal::from(up)),
                basis: Basis::Blend(vec![
                    BlendPart {
                        basis: Basis::Contribution,
                        weight: Decimal::from(60),
                    },
                    BlendPart {
                        basis: Basis::Equal,
                        weight: Decimal::from(40),
                    },
                ]),
            };
            let at = at.min(bands.len());
            bands.insert(at, band);
        }
        Edit::DropScenario(i) if !a.scenarios.is_empty() => {
            let n = a.scenarios.len();
            a.scenarios.remove(i % n);
        }
        Edit::AddScenario(name, v) => a.scenarios.push(Scenario {
            name,
            variance: Decimal::from(v),
            ..Scenario::default()
        }),
        Edit::Party(p, v) => {
            let n = a.parties.len();
            let party = &mut a.parties[p % n];
            party.equity = Decimal::from(v);
            party.reserves = Decimal::from(v * 1000);
            party.loss_tolerance = (v > 0).then(|| Decimal::from(v));
        }
        Edit::DropRisk(r) if !a.risks.is_empty() => {
            let n = a.risks.len();
            a.risks.remove(r % n);
        }
        Edit::PlainRules(s) => {
            let scheme = &mut a.schemes[s % schemes];
            scheme.overspend.caps.0.clear();
            scheme.underspend = Default::default();
        }
        Edit::Threshold(at, i) => {
            let list = &mut a.review_thresholds;
            let at_place = i.min(list.len());
            list.insert(
                at_place,
                riskshare::model::ReviewThreshold {
                    at: Decimal::new(at, 1),
                    action: format!("Act at {at}"),
                },
            );
        }
        Edit::DropThreshold(i) if !a.review_thresholds.is_empty() => {
            let n = a.review_thresholds.len();
            a.review_thresholds.remove(i % n);
        }
        Edit::Benefit(v, scheme) => {
            let id = format!("B{}", a.benefits.len() + 10);
            let scheme = scheme.map(|s| a.schemes[s % schemes].id.clone());
            a.benefits.push(riskshare::model::Benefit {
                id,
                title: "Fewer falls".into(),
                metric: String::new(),
                baseline: Decimal::from(v % 400),
                target: Decimal::ZERO,
                value: Decimal::new(v, 2),
                realised_by: "LA".into(),
                shared: scheme.is_some(),
                scheme,
                likelihood: 2,
                probability: None,
            });
        }
        Edit::DropBenefit(i) if !a.benefits.is_empty() => {
            let n = a.benefits.len();
            let gone = a.benefits.remove(i % n).id;
            for s in &mut a.scenarios {
                s.benefits.retain(|b| *b != gone);
            }
        }
        Edit::AddScheme(v) => {
            let mut contributions = riskshare::model::OrderedMap::default();
            contributions.insert("ICB", Decimal::from(v));
            contributions.insert("VCS", Decimal::new(v, 2));
            a.schemes.push(riskshare::model::Scheme {
                id: format!("S{}", a.schemes.len()),
                name: "Added".into(),
                contributions,
                overspend: Default::default(),
                underspend: Default::default(),
                quarters: Vec::new(),
            });
        }
        Edit::DropLastScheme if schemes > 3 => {
            a.schemes.pop();
        }
        Edit::RenameScheme(s) => {
            let old = a.schemes[s % schemes].id.clone();
            let new = format!("{old}X");
            a.schemes[s % schemes].id = new.clone();
            let rename = |k: &mut String| {
                if *k == old {
                    *k = new.clone();
                }
            };
            for r in &mut a.risks {
                r.scheme.iter_mut().for_each(rename);
            }
            for b in &mut a.benefits {
                b.scheme.iter_mut().for_each(rename);
            }
            for sc in &mut a.scenarios {
                sc.schemes.0.iter_mut().for_each(|(k, _)| rename(k));
                sc.amounts.0.iter_mut().for_each(|(k, _)| rename(k));
            }
        }
        Edit::ScenarioFigures(c, s, v, pounds) if !a.scenarios.is_empty() => {
            let n = a.scenarios.len();
            let id = a.schemes[s % schemes].id.clone();
            let risk = a.risks.first().map(|r| r.id.clone());
            let scenario = &mut a.scenarios[c % n];
            if pounds {
                scenario.schemes.0.retain(|(k, _)| *k != id);
                scenario.amounts.insert(id, Decimal::new(v * 1000, 2));
            } else {
                scenario.amounts.0.retain(|(k, _)| *k != id);
                scenario.schemes.insert(id, Decimal::new(v, 2));
            }
            if let Some(r) = risk.filter(|r| !scenario.risks.contains(r)) {
                scenario.risks.push(r);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_saved_text_loads_to_the_edited_agreement(edits in prop::collection::vec(edit(), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, ANYTOWN).unwrap();
        let mut a = store::parse(ANYTOWN, "anytown.ron").unwrap();
        for e in &edits {
            apply(e, &mut a);
        }
        store::save(&path, &a).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let read: Agreement = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(read, a);
        prop_assert!(text.contains("// Anytown Better Care Fund 2026/27: an example"), "patched, not rewritten:\n{}", text);
    }
}
