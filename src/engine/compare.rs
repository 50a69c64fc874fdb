//! Scenarios side by side: each party's total under two to four scenarios and the difference
//! of each from the first. The one source for `riskshare compare` and the workbench's Compare
//! view: both render a [`Comparison`], computing nothing of their own.

use super::{Allocation, EngineError, WhatIf, calculate};
use crate::model::{Agreement, Scenario};
use rust_decimal::Decimal;

/// The fewest and the most scenarios side by side.
pub const FEWEST: usize = 2;
pub const MOST: usize = 4;

/// Each party's total under each scenario, and the differences from the first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// The scenarios' names, in the order compared.
    pub scenarios: Vec<String>,
    /// One row per party, in the agreement's order.
    pub parties: Vec<Row>,
    /// Every party's total added up, under each scenario.
    pub all: Row,
}

/// One party's figures (or every party's, for [`Comparison::all`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The party's id; empty for the row of every party.
    pub id: String,
    /// One per scenario, in the order compared: the total `calc --scenario NAME` prints.
    pub totals: Vec<Decimal>,
    /// One per scenario after the first: its total minus the first's.
    pub differences: Vec<Decimal>,
}

impl Row {
    fn new(id: &str, totals: Vec<Decimal>) -> Row {
        let first = totals.first().copied().unwrap_or_default();
        let differences = totals.iter().skip(1).map(|t| *t - first).collect();
        Row {
            id: id.to_string(),
            totals,
            differences,
        }
    }
}

/// Compares allocations already calculated, each under its name, in the order given.
pub fn compare(agreement: &Agreement, runs: &[(&str, &Allocation)]) -> Comparison {
    let parties = agreement
        .parties
        .iter()
        .map(|party| {
            let totals = runs
                .iter()
                .map(|(_, a)| a.party(&party.id).map_or(Decimal::ZERO, |p| p.total))
                .collect();
            Row::new(&party.id, totals)
        })
        .collect();
    let all = runs
        .iter()
        .map(|(_, a)| a.parties.iter().map(|p| p.total).sum())
        .collect();
    Comparison {
        scenarios: runs.iter().map(|(name, _)| name.to_string()).collect(),
        parties,
        all: Row::new("", all),
    }
}

/// Calculates each scenario exactly as `calc --scenario NAME` does and compares them. On an
/// error, the scenario that could not be calculated comes back with it.
pub fn scenarios(
    agreement: &Agreement,
    chosen: &[Scenario],
) -> Result<Comparison, (String, EngineError)> {
    let mut runs = Vec::with_capacity(chosen.len());
    for s in chosen {
        let allocation =
            calculate(agreement, &WhatIf::from_scenario(s)).map_err(|e| (s.name.clone(), e))?;
        runs.push(allocation);
    }
    let named: Vec<(&str, &Allocation)> = chosen
        .iter()
        .map(|s| s.name.as_str())
        .zip(runs.iter())
        .collect();
    Ok(compare(agreement, &named))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("the example loads")
    }

    #[test]
    fn totals_and_differences_from_the_first() {
        let a = anytown();
        let chosen: Vec<Scenario> = ["Expected", "Hard winter"]
            .iter()
            .map(|n| a.scenario(n).cloned().expect("named"))
            .collect();
        let c = scenarios(&a, &chosen).expect("calculates");
        assert_eq!(c.scenarios, ["Expected", "Hard winter"]);
        let icb = &c.parties[0];
        assert_eq!(icb.id, "ICB");
        // The README's compare table: ICB 31,466.32 then 571,065.63, +539,599.31.
        assert_eq!(
            icb.totals,
            [Decimal::new(3_146_632, 2), Decimal::new(57_106_563, 2)]
        );
        assert_eq!(icb.differences, [Decimal::new(53_959_931, 2)]);
        assert_eq!(
            c.all.totals,
            [Decimal::from(60_000), Decimal::from(910_000)]
        );
        assert_eq!(c.all.differences, [Decimal::from(850_000)]);
    }
}
