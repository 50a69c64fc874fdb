//! The report model every export renders: the agreement, each chosen scenario's allocation and
//! exposures from the engine, the sweep, the break-even points and the governance findings.
//! Built once, read by every format, so every figure in every export is the one `calc` (or
//! `sweep`, or `check`) prints for the same inputs.

use crate::engine::checks::{self, Finding};
use crate::engine::{self, Allocation, EngineError, allocate, sweep};
use crate::model::{Agreement, Scenario, ScoreBand};
use rust_decimal::Decimal;

/// Why a report could not be built. Each message names the scenario or point concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// A scenario asked for that the agreement does not have (the message lists those it has).
    #[error("{0}")]
    UnknownScenario(String),
    #[error("scenario '{name}' cannot be calculated: {error}")]
    Scenario { name: String, error: EngineError },
    #[error("the sweep cannot be calculated: {0}")]
    Sweep(EngineError),
}

/// The base variances the sweep runs through, in percent of every scheme's budget.
pub const SWEEP_FROM: i64 = -10;
pub const SWEEP_TO: i64 = 10;

/// Everything an export shows.
pub struct Report<'a> {
    pub agreement: &'a Agreement,
    /// The scenarios shown, in the order asked for (or the file's).
    pub runs: Vec<Run>,
    pub sweep: Sweep,
    /// The governance checks' findings, as `check --today` gives them for the report's date.
    pub findings: Vec<Finding>,
}

/// One scenario's allocation: shares, each party's position against its tolerance, the review
/// thresholds crossed, as `calc` gives them.
pub struct Run {
    pub scenario: Scenario,
    pub allocation: Allocation,
}

impl Run {
    /// `Variance 3% of every scheme's budget; risks happening: R1, R3.`
    pub fn description(&self) -> String {
        let s = &self.scenario;
        let mut text = format!(
            "Variance {}% of every scheme's budget",
            s.variance.normalize()
        );
        if !s.schemes.is_empty() {
            let each: Vec<String> = s
                .schemes
                .iter()
                .map(|(id, pct)| format!("{id} {}%", pct.normalize()))
                .collect();
            text.push_str(&format!(" except {}", each.join(", ")));
        }
        if !s.risks.is_empty() {
            text.push_str(&format!("; risks happening: {}", s.risks.join(", ")));
        }
        if !s.benefits.is_empty() {
            text.push_str(&format!("; benefits realised: {}", s.benefits.join(", ")));
        }
        text.push('.');
        text
    }
}

/// Each party's total at every whole percent of base variance, no risks happening.
pub struct Sweep {
    pub percents: Vec<Decimal>,
    /// Party id -> its total at each of `percents`.
    pub totals: Vec<(String, Vec<Decimal>)>,
    /// Per party: the base variance at which its total first passes its tolerance, as
    /// `riskshare sweep` gives it (`breach_at`): the engine's [`sweep::break_even`].
    pub break_even: Vec<Option<Decimal>>,
}

/// Builds the report for the named scenarios (matched without regard to case, the forecasts
/// too), or for every scenario in the file when none is named (a 0% variance when the file has
/// none), with the governance checks judged on today's date.
pub fn build<'a>(agreement: &'a Agreement, names: &[String]) -> Result<Report<'a>, ReportError> {
    build_on(agreement, names, today())
}

/// As [`build`], with the date the checks judge reviews against.
pub fn build_on<'a>(
    agreement: &'a Agreement,
    names: &[String],
    today: jiff::civil::Date,
) -> Result<Report<'a>, ReportError> {
    let scenarios: Vec<Scenario> = if names.is_empty() {
        if agreement.scenarios.is_empty() {
            vec![Scenario {
                name: "No variance".into(),
                ..Scenario::default()
            }]
        } else {
            agreement.scenarios.clone()
        }
    } else {
        names
            .iter()
            .map(|name| {
                engine::forecast::find_scenario(agreement, name)
                    .ok_or_else(|| unknown_scenario(agreement, name))
            })
            .collect::<Result<_, _>>()?
    };
    let runs = scenarios
        .into_iter()
        .map(|scenario| run(agreement, scenario))
        .collect::<Result<_, _>>()?;
    Ok(Report {
        agreement,
        runs,
        sweep: sweep(agreement)?,
        findings: checks::run(agreement, today),
    })
}

fn run(agreement: &Agreement, scenario: Scenario) -> Result<Run, ReportError> {
    let allocation = allocate(agreement, &scenario).map_err(|error| ReportError::Scenario {
        name: scenario.name.clone(),
        error,
    })?;
    Ok(Run {
        scenario,
        allocation,
    })
}

/// Each party's total from -10% to +10% of every scheme's budget, no risks happening, and its
/// break-even point: the engine's sweep, the same figures `riskshare sweep` prints.
fn sweep(agreement: &Agreement) -> Result<Sweep, ReportError> {
    let base = Scenario::default();
    let percents = sweep::grid(
        Decimal::from(SWEEP_FROM),
        Decimal::from(SWEEP_TO),
        Decimal::ONE,
    );
    let points = sweep::sweep(agreement, &base, &percents).map_err(ReportError::Sweep)?;
    let totals = agreement
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let column = points
                .iter()
                .map(|point| point.parties.get(i).map(|e| e.total).unwrap_or_default())
                .collect();
            (p.id.clone(), column)
        })
        .collect();
    let break_even = sweep::break_even(agreement, &base).map_err(ReportError::Sweep)?;
    Ok(Sweep {
        percents,
        totals,
        break_even,
    })
}

/// The 5x5 grid of open risks: `grid[likelihood - 1][impact - 1]`, the engine's count.
pub fn heatmap(agreement: &Agreement, residual: bool) -> [[usize; 5]; 5] {
    *crate::engine::heatmap(agreement).counts(residual)
}

/// The band of a score on the agreement's matrix (its `score_bands`).
pub fn band(agreement: &Agreement, score: u8) -> ScoreBand {
    ScoreBand::of(score, &agreement.score_bands)
}

/// A break-even point in words: `+4.27%`, or `not within -100% to +100%` (the engine's search).
pub fn break_even_words(point: Option<Decimal>) -> String {
    match point {
        Some(p) if p == sweep::SEARCH_FROM => format!("{}% or below", p.normalize()),
        Some(p) if p > Decimal::ZERO => format!("+{}%", p.normalize()),
        Some(p) => format!("{}%", p.normalize()),
        None => format!(
            "not within {}% to +{}%",
            sweep::SEARCH_FROM.normalize(),
            sweep::SEARCH_TO.normalize()
        ),
    }
}

/// Today in UTC, for the governance checks' review dates.
pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

fn unknown_scenario(agreement: &Agreement, name: &str) -> ReportError {
    let known: Vec<String> = engine::forecast::named_scenarios(agreement)
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect();
    ReportError::UnknownScenario(format!(
        "there is no scenario '{name}' in {}; {}",
        agreement.name,
        if known.is_empty() {
            "it has no named scenarios".to_string()
        } else {
            format!("the scenarios are {}", super::sentences::join_and(&known))
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap()
    }

    #[test]
    fn every_scenario_by_default_and_the_named_ones_when_asked() {
        let a = anytown();
        assert_eq!(build(&a, &[]).unwrap().runs.len(), 4);
        let r = build(&a, &["hard WINTER".into()]).unwrap();
        assert_eq!(r.runs.len(), 1);
        let icb = r.runs[0].allocation.party("ICB").unwrap();
        assert_eq!(icb.total, Decimal::new(57_106_563, 2));
        assert!(build(&a, &["nope".into()]).is_err());
    }

    #[test]
    fn the_sweep_passes_through_the_worked_results() {
        let a = anytown();
        let r = build(&a, &[]).unwrap();
        assert_eq!(r.sweep.percents.len(), 21);
        let icb = &r.sweep.totals[0];
        assert_eq!(icb.0, "ICB");
        // SPEC: --variance 3 gives ICB 274398.96, --variance 10 gives 1164663.21.
        assert_eq!(icb.1[13], Decimal::new(27_439_896, 2));
        assert_eq!(icb.1[20], Decimal::new(116_466_321, 2));
        assert_eq!(icb.1[10], Decimal::ZERO);
        // LA's tolerance is 250,000; the ACUTE and VCS contribute nothing, so a saving is all
        // they ever see: a tolerance of 0 is passed by no overspend they do not share.
        assert_eq!(r.sweep.break_even.len(), 4);
        let la = r.sweep.break_even[1].expect("LA passes its tolerance within +10%");
        let at = |pct: Decimal| {
            crate::engine::calculate(&a, &crate::engine::WhatIf::at(pct))
                .unwrap()
                .party("LA")
                .unwrap()
                .breach
        };
        assert!(at(la) && !at(la - Decimal::new(1, 2)), "{la}");
    }

    #[test]
    fn the_heatmap_counts_every_risk_once() {
        let a = anytown();
        let inherent = heatmap(&a, false);
        assert_eq!(inherent[3][3], 1); // R1 at likelihood 4, impact 4
        assert_eq!(inherent.iter().flatten().sum::<usize>(), 4);
        let residual = heatmap(&a, true);
        assert_eq!(residual[2][3], 1); // R1's residual at likelihood 3, impact 4
    }
}
