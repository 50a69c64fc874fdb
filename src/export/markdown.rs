//! `export --format md`: the board report in Markdown, for pasting into a paper. The same
//! sections as the HTML report, tables in, charts left out.

use super::amount::grouped;
use super::report::{Report, band, heatmap};
use super::sections::{self, Cell, Table};
use super::sentences::{pool_sentence, pounds, scheme_sentences};
use std::fmt::Write;

/// The whole report as Markdown.
pub fn render(report: &Report, source: &str) -> String {
    let a = report.agreement;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&a.name));
    let _ = writeln!(
        out,
        "Risk and benefit share: board report{}. Made by riskshare from `{}`. Amounts are in \
         pounds; positive amounts are costs to a partner, negative amounts savings.\n",
        if a.period.is_empty() {
            String::new()
        } else {
            format!(", {}", text(&a.period))
        },
        source.replace('`', "'")
    );
    summary(&mut out, report);
    parties(&mut out, report);
    rules(&mut out, report);
    waterfall(&mut out, report);
    scenarios(&mut out, report);
    appetite(&mut out, report);
    register(&mut out, report);
    benefits(&mut out, report);
    findings(&mut out, report);
    out
}

/// Text from the file, made inert in Markdown: no table breaks, no markup, no raw HTML.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// A header row and its rule; `right` marks the columns of figures.
fn head(out: &mut String, cells: &[&str], right: &[bool]) {
    row(out, &cells.iter().map(|c| text(c)).collect::<Vec<_>>());
    let rule: Vec<String> = right
        .iter()
        .map(|r| if *r { "---:".into() } else { "---".into() })
        .collect();
    row(out, &rule);
}

fn summary(out: &mut String, report: &Report) {
    let a = report.agreement;
    let _ = writeln!(
        out,
        "## At a glance\n\n{} partners pool {} in {} schemes. Each partner's total in each \
         scenario; **! breach** marks a total above the partner's loss tolerance.\n",
        a.parties.len(),
        a.pooled_total().map_or_else(|| "too large".into(), pounds),
        a.schemes.len()
    );
    let mut cells = vec!["Partner", "Tolerance"];
    cells.extend(report.runs.iter().map(|r| r.scenario.name.as_str()));
    let mut right = vec![false];
    right.extend(std::iter::repeat_n(true, cells.len() - 1));
    head(out, &cells, &right);
    for (i, p) in a.parties.iter().enumerate() {
        let mut cells = vec![text(&p.name), grouped(a.loss_tolerance(p))];
        for run in &report.runs {
            cells.push(match run.allocation.parties.get(i) {
                Some(e) if e.breach => format!("**{} ! breach**", grouped(e.total)),
                Some(e) => grouped(e.total),
                None => String::new(),
            });
        }
        row(out, &cells);
    }
    out.push('\n');
}

fn parties(out: &mut String, report: &Report) {
    let a = report.agreement;
    out.push_str("## Partners and contributions\n\n");
    let mut cells = vec!["Partner", "Kind"];
    cells.extend(a.schemes.iter().map(|s| s.id.as_str()));
    cells.extend(["Total", "Appetite"]);
    let mut right = vec![false, false];
    right.extend(std::iter::repeat_n(true, a.schemes.len() + 1));
    right.push(false);
    head(out, &cells, &right);
    for p in &a.parties {
        let mut cells = vec![
            format!("{} ({})", text(&p.name), text(&p.id)),
            p.kind.label().to_string(),
        ];
        cells.extend(a.schemes.iter().map(|s| {
            s.contributions
                .get(&p.id)
                .map_or_else(|| "-".into(), |v| grouped(*v))
        }));
        cells.push(grouped(a.total_contribution(&p.id)));
        cells.push(format!("{:?}", p.appetite));
        row(out, &cells);
    }
    let mut cells = vec!["**Budget**".to_string(), String::new()];
    cells.extend(a.schemes.iter().map(|s| grouped(s.budget())));
    cells.push(grouped(a.pooled_total().unwrap_or_default()));
    cells.push(String::new());
    row(out, &cells);
    out.push('\n');
    for s in &a.schemes {
        let _ = writeln!(out, "- **{}**: {}", text(&s.id), text(&s.name));
    }
    out.push('\n');
}

fn rules(out: &mut String, report: &Report) {
    let a = report.agreement;
    out.push_str("## How each scheme's variance is shared\n\n");
    if let Some(pool) = pool_sentence(a) {
        let _ = writeln!(out, "{}\n", text(&pool));
    }
    for s in &a.schemes {
        let [over, under] = scheme_sentences(a, s);
        let _ = writeln!(
            out,
            "### {} ({})\n\n{}\n\n{}\n",
            text(&s.name),
            text(&s.id),
            text(&over),
            text(&under)
        );
    }
    if !a.review_thresholds.is_empty() {
        out.push_str("### Review thresholds\n\n");
        for t in sections::thresholds(a) {
            let _ = writeln!(out, "- {}", text(&t));
        }
        out.push('\n');
    }
}

fn waterfall(out: &mut String, report: &Report) {
    out.push_str("## The pool's waterfall\n\n");
    for run in &report.runs {
        let _ = writeln!(out, "### {}\n", text(&run.scenario.name));
        table(out, &sections::waterfall(run));
        out.push('\n');
    }
}

fn scenarios(out: &mut String, report: &Report) {
    out.push_str("## Scenarios\n\n");
    for run in &report.runs {
        let _ = writeln!(
            out,
            "### {}\n\n{}\n",
            text(&run.scenario.name),
            text(&run.description())
        );
        table(out, &sections::shares(run));
        out.push('\n');
        let crossed = sections::crossed(run);
        for t in &crossed {
            let _ = writeln!(out, "- {}", text(t));
        }
        if !crossed.is_empty() {
            out.push('\n');
        }
        for w in &run.allocation.warnings {
            let _ = writeln!(out, "- Warning: {}", text(w));
        }
        if !run.allocation.warnings.is_empty() {
            out.push('\n');
        }
    }
}

fn appetite(out: &mut String, report: &Report) {
    out.push_str("## Appetite and tolerance\n\n");
    table(out, &sections::appetite(report));
    let _ = writeln!(out, "\n{}\n", sections::BREAK_EVEN_NOTE);
}

/// A report table: its header and rule (figures to the right), then a row for each of its rows.
fn table(out: &mut String, t: &Table) {
    let mut right = vec![false];
    if let Some((_, cells)) = t.rows.first() {
        right.extend(cells.iter().map(|c| !matches!(c, Cell::Text(_))));
    } else {
        right.resize(t.head.len(), false);
    }
    let head: Vec<&str> = t.head.iter().map(String::as_str).collect();
    self::head(out, &head, &right);
    for (heading, cells) in &t.rows {
        let mut shown = vec![text(heading)];
        shown.extend(cells.iter().map(|c| match c {
            Cell::Text(s) | Cell::Figure(s) => text(s),
            Cell::Money(v) => grouped(*v),
            Cell::Breach(v) => format!("**{} ! breach**", grouped(*v)),
            Cell::Blank => "-".to_string(),
        }));
        row(out, &shown);
    }
}

fn register(out: &mut String, report: &Report) {
    let a = report.agreement;
    out.push_str("## Risk register\n\n");
    for (residual, title) in [(false, "Inherent"), (true, "Residual")] {
        let grid = heatmap(a, residual);
        let _ = writeln!(
            out,
            "{title} heatmap (impact up, likelihood across; count and band letter):\n"
        );
        head(
            out,
            &["Impact", "1", "2", "3", "4", "5"],
            &[false, true, true, true, true, true],
        );
        for impact in (1..=5u8).rev() {
            let mut cells = vec![impact.to_string()];
            for likelihood in 1..=5u8 {
                let count = grid[usize::from(likelihood - 1)][usize::from(impact - 1)];
                cells.push(format!("{count} {}", band(a, likelihood * impact).letter()));
            }
            row(out, &cells);
        }
        out.push('\n');
    }
    head(
        out,
        &[
            "ID",
            "Risk",
            "Owner",
            "Scheme",
            "Score",
            "Residual",
            "Cost",
            "Treatment",
            "Review",
        ],
        &[false, false, false, false, true, true, true, false, false],
    );
    for r in &a.risks {
        row(
            out,
            &[
                text(&r.id),
                text(&r.title),
                text(&r.owner),
                text(r.scheme.as_deref().unwrap_or("-")),
                format!("{} {}", r.score(), band(a, r.score()).letter()),
                format!(
                    "{} {}",
                    r.residual_score(),
                    band(a, r.residual_score()).letter()
                ),
                grouped(r.cost),
                r.treatment.label().to_string(),
                text(&r.review),
            ],
        );
    }
    out.push('\n');
}

fn benefits(out: &mut String, report: &Report) {
    let a = report.agreement;
    out.push_str("## Expected benefits\n\n");
    if a.benefits.is_empty() {
        out.push_str("The agreement lists no benefits.\n\n");
        return;
    }
    head(
        out,
        &["ID", "Benefit", "Realised by", "Scheme", "Value", "Shared"],
        &[false, false, false, false, true, false],
    );
    for b in &a.benefits {
        row(
            out,
            &[
                text(&b.id),
                text(&b.title),
                text(&b.realised_by),
                text(b.scheme.as_deref().unwrap_or("-")),
                grouped(b.value),
                if b.shared { "yes" } else { "no" }.into(),
            ],
        );
    }
    out.push('\n');
}

fn findings(out: &mut String, report: &Report) {
    out.push_str("## Governance findings\n\n");
    let found = &report.findings;
    if found.is_empty() {
        out.push_str("The governance checks found nothing to act on.\n");
    }
    for f in found {
        let _ = writeln!(
            out,
            "- {} {} ({}, {} {}): {}",
            f.code,
            crate::engine::checks::name_of(f.code),
            f.severity.label(),
            f.subject.kind(),
            text(f.subject.id()),
            text(&f.message)
        );
    }
}
