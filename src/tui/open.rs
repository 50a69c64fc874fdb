//! Which agreement the workbench opens: FILE when given, else the last file used, else the
//! built-in example. A FILE that cannot be loaded stops riskshare with the reason: it never opens
//! something else in its place.

use crate::model::Agreement;
use crate::model::EXAMPLE_RON;
use crate::model::text::clean;
use crate::store::{self, LoadError, Places};
use std::path::{Path, PathBuf};

/// The agreement to open, where it saves to, and words for the person about where it came from.
pub struct Opened {
    pub agreement: Agreement,
    pub path: Option<PathBuf>,
    /// A short line for the header.
    pub note: Option<String>,
    /// Something that needs reading before work starts, in a box.
    pub notice: Option<String>,
}

/// Opens FILE when given, else the last file used (if it still exists), else the example.
///
/// A FILE that does not exist yet, in a folder that does, is a new agreement: the example,
/// which Ctrl-s writes there.
pub fn open(file: Option<&Path>, places: &Places) -> Result<Opened, LoadError> {
    if let Some(path) = file {
        if matches!(path.try_exists(), Ok(false)) && folder_exists(path) {
            return Ok(Opened {
                agreement: example()?,
                note: None,
                notice: Some(format!(
                    "{name} does not exist yet, so this is the built-in example. Ctrl-s saves it as {name}; q leaves without creating anything.",
                    name = clean(&path.display().to_string())
                )),
                path: Some(path.to_path_buf()),
            });
        }
        return Ok(Opened {
            agreement: store::load(path)?,
            path: Some(path.to_path_buf()),
            note: None,
            notice: None,
        });
    }
    let Some(last) = places.last_file() else {
        return Ok(Opened {
            agreement: example()?,
            path: None,
            note: Some("The built-in example: Ctrl-s saves a copy".to_string()),
            notice: None,
        });
    };
    match store::load(&last) {
        Ok(agreement) => Ok(Opened {
            agreement,
            path: Some(last),
            note: None,
            notice: None,
        }),
        Err(e) => Ok(Opened {
            agreement: example()?,
            path: None,
            note: Some("The built-in example: Ctrl-s saves a copy".to_string()),
            notice: Some(format!(
                "The last file used could not be opened, so this is the built-in example. {}",
                clean(&e.to_string())
            )),
        }),
    }
}

/// The built-in Anytown example.
pub fn example() -> Result<Agreement, LoadError> {
    store::parse(EXAMPLE_RON, "the built-in example")
}

fn folder_exists(path: &Path) -> bool {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.is_dir(),
        _ => true,
    }
}
