//! riskshare never opens a network socket. Proof one of two (the other is
//! `scripts/no-network.sh`, which traces a real session): no networking crate in the dependency
//! tree and no socket type in our source.
//!
//! mio is allowed: crossterm uses it to wait for key presses, and signal-hook-mio turns on its
//! `net` feature only for an anonymous Unix socket pair that carries SIGWINCH to the event loop.

use std::path::Path;

/// Crates whose only purpose is talking over a network: HTTP clients and servers, TLS, DNS,
/// WebSockets, raw sockets, SSH. Each entry also forbids its family (`hyper-util`, `rustls-pki-types`).
const FORBIDDEN: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "minreq",
    "http-body",
    "h2",
    "h3",
    "quinn",
    "native-tls",
    "rustls",
    "openssl",
    "tokio-native-tls",
    "tokio-rustls",
    "webpki",
    "tungstenite",
    "tokio-tungstenite",
    "trust-dns",
    "hickory",
    "socket2",
    "ssh2",
    "libssh2-sys",
];

/// Names of types and modules that open sockets.
const SOCKET_WORDS: &[&str] = &[
    "std::net",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "UnixStream",
    "UnixListener",
    "UnixDatagram",
    "ToSocketAddrs",
];

/// The package names in a Cargo.lock.
fn locked_packages(lock: &str) -> Vec<&str> {
    lock.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect()
}

fn is_forbidden(package: &str) -> bool {
    FORBIDDEN.iter().any(|f| {
        package == *f
            || package
                .strip_prefix(f)
                .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
    })
}

/// What in a source text opens sockets, including `use std::{fs, net}`.
fn socket_uses(source: &str) -> Vec<String> {
    let mut found: Vec<String> = SOCKET_WORDS
        .iter()
        .filter(|w| source.contains(*w))
        .map(|w| w.to_string())
        .collect();
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    for (start, _) in compact.match_indices("std::{") {
        let group = &compact[start..];
        let group = &group[..group.find('}').unwrap_or(group.len())];
        if group
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == "net")
        {
            found.push(format!("net in {group}}}"));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock is checked in");
    let packages = locked_packages(&lock);
    assert!(packages.contains(&"riskshare") && packages.contains(&"ratatui"));
    let bad: Vec<&str> = packages.into_iter().filter(|p| is_forbidden(p)).collect();
    assert!(
        bad.is_empty(),
        "Cargo.lock gained networking crates: {bad:?}"
    );
}

#[test]
fn no_source_file_uses_sockets() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 5, "the source was not found");
    let bad: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let uses = socket_uses(&std::fs::read_to_string(f).unwrap());
            uses.into_iter()
                .map(move |u| format!("{}: {u}", f.display()))
        })
        .collect();
    assert!(bad.is_empty(), "source uses sockets: {bad:?}");
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let lock = "[[package]]\nname = \"mio\"\n\n[[package]]\nname = \"hyper-util\"\n\n[[package]]\nname = \"rustls\"\n";
    let bad: Vec<&str> = locked_packages(lock)
        .into_iter()
        .filter(|p| is_forbidden(p))
        .collect();
    assert_eq!(bad, ["hyper-util", "rustls"]);
    assert!(!is_forbidden("h2o-ish") && !is_forbidden("curlew") && is_forbidden("curl-sys"));
    assert_eq!(
        socket_uses("let s = std::net::TcpStream::connect(a);"),
        ["std::net", "TcpStream"]
    );
    assert_eq!(
        socket_uses("use std::{\n    fs,\n    net::UdpSocket,\n};").len(),
        2
    );
    assert_eq!(
        socket_uses("use std::{fs, io::Write}; // a network of partners"),
        Vec::<String>::new()
    );
}
