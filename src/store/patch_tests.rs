//! Tests of patched saves: each edit changes only its own text.

use super::*;
use crate::model::{Band, Basis, BlendPart, Cap, EXAMPLE_RON, Scenario};
use rust_decimal::Decimal;

fn example() -> Agreement {
    crate::store::parse(EXAMPLE_RON, "anytown.ron").unwrap()
}

/// The lines of `before` and `after` that differ, as (removed, added): a longest-common-lines
/// diff, as `git diff` would show.
pub(crate) fn changed(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let mut common = vec![vec![0usize; a.len() + 1]; b.len() + 1];
    for i in (0..b.len()).rev() {
        for j in (0..a.len()).rev() {
            common[i][j] = if b[i] == a[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < b.len() || j < a.len() {
        if i < b.len() && j < a.len() && b[i] == a[j] {
            i += 1;
            j += 1;
        } else if j < a.len() && (i == b.len() || common[i][j + 1] >= common[i + 1][j]) {
            added.push(a[j].to_string());
            j += 1;
        } else {
            removed.push(b[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

fn saved(edited: &Agreement) -> String {
    let text = text_for(Some(EXAMPLE_RON), edited).unwrap();
    assert_eq!(
        crate::store::parse(&text, "saved.ron").as_ref(),
        Ok(edited),
        "{text}"
    );
    text
}

#[test]
fn one_cap_changed_is_one_line_changed() {
    let mut a = example();
    a.schemes[0]
        .overspend
        .caps
        .insert("LA", Cap::Percent(Decimal::from(7)));
    let text = saved(&a);
    let (removed, added) = changed(EXAMPLE_RON, &text);
    assert_eq!(removed, vec!["                caps: {\"LA\": Percent(5)},"]);
    assert_eq!(added, vec!["                caps: {\"LA\": Percent(7)},"]);
}

#[test]
fn a_value_set_to_its_default_is_taken_out_and_a_new_one_written_beside_its_neighbours() {
    let mut a = example();
    a.parties[1].reserves = Decimal::ZERO;
    a.parties[3].equity = Decimal::from(12);
    let text = saved(&a);
    let (removed, added) = changed(EXAMPLE_RON, &text);
    assert_eq!(removed, vec!["            reserves: 2500000,"]);
    assert_eq!(added, vec!["            equity: 12,"]);
}

#[test]
fn a_band_added_in_the_middle_sits_on_its_own_line() {
    let mut a = example();
    let band = Band {
        up_to: Some(Decimal::from(3)),
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
    a.schemes[0].overspend.bands.insert(1, band);
    let text = saved(&a);
    let (removed, added) = changed(EXAMPLE_RON, &text);
    assert_eq!(removed, Vec::<String>::new());
    assert_eq!(
        added,
        vec!["                    (up_to: 3, basis: Blend([(Contribution, 60), (Equal, 40)])),"]
    );
}

#[test]
fn removing_and_adding_items_keeps_every_comment() {
    let mut a = example();
    a.scenarios.remove(1);
    a.scenarios.push(Scenario {
        name: "Mild".into(),
        variance: Decimal::from(-1),
        ..Scenario::default()
    });
    a.risks.remove(3);
    a.schemes[2]
        .contributions
        .insert("VCS", Decimal::from(5000));
    a.schemes[1]
        .overspend
        .caps
        .insert("LA", Cap::Amount(Decimal::from(20000)));
    let text = saved(&a);
    for line in EXAMPLE_RON
        .lines()
        .filter(|l| l.trim_start().starts_with("//"))
    {
        assert!(text.contains(line), "{line}");
    }
    assert!(
        text.contains("        (name: \"Mild\", variance: -1),\n"),
        "{text}"
    );
    assert!(!text.contains("Hard winter"));
    assert!(text.contains("\"ACUTE\": 0, \"VCS\": 5000}"));
    assert!(
        text.contains("overspend: (bands: [(basis: Equal)], caps: {\"LA\": Amount(20000)}),"),
        "{text}"
    );
}

#[test]
fn a_reordered_map_is_rewritten_whole_and_still_reads_back() {
    let mut a = example();
    a.schemes[0].contributions.0.reverse();
    let text = saved(&a);
    assert!(text.contains("contributions: {\"LA\": 4000000, \"ICB\": 8000000},"));
    assert!(text.contains("// The first 1% of the budget"));
}

#[test]
fn a_file_that_cannot_be_read_is_written_afresh() {
    let a = example();
    let text = text_for(Some("not ron at all"), &a).unwrap();
    assert!(text.starts_with("// Anytown Better Care Fund 2026/27: a riskshare"));
    assert_eq!(crate::store::parse(&text, "x.ron").unwrap(), a);
}
