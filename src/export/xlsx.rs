//! `export --format xlsx`: a workbook for finance leads. Sheets Parties, Schemes (rules in
//! words and figures), Risks, Benefits, Scenarios (one row per scheme and party per scenario),
//! Totals and Sweep (with a native line chart). Money is a number in a currency format, every
//! header row is frozen and filtered, and text from the file is always written as text, never
//! as a formula.

use super::report::{Report, band};
use super::sentences::{number, rule_sentence};
use crate::model::{Cap, Side};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

/// Pounds and pence, negatives in red with a minus, as UK finance sheets show them.
pub const CURRENCY: &str = "\"£\"#,##0.00;[Red]-\"£\"#,##0.00";

struct Formats {
    head: Format,
    money: Format,
    wrap: Format,
}

/// The workbook as the bytes of an .xlsx file.
pub fn render(report: &Report, source: &str) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats {
        head: Format::new().set_bold().set_background_color("#E8EDF5"),
        money: Format::new().set_num_format(CURRENCY),
        wrap: Format::new().set_text_wrap(),
    };
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&report.agreement.name)
            .set_comment(format!("Made by riskshare from {source}")),
    );
    parties(book.add_worksheet(), report, &formats)?;
    schemes(book.add_worksheet(), report, &formats)?;
    risks(book.add_worksheet(), report, &formats)?;
    benefits(book.add_worksheet(), report, &formats)?;
    scenarios(book.add_worksheet(), report, &formats)?;
    totals(book.add_worksheet(), report, &formats)?;
    sweep(book.add_worksheet(), report, &formats)?;
    book.save_to_buffer()
}

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The header row, frozen, filtered over `rows` rows, with each column's width.
fn header(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[(&str, f64)],
    rows: usize,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (c, (title, width)) in columns.iter().enumerate() {
        let c = col(c);
        sheet.write_string_with_format(0, c, *title, &formats.head)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row(rows), col(columns.len().saturating_sub(1)))?;
    Ok(())
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn parties(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let a = report.agreement;
    let mut columns: Vec<(String, f64)> = vec![
        ("Id".into(), 10.0),
        ("Name".into(), 34.0),
        ("Kind".into(), 20.0),
    ];
    columns.extend(a.schemes.iter().map(|s| (s.id.clone(), 16.0)));
    columns.extend([
        ("Total contribution".into(), 18.0),
        ("Appetite".into(), 12.0),
        ("Highest acceptable score".into(), 12.0),
        ("Loss tolerance".into(), 16.0),
        ("Break-even variance %".into(), 14.0),
    ]);
    let named: Vec<(&str, f64)> = columns.iter().map(|(n, w)| (n.as_str(), *w)).collect();
    header(sheet, "Parties", &named, a.parties.len(), fm)?;
    for (i, p) in a.parties.iter().enumerate() {
        let r = row(i + 1);
        sheet.write_string(r, 0, &p.id)?;
        sheet.write_string(r, 1, &p.name)?;
        sheet.write_string(r, 2, p.kind.label())?;
        let mut c = 3;
        for s in &a.schemes {
            if let Some(v) = s.contributions.get(&p.id) {
                sheet.write_number_with_format(r, c, f(*v), &fm.money)?;
            }
            c += 1;
        }
        sheet.write_number_with_format(r, c, f(a.total_contribution(&p.id)), &fm.money)?;
        sheet.write_string(r, c + 1, format!("{:?}", p.appetite))?;
        sheet.write_number(r, c + 2, f64::from(p.appetite.max_score()))?;
        sheet.write_number_with_format(r, c + 3, f(a.loss_tolerance(p)), &fm.money)?;
        match report.sweep.break_even.get(i).copied().flatten() {
            Some(point) => sheet.write_number(r, c + 4, f(point))?,
            None => sheet.write_string(r, c + 4, super::report::break_even_words(None))?,
        };
    }
    Ok(())
}

fn schemes(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let a = report.agreement;
    header(
        sheet,
        "Schemes",
        &[
            ("Scheme", 10.0),
            ("Name", 30.0),
            ("Side", 12.0),
            ("Rule in words", 70.0),
            ("Budget", 16.0),
            ("Contingency", 14.0),
            ("Reinvest %", 11.0),
            ("Bands", 40.0),
            ("Caps", 30.0),
            ("Excess shared by", 16.0),
        ],
        a.schemes.len() * 2,
        fm,
    )?;
    let mut r = 1;
    for s in &a.schemes {
        for side in [Side::Overspend, Side::Underspend] {
            let rule = s.rule(side);
            let mut previous = Decimal::ZERO;
            let bands: Vec<String> = rule
                .bands
                .iter()
                .map(|b| match b.up_to {
                    Some(up) => {
                        let from = std::mem::replace(&mut previous, up);
                        format!("{}%-{}%: {}", number(from), number(up), b.basis.label())
                    }
                    None => format!("rest: {}", b.basis.label()),
                })
                .collect();
            let caps: Vec<String> = rule
                .caps
                .iter()
                .map(|(p, cap)| match cap {
                    Cap::Percent(pct) => format!("{p} {}% of contribution", number(*pct)),
                    Cap::BudgetPercent(pct) => format!("{p} {}% of budget", number(*pct)),
                    Cap::Amount(v) => format!("{p} £{}", super::amount::grouped(*v)),
                })
                .collect();
            sheet.write_string(r, 0, &s.id)?;
            sheet.write_string(r, 1, &s.name)?;
            sheet.write_string(r, 2, side.label())?;
            sheet.write_string_with_format(r, 3, rule_sentence(a, s, side), &fm.wrap)?;
            sheet.write_number_with_format(r, 4, f(s.budget()), &fm.money)?;
            sheet.write_number_with_format(r, 5, f(rule.contingency), &fm.money)?;
            sheet.write_number(r, 6, f(rule.reinvest))?;
            sheet.write_string(r, 7, bands.join("; "))?;
            sheet.write_string(r, 8, caps.join("; "))?;
            sheet.write_string(r, 9, rule.redistribute.label())?;
            r += 1;
        }
    }
    Ok(())
}

fn risks(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let a = report.agreement;
    header(
        sheet,
        "Risks",
        &[
            ("ID", 8.0),
            ("Title", 50.0),
            ("Owner", 10.0),
            ("Scheme", 10.0),
            ("Boundary", 22.0),
            ("Category", 14.0),
            ("Likelihood", 10.0),
            ("Impact", 8.0),
            ("Score", 8.0),
            ("Band", 10.0),
            ("Residual likelihood", 10.0),
            ("Residual impact", 10.0),
            ("Residual score", 10.0),
            ("Residual band", 10.0),
            ("Cost", 16.0),
            ("Treatment", 14.0),
            ("Mitigation", 40.0),
            ("Review date", 12.0),
            ("Status", 8.0),
        ],
        a.risks.len(),
        fm,
    )?;
    for (i, r) in a.risks.iter().enumerate() {
        let n = row(i + 1);
        let (rl, ri) = r.residual_position();
        sheet.write_string(n, 0, &r.id)?;
        sheet.write_string(n, 1, &r.title)?;
        sheet.write_string(n, 2, &r.owner)?;
        sheet.write_string(n, 3, r.scheme.as_deref().unwrap_or(""))?;
        sheet.write_string(n, 4, r.boundary.label())?;
        sheet.write_string(n, 5, &r.category)?;
        sheet.write_number(n, 6, f64::from(r.likelihood))?;
        sheet.write_number(n, 7, f64::from(r.impact))?;
        sheet.write_number(n, 8, f64::from(r.score()))?;
        sheet.write_string(n, 9, band(a, r.score()).label())?;
        sheet.write_number(n, 10, f64::from(rl))?;
        sheet.write_number(n, 11, f64::from(ri))?;
        sheet.write_number(n, 12, f64::from(r.residual_score()))?;
        sheet.write_string(n, 13, band(a, r.residual_score()).label())?;
        sheet.write_number_with_format(n, 14, f(r.cost), &fm.money)?;
        sheet.write_string(n, 15, r.treatment.label())?;
        sheet.write_string(n, 16, &r.mitigation)?;
        sheet.write_string(n, 17, &r.review)?;
        sheet.write_string(n, 18, if r.is_open() { "Open" } else { "Closed" })?;
    }
    Ok(())
}

fn benefits(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let a = report.agreement;
    header(
        sheet,
        "Benefits",
        &[
            ("ID", 8.0),
            ("Title", 46.0),
            ("Metric", 40.0),
            ("Baseline", 10.0),
            ("Target", 10.0),
            ("Value", 16.0),
            ("Realised by", 12.0),
            ("Scheme", 10.0),
            ("Likelihood", 10.0),
            ("Shared", 8.0),
        ],
        a.benefits.len(),
        fm,
    )?;
    for (i, b) in a.benefits.iter().enumerate() {
        let n = row(i + 1);
        sheet.write_string(n, 0, &b.id)?;
        sheet.write_string(n, 1, &b.title)?;
        sheet.write_string(n, 2, &b.metric)?;
        sheet.write_number(n, 3, f(b.baseline))?;
        sheet.write_number(n, 4, f(b.target))?;
        sheet.write_number_with_format(n, 5, f(b.value), &fm.money)?;
        sheet.write_string(n, 6, &b.realised_by)?;
        sheet.write_string(n, 7, b.scheme.as_deref().unwrap_or(""))?;
        sheet.write_number(n, 8, f64::from(b.likelihood))?;
        sheet.write_string(n, 9, if b.shared { "yes" } else { "no" })?;
    }
    Ok(())
}

/// One row per scheme and member per scenario, then what each party bears outside the pool.
fn scenarios(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let rows: usize = report
        .runs
        .iter()
        .map(|r| {
            r.allocation
                .schemes
                .iter()
                .map(|s| s.shares.len())
                .sum::<usize>()
                + 3 * r.allocation.parties.len()
        })
        .sum();
    header(
        sheet,
        "Scenarios",
        &[
            ("Scenario", 22.0),
            ("Scheme", 12.0),
            ("Party", 10.0),
            ("Share", 16.0),
        ],
        rows,
        fm,
    )?;
    let mut n = 1;
    for run in &report.runs {
        for s in &run.allocation.schemes {
            for (party, share) in s.shares.iter() {
                sheet.write_string(n, 0, &run.scenario.name)?;
                sheet.write_string(n, 1, &s.id)?;
                sheet.write_string(n, 2, party)?;
                sheet.write_number_with_format(n, 3, f(*share), &fm.money)?;
                n += 1;
            }
        }
        for p in &run.allocation.parties {
            let outside = [p.retained, p.influence, p.benefits];
            for (what, amount) in super::csv_out::OUTSIDE.iter().zip(outside) {
                sheet.write_string(n, 0, &run.scenario.name)?;
                sheet.write_string(n, 1, *what)?;
                sheet.write_string(n, 2, &p.id)?;
                sheet.write_number_with_format(n, 3, f(amount), &fm.money)?;
                n += 1;
            }
        }
    }
    Ok(())
}

/// Each party's totals and headroom per scenario.
fn totals(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let rows = report.runs.iter().map(|r| r.allocation.parties.len()).sum();
    header(
        sheet,
        "Totals",
        &[
            ("Scenario", 22.0),
            ("Party", 10.0),
            ("Pooled", 16.0),
            ("Retained", 14.0),
            ("Influence", 14.0),
            ("Benefits", 14.0),
            ("Total", 16.0),
            ("Tolerance", 16.0),
            ("Headroom", 16.0),
            ("Breach", 8.0),
        ],
        rows,
        fm,
    )?;
    let mut n = 1;
    for run in &report.runs {
        for p in &run.allocation.parties {
            sheet.write_string(n, 0, &run.scenario.name)?;
            sheet.write_string(n, 1, &p.id)?;
            for (c, v) in p.figures().into_iter().enumerate() {
                sheet.write_number_with_format(n, col(c + 2), f(v), &fm.money)?;
            }
            sheet.write_string(n, 9, if p.breach { "BREACH" } else { "" })?;
            n += 1;
        }
    }
    Ok(())
}

/// Each party's total at each base variance, and a line chart of them.
fn sweep(sheet: &mut Worksheet, report: &Report, fm: &Formats) -> Result<(), XlsxError> {
    let s = &report.sweep;
    let mut columns: Vec<(String, f64)> = vec![("Variance %".into(), 11.0)];
    columns.extend(s.totals.iter().map(|(id, _)| (id.clone(), 16.0)));
    let named: Vec<(&str, f64)> = columns.iter().map(|(n, w)| (n.as_str(), *w)).collect();
    header(sheet, "Sweep", &named, s.percents.len(), fm)?;
    for (i, pct) in s.percents.iter().enumerate() {
        let n = row(i + 1);
        sheet.write_number(n, 0, f(*pct))?;
        for (c, (_, totals)) in s.totals.iter().enumerate() {
            let v = totals.get(i).copied().unwrap_or_default();
            sheet.write_number_with_format(n, col(c + 1), f(v), &fm.money)?;
        }
    }
    let last = row(s.percents.len());
    let mut chart = Chart::new(ChartType::Line);
    for c in 1..=s.totals.len() {
        let c = col(c);
        chart
            .add_series()
            .set_name(("Sweep", 0, c))
            .set_categories(("Sweep", 1, 0, last, 0))
            .set_values(("Sweep", 1, c, last, c));
    }
    chart
        .title()
        .set_name("Each party's total as every scheme's variance moves");
    chart
        .x_axis()
        .set_name("Variance, % of every scheme's budget");
    chart
        .y_axis()
        .set_name("Total (£)")
        .set_num_format("£#,##0");
    chart.set_width(720).set_height(400);
    sheet.insert_chart(1, col(s.totals.len() + 2), &chart)?;
    Ok(())
}
