//! One riskshare at a time per file: an OS lock on a sidecar `NAME.ron.lock`, and on the file.
//!
//! The sidecar sits beside the file's real (canonical) path, so a symbolic link to the file finds
//! the same sidecar. It is created with `O_CREAT|O_EXCL|O_NOFOLLOW`: riskshare never follows a
//! link planted where the sidecar goes, never truncates a file it did not make, and never deletes
//! anything but its own sidecar. The sidecar says who holds it, so a second riskshare can tell
//! its user and offer the file read-only; its OS lock dies with its process, so one left by a
//! crash on this machine is taken over. One written on another machine cannot be checked for a
//! live process, so it is shown and the file opens read-only unless the user takes it.
//!
//! The agreement file itself is also locked (by device and inode), so a second name for the same
//! file (a hard link) is caught too. An atomic save renames a new file over the agreement, so
//! after a save [`Lock::follow_save`] locks the new one.

use crate::model::text::clean;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
        // A process number means something only on the holder's own machine.
        if let Some(pid) = self
            .pid
            .filter(|_| self.host.is_empty() || self.host == host_name())
        {
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
    /// The lock was written on another machine, so whether it is still open there cannot be
    /// told: the file opens read-only unless the user takes the lock ([`Lock::take_over`]).
    #[error(
        "{} is held by {holder}, on another machine; riskshare cannot tell whether it is still \
         open there, so it can be opened read-only or the lock taken",
        path.display()
    )]
    Elsewhere { path: PathBuf, holder: Holder },
    /// Something riskshare did not make is where the lock goes (a link, a folder): it is left
    /// alone.
    #[error(
        "could not lock {}: {} is {what}, not a lock riskshare made; it was left alone, so remove it \
         if you know where it came from",
        path.display(),
        lock_path.display()
    )]
    NotALock {
        path: PathBuf,
        lock_path: PathBuf,
        what: &'static str,
    },
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
    /// The agreement's real path, and an OS lock on the file it names now.
    target: PathBuf,
    target_lock: Mutex<Option<File>>,
}

impl Lock {
    /// The sidecar lock file of an agreement: `NAME.ron` -> `NAME.ron.lock`, beside the file's
    /// real path (links followed).
    pub fn lock_path(file: &Path) -> PathBuf {
        super::save::with_suffix(&real_path(file), ".lock")
    }

    /// Takes the lock on `file` (the agreement, not the lock file), or says who holds it.
    pub fn acquire(file: &Path) -> Result<Lock, LockError> {
        Self::take(file, false)
    }

    /// Takes a lock that [`Lock::acquire`] found held on another machine, on the user's word.
    /// A lock held by a live riskshare on this machine is still refused.
    pub fn take_over(file: &Path) -> Result<Lock, LockError> {
        Self::take(file, true)
    }

    fn take(file: &Path, foreign_ok: bool) -> Result<Lock, LockError> {
        let target = real_path(file);
        let lock_path = super::save::with_suffix(&target, ".lock");
        let io_err = |source| LockError::Io {
            path: file.to_path_buf(),
            source,
        };
        // The file itself first: a second name for it (a hard link) has another sidecar.
        let target_lock = match lock_target(&target).map_err(io_err)? {
            Target::Locked(f) => Some(f),
            Target::Absent => None,
            Target::Taken => {
                return Err(LockError::Held {
                    path: file.to_path_buf(),
                    holder: holder_by_identity(&target).unwrap_or_default(),
                });
            }
        };
        // A holder that is letting go removes the lock file; if we locked that removed file we
        // try again on the new one. Three tries are plenty: each needs someone else's release.
        for _ in 0..3 {
            let (mut handle, created) = match open_lock_file(&lock_path) {
                Ok(found) => found,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(not_a_lock(file, &lock_path, e).unwrap_or_else(io_err)),
            };
            if !handle.metadata().map_err(io_err)?.is_file() {
                return Err(LockError::NotALock {
                    path: file.to_path_buf(),
                    lock_path,
                    what: "not a plain file",
                });
            }
            let mut text = String::new();
            if !created {
                let _ = handle.read_to_string(&mut text);
            }
            let holder = Holder::from_text(&text);
            let here = host_name();
            if !created && !foreign_ok && !holder.host.is_empty() && holder.host != here {
                return Err(LockError::Elsewhere {
                    path: file.to_path_buf(),
                    holder,
                });
            }
            match handle.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        path: file.to_path_buf(),
                        holder,
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
            if !same_file(&handle, &lock_path) {
                continue;
            }
            // Who holds it is a courtesy to the next user: a lock file we may not write still
            // locks.
            let _ = write_holder(&mut handle, &Holder::me(), &identity_of(&target));
            return Ok(Lock {
                file: handle,
                lock_path,
                target,
                target_lock: Mutex::new(target_lock),
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

    /// After a save replaced the agreement with a new file, locks that one (and notes its
    /// identity in the sidecar, for a second name of it to find).
    pub fn follow_save(&self) {
        let Ok(mut slot) = self.target_lock.lock() else {
            return;
        };
        // Drop the old file's lock first: it is not the agreement any more.
        *slot = None;
        if let Ok(Target::Locked(f)) = lock_target(&self.target) {
            *slot = Some(f);
        }
        if let Ok(mut handle) = self.file.try_clone() {
            let _ = write_holder(&mut handle, &Holder::me(), &identity_of(&self.target));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file while still holding it, so no one can lock it in between; whoever was
        // waiting on the removed file sees it is gone and opens the new one. Only our own file:
        // never a link or file someone put in its place.
        if same_file(&self.file, &self.lock_path) {
            let _ = fs::remove_file(&self.lock_path);
        }
        let _ = self.file.unlock();
    }
}

/// The file's real path, links followed; for a file not there yet, its real folder and name.
fn real_path(file: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(file) {
        return p;
    }
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (fs::canonicalize(folder), file.file_name()) {
        (Ok(f), Some(name)) => f.join(name),
        _ => file.to_path_buf(),
    }
}

/// What locking the agreement file itself found.
enum Target {
    /// Locked here.
    Locked(File),
    /// Nothing to lock: the file is not there yet, or may not be read (the sidecar still locks).
    Absent,
    /// Another riskshare holds it, under this name or another.
    Taken,
}

/// An OS lock on the agreement file itself, so that a second name for it is caught.
fn lock_target(target: &Path) -> io::Result<Target> {
    let file = match super::load::open_without_waiting(target) {
        Ok(f) => f,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
            ) =>
        {
            return Ok(Target::Absent);
        }
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Ok(Target::Absent);
    }
    match file.try_lock() {
        Ok(()) => Ok(Target::Locked(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(Target::Taken),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Opens the sidecar: a new one made here (true), never through a link, or the one already
/// there (false), opened without following a link and without truncating it.
fn open_lock_file(path: &Path) -> io::Result<(File, bool)> {
    let mut create = OpenOptions::new();
    create.read(true).write(true).create_new(true);
    no_follow(&mut create);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut create, 0o644);
    match create.open(path) {
        Ok(f) => return Ok((f, true)),
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {}
    }
    let mut existing = OpenOptions::new();
    existing.read(true).write(true);
    no_follow(&mut existing);
    match existing.open(path) {
        // Someone else's lock file that we may not write can still be locked and read.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            let mut read = OpenOptions::new();
            read.read(true);
            no_follow(&mut read);
            read.open(path).map(|f| (f, false)).map_err(|_| e)
        }
        other => other.map(|f| (f, false)),
    }
}

/// `O_NOFOLLOW`: a link where the sidecar goes makes the open fail instead of being followed.
fn no_follow(options: &mut OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    let _ = options;
}

/// A refusal to open the sidecar because a link or a folder is there, said as such.
fn not_a_lock(file: &Path, lock_path: &Path, e: io::Error) -> Result<LockError, io::Error> {
    let what = match fs::symlink_metadata(lock_path) {
        Ok(m) if m.file_type().is_symlink() => "a link",
        Ok(m) if m.is_dir() => "a folder",
        Ok(m) if !m.is_file() => "not a plain file",
        _ => return Err(e),
    };
    Ok(LockError::NotALock {
        path: file.to_path_buf(),
        lock_path: lock_path.to_path_buf(),
        what,
    })
}

fn write_holder(file: &mut File, holder: &Holder, identity: &str) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(format!("{}file={identity}\n", holder.to_text()).as_bytes())?;
    file.flush()
}

/// The file's device and inode as `DEV:INO`, or nothing when it is not there.
#[cfg(unix)]
fn identity_of(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path)
        .map(|m| format!("{}:{}", m.dev(), m.ino()))
        .unwrap_or_default()
}

#[cfg(not(unix))]
fn identity_of(_path: &Path) -> String {
    String::new()
}

/// Who holds the file under another name: a sidecar in the same folder naming its identity.
fn holder_by_identity(target: &Path) -> Option<Holder> {
    let identity = identity_of(target);
    if identity.is_empty() {
        return None;
    }
    let folder = target.parent()?;
    let line = format!("file={identity}");
    fs::read_dir(folder).ok()?.flatten().find_map(|entry| {
        let path = entry.path();
        let is_lock = path.extension().is_some_and(|e| e == "lock")
            && entry.file_type().is_ok_and(|t| t.is_file());
        let text = is_lock.then(|| fs::read_to_string(&path).ok()).flatten()?;
        text.lines()
            .any(|l| l.trim() == line)
            .then(|| Holder::from_text(&text))
    })
}

/// Whether the open file is still the one at `path` (not removed or replaced meanwhile, and not
/// a link put there since).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
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
        assert_eq!(hostile.to_string(), "ev[2Jil on box since soon");
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

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_followed_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("symlk.ron");
        fs::write(&file, "(format: 1)").unwrap();
        let other = dir.path().join("OTHER");
        fs::write(&other, "precious").unwrap();
        std::os::unix::fs::symlink(&other, Lock::lock_path(&file)).unwrap();
        let Err(e @ LockError::NotALock { .. }) = Lock::acquire(&file) else {
            panic!("a planted link was taken as a lock");
        };
        assert!(
            e.to_string()
                .contains("is a link, not a lock riskshare made"),
            "{e}"
        );
        assert!(!e.to_string().contains("os error"), "{e}");
        assert_eq!(fs::read_to_string(&other).unwrap(), "precious");
        assert!(fs::symlink_metadata(Lock::lock_path(&file)).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_second_name_finds_the_same_lock() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        fs::write(&file, "(format: 1)").unwrap();
        let soft = dir.path().join("soft.ron");
        std::os::unix::fs::symlink(&file, &soft).unwrap();
        let hard = dir.path().join("hard.ron");
        fs::hard_link(&file, &hard).unwrap();
        let first = Lock::acquire(&file).unwrap();
        for other in [&soft, &hard] {
            let Err(LockError::Held { holder, .. }) = Lock::acquire(other) else {
                panic!("{} was locked a second time", other.display());
            };
            assert_eq!(holder.pid, Some(std::process::id()));
        }
        drop(first);
        assert!(Lock::acquire(&hard).is_ok());
    }

    #[test]
    fn a_lock_from_another_machine_is_shown_and_taken_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        let text = "user=bob\nhost=otherhost-not-this-one\npid=4242\nsince=2026-01-05T10:42:00Z\n";
        fs::write(Lock::lock_path(&file), text).unwrap();
        let Err(e @ LockError::Elsewhere { .. }) = Lock::acquire(&file) else {
            panic!("another machine's lock was taken over silently");
        };
        let said = e.to_string();
        assert!(
            said.contains("held by bob on otherhost-not-this-one since"),
            "{said}"
        );
        assert!(!said.contains("process"), "{said}");
        assert_eq!(fs::read_to_string(Lock::lock_path(&file)).unwrap(), text);
        let lock = Lock::take_over(&file).unwrap();
        let now = fs::read_to_string(lock.path()).unwrap();
        assert!(
            now.contains(&format!("pid={}", std::process::id())),
            "{now}"
        );
    }
}
