//! The exports both faces write: the board report (HTML, Markdown), the workbook, the tidy CSV
//! tables and `calc`'s CSV, all rendered from the engine's figures. `riskshare export` and the
//! workbench's `x` call the same writers, so neither computes a figure of its own, and the
//! workbench never reaches into the command line.

pub mod amount;
pub mod calc_csv;
pub mod csv_out;
pub mod html;
pub mod markdown;
pub mod report;
mod sections;
pub mod sentences;
mod svg;
pub mod xlsx;

pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use xlsx::render as render_xlsx;

use std::path::{Path, PathBuf};

/// `saves/anytown.ron` + `report`, `html` -> `saves/anytown-report.html`, beside the agreement.
pub fn beside(agreement: &Path, what: &str, extension: &str) -> PathBuf {
    let stem = agreement
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "agreement".into());
    agreement.with_file_name(format!("{stem}-{what}.{extension}"))
}

/// `path` when nothing is there yet, else the first of `NAME-2.EXT`, `NAME-3.EXT`, ... that is
/// free: an export from the workbench never replaces a file.
pub fn fresh(path: &Path) -> PathBuf {
    if std::fs::symlink_metadata(path).is_err() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2u32..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

/// Writes by temporary file and rename, so a reader never sees half an export.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_free_number() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = dir.path().join("pool-whatif.csv");
        assert_eq!(fresh(&first), first);
        write(&first, b"a").expect("writes");
        let second = dir.path().join("pool-whatif-2.csv");
        assert_eq!(fresh(&first), second);
        write(&second, b"b").expect("writes");
        assert_eq!(fresh(&first), dir.path().join("pool-whatif-3.csv"));
        assert_eq!(std::fs::read(&first).expect("reads"), b"a");
        assert_eq!(
            beside(Path::new("saves/anytown.ron"), "report", "html"),
            Path::new("saves/anytown-report.html")
        );
    }
}
