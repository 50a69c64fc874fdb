//! `riskshare import FILE --risks REGISTER`: registers made here as CSV and as .xlsx, with
//! Datix-like headings, bad rows, a blank row, a header alone and 10,000 rows.

use assert_cmd::Command;
use riskshare::model::{Agreement, Boundary};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn import(file: &Path, register: &Path, more: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg("import")
        .arg(file)
        .arg("--risks")
        .arg(register)
        .args(more)
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A copy of anytown and a register beside it.
fn setup(register_name: &str, register: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("anytown.ron");
    std::fs::copy(ANYTOWN, &file).unwrap();
    let reg = dir.path().join(register_name);
    std::fs::write(&reg, register).unwrap();
    (dir, file, reg)
}

fn load(path: &Path) -> Agreement {
    riskshare::store::load(path).unwrap()
}

const DATIX: &str = "Risk ID,Description,Risk Owner,Likelihood (initial),Consequence (initial),\
Likelihood (current),Consequence (current),Financial impact (£),Controls in place,\
Date for next review,Boundary,Handler\n";

#[test]
fn datix_headings_update_by_id_add_new_risks_and_skip_blank_rows() {
    let register = format!(
        "{DATIX}\
R1,Winter demand far above plan,anytown integrated CARE board,5,4,4,4,\"£450,000.00\",Surge beds,01/12/2026,,J Smith\n\
,,,,,,,,,,,\n\
R9,Home care market fails,LA,4 - Likely,Major,3,3,12500.50,Provider of last resort,2027-01-15,Health-social care,A Jones\n"
    );
    let (dir, file, reg) = setup("register.csv", &register);
    let out = dir.path().join("out.ron");
    let run = import(&file, &reg, &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported 2 risks from register.csv (1 added, 1 updated)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("columns not used: Handler"),
        "{}",
        run.stdout
    );
    let a = load(&out);
    assert_eq!(a.risks.len(), 5);
    let r1 = a.risk("R1").unwrap();
    assert_eq!(r1.title, "Winter demand far above plan");
    assert_eq!((r1.likelihood, r1.impact), (5, 4));
    assert_eq!(r1.residual_position(), (4, 4));
    assert_eq!(r1.cost, Decimal::from(450_000));
    assert_eq!(r1.review, "2026-12-01");
    // What the register does not say is kept.
    assert_eq!(r1.scheme.as_deref(), Some("OOH"));
    assert_eq!(r1.boundary, Boundary::CommissionerProvider);
    let r9 = a.risk("R9").unwrap();
    assert_eq!(r9.owner, "LA");
    assert_eq!((r9.likelihood, r9.impact), (4, 4));
    assert_eq!(r9.cost, Decimal::new(1_250_050, 2));
    assert_eq!(r9.boundary, Boundary::HealthSocialCare);
    assert_eq!(r9.review, "2027-01-15");
    // -o leaves the agreement as it was.
    assert_eq!(load(&file), load(Path::new(ANYTOWN)));
}

const BAD: &str = "ID,Title,Owner,Likelihood,Impact,Cost,Review date,Boundary\n\
R10,Good one,ICB,3,3,1000,2026-06-30,ServiceService\n\
R11,Never happens,ICB,0,3,1000,2026-06-30,ServiceService\n\
R12,Owned by a stranger,NHS England,2,2,1000,2026-06-30,ServiceService\n\
R10,Same id again,LA,2,2,1000,2026-06-30,ServiceService\n\
R13,Fraction of a penny,LA,2,2,1.005,2026-06-30,ServiceService\n\
R14,When?,LA,2,2,1000,31/02/2026,ServiceService\n\
R15,Also good,VCS,1,2,\"2,000\",,ServiceService\n";

#[test]
fn every_bad_row_is_named_with_its_row_and_nothing_is_written() {
    let (_dir, file, reg) = setup("register.csv", BAD);
    let before = std::fs::read(&file).unwrap();
    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(1));
    let lines: Vec<&str> = run.stderr.lines().collect();
    let expect = [
        "row 3: likelihood '0' is not 1 to 5",
        "row 4: owner 'NHS England' is not a party to the agreement (the parties are ICB, LA, ACUTE, VCS)",
        "row 5: duplicate ID 'R10' (first on row 2)",
        "row 6: cost '1.005' has a fraction of a penny",
        "row 7: review date '31/02/2026' is not a date",
    ];
    for (line, want) in lines.iter().zip(expect) {
        assert!(line.contains(want), "{line} / {want}");
    }
    assert_eq!(
        lines[5],
        "riskshare: nothing was imported: 5 bad rows; mend them or give --skip-bad to import the good rows"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn skip_bad_imports_the_good_rows_in_place_and_says_what_it_skipped() {
    let (_dir, file, reg) = setup("register.csv", BAD);
    let run = import(&file, &reg, &["--skip-bad"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.matches("skipped ").count(), 5, "{}", run.stdout);
    assert!(
        run.stdout.contains("row 4: owner 'NHS England'"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("imported 2 risks from register.csv (2 added, 0 updated)")
    );
    let a = load(&file);
    assert_eq!(a.risks.len(), 6);
    assert_eq!(a.risk("R15").unwrap().cost, Decimal::from(2000));
    assert!(a.risk("R11").is_none() && a.risk("R13").is_none());
    // The previous version is kept beside it; the comments stay; the log says what happened.
    assert!(file.with_file_name("anytown.ron.bak").exists());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("// The first 1% of the budget left after contingency falls to the host.")
    );
    let entry = a.log.last().expect("a decision-log entry");
    assert_eq!(entry.change, "imported 2 risks from register.csv");
    assert_eq!(
        entry.note,
        "skipped bad rows of register.csv: 3, 4, 5, 6, 7"
    );
    assert!(entry.at.ends_with('Z'));
}

#[test]
fn a_header_alone_or_a_missing_column_is_refused() {
    let (_dir, file, reg) = setup("register.csv", DATIX);
    let before = std::fs::read(&file).unwrap();
    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("has a header row but no risks under it"),
        "{}",
        run.stderr
    );

    std::fs::write(&reg, "Ref,Risk,Owner,Likelihood\nR1,x,ICB,3\n").unwrap();
    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("the header row has no Impact (or Consequence, Severity) column"),
        "{}",
        run.stderr
    );
    std::fs::write(&reg, "").unwrap();
    assert_eq!(import(&file, &reg, &[]).code, Some(1));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_new_risk_without_a_boundary_is_a_bad_row() {
    let (_dir, file, reg) = setup(
        "register.csv",
        "ID,Title,Owner,Likelihood,Impact\nR20,No boundary given,ICB,2,2\n",
    );
    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("row 2: risk 'R20' is new and has no boundary"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_xlsx_register_with_numbers_and_dates_on_a_named_sheet() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("anytown.ron");
    std::fs::copy(ANYTOWN, &file).unwrap();
    let reg = dir.path().join("register.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "read me")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Register").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in [
        "Ref",
        "Risk",
        "Risk owner",
        "Likelihood",
        "Severity",
        "Cost",
        "Next review",
        "Boundary",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, f64, f64, f64); 3] = [
        (
            "R2",
            "Care home fees",
            "Anytown Borough Council",
            4.0,
            3.0,
            200000.0,
        ),
        ("R30", "Workforce strike", "ACUTE", 2.0, 5.0, 75000.25),
        ("R31", "Likelihood nought", "ACUTE", 0.0, 5.0, 1.0),
    ];
    for (i, (id, title, owner, l, s, cost)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, *owner).unwrap();
        sheet.write_number(r, 3, *l).unwrap();
        sheet.write_number(r, 4, *s).unwrap();
        sheet.write_number(r, 5, *cost).unwrap();
        let day = ExcelDateTime::from_ymd(2026, 9, 30).unwrap();
        sheet.write_datetime_with_format(r, 6, &day, &date).unwrap();
        sheet.write_string(r, 7, "ProviderProvider").unwrap();
    }
    book.save(&reg).unwrap();

    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(1), "the first sheet has no register");
    assert!(
        run.stderr.contains("the header row has no"),
        "{}",
        run.stderr
    );

    let run = import(&file, &reg, &["--sheet", "register"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("register.xlsx: row 4: likelihood '0' is not 1 to 5"),
        "{}",
        run.stderr
    );

    let run = import(&file, &reg, &["--sheet", "Register", "--skip-bad"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported 2 risks from register.xlsx (1 added, 1 updated)"),
        "{}",
        run.stdout
    );
    let a = load(&file);
    let r2 = a.risk("R2").unwrap();
    assert_eq!(
        (r2.likelihood, r2.impact, r2.cost),
        (4, 3, Decimal::from(200_000))
    );
    assert_eq!(r2.review, "2026-09-30");
    let r30 = a.risk("R30").unwrap();
    assert_eq!(r30.cost, Decimal::new(7_500_025, 2));
    assert_eq!(r30.boundary, Boundary::ProviderProvider);

    let run = import(&file, &reg, &["--sheet", "Nope"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("has no worksheet 'Nope'; its worksheets are 'Notes' and 'Register'"),
        "{}",
        run.stderr
    );
}

#[test]
fn ten_thousand_rows_import() {
    let mut register = String::from("ID,Title,Owner,Likelihood,Impact,Cost,Boundary\n");
    let owners = ["ICB", "LA", "ACUTE", "VCS"];
    for i in 0..10_000 {
        register.push_str(&format!(
            "G{i},Generated risk {i},{},{},{},{}.{:02},ServiceService\n",
            owners[i % 4],
            i % 5 + 1,
            (i / 5) % 5 + 1,
            i * 7,
            i % 100
        ));
    }
    let (_dir, file, reg) = setup("big.csv", &register);
    let run = import(&file, &reg, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported 10000 risks from big.csv (10000 added, 0 updated)")
    );
    let a = load(&file);
    assert_eq!(a.risks.len(), 10_004);
    assert_eq!(a.risk("G9999").unwrap().cost, Decimal::new(6_999_399, 2));
}
