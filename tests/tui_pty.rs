//! The real binary in a pseudo-terminal: it draws the workbench, answers keys, and on `q` gives the
//! terminal back and exits cleanly.

use crate::pty_support;

use portable_pty::CommandBuilder;

struct Session {
    pty: pty_support::Spawned,
    /// riskshare's own folders for this run, away from the real home.
    _home: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_riskshare"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm");
        let home = tempfile::tempdir().expect("a folder for riskshare's own files");
        cmd.env("RISKSHARE_HOME", home.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(std::env::temp_dir());
        Session {
            pty: pty_support::spawn(cmd, 24, 80),
            _home: home,
        }
    }
}

pty_support::wraps_spawned!(Session);

const RIGHT: &str = "\x1b[C";

#[test]
fn the_workbench_runs_in_a_real_terminal_and_quits_cleanly() {
    let mut s = Session::start(&[], &[("LANG", "C.UTF-8")]);
    // The first frame may arrive in pieces: wait for each pane's title.
    for pane in ["Scenario", "Parties", "Risk register", "Appetite"] {
        s.wait_for(pane);
    }
    s.send(&RIGHT.repeat(6));
    s.wait_for("274,398.96");
    s.wait_for("115,601.04");
    s.send("?");
    s.wait_for("Help: every key");
    // A key the help does not name leaves it open; q closes it, and a second q quits.
    s.send("x");
    s.send("q");
    s.wait_until("the help closing", |screen| {
        !screen.contents().contains("Help: every key")
    });
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    let bytes = s.bytes_with("\x1b[?1049l");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("\x1b[?1049h"), "it took the alternate screen");
    assert!(text.contains("\x1b[?1049l"), "and gave the terminal back");
}

#[test]
fn an_ascii_no_colour_session_writes_no_colour_and_no_unicode() {
    let mut s = Session::start(&["--no-color"], &[("LANG", "C"), ("NO_COLOR", "1")]);
    s.wait_for("Scenario");
    s.send(&RIGHT.repeat(6));
    s.wait_for("274,398.96");
    s.send("q");
    assert!(s.wait_exit().success());
    let bytes = s.bytes_with("\x1b[?1049l");
    assert!(bytes.is_ascii(), "only ASCII is written");
    let text = String::from_utf8_lossy(&bytes);
    for colour in ["\x1b[38;", "\x1b[48;", "[31m", "[91m", "[38;5"] {
        assert!(!text.contains(colour), "no colour escape {colour:?}");
    }
    assert!(text.contains("\x1b[7m"), "reverse video survives NO_COLOR");
}
