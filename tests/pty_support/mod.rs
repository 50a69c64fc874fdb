//! The real binary in a pseudo-terminal, shared by the tests that drive it as a person would:
//! start it, keep everything it writes, send it keys, read the screen, wait for it to show
//! something or to end. Each test file keeps only what is its own (how it starts the binary,
//! its own waits).
#![allow(dead_code)]

use portable_pty::{CommandBuilder, ExitStatus, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a wait lasts before the test fails: far longer than a screen takes on a busy
/// machine. The waits only pace the tests; nothing is asserted about time.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A running program in a pseudo-terminal; killed when dropped, if still running.
pub struct Spawned {
    /// Every byte it has written so far, kept by a reader thread.
    pub output: Arc<Mutex<Vec<u8>>>,
    /// Its keyboard.
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    rows: u16,
    cols: u16,
}

/// Starts `cmd` in a pseudo-terminal of `rows` x `cols`.
pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Spawned {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let child = pair.slave.spawn_command(cmd).expect("riskshare starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            if let Ok(mut out) = sink.lock() {
                out.extend_from_slice(&chunk[..n]);
            }
        }
    });
    let writer = pair.master.take_writer().expect("a writer");
    // The master must live as long as the session: closing it would hang the terminal up.
    std::mem::forget(pair.master);
    Spawned {
        output,
        writer,
        child,
        rows,
        cols,
    }
}

impl Spawned {
    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// How many bytes have been written so far.
    pub fn len(&self) -> usize {
        self.output.lock().map(|o| o.len()).unwrap_or(0)
    }

    /// The terminal as what was written leaves it.
    pub fn parser(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(self.rows, self.cols, 0);
        parser.process(&self.bytes());
        parser
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
    }

    /// Waits until `ready` holds for the screen, and returns it; `what` names it in a failure.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let start = Instant::now();
        loop {
            let parser = self.parser();
            if ready(parser.screen()) {
                return parser.screen().clone();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{what} never showed:\n{}",
                parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the screen shows `text`; returns the screen's text.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("'{text}'"), |s| s.contents().contains(text))
            .contents()
    }

    /// Waits for the program to end (killing it and failing when it does not).
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("riskshare did not end:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Everything written, once it holds `pattern` (the last bytes can still be in the
    /// pseudo-terminal after the process has gone); all there is after a while if never.
    pub fn bytes_with(&self, pattern: &str) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let bytes = self.bytes();
            if String::from_utf8_lossy(&bytes).contains(pattern) || start.elapsed() > PATIENCE {
                return bytes;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Lets a test's own session type (with its [`Spawned`] in a field `pty`) be used as one.
macro_rules! wraps_spawned {
    ($session:ty) => {
        impl std::ops::Deref for $session {
            type Target = $crate::pty_support::Spawned;
            fn deref(&self) -> &$crate::pty_support::Spawned {
                &self.pty
            }
        }

        impl std::ops::DerefMut for $session {
            fn deref_mut(&mut self) -> &mut $crate::pty_support::Spawned {
                &mut self.pty
            }
        }
    };
}
pub(crate) use wraps_spawned;
