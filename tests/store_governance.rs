//! The fields the partners govern with, as the loader reads them: `arbitration`, `score_bands`,
//! `appetite_by_category`, `quarters` and the risk's review date. Every existing file loads
//! unchanged; each mistake names its field, its value and its line.

use riskshare::model::{Appetite, EXAMPLE_RON, ScoreBand, ScoreBands};
use riskshare::store::{check, parse};
use rust_decimal::Decimal;

/// The example with one change; the text must be there exactly once.
fn changed(from: &str, to: &str) -> String {
    assert_eq!(EXAMPLE_RON.matches(from).count(), 1, "{from:?}");
    EXAMPLE_RON.replacen(from, to, 1)
}

fn messages(found: &[riskshare::store::Finding]) -> Vec<String> {
    found.iter().map(ToString::to_string).collect()
}

#[test]
fn the_example_loads_with_the_defaults() {
    let a = parse(EXAMPLE_RON, "anytown.ron").expect("loads");
    assert_eq!(a.arbitration, None);
    assert_eq!(a.score_bands, ScoreBands::default());
    assert!(a.parties.iter().all(|p| p.appetite_by_category.is_empty()));
    assert!(a.schemes.iter().all(|s| s.quarters.is_empty()));
    assert_eq!(
        a.risk("R1")
            .and_then(|r| r.review_date())
            .map(|d| d.to_string()),
        Some("2026-12-01".to_string())
    );
}

#[test]
fn the_new_fields_load_and_round_trip() {
    let text = changed(
        "period: \"2026/27\",",
        "period: \"2026/27\",\n    arbitration: \"Chief finance officers, then the Health and Wellbeing Board\",\n    score_bands: (low: 3, moderate: 9, high: 14),",
    )
    .replacen(
        "appetite: Minimal,",
        "appetite: Minimal,\n            appetite_by_category: {\"Finance\": Open, \"reputation\": Averse},",
        1,
    )
    .replacen(
        "underspend: (bands: [(basis: Performance)]),",
        "underspend: (bands: [(basis: Performance)]),\n            quarters: [(quarter: 1, plan: 1250000, actual: \"1300000.50\"), (quarter: 2, plan: 1250000)],",
        1,
    );
    let a = parse(&text, "x.ron").expect("loads");
    assert_eq!(
        a.arbitration.as_deref(),
        Some("Chief finance officers, then the Health and Wellbeing Board")
    );
    assert_eq!(
        a.score_bands,
        ScoreBands {
            low: 3,
            moderate: 9,
            high: 14
        }
    );
    let la = a.party("LA").expect("LA");
    assert_eq!(la.appetite_for("FINANCE"), Appetite::Open);
    assert_eq!(la.appetite_for("Reputation"), Appetite::Averse);
    assert_eq!(la.appetite_for("Safety"), Appetite::Minimal);
    assert_eq!(la.appetite_for(""), Appetite::Minimal);
    let dtoc = a.scheme("DTOC").expect("DTOC");
    assert_eq!(dtoc.quarters.len(), 2);
    assert_eq!(dtoc.quarters[0].actual, Some(Decimal::new(130000050, 2)));
    assert_eq!(dtoc.quarters[1].actual, None);
    let again = parse(&riskshare::store::to_ron(&a).expect("writes"), "y.ron").expect("reloads");
    assert_eq!(again, a);
}

#[test]
fn score_bands_drive_the_band_of_a_score() {
    let npsa = ScoreBands::default();
    let own = ScoreBands {
        low: 3,
        moderate: 9,
        high: 14,
    };
    let bands = |b: &ScoreBands| -> String {
        (1..=25u8)
            .map(|s| ScoreBand::of(s, b).letter())
            .collect::<String>()
    };
    assert_eq!(bands(&npsa), "LLLMMMHHHHHHEEEEEEEEEEEEE");
    assert_eq!(bands(&own), "LLLMMMMMMHHHHHEEEEEEEEEEE");
}

#[test]
fn score_bands_that_do_not_rise_or_leave_1_to_24_are_errors_with_their_line() {
    for (bands, expected) in [
        (
            "(low: 6, moderate: 6, high: 12)",
            "x.ron:8: score_bands do not rise: low 6 is followed by moderate 6",
        ),
        (
            "(low: 3, moderate: 9, high: 25)",
            "x.ron:8: score_bands: high 25 is outside 1-24",
        ),
        (
            "(low: 0, moderate: 9, high: 12)",
            "x.ron:8: score_bands: low 0 is outside 1-24",
        ),
    ] {
        let text = changed(
            "period: \"2026/27\",",
            &format!("period: \"2026/27\",\n    score_bands: {bands},"),
        );
        let report = check(&text, "x.ron");
        assert_eq!(
            messages(&report.errors),
            vec![expected.to_string()],
            "{bands}"
        );
    }
}

#[test]
fn a_review_in_free_text_still_loads_with_a_warning() {
    let text = changed("review: \"2026-12-01\",", "review: \"Each winter\",");
    let report = check(&text, "x.ron");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        messages(&report.warnings),
        vec![
            "x.ron:105: warning: risk 'R1': review 'Each winter' is not a date; write the next review date as YYYY-MM-DD, such as 2026-12-01"
                .to_string()
        ]
    );
    let text = changed("review: \"2026-12-01\",", "review: \"2026-02-30\",");
    assert_eq!(check(&text, "x.ron").warnings.len(), 1, "no 30 February");
}

#[test]
fn quarters_outside_1_to_4_twice_or_negative_are_errors() {
    for (quarters, expected) in [
        (
            "[(quarter: 5, plan: 100)]",
            "scheme 'DTOC': quarter 5 is outside 1-4",
        ),
        (
            "[(quarter: 2, plan: 100), (quarter: 2, plan: 100)]",
            "scheme 'DTOC': quarter 2 is listed twice",
        ),
        (
            "[(quarter: 1, plan: 100, actual: -5)]",
            "scheme 'DTOC', quarter 1: actual -5 is negative",
        ),
        (
            "[(quarter: 1, plan: \"100.005\")]",
            "scheme 'DTOC', quarter 1: plan 100.005 has a fraction of a penny",
        ),
    ] {
        let text = changed(
            "underspend: (bands: [(basis: Performance)]),",
            &format!(
                "underspend: (bands: [(basis: Performance)]),\n            quarters: {quarters},"
            ),
        );
        let report = check(&text, "x.ron");
        let shown = messages(&report.errors);
        assert!(
            shown.len() == 1 && shown[0].starts_with("x.ron:78: ") && shown[0].contains(expected),
            "{quarters}: {shown:?}"
        );
    }
}

#[test]
fn a_category_named_twice_is_an_error() {
    let text = changed(
        "appetite: Minimal,",
        "appetite: Minimal,\n            appetite_by_category: {\"Finance\": Open, \"FINANCE\": Averse},",
    );
    let report = check(&text, "x.ron");
    assert_eq!(
        messages(&report.errors),
        vec!["x.ron:31: party 'LA': appetite_by_category names 'FINANCE' twice (categories ignore case)".to_string()]
    );
}
