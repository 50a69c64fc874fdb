//! A first word meant as a command: `riskshare chek` names no file and is one letter off
//! `check`, so it is refused as a mistyped command rather than opened as a new agreement.
//!
//! A word that names a file that exists, or that reads as a file name (it has a `.` or a path
//! separator, as `budget.ron` or `./budget`), is left to the workbench, which opens a missing
//! file as a new agreement to save there.

use super::usage::{Refusal, and_list, command_names};
use clap::CommandFactory;
use std::ffi::OsString;
use std::path::Path;

/// The refusal for a command line whose first word is not a command but looks like one mistyped:
/// near a command's name (`simualte`), or followed by more words when it names no file.
pub fn refusal(args: &[OsString]) -> Option<Refusal> {
    let words = positionals(args);
    let first = words.first()?.to_str()?;
    let commands = command_names();
    if commands.iter().any(|c| c == first) || reads_as_file(first) {
        return None;
    }
    let sentence = match nearest(first, &commands) {
        Some(command) => format!("there is no command `{first}`; did you mean `{command}`?"),
        // `riskshare foo FILE`: one word too many for the workbench, and no command either.
        None if words.len() > 1 => format!(
            "there is no command `{first}`; the commands are {}",
            and_list(&commands)
        ),
        None => return None,
    };
    Some(Refusal {
        lines: vec![
            sentence,
            "`riskshare --help` lists the commands and options".to_string(),
        ],
        code: super::EXIT_USAGE,
    })
}

/// The words that are not options or an option's value, up to the first command's own words.
fn positionals(args: &[OsString]) -> Vec<&OsString> {
    let takes_value: Vec<String> = super::Cli::command()
        .get_arguments()
        .filter(|a| a.get_action().takes_values() && !a.is_positional())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut words = Vec::new();
    let mut skip_next = false;
    for arg in args {
        if skip_next {
            skip_next = false;
            continue;
        }
        let text = arg.to_string_lossy();
        if text.starts_with('-') && text.len() > 1 {
            skip_next = takes_value.iter().any(|o| *o == text);
            continue;
        }
        words.push(arg);
    }
    words
}

/// True for a word the person clearly means as a file: one that exists, or that has an
/// extension or a folder in it.
fn reads_as_file(word: &str) -> bool {
    word.contains(['.', '/', '\\', std::path::MAIN_SEPARATOR])
        || !matches!(Path::new(word).try_exists(), Ok(false))
}

/// The command nearest to `word`, if it is within a slip of the keyboard: one edit for a short
/// word, two for a longer one (a letter left out, doubled, swapped or wrong).
fn nearest<'a>(word: &str, commands: &'a [String]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    commands
        .iter()
        .map(|c| (distance(&word, c), c.as_str()))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, change, swap two neighbours) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn slips_of_the_keyboard_find_their_command() {
        let commands = command_names();
        assert_eq!(nearest("simualte", &commands), Some("simulate"));
        assert_eq!(nearest("chek", &commands), Some("check"));
        assert_eq!(nearest("Calc", &commands), Some("calc"));
        assert_eq!(nearest("exprot", &commands), Some("export"));
        assert_eq!(nearest("budget", &commands), None);
        assert_eq!(nearest("plan", &commands), None);
    }

    #[test]
    fn file_names_and_options_are_left_alone() {
        assert!(refusal(&words("chek.ron")).is_none());
        assert!(refusal(&words("./chek")).is_none());
        assert!(refusal(&words("budget")).is_none());
        assert!(refusal(&words("--theme contrast")).is_none());
        assert!(refusal(&words("check saves/anytown.ron")).is_none());
        let theme_then_typo = refusal(&words("--theme contrast chek")).expect("refused");
        assert_eq!(
            theme_then_typo.lines[0],
            "there is no command `chek`; did you mean `check`?"
        );
    }

    #[test]
    fn a_word_too_many_after_a_missing_name_is_no_command() {
        let refused = refusal(&words("budget saves/anytown.ron")).expect("refused");
        assert!(
            refused.lines[0].starts_with("there is no command `budget`; the commands are calc"),
            "{}",
            refused.lines[0]
        );
    }
}
