//! `riskshare log` and `riskshare diff` through the binary.

use assert_cmd::Command;
use std::path::Path;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");
const LOGGED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreements/logged.ron");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .output()
        .expect("the binary runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn copy_with(dir: &Path, name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(ANYTOWN).unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.display().to_string()
}

#[test]
fn two_files_differing_in_one_contribution_give_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let new = copy_with(dir.path(), "new.ron", "\"LA\": 3000000", "\"LA\": 3250000");
    let (code, out, err) = run(&["diff", ANYTOWN, &new]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_eq!(
        out,
        "DTOC: LA's contribution from £3,000,000 to £3,250,000\n"
    );
    let (code, out, _) = run(&["diff", ANYTOWN, &new, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["equal"], false);
    assert_eq!(json["changes"][0]["before"], "£3,000,000");
    assert_eq!(json["changes"][0]["after"], "£3,250,000");
}

#[test]
fn two_equal_files_exit_0_even_when_laid_out_differently() {
    let dir = tempfile::tempdir().unwrap();
    let same = copy_with(
        dir.path(),
        "same.ron",
        "// Every figure is invented.",
        "// Re-commented.",
    );
    let (code, out, _) = run(&["diff", ANYTOWN, &same]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("No differences: {ANYTOWN} and {same} are the same agreement.\n")
    );
    let (code, out, _) = run(&["diff", ANYTOWN, ANYTOWN, "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"equal\": true"), "{out}");
}

#[test]
fn a_rule_change_reads_as_the_log_would_say_it() {
    let dir = tempfile::tempdir().unwrap();
    let new = copy_with(
        dir.path(),
        "cap.ron",
        "caps: {\"LA\": Percent(5)}",
        "caps: {\"LA\": Percent(7)}",
    );
    let (code, out, _) = run(&["diff", ANYTOWN, &new]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "OOH overspend: LA's cap from 5% of contribution to 7%\n"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_trouble_not_a_difference() {
    let (code, out, err) = run(&["diff", ANYTOWN, "/no/such/file.ron"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn the_log_as_a_table_is_newest_first_with_its_notes() {
    let (code, out, _) = run(&["log", LOGGED]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "2026-03-09T16:40:00Z  sam  POOL overspend: B's cap of £200,000 added\n\
         \x20                          note: agreed at the March board\n\
         2026-03-02T09:15:00Z  jo   POOL: B's contribution from £3,500,000 to £4,000,000\n"
    );
    let (_, out, _) = run(&["log", LOGGED, "--about", "A"]);
    assert_eq!(
        out,
        format!("None of the 2 decisions in {LOGGED} is about A.\n")
    );
    let (_, out, _) = run(&["log", ANYTOWN]);
    assert!(out.starts_with("No decisions are recorded in"), "{out}");
}

#[test]
fn the_log_as_json_and_csv_is_in_the_files_order() {
    let (code, out, _) = run(&["log", LOGGED, "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["by"], "jo");
    assert_eq!(json[1]["note"], "agreed at the March board");
    assert_eq!(json[1]["before"], "");
    let (code, out, _) = run(&["log", LOGGED, "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "at,by,change,before,after,note");
    assert_eq!(
        lines[2],
        "2026-03-09T16:40:00Z,sam,\"POOL overspend: B's cap of £200,000 added\",,\"£200,000\",agreed at the March board"
    );
    assert_eq!(lines.len(), 3);
}
