//! Shared by the safety tests: agreements to save, and running this test binary again as a
//! child process that does one job (the child's test returns at once when run on its own).

#![allow(dead_code)]

use riskshare::model::{Agreement, EXAMPLE_RON};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command};

/// The variable that tells a child which job to do, and with what.
pub const JOB: &str = "RISKSHARE_TEST_JOB";

/// The example agreement.
pub fn example() -> Agreement {
    riskshare::store::parse(EXAMPLE_RON, "anytown.ron").expect("the example loads")
}

/// The example after `n` edits a user might make in a workshop.
pub fn edited(n: u32) -> Agreement {
    let mut a = example();
    for k in 1..=n {
        a.name = format!("Anytown pooled budget, revised in change {k}");
        a.period = format!("2025/26, draft {k}");
        if let Some(party) = a.parties.get_mut(k as usize % 2) {
            party.name.push_str(" (revised)");
        }
    }
    a
}

/// The job given to this child, if it is one.
pub fn job() -> Option<String> {
    std::env::var(JOB).ok()
}

/// A command that runs the test `name` of this test binary, alone, with `job`. The tests are
/// grouped into one binary (tests/safety.rs), so `name` has its file: `safety_save::job_save_once`.
pub fn child(name: &str, job: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(JOB, job);
    command
}

/// The same command run as the unprivileged user `nobody` when the tests run as root (as in CI),
/// since root writes through any permission.
pub fn child_as_user(name: &str, job: &str) -> Command {
    if !am_root() {
        return child(name, job);
    }
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(std::env::current_exe().expect("the test binary"))
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(JOB, job);
    command
}

/// Whether this process runs as root: a file it creates is owned by its user.
pub fn am_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.as_file().metadata().expect("its metadata").uid() == 0
}

/// Reads the child's output up to the line with `@@` + `marker`, returning the rest of
/// that line. Panics with what was read when the child ends first.
pub fn wait_for(stdout: &mut BufReader<ChildStdout>, marker: &str) -> String {
    let wanted = format!("@@{marker}");
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        match stdout.read_line(&mut line) {
            Ok(0) | Err(_) => panic!("the child ended before saying {wanted}; it said:\n{seen}"),
            Ok(_) => {}
        }
        // libtest may print "test NAME ... " on the same line first.
        if let Some(rest) = line.trim_end().split_once(&wanted).map(|(_, rest)| rest) {
            return rest.trim().to_string();
        }
        seen.push_str(&line);
    }
}

/// What follows `@@` on each line of a finished child's output.
pub fn reports(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| {
            l.split_once("@@")
                .map(|(_, rest)| rest.trim_end().to_string())
        })
        .collect()
}

/// Sends a signal to a child by name (`HUP`, `TERM`, `INT`) with the system's `kill`.
pub fn send_signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{name} failed");
}

/// The names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder can be listed")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A small random-number generator (xorshift), seeded so a failing run can be repeated.
pub struct Dice(u64);

impl Dice {
    pub fn seeded() -> Dice {
        let seed = std::env::var("RISKSHARE_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            });
        eprintln!("dice seed {seed} (set RISKSHARE_TEST_SEED to repeat)");
        Dice(seed.max(1))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
