//! `riskshare export`: every format read back by a real reader (calamine, csv, serde, an HTML
//! parser), and every figure compared with what `calc` prints for the same scenario.

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");
const SCENARIOS: [&str; 4] = [
    "Expected",
    "Hard winter",
    "Schemes deliver",
    "Discharge pressure",
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
}

/// A copy of anytown in a fresh folder.
fn anytown_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("anytown.ron");
    std::fs::copy(ANYTOWN, &file).unwrap();
    (dir, file)
}

/// Runs an export and returns what it printed.
fn export(file: &Path, args: &[&str]) -> String {
    let out = bin().arg("export").arg(file).args(args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// `calc --scenario NAME --format json` (or other calc options).
fn calc(args: &[&str]) -> Value {
    let out = bin()
        .arg("calc")
        .arg(ANYTOWN)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Party id -> total, from calc's JSON.
fn totals(json: &Value) -> HashMap<String, String> {
    json["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["total"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `1,164,663.21` -> `1164663.21`.
fn plain(grouped: &str) -> String {
    grouped.replace(',', "")
}

#[test]
fn the_default_output_is_beside_the_agreement_and_said() {
    let (dir, file) = anytown_copy();
    let said = export(&file, &["--format", "html"]);
    let report = dir.path().join("anytown-report.html");
    assert!(report.exists());
    assert_eq!(said, format!("wrote {}\n", report.display()));
}

#[test]
fn the_agreement_itself_is_never_replaced() {
    let (_dir, file) = anytown_copy();
    let before = std::fs::read(&file).unwrap();
    let out = bin()
        .arg("export")
        .arg(&file)
        .args(["--format", "json", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is the agreement itself"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_unknown_scenario_is_refused_and_nothing_written() {
    let (dir, file) = anytown_copy();
    let out = bin()
        .arg("export")
        .arg(&file)
        .args(["--format", "csv", "--scenario", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no scenario 'nope'"));
    assert!(!dir.path().join("anytown-report.csv").exists());
}

#[test]
fn json_holds_the_agreement_and_exactly_calcs_results() {
    let (dir, file) = anytown_copy();
    export(&file, &["--format", "json", "--sweep"]);
    let text = std::fs::read_to_string(dir.path().join("anytown-report.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    // Read straight from the text, so the maps keep the order written (a Value sorts them).
    #[derive(serde::Deserialize)]
    struct Export {
        agreement: riskshare::model::Agreement,
    }
    let agreement = serde_json::from_str::<Export>(&text)
        .expect("the agreement reads back")
        .agreement;
    assert_eq!(
        agreement,
        riskshare::store::load(Path::new(ANYTOWN)).unwrap()
    );
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for (result, name) in results.iter().zip(SCENARIOS) {
        assert_eq!(result, &calc(&["--scenario", name]), "{name}");
    }
    // The sweep at +3% is calc --variance 3.
    let sweep = &json["sweep"];
    let at = sweep["variance_percent"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p == "3")
        .unwrap();
    for (party, total) in totals(&calc(&["--variance", "3"])) {
        assert_eq!(sweep["totals"][&party][at], total.as_str(), "{party}");
    }
}

#[test]
fn csv_is_one_tidy_table_adding_up_to_calcs_totals() {
    let (dir, file) = anytown_copy();
    let said = export(
        &file,
        &[
            "--format",
            "csv",
            "--scenario",
            "Hard winter",
            "--scenario",
            "schemes deliver",
            "--sweep",
        ],
    );
    let sweep_path = dir.path().join("anytown-report-sweep.csv");
    assert!(
        said.contains(&format!("wrote {}", sweep_path.display())),
        "{said}"
    );
    let mut reader = csv::Reader::from_path(dir.path().join("anytown-report.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["scenario", "scheme", "party", "share"]
    );
    let mut sums: HashMap<(String, String), rust_decimal::Decimal> = HashMap::new();
    let mut shares: HashMap<(String, String, String), String> = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let amount: rust_decimal::Decimal = row[3].parse().unwrap();
        *sums.entry((row[0].into(), row[2].into())).or_default() += amount;
        shares.insert((row[0].into(), row[1].into(), row[2].into()), row[3].into());
    }
    for name in ["Hard winter", "Schemes deliver"] {
        let json = calc(&["--scenario", name]);
        for (party, total) in totals(&json) {
            assert_eq!(
                sums[&(name.to_string(), party.clone())].to_string(),
                total,
                "{name} {party}"
            );
        }
        for scheme in json["schemes"].as_array().unwrap() {
            for (party, share) in scheme["shares"].as_object().unwrap() {
                let key = (
                    name.to_string(),
                    scheme["id"].as_str().unwrap().to_string(),
                    party.clone(),
                );
                assert_eq!(&shares[&key], share.as_str().unwrap());
            }
        }
    }
    assert!(!sums.keys().any(|(s, _)| s == "Expected"));

    let mut reader = csv::Reader::from_path(&sweep_path).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["variance_percent", "party", "total"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 21 * 4);
    for (party, total) in totals(&calc(&["--variance", "10"])) {
        assert!(
            rows.iter()
                .any(|r| &r[0] == "10" && r[1] == party && r[2] == total),
            "{party}"
        );
    }
}

fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f:.2}"),
        Data::Int(i) => format!("{i}.00"),
        other => format!("{other:?}"),
    }
}

#[test]
fn xlsx_has_every_sheet_currency_formats_and_a_chart() {
    let (dir, file) = anytown_copy();
    export(&file, &["--format", "xlsx"]);
    let path = dir.path().join("anytown-report.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Parties",
            "Schemes",
            "Risks",
            "Benefits",
            "Scenarios",
            "Totals",
            "Sweep"
        ]
    );

    let parties = sheet(&mut book, "Parties");
    assert_eq!(parties.len(), 5);
    assert_eq!(text(&parties[0][0]), "Id");
    let total_col = parties[0]
        .iter()
        .position(|c| text(c) == "Total contribution")
        .unwrap();
    assert_eq!(text(&parties[1][0]), "ICB");
    assert_eq!(parties[1][total_col], Data::Float(10_600_000.0));
    let styles = book.worksheet_style("Parties").unwrap();
    let style = styles
        .get((1, total_col as u32))
        .expect("the money cell has a style");
    let code = &style
        .number_format
        .as_ref()
        .expect("a number format")
        .format_code;
    assert!(code.contains('£') && code.contains("#,##0.00"), "{code}");

    let schemes = sheet(&mut book, "Schemes");
    assert_eq!(schemes.len(), 7);
    assert!(text(&schemes[1][3]).starts_with(
        "An overspend on Out-of-hospital services is met first from a contingency of £150,000;"
    ));
    assert_eq!(sheet(&mut book, "Risks").len(), 5);
    assert_eq!(sheet(&mut book, "Benefits").len(), 2);

    // Scenarios: one row per scheme member and per party outside the pool, per scenario.
    let rows = sheet(&mut book, "Scenarios");
    assert_eq!(text(&rows[0][3]), "Share");
    for name in SCENARIOS {
        let json = calc(&["--scenario", name]);
        for scheme in json["schemes"].as_array().unwrap() {
            for (party, share) in scheme["shares"].as_object().unwrap() {
                let row = rows
                    .iter()
                    .find(|r| {
                        text(&r[0]) == name && text(&r[1]) == scheme["id"] && text(&r[2]) == *party
                    })
                    .unwrap_or_else(|| panic!("{name} {party}"));
                assert_eq!(text(&row[3]), share.as_str().unwrap(), "{name} {party}");
            }
        }
        let totals_sheet = sheet(&mut book, "Totals");
        for (party, total) in totals(&json) {
            let row = totals_sheet
                .iter()
                .find(|r| text(&r[0]) == name && text(&r[1]) == party)
                .unwrap();
            assert_eq!(text(&row[6]), total, "{name} {party}");
        }
    }
    let sweep = sheet(&mut book, "Sweep");
    assert_eq!(sweep.len(), 22);
    let at3 = sweep.iter().find(|r| r[0] == Data::Float(3.0)).unwrap();
    assert_eq!(text(&at3[1]), totals(&calc(&["--variance", "3"]))["ICB"]);

    // The chart, the frozen header and the filters are in the package.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut chart = String::new();
    zip.by_name("xl/charts/chart1.xml")
        .unwrap()
        .read_to_string(&mut chart)
        .unwrap();
    assert!(chart.contains("<c:lineChart>"), "{chart}");
    let mut first = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut first)
        .unwrap();
    assert!(
        first.contains("state=\"frozen\"") && first.contains("<autoFilter"),
        "{first}"
    );
}

/// Every table of an HTML document, as rows of cell texts, with the table's class.
fn html_tables(html: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let mut out = Vec::new();
    for node in dom.nodes() {
        let Some(table) = node.as_tag().filter(|t| t.name() == "table") else {
            continue;
        };
        let class = table
            .attributes()
            .class()
            .map(|c| c.as_utf8_str().into_owned())
            .unwrap_or_default();
        let mut rows = Vec::new();
        for tr in table.query_selector(parser, "tr").unwrap() {
            let tr = tr.get(parser).unwrap().as_tag().unwrap();
            let cells: Vec<String> = tr
                .children()
                .top()
                .iter()
                .filter_map(|h| h.get(parser).and_then(|n| n.as_tag()))
                .filter(|t| t.name() == "td" || t.name() == "th")
                .map(|t| t.inner_text(parser).trim().to_string())
                .collect();
            rows.push(cells);
        }
        out.push((class, rows));
    }
    out
}

#[test]
fn html_is_self_contained_and_reads_back_with_calcs_figures() {
    let (dir, file) = anytown_copy();
    export(&file, &["--format", "html"]);
    let html = std::fs::read_to_string(dir.path().join("anytown-report.html")).unwrap();
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let tags: Vec<&tl::HTMLTag> = dom.nodes().iter().filter_map(|n| n.as_tag()).collect();

    // Nothing outside the file: no script, no link, no source, nothing that reaches the web.
    for tag in &tags {
        let name = tag.name().as_utf8_str();
        assert!(
            !["script", "link", "img", "iframe", "object", "embed"].contains(&name.as_ref()),
            "{name}"
        );
        for (key, _) in tag.attributes().iter() {
            assert!(!["src", "href"].contains(&key.as_ref()), "{name} {key}");
            assert!(!key.starts_with("on"), "{name} {key}");
        }
    }
    assert!(!html.contains("http"), "an address in the report");
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "CSS reaching out"
    );

    // One chart per party's exposure curve and one for the scenarios side by side.
    let svgs = tags.iter().filter(|t| t.name() == "svg").count();
    assert_eq!(svgs, 4 + 1);

    // The rule sentences of anytown's three schemes.
    let rules: Vec<String> = tags
        .iter()
        .filter(|t| t.attributes().is_class_member("rule"))
        .map(|t| t.inner_text(parser).into_owned())
        .collect();
    let anytown = riskshare::store::load(Path::new(ANYTOWN)).unwrap();
    // As the issue writes it (the parser leaves the apostrophe's entity as it is).
    let issue = "An overspend on Out-of-hospital services is met first from a contingency of \
                 £150,000; the next 1% of the budget (£120,000) by Anytown Integrated Care Board; \
                 the rest in proportion to contributions, Anytown Borough Council's share being \
                 capped at 5% of its contribution (£200,000), with any excess met in proportion \
                 to contributions.";
    assert!(rules.contains(&issue.replace('\'', "&#39;")), "{rules:?}");
    for scheme in &anytown.schemes {
        for sentence in riskshare::export::sentences::scheme_sentences(&anytown, scheme) {
            let escaped = sentence.replace('\'', "&#39;");
            assert!(rules.contains(&escaped), "{sentence}");
        }
    }

    // Every table has a header and rows; the scenario tables carry calc's figures.
    let tables = html_tables(&html);
    assert!(tables.len() >= 12, "{}", tables.len());
    for (class, rows) in &tables {
        assert!(rows.len() >= 2, "table {class} has no rows");
    }
    let scenario_tables: Vec<&Vec<Vec<String>>> = tables
        .iter()
        .filter(|(c, _)| c == "scenario")
        .map(|(_, r)| r)
        .collect();
    assert_eq!(scenario_tables.len(), 4);
    for (rows, name) in scenario_tables.iter().zip(SCENARIOS) {
        let json = calc(&["--scenario", name]);
        let total_col = rows[0].iter().position(|c| c == "Total").unwrap();
        for (party, total) in totals(&json) {
            let row = rows.iter().find(|r| r[0] == party).unwrap();
            assert_eq!(plain(&row[total_col]), total, "{name} {party}");
        }
        for scheme in json["schemes"].as_array().unwrap() {
            let col = rows[0]
                .iter()
                .position(|c| c == scheme["id"].as_str().unwrap())
                .unwrap();
            for (party, share) in scheme["shares"].as_object().unwrap() {
                let row = rows.iter().find(|r| &r[0] == party).unwrap();
                assert_eq!(plain(&row[col]), share.as_str().unwrap(), "{name} {party}");
            }
        }
    }
    // The heatmaps: 5x5 with band letters, the four risks counted once each.
    let heatmaps: Vec<&Vec<Vec<String>>> = tables
        .iter()
        .filter(|(c, _)| c == "heatmap")
        .map(|(_, r)| r)
        .collect();
    assert_eq!(heatmaps.len(), 2);
    // Impact 4, likelihood 1 to 5: scores 4 M, 8 H, 12 H (R3), 16 E (R1), 20 E.
    assert_eq!(heatmaps[0][1], vec!["4", "M", "H", "1H", "1E", "E"]);
    // Residual: R1 moves to 3x4, R3 to 2x3.
    assert_eq!(heatmaps[1][1], vec!["4", "M", "H", "1H", "E", "E"]);
}

#[test]
fn text_from_the_file_cannot_inject_markup_into_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.ron");
    let text = std::fs::read_to_string(ANYTOWN)
        .unwrap()
        .replace(
            "name: \"Anytown Better Care Fund 2026/27\"",
            "name: \"<script>alert('pool')</script>\"",
        )
        .replace(
            "\"Anytown Borough Council\"",
            "\"Council\\\"><img src=x onerror=alert(1)> | **bold** <b>\"",
        )
        .replace(
            "\"Winter demand exceeds the planned bed days\"",
            "\"</td></tr></table><a href=\\\"http://evil.example\\\">click</a>\"",
        );
    std::fs::write(&file, text).unwrap();
    export(&file, &["--format", "html"]);
    let html = std::fs::read_to_string(dir.path().join("evil-report.html")).unwrap();
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    for node in dom.nodes() {
        if let Some(tag) = node.as_tag() {
            let name = tag.name().as_utf8_str();
            assert!(
                !["script", "img", "a", "b"].contains(&name.as_ref()),
                "{name} got through"
            );
        }
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;pool&#39;)&lt;/script&gt;"));
    assert!(html.contains("Council&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // The same number of tables as for the plain file: the risk title closed none of them.
    let (plain_dir, plain) = anytown_copy();
    export(&plain, &["--format", "html"]);
    let plain_html = std::fs::read_to_string(plain_dir.path().join("anytown-report.html")).unwrap();
    assert_eq!(html_tables(&html).len(), html_tables(&plain_html).len());

    export(&file, &["--format", "md"]);
    let md = std::fs::read_to_string(dir.path().join("evil-report.md")).unwrap();
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(
        md.contains("Council\"\\>\\<img src=x onerror=alert(1)\\> \\| \\*\\*bold\\*\\* \\<b\\>")
    );
    // The glance row still has its six cells (partner, tolerance, four scenarios): the pipe in
    // the name split none.
    let line = md
        .lines()
        .find(|l| l.contains("onerror") && l.starts_with("| Council"))
        .unwrap();
    assert_eq!(line.matches(" | ").count(), 5, "{line}");
}

#[test]
fn markdown_carries_the_sections_and_calcs_figures() {
    let (dir, file) = anytown_copy();
    export(&file, &["--format", "md", "--scenario", "Hard winter"]);
    let md = std::fs::read_to_string(dir.path().join("anytown-report.md")).unwrap();
    for heading in [
        "# Anytown Better Care Fund 2026/27",
        "## At a glance",
        "## Partners and contributions",
        "## How each scheme's variance is shared",
        "## The pool's waterfall",
        "## Scenarios",
        "## Appetite and tolerance",
        "## Risk register",
        "## Expected benefits",
        "## Governance findings",
    ] {
        assert!(md.lines().any(|l| l == heading), "{heading}");
    }
    assert!(md.contains("An overspend on Discharge and transfers of care is met equally."));
    assert!(!md.contains("<svg"));
    let icb = md.lines().find(|l| l.starts_with("| ICB |")).unwrap();
    let total = totals(&calc(&["--scenario", "Hard winter"]))["ICB"].clone();
    assert!(icb.split(" | ").any(|c| plain(c) == total), "{icb}");
}

#[test]
fn the_break_even_points_are_sweeps_breach_at() {
    let (dir, file) = anytown_copy();
    export(&file, &["--format", "md"]);
    let md = std::fs::read_to_string(dir.path().join("anytown-report.md")).unwrap();
    let out = bin()
        .arg("sweep")
        .arg(&file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let sweep: Value = serde_json::from_slice(&out.stdout).unwrap();
    let anytown = riskshare::store::parse(&std::fs::read_to_string(&file).unwrap(), "a").unwrap();
    let mut seen = 0;
    for (party, found) in anytown
        .parties
        .iter()
        .zip(sweep["parties"].as_array().unwrap())
    {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", party.name)) && l.contains('%'))
            .unwrap_or_else(|| panic!("no appetite row for {}", party.name));
        let shown = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
        match found["breach_at"].as_f64() {
            Some(at) => {
                let value: f64 = shown.trim_end_matches('%').parse().unwrap();
                assert_eq!(value, at, "{}: {row}", party.id);
                seen += 1;
            }
            None => assert_eq!(shown, "not within -100% to +100%", "{row}"),
        }
    }
    // ICB at +2.92% and LA at +4.97%, as `sweep` finds them.
    assert_eq!(seen, 2);
}

#[test]
fn a_file_already_there_is_replaced_only_with_force() {
    let (dir, file) = anytown_copy();
    let report = dir.path().join("anytown-report.md");
    std::fs::write(&report, "the board's own notes").unwrap();
    let out = bin()
        .arg("export")
        .arg(&file)
        .args(["--format", "md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("anytown-report.md is already there; add --force to replace it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "the board's own notes"
    );
    export(&file, &["--format", "md", "--force"]);
    assert!(std::fs::read_to_string(&report).unwrap().contains("ICB"));
}

#[test]
fn a_folder_as_the_output_is_refused_with_a_file_name_to_use() {
    let (dir, file) = anytown_copy();
    let out = bin()
        .arg("export")
        .arg(&file)
        .args(["--format", "html", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a folder; give a file's name, such as"),
        "{err}"
    );
    assert!(err.contains("anytown-report.html"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}
