//! A real session's data safety: the lock on the open file, autosaves of unsaved work offered
//! back at the next start, the last file used, and read-only opening when another riskshare
//! holds the file.

use super::{App, Overlay, Prompt};
use crate::model::text::clean;
use crate::store::{Autosaver, Lock, LockError, Places, Recovery, SaveError, find_recovery};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;

/// What a session keeps beside the agreement. A workbench made by [`App::new`] has a detached
/// one: no lock, no autosave, nothing remembered, so tests write nothing but the files they save.
#[derive(Debug, Clone)]
pub struct Session {
    /// riskshare's own folders; `None` when detached.
    pub(super) places: Option<Places>,
    /// Held for as long as the file is open here; released (and its sidecar removed) on drop.
    pub(super) lock: Option<Arc<Lock>>,
    /// Who holds the file, when another riskshare does: then saving to it is refused.
    pub(super) read_only: Option<String>,
    pub(super) autosaver: Autosaver,
    /// Unsaved work found at start, waiting for the person's answer.
    pub(super) recovery: Option<Recovery>,
    /// Questions and notices waiting for the overlay, first first.
    pub(super) queue: VecDeque<Prompt>,
    /// An autosave failed this session (its notice is shown once).
    pub(super) autosave_failed: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            places: None,
            lock: None,
            read_only: None,
            autosaver: Autosaver::new(None, None),
            recovery: None,
            queue: VecDeque::new(),
            autosave_failed: false,
        }
    }
}

impl Session {
    /// Whether this is a real session (it locks, autosaves and remembers).
    pub fn is_live(&self) -> bool {
        self.places.is_some()
    }

    /// Who holds the open file, when it is open read-only.
    pub fn read_only_by(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Adds a notice to show, in a box, once nothing else is open.
    pub fn queue_notice(&mut self, title: &str, text: String) {
        self.queue.push_back(notice(title, text));
    }

    /// Whether this session holds the lock on its file.
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }
}

impl App {
    /// Starts a real session on the open file: shows the home folder's notice once, takes the
    /// lock (or opens read-only, saying who holds it), offers back unsaved work left by a
    /// riskshare that stopped, and starts autosaving.
    pub fn start_session(&mut self, mut places: Places) {
        let mut queue = std::mem::take(&mut self.session.queue);
        if let Some(text) = places.take_notice() {
            queue.push_back(notice("Memory only", text));
        }
        let path = self.path.clone();
        let file = self.file_label();
        let (lock, read_only) = match path.as_deref().map(Lock::acquire) {
            None => (None, None),
            Some(Ok(lock)) => (Some(Arc::new(lock)), None),
            Some(Err(LockError::Held { holder, .. })) => {
                queue.push_back(notice(
                    "Read-only",
                    format!(
                        "{file} is already open in another riskshare, by {holder}. It is open here read-only: you can look and try changes, and Ctrl-s offers to save a copy under another name."
                    ),
                ));
                (None, Some(holder.to_string()))
            }
            Some(Err(LockError::Elsewhere { holder, .. })) => {
                queue.push_back(Prompt::TakeLock {
                    file: file.clone(),
                    holder: holder.to_string(),
                });
                (None, Some(holder.to_string()))
            }
            Some(Err(e @ (LockError::Io { .. } | LockError::NotALock { .. }))) => {
                queue.push_back(notice("Not locked", clean(&e.to_string())));
                (None, None)
            }
        };
        let data_dir = places.data_dir().filter(|_| read_only.is_none());
        let mut recovery = None;
        if let Some(found) = data_dir.and_then(|dir| find_recovery(dir, path.as_deref())) {
            if found.agreement == *self.agreement {
                // Nothing in it that is not in the file already.
                let _ = found.discard();
            } else if let Some(copy) = path.as_deref().filter(|_| found.file_changed) {
                queue.push_back(Prompt::RecoverChanged {
                    at: found.saved_at_text(),
                    file: file.clone(),
                    copy: label(&recovery_copy(copy)),
                });
                recovery = Some(found);
            } else {
                queue.push_back(Prompt::Recover {
                    at: found.saved_at_text(),
                    file: file.clone(),
                });
                recovery = Some(found);
            }
        }
        let autosaver = Autosaver::new(data_dir, path.as_deref());
        if let Some(p) = path.as_deref() {
            // Temporary files a riskshare killed mid-save left beside the file.
            crate::store::tidy_orphans(p);
        }
        if let Some(p) = path.as_deref().filter(|p| p.is_file())
            && let Some(text) = places.remember_last_file(p)
        {
            queue.push_back(notice("Memory only", text));
        }
        self.session = Session {
            places: Some(places),
            lock,
            read_only,
            autosaver,
            recovery,
            queue,
            autosave_failed: false,
        };
        self.show_next();
        self.refresh_dirty();
    }

    /// A stop signal arrived or the terminal went away: autosaves what is unsaved. Returns
    /// whether anything was written.
    pub fn stop(&mut self) -> Result<bool, SaveError> {
        self.session.autosaver.flush(&self.agreement)
    }

    /// The open file's name as the header shows it.
    pub fn file_label(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| clean(&n.to_string_lossy()))
            .unwrap_or_else(|| "built-in example".to_string())
    }

    /// Tells the autosaver about a change; a failure is said at once, and explained once.
    pub(super) fn autosave_change(&mut self) {
        let Err(e) = self.session.autosaver.changed(&self.agreement) else {
            return;
        };
        self.refuse("Autosave failed: save your work (Ctrl-s)");
        if !self.session.autosave_failed {
            self.session.autosave_failed = true;
            self.session.queue.push_back(notice(
                "Autosave failed",
                format!(
                    "{}. Until a save works, unsaved work is only in this window.",
                    clean(&e.to_string())
                ),
            ));
        }
    }

    /// Opens the next waiting question or notice when nothing else is open.
    pub(super) fn show_next(&mut self) {
        if self.overlay == Overlay::None
            && !self.quit
            && let Some(prompt) = self.session.queue.pop_front()
        {
            self.overlay = Overlay::Prompt(prompt);
        }
    }

    /// The answer "recover it" to "Recover unsaved work from 10:42?": the work becomes the
    /// agreement; the autosave is kept on disk until the work is saved or given up, in case this
    /// session stops too. (Nothing is written here: the change's autosave is an effect.)
    pub(super) fn answer_recovery(&mut self) {
        let Some(found) = self.session.recovery.take() else {
            return;
        };
        let at = found.saved_at_text();
        self.commit_unlogged(found.agreement, format!("Recovered the work from {at}"));
    }

    /// The answer "discard it": the autosave is removed. An effect, carried out by the loop.
    pub(super) fn discard_recovery(&mut self) {
        let Some(found) = self.session.recovery.take() else {
            return;
        };
        let at = found.saved_at_text();
        match found.discard() {
            Ok(()) => self.say(format!("Discarded the unsaved work from {at}")),
            Err(e) => self.refuse(format!(
                "The autosave from {at} could not be removed: {}",
                clean(&e.to_string())
            )),
        }
    }

    /// The answer "take the lock" to a lock held on another machine: the file becomes writable
    /// here, unless a riskshare on this machine holds it meanwhile.
    pub(super) fn take_lock(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        match Lock::take_over(&path) {
            Ok(lock) => {
                self.session.lock = Some(Arc::new(lock));
                self.session.read_only = None;
                let data_dir = self.session.places.as_ref().and_then(|p| p.data_dir());
                self.session.autosaver = Autosaver::new(data_dir, Some(&path));
                self.say(format!("Took the lock on {}", self.file_label()));
            }
            Err(e) => self.refuse(format!("The lock was not taken: {}", clean(&e.to_string()))),
        }
    }

    /// The answer "recover into a copy" when the file changed after the autosave: the work goes
    /// to a new file beside it, which becomes the open file; the changed file is not touched.
    /// An effect, carried out by the loop (it takes a lock and saves).
    pub(super) fn recover_into_copy(&mut self) {
        let Some(found) = self.session.recovery.take() else {
            return;
        };
        let Some(original) = self.path.clone() else {
            self.session.recovery = Some(found);
            self.answer_recovery();
            return;
        };
        let at = found.saved_at_text();
        let copy = recovery_copy(&original);
        // From here the session is the copy's: its autosaves, its lock.
        let data_dir = self.session.places.as_ref().and_then(|p| p.data_dir());
        self.session.autosaver = Autosaver::new(data_dir, Some(&copy));
        self.session.lock = Lock::acquire(&copy).ok().map(Arc::new);
        self.path = Some(copy.clone());
        self.commit(
            found.agreement.clone(),
            format!("Recovered the work from {at}"),
        );
        self.save(false);
        if !self.unsaved() {
            let _ = found.discard();
            self.say(format!(
                "Recovered the work from {at} into {}; {} is as it was",
                label(&copy),
                label(&original)
            ));
        }
    }

    /// Quits on purpose: unsaved work is given up, so its autosave goes too.
    pub(super) fn finish(&mut self) {
        let _ = self.session.autosaver.abandon();
        self.quit = true;
    }
}

pub(super) fn notice(title: &str, text: String) -> Prompt {
    Prompt::Notice {
        title: title.to_string(),
        text: sentence(&text),
    }
}

/// A message as a sentence in a box: it ends with a full stop. (Its first letter is left alone:
/// it may be a file's name.)
pub(super) fn sentence(text: &str) -> String {
    let mut out = text.trim().to_string();
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A new file beside `original` for work recovered after the file changed:
/// `NAME-recovered.ron`, or `NAME-recovered-2.ron` and on when that is taken.
pub(super) fn recovery_copy(original: &Path) -> std::path::PathBuf {
    let stem = original
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let ext = original
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..1000)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            original.with_file_name(format!("{stem}-recovered{suffix}{ext}"))
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| original.with_file_name(format!("{stem}-recovered{ext}")))
}

/// A file's name as the header shows it.
fn label(path: &Path) -> String {
    clean(&path.file_name().unwrap_or_default().to_string_lossy())
}

/// Whether two paths name the same file (the second need not exist yet).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    let full = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    full(a) == full(b)
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(
            sentence("could not save a.ron: full"),
            "could not save a.ron: full."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
