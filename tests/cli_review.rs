//! What a reviewer met at the command line, as an analyst runs it: a mistyped command, held
//! schemes in `sweep` and `simulate`, a scheme with no budget, a scheme given twice, values out
//! of range, export options that do nothing, and `diff` across unrelated agreements.

use assert_cmd::Command;
use std::process::Output;

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn riskshare_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn riskshare(args: &[&str]) -> Output {
    riskshare_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A usage refusal: exit 2, nothing on stdout, the sentence first on stderr (a help hint may
/// follow it); returns the sentence.
fn usage_refusal(args: &[&str]) -> String {
    let out = riskshare(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(stderr.lines().count() <= 2, "{args:?}: {stderr}");
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("riskshare: "), "{stderr}");
    first["riskshare: ".len()..].to_string()
}

// 1. A mistyped command.

#[test]
fn a_mistyped_command_names_the_nearest_one() {
    assert_eq!(
        usage_refusal(&["simualte", ANYTOWN]),
        "there is no command `simualte`; did you mean `simulate`?"
    );
    assert_eq!(
        usage_refusal(&["chek"]),
        "there is no command `chek`; did you mean `check`?"
    );
    assert_eq!(
        usage_refusal(&["--ascii", "exprot", ANYTOWN, "--format", "md"]),
        "there is no command `exprot`; did you mean `export`?"
    );
}

#[test]
fn a_word_that_reads_as_a_file_still_opens_the_workbench() {
    // Without a terminal the workbench says it needs one: the name reached the workbench, which
    // opens a missing file as a new agreement to save there.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["chek.ron", "./chek", "budget"] {
        let out = riskshare_in(dir.path(), &[name]);
        assert_eq!(
            text(&out.stderr),
            "riskshare: the workbench needs a terminal; use `riskshare calc` or `riskshare check` in scripts\n",
            "{name}"
        );
    }
    // A file that exists is opened whatever its name.
    std::fs::copy(ANYTOWN, dir.path().join("chek")).expect("copied");
    let out = riskshare_in(dir.path(), &["chek"]);
    assert!(
        text(&out.stderr).contains("the workbench needs a terminal"),
        "{}",
        text(&out.stderr)
    );
}
