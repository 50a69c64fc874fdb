//! Autosaves of unsaved work, offered back at the next start ("recover unsaved work from 10:42?").
//!
//! An autosave is the agreement as RON, written atomically to `DATA/autosave/` under a name made
//! from the file it belongs to (or `untitled`), with the time on its first line. It never
//! touches the user's own file; a save or a decline removes it.
//!
//! The first line also carries a fingerprint of the file as it was when the work began (opened
//! or last saved). If the file on disk no longer matches it at the next start, someone saved it
//! after the autosave, and [`Recovery::file_changed`] says so: recovering must then never
//! overwrite their save without a second, explicit choice.

use super::paths::{make_private_folder, path_to_bytes};
use super::save::{Backup, SaveError, write_atomic};
use crate::model::Agreement;
use jiff::Timestamp;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const HEADER: &str = "// riskshare autosave, saved at ";
/// After the time on the first line: the fingerprint of the file the work began from.
const BASE: &str = ", of the file ";

/// Unsaved work found at start.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The autosave file.
    pub path: PathBuf,
    pub saved_at: Timestamp,
    pub agreement: Agreement,
    /// The file was changed (saved by someone, edited) after the work in the autosave began.
    pub file_changed: bool,
}

impl Recovery {
    /// When it was saved, in local time: "10:42" today, else "Tue 3 Jun 10:42".
    pub fn saved_at_text(&self) -> String {
        local_time(self.saved_at)
    }

    /// Removes the autosave (the user declined it, or has saved what it held).
    pub fn discard(self) -> io::Result<()> {
        remove_if_present(&self.path)
    }
}

/// The autosave file for an agreement file, or for unsaved new work when `for_file` is None.
pub fn autosave_path(data_dir: &Path, for_file: Option<&Path>) -> PathBuf {
    let folder = data_dir.join("autosave");
    let Some(file) = for_file else {
        return folder.join("untitled.ron");
    };
    let full = fs::canonicalize(file)
        .or_else(|_| std::path::absolute(file))
        .unwrap_or_else(|_| file.to_path_buf());
    let stem: String = full
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    // The hash keeps two `pool.ron` in different folders apart, and stays the same across
    // builds (std's hasher promises no such thing).
    folder.join(format!("{stem}-{:016x}.ron", fnv1a(&path_to_bytes(&full))))
}

/// Writes the agreement as the autosave for `for_file`, replacing the previous autosave.
pub fn autosave(
    data_dir: &Path,
    for_file: Option<&Path>,
    agreement: &Agreement,
) -> Result<PathBuf, SaveError> {
    let base = for_file.and_then(fingerprint);
    autosave_from(data_dir, for_file, agreement, base.as_deref())
}

/// The fingerprint of a file's bytes as they are now (`None` when it cannot be read).
pub fn fingerprint(file: &Path) -> Option<String> {
    let text = super::read_text(file).ok()?;
    Some(format!("{:016x}-{}", fnv1a(text.as_bytes()), text.len()))
}

/// As [`autosave`], naming the fingerprint of the file the work began from.
fn autosave_from(
    data_dir: &Path,
    for_file: Option<&Path>,
    agreement: &Agreement,
    base: Option<&str>,
) -> Result<PathBuf, SaveError> {
    let path = autosave_path(data_dir, for_file);
    let text = super::to_ron(agreement).map_err(|e| SaveError::Encode {
        path: path.clone(),
        message: e.to_string(),
    })?;
    if let Some(folder) = path.parent() {
        make_private_folder(folder)
            .map_err(|e| SaveError::from_io(&path, "creating the folder", e))?;
    }
    let base = base.map(|b| format!("{BASE}{b}")).unwrap_or_default();
    let body = format!("{HEADER}{}{base}\n{text}", Timestamp::now());
    write_atomic(&path, body.as_bytes(), Backup::None)?;
    Ok(path)
}

/// The unsaved work left for `for_file`, if there is any and it can be read back.
pub fn find_recovery(data_dir: &Path, for_file: Option<&Path>) -> Option<Recovery> {
    let path = autosave_path(data_dir, for_file);
    let text = super::read_text(&path).ok()?;
    let origin = path.display().to_string();
    let agreement = super::parse(&text, &origin).ok()?;
    let first = text.lines().next().and_then(|l| l.strip_prefix(HEADER));
    let (when, base) = match first.map(|l| l.split_once(BASE)) {
        Some(Some((when, base))) => (Some(when), Some(base.trim())),
        Some(None) => (first, None),
        None => (None, None),
    };
    let saved_at = when
        .and_then(|t| t.trim().parse().ok())
        .or_else(|| Timestamp::try_from(fs::metadata(&path).ok()?.modified().ok()?).ok())?;
    // Unknown (an older autosave, a new file): the file is taken as unchanged only if it was
    // never there to change.
    let file_changed = match (for_file, base) {
        (Some(file), Some(base)) => fingerprint(file).as_deref() != Some(base),
        (Some(file), None) => file.exists(),
        (None, _) => false,
    };
    Some(Recovery {
        path,
        saved_at,
        agreement,
        file_changed,
    })
}

/// Removes the autosave for `for_file`, if there is one.
pub fn discard(data_dir: &Path, for_file: Option<&Path>) -> io::Result<()> {
    remove_if_present(&autosave_path(data_dir, for_file))
}

/// Autosaves every few changes, and on demand (a signal, an exit).
///
/// The app calls [`Autosaver::changed`] after each change, [`Autosaver::flush`] when it is
/// told to stop, and [`Autosaver::saved`] after the user saves.
#[derive(Debug, Clone)]
pub struct Autosaver {
    data_dir: Option<PathBuf>,
    for_file: Option<PathBuf>,
    every: u32,
    /// Changes since the last autosave or save.
    unsaved: u32,
    /// The fingerprint of the file as the work began (opened or last saved).
    base: Option<String>,
}

impl Autosaver {
    /// How many changes go by between autosaves unless told otherwise: every change, so a
    /// crash loses at most the action it interrupted (an autosave is small and quick).
    pub const EVERY: u32 = 1;

    /// An autosaver writing to `data_dir` (None: autosave is off, for a home that cannot be
    /// written) for the agreement from `for_file` (None: new, untitled work).
    pub fn new(data_dir: Option<&Path>, for_file: Option<&Path>) -> Autosaver {
        Autosaver {
            data_dir: data_dir.map(Path::to_path_buf),
            for_file: for_file.map(Path::to_path_buf),
            every: Self::EVERY,
            unsaved: 0,
            base: for_file.and_then(fingerprint),
        }
    }

    /// Autosaves every `n` changes (at least 1).
    pub fn every(mut self, n: u32) -> Autosaver {
        self.every = n.max(1);
        self
    }

    /// Changes made since the last autosave or save.
    pub fn unsaved_changes(&self) -> u32 {
        self.unsaved
    }

    /// Counts one change to `agreement`, and autosaves when it is the Nth. Returns whether it
    /// wrote. A failure leaves the count as it was, so the next change tries again.
    pub fn changed(&mut self, agreement: &Agreement) -> Result<bool, SaveError> {
        self.unsaved = self.unsaved.saturating_add(1);
        if self.unsaved < self.every {
            return Ok(false);
        }
        self.flush(agreement)
    }

    /// Autosaves now if anything changed since the last autosave. Returns whether it wrote.
    pub fn flush(&mut self, agreement: &Agreement) -> Result<bool, SaveError> {
        let Some(dir) = &self.data_dir else {
            return Ok(false);
        };
        if self.unsaved == 0 {
            return Ok(false);
        }
        autosave_from(
            dir,
            self.for_file.as_deref(),
            agreement,
            self.base.as_deref(),
        )?;
        self.unsaved = 0;
        Ok(true)
    }

    /// The user saved to `file`: the autosave is no longer needed, and later ones belong to
    /// `file` (which differs from before after a "save as").
    pub fn saved(&mut self, file: &Path) -> io::Result<()> {
        self.unsaved = 0;
        let result = match &self.data_dir {
            Some(dir) => discard(dir, self.for_file.as_deref()),
            None => Ok(()),
        };
        self.for_file = Some(file.to_path_buf());
        self.base = fingerprint(file);
        result
    }

    /// The user quit without saving on purpose: the autosave goes too.
    pub fn abandon(&mut self) -> io::Result<()> {
        self.unsaved = 0;
        match &self.data_dir {
            Some(dir) => discard(dir, self.for_file.as_deref()),
            None => Ok(()),
        }
    }
}

/// A time in the local zone: "10:42" when it is today, else "Tue 3 Jun 10:42".
pub fn local_time(ts: Timestamp) -> String {
    let zone = jiff::tz::TimeZone::system();
    let then = ts.to_zoned_datetime(zone.clone());
    let today = Timestamp::now().to_zoned_datetime(zone).date();
    let format = if then.date() == today {
        "%H:%M"
    } else {
        "%a %-d %b %H:%M"
    };
    then.strftime(format).to_string()
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_files_apart_and_stay_stable() {
        let data = Path::new("/data");
        let a = autosave_path(data, Some(Path::new("/x/pool.ron")));
        let b = autosave_path(data, Some(Path::new("/y/pool.ron")));
        assert_ne!(a, b);
        assert!(a.starts_with("/data/autosave"));
        assert!(
            a.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("pool-")
        );
        assert_eq!(
            autosave_path(data, None),
            Path::new("/data/autosave/untitled.ron")
        );
        // FNV-1a's published test value: the name must not change between builds.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn times_read_as_a_clock() {
        let text = local_time(Timestamp::now());
        assert_eq!(text.len(), 5, "{text}");
        assert_eq!(&text[2..3], ":");
    }
}
