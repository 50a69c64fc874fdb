//! Atomic saves: a save lands whole or not at all, and the previous version is kept beside it.
//!
//! The new text goes to a temporary file in the same folder (so the rename cannot cross disks),
//! is flushed and synced, then renamed over the target and the folder synced, so a crash or a
//! kill at any moment leaves either the old file or the new one, never a mix. Before the rename
//! the old file is copied, by the same atomic route, to `NAME.ron.bak`.

use crate::model::Agreement;
use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why an agreement could not be saved. A failed save never changes the agreement in memory.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "could not save {}: the folder is read-only or you are not allowed to write there, so your work is still open and can be saved somewhere else",
        path.display()
    )]
    ReadOnly {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "could not save {}: the disk is full (or your quota is used up), so your work is still open and can be saved once there is space or somewhere else",
        path.display()
    )]
    DiskFull {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "could not save {}: the file is marked read-only, so it was left as it is; your work is still open and can be saved under another name",
        path.display()
    )]
    ReadOnlyFile { path: PathBuf },
    #[error("could not save {}: the agreement could not be written as RON ({message})", path.display())]
    Encode { path: PathBuf, message: String },
    #[error("could not save {}: {step} failed ({source}), so your work is still open", path.display())]
    Io {
        path: PathBuf,
        step: &'static str,
        #[source]
        source: io::Error,
    },
}

impl SaveError {
    /// Sorts an I/O failure into the cases a user can act on.
    pub fn from_io(path: &Path, step: &'static str, source: io::Error) -> SaveError {
        let path = path.to_path_buf();
        match source.kind() {
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                SaveError::ReadOnly { path, source }
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                SaveError::DiskFull { path, source }
            }
            _ => SaveError::Io { path, step, source },
        }
    }
}

/// An I/O failure in a user's words, for messages about riskshare's own folders.
pub(crate) fn in_words(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "you are not allowed to write there".to_string(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full".to_string(),
        ErrorKind::NotFound => "a folder on the way is missing".to_string(),
        _ => os_words(e),
    }
}

/// The OS's description of an error in plain words: without its "(os error 40)" code, and with
/// the common ones said as a person would.
pub(crate) fn os_words(e: &io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "a link on the way points back to itself, or is a link where none may be".into();
    }
    match e.kind() {
        ErrorKind::NotADirectory => return "a part of the path is a file, not a folder".into(),
        ErrorKind::IsADirectory => return "it is a folder, not a file".into(),
        _ => {}
    }
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) => &text[..at],
        None => &text,
    };
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether the file being replaced is first copied to `NAME.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backup {
    Keep,
    None,
}

/// Saves the agreement to `path` atomically, keeping the previous version as `NAME.ron.bak`.
///
/// A new file gets mode 0600 (the figures are commercially sensitive); a replaced file keeps its
/// mode. On failure nothing is left behind but the old file, unchanged.
pub fn save(path: &Path, agreement: &Agreement) -> Result<(), SaveError> {
    // Only what changed since the file on disk is rewritten; its comments and layout stay.
    let existing = fs::read_to_string(path).ok();
    let text = match super::patch::text_for(existing.as_deref(), agreement) {
        Some(text) => text,
        None => super::to_ron(agreement).map_err(|e| SaveError::Encode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?,
    };
    write_atomic(path, text.as_bytes(), Backup::Keep)
}

/// The backup kept beside a saved file: `NAME.ron` -> `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// `path` with `suffix` added to its file name.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `bytes` to `path` by temporary file, sync and rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), SaveError> {
    // Saving through a symbolic link replaces what it points at, not the link itself.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let folder = folder_of(&target);
    let existing = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(SaveError::from_io(path, "reading the existing file", e)),
    };
    // The rename needs only the folder's permission, so a file its owner marked read-only (a
    // signed-off agreement) would be replaced without a word: refuse it, as a text editor does.
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(SaveError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    tidy_stale_temps(&folder, &target);
    let temp = temp_path(&folder, &target);
    let result = write_temp(&temp, bytes, existing.as_ref())
        .and_then(|()| match (&existing, backup) {
            (Some(meta), Backup::Keep) => keep_backup(&target, meta),
            _ => Ok(()),
        })
        .and_then(|()| {
            fs::rename(&temp, &target).map_err(|e| ("putting the new copy in place", e))
        });
    if let Err((step, e)) = result {
        let _ = fs::remove_file(&temp);
        return Err(SaveError::from_io(path, step, e));
    }
    sync_folder(&folder).map_err(|e| SaveError::from_io(path, "syncing the folder", e))
}

type Step = (&'static str, io::Error);

/// Creates the temporary file, writes, flushes and syncs it, with the mode the target will have.
fn write_temp(temp: &Path, bytes: &[u8], existing: Option<&fs::Metadata>) -> Result<(), Step> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(temp)
        .map_err(|e| ("creating a temporary file", e))?;
    if let Some(meta) = existing {
        keep_owner_and_mode(&file, meta).map_err(|e| ("copying the file's permissions", e))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| ("writing", e))?;
    file.sync_all().map_err(|e| ("syncing to disk", e))
}

/// Copies the file about to be replaced to `NAME.bak`, atomically, keeping its mode.
fn keep_backup(target: &Path, meta: &fs::Metadata) -> Result<(), Step> {
    let old = fs::read(target).map_err(|e| ("reading the previous version", e))?;
    let bak = backup_path(target);
    let folder = folder_of(target);
    let temp = temp_path(&folder, &bak);
    let result = write_temp(&temp, &old, Some(meta))
        .and_then(|()| fs::rename(&temp, &bak).map_err(|e| ("keeping the previous version", e)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Only root may give a file away; for anyone else this keeps the group where allowed.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, meta: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(meta.permissions())
}

/// Makes the rename itself durable: on Unix a folder is synced like a file.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match File::open(folder).and_then(|f| f.sync_all()) {
        // Some file systems cannot sync a folder; the rename is then as durable as they allow.
        Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Unsupported) => {}
        other => return other,
    }
    let _ = folder;
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

const TEMP_SUFFIX: &str = ".tmp";

/// A hidden temporary name unique to this process and call: `.NAME.PID-N.tmp`.
fn temp_path(folder: &Path, target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    folder.join(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id()))
}

/// Removes the temporary files (`.NAME.PID-N.tmp`) a riskshare killed while saving left beside
/// `file`, so they do not pile up; done when a file is opened and before each save.
pub fn tidy_orphans(file: &Path) {
    let target = fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    tidy_stale_temps(&folder_of(&target), &target);
}

/// Removes temporary files that a killed riskshare left beside `target` (Linux only, where a
/// process's liveness can be read from /proc without asking the kernel anything unsafe).
fn tidy_stale_temps(folder: &Path, target: &Path) {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        // `.NAME.PID-N.tmp`, or `.NAME.bak.PID-N.tmp` for the backup's own temporary file.
        let id = rest.rsplit('.').next().unwrap_or_default();
        let Some(pid) = id.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !proc_root.join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_and_full_disks_are_named() {
        let p = Path::new("/x/a.ron");
        let ro = SaveError::from_io(p, "writing", io::Error::from(ErrorKind::ReadOnlyFilesystem));
        assert!(matches!(ro, SaveError::ReadOnly { .. }));
        assert!(ro.to_string().contains("/x/a.ron: the folder is read-only"));
        let full = SaveError::from_io(p, "writing", io::Error::from(ErrorKind::StorageFull));
        assert!(full.to_string().contains("the disk is full"));
        let quota = SaveError::from_io(p, "writing", io::Error::from(ErrorKind::QuotaExceeded));
        assert!(matches!(quota, SaveError::DiskFull { .. }));
        let other = SaveError::from_io(p, "writing", io::Error::other("bad sector"));
        assert_eq!(
            other.to_string(),
            "could not save /x/a.ron: writing failed (bad sector), so your work is still open"
        );
    }

    #[test]
    fn the_backup_sits_beside_the_file() {
        assert_eq!(backup_path(Path::new("a/b.ron")), Path::new("a/b.ron.bak"));
        assert_eq!(folder_of(Path::new("b.ron")), Path::new("."));
    }
}
