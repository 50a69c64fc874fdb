//! Text from files, keys and pastes is inert: an agreement whose every name, title, id and note
//! carries terminal escapes (`ESC ] 0;x BEL` retitles, `ESC [2J` clears, `0x9b 31m` is the C1
//! CSI), C0 and C1 controls and bidirectional overrides is shown and printed with them removed,
//! by the headless commands and by the workbench in a real pseudo-terminal; and what is typed or
//! pasted into a form is cleaned before it is shown or saved.

use crate::pty_support;
use assert_cmd::Command;

use portable_pty::CommandBuilder;
use riskshare::model::text::is_unsafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The three payloads the issue names, as RON escapes.
const OSC: &str = r"\u{1b}]0;x\u{7}";
const CSI: &str = r"\u{1b}[2J";
const C1: &str = r"\u{9b}31m";

/// Every bidirectional override, embedding, isolate and mark, as RON escapes.
const BIDI: &str = r"\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";

/// Other controls: backspace, carriage return, DEL, C1 NEL and DCS, written as RON escapes.
const OTHERS: &str = r"\u{8}\r\u{7f}\u{85}\u{90}";

/// The example agreement with hostile text in every kind of string, some as RON escapes and
/// some as the raw characters themselves.
fn hostile_ron() -> String {
    let example =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/anytown.ron"))
            .expect("saves/anytown.ron");
    let raw = "\u{1b}]0;raw\u{7}\u{202e}\u{9b}\u{8}";
    let swaps: Vec<(&str, String)> = vec![
        (
            "\"Anytown Better Care Fund 2026/27\"",
            format!("\"Anytown{OSC} Better{BIDI} Care{CSI} Fund{C1} 2026/27\""),
        ),
        ("\"2026/27\"", format!("\"2026{OSC}/27\"")),
        (
            "\"Recovery plan to the joint commissioning board\"",
            format!("\"Recovery{CSI} plan{OSC} to the board{OTHERS}\""),
        ),
        // Ids, everywhere they are named, so the references still agree once cleaned.
        ("\"ICB\"", format!("\"I{CSI}CB\"")),
        ("\"OOH\"", format!("\"O{C1}OH\"")),
        ("\"R1\"", format!("\"R{OSC}1\"")),
        ("\"B1\"", r#""B\u{202e}1""#.to_string()),
        (
            "\"Anytown Integrated Care Board\"",
            format!("\"Anytown{OSC} Integrated{CSI} Board{C1}{BIDI}\""),
        ),
        (
            "\"Anytown Borough Council\"",
            format!("\"Anytown{raw} Borough Council\""),
        ),
        (
            "\"Out-of-hospital services\"",
            format!("\"Out{OSC}-of-hospital{OTHERS} services{C1}\""),
        ),
        (
            "\"Winter demand exceeds the planned bed days\"",
            format!("\"Winter{CSI} demand{OSC} exceeds{C1}{BIDI} beds\""),
        ),
        (
            "\"Surge capacity funded from the contingency; weekly system calls\"",
            format!("\"Surge{OSC} capacity{CSI} from{C1} contingency{BIDI}{OTHERS}\""),
        ),
        ("\"2026-12-01\"", format!("\"2026{CSI}-12-01\"")),
        (
            "\"Fewer non-elective admissions of people over 75\"",
            format!("\"Fewer{OSC} admissions{C1}\""),
        ),
        ("\"Expected\"", format!("\"Exp{OSC}ected{C1}{BIDI}\"")),
        ("\"Hard winter\"", format!("\"Hard{raw} winter{CSI}\"")),
    ];
    let mut text = example;
    for (from, to) in &swaps {
        assert!(text.contains(from), "the example no longer has {from}");
        text = text.replace(from, to);
    }
    text
}

/// The names as they must show once cleaned.
const CLEANED: [&str; 8] = [
    "Anytown]0;x Better Care[2J Fund31m 2026/27",
    "I[2JCB",
    "O31mOH",
    "R]0;x1",
    "Anytown]0;x Integrated[2J Board31m",
    "Anytown]0;raw Borough Council",
    "Winter[2J demand]0;x exceeds31m beds",
    "Exp]0;xected31m",
];

/// A file name can carry the same payloads; this is how the header shows it.
const HOSTILE_NAME: &str = "hostile\u{1b}]0;x\u{7}\u{202e}\u{9b}31m\u{8}.ron";
const CLEANED_NAME: &str = "hostile]0;x31m.ron";

fn write_hostile(dir: &Path) -> PathBuf {
    let path = dir.join(HOSTILE_NAME);
    std::fs::write(&path, hostile_ron()).expect("the hostile file is written");
    path
}

/// What must never be written to a terminal from user text: any ESC or BEL, a C1 control (as a
/// character or a stray byte), a bidirectional control, backspace or DEL.
fn leaks(bytes: &[u8], what: &str, allow_own_escapes: bool) -> Vec<String> {
    let mut found = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            found.push(format!("{what}: not UTF-8 ({e}): a stray C1 byte?"));
            return found;
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Line ends are the program's own: a newline, or a carriage return before one. ESC
        // begins the workbench's own sequences, checked below.
        let next_is_newline = chars.peek().is_some_and(|&(_, n)| n == '\n');
        let own = c == '\n'
            || (c == '\r' && next_is_newline)
            || (allow_own_escapes && (c == '\u{1b}' || c == '\r'));
        if is_unsafe(c) && !own {
            found.push(format!("{what}: {c:?} at byte {i}"));
        }
    }
    if allow_own_escapes {
        // The program's own sequences are CSI (ESC [) and nothing else: OSC, DCS, APC, PM and
        // SOS (ESC ] P _ ^ X) could only have come from the file.
        for (i, w) in bytes.windows(2).enumerate() {
            if w[0] == 0x1b && matches!(w[1], b']' | b'P' | b'_' | b'^' | b'X') {
                found.push(format!("{what}: ESC {} at byte {i}", w[1] as char));
            }
        }
    }
    found
}

fn riskshare(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("riskshare").expect("the binary");
    cmd.env("RISKSHARE_HOME", home).env("HOME", home);
    cmd
}

#[test]
fn headless_commands_print_hostile_text_cleaned() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write_hostile(dir.path());
    let runs: [&[&str]; 5] = [
        &["calc", "--format", "table"],
        &["calc", "--format", "csv"],
        &["calc", "--format", "json"],
        &[
            "calc",
            "--scenario",
            "Hard]0;raw winter[2J",
            "--format",
            "table",
        ],
        &["check"],
    ];
    for args in runs {
        let (command, rest) = args.split_first().expect("a command");
        let out = riskshare(dir.path())
            .arg(command)
            .arg(&file)
            .args(rest)
            .output()
            .expect("riskshare runs");
        let what = args.join(" ");
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut found = leaks(&out.stdout, &format!("{what} stdout"), false);
        found.extend(leaks(&out.stderr, &format!("{what} stderr"), false));
        assert_eq!(found, Vec::<String>::new());
        let stdout = String::from_utf8_lossy(&out.stdout);
        for id in ["I[2JCB", "O31mOH"] {
            if *command == "calc" {
                assert!(stdout.contains(id), "{what} does not show {id}:\n{stdout}");
            }
        }
    }
    // The agreement's name heads the table and the check.
    let out = riskshare(dir.path())
        .args(["check"])
        .arg(&file)
        .output()
        .expect("riskshare runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains(CLEANED[0]));
}

#[test]
fn errors_about_hostile_text_print_it_cleaned() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A scenario naming a risk that is not there: the message quotes the name.
    let text = hostile_ron().replace(
        "risks: [\"R2\"]",
        &format!("risks: [\"R9{OSC}{CSI}{C1}{BIDI}\"]"),
    );
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, text).expect("written");
    let missing = dir.path().join(HOSTILE_NAME.replace("hostile", "missing"));
    let good = write_hostile(dir.path());
    let runs: [(&[&str], &Path, &str); 4] = [
        (&["check"], &file, "R9]0;x[2J31m"),
        (&["calc"], &file, "R9]0;x[2J31m"),
        (&["calc"], &missing, "missing]0;x31m.ron"),
        (
            &["calc", "--scenario", "No\u{1b}]0;x\u{7}such\u{202e}"],
            &good,
            "No]0;xsuch",
        ),
    ];
    for (args, path, quoted) in runs {
        let (command, rest) = args.split_first().expect("a command");
        let out = riskshare(dir.path())
            .arg(command)
            .arg(path)
            .args(rest)
            .output()
            .expect("riskshare runs");
        assert!(!out.status.success(), "{args:?} on {path:?} succeeded");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(quoted), "{args:?}: {stderr}");
        let mut found = leaks(&out.stdout, "stdout", false);
        found.extend(leaks(&out.stderr, "stderr", false));
        assert_eq!(found, Vec::<String>::new());
    }
}

/// The workbench in a pseudo-terminal, with everything it writes kept.
struct Session {
    pty: pty_support::Spawned,
}

const ROWS: u16 = 40;
const COLS: u16 = 120;

impl Session {
    fn start(file: &Path, home: &Path) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_riskshare"));
        cmd.arg(file);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", home);
        cmd.env("RISKSHARE_HOME", home);
        cmd.cwd(home);
        Session {
            pty: pty_support::spawn(cmd, ROWS, COLS),
        }
    }

    /// Sends keys one event at a time, so no two are read as one.
    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.send(k);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn quit(mut self) -> Vec<u8> {
        self.send("q");
        self.wait_exit();
        self.bytes_with("\x1b[?1049l")
    }
}

pty_support::wraps_spawned!(Session);

/// The keys of a tour of the workbench, each with a text to wait for: every pane zoomed, the
/// named scenarios, a risk's mitigation and a party's form.
const TOUR: [(&[&str], &str); 8] = [
    (&[], "Appetite"),
    (&["4", "]"], "Scenario"),
    (&["z", "v"], "Happens"),
    (&["z", "2", "z"], "Mitigation"),
    (&["z", "1", "j", "z"], "Borough"),
    (&["z", "3", "z"], "Headroom"),
    (&["z", "1", "e"], "Name"),
    (&["\x1b", "4", "]", "]"], "Scenario"),
];

/// Takes the tour on `file`: what each stop showed, and every byte written.
fn tour(file: &Path, home: &Path) -> (String, Vec<u8>) {
    let mut s = Session::start(file, home);
    let mut seen = String::new();
    for (keys, until) in TOUR {
        s.keys(keys);
        seen.push_str(&s.wait_for(until));
        seen.push('\n');
    }
    (seen, s.quit())
}

/// What a terminal was asked to do besides drawing: bells, titles, clipboard, unknown OSC.
#[derive(Default)]
struct Watch(Vec<String>);

impl vt100::Callbacks for Watch {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("a bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("a visual bell".into());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0
            .push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.0.push("a clipboard copy".into());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("a clipboard paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.0.push(format!("OSC {params:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.0.push(format!("control {b:#04x}"));
    }
}

/// What the bytes asked of a terminal besides drawing.
fn requests(bytes: &[u8]) -> Vec<String> {
    let mut parser = vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Watch::default());
    parser.process(bytes);
    parser.callbacks().0.clone()
}

#[test]
fn the_workbench_shows_hostile_text_cleaned_and_writes_none_of_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write_hostile(dir.path());
    let (seen, bytes) = tour(&file, dir.path());
    assert_eq!(leaks(&bytes, "the workbench", true), Vec::<String>::new());
    assert_eq!(requests(&bytes), Vec::<String>::new());
    for name in CLEANED.iter().chain([&CLEANED_NAME]) {
        assert!(seen.contains(name), "'{name}' never showed:\n{seen}");
    }
    // The program's own clears, if any, are as many as on a clean file: none came from the text.
    let clean = dir.path().join("clean.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/anytown.ron"),
        &clean,
    )
    .expect("copied");
    let (_, baseline) = tour(&clean, dir.path());
    let count = |b: &[u8], p: &[u8]| b.windows(p.len()).filter(|w| *w == p).count();
    assert_eq!(count(&bytes, b"\x1b[2J"), count(&baseline, b"\x1b[2J"));
}

#[test]
fn typed_and_pasted_text_is_cleaned_before_it_is_shown_or_saved() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("workshop.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/anytown.ron"),
        &file,
    )
    .expect("copied");
    let mut s = Session::start(&file, dir.path());
    s.wait_for("Appetite");
    // The first party's form, its name field emptied.
    s.keys(&["1", "e"]);
    s.wait_for("Name");
    s.keys(&["\t", "\x15"]);
    // Typed: a right-to-left override and a C1 CSI arrive as characters like any other.
    s.keys(&[
        "T", "y", "p", "e", "d", "\u{202e}", "\u{9b}", "\u{2066}", "X",
    ]);
    // Pasted, in one bracketed paste: a retitle, a clear, a C1 CSI, an isolate, a backspace.
    s.send("\x1b[200~ Pasted\x1b]0;x\x07 \u{2067}Name\x1b[2J\u{9b}31m\x08!\x1b[201~");
    let want = "TypedX Pasted]0;x Name[2J31m!";
    s.wait_for(want);
    s.keys(&["\r"]);
    s.wait_for("unsaved");
    s.keys(&["\x13"]);
    let start = Instant::now();
    let saved = loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains(want) {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the save never held the name:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = s.quit();
    assert_eq!(leaks(&bytes, "the workbench", true), Vec::<String>::new());
    let unsafe_chars: Vec<char> = saved
        .chars()
        .filter(|&c| is_unsafe(c) && c != '\n')
        .collect();
    assert_eq!(unsafe_chars, Vec::<char>::new(), "the saved file");
    assert!(
        !saved.contains("\\u"),
        "the saved file escapes a control:\n{saved}"
    );
    assert!(
        !saved.contains("\\x"),
        "the saved file escapes a control:\n{saved}"
    );
    assert_eq!(requests(&bytes), Vec::<String>::new());
}
