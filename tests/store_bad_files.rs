//! Every file in `tests/bad_files` is refused by `store::load` with the message its first line
//! (or `expectations.txt`) expects: at most 3 lines, with a line number, and the file unchanged.

use riskshare::store::{LoadError, load};
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_files")
}

/// The text a file's error must contain: its `// expect:` line, else its line in
/// `expectations.txt`.
fn expectation(path: &Path, bytes: &[u8]) -> String {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    if let Some(text) = first.strip_prefix("// expect: ") {
        return text.trim_end().to_string();
    }
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let listed = std::fs::read_to_string(folder().join("expectations.txt")).unwrap();
    listed
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("{name} has no expectation"))
        .to_string()
}

/// Loads a file that must be refused and checks the shape of the refusal.
fn refused(path: &Path) -> LoadError {
    let before = std::fs::read(path).unwrap();
    let error = match load(path) {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(e) => e,
    };
    let message = error.to_string();
    assert!(
        !message.trim().is_empty(),
        "{}: empty message",
        path.display()
    );
    assert!(message.lines().count() <= 3, "{message}");
    let line = error
        .line()
        .unwrap_or_else(|| panic!("no line in: {message}"));
    assert!(message.contains(&format!(".ron:{line}: ")), "{message}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} changed",
        path.display()
    );
    error
}

#[test]
fn every_bad_file_is_refused_with_the_expected_message() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 30, "only {} bad files", paths.len());
    let mut wrong = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let expected = expectation(path, &bytes);
        let message = refused(path).to_string();
        if !message.contains(&expected) {
            wrong.push(format!("{message}\n    expected: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_example_and_its_saved_copy_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["saves/anytown.ron", "assets/anytown.ron"] {
        let a = load(&root.join(file)).unwrap();
        assert_eq!(a.name, "Anytown Better Care Fund 2026/27");
    }
}

#[test]
fn a_hundred_thousand_nested_brackets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let brackets = dir.path().join("brackets.ron");
    let pairs = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(&brackets, &pairs).unwrap();
    let e = refused(&brackets);
    assert!(
        e.to_string()
            .contains("expected `(` to start the agreement"),
        "{e}"
    );

    let inside = dir.path().join("inside.ron");
    std::fs::write(
        &inside,
        format!("(format: 1, name: \"x\", schemes: {pairs})"),
    )
    .unwrap();
    let e = refused(&inside);
    assert!(
        e.to_string().contains("expected `(` to start a scheme"),
        "{e}"
    );

    let blends = dir.path().join("blends.ron");
    let open = "Blend([(".repeat(100_000);
    let close = "Equal, 100)])".repeat(100_000);
    std::fs::write(
        &blends,
        format!(
            "(format: 1, name: \"x\", parties: [(id: \"A\", name: \"a\", kind: Voluntary)],\n\
             schemes: [(id: \"S\", name: \"s\", contributions: {{\"A\": 1}},\n\
             overspend: (bands: [(basis: {open}{close})]))])"
        ),
    )
    .unwrap();
    let e = refused(&blends);
    assert_eq!(e.line(), Some(3));
    assert!(e.to_string().contains("nesting is too deep"), "{e}");
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    assert_eq!(
        load(&missing).unwrap_err().to_string(),
        format!("{}: there is no such file", missing.display())
    );

    let big = dir.path().join("big.ron");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(riskshare::store::MAX_FILE_BYTES + 1).unwrap();
    let e = load(&big).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("at most 16 MiB"), "{e}");

    let utf16 = dir.path().join("utf16.ron");
    std::fs::write(&utf16, [0xFF, 0xFE, b'(', 0, b')', 0]).unwrap();
    assert!(
        load(&utf16)
            .unwrap_err()
            .to_string()
            .contains("saved as UTF-16")
    );
}
