//! Tests of the change descriptions: the decision log's and `riskshare diff`'s words.

use super::*;
use crate::model::{Basis, Cap};
use rust_decimal::Decimal;

fn example() -> Agreement {
    crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap()
}

fn said(a: &Agreement, b: &Agreement) -> Vec<String> {
    describe(a, b).into_iter().map(|c| c.change).collect()
}

#[test]
fn a_scheme_given_a_new_id_reads_as_renamed_not_removed_and_added() {
    let a = example();
    let mut b = a.clone();
    b.schemes[1].id = "DISCH".into();
    b.schemes[1]
        .contributions
        .insert("LA", Decimal::from(3_250_000));
    assert_eq!(
        said(&a, &b),
        vec![
            "scheme DTOC is now DISCH",
            "DTOC: LA's contribution from £3,000,000 to £3,250,000"
        ]
    );
}

#[test]
fn thresholds_and_scenario_figures_read_in_words() {
    let a = example();
    let mut b = a.clone();
    b.review_thresholds[1].at = Decimal::from(6);
    b.review_thresholds.insert(
        0,
        ReviewThreshold {
            at: Decimal::from(-2),
            action: "Agree the reinvestment".into(),
        },
    );
    let pressure = &mut b.scenarios[3];
    pressure.schemes.insert("PREV", Decimal::new(15, 1));
    pressure.amounts.insert("OOH", Decimal::new(25_000_050, 2));
    pressure.risks.push("R1".into());
    pressure.risks.retain(|r| r != "R2");
    pressure.benefits.push("B1".into());
    assert_eq!(
        said(&a, &b),
        vec![
            "review threshold \"Escalate to the Health and Wellbeing Board\": at from 5% to 6%",
            "review threshold at -2% added: Agree the reinvestment",
            "scenario Discharge pressure: PREV held at 1.5%",
            "scenario Discharge pressure: OOH held at £250,000.50",
            "scenario Discharge pressure: R1 happens",
            "scenario Discharge pressure: R2 no longer happens",
            "scenario Discharge pressure: B1 realised",
        ]
    );
}

#[test]
fn each_kind_of_change_reads_as_a_sentence() {
    let a = example();
    let mut b = a.clone();
    b.schemes[0]
        .contributions
        .insert("LA", Decimal::from(4_500_000));
    b.schemes[1]
        .overspend
        .caps
        .insert("LA", Cap::Amount(Decimal::from(20_000)));
    b.schemes[0]
        .overspend
        .caps
        .insert("LA", Cap::BudgetPercent(Decimal::from(2)));
    b.schemes[0].overspend.bands[1].basis = Basis::Equal;
    b.parties[1].reserves = Decimal::from(3_000_000);
    b.risks[0].likelihood = 5;
    b.scenarios.remove(0);
    b.period = "2027/28".into();
    assert_eq!(
        said(&a, &b),
        vec![
            "period from 2026/27 to 2027/28",
            "party LA: reserves from 2,500,000 to 3,000,000",
            "OOH: LA's contribution from £4,000,000 to £4,500,000",
            "OOH overspend: bands from up to 1%: Fixed(ICB 100%); then Contribution to up to 1%: Fixed(ICB 100%); then Equal",
            "OOH overspend: LA's cap from 5% of contribution to 2% of the budget",
            "DTOC overspend: LA's cap of £20,000 added",
            "risk R1: likelihood from 4 to 5",
            "scenario Expected removed",
        ]
    );
    assert_eq!(said(&a, &a), Vec::<String>::new());
}
