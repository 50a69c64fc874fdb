//! The real binary in a pseudo-terminal: it draws the workbench, answers keys, and on `q` gives the
//! terminal back and exits cleanly.

use crate::pty_support;

use portable_pty::CommandBuilder;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
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
        let pty_support::Spawned {
            output,
            writer,
            child,
        } = pty_support::spawn(cmd, 24, 80);
        Session {
            output,
            writer,
            child,
            _home: home,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "'{text}' never showed:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The output once it holds `pattern`: the last bytes can still be in the pty after the
    /// process has gone.
    fn bytes_with(&self, pattern: &str) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let bytes = self.bytes();
            if String::from_utf8_lossy(&bytes).contains(pattern)
                || start.elapsed() > Duration::from_secs(10)
            {
                return bytes;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("riskshare did not quit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

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
    let start = Instant::now();
    while s.screen().contains("Help: every key") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the help never closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
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
