//! The checks a finance lead expects, each on one small change to the example: the error or
//! warning it gives, and the line it names.

use riskshare::model::{Basis, Cap, EXAMPLE_RON, Treatment};
use riskshare::store::{Severity, Step, check, parse, validate};
use rust_decimal::Decimal;

/// Changes the example once (the text must be there exactly once) and checks the result.
fn case(from: &str, to: &str, severity: Severity, line: usize, expected: &str) {
    assert_eq!(
        EXAMPLE_RON.matches(from).count(),
        1,
        "{from:?} is not in the example once"
    );
    let report = check(&EXAMPLE_RON.replacen(from, to, 1), "x.ron");
    let found = match severity {
        Severity::Error => &report.errors,
        Severity::Warning => &report.warnings,
    };
    let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
    let wanted = format!("x.ron:{line}: ");
    assert!(
        shown
            .iter()
            .any(|m| m.starts_with(&wanted) && m.contains(expected)),
        "{from:?} -> {to:?}: wanted line {line} with {expected:?}, got {shown:#?}"
    );
    if severity == Severity::Warning {
        assert!(
            report.errors.is_empty(),
            "{from:?} -> {to:?}: {:?}",
            report.errors
        );
    }
}

use Severity::{Error, Warning};

#[test]
fn references_to_unknown_ids_are_errors() {
    case(
        "caps: {\"LA\"",
        "caps: {\"XX\"",
        Error,
        65,
        "overspend cap for 'XX' names an unknown party",
    );
    case(
        "Fixed({\"ICB\": 100})",
        "Fixed({\"NHS\": 100})",
        Error,
        62,
        "Fixed share for 'NHS' names an unknown party",
    );
    case(
        "influence: {\"ICB\": 1,",
        "influence: {\"GP\": 1,",
        Error,
        129,
        "influence names an unknown party 'GP'",
    );
    case(
        "scheme: \"DTOC\"",
        "scheme: \"DTOX\"",
        Error,
        111,
        "risk 'R2': scheme 'DTOX' is not a scheme",
    );
    case(
        "realised_by: \"ICB\"",
        "realised_by: \"CCG\"",
        Error,
        152,
        "realised_by 'CCG' is not a party",
    );
    case(
        "scheme: \"OOH\",\n            likelihood: 3",
        "scheme: \"O\",\n            likelihood: 3",
        Error,
        153,
        "benefit 'B1': scheme 'O' is not a scheme",
    );
    case(
        "schemes: {\"DTOC\": 4.0}",
        "schemes: {\"DTO\": 4.0}",
        Error,
        162,
        "schemes names an unknown scheme 'DTO'",
    );
    case(
        "benefits: [\"B1\"]",
        "benefits: [\"B2\"]",
        Error,
        161,
        "lists an unknown benefit 'B2'",
    );
}

#[test]
fn duplicates_are_errors() {
    case(
        "id: \"DTOC\"",
        "id: \"OOH\"",
        Error,
        73,
        "duplicate scheme id 'OOH'",
    );
    case(
        "id: \"R4\"",
        "id: \"R1\"",
        Error,
        132,
        "duplicate risk id 'R1'",
    );
    case(
        "(name: \"Schemes deliver\"",
        "(name: \"hard WINTER\"",
        Error,
        161,
        "scenario 'hard WINTER' is listed twice",
    );
    case(
        "id: \"VCS\"",
        "id: \"\"",
        Error,
        44,
        "party 4 has an empty id",
    );
}

#[test]
fn numbers_out_of_range_are_errors() {
    case(
        "performance: 72",
        "performance: 101",
        Error,
        20,
        "party 'ICB': performance 101 is outside 0-100",
    );
    case(
        "reserves: 150000",
        "reserves: -1",
        Error,
        47,
        "party 'VCS': reserves -1 is negative",
    );
    case(
        "reinvest: 50",
        "reinvest: 120",
        Error,
        68,
        "underspend reinvest 120 is outside 0-100",
    );
    case(
        "contingency: 150000",
        "contingency: -5",
        Error,
        59,
        "overspend contingency -5 is negative",
    );
    case(
        "Amount(0), \"VCS\"",
        "Amount(-10), \"VCS\"",
        Error,
        85,
        "overspend cap for 'ACUTE': Amount -10 is negative",
    );
    case(
        "(up_to: 1.0,",
        "(up_to: 0,",
        Error,
        62,
        "overspend band 1 up_to 0 is outside 0-100",
    );
    case(
        "at: 5.0",
        "at: 500",
        Error,
        11,
        "review threshold 2: at 500 is outside -100 to 100",
    );
    case(
        "impact: 3,\n            cost: 60000",
        "impact: 6,\n            cost: 60000",
        Error,
        138,
        "risk 'R4': impact 6 is outside 1-5",
    );
    case(
        "likelihood: 3,\n            shared",
        "likelihood: 0,\n            shared",
        Error,
        154,
        "benefit 'B1': likelihood 0 is outside 1-5",
    );
    case(
        "cost: 180000",
        "cost: -180000",
        Error,
        115,
        "risk 'R2': cost -180000 is negative",
    );
    case(
        "value: 350000",
        "value: \"1000000000000000000000\"",
        Error,
        151,
        "value 1000000000000000000000 is larger than riskshare handles",
    );
    case(
        "variance: -2.0",
        "variance: -120",
        Error,
        161,
        "variance -120 would be an underspend of more than the whole budget",
    );
    case(
        "(Equal, 50), (InvestmentNeed, 50)",
        "(Equal, 150), (InvestmentNeed, -50)",
        Error,
        88,
        "Blend weight 150 is outside 0-100",
    );
}

#[test]
fn treatments_and_rules_that_cannot_work_are_errors() {
    case(
        "influence: {\"ICB\": 1, \"ACUTE\": 3}",
        "influence: {\"ICB\": 0}",
        Error,
        129,
        "every influence weight is 0",
    );
    case(
        "scheme: \"OOH\",\n            likelihood: 3",
        "likelihood: 3",
        Error,
        154,
        "benefit 'B1' is shared but names no scheme",
    );
    case(
        "caps: {\"LA\": Percent(5)},",
        "caps: {\"LA\": Percent(5)}, redistribute: Blend([(Contribution, 50), (Compensation, 50)]),",
        Error,
        65,
        "overspend redistribute uses Compensation, which can only share an underspend",
    );
    case(
        "bands: [(basis: Performance)]",
        "bands: [(basis: Performance)], redistribute: Pool",
        Error,
        77,
        "the underspend redistribute cannot be Pool",
    );
    case(
        "bands: [(basis: Performance)]",
        "bands: [(basis: Blend([(Pool, 50), (Equal, 50)]))]",
        Error,
        77,
        "has Pool inside a Blend",
    );
    case(
        "bands: [(basis: Equal)]",
        "bands: [(basis: Fixed({\"ICB\": 50, \"LA\": 50, \"ACUTE\": 0}))]",
        Error,
        76,
        "'ACUTE' is not a member",
    );
    case(
        "cost: 60000,",
        "cost: 60000, cost_range: (low: -1, high: 5),",
        Error,
        139,
        "cost_range low -1 is negative",
    );
}

#[test]
fn doubtful_things_are_warnings() {
    case(
        "reinvest: 50,",
        "reinvest: 50, contingency: 10,",
        Warning,
        68,
        "a contingency only absorbs an overspend",
    );
    case(
        "contingency: 150000,",
        "contingency: 150000, reinvest: 5,",
        Warning,
        59,
        "reinvest only applies to an underspend",
    );
    case(
        "{\"ICB\": 2000000, \"LA\": 3000000}",
        "{\"ICB\": 0, \"LA\": 0}",
        Warning,
        75,
        "every contribution is 0",
    );
    case(
        "residual: (likelihood: 2, impact: 3)",
        "residual: (likelihood: 5, impact: 5)",
        Warning,
        126,
        "residual score 25 is above the inherent score 12",
    );
    case(
        "cost: 60000,",
        "cost: 60000, cost_range: (low: 1, high: 5),",
        Warning,
        139,
        "cost 60000 is outside its cost_range 1-5",
    );
    case(
        "\"R1\", \"R3\"",
        "\"R1\", \"R3\", \"R1\"",
        Warning,
        160,
        "lists risk 'R1' twice",
    );
    case(
        "treatment: Retained,",
        "treatment: Retained, status: Closed,",
        Warning,
        162,
        "lists risk 'R2', which is Closed",
    );
    case(
        "treatment: Retained,",
        "treatment: Retained, influence: {\"LA\": 1},",
        Warning,
        116,
        "influence weights only count when treatment is ByInfluence",
    );
    case(
        "investment_need: 200000,\n        ),",
        "investment_need: 200000,\n        ),\n        (id: \"GP\", name: \"GP network\", kind: PrimaryCare),",
        Warning,
        52,
        "party 'GP' is a member of no scheme",
    );
}

#[test]
fn validate_checks_an_agreement_edited_in_memory() {
    let mut a = parse(EXAMPLE_RON, "anytown.ron").unwrap();
    assert!(validate(&a).is_empty());
    a.schemes[0].overspend.bands[0].basis = Basis::Fixed(
        [("ICB".to_string(), Decimal::from(90))]
            .into_iter()
            .collect(),
    );
    a.schemes[1]
        .underspend
        .caps
        .insert("LA", Cap::Percent(Decimal::from(101)));
    a.risks[2].treatment = Treatment::Pooled;
    let problems = validate(&a);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "scheme 'OOH': Fixed shares add up to 90, not 100",
            "scheme 'DTOC': underspend cap for 'LA': Percent 101 is outside 0-100",
            "risk 'R3' is Pooled but names no scheme to pool its cost in; give it a scheme or make it Retained",
        ]
    );
    assert!(problems.iter().all(|p| p.is_error()));
    assert_eq!(
        problems[0].place,
        vec![
            Step::Field("schemes"),
            Step::Item(0),
            Step::Field("overspend"),
            Step::Field("bands"),
            Step::Item(0),
            Step::Field("basis"),
        ]
    );
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    let windows = format!("\u{feff}{}", EXAMPLE_RON.replace('\n', "\r\n"));
    assert_eq!(
        parse(&windows, "w.ron").unwrap(),
        parse(EXAMPLE_RON, "x.ron").unwrap()
    );
    let broken = windows.replace("\"ICB\": 100", "\"ICB\": 90");
    let e = parse(&broken, "w.ron").unwrap_err();
    assert_eq!(
        e.to_string(),
        "w.ron:62: scheme 'OOH': Fixed shares add up to 90, not 100"
    );
}

#[test]
fn text_in_messages_is_inert_and_short() {
    let long = "X".repeat(5_000);
    let text = EXAMPLE_RON.replace(
        "owner: \"LA\"",
        &format!("owner: \"\\u{{1b}}]0;x\\u{{7}}{long}\""),
    );
    let e = parse(&text, "x\u{1b}[2J.ron").unwrap_err().to_string();
    assert!(!e.chars().any(|c| c.is_control()), "{e:?}");
    assert!(e.len() < 300, "{e}");
    assert!(
        e.starts_with("x[2J.ron:110: risk 'R2': owner ']0;xXXX"),
        "{e}"
    );
}

#[test]
fn the_new_rules_load_and_their_slips_are_named() {
    // Review thresholds may be negative (an underspend), rising through the list.
    let text = EXAMPLE_RON.replacen(
        "(at: 2.0, action",
        "(at: -3.0, action: \"Agree the reinvestment\"),\n        (at: 2.0, action",
        1,
    );
    let report = check(&text, "x.ron");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    case(
        "(at: 5.0,",
        "(at: -5.0,",
        Error,
        11,
        "review thresholds do not rise: at 2 is followed by at -5",
    );
    case("(at: 2.0,", "(at: 0,", Warning, 10, "at 0 is never crossed");
    // A pool, a threshold with Pool on the underspend side and a BudgetPercent cap all load.
    let text = EXAMPLE_RON
        .replacen(
            "period: \"2026/27\",",
            "period: \"2026/27\",\n    pool: (netting: true, contingency: 100000),",
            1,
        )
        .replacen(
            "reinvest: 50,",
            "reinvest: 50,\n                threshold: (at: 1.5, basis: Pool),\n                caps: {\"LA\": BudgetPercent(2)},",
            1,
        );
    let report = check(&text, "x.ron");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let a = report.agreement.expect("it loads");
    assert!(a.pool.as_ref().is_some_and(|p| p.netting));
    assert_eq!(
        a.schemes[0].underspend.caps.get("LA"),
        Some(&Cap::BudgetPercent(Decimal::from(2)))
    );
    assert_eq!(
        a.schemes[0].underspend.threshold.as_ref().map(|t| &t.basis),
        Some(&Basis::Pool)
    );
    // An underspend-only basis is fine in an underspend threshold.
    let text = EXAMPLE_RON.replacen(
        "reinvest: 50,",
        "reinvest: 50, threshold: (at: 2, basis: InvestmentNeed),",
        1,
    );
    assert!(parse(&text, "x.ron").is_ok());
    case(
        "contingency: 150000,",
        "contingency: 150000, threshold: (at: 2, basis: InvestmentNeed),",
        Error,
        59,
        "overspend threshold uses InvestmentNeed, which can only share an underspend",
    );
    case(
        "schemes: {\"DTOC\": 4.0}",
        "schemes: {\"DTOC\": 4.0}, amounts: {\"DTOC\": 210000}",
        Warning,
        162,
        "'DTOC' is given as a percent in schemes and in pounds in amounts; the amount is used",
    );
    case(
        "schemes: {\"DTOC\": 4.0}",
        "amounts: {\"DTOC\": -5000000.01}",
        Error,
        162,
        "would be an underspend of more than the whole budget",
    );
}
