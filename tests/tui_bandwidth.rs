//! Low bandwidth, measured on the real binary in a 120x40 pseudo-terminal: a slider step writes
//! little more than the cells whose content changed, nothing is written while idle (no timer
//! redraws), and a step never shows the cursor or makes it blink.
//!
//! The figures print with `--nocapture`; `bash benches/bandwidth.sh` runs this and shows them.

use crate::pty_support;

use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const STEPS: usize = 12;
const RIGHT: &str = "\x1b[C";

/// Bytes written per byte of changed cells that twelve steps may not exceed, without colour or
/// in 16 colours, and in 24-bit colour. A step that redrew the whole screen would come to some
/// 50; ratatui's crossterm backend (the default) comes to 4.4 (no colour) to 5.5 (24-bit colour),
/// and the `view::wire` backend of `--low-bandwidth` to about 2.3 (no colour), 3.0 (16 colours)
/// and 3.4 (24-bit colour, whose colours are 256-colour indexes of 11 bytes a change): it moves
/// the cursor absolutely after every character that is not ASCII, such as the bars' blocks, so
/// that no terminal's idea of a character's width can shift a row (see `view::wire::tests`).
const RATIO_BOUND: f64 = 3.2;
const RATIO_BOUND_TRUE_COLOUR: f64 = 3.6;

struct Session {
    pty: pty_support::Spawned,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        let home = tempfile::tempdir().expect("a temporary home");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_riskshare"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("RISKSHARE_HOME", home.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        Session {
            pty: pty_support::spawn(cmd, ROWS, COLS),
            _home: home,
        }
    }

    /// Waits until the screen holds `text` and then nothing more arrives for a while: the frame
    /// is whole. The pauses only pace the test; nothing is asserted about time.
    fn settle_on(&self, text: &str) -> vt100::Parser {
        let start = Instant::now();
        let mut seen = self.len();
        let mut quiet_since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(25));
            let now = self.len();
            if now != seen {
                seen = now;
                quiet_since = Instant::now();
                continue;
            }
            if quiet_since.elapsed() >= Duration::from_millis(250) {
                let parser = parse(&self.bytes());
                if parser.screen().contents().contains(text) {
                    return parser;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "'{text}' never showed:\n{}",
                parse(&self.bytes()).screen().contents()
            );
        }
    }
}

pty_support::wraps_spawned!(Session);

fn parse(bytes: &[u8]) -> vt100::Parser {
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    parser.process(bytes);
    parser
}

/// What a cell shows: a blank shows only its background, unless reversed or underlined.
fn looks(c: &vt100::Cell) -> (String, vt100::Color, vt100::Color, [bool; 5]) {
    let text = c.contents();
    let text = if text.is_empty() { " " } else { text };
    if text == " " && !c.inverse() && !c.underline() {
        return (
            text.to_string(),
            vt100::Color::Default,
            c.bgcolor(),
            [false; 5],
        );
    }
    let attrs = [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()];
    (text.to_string(), c.fgcolor(), c.bgcolor(), attrs)
}

/// The cells that differ between two screens, in content or look, and the bytes their new
/// content takes (a blank cell counts as the one space it is).
fn changed_cells(before: &vt100::Screen, after: &vt100::Screen) -> (usize, usize) {
    let (mut cells, mut payload) = (0, 0);
    for row in 0..ROWS {
        for col in 0..COLS {
            let (Some(a), Some(b)) = (before.cell(row, col), after.cell(row, col)) else {
                continue;
            };
            if b.is_wide_continuation() {
                continue;
            }
            let same = looks(a) == looks(b);
            if !same {
                cells += 1;
                payload += b.contents().len().max(1);
            }
        }
    }
    (cells, payload)
}

/// What the measurement found for one look.
struct Figures {
    step_bytes: Vec<usize>,
    step_cells: Vec<usize>,
    step_payload: Vec<usize>,
    idle_bytes: usize,
    cursor_writes: Vec<String>,
    /// `ESC [ ? 25 l` written again though the cursor is already hidden.
    hides: usize,
}

impl Figures {
    fn total(v: &[usize]) -> usize {
        v.iter().sum()
    }

    fn ratio(&self) -> f64 {
        Self::total(&self.step_bytes) as f64 / Self::total(&self.step_payload).max(1) as f64
    }

    fn worst_ratio(&self) -> f64 {
        self.step_bytes
            .iter()
            .zip(&self.step_payload)
            .map(|(&b, &p)| b as f64 / p.max(1) as f64)
            .fold(0.0, f64::max)
    }

    fn report(&self, look: &str) {
        let n = self.step_bytes.len();
        println!(
            "\nbandwidth {look:<28} steps {n:>2}  bytes/step {:>6.1}  changed cells/step {:>5.1}  \
             changed-cell bytes/step {:>5.1}  ratio {:.2} (worst step {:.2})  idle bytes {}  \
             cursor hides repeated {}",
            Self::total(&self.step_bytes) as f64 / n as f64,
            Self::total(&self.step_cells) as f64 / n as f64,
            Self::total(&self.step_payload) as f64 / n as f64,
            self.ratio(),
            self.worst_ratio(),
            self.idle_bytes,
            self.hides,
        );
        println!("  bytes per step {:?}", self.step_bytes);
        println!("  cells per step {:?}", self.step_cells);
    }
}

/// Cursor escapes a step must not write: show, blink on or off, cursor shape.
fn cursor_churn(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for pattern in ["\x1b[?25h", "\x1b[?12h", "\x1b[?12l"] {
        if text.contains(pattern) {
            found.push(pattern.escape_debug().to_string());
        }
    }
    // DECSCUSR, ESC [ n SP q, sets the cursor's shape and blinking.
    if text
        .as_bytes()
        .windows(4)
        .any(|w| w[0] == 0x1b && w[1] == b'[' && w[2].is_ascii_digit() && w[3] == b' ')
    {
        found.push("DECSCUSR".to_string());
    }
    found
}

fn measure(args: &[&str], env: &[(&str, &str)]) -> Figures {
    // The lean backend is what these figures are about; the default is ratatui's own.
    let args: Vec<&str> = ["--low-bandwidth"].iter().chain(args).copied().collect();
    let mut s = Session::start(&args, env);
    s.settle_on("Appetite");
    s.send("4");
    let mut before = s.settle_on("Scenario");
    let mut figures = Figures {
        step_bytes: Vec::new(),
        step_cells: Vec::new(),
        step_payload: Vec::new(),
        idle_bytes: 0,
        cursor_writes: Vec::new(),
        hides: 0,
    };
    for step in 1..=STEPS {
        let start = s.len();
        s.send(RIGHT);
        let percent = format!("+{}.{}%", step / 2, if step % 2 == 1 { 5 } else { 0 });
        let after = s.settle_on(&percent);
        let bytes = s.bytes();
        let written = &bytes[start..];
        let (cells, payload) = changed_cells(before.screen(), after.screen());
        figures.step_bytes.push(written.len());
        figures.step_cells.push(cells);
        figures.step_payload.push(payload);
        figures.cursor_writes.extend(cursor_churn(written));
        figures.hides += String::from_utf8_lossy(written)
            .matches("\x1b[?25l")
            .count();
        if std::env::var_os("BANDWIDTH_DUMP").is_some() {
            println!(
                "step {step}: {}",
                String::from_utf8_lossy(written).escape_debug()
            );
        }
        before = after;
    }
    let idle_from = s.len();
    std::thread::sleep(Duration::from_millis(1200));
    figures.idle_bytes = s.len() - idle_from;
    figures
}

fn check(look: &str, figures: &Figures, bound: f64) {
    figures.report(look);
    assert_eq!(
        figures.idle_bytes, 0,
        "{look}: an idle workbench wrote bytes"
    );
    assert!(
        figures.cursor_writes.is_empty(),
        "{look}: slider steps touched the cursor: {:?}",
        figures.cursor_writes
    );
    assert!(
        figures.step_cells.iter().all(|&c| c > 0),
        "{look}: a step changed nothing on screen, so it was not measured"
    );
    assert!(
        figures.ratio() < bound,
        "{look}: {:.2} bytes written per byte of changed cells",
        figures.ratio()
    );
}

#[test]
fn a_slider_step_in_colour_writes_little_more_than_what_changed() {
    let look = "true colour, Unicode";
    check(
        look,
        &measure(&[], &[("LANG", "C.UTF-8"), ("COLORTERM", "truecolor")]),
        RATIO_BOUND_TRUE_COLOUR,
    );
}

#[test]
fn a_slider_step_in_sixteen_colours_writes_little_more_than_what_changed() {
    check(
        "16 colours, Unicode",
        &measure(&[], &[("LANG", "C.UTF-8")]),
        RATIO_BOUND,
    );
}

#[test]
fn a_slider_step_without_colour_or_unicode_writes_little_more_than_what_changed() {
    check(
        "NO_COLOR, --ascii",
        &measure(&["--ascii"], &[("LANG", "C.UTF-8"), ("NO_COLOR", "1")]),
        RATIO_BOUND,
    );
}
