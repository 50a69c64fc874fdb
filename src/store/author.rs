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

/// The user's name: `user` in the config file, else USER, LOGNAME or USERNAME, else "unknown".
pub fn user(config_dir: Option<&Path>) -> String {
    let configured = config_dir
        .and_then(|dir| std::fs::read_to_string(dir.join(CONFIG_FILE)).ok())
        .and_then(|text| ron::from_str::<Config>(&text).ok())
        .map(|c| c.user);
    let from_env = || {
        ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.trim().is_empty())
    };
    let name = configured
        .filter(|n| !n.trim().is_empty())
        .or_else(from_env);
    crate::model::text::clean(name.as_deref().unwrap_or("unknown").trim())
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
}
