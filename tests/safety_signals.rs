//! SIGTERM, SIGHUP and SIGINT reach the app as values it can act on (autosave, give the terminal
//! back); a second one, or one after the app stops listening, ends the process as usual.
//! Each case runs in a child process, since a signal goes to the whole process.

#![cfg(unix)]

use crate::safety_support;

use riskshare::signals::{Stop, StopSignals};
use riskshare::store::{Autosaver, find_recovery};
use safety_support::*;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::low_level::raise;
use std::io::{BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// Job: listen, raise the named signals, and report what arrived.
#[test]
fn job_signals() {
    let Some(what) = job() else { return };
    match what.as_str() {
        "each" => {
            let signals = StopSignals::listen().unwrap();
            for (signal, stop) in [
                (SIGTERM, Stop::Terminate),
                (SIGHUP, Stop::Hangup),
                (SIGINT, Stop::Interrupt),
            ] {
                raise(signal).unwrap();
                assert_eq!(signals.recv_timeout(WAIT), Some(stop));
                assert_eq!(signals.try_recv(), None);
                // The app handled it and goes on: the next one is reported too.
                signals.carry_on();
                println!("@@got {}", stop.name());
            }
        }
        "forward" => {
            let (sender, receiver) = mpsc::channel::<Result<char, Stop>>();
            let _signals = StopSignals::forward(sender.clone(), Err).unwrap();
            sender.send(Ok('q')).unwrap();
            raise(SIGHUP).unwrap();
            assert_eq!(receiver.recv_timeout(WAIT), Ok(Ok('q')));
            assert_eq!(receiver.recv_timeout(WAIT), Ok(Err(Stop::Hangup)));
            println!("@@got both");
        }
        "twice" => {
            let _signals = StopSignals::listen().unwrap();
            println!("@@first");
            raise(SIGTERM).unwrap();
            raise(SIGTERM).unwrap();
            println!("@@still alive");
        }
        "after" => {
            drop(StopSignals::listen().unwrap());
            raise(SIGHUP).unwrap();
            println!("@@still alive");
        }
        _ => panic!("unknown job {what}"),
    }
}

fn run(what: &str) -> std::process::Output {
    child("safety_signals::job_signals", what).output().unwrap()
}

#[test]
fn each_stop_signal_arrives_as_a_value() {
    let output = run("each");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        reports(&output),
        ["got SIGTERM", "got SIGHUP", "got SIGINT"]
    );
}

#[test]
fn a_stop_can_join_the_apps_own_channel() {
    let output = run("forward");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(reports(&output), ["got both"]);
}

#[test]
fn a_second_stop_signal_ends_a_stuck_app() {
    let output = run("twice");
    assert_eq!(output.status.signal(), Some(SIGTERM), "{output:?}");
    assert_eq!(reports(&output), ["first"]);
}

#[test]
fn once_no_one_listens_a_stop_signal_ends_the_process() {
    let output = run("after");
    assert_eq!(output.status.signal(), Some(SIGHUP), "{output:?}");
    assert_eq!(reports(&output), Vec::<String>::new());
}

/// Job: edit as a workshop would, with autosave every 5 changes, until a signal comes; then
/// autosave what is unsaved and stop, as the workbench does.
#[test]
fn job_edit_until_hangup() {
    let Some(folder) = job() else { return };
    let folder = Path::new(&folder);
    let signals = StopSignals::listen().unwrap();
    // Every fifth change, not the workbench's every change, so that a hangup has something
    // in memory only to flush.
    let mut saver =
        Autosaver::new(Some(&folder.join("data")), Some(&folder.join("pool.ron"))).every(5);
    for n in 1..=7 {
        saver.changed(&edited(n)).unwrap();
    }
    println!("@@edited");
    std::io::stdout().flush().unwrap();
    let stop = signals.recv_timeout(WAIT).expect("a stop signal");
    assert!(saver.flush(&edited(7)).unwrap());
    println!("@@stopped by {}", stop.name());
}

#[test]
fn a_hangup_mid_edit_leaves_every_change_for_the_next_start() {
    let folder = tempfile::tempdir().unwrap();
    let mut editor = child(
        "safety_signals::job_edit_until_hangup",
        &folder.path().display().to_string(),
    )
    .stdout(Stdio::piped())
    .spawn()
    .unwrap();
    let mut output = BufReader::new(editor.stdout.take().unwrap());
    wait_for(&mut output, "edited");
    // Seven changes, autosaved at five: the last two exist only in memory.
    let data = folder.path().join("data");
    let file = folder.path().join("pool.ron");
    assert_eq!(
        find_recovery(&data, Some(&file)).unwrap().agreement,
        edited(5)
    );

    send_signal(&editor, "HUP");
    assert_eq!(wait_for(&mut output, "stopped by"), "SIGHUP");
    assert!(editor.wait().unwrap().success());
    assert_eq!(
        find_recovery(&data, Some(&file)).unwrap().agreement,
        edited(7)
    );
}
