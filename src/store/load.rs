//! Reading an agreement file from disk: read-only, size-limited, UTF-8.

use super::{LoadError, Report, check, parse};
use crate::model::Agreement;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// The largest agreement file riskshare reads (16 MiB): far beyond any real agreement (20,000
/// risks take about 6 MiB), small enough that a wrong file (a disk image, `/dev/zero`) is refused
/// at once and that loading stays within a small multiple of it in memory.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads, parses and validates an agreement file; any error refuses it (every one is reported). The file is only
/// ever opened for reading. Messages name the path as given.
pub fn load(path: &Path) -> Result<Agreement, LoadError> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Reads and validates an agreement file, returning every error and warning with its line
/// (`Err` only when the file cannot be read at all).
pub fn check_file(path: &Path) -> Result<Report, LoadError> {
    let text = read_text(path)?;
    Ok(check(&text, &path.display().to_string()))
}

/// The text of a file, or a sentence saying why it cannot be had.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let origin = super::one_line(&path.display().to_string());
    let unreadable = |reason: String| LoadError::Unreadable {
        origin: origin.clone(),
        reason,
    };
    let from_io = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => LoadError::NotFound {
            origin: origin.clone(),
        },
        ErrorKind::PermissionDenied => unreadable("permission denied".into()),
        ErrorKind::IsADirectory => unreadable("it is a folder, not a file".into()),
        _ => unreadable(super::save::os_words(&e)),
    };
    let file = open_without_waiting(path).map_err(from_io)?;
    let meta = file.metadata().map_err(from_io)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(unreadable(format!("it is {what}, not a file")));
    }
    let too_large = |bytes| LoadError::TooLarge {
        origin: origin.clone(),
        bytes,
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // The length on disk can be wrong (a device, a file still growing): read one byte past
    // the limit to know.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(from_io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let message = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            "the file is saved as UTF-16; save it as UTF-8".to_string()
        } else {
            format!(
                "the file is not UTF-8 text (byte 0x{:02X} here); save it as UTF-8",
                bytes.get(at).copied().unwrap_or(0)
            )
        };
        LoadError::Invalid {
            origin: origin.clone(),
            line,
            message,
        }
    })
}

/// Opens for reading without waiting: a named pipe (FIFO) with no writer would otherwise hold
/// the open forever. What was opened is checked before anything is read.
pub(crate) fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// What a path is, in words, when it is not a plain file.
pub(crate) fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("something other than a plain file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_says_so() {
        let e = load(Path::new("no/such/agreement.ron")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no/such/agreement.ron: there is no such file"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = std::env::temp_dir();
        let e = load(&dir).unwrap_err();
        assert!(e.to_string().contains("it is a folder, not a file"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_device_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = load(&fifo).unwrap_err();
            assert!(
                e.to_string().ends_with("it is a named pipe, not a file"),
                "{e}"
            );
        }
        let e = load(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().ends_with("it is a device, not a file"), "{e}");
    }

    #[test]
    fn windows_1252_text_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.ron");
        std::fs::write(&path, b"(\n format: 1,\n name: \"\xA3 pool\",\n)").unwrap();
        let e = load(&path).unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(e.to_string().contains("byte 0xA3"), "{e}");
    }
}
