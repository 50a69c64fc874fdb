//! Load, validate and save agreements.

use crate::model::{Agreement, FORMAT};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{origin}:{line}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        message: String,
    },
}

/// Reads an agreement from RON text. `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Agreement, LoadError> {
    let mut agreement: Agreement = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| LoadError::Invalid {
            origin: origin.to_string(),
            line: e.span.start.line,
            message: e.code.to_string(),
        })?;
    if agreement.format > FORMAT {
        return Err(LoadError::Invalid {
            origin: origin.to_string(),
            line: 1,
            message: format!(
                "format {} was written by a newer riskshare",
                agreement.format
            ),
        });
    }
    agreement.clean_text();
    Ok(agreement)
}

/// Writes an agreement as RON text that `parse` reads back to an equal agreement.
pub fn to_ron(agreement: &Agreement) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false)
        .indentor("    ".to_string());
    let body = ron::ser::to_string_pretty(agreement, config)?;
    Ok(format!(
        "// {}: a riskshare risk and benefit share agreement. Money is in pounds; percentages run 0-100.\n{body}\n",
        crate::model::text::clean(&agreement.name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_round_trips() {
        let a = parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap();
        let text = to_ron(&a).unwrap();
        let b = parse(&text, "saved.ron").unwrap();
        assert_eq!(a, b);
    }
}

pub mod autosave;
pub mod lock;
pub mod paths;
mod save;

pub use autosave::{Autosaver, Recovery, find_recovery};
pub use lock::{Holder, Lock, LockError};
pub use paths::Places;
pub use save::{SaveError, backup_path, save};
