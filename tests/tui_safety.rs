//! The workbench never loses a workshop's work, shown through the real binary in a
//! pseudo-terminal: an SSH-style hangup autosaves and the next start offers the work back; a
//! second riskshare on the same file is told who holds it and opens read-only; `Ctrl-s` saves
//! atomically and is remembered for the next start; a save into a read-only folder says so and
//! keeps the work.

use crate::pty_support;

use portable_pty::CommandBuilder;
use riskshare::model::Appetite::{Averse, Cautious, Eager, Minimal, Open};
use riskshare::model::{Agreement, Appetite};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";

/// One riskshare in a pseudo-terminal of 80x24.
struct Riskshare {
    pty: pty_support::Spawned,
}

impl Riskshare {
    /// Starts `riskshare ARGS` with its own folders under `home`, in `cwd`.
    fn start(args: &[&str], home: &Path, cwd: &Path, user: &str) -> Riskshare {
        Self::start_as(args, home, cwd, user, false)
    }

    /// As `start`; with `unprivileged`, as the user `nobody` when the tests run as root, since
    /// root writes through any permission.
    fn start_as(
        args: &[&str],
        home: &Path,
        cwd: &Path,
        user: &str,
        unprivileged: bool,
    ) -> Riskshare {
        let binary = env!("CARGO_BIN_EXE_riskshare");
        let mut cmd = if unprivileged && am_root() {
            let mut cmd = CommandBuilder::new(on_path("setpriv"));
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            cmd.arg(binary);
            cmd
        } else {
            CommandBuilder::new(binary)
        };
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("USER", user);
        cmd.env("RISKSHARE_HOME", home);
        cmd.cwd(cwd);
        Riskshare {
            pty: pty_support::spawn(cmd, ROWS, COLS),
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's process id")
    }

    /// Waits for a box titled `title` and returns its text as one line.
    fn wait_for_box(&self, title: &str) -> String {
        let screen = self.wait_until(&format!("the box '{title}'"), |s| {
            box_text(s, title).is_some()
        });
        box_text(&screen, title).unwrap_or_default()
    }

    /// The header line.
    fn header(&self) -> String {
        self.screen().lines().next().unwrap_or_default().to_string()
    }

    /// Sends the signal `times` times in quick succession.
    fn signal(&self, name: &str, times: usize) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .args(std::iter::repeat_n(self.pid().to_string(), times))
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Everything written as text, once it holds `pattern` (the last bytes can trail the exit).
    fn text_with(&self, pattern: &str) -> String {
        String::from_utf8_lossy(&self.bytes_with(pattern)).into_owned()
    }
}

pty_support::wraps_spawned!(Riskshare);

/// Text with every run of whitespace made one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text inside the box titled `title` (drawn `┏ title ━━┓`), its lines joined by spaces.
fn box_text(screen: &vt100::Screen, title: &str) -> Option<String> {
    let rows: Vec<Vec<char>> = screen.rows(0, COLS).map(|r| r.chars().collect()).collect();
    let marker: Vec<char> = format!("┏ {title} ").chars().collect();
    let (top, left) = rows.iter().enumerate().find_map(|(y, row)| {
        row.windows(marker.len())
            .position(|w| w == marker.as_slice())
            .map(|x| (y, x))
    })?;
    let right = left + rows[top][left..].iter().position(|&c| c == '┓')?;
    let mut lines = Vec::new();
    for row in &rows[top + 1..] {
        if row.get(left) == Some(&'┗') {
            return Some(squeeze(&lines.join(" ")));
        }
        let inside: String = row.get(left + 1..right.min(row.len()))?.iter().collect();
        lines.push(inside);
    }
    None
}

fn am_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.as_file().metadata().expect("its metadata").uid() == 0
}

fn on_path(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{program} is not installed"))
}

/// A folder with a copy of the example workshop as `pool.ron`, and a home for riskshare's own
/// files.
struct Workshop {
    dir: tempfile::TempDir,
}

impl Workshop {
    fn new() -> Workshop {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/anytown.ron");
        fs::copy(source, dir.path().join("pool.ron")).expect("the example copied");
        fs::create_dir(dir.path().join("home")).expect("a home");
        Workshop { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn pool(&self) -> String {
        self.path("pool.ron").display().to_string()
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    fn start(&self, args: &[&str], user: &str) -> Riskshare {
        Riskshare::start(args, &self.home(), self.dir.path(), user)
    }

    fn autosaves(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.home().join("data/autosave")) else {
            return Vec::new();
        };
        entries.flatten().map(|e| e.path()).collect()
    }
}

/// The agreement in a file, without its decision log (whose entries carry the time they were
/// made; the log has its own tests), so that saved work compares with what was typed.
fn load(path: &Path) -> Agreement {
    let mut a =
        riskshare::store::load(path).unwrap_or_else(|e| panic!("{} loads: {e}", path.display()));
    a.log.clear();
    a
}

/// The example with the parties' appetites set in order.
fn with_appetites(levels: &[Appetite]) -> Agreement {
    let mut a = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/anytown.ron"));
    for (party, level) in a.parties.iter_mut().zip(levels) {
        party.appetite = *level;
    }
    a
}

/// Waits until the appetite pane shows each party at its level (by name or by its highest
/// acceptable score, whichever the pane has room for), and the header says what is unsaved.
fn wait_for_levels(r: &Riskshare, levels: &[(&str, Appetite)], unsaved: bool) {
    r.wait_until(&format!("{levels:?}"), |s| {
        let flat = squeeze(&s.contents());
        let header = s.contents().lines().next().unwrap_or_default().to_string();
        header.contains("unsaved") == unsaved
            && levels.iter().all(|(id, level)| {
                flat.contains(&format!("{id} {} ", level.label()))
                    || flat.contains(&format!("{id} ≤{} ", level.max_score()))
            })
    });
}

/// Waits until the workbench has drawn its panes.
fn ready(r: &Riskshare) {
    for pane in ["Scenario", "Appetite", "Risk register", "Parties"] {
        r.wait_for(pane);
    }
}

#[test]
fn a_hangup_mid_edit_autosaves_and_the_next_start_offers_every_change_back() {
    let w = Workshop::new();
    let mut first = w.start(&[&w.pool()], "facilitator");
    ready(&first);
    // Seven appetite changes, the last two after the autosave that every fifth change makes:
    // ICB Cautious -> Eager, LA Minimal -> Open, ACUTE Cautious -> Minimal, VCS Averse -> Cautious.
    first.send(&format!(
        "3{RIGHT}{RIGHT}j{RIGHT}{RIGHT}j{LEFT}j{RIGHT}{RIGHT}"
    ));
    wait_for_levels(
        &first,
        &[
            ("ICB", Eager),
            ("LA", Open),
            ("ACUTE", Minimal),
            ("VCS", Cautious),
        ],
        true,
    );
    // As when an SSH link drops: the kernel sends SIGHUP, and the login shell passes one on.
    first.signal("HUP", 2);
    let status = first.wait_exit();
    let written = first.text_with("\x1b[?1049l");
    assert_eq!(
        status.exit_code(),
        128 + 1,
        "the exit code says SIGHUP; the end of what it wrote: {:?}",
        written
            .chars()
            .skip(written.chars().count().saturating_sub(600))
            .collect::<String>()
    );
    let back = written
        .rfind("\x1b[?1049l")
        .expect("the terminal is given back");
    assert!(written[back..].contains("stopped by SIGHUP"), "{written:?}");
    assert_eq!(w.autosaves().len(), 1, "one autosave is left");
    assert!(!w.path("pool.ron.lock").exists(), "the lock is let go");
    let expected = with_appetites(&[Eager, Open, Minimal, Cautious]);
    assert_ne!(load(&w.path("pool.ron")), expected, "nothing was saved");

    let mut second = w.start(&[&w.pool()], "facilitator");
    let offer = second.wait_for_box("Recover");
    assert!(offer.starts_with("Recover unsaved work from "), "{offer}");
    assert!(offer.contains("left it for pool.ron"), "{offer}");
    // Only y or n answers: Esc leaves the question open.
    second.send(ESC);
    second.wait_for("Answer y to recover");
    assert!(box_text(&second.parser().screen().clone(), "Recover").is_some());
    second.send("y");
    second.wait_for("Recovered the work");
    wait_for_levels(&second, &[("ICB", Eager), ("VCS", Cautious)], true);
    second.send(CTRL_S);
    second.wait_for("Saved to");
    assert_eq!(
        load(&w.path("pool.ron")),
        expected,
        "every change came back"
    );
    assert!(w.autosaves().is_empty(), "a save removes the autosave");
    second.send("q");
    assert!(second.wait_exit().success());
}

#[test]
fn a_second_riskshare_is_told_who_holds_the_file_and_opens_it_read_only() {
    let w = Workshop::new();
    let before = load(&w.path("pool.ron"));
    let mut first = w.start(&[&w.pool()], "alice");
    ready(&first);
    let holder = first.pid().to_string();

    let mut second = w.start(&[&w.pool()], "bob");
    let notice = second.wait_for_box("Read-only");
    assert!(
        notice.starts_with("pool.ron is already open in another riskshare, by alice"),
        "{notice}"
    );
    assert!(notice.contains(&format!("(process {holder})")), "{notice}");
    assert!(second.header().contains("pool.ron (read-only)"));
    // Any key goes on; a change is allowed, but saving it over alice's file is not.
    second.send(" ");
    second.send(&format!("3{RIGHT}"));
    wait_for_levels(&second, &[("ICB", Open)], true);
    second.send(CTRL_S);
    let refusal = second.wait_for_box("Not saved");
    assert!(
        refusal.contains("is read-only here and was not saved. Your changes are still here"),
        "{refusal}"
    );
    assert_eq!(load(&w.path("pool.ron")), before, "the file is untouched");

    // The holder still saves.
    first.send(&format!("3j{LEFT}"));
    wait_for_levels(&first, &[("LA", Averse)], true);
    first.send(CTRL_S);
    first.wait_for("Saved to");
    let saved = with_appetites(&[Cautious, Averse, Cautious, Averse]);
    assert_eq!(load(&w.path("pool.ron")), saved);

    // The second one keeps its work as a copy of its own.
    second.send("a");
    second.wait_for_box("Save as");
    second.send(&format!("{CTRL_U}{}\r", w.path("bob.ron").display()));
    second.wait_for("Saved to");
    assert!(
        !second.header().contains("read-only"),
        "{}",
        second.header()
    );
    let copy = with_appetites(&[Open, Minimal, Cautious, Averse]);
    assert_eq!(load(&w.path("bob.ron")), copy);
    assert!(
        w.path("bob.ron.lock").exists(),
        "the copy is locked by its saver"
    );
    second.send("q");
    first.send("q");
    assert!(second.wait_exit().success());
    assert!(first.wait_exit().success());
    assert!(!w.path("pool.ron.lock").exists());
    assert!(!w.path("bob.ron.lock").exists());
}

#[test]
fn ctrl_s_saves_atomically_and_the_next_start_opens_the_last_file_used() {
    let w = Workshop::new();
    let target = w.path("workshop.ron");
    let mut first = w.start(&[], "facilitator");
    ready(&first);
    assert!(first.header().contains("built-in example"));
    first.send(&format!("3{RIGHT}"));
    wait_for_levels(&first, &[("ICB", Open)], true);
    first.send(CTRL_S);
    first.wait_for_box("Save as");
    first.send(&format!("{CTRL_U}{}\r", target.display()));
    first.wait_for("Saved to");
    let once = with_appetites(&[Open]);
    assert_eq!(load(&target), once);
    let mode = fs::metadata(&target)
        .expect("the save")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "a new save is private");
    assert!(
        !w.path("workshop.ron.bak").exists(),
        "nothing to back up yet"
    );

    first.send(RIGHT);
    wait_for_levels(&first, &[("ICB", Eager)], true);
    first.send(CTRL_S);
    first.wait_until("the second save", |s| {
        let header = s.contents().lines().next().unwrap_or_default().to_string();
        header.contains("Saved to") && !header.contains("unsaved")
    });
    assert_eq!(load(&target), with_appetites(&[Eager]));
    assert_eq!(
        load(&w.path("workshop.ron.bak")),
        once,
        "the old one is kept"
    );
    first.send("q");
    assert!(first.wait_exit().success());
    let mut left = fs::read_dir(w.dir.path())
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    left.sort();
    assert_eq!(
        left,
        ["home", "pool.ron", "workshop.ron", "workshop.ron.bak"]
    );

    let mut next = w.start(&[], "facilitator");
    ready(&next);
    next.wait_for("workshop.ron");
    wait_for_levels(&next, &[("ICB", Eager)], false);
    next.send("q");
    assert!(next.wait_exit().success());
}

#[test]
fn saving_into_a_read_only_folder_says_so_and_keeps_the_work() {
    let w = Workshop::new();
    let open = |path: &Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    };
    // The child runs as nobody when these tests run as root: it must reach these.
    open(w.dir.path(), 0o755);
    open(&w.home(), 0o777);
    let shared = w.path("shared");
    fs::create_dir(&shared).expect("a shared folder");
    let file = shared.join("pool.ron");
    fs::rename(w.path("pool.ron"), &file).expect("the workshop moved in");
    open(&file, 0o644);
    open(&shared, 0o555);
    let mine = w.path("mine");
    fs::create_dir(&mine).expect("a folder of one's own");
    open(&mine, 0o777);
    let before = load(&file);

    let name = file.display().to_string();
    let mut r = Riskshare::start_as(&[&name], &w.home(), w.dir.path(), "analyst", true);
    // It cannot even write its lock there, and says what that means.
    let notice = r.wait_for_box("Not locked");
    assert!(
        notice.contains("you are not allowed to write there"),
        "{notice}"
    );
    r.send(" ");
    r.send(&format!("3{RIGHT}"));
    wait_for_levels(&r, &[("ICB", Open)], true);
    r.send(CTRL_S);
    let why = r.wait_for_box("Not saved");
    assert_eq!(
        why,
        format!(
            "could not save {name}: the folder is read-only or you are not allowed to write there, so your work is still open and can be saved somewhere else. a save as another file Esc back"
        )
    );
    r.send(ESC);
    r.wait_until("the box closing", |s| box_text(s, "Not saved").is_none());
    assert!(
        r.header().contains("unsaved"),
        "the work is kept: {}",
        r.header()
    );
    assert_eq!(load(&file), before);
    assert_eq!(
        fs::read_dir(&shared).expect("the folder").count(),
        1,
        "nothing is left beside it"
    );

    // Saved somewhere else, nothing is lost.
    r.send(CTRL_S);
    r.wait_for_box("Not saved");
    r.send("a");
    r.wait_for_box("Save as");
    let copy = mine.join("pool.ron");
    r.send(&format!("{CTRL_U}{}\r", copy.display()));
    r.wait_for("Saved to");
    assert_eq!(load(&copy), with_appetites(&[Open]));
    r.send("q");
    assert!(r.wait_exit().success());
}

#[test]
fn sigterm_without_changes_exits_at_once_and_ctrl_c_asks_like_q() {
    let w = Workshop::new();
    let mut r = w.start(&[&w.pool()], "facilitator");
    ready(&r);
    r.signal("TERM", 1);
    assert_eq!(r.wait_exit().exit_code(), 128 + 15);
    assert!(
        w.autosaves().is_empty(),
        "nothing unsaved, nothing autosaved"
    );

    let mut r = w.start(&[&w.pool()], "facilitator");
    ready(&r);
    r.send(&format!("3{RIGHT}"));
    wait_for_levels(&r, &[("ICB", Open)], true);
    // Ctrl-C in the raw-mode terminal is a key: it asks, like q, instead of dropping the work.
    r.send("\x03");
    let asked = r.wait_for_box("Quit");
    assert!(asked.starts_with("There are unsaved changes."), "{asked}");
    r.send("d");
    assert!(r.wait_exit().success());
    assert!(
        w.autosaves().is_empty(),
        "work given up on purpose leaves no autosave"
    );
}
