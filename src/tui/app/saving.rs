//! Saving from the workbench: `Ctrl-s` and Save as, through the store's atomic save. A refused
//! or failed save says why in a box and keeps every change in memory.

use super::session::{notice, same_file, sentence};
use super::{App, Overlay, Prompt};
use crate::model::text::clean;
use crate::store::{self, Autosaver, Lock, LockError};
use crate::tui::forms;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl App {
    /// Saves to the open file; asks where when there is none, and refuses when another
    /// riskshare holds it.
    pub(super) fn save(&mut self, quit_after: bool) {
        let Some(path) = self.path.clone() else {
            self.open(Some(forms::save_as::new_form(quit_after)));
            return;
        };
        if let Some(holder) = self.session.read_only.clone() {
            let file = self.file_label();
            self.not_saved(
                format!(
                    "{file} is open in another riskshare, by {holder}, so it is read-only here and was not saved. Your changes are still here: save a copy under another name."
                ),
                quit_after,
            );
            return;
        }
        match store::save(&path, &self.agreement) {
            Ok(()) => self.saved_to(&path, quit_after),
            Err(e) => self.not_saved(clean(&e.to_string()), quit_after),
        }
    }

    /// Saves to a file named in Save as; it becomes the open file (and its lock is taken) only
    /// once the save has worked.
    pub(super) fn save_as(&mut self, path: PathBuf, quit_after: bool) {
        if self
            .path
            .as_deref()
            .is_some_and(|open| same_file(open, &path))
        {
            self.save(quit_after);
            return;
        }
        let Ok(lock) = self.lock_for(&path, quit_after) else {
            return;
        };
        // A file already there (an agreement or anything else) is replaced only on a yes.
        if std::fs::symlink_metadata(&path).is_ok() {
            drop(lock);
            self.overlay = Overlay::Prompt(Prompt::Overwrite {
                name: clean(&path.display().to_string()),
                path,
                quit_after,
            });
            return;
        }
        self.save_with(path, lock, quit_after);
    }

    /// Saves to a file named in Save as, once replacing it has been agreed.
    pub(super) fn save_as_now(&mut self, path: PathBuf, quit_after: bool) {
        if let Ok(lock) = self.lock_for(&path, quit_after) {
            self.save_with(path, lock, quit_after);
        }
    }

    /// The lock on a file about to be saved as; `Err` when another riskshare has it (said).
    fn lock_for(&mut self, path: &Path, quit_after: bool) -> Result<Option<Arc<Lock>>, ()> {
        if !self.session.is_live() {
            return Ok(None);
        }
        match Lock::acquire(path) {
            Ok(lock) => Ok(Some(Arc::new(lock))),
            Err(LockError::Held { holder, .. } | LockError::Elsewhere { holder, .. }) => {
                let name = clean(&path.display().to_string());
                self.not_saved(
                    format!(
                        "{name} is open in another riskshare, by {holder}, so saving there would overwrite their work. Nothing was saved; your changes are still here."
                    ),
                    quit_after,
                );
                Err(())
            }
            // The save itself says why, if it cannot write there either.
            Err(LockError::Io { .. } | LockError::NotALock { .. }) => Ok(None),
        }
    }

    fn save_with(&mut self, path: PathBuf, lock: Option<Arc<Lock>>, quit_after: bool) {
        if let Err(e) = store::save(&path, &self.agreement) {
            self.not_saved(clean(&e.to_string()), quit_after);
            return;
        }
        if self.session.read_only.take().is_some() {
            // The copy is this session's own: autosaves resume, for it.
            let data = self.session.places.as_ref().and_then(|p| p.data_dir());
            // The other riskshare's autosave of the original is not touched.
            self.session.autosaver = Autosaver::new(data, Some(&path));
        }
        self.session.lock = lock;
        self.path = Some(path.clone());
        self.saved_to(&path, quit_after);
    }

    /// After a save that worked: nothing is unsaved, the autosave is dropped, and the file is
    /// remembered for the next start.
    fn saved_to(&mut self, path: &Path, quit_after: bool) {
        self.saved = Arc::clone(&self.agreement);
        if let Some(lock) = &self.session.lock {
            // The save put a new file in place: lock that one, so a second name for it is caught.
            lock.follow_save();
        }
        let name = clean(&path.display().to_string());
        self.say(format!("Saved to {name}"));
        if let Err(e) = self.session.autosaver.saved(path) {
            self.refuse(format!(
                "Saved to {name}, but the old autosave could not be removed: {}",
                clean(&e.to_string())
            ));
        }
        if let Some(places) = self.session.places.as_mut()
            && let Some(text) = places.remember_last_file(path)
        {
            self.session.queue.push_back(notice("Memory only", text));
        }
        self.quit = quit_after;
    }

    /// Says why nothing was saved, in a box that offers Save as.
    fn not_saved(&mut self, why: String, quit_after: bool) {
        self.refuse("Not saved: your work is still here");
        self.overlay = Overlay::Prompt(Prompt::NotSaved {
            why: sentence(&why),
            quit_after,
        });
    }

    /// Opens Save as, suggesting a copy beside the open file.
    pub(super) fn open_save_as(&mut self, quit_after: bool) {
        let mut form = forms::save_as::new_form(quit_after);
        if let (Some(path), Some(field)) = (&self.path, form.fields.first_mut()) {
            field.value = copy_name(path).display().to_string();
        }
        self.open(Some(form));
    }
}

/// `folder/pool.ron` -> `folder/pool-copy.ron`.
fn copy_name(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-copy.{}", ext.to_string_lossy()),
        None => format!("{stem}-copy"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::copy_name;
    use std::path::Path;

    #[test]
    fn a_copy_sits_beside_the_file() {
        assert_eq!(
            copy_name(Path::new("/a/pool.ron")),
            Path::new("/a/pool-copy.ron")
        );
        assert_eq!(copy_name(Path::new("pool")), Path::new("pool-copy"));
    }
}
