//! Where riskshare keeps its own things: config, the last file used, autosaves.
//!
//! The platform's folders come from `directories` (on Linux `~/.config/riskshare` and
//! `~/.local/share/riskshare`); `RISKSHARE_HOME` puts both under one folder instead, which is
//! also how tests keep away from the real home. A missing or read-only home is normal on a
//! locked-down machine: riskshare then keeps what it would have written in memory for the
//! session and says so once.

use super::save::SaveError;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// Names a folder that replaces the platform's config and data folders: `DIR/config`, `DIR/data`.
pub const HOME_VAR: &str = "RISKSHARE_HOME";

const LAST_FILE: &str = "last-file";

/// riskshare's own folders, and what it remembers when it cannot write to them.
#[derive(Debug, Clone)]
pub struct Places {
    config: Option<PathBuf>,
    data: Option<PathBuf>,
    /// Whether `data` exists and can be written.
    writable: bool,
    /// The last file, when it could not be written down.
    remembered: Option<PathBuf>,
    notice: Option<String>,
    notice_given: bool,
}

impl Places {
    /// The folders for this user: `RISKSHARE_HOME` when set, else the platform's.
    pub fn from_env() -> Places {
        if let Some(home) = std::env::var_os(HOME_VAR).filter(|v| !v.is_empty()) {
            return Places::under(Path::new(&home));
        }
        // Without HOME, `directories` would ask the system's user database, which on many
        // machines means a socket to a name-service daemon (nscd, sssd): riskshare opens none.
        #[cfg(unix)]
        let dirs = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .and_then(|_| directories::ProjectDirs::from("", "", "riskshare"));
        #[cfg(not(unix))]
        let dirs = directories::ProjectDirs::from("", "", "riskshare");
        match dirs {
            Some(dirs) => Places::new(
                dirs.config_dir().to_path_buf(),
                dirs.data_dir().to_path_buf(),
            ),
            None => Places {
                config: None,
                data: None,
                writable: false,
                remembered: None,
                notice: Some(
                    "riskshare found no home folder, so recent files and autosaves are kept in memory for this session only"
                        .to_string(),
                ),
                notice_given: false,
            },
        }
    }

    /// Both folders under one root: `ROOT/config` and `ROOT/data`.
    pub fn under(root: &Path) -> Places {
        Places::new(root.join("config"), root.join("data"))
    }

    /// Uses the given folders, creating the data folder (mode 0700) if it can.
    pub fn new(config: PathBuf, data: PathBuf) -> Places {
        let (writable, notice) = match make_private_dir(&data) {
            Ok(()) => (true, None),
            Err(e) => (
                false,
                Some(format!(
                    "riskshare cannot write to {} ({}), so recent files and autosaves are kept in memory for this session only",
                    data.display(),
                    super::save::in_words(&e)
                )),
            ),
        };
        Places {
            config: Some(config),
            data: Some(data),
            writable,
            remembered: None,
            notice,
            notice_given: false,
        }
    }

    /// The config folder, when there is a home to put it in (it may not exist yet).
    pub fn config_dir(&self) -> Option<&Path> {
        self.config.as_deref()
    }

    /// The data folder for autosaves, only when it exists and can be written.
    pub fn data_dir(&self) -> Option<&Path> {
        self.data.as_deref().filter(|_| self.writable)
    }

    /// The notice about a missing or read-only home, the first time it is asked for.
    pub fn take_notice(&mut self) -> Option<String> {
        if self.notice_given {
            return None;
        }
        self.notice_given = true;
        self.notice.clone()
    }

    /// The last agreement file used, if it still exists.
    pub fn last_file(&self) -> Option<PathBuf> {
        let path = self.remembered.clone().or_else(|| {
            let bytes = fs::read(self.data.as_ref()?.join(LAST_FILE)).ok()?;
            path_from_bytes(bytes.strip_suffix(b"\n").unwrap_or(&bytes))
        })?;
        path.is_file().then_some(path)
    }

    /// Writes down `path` as the last file used. When it cannot be written to disk it is kept in
    /// memory, and the first time that happens the notice to show is returned.
    pub fn remember_last_file(&mut self, path: &Path) -> Option<String> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.remembered = Some(path.clone());
        let Some(data) = self.data_dir().map(Path::to_path_buf) else {
            return self.take_notice();
        };
        let mut bytes = path_to_bytes(&path);
        bytes.push(b'\n');
        let target = data.join(LAST_FILE);
        match super::save::write_atomic(&target, &bytes, super::save::Backup::None) {
            Ok(()) => None,
            Err(e) => {
                let cause = match &e {
                    SaveError::ReadOnly { source, .. }
                    | SaveError::DiskFull { source, .. }
                    | SaveError::Io { source, .. } => super::save::in_words(source),
                    SaveError::Encode { message, .. } => message.clone(),
                    SaveError::ReadOnlyFile { .. } => "the file is marked read-only".to_string(),
                };
                self.writable = false;
                self.notice = Some(format!(
                    "riskshare cannot write to {} ({cause}), so recent files and autosaves are kept in memory for this session only",
                    data.display()
                ));
                self.notice_given = false;
                self.take_notice()
            }
        }
    }
}

/// Creates a folder (and its parents) that only its owner may read.
pub(super) fn make_private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Creates a private folder and makes sure it can be written.
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    make_private_folder(dir)?;
    // Creating is not enough on a read-only home where the folder already exists.
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    fs::write(&probe, b"")?;
    fs::remove_file(&probe)
}

/// A path's bytes, as the system holds them.
#[cfg(unix)]
pub(super) fn path_to_bytes(path: &Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(not(unix))]
pub(super) fn path_to_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    if bytes.is_empty() {
        return None;
    }
    #[cfg(unix)]
    let os: OsString =
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).to_os_string();
    #[cfg(not(unix))]
    let os: OsString = String::from_utf8(bytes.to_vec()).ok()?.into();
    Some(PathBuf::from(os))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_file_is_remembered_across_starts() {
        let home = tempfile::tempdir().unwrap();
        let agreement = home.path().join("pool.ron");
        fs::write(&agreement, "x").unwrap();
        let mut places = Places::under(home.path());
        assert_eq!(places.take_notice(), None);
        assert_eq!(places.last_file(), None);
        assert_eq!(places.remember_last_file(&agreement), None);
        assert_eq!(
            Places::under(home.path()).last_file(),
            Some(agreement.clone())
        );
        fs::remove_file(&agreement).unwrap();
        assert_eq!(Places::under(home.path()).last_file(), None);
    }
}
