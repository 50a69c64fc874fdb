//! The parts of the board report that the HTML and the Markdown say alike, built once from the
//! [`Report`]: the tables (the waterfall, each scenario's shares, appetite and tolerance) as
//! cells, and the sentences (review thresholds, the thresholds a scenario crosses). Each
//! renderer only escapes and lays them out, so the two can never say different things.

use super::report::{Report, Run, break_even_words};
use super::sentences::number;
use crate::model::Agreement;
use rust_decimal::Decimal;

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text from the file or the report, escaped by the renderer.
    Text(String),
    /// An amount in pounds.
    Money(Decimal),
    /// An amount marked as a breach of a tolerance.
    Breach(Decimal),
    /// A figure that is not money (`3%`, a score), right-aligned.
    Figure(String),
    /// Nothing to show (`-`): a party that is not a member.
    Blank,
}

/// A table: its headings, and for each row its heading (a scheme, a partner) and cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<(String, Vec<Cell>)>,
}

/// For one scenario, each scheme's variance down to what the partners share.
pub fn waterfall(run: &Run) -> Table {
    let head = [
        "Scheme",
        "Budget",
        "Variance %",
        "Variance",
        "Netted",
        "Pool contingency",
        "Contingency used",
        "Reinvested",
        "Unallocated",
        "Shared by partners",
    ];
    let rows = run
        .allocation
        .schemes
        .iter()
        .map(|s| {
            let shared: Decimal = s.shares.values().sum();
            let mut cells = vec![
                Cell::Money(s.budget),
                Cell::Figure(if s.budget.is_zero() {
                    "n/a".to_string()
                } else {
                    format!("{}%", number(s.variance_percent))
                }),
            ];
            cells.extend(
                [
                    s.variance,
                    s.netted,
                    s.pool_contingency_used,
                    s.contingency_used,
                    s.reinvested,
                    s.unallocated,
                    shared,
                ]
                .map(Cell::Money),
            );
            (s.id.clone(), cells)
        })
        .collect();
    Table {
        head: head.map(String::from).to_vec(),
        rows,
    }
}

/// For one scenario, each partner's share of each scheme, what it bears outside the pool, its
/// total and its headroom (a breach marked).
pub fn shares(run: &Run) -> Table {
    let a = &run.allocation;
    let mut head: Vec<String> = vec!["Partner".into()];
    head.extend(a.schemes.iter().map(|s| s.id.clone()));
    head.extend(["Retained", "Influence", "Benefits", "Total", "Headroom"].map(String::from));
    let rows = a
        .parties
        .iter()
        .map(|p| {
            let mut cells: Vec<Cell> = a
                .schemes
                .iter()
                .map(|s| s.shares.get(&p.id).map_or(Cell::Blank, |v| Cell::Money(*v)))
                .collect();
            cells.extend([p.retained, p.influence, p.benefits, p.total].map(Cell::Money));
            cells.push(if p.breach {
                Cell::Breach(p.headroom)
            } else {
                Cell::Money(p.headroom)
            });
            (p.id.clone(), cells)
        })
        .collect();
    Table { head, rows }
}

/// Each partner's appetite, highest acceptable score, loss tolerance and break-even variance.
pub fn appetite(report: &Report) -> Table {
    let a = report.agreement;
    let head = [
        "Partner",
        "Appetite",
        "Highest acceptable score",
        "Loss tolerance",
        "Break-even variance",
    ];
    let rows = a
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = report.sweep.break_even.get(i).copied().flatten();
            let cells = vec![
                Cell::Text(format!("{:?}", p.appetite)),
                Cell::Figure(p.appetite.max_score().to_string()),
                Cell::Money(a.loss_tolerance(p)),
                Cell::Figure(break_even_words(at)),
            ];
            (p.name.clone(), cells)
        })
        .collect();
    Table {
        head: head.map(String::from).to_vec(),
        rows,
    }
}

/// What the break-even variance is, under the appetite table.
pub const BREAK_EVEN_NOTE: &str = "The break-even variance is the variance of every scheme's \
budget, no risks happening, at which the partner's total first passes its loss tolerance.";

/// The agreement's review thresholds in sentences.
pub fn thresholds(a: &Agreement) -> Vec<String> {
    a.review_thresholds
        .iter()
        .map(|t| {
            let which = if t.at.is_sign_negative() {
                "an underspend of"
            } else {
                "an overspend of"
            };
            format!(
                "At {which} {}% of a scheme's budget or more: {}.",
                number(t.at.abs()),
                t.action
            )
        })
        .collect()
}

/// The review thresholds one scenario crosses, in sentences.
pub fn crossed(run: &Run) -> Vec<String> {
    run.allocation
        .thresholds
        .iter()
        .map(|t| {
            let places: Vec<&str> = t.crossed_by.iter().map(|c| c.label()).collect();
            format!(
                "Review threshold of {}% crossed by {}: {}.",
                number(t.at),
                places.join(", "),
                t.action
            )
        })
        .collect()
}
