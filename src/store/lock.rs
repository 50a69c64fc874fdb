//! One riskshare at a time per file: an OS lock on a sidecar `NAME.ron.lock`.
//!
//! The lock sits on a sidecar rather than the agreement itself because an atomic save renames a
//! new file over the agreement, which would drop a lock held on the old one. The sidecar says who
//! holds it, so a second riskshare can tell its user and offer the file read-only. The OS lock
//! dies with its process, so a lock file left by a crash is taken over without a word.

use crate::model::text::clean;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who holds a lock, as the holder wrote it in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: Option<u32>,
    /// When they took it, as an RFC 3339 timestamp.
    pub since: String,
}

impl Holder {
    /// This process.
    pub fn me() -> Holder {
        Holder {
            user: user_name(),
            host: host_name(),
            pid: Some(std::process::id()),
            since: jiff::Timestamp::now().to_string(),
        }
    }

    fn to_text(&self) -> String {
        let pid = self.pid.map(|p| p.to_string()).unwrap_or_default();
        format!(
            "user={}\nhost={}\npid={pid}\nsince={}\n",
            self.user, self.host, self.since
        )
    }

    /// Reads a lock file's text; anything missing or unreadable is left empty. Text from the
    /// file is made inert, since another user may have written it.
    fn from_text(text: &str) -> Holder {
        let mut holder = Holder::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = clean(value.trim());
            match key.trim() {
                "user" => holder.user = value,
                "host" => holder.host = value,
                "pid" => holder.pid = value.parse().ok(),
                "since" => holder.since = value,
                _ => {}
            }
        }
        holder
    }
}

impl fmt::Display for Holder {
    /// "alice on ward-pc (process 4242) since 10:42", leaving out what is not known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let user = if self.user.is_empty() {
            "someone"
        } else {
            &self.user
        };
        write!(f, "{user}")?;
        if !self.host.is_empty() {
            write!(f, " on {}", self.host)?;
        }
        if let Some(pid) = self.pid {
            write!(f, " (process {pid})")?;
        }
        match self.since.parse::<jiff::Timestamp>() {
            Ok(ts) => write!(f, " since {}", super::autosave::local_time(ts)),
            Err(_) if !self.since.is_empty() => write!(f, " since {}", self.since),
            Err(_) => Ok(()),
        }
    }
}

/// Why a file could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{} is already open in another riskshare, by {holder}; it can be opened read-only", path.display())]
    Held { path: PathBuf, holder: Holder },
    #[error(
        "could not lock {} ({}); opening it may let two people save over each other",
        path.display(),
        super::save::in_words(source)
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A held lock on an agreement file; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    lock_path: PathBuf,
}

impl Lock {
    /// The sidecar lock file of an agreement: `NAME.ron` -> `NAME.ron.lock`.
    pub fn lock_path(file: &Path) -> PathBuf {
        super::save::with_suffix(file, ".lock")
    }

    /// Takes the lock on `file` (the agreement, not the lock file), or says who holds it.
    pub fn acquire(file: &Path) -> Result<Lock, LockError> {
        let lock_path = Self::lock_path(file);
        let io_err = |source| LockError::Io {
            path: file.to_path_buf(),
            source,
        };
        // A holder that is letting go removes the lock file; if we locked that removed file we
        // try again on the new one. Three tries are plenty: each needs someone else's release.
        for _ in 0..3 {
            let mut handle = open_lock_file(&lock_path).map_err(io_err)?;
            match handle.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = handle.read_to_string(&mut text);
                    return Err(LockError::Held {
                        path: file.to_path_buf(),
                        holder: Holder::from_text(&text),
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
            if !same_file(&handle, &lock_path) {
                continue;
            }
            // Who holds it is a courtesy to the next user: a lock file we may not write still
            // locks.
            let _ = write_holder(&mut handle, &Holder::me());
            return Ok(Lock {
                file: handle,
                lock_path,
            });
        }
        Err(io_err(io::Error::other(
            "the lock file kept changing while it was being taken",
        )))
    }

    /// The sidecar file this lock is held on.
    pub fn path(&self) -> &Path {
        &self.lock_path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file while still holding it, so no one can lock it in between; whoever was
        // waiting on the removed file sees it is gone and opens the new one.
        if same_file(&self.file, &self.lock_path) {
            let _ = fs::remove_file(&self.lock_path);
        }
        let _ = self.file.unlock();
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
    match options.open(path) {
        // Someone else's lock file that we may not write can still be locked and read.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => File::open(path).map_err(|_| e),
        other => other,
    }
}

fn write_holder(file: &mut File, holder: &Holder) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(holder.to_text().as_bytes())?;
    file.flush()
}

/// Whether the open file is still the one at `path` (not removed or replaced meanwhile).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

fn user_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|v| clean(&v))
        .or_else(user_id)
        .unwrap_or_else(|| "someone".to_string())
}

/// The user's number, when no name is in the environment: read from the process's own entry,
/// never from the user database (which can be a lookup over the network).
#[cfg(unix)]
fn user_id() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .ok()
        .map(|m| format!("user {}", m.uid()))
}

#[cfg(not(unix))]
fn user_id() -> Option<String> {
    None
}

/// The machine's name, read from where the system keeps it (no name-service lookup).
fn host_name() -> String {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string());
    from_file
        .filter(|s| !s.is_empty())
        .or_else(|| {
            ["HOSTNAME", "COMPUTERNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        })
        .map(|v| clean(&v))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holder_text_round_trips_and_is_made_inert() {
        let me = Holder::me();
        assert_eq!(Holder::from_text(&me.to_text()), me);
        let hostile = Holder::from_text("user=ev\x1b[2Jil\nhost=box\x07\npid=12\nsince=soon\n");
        assert_eq!(hostile.user, "ev[2Jil");
        assert_eq!(
            hostile.to_string(),
            "ev[2Jil on box (process 12) since soon"
        );
        assert_eq!(Holder::from_text("").to_string(), "someone");
    }

    #[test]
    fn a_second_lock_in_the_same_process_is_refused_then_released() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        let first = Lock::acquire(&file).unwrap();
        let Err(LockError::Held { holder, .. }) = Lock::acquire(&file) else {
            panic!("the second lock was not refused");
        };
        assert_eq!(holder.pid, Some(std::process::id()));
        drop(first);
        assert!(!Lock::lock_path(&file).exists());
        let again = Lock::acquire(&file).unwrap();
        assert_eq!(again.path(), Lock::lock_path(&file));
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        fs::write(Lock::lock_path(&file), "user=ghost\npid=1\n").unwrap();
        let lock = Lock::acquire(&file).unwrap();
        let text = fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.contains(&format!("pid={}", std::process::id())),
            "{text}"
        );
    }
}
