//! What a user meets at the edges of the command line: clap's mistakes as one sentence, no
//! terminal, a named pipe or device given as the file, and money written in ways that could be
//! misread. Each through the real binary.

use assert_cmd::Command;
use std::process::Output;
use std::time::{Duration, Instant};

const ANYTOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/anytown.ron");

fn riskshare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .args(args)
        .env(
            "RISKSHARE_HOME",
            std::env::temp_dir().join("riskshare-safety-inputs"),
        )
        .timeout(Duration::from_secs(20))
        .output()
        .expect("the binary runs")
}

/// A usage mistake: exit 2, a `riskshare:` sentence and at most one line of hint.
fn usage_mistake(args: &[&str]) -> String {
    let out = riskshare(args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(stderr.starts_with("riskshare: "), "{args:?}: {stderr}");
    assert!(stderr.lines().count() <= 2, "{args:?}: {stderr}");
    assert!(
        !stderr.contains("error:") && !stderr.contains("Usage:"),
        "{stderr}"
    );
    stderr.lines().next().unwrap_or_default().to_string()
}

#[test]
fn clap_mistakes_are_one_sentence_and_exit_2() {
    assert_eq!(
        usage_mistake(&["calc", ANYTOWN, "--bogus"]),
        "riskshare: there is no option `--bogus`"
    );
    assert_eq!(
        usage_mistake(&["calc"]),
        "riskshare: `calc` needs FILE, the agreement file"
    );
    assert_eq!(
        usage_mistake(&["calc", ANYTOWN, "--format", "xml"]),
        "riskshare: --format 'xml' is not one of table, json or csv"
    );
    assert_eq!(
        usage_mistake(&["calc", ANYTOWN, "--variance", "3", "--variance", "4"]),
        "riskshare: --variance is given more than once; give it once"
    );
    assert_eq!(
        usage_mistake(&["calc", ANYTOWN, "--varance", "3"]),
        "riskshare: there is no option `--varance`"
    );
    // A first word that is no command and no file, with more words after it, is no command.
    assert_eq!(
        usage_mistake(&["frobnicate", "x", "y"]),
        "riskshare: there is no command `frobnicate`; the commands are calc, check, export, \
         import, log, diff, compare, sweep and simulate"
    );
    assert_eq!(
        usage_mistake(&[ANYTOWN, "x"]),
        "riskshare: `x` is one word too many here"
    );
}

#[test]
fn every_command_points_to_its_own_help_and_formats_take_any_case() {
    for (args, help) in [
        (
            vec!["export", ANYTOWN, "--format", "pdf"],
            "`riskshare export --help`",
        ),
        (vec!["diff", ANYTOWN], "`riskshare diff --help`"),
        (
            vec!["log", ANYTOWN, "--format", "xml"],
            "`riskshare log --help`",
        ),
        (
            vec!["sweep", ANYTOWN, "--bogus"],
            "`riskshare sweep --help`",
        ),
    ] {
        let out = riskshare(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.lines().nth(1).unwrap_or_default().contains(help),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        usage_mistake(&["export", ANYTOWN]),
        "riskshare: `export` needs the option --format (html, md, xlsx, csv or json)"
    );
    let upper = riskshare(&["calc", ANYTOWN, "--format", "CSV"]);
    assert!(upper.status.success(), "{upper:?}");
    assert!(String::from_utf8_lossy(&upper.stdout).starts_with("kind,id,"));
}

#[test]
fn negative_numbers_reach_the_check_that_says_what_is_wrong() {
    assert_eq!(
        usage_mistake(&["sweep", ANYTOWN, "--step", "-1"]),
        "riskshare: --step '-1' must be more than 0"
    );
    for (args, option) in [
        (vec!["simulate", ANYTOWN, "--trials", "-5"], "--trials '-5'"),
        (vec!["simulate", ANYTOWN, "--spread", "-1"], "--spread '-1'"),
        (
            vec!["simulate", ANYTOWN, "--threads", "-2"],
            "--threads '-2'",
        ),
    ] {
        let said = usage_mistake(&args);
        assert!(said.starts_with(&format!("riskshare: {option}")), "{said}");
    }
}

#[test]
fn help_and_version_still_print() {
    let help = riskshare(&["calc", "--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--variance"));
    let version = riskshare(&["--version"]);
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("riskshare "));
}

#[test]
fn the_workbench_without_a_terminal_says_to_use_calc_or_check() {
    // No terminal anywhere: standard input is /dev/null and the output goes to pipes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_riskshare"))
        .arg(ANYTOWN)
        .env(
            "RISKSHARE_HOME",
            std::env::temp_dir().join("riskshare-safety-inputs"),
        )
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "riskshare: the workbench needs a terminal; use `riskshare calc` or `riskshare check` in scripts\n"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_is_refused_at_once_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = fifo.display().to_string();
    for args in [
        vec!["check", fifo.as_str()],
        vec!["calc", fifo.as_str()],
        vec![fifo.as_str()],
        vec!["check", "/dev/zero"],
    ] {
        let started = Instant::now();
        let out = riskshare(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("it is a named pipe, not a file")
                || stderr.contains("it is a device, not a file"),
            "{args:?}: {stderr}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{args:?} waited"
        );
    }
}

#[test]
fn half_pennies_are_refused_by_calc_with_the_field_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pennies.ron");
    let text = std::fs::read_to_string(ANYTOWN).unwrap().replacen(
        "reserves: 6000000",
        "reserves: \"6000000.005\"",
        1,
    );
    assert!(text.contains("6000000.005"));
    std::fs::write(&file, &text).unwrap();
    let out = riskshare(&["calc", &file.display().to_string(), "--variance", "3"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("party 'ICB' reserves 6000000.005 has a fraction of a penny"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}
