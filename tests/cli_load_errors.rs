//! A file with several problems gets every one of them, a sentence each with its field, value
//! and line, from `check`, `calc` and the workbench's open alike (issue 9: "opening a file with
//! three errors prints only the first").

use assert_cmd::Command;
use std::time::Duration;

const FILE: &str = "tests/bad_files/three_errors.ron";

const EACH: [&str; 3] = [
    "three_errors.ron:32: party 'LA': loss_tolerance -5 is negative",
    "three_errors.ron:100: risk 'R1': likelihood 9 is outside 1-5",
    "three_errors.ron:125: risk 'R3': likelihood 0 is outside 1-5",
];

fn refused(args: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .env(
            "RISKSHARE_HOME",
            std::env::temp_dir().join("riskshare-load-errors"),
        )
        .write_stdin("")
        .timeout(Duration::from_secs(30))
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
    stderr.lines().map(str::to_string).collect()
}

#[test]
fn check_calc_and_the_workbench_list_all_three_errors() {
    for args in [vec!["check", FILE], vec!["calc", FILE], vec![FILE]] {
        let lines = refused(&args);
        assert_eq!(lines.len(), 3, "{args:?}: {lines:#?}");
        for (line, want) in lines.iter().zip(EACH) {
            assert!(line.starts_with("riskshare: tests/bad_files/"), "{line}");
            assert!(line.contains(want), "{args:?}: {line} lacks {want}");
        }
    }
}

#[test]
fn the_library_reports_every_error_and_one_alone_as_before() {
    let err = riskshare::store::load(std::path::Path::new(FILE)).expect_err("refused");
    assert_eq!(err.lines().len(), 3);
    assert_eq!(err.line(), Some(32));
    let one = riskshare::store::load(std::path::Path::new("tests/bad_files/likelihood_7.ron"))
        .expect_err("refused");
    assert!(matches!(one, riskshare::store::LoadError::Invalid { .. }));
    assert_eq!(one.lines().len(), 1);
}

#[test]
fn a_file_of_thousands_of_errors_lists_the_first_twenty_then_how_many_more() {
    // 5,000 review thresholds that fall: 4,999 errors, the last on the file's last lines.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("falling.ron");
    let rows: String = (0..5000)
        .map(|i| {
            format!(
                "    (at: {:.2}, action: \"review\"),\n",
                99.99 - f64::from(i) * 0.01
            )
        })
        .collect();
    let text =
        format!("(\n  format: 1,\n  name: \"falling\",\n  review_thresholds: [\n{rows}  ],\n)\n");
    std::fs::write(&path, text).expect("written");
    let file = path.display().to_string();
    for args in [vec!["check", &file], vec!["calc", &file], vec![&file]] {
        let lines = refused(&args);
        assert_eq!(lines.len(), 21, "{args:?}: {lines:#?}");
        for (n, line) in lines[..20].iter().enumerate() {
            let want = format!("falling.ron:{}: review thresholds do not rise", n + 6);
            assert!(line.contains(&want), "{args:?}: {line} lacks {want}");
        }
        assert!(
            lines[20].ends_with("falling.ron: and 4,979 more errors after these"),
            "{args:?}: {}",
            lines[20]
        );
    }
}
