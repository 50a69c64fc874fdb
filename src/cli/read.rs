//! Reads an agreement file for a headless command: `store::load`, its error as a failure.

use super::Failure;
use crate::model::Agreement;
use std::path::Path;

/// Loads and validates an agreement; the failure names the file, the line and the problem, one
/// sentence for each problem the file has.
pub fn read(path: &Path) -> Result<Agreement, Failure> {
    crate::store::load(path).map_err(|e| Failure {
        lines: e.lines(),
        ..Failure::error(String::new())
    })
}
