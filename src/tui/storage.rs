//! Where the workbench's agreement comes from and goes to. Two small functions stand in for the
//! store's own until they are merged: `save` (for `store::save`) and `last_file_used` (for
//! `store::paths`).

use crate::model::{Agreement, EXAMPLE_RON};
use anyhow::Context;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The agreement to open, where it saves to, and a word for the header about where it came from.
pub struct Opened {
    pub agreement: Agreement,
    pub path: Option<PathBuf>,
    pub note: Option<String>,
}

/// Opens FILE when given, else the last file used, else the built-in example.
pub fn open(file: Option<&Path>) -> anyhow::Result<Opened> {
    let path = file.map(Path::to_path_buf).or_else(last_file_used);
    match path {
        Some(path) if !path.exists() && file.is_some() => Ok(Opened {
            agreement: example()?,
            note: Some(format!(
                "{} does not exist yet: this is the example, and Ctrl-s creates it",
                crate::model::text::clean(&path.display().to_string())
            )),
            path: Some(path),
        }),
        Some(path) => {
            let text = fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let agreement = crate::store::parse(&text, &path.display().to_string())?;
            Ok(Opened {
                agreement,
                path: Some(path),
                note: None,
            })
        }
        None => Ok(Opened {
            agreement: example()?,
            path: None,
            note: Some("The built-in example: Ctrl-s saves a copy".to_string()),
        }),
    }
}

/// The built-in Anytown example.
pub fn example() -> anyhow::Result<Agreement> {
    Ok(crate::store::parse(EXAMPLE_RON, "the built-in example")?)
}

/// The file the workbench had open last time. To connect to `store::paths` at merge; until
/// then there is no memory of it, so the example opens.
pub fn last_file_used() -> Option<PathBuf> {
    None
}

/// Writes the agreement atomically: to a temporary file beside the target, flushed and synced,
/// then renamed over it, so the target is always the old or the new agreement, never a mix.
/// To be replaced by `store::save` at merge.
pub fn save(path: &Path, agreement: &Agreement) -> anyhow::Result<()> {
    let text = crate::store::to_ron(agreement).context("the agreement cannot be written out")?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "agreement.ron".to_string());
    let temporary = folder.join(format!(".{name}.saving-{}", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}
