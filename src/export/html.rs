//! `export --format html`: the board report, one self-contained file. No script, no font file,
//! no link outside it; it prints to A4 from a browser. Every piece of text from the agreement is
//! escaped. Each section is one function over the [`Report`].

use super::amount::grouped;
use super::report::{Report, band, heatmap};
use super::sections::{self, Cell, Table};
use super::sentences::{pool_sentence, pounds, scheme_sentences};
use super::svg;
use crate::model::{Agreement, ScoreBand};
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");

/// The whole report as one HTML document.
pub fn render(report: &Report, source: &str) -> String {
    let a = report.agreement;
    let mut out = String::with_capacity(64 * 1024 + a.risks.len() * 600);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(&a.name)
    );
    header(&mut out, report, source);
    summary(&mut out, report);
    parties(&mut out, a);
    rules(&mut out, a);
    waterfall(&mut out, report);
    scenarios(&mut out, report);
    appetite(&mut out, report);
    charts(&mut out, report);
    register(&mut out, a);
    benefits(&mut out, a);
    findings(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

/// Text made safe inside an element or a quoted attribute.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn money(value: rust_decimal::Decimal) -> String {
    format!("<td class=\"num\">{}</td>", grouped(value))
}

fn th(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<th>{}</th>", esc(c)))
        .collect();
    format!("<thead><tr>{cells}</tr></thead>")
}

fn header(out: &mut String, report: &Report, source: &str) {
    let a = report.agreement;
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"lede\">Risk and benefit share: board report{}. \
         Made by riskshare from <code>{}</code>. Amounts are in pounds; positive amounts are \
         costs to a partner, negative amounts savings.</p></header>",
        esc(&a.name),
        if a.period.is_empty() {
            String::new()
        } else {
            format!(", {}", esc(&a.period))
        },
        esc(source)
    );
    out.push('\n');
}

/// Page one: the pool in a sentence and each partner's total in each scenario.
fn summary(out: &mut String, report: &Report) {
    let a = report.agreement;
    let pooled = a.pooled_total().map_or_else(|| "too large".into(), pounds);
    let _ = write!(
        out,
        "<section id=\"summary\"><h2>At a glance</h2><p>{} partners pool {} in {} schemes. \
         The table gives each partner's total in each scenario; <strong>! breach</strong> marks \
         a total above the partner's loss tolerance.</p>\n<table class=\"glance\">",
        a.parties.len(),
        pooled,
        a.schemes.len()
    );
    let mut head = vec!["Partner".to_string(), "Tolerance".to_string()];
    head.extend(report.runs.iter().map(|r| r.scenario.name.clone()));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    out.push_str(&th(&head));
    out.push_str("<tbody>");
    for (i, party) in a.parties.iter().enumerate() {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(&party.name));
        out.push_str(&money(a.loss_tolerance(party)));
        for run in &report.runs {
            match run.allocation.parties.get(i) {
                Some(e) if e.breach => {
                    let _ = write!(
                        out,
                        "<td class=\"num breach\">{} ! breach</td>",
                        grouped(e.total)
                    );
                }
                Some(e) => out.push_str(&money(e.total)),
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
    let unallocated: Vec<String> = report
        .runs
        .iter()
        .filter(|r| !r.allocation.unallocated().is_zero())
        .map(|r| {
            format!(
                "{} leaves {} borne by no one",
                esc(&r.scenario.name),
                pounds(r.allocation.unallocated())
            )
        })
        .collect();
    if !unallocated.is_empty() {
        let _ = write!(
            out,
            "<p class=\"alarm\">Unallocated money: {}. The agreement's arbitration route decides.</p>",
            unallocated.join("; ")
        );
    }
    out.push_str("</section>\n");
}

fn parties(out: &mut String, a: &Agreement) {
    out.push_str("<section id=\"parties\"><h2>Partners and contributions</h2><table>");
    let mut head: Vec<String> = vec!["Partner".into(), "Kind".into()];
    head.extend(a.schemes.iter().map(|s| s.id.clone()));
    head.extend(["Total".into(), "Appetite".into()]);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    out.push_str(&th(&head));
    out.push_str("<tbody>");
    for p in &a.parties {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{} <span class=\"id\">({})</span></th><td>{}</td>",
            esc(&p.name),
            esc(&p.id),
            esc(p.kind.label())
        );
        for s in &a.schemes {
            match s.contributions.get(&p.id) {
                Some(v) => out.push_str(&money(*v)),
                None => out.push_str("<td class=\"num\">-</td>"),
            }
        }
        out.push_str(&money(a.total_contribution(&p.id)));
        let _ = write!(out, "<td>{:?}</td></tr>", p.appetite);
    }
    out.push_str("<tr class=\"total\"><th scope=\"row\">Budget</th><td></td>");
    for s in &a.schemes {
        out.push_str(&money(s.budget()));
    }
    out.push_str(&money(a.pooled_total().unwrap_or_default()));
    out.push_str("<td></td></tr></tbody></table>\n<ul class=\"schemes\">");
    for s in &a.schemes {
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            esc(&s.id),
            esc(&s.name)
        );
    }
    out.push_str("</ul></section>\n");
}

fn rules(out: &mut String, a: &Agreement) {
    out.push_str("<section id=\"rules\"><h2>How each scheme's variance is shared</h2>");
    if let Some(pool) = pool_sentence(a) {
        let _ = write!(out, "<p class=\"rule pool\">{}</p>", esc(&pool));
    }
    for s in &a.schemes {
        let [over, under] = scheme_sentences(a, s);
        let _ = write!(
            out,
            "<h3>{} ({})</h3><p class=\"rule\">{}</p><p class=\"rule\">{}</p>",
            esc(&s.name),
            esc(&s.id),
            esc(&over),
            esc(&under)
        );
    }
    if !a.review_thresholds.is_empty() {
        out.push_str("<h3>Review thresholds</h3><ul>");
        for t in sections::thresholds(a) {
            let _ = write!(out, "<li>{}</li>", esc(&t));
        }
        out.push_str("</ul>");
    }
    if let Some(route) = &a.arbitration {
        let _ = write!(
            out,
            "<h3>Arbitration</h3><p>What the rules leave unallocated is settled by: {}</p>",
            esc(route)
        );
    }
    out.push_str("</section>\n");
}

/// For each scenario, each scheme's variance down to what the partners share.
fn waterfall(out: &mut String, report: &Report) {
    out.push_str("<section id=\"waterfall\"><h2>The pool's waterfall</h2>");
    for run in &report.runs {
        let _ = write!(out, "<h3>{}</h3>", esc(&run.scenario.name));
        table(out, "waterfall", &sections::waterfall(run));
    }
    out.push_str("</section>\n");
}

fn scenarios(out: &mut String, report: &Report) {
    out.push_str("<section id=\"scenarios\"><h2>Scenarios</h2>");
    for run in &report.runs {
        let _ = write!(
            out,
            "<h3>{}</h3><p>{}</p>",
            esc(&run.scenario.name),
            esc(&run.description())
        );
        table(out, "scenario", &sections::shares(run));
        for t in sections::crossed(run) {
            let _ = write!(out, "<p class=\"threshold\">{}</p>", esc(&t));
        }
        if !run.allocation.warnings.is_empty() {
            out.push_str("<ul class=\"warnings\">");
            for w in &run.allocation.warnings {
                let _ = write!(out, "<li>{}</li>", esc(w));
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("</section>\n");
}

fn appetite(out: &mut String, report: &Report) {
    out.push_str("<section id=\"appetite\"><h2>Appetite and tolerance</h2>");
    table(out, "", &sections::appetite(report));
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p></section>",
        sections::BREAK_EVEN_NOTE
    );
}

/// A report table: its headings, a heading cell for each row, then its cells.
fn table(out: &mut String, class: &str, t: &Table) {
    let head: Vec<&str> = t.head.iter().map(String::as_str).collect();
    if class.is_empty() {
        out.push_str("<table>");
    } else {
        let _ = write!(out, "<table class=\"{class}\">");
    }
    out.push_str(&th(&head));
    out.push_str("<tbody>");
    for (heading, cells) in &t.rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(heading));
        for c in cells {
            match c {
                Cell::Text(text) => {
                    let _ = write!(out, "<td>{}</td>", esc(text));
                }
                Cell::Money(v) => out.push_str(&money(*v)),
                Cell::Breach(v) => {
                    let _ = write!(
                        out,
                        "<td class=\"num breach\">{} ! breach</td>",
                        grouped(*v)
                    );
                }
                Cell::Figure(f) => {
                    let _ = write!(out, "<td class=\"num\">{}</td>", esc(f));
                }
                Cell::Blank => out.push_str("<td class=\"num\">-</td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn charts(out: &mut String, report: &Report) {
    let a = report.agreement;
    out.push_str(
        "<section id=\"charts\"><h2>Charts</h2><h3>Each partner's exposure as the variance \
         moves</h3><p>Each partner's total, no risks happening, as every scheme's variance \
         runs from -10% to +10% of its budget; the dashed line is its loss tolerance.</p>\
         <div class=\"grid\">",
    );
    for ((id, totals), party) in report.sweep.totals.iter().zip(&a.parties) {
        out.push_str(&svg::exposure_curve(
            &format!("{} ({id})", party.name),
            &report.sweep.percents,
            totals,
            a.loss_tolerance(party),
        ));
    }
    out.push_str("</div><h3>The scenarios side by side</h3>");
    let ids: Vec<String> = a.parties.iter().map(|p| p.id.clone()).collect();
    let names: Vec<String> = report
        .runs
        .iter()
        .map(|r| r.scenario.name.clone())
        .collect();
    let totals: Vec<Vec<rust_decimal::Decimal>> = report
        .runs
        .iter()
        .map(|r| r.allocation.parties.iter().map(|p| p.total).collect())
        .collect();
    out.push_str(&svg::scenario_bars(
        "Each partner's total by scenario",
        &ids,
        &names,
        &totals,
    ));
    out.push_str("</section>\n");
}

fn register(out: &mut String, a: &Agreement) {
    out.push_str("<section id=\"register\"><h2>Risk register</h2><div class=\"heatmaps\">");
    for (residual, title) in [(false, "Inherent"), (true, "Residual")] {
        heatmap_table(out, a, residual, title);
    }
    out.push_str("</div><table class=\"register\">");
    out.push_str(&th(&[
        "ID",
        "Risk",
        "Owner",
        "Scheme",
        "Boundary",
        "Score",
        "Residual",
        "Cost",
        "Treatment",
        "Review",
    ]));
    out.push_str("<tbody>");
    for r in &a.risks {
        let inherent = band(a, r.score());
        let residual = band(a, r.residual_score());
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"band {}\">{} {}</td><td class=\"band {}\">{} {}</td>{}<td>{}</td><td>{}</td></tr>",
            esc(&r.id),
            esc(&r.title),
            if r.mitigation.is_empty() {
                String::new()
            } else {
                format!(
                    "<br><span class=\"note\">Mitigation: {}</span>",
                    esc(&r.mitigation)
                )
            },
            esc(&r.owner),
            esc(r.scheme.as_deref().unwrap_or("-")),
            esc(r.boundary.label()),
            class(inherent),
            r.score(),
            inherent.letter(),
            class(residual),
            r.residual_score(),
            residual.letter(),
            money(r.cost),
            esc(r.treatment.label()),
            esc(&r.review)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// The 5x5 grid as a coloured table: impact up, likelihood across, count and band letter.
fn heatmap_table(out: &mut String, a: &Agreement, residual: bool, title: &str) {
    let grid = heatmap(a, residual);
    let _ = write!(
        out,
        "<table class=\"heatmap\"><caption>{title}</caption><tbody>"
    );
    for impact in (1..=5u8).rev() {
        let _ = write!(out, "<tr><th scope=\"row\">{impact}</th>");
        for likelihood in 1..=5u8 {
            let b = band(a, likelihood * impact);
            let count = grid[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let _ = write!(
                out,
                "<td class=\"band {}\">{}<span class=\"letter\">{}</span></td>",
                class(b),
                if count == 0 {
                    String::new()
                } else {
                    count.to_string()
                },
                b.letter()
            );
        }
        out.push_str("</tr>");
    }
    out.push_str(
        "<tr><th></th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr></tbody>\
         <tfoot><tr><td colspan=\"6\">impact up, likelihood across</td></tr></tfoot></table>",
    );
}

fn class(b: ScoreBand) -> &'static str {
    match b {
        ScoreBand::Low => "low",
        ScoreBand::Moderate => "moderate",
        ScoreBand::High => "high",
        ScoreBand::Extreme => "extreme",
    }
}

fn benefits(out: &mut String, a: &Agreement) {
    out.push_str("<section id=\"benefits\"><h2>Expected benefits</h2>");
    if a.benefits.is_empty() {
        out.push_str("<p>The agreement lists no benefits.</p></section>\n");
        return;
    }
    out.push_str("<table>");
    out.push_str(&th(&[
        "ID",
        "Benefit",
        "Realised by",
        "Scheme",
        "Value",
        "Shared",
    ]));
    out.push_str("<tbody>");
    for b in &a.benefits {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
            esc(&b.id),
            esc(&b.title),
            esc(&b.realised_by),
            esc(b.scheme.as_deref().unwrap_or("-")),
            money(b.value),
            if b.shared { "yes" } else { "no" }
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn findings(out: &mut String, report: &Report) {
    let found = &report.findings;
    out.push_str("<section id=\"findings\"><h2>Governance findings</h2>");
    if found.is_empty() {
        out.push_str("<p>The governance checks found nothing to act on.</p>");
    } else {
        out.push_str("<table class=\"findings\">");
        out.push_str(&th(&["Check", "Severity", "About", "Finding"]));
        out.push_str("<tbody>");
        for f in found {
            let _ = write!(
                out,
                "<tr><td>{} {}</td><td class=\"{}\">{}</td><td>{} {}</td><td>{}</td></tr>",
                esc(f.code),
                esc(crate::engine::checks::name_of(f.code)),
                f.severity.label(),
                f.severity.label(),
                f.subject.kind(),
                esc(f.subject.id()),
                esc(&f.message)
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}
