//! Names a terminal may draw at another width than ratatui expects (an emoji with a variation
//! selector, a joined emoji sequence, combining marks, CJK and Hangul) never shift a figure: the
//! real binary in a pseudo-terminal, drawn by the vt100 emulator (which itself takes `❤️` as one
//! column where ratatui takes two), shows every figure on every line exactly as it does with
//! plain names, with the default backend and with `--low-bandwidth`, in every pane.

use crate::pty_support;

use portable_pty::CommandBuilder;
use std::time::Duration;

const ANYTOWN: &str = include_str!("../saves/anytown.ron");
const RIGHT: &str = "\x1b[C";
const ROWS: u16 = 40;
const COLS: u16 = 120;

/// The example with every name and title replaced by hard Unicode, the figures untouched.
fn unicode_example() -> String {
    [
        ("Anytown Better Care Fund", "VS16 \u{2764}\u{FE0F} end Fund"),
        (
            "Anytown Integrated Care Board",
            "VS16 \u{2764}\u{FE0F} end ICB",
        ),
        (
            "Anytown Borough Council",
            "\u{1F469}\u{200D}\u{2695}\u{FE0F} ZWJ Council",
        ),
        (
            "Anytown Hospitals NHS Trust",
            "Cafe\u{301}\u{301} combining Trust",
        ),
        (
            "Anytown Voluntary Action",
            "\u{5317}\u{4EAC} CJK \u{C11C}\u{C6B8} Hangul",
        ),
        (
            "Out-of-hospital services",
            "\u{1100}\u{1161}\u{11A8} jamo services",
        ),
        (
            "Winter demand exceeds the planned bed days",
            "\u{1F3E5}\u{FE0F} winter \u{2764}\u{FE0F}",
        ),
        (
            "Care home fee uplift above inflation",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} fees",
        ),
    ]
    .iter()
    .fold(ANYTOWN.to_string(), |text, (from, to)| {
        text.replace(from, to)
    })
}

/// The screen after six steps right in the Scenario pane, then after focusing each other pane.
fn screens(file_text: &str, args: &[&str]) -> Vec<vt100::Parser> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("names.ron");
    std::fs::write(&file, file_text).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_riskshare"));
    cmd.arg(file.display().to_string());
    cmd.args(args);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("RISKSHARE_HOME", dir.path().join("home"));
    cmd.cwd(dir.path());
    let mut s = pty_support::spawn(cmd, ROWS, COLS);
    let wait_for = |s: &pty_support::Spawned, text: &str| {
        s.wait_for(text);
        // What is left of the frame arrives in a moment.
        std::thread::sleep(Duration::from_millis(300));
        s.parser()
    };
    let mut out = Vec::new();
    wait_for(&s, "Appetite");
    s.send("4");
    s.send(&RIGHT.repeat(6));
    out.push(wait_for(&s, "+3.0%"));
    for (key, title) in [("1", "Parties"), ("2", "Risk register"), ("3", "Appetite")] {
        s.send(key);
        s.send("z");
        out.push(wait_for(&s, title));
        s.send("z");
    }
    s.send("q");
    out
}

/// Each line's figures: runs of digits with their separators and percent signs, leaving out
/// digits that are part of a word (`VS16`, `R1`).
fn figures(screen: &vt100::Parser) -> Vec<Vec<String>> {
    screen
        .screen()
        .rows(0, COLS)
        .map(|row| {
            let mut found = Vec::new();
            let mut current = String::new();
            let mut in_word = false;
            for c in row.chars().chain([' ']) {
                if c.is_ascii_digit() || (!current.is_empty() && matches!(c, ',' | '.' | '%')) {
                    current.push(c);
                } else {
                    if !current.is_empty() && !in_word {
                        found.push(current.trim_end_matches([',', '.']).to_string());
                    }
                    current.clear();
                    in_word = c.is_alphabetic();
                }
            }
            found
        })
        .collect()
}

fn same_figures(args: &[&str]) {
    let plain = screens(ANYTOWN, args);
    let hard = screens(&unicode_example(), args);
    for (n, (p, h)) in plain.iter().zip(&hard).enumerate() {
        let (pf, hf) = (figures(p), figures(h));
        for (row, (want, got)) in pf.iter().zip(&hf).enumerate() {
            assert_eq!(
                want,
                got,
                "{args:?} screen {n} row {row} differs:\nplain:\n{}\nunicode:\n{}",
                p.screen().contents(),
                h.screen().contents()
            );
        }
    }
}

#[test]
fn hard_unicode_names_never_shift_a_figure_with_the_default_backend() {
    same_figures(&[]);
}

#[test]
fn hard_unicode_names_never_shift_a_figure_with_the_low_bandwidth_backend() {
    same_figures(&["--low-bandwidth"]);
}
