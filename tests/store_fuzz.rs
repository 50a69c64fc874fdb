//! A deterministic mutation loop over the example file: bytes and tokens deleted, inserted and
//! replaced, the text cut short, lines duplicated, numbers swapped. Whatever comes in, `parse`
//! never panics, and every refusal is one to three readable lines with a line number.
//!
//! The seed is fixed so a failure repeats; `RISKSHARE_FUZZ_SEED` and `RISKSHARE_FUZZ_CASES`
//! run a different or longer stretch.

use riskshare::model::EXAMPLE_RON;
use riskshare::store::{LoadError, parse, to_ron};

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces that are likely to reach deep into the parser and the checks.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "//",
    "/*",
    "*/",
    "\n",
    "#",
    "r#\"",
    "\\",
    "0",
    "-1",
    "7",
    "100",
    "1e400",
    "-0.0",
    "NaN",
    "inf",
    "0x1F",
    "1_000",
    "12345678901234567.89",
    "99999999999999999999999999999",
    "\"1250000.50\"",
    "\"abc\"",
    "Some(",
    "None",
    "true",
    "()",
    "Fixed({\"ICB\": 90})",
    "Blend([(Equal, 50)])",
    "Pool",
    "InvestmentNeed",
    "Percent(150)",
    "Amount(-5)",
    "up_to: 2.0, ",
    "contingncy: 1, ",
    "\"ICB\"",
    "\"LA\"",
    "\"NOBODY\"",
    "id: \"OOH\", ",
    "format: 2, ",
    "\u{feff}",
    "£",
    "é",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{0}",
    "likelihood: 9, ",
    "bands: [], ",
];

/// One random change to the text.
fn mutate(rng: &mut Rng, text: &mut Vec<u8>) {
    let len = text.len();
    let at = rng.below(len + 1);
    match rng.below(9) {
        0 => {
            let end = (at + 1 + rng.below(16)).min(len);
            text.drain(at.min(end)..end);
        }
        1 => text.insert(at, rng.next() as u8),
        2 if at < len => text[at] = rng.next() as u8,
        3 => {
            let token = rng.pick(TOKENS).as_bytes().to_vec();
            text.splice(at..at, token);
        }
        4 => {
            // Replace the word at `at` by a token.
            let end = (at..len)
                .find(|&i| !text[i].is_ascii_alphanumeric() && text[i] != b'_' && text[i] != b'.')
                .unwrap_or(len);
            let token = rng.pick(TOKENS).as_bytes().to_vec();
            text.splice(at..end.max(at), token);
        }
        5 => text.truncate(at),
        6 => {
            let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
            let line = lines[rng.below(lines.len())].to_vec();
            let start = (0..at)
                .rev()
                .find(|&i| text[i] == b'\n')
                .map_or(0, |i| i + 1);
            text.splice(start..start, line.into_iter().chain([b'\n']));
        }
        7 => swap_numbers(rng, text),
        _ => {
            let end = (at + 1 + rng.below(400)).min(len);
            let copy = text[at.min(end)..end].to_vec();
            let to = rng.below(len + 1);
            text.splice(to..to, copy);
        }
    }
}

/// Swaps two numbers written in the text.
fn swap_numbers(rng: &mut Rng, text: &mut Vec<u8>) {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            let start = i;
            while i < text.len() && (text[i].is_ascii_digit() || text[i] == b'.') {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    if spans.len() < 2 {
        return;
    }
    let (a, b) = (spans[rng.below(spans.len())], spans[rng.below(spans.len())]);
    let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    if first.1 > second.0 {
        return;
    }
    let x = text[first.0..first.1].to_vec();
    let y = text[second.0..second.1].to_vec();
    text.splice(second.0..second.1, x);
    text.splice(first.0..first.1, y);
}

/// What must hold for every refusal: each of its sentences (a file with several errors has one
/// per error, each with its own line).
fn check_refusal(e: &LoadError, input: &str) {
    assert!(!e.lines().is_empty(), "no sentence\n{input}");
    for message in e.lines() {
        check_sentence(e, &message, input);
    }
}

fn check_sentence(e: &LoadError, message: &str, input: &str) {
    let context = || format!("message: {message:?}\ninput:\n{input}");
    assert!(!message.trim().is_empty(), "empty message\n{}", context());
    assert!(
        message.lines().count() <= 3,
        "too many lines\n{}",
        context()
    );
    e.line().unwrap_or_else(|| panic!("no line\n{}", context()));
    let line: usize = message
        .strip_prefix("fuzz.ron:")
        .and_then(|rest| rest.split(": ").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no fuzz.ron:LINE: start\n{}", context()));
    assert!(
        line <= input.lines().count().max(1) + 1,
        "line past the end\n{}",
        context()
    );
    assert!(
        message.chars().all(|c| !c.is_control()),
        "control character\n{}",
        context()
    );
}

fn run(seed: u64, cases: usize) -> (usize, usize) {
    let mut rng = Rng(seed | 1);
    let mut accepted = 0;
    for _ in 0..cases {
        let mut bytes = EXAMPLE_RON.as_bytes().to_vec();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut rng, &mut bytes);
        }
        let input = String::from_utf8_lossy(&bytes).into_owned();
        match parse(&input, "fuzz.ron") {
            Err(e) => check_refusal(&e, &input),
            Ok(a) => {
                accepted += 1;
                // What loads must save and load back the same.
                let saved = to_ron(&a).unwrap();
                assert_eq!(
                    parse(&saved, "saved.ron").as_ref(),
                    Ok(&a),
                    "input:\n{input}"
                );
            }
        }
    }
    (cases, accepted)
}

#[test]
fn mutated_examples_never_panic_and_every_refusal_is_readable() {
    let seed = std::env::var("RISKSHARE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026);
    let cases = std::env::var("RISKSHARE_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let (tried, accepted) = run(seed, cases);
    // Some mutations are harmless (a changed digit, a duplicated comment); most are not.
    assert!(
        accepted > 0 && accepted < tried,
        "{accepted} of {tried} accepted"
    );
}
