//! Who and when for a decision-log entry: the user's name (the config's `user`, else the login
//! name) and the time (UTC, to the second). The workbench's edits and `riskshare import` both
//! sign the log with these.

use serde::Deserialize;
use std::path::Path;

/// The config file's fields that matter here; anything else in it is left to its owner.
#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    user: String,
}

/// The config file in riskshare's config folder.
pub const CONFIG_FILE: &str = "config.ron";

/// The current time in RFC 3339, UTC, to the second.
pub fn now() -> String {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Second).unwrap_or(now).to_string()
}

/// The user's name: `user` in the config file, else USER, LOGNAME or USERNAME, else the login
/// name of the process's user in /etc/passwd, else "unknown".
pub fn user(config_dir: Option<&Path>) -> String {
    let configured = config_dir
        .and_then(|dir| std::fs::read_to_string(dir.join(CONFIG_FILE)).ok())
        .and_then(|text| ron::from_str::<Config>(&text).ok())
        .map(|c| c.user);
    pick_user(configured, |k| std::env::var(k).ok(), account_name)
}

/// The first of these that names someone: the configured name, the environment's USER, LOGNAME
/// and USERNAME (as `var` reads them), the account's name, else "unknown". The sources are
/// passed in so that the order can be tested without changing the process's environment.
fn pick_user(
    configured: Option<String>,
    var: impl Fn(&str) -> Option<String>,
    account: impl FnOnce() -> Option<String>,
) -> String {
    let named = |v: &Option<String>| v.as_ref().is_some_and(|n| !n.trim().is_empty());
    let name = Some(configured)
        .filter(named)
        .or_else(|| {
            ["USER", "LOGNAME", "USERNAME"]
                .iter()
                .map(|k| var(k))
                .find(named)
        })
        .or_else(|| Some(account()).filter(named))
        .flatten();
    crate::model::text::clean(name.as_deref().unwrap_or("unknown").trim())
}

/// The login name of the user this process runs as, from /etc/passwd (Unix): the uid is the
/// owner of /proc/self, so no unsafe call is needed. None where either cannot be read.
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    passwd_name(&std::fs::read_to_string("/etc/passwd").ok()?, uid)
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// The name on the line of a passwd file (`name:x:uid:gid:...`) whose uid is `uid`.
#[cfg_attr(not(unix), allow(dead_code))]
fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let mut parts = line.split(':');
            let name = parts.next()?;
            let found: u32 = parts.nth(1)?.trim().parse().ok()?;
            (found == uid && !name.is_empty()).then(|| name.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_names_the_user_before_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "(user: \"Jo Bloggs\", theme: \"x\")",
        )
        .unwrap();
        assert_eq!(user(Some(dir.path())), "Jo Bloggs");
        let empty = tempfile::tempdir().unwrap();
        assert!(!user(Some(empty.path())).is_empty());
        assert!(now().ends_with('Z') && now().len() == "2026-03-01T10:00:00Z".len());
    }

    /// An environment of these variables only.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| vars.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    fn account(name: &str) -> impl FnOnce() -> Option<String> {
        let name = name.to_string();
        move || Some(name)
    }

    #[test]
    fn the_name_falls_back_from_config_to_user_logname_the_account_then_unknown() {
        let all = [("USER", "ann"), ("LOGNAME", "bob"), ("USERNAME", "cat")];
        let config = || Some("Jo Bloggs".to_string());
        assert_eq!(pick_user(config(), env(&all), account("dee")), "Jo Bloggs");
        assert_eq!(pick_user(None, env(&all), account("dee")), "ann");
        assert_eq!(pick_user(None, env(&all[1..]), account("dee")), "bob");
        assert_eq!(pick_user(None, env(&all[2..]), account("dee")), "cat");
        assert_eq!(pick_user(None, env(&[]), account("dee")), "dee");
        assert_eq!(pick_user(None, env(&[]), || None), "unknown");
        // Blank is no name: each blank source passes to the next.
        let blank = [("USER", " "), ("LOGNAME", ""), ("USERNAME", "\t")];
        assert_eq!(
            pick_user(Some("  ".into()), env(&blank), account("dee")),
            "dee"
        );
        assert_eq!(pick_user(None, env(&blank), account(" ")), "unknown");
    }

    #[test]
    fn the_account_is_asked_only_when_the_environment_names_nobody() {
        let asked = std::cell::Cell::new(false);
        let name = pick_user(None, env(&[("LOGNAME", "bob")]), || {
            asked.set(true);
            None
        });
        assert_eq!(name, "bob");
        assert!(
            !asked.get(),
            "/etc/passwd is not read when LOGNAME names the user"
        );
    }

    #[test]
    fn the_passwd_line_of_the_uid_names_the_account() {
        let passwd = "# comment\nroot:x:0:0:root:/root:/bin/sh\n\
                      broken line\nsam:x:1000:1000:Sam Smith,,,:/home/sam:/bin/bash\n";
        assert_eq!(passwd_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(passwd_name(passwd, 1000).as_deref(), Some("sam"));
        assert_eq!(passwd_name(passwd, 1001), None);
        assert_eq!(passwd_name("", 0), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_an_account_name_on_linux() {
        // Every Linux user this runs as is in /etc/passwd (a container's too, usually): where it
        // is, the name is the one `id -un` gives.
        let Some(name) = account_name() else { return };
        let id = std::process::Command::new("id").arg("-un").output();
        if let Ok(out) = id {
            assert_eq!(name, String::from_utf8_lossy(&out.stdout).trim());
        }
    }
}
