//! `calc --format table`: the allocation laid out for a person, with thousands separators.

use super::amount::{grouped, percent};
use crate::engine::{Allocation, PartyResult, SchemeResult, Setting, WhatIf};
use crate::model::{Agreement, Side};
use rust_decimal::Decimal;
use std::fmt::Write;

/// Columns of text: the first left-aligned, the rest right-aligned, two spaces apart.
struct Grid {
    rows: Vec<Vec<String>>,
}

impl Grid {
    /// The width of each column: its widest cell.
    fn widths(&self) -> Vec<usize> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    fn render(&self, indent: &str, out: &mut String) {
        self.render_at(&self.widths(), indent, out);
    }

    fn render_at(&self, widths: &[usize], indent: &str, out: &mut String) {
        for row in &self.rows {
            let mut line = String::from(indent);
            for (c, cell) in row.iter().enumerate() {
                let pad = widths
                    .get(c)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(cell.chars().count());
                if c == 0 {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                } else {
                    line.push_str("  ");
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

fn cells(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The allocation as an aligned table. `name` is the named scenario the what-if started from.
pub fn render(
    agreement: &Agreement,
    what_if: &WhatIf,
    name: Option<&str>,
    a: &Allocation,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", agreement.name);
    let _ = writeln!(out, "{}", describe(what_if, name));
    out.push_str("Positive amounts are costs, negative amounts are savings, in pounds.\n");
    let _ = writeln!(
        out,
        "Pooled budget {}, variance {} ({} of it).",
        grouped(a.budget),
        grouped(a.variance),
        percent_of_budget(a.variance_percent, a.budget)
    );
    let unallocated = a.unallocated();
    if !unallocated.is_zero() {
        let _ = writeln!(
            out,
            "\n!! UNALLOCATED: {} is borne by no one, because members are at their caps.",
            grouped(unallocated)
        );
    }
    let blocks: Vec<(String, Grid, Vec<Option<String>>)> =
        a.schemes.iter().map(|s| scheme(agreement, s)).collect();
    // One set of column widths for every scheme, so the amounts line up down the page.
    let mut widths = vec![0, 0];
    for (_, grid, _) in &blocks {
        for (w, g) in widths.iter_mut().zip(grid.widths()) {
            *w = (*w).max(g);
        }
    }
    for (heading, grid, notes) in &blocks {
        let _ = writeln!(out, "\n{heading}");
        let mut text = String::new();
        grid.render_at(&widths, "  ", &mut text);
        for (line, note) in text.lines().zip(notes) {
            out.push_str(line);
            if let Some(note) = note {
                let _ = write!(out, "   {note}");
            }
            out.push('\n');
        }
    }

    out.push_str("\nParty totals\n");
    let mut grid = Grid {
        rows: vec![cells(&[&["party"][..], &PartyResult::FIGURES].concat())],
    };
    for p in &a.parties {
        let mut row = vec![p.id.clone()];
        row.extend(p.figures().map(grouped));
        if p.breach {
            row.push("! BREACH".to_string());
        }
        grid.rows.push(row);
    }
    grid.render("  ", &mut out);

    if !a.thresholds.is_empty() {
        out.push_str("\nReview thresholds crossed\n");
        for t in &a.thresholds {
            let sign = if t.at > Decimal::ZERO { "+" } else { "" };
            let places: Vec<&str> = t.crossed_by.iter().map(|c| c.label()).collect();
            let _ = writeln!(
                out,
                "  {sign}{}%  {} (crossed by {})",
                percent(t.at),
                t.action,
                places.join(", ")
            );
        }
    }

    if !a.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in &a.warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
    out
}

/// `Scenario: Hard winter. Variance 3% of every scheme's budget; risks happening: R1, R3.`
fn describe(what_if: &WhatIf, name: Option<&str>) -> String {
    let mut text = match name {
        Some(name) => format!("Scenario: {name}. "),
        None => String::new(),
    };
    text.push_str(&variance_words(what_if));
    if !what_if.risks.is_empty() {
        let _ = write!(text, "; risks happening: {}", what_if.risks.join(", "));
    }
    if !what_if.benefits.is_empty() {
        let _ = write!(text, "; benefits realised: {}", what_if.benefits.join(", "));
    }
    text.push('.');
    text
}

/// `6.33%`, or `n/a` when the budget is 0: no percent of nothing is meaningful (the engine
/// gives 0 there).
fn percent_of_budget(percent: Decimal, budget: Decimal) -> String {
    if budget.is_zero() {
        "n/a".to_string()
    } else {
        format!("{}%", super::amount::plain(percent))
    }
}

/// `Variance 3% of every scheme's budget except OOH 4%, DTOC 123,456.78`: the what-if's
/// variances, as `calc` and `simulate` head their tables.
pub(super) fn variance_words(what_if: &WhatIf) -> String {
    let mut text = format!(
        "Variance {}% of every scheme's budget",
        percent(what_if.base)
    );
    if !what_if.held.is_empty() {
        let each: Vec<String> = what_if
            .held
            .iter()
            .map(|(id, setting)| match setting {
                Setting::Percent(p) => format!("{id} {}%", percent(*p)),
                Setting::Amount(a) => format!("{id} {}", grouped(*a)),
            })
            .collect();
        let _ = write!(text, " except {}", each.join(", "));
    }
    text
}

/// A scheme's heading, its figures (label, amount) and a note beside some of them.
fn scheme(agreement: &Agreement, s: &SchemeResult) -> (String, Grid, Vec<Option<String>>) {
    let name = agreement.scheme(&s.id).map_or("", |sc| sc.name.as_str());
    let side = match s.side {
        Some(Side::Overspend) => "overspend",
        Some(Side::Underspend) => "underspend",
        None => "on budget",
    };
    let threshold = agreement
        .scheme(&s.id)
        .zip(s.side)
        .and_then(|(sc, side)| sc.rule(side).threshold.as_ref());
    let side = match (s.threshold_met, threshold) {
        (Some(false), Some(t)) => format!("{side}, below its {}% threshold", percent(t.at)),
        (Some(true), Some(t)) => format!("{side}, at or above its {}% threshold", percent(t.at)),
        _ => side.to_string(),
    };
    let heading = format!("Scheme {}: {name} ({side})", s.id);

    let mut variance_note = match s.setting {
        Setting::Percent(p) if s.held => format!("{}% of budget, held", percent(p)),
        Setting::Percent(p) => format!("{}% of budget", percent(p)),
        Setting::Amount(_) => "held in pounds".to_string(),
    };
    let moved = s.from_risks_and_benefits;
    if !moved.is_zero() {
        let sign = if moved > Decimal::ZERO { "+" } else { "" };
        let _ = write!(
            variance_note,
            " ({}), {sign}{} from risks and benefits",
            grouped(s.from_setting),
            grouped(moved)
        );
    }
    if !moved.is_zero() || matches!(s.setting, Setting::Amount(_)) {
        let _ = write!(
            variance_note,
            ": {} of budget",
            percent_of_budget(s.variance_percent, s.budget)
        );
    }
    let mut rows: Vec<(String, Decimal, Option<String>)> = vec![
        ("budget".into(), s.budget, None),
        ("variance".into(), s.variance, Some(variance_note)),
    ];
    if agreement.pool.is_some() {
        rows.push(("netted".into(), s.netted, None));
        rows.push(("pool contingency".into(), s.pool_contingency_used, None));
    }
    rows.extend([
        ("contingency used".into(), s.contingency_used, None),
        ("reinvested".into(), s.reinvested, None),
        (
            "unallocated".into(),
            s.unallocated,
            (!s.unallocated.is_zero())
                .then(|| "!! BORNE BY NO ONE: the arbitration route decides".to_string()),
        ),
    ]);
    for (party, share) in s.shares.iter() {
        let note = s.caps.get(party).map(|cap| {
            let at = if s.at_cap(party) { "at cap" } else { "cap" };
            format!("{at} {}", grouped(*cap))
        });
        rows.push((format!("share {party}"), *share, note));
    }
    let grid = Grid {
        rows: rows
            .iter()
            .map(|(label, amount, _)| vec![label.clone(), grouped(*amount)])
            .collect(),
    };
    (heading, grid, rows.into_iter().map(|(_, _, n)| n).collect())
}
