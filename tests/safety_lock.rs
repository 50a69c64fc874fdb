//! A second riskshare opening the same file is told who has it; a crashed holder's lock is
//! taken over.

#![cfg(unix)]

use crate::safety_support;

use riskshare::store::{Lock, LockError};
use safety_support::*;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};

/// Job: hold the lock on the given file until standard input closes.
#[test]
fn job_hold_lock() {
    let Some(file) = job() else { return };
    let _lock = Lock::acquire(Path::new(&file)).unwrap();
    println!("@@locked");
    std::io::stdout().flush().unwrap();
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
}

/// A child holding the lock, and its output, kept open so it can finish writing.
fn holder_of(file: &Path) -> (Child, BufReader<ChildStdout>) {
    let mut holder = child("safety_lock::job_hold_lock", &file.display().to_string())
        .env("USER", "workshop-lead")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut output = BufReader::new(holder.stdout.take().unwrap());
    wait_for(&mut output, "locked");
    (holder, output)
}

#[test]
fn a_file_open_in_another_riskshare_is_refused_naming_who_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pool.ron");
    let (mut holder, _output) = holder_of(&file);

    let error = Lock::acquire(&file).unwrap_err();
    let LockError::Held { holder: who, .. } = &error else {
        panic!("expected Held, got {error}");
    };
    assert_eq!(who.pid, Some(holder.id()));
    assert_eq!(who.user, "workshop-lead");
    let message = error.to_string();
    let opening = format!(
        "{} is already open in another riskshare, by workshop-lead",
        file.display()
    );
    assert!(message.starts_with(&opening), "{message}");
    assert!(
        message.contains(&format!("(process {})", holder.id())),
        "{message}"
    );
    assert!(
        message.ends_with("; it can be opened read-only"),
        "{message}"
    );

    // The holder quits: the lock is free, and its file gone.
    drop(holder.stdin.take());
    assert!(holder.wait().unwrap().success());
    assert!(!Lock::lock_path(&file).exists());
    let mine = Lock::acquire(&file).unwrap();
    drop(mine);
}

#[test]
fn the_lock_of_a_killed_riskshare_is_taken_over_silently() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pool.ron");
    let (mut holder, _output) = holder_of(&file);
    holder.kill().unwrap();
    holder.wait().unwrap();
    let lock_file = Lock::lock_path(&file);
    assert!(lock_file.exists(), "a killed holder cannot tidy up");

    let _mine = Lock::acquire(&file).unwrap();
    let text = std::fs::read_to_string(&lock_file).unwrap();
    assert!(
        text.contains(&format!("pid={}\n", std::process::id())),
        "{text}"
    );
    assert!(!text.contains("workshop-lead"), "{text}");
}

/// Job: try to lock the given file once and report.
#[test]
fn job_lock_once() {
    let Some(file) = job() else { return };
    match Lock::acquire(Path::new(&file)) {
        Ok(_) => println!("@@locked"),
        Err(e) => println!("@@refused {e}"),
    }
}

#[test]
fn a_file_in_a_folder_no_one_may_write_cannot_be_locked_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let file = dir.path().join("pool.ron");
    let output = child_as_user("safety_lock::job_lock_once", &file.display().to_string())
        .output()
        .unwrap();
    let expected = format!(
        "refused could not lock {} (you are not allowed to write there); opening it may let two people save over each other",
        file.display()
    );
    assert_eq!(reports(&output), [expected], "{output:?}");
}
