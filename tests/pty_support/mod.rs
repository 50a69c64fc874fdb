//! The real binary in a pseudo-terminal, shared by the tests that drive it as a person would:
//! start it, keep everything it writes, send it keys.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

/// A running program in a pseudo-terminal.
pub struct Spawned {
    /// Every byte it has written so far, kept by a reader thread.
    pub output: Arc<Mutex<Vec<u8>>>,
    /// Its keyboard.
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
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
    }
}
