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
