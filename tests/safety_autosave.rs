//! Unsaved work is autosaved to riskshare's data folder and offered back; riskshare's own
//! folders work, or fall back to memory, with a read-only or missing home.

#![cfg(unix)]

use crate::safety_support;

use riskshare::store::autosave::{self, autosave_path};
use riskshare::store::{Autosaver, Places, find_recovery, paths};
use safety_support::*;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_autosave_is_offered_back_equal_and_can_be_discarded() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let file = home.path().join("pool.ron");
    assert_eq!(find_recovery(&data, Some(&file)), None);

    let before = jiff::Timestamp::now();
    let path = autosave::autosave(&data, Some(&file), &edited(2)).unwrap();
    let found = find_recovery(&data, Some(&file)).expect("the autosave is found");
    assert_eq!(found.agreement, edited(2));
    assert_eq!(found.path, path);
    assert!(
        found.saved_at
            >= before.round(jiff::Unit::Second).unwrap() - jiff::SignedDuration::from_secs(1)
    );
    assert!(found.saved_at <= jiff::Timestamp::now());
    assert_eq!(found.saved_at_text().len(), 5, "{}", found.saved_at_text());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);

    // Other files and untitled work have autosaves of their own.
    assert_eq!(
        find_recovery(&data, Some(&home.path().join("other.ron"))),
        None
    );
    assert_eq!(find_recovery(&data, None), None);
    autosave::autosave(&data, None, &example()).unwrap();
    assert_eq!(find_recovery(&data, None).unwrap().agreement, example());
    assert_eq!(
        find_recovery(&data, Some(&file)).unwrap().agreement,
        edited(2)
    );

    found.discard().unwrap();
    assert_eq!(find_recovery(&data, Some(&file)), None);
    assert!(
        autosave::discard(&data, Some(&file)).is_ok(),
        "discarding twice is harmless"
    );
}

#[test]
fn the_autosaver_writes_after_every_change_and_on_demand() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let file = home.path().join("pool.ron");
    let mut saver = Autosaver::new(Some(&data), Some(&file));
    for n in 1..=5 {
        assert!(saver.changed(&edited(n)).unwrap(), "change {n} autosaves");
        assert_eq!(saver.unsaved_changes(), 0);
        assert_eq!(
            find_recovery(&data, Some(&file)).unwrap().agreement,
            edited(n),
            "a crash now loses nothing"
        );
    }
    assert!(!saver.flush(&edited(5)).unwrap(), "nothing new to write");
    let mut saver = saver.every(5);

    assert!(!saver.changed(&edited(6)).unwrap());
    assert!(
        saver.flush(&edited(6)).unwrap(),
        "a signal or an exit writes at once"
    );
    assert_eq!(
        find_recovery(&data, Some(&file)).unwrap().agreement,
        edited(6)
    );

    // Saved as another file: the old autosave goes, later ones follow the new name.
    let renamed = home.path().join("pool-v2.ron");
    saver.saved(&renamed).unwrap();
    assert_eq!(find_recovery(&data, Some(&file)), None);
    let mut saver = saver.every(1);
    assert!(saver.changed(&edited(7)).unwrap());
    assert_eq!(
        find_recovery(&data, Some(&renamed)).unwrap().agreement,
        edited(7)
    );
    saver.abandon().unwrap();
    assert_eq!(find_recovery(&data, Some(&renamed)), None);
}

#[test]
fn without_a_data_folder_the_autosaver_does_nothing_and_says_nothing() {
    let mut saver = Autosaver::new(None, None).every(1);
    assert!(!saver.changed(&example()).unwrap());
    assert!(!saver.flush(&example()).unwrap());
}

#[test]
fn a_file_that_is_not_an_agreement_is_not_offered() {
    let home = tempfile::tempdir().unwrap();
    let path = autosave_path(home.path(), None);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "(format: 1, name: ").unwrap();
    assert_eq!(find_recovery(home.path(), None), None);
}

/// Job: find riskshare's folders as the app would, use them, and report.
#[test]
fn job_places() {
    let Some(file) = job() else { return };
    let mut places = Places::from_env();
    let notice = places.take_notice();
    println!("@@notice {}", notice.unwrap_or_default());
    assert_eq!(places.take_notice(), None, "a notice is given once");
    println!(
        "@@data {}",
        places
            .data_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    );
    println!(
        "@@remember {}",
        places
            .remember_last_file(Path::new(&file))
            .unwrap_or_default()
    );
    println!(
        "@@last {}",
        places
            .last_file()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    );
    let mut saver = Autosaver::new(places.data_dir(), Some(Path::new(&file))).every(1);
    println!("@@autosaved {}", saver.changed(&example()).unwrap());
}

#[test]
fn riskshare_home_holds_the_folders_and_the_last_file() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("pool.ron");
    fs::write(&file, "x").unwrap();
    let run = || {
        child("safety_autosave::job_places", &file.display().to_string())
            .env(paths::HOME_VAR, home.path())
            .output()
            .unwrap()
    };
    let data = home.path().join("data");
    let said = reports(&run());
    let expected = [
        "notice".to_string(),
        format!("data {}", data.display()),
        "remember".to_string(),
        format!("last {}", file.display()),
        "autosaved true".to_string(),
    ];
    assert_eq!(said, expected);
    assert_eq!(mode(&data), 0o700);
    // The next start remembers.
    assert_eq!(Places::under(home.path()).last_file(), Some(file.clone()));
    assert!(find_recovery(&data, Some(&file)).is_some());
    assert_eq!(reports(&run()), expected);
}

#[test]
fn a_read_only_home_keeps_things_in_memory_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    fs::set_permissions(&home, fs::Permissions::from_mode(0o555)).unwrap();
    let file = dir.path().join("pool.ron");
    fs::write(&file, "x").unwrap();

    let output = child_as_user("safety_autosave::job_places", &file.display().to_string())
        .env(paths::HOME_VAR, &home)
        .output()
        .unwrap();
    let said = reports(&output);
    assert_eq!(said.len(), 5, "{output:?}");
    let opening = format!(
        "notice riskshare cannot write to {}",
        home.join("data").display()
    );
    assert!(said[0].starts_with(&opening), "{said:?}");
    assert!(
        said[0].ends_with("so recent files and autosaves are kept in memory for this session only")
    );
    assert_eq!(
        said[1..],
        [
            "data",
            "remember",
            &format!("last {}", file.display()),
            "autosaved false"
        ]
    );
    assert_eq!(names_in(&home), Vec::<String>::new());
}

#[test]
fn a_missing_home_keeps_things_in_memory_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let file = dir.path().join("pool.ron");
    fs::write(&file, "x").unwrap();
    let mut command = child_as_user("safety_autosave::job_places", &file.display().to_string());
    command
        .env_remove(paths::HOME_VAR)
        .env("HOME", "/nonexistent/riskshare-home");
    for var in ["XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
        command.env_remove(var);
    }
    let output = command.output().unwrap();
    let said = reports(&output);
    assert_eq!(said.len(), 5, "{output:?}");
    assert!(
        said[0].starts_with("notice riskshare cannot write to /nonexistent/riskshare-home/"),
        "{said:?}"
    );
    assert_eq!(
        said[1..],
        [
            "data",
            "remember",
            &format!("last {}", file.display()),
            "autosaved false"
        ]
    );
}

#[test]
fn no_home_at_all_keeps_things_in_memory_without_asking_the_user_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pool.ron");
    fs::write(&file, "x").unwrap();
    let output = child("safety_autosave::job_places", &file.display().to_string())
        .env_remove(paths::HOME_VAR)
        .env_remove("HOME")
        .output()
        .unwrap();
    let notice = "notice riskshare found no home folder, so recent files and autosaves are kept in memory for this session only";
    let last = format!("last {}", file.display());
    assert_eq!(
        reports(&output),
        [notice, "data", "remember", &last, "autosaved false"]
    );
}
