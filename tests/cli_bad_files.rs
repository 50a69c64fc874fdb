//! Every file in tests/bad_files/ is refused by `check` and `calc` through the binary: a
//! non-zero exit, a message of a few readable lines that says what is wrong, no panic, no Rust
//! debug dump, and the file left exactly as it was.
//!
//! Each file says what its message must contain on its first line, `// expect: TEXT`; a file
//! that cannot carry a comment (an empty one) has a line `NAME: TEXT` in expectations.txt.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

const MOST_LINES: usize = 4;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_files")
}

/// The `.ron` files in the folder, sorted; `None` when the folder is absent or empty.
fn bad_files() -> Option<Vec<PathBuf>> {
    let entries: Vec<PathBuf> = std::fs::read_dir(folder())
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    if entries.is_empty() {
        return None;
    }
    let mut files: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "tests/bad_files/ has files but no .ron file to refuse"
    );
    Some(files)
}

/// What the message for `file` must contain, from its first line or expectations.txt.
fn expectation(file: &Path, text: &str) -> String {
    if let Some(expect) = text
        .lines()
        .next()
        .and_then(|l| l.trim().strip_prefix("// expect:"))
    {
        return expect.trim().to_string();
    }
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let listed = std::fs::read_to_string(folder().join("expectations.txt")).unwrap_or_default();
    listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(|l| {
            let rest = l.strip_prefix(name)?;
            let rest = rest.trim_start();
            Some(rest.strip_prefix(':').unwrap_or(rest).trim().to_string())
        })
        .unwrap_or_else(|| {
            panic!(
                "{name}: no `// expect: TEXT` first line and no `{name}: TEXT` in expectations.txt"
            )
        })
}

/// True when the text looks like a Rust `Debug` dump: `Error { code: .. }`, `Some(..)`.
fn looks_like_debug(text: &str) -> bool {
    if ["Error {", "Error(", "Some(", "Span {", "Position {"]
        .iter()
        .any(|d| text.contains(d))
    {
        return true;
    }
    text.match_indices(" { ").any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let field: String = text[i + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        before && !field.is_empty() && text[i + 3 + field.len()..].starts_with(": ")
    })
}

#[test]
fn every_bad_file_is_refused_with_a_short_readable_message() {
    let Some(files) = bad_files() else {
        eprintln!("tests/bad_files/ has no files yet; nothing to refuse");
        return;
    };
    for file in &files {
        let before = std::fs::read(file).expect("the bad file reads");
        let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
        let expect = expectation(file, &String::from_utf8_lossy(&before)).to_lowercase();
        let name = file.display();
        for command in ["check", "calc"] {
            let output = Command::new(env!("CARGO_BIN_EXE_riskshare"))
                .arg(command)
                .arg(file)
                .timeout(Duration::from_secs(30))
                .output()
                .expect("the binary runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let said = format!("{command} {name}: {:?}\n{stderr}", output.status);
            assert_eq!(output.status.code(), Some(1), "{said}");
            assert!(
                output.stdout.is_empty(),
                "{said}\nstdout: {:?}",
                output.stdout
            );
            let lines = stderr.lines().count();
            assert!((1..=MOST_LINES).contains(&lines), "{lines} lines: {said}");
            assert!(!stderr.contains("panicked"), "{said}");
            assert!(!looks_like_debug(&stderr), "a debug dump: {said}");
            assert!(
                !stderr.chars().any(|c| c.is_control() && c != '\n'),
                "{said}"
            );
            assert!(
                stderr.to_lowercase().contains(&expect),
                "expected '{expect}': {said}"
            );
        }
        assert_eq!(
            std::fs::read(file).expect("still there"),
            before,
            "{name} changed"
        );
        let after = std::fs::metadata(file).and_then(|m| m.modified()).ok();
        assert_eq!(after, modified, "{name} was written to");
    }
}

#[test]
fn debug_dumps_are_recognised() {
    assert!(looks_like_debug("Error { code: ExpectedComma, span: .. }"));
    assert!(looks_like_debug("LoadError::Invalid { origin: \"x\" }"));
    assert!(looks_like_debug("got Some(3)"));
    assert!(!looks_like_debug("riskshare: x.ron:6: Expected comma"));
    assert!(!looks_like_debug(
        "x.ron:3: expected a map such as {\"ICB\": 100}"
    ));
}
