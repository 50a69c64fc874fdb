//! Saves are atomic: killed at any moment, refused by a read-only or full disk, they leave the old
//! file or the new one, whole, and nothing else behind.

#![cfg(unix)]

use crate::safety_support;

use riskshare::model::Agreement;
use riskshare::store::{self, SaveError};
use safety_support::*;
use std::fs;
use std::io::{BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn load(path: &Path) -> Agreement {
    let text = fs::read_to_string(path).unwrap();
    store::parse(&text, &path.display().to_string())
        .unwrap_or_else(|e| panic!("{} is not a whole agreement: {e}\n{text}", path.display()))
}

/// Job: save two versions in turn, for ever (until killed, or 30 seconds).
#[test]
fn job_save_loop() {
    let Some(target) = job() else { return };
    let (old, new) = (example(), edited(3));
    println!("@@ready");
    std::io::stdout().flush().unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    while Instant::now() < until {
        store::save(Path::new(&target), &new).unwrap();
        store::save(Path::new(&target), &old).unwrap();
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_agreement_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("pool.ron");
    let (old, new) = (example(), edited(3));
    assert_ne!(old, new);
    store::save(&target, &old).unwrap();
    let mut dice = Dice::seeded();
    let mut landed_new = 0;
    for run in 0..100 {
        let mut saver = child("safety_save::job_save_loop", &target.display().to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for(&mut BufReader::new(saver.stdout.take().unwrap()), "ready");
        std::thread::sleep(Duration::from_micros(dice.below(40_000)));
        saver.kill().unwrap();
        saver.wait().unwrap();
        let found = load(&target);
        assert!(found == old || found == new, "run {run}: a mixed agreement");
        landed_new += usize::from(found == new);
        let bak = store::backup_path(&target);
        if bak.exists() {
            let kept = load(&bak);
            assert!(kept == old || kept == new, "run {run}: a mixed backup");
        }
    }
    eprintln!("{landed_new} of 100 kills left the new version in place");
    // The next save tidies away the temporary files the killed savers left.
    store::save(&target, &old).unwrap();
    assert_eq!(names_in(dir.path()), ["pool.ron", "pool.ron.bak"]);
}

#[test]
fn a_new_save_is_private_and_a_replaced_file_keeps_its_mode_and_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("pool.ron");
    store::save(&target, &example()).unwrap();
    assert_eq!(mode(&target), 0o600);
    assert!(!store::backup_path(&target).exists());
    assert_eq!(load(&target), example());

    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    store::save(&target, &edited(1)).unwrap();
    assert_eq!(mode(&target), 0o640);
    assert_eq!(load(&target), edited(1));
    assert_eq!(load(&store::backup_path(&target)), example());
    assert_eq!(mode(&store::backup_path(&target)), 0o640);

    store::save(&target, &edited(2)).unwrap();
    assert_eq!(load(&store::backup_path(&target)), edited(1));
    assert_eq!(names_in(dir.path()), ["pool.ron", "pool.ron.bak"]);
}

#[test]
fn a_file_marked_read_only_is_not_replaced_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("signed-off.ron");
    store::save(&target, &example()).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&target).unwrap();
    // The folder is writable, so only the file's own mark can stop the rename.
    let refused = store::save(&target, &edited(1)).unwrap_err();
    assert!(
        matches!(refused, SaveError::ReadOnlyFile { .. }),
        "{refused:?}"
    );
    assert!(
        refused.to_string().contains("marked read-only")
            && refused.to_string().contains("another name"),
        "{refused}"
    );
    assert_eq!(fs::read(&target).unwrap(), before);
    assert_eq!(names_in(dir.path()), ["signed-off.ron"]);
}

#[test]
fn saving_through_a_link_replaces_the_file_it_points_at() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    store::save(&real, &example()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    store::save(&link, &edited(1)).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real), edited(1));
}

/// Job: save the example once to the given path and report the outcome and the folder after.
#[test]
fn job_save_once() {
    let Some(target) = job() else { return };
    let target = PathBuf::from(target);
    let folder = target.parent().unwrap();
    if std::env::var_os("RISKSHARE_TEST_FILL").is_some() {
        fill(&folder.join("filler"));
    }
    match store::save(&target, &example()) {
        Ok(()) => println!("@@saved"),
        Err(e @ SaveError::ReadOnly { .. }) => println!("@@read-only {e}"),
        Err(e @ SaveError::DiskFull { .. }) => println!("@@disk-full {e}"),
        Err(e) => println!("@@other {e}"),
    }
    println!("@@left {}", names_in(folder).join(" "));
}

/// Writes to `path` until the disk is full.
fn fill(path: &Path) {
    let mut file = fs::File::create(path).unwrap();
    let block = [b'x'; 4096];
    while file
        .write_all(&block)
        .and_then(|()| file.sync_all())
        .is_ok()
    {}
}

#[test]
fn saving_into_a_read_only_folder_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("shared");
    fs::create_dir(&folder).unwrap();
    let target = folder.join("pool.ron");
    fs::write(&target, "before").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();

    let output = child_as_user("safety_save::job_save_once", &target.display().to_string())
        .output()
        .unwrap();
    let said = reports(&output);
    let expected = format!(
        "read-only could not save {}: the folder is read-only or you are not allowed to write there, so your work is still open and can be saved somewhere else",
        target.display()
    );
    assert_eq!(said, [expected, "left pool.ron".to_string()], "{output:?}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "before");
}

/// Runs `job_save_once` in a private tmpfs mounted with `options`, in a user and mount namespace
/// of its own. None where the system does not allow that (outside CI).
fn save_once_on_tmpfs(options: &str, fill: bool) -> Option<Vec<String>> {
    let usable = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to run `unshare -rm` for the full and read-only disk tests"
        );
        eprintln!("skipped: this system does not allow `unshare -rm`");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("pool.ron");
    let mut command = std::process::Command::new("unshare");
    command
        .args([
            "-rm",
            "sh",
            "-c",
            r#"mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@""#,
            "sh",
        ])
        .arg(options)
        .arg(dir.path())
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "safety_save::job_save_once",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(JOB, &target);
    if fill {
        command.env("RISKSHARE_TEST_FILL", "1");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    Some(reports(&output))
}

#[test]
fn saving_to_a_full_disk_says_so_and_leaves_nothing_behind() {
    let Some(said) = save_once_on_tmpfs("size=64k", true) else {
        return;
    };
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].starts_with("disk-full could not save "), "{said:?}");
    assert!(said[0].contains("pool.ron: the disk is full"), "{said:?}");
    assert_eq!(said[1], "left filler");
}

#[test]
fn saving_to_a_read_only_disk_says_so() {
    let Some(said) = save_once_on_tmpfs("ro", false) else {
        return;
    };
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].starts_with("read-only could not save "), "{said:?}");
    assert_eq!(said[1], "left");
}
