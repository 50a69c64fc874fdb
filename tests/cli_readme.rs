//! The README's examples are the binary's real output: each `$ riskshare ...` line in a code
//! block is run from the project's folder and must print exactly the lines that follow it.

use assert_cmd::Command;

/// Splits a command line on spaces, keeping "double quoted" words together.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Each example: the command's words (after `riskshare`) and the output shown for it.
fn examples(readme: &str) -> Vec<(Vec<String>, String)> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut current: Option<(Vec<String>, String)> = None;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            found.extend(current.take());
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ riskshare ") {
            found.extend(current.take());
            current = Some((words(command), String::new()));
        } else if let Some((_, output)) = &mut current {
            output.push_str(line);
            output.push('\n');
        }
    }
    found
}

#[test]
fn every_example_in_the_readme_is_what_the_binary_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.len() >= 5,
        "the README shows calc and check at work"
    );
    for (args, shown) in examples {
        let out = Command::new(env!("CARGO_BIN_EXE_riskshare"))
            .current_dir(root)
            .args(&args)
            .output()
            .expect("the binary runs");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(printed, shown, "riskshare {}", args.join(" "));
    }
}

#[test]
fn quoted_words_stay_together() {
    assert_eq!(
        words("calc saves/anytown.ron --scenario \"Hard winter\""),
        ["calc", "saves/anytown.ron", "--scenario", "Hard winter"]
    );
}
