//! A forgiving scanner of RON text: small tokens with their byte offsets, so that messages can
//! quote what is in the file and semantic errors can be given a line.
//!
//! It never fails and never recurses: any byte sequence gives some tokens, brackets are matched
//! with an explicit stack, and whatever is left open at the end is recorded. A token is 16
//! bytes and keeps no text: what it says is read back from the file when a message needs it
//! ([`Scan::slice`], [`Scan::value`]), and its line is counted only then ([`line_at`]).

use std::borrow::Cow;

/// What a token is. A bracket carries its ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// A quoted or raw string; [`Scan::value`] gives it with the common escapes undone.
    Str,
    Ident,
    /// A number as written, sign included.
    Number,
    /// Any other character (`#`, `'x'`, a stray `/`...).
    Other,
}

/// No partner: a bracket never closed, or a token that is not a bracket.
const NONE: u32 = u32::MAX;

/// One token: its kind and its bytes in the text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    /// For a bracket, the index of its partner; [`NONE`] otherwise.
    partner: u32,
}

impl Token {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Its text as written in `text` (the text it was read from).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start()..self.end()).unwrap_or("")
    }
}

/// The tokens of a text, each bracket with its partner.
#[derive(Debug)]
pub struct Scan<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Opening brackets never closed, outermost first.
    pub unclosed: Vec<usize>,
    /// The byte where an unterminated string or block comment begins, if one does.
    pub unterminated: Option<usize>,
}

impl<'a> Scan<'a> {
    /// For a bracket, the index of its partner.
    pub fn partner(&self, i: usize) -> Option<usize> {
        self.tokens
            .get(i)
            .filter(|t| t.partner != NONE)
            .map(|t| t.partner as usize)
    }

    /// Token `i` as written.
    pub fn slice(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.slice(self.text))
    }

    /// What token `i` says: a string with its escapes undone, else its text as written.
    pub fn value(&self, i: usize) -> Cow<'a, str> {
        match self.tokens.get(i) {
            Some(t) => value(self.text, t),
            None => Cow::Borrowed(""),
        }
    }

    /// The first character of token `i` (the character of an [`Kind::Other`]).
    pub fn char(&self, i: usize) -> char {
        self.slice(i).chars().next().unwrap_or(' ')
    }

    /// The line token `i` starts on, counted from 1.
    pub fn line(&self, i: usize) -> usize {
        self.tokens
            .get(i)
            .map_or(1, |t| line_at(self.text, t.start()))
    }
}

/// What a token says: a string with its escapes undone (borrowed when it has none; empty when
/// it never ends), else its text as written.
pub fn value<'a>(text: &'a str, token: &Token) -> Cow<'a, str> {
    let raw = token.slice(text);
    if token.kind != Kind::Str {
        return Cow::Borrowed(raw);
    }
    let mut cur = Cursor::at(text, token.start());
    if cur.eat('"') {
        return quoted(&mut cur).unwrap_or(Cow::Borrowed(""));
    }
    while cur.peek().is_some_and(|c| c.is_alphabetic()) {
        cur.bump();
    }
    Cow::Borrowed(raw_string(&mut cur).unwrap_or(""))
}

/// The line (from 1) of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The lines of many byte offsets, in one pass over the text: `offsets` in any order, the lines
/// in the same order.
pub fn lines_at(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut lines = vec![1; offsets.len()];
    let (mut line, mut at) = (1usize, 0usize);
    let bytes = text.as_bytes();
    for i in order {
        let to = offsets[i].min(bytes.len()).max(at);
        line += bytes[at..to].iter().filter(|&&b| b == b'\n').count();
        at = to;
        lines[i] = line;
    }
    lines
}

/// The byte offset of a (line, column) position as ron gives it: both from 1, the column in
/// characters. Past the end of a line or of the text, the end of it.
pub fn offset_at(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_end, |(b, _)| b);
    start + within
}

struct Cursor<'a> {
    text: &'a str,
    /// The byte offset of the next character.
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn at(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    /// The text from byte `start` to the cursor.
    fn since(&self, start: usize) -> &'a str {
        &self.text[start..self.pos]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }
}

/// Scans the whole text.
pub fn scan(text: &str) -> Scan<'_> {
    scan_until(text, |_| false)
}

/// Scans from the start up to and including the first token `stop` picks (or the whole text),
/// keeping the tokens: what a message about that place needs, without the rest of a large file.
pub fn scan_until(text: &str, stop: impl FnMut(&Token) -> bool) -> Scan<'_> {
    scan_from(text, 0, stop)
}

/// As [`scan_until`], from byte `from` (the start of a token) on.
pub fn scan_from(text: &str, from: usize, mut stop: impl FnMut(&Token) -> bool) -> Scan<'_> {
    let mut cur = Cursor::at(text, from);
    let mut out = Scan {
        text,
        tokens: Vec::new(),
        unclosed: Vec::new(),
        unterminated: None,
    };
    let mut stack: Vec<usize> = Vec::new();
    while let Some(mut token) = next_token(&mut cur, &mut out.unterminated) {
        let index = out.tokens.len();
        match token.kind {
            Kind::Open(_) => stack.push(index),
            Kind::Close(close) => {
                if let Some(&open) = stack.last()
                    && matches!(out.tokens[open].kind, Kind::Open(o) if closer_byte(o) == close)
                {
                    stack.pop();
                    out.tokens[open].partner = u32::try_from(index).unwrap_or(NONE);
                    token.partner = u32::try_from(open).unwrap_or(NONE);
                }
            }
            _ => {}
        }
        let done = stop(&token);
        out.tokens.push(token);
        if done {
            break;
        }
    }
    out.unclosed = stack;
    out
}

/// Reads tokens one at a time from byte `from` on, keeping none: a whole large file is looked
/// through in constant memory.
pub struct Tokens<'a> {
    cur: Cursor<'a>,
    /// Where a string or comment that never ends begins, once one is met.
    pub unterminated: Option<usize>,
}

impl<'a> Tokens<'a> {
    pub fn from(text: &'a str, from: usize) -> Self {
        Tokens {
            cur: Cursor::at(text, from),
            unterminated: None,
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        next_token(&mut self.cur, &mut self.unterminated)
    }
}

/// The first token `pick` picks, read without keeping the others.
pub fn find(text: &str, mut pick: impl FnMut(&Token) -> bool) -> Option<Token> {
    Tokens::from(text, 0).find(|t| pick(t))
}

/// A position as a token offset: texts are limited far below 4 GiB.
fn offset(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(NONE - 1)
}

/// Reads the next token, skipping space and comments; None at the end of the text. Where a
/// string or comment that never ends begins is recorded in `unterminated`.
fn next_token(cur: &mut Cursor<'_>, unterminated: &mut Option<usize>) -> Option<Token> {
    while let Some(c) = cur.peek() {
        let start = cur.pos;
        let kind = match c {
            c if c.is_whitespace() => {
                cur.bump();
                continue;
            }
            '/' => {
                cur.bump();
                if cur.eat('/') {
                    match cur.text[cur.pos..].find('\n') {
                        Some(n) => cur.pos += n,
                        None => cur.pos = cur.text.len(),
                    }
                    continue;
                }
                if cur.eat('*') {
                    if !block_comment(cur) {
                        unterminated.get_or_insert(start);
                    }
                    continue;
                }
                Kind::Other
            }
            '"' => {
                cur.bump();
                if !skip_quoted(cur) {
                    unterminated.get_or_insert(start);
                }
                Kind::Str
            }
            '\'' => {
                cur.bump();
                // A char literal: `'x'` or `'\''`.
                cur.eat('\\');
                cur.bump();
                cur.eat('\'');
                Kind::Other
            }
            '(' | '[' | '{' => {
                cur.bump();
                Kind::Open(c as u8)
            }
            ')' | ']' | '}' => {
                cur.bump();
                Kind::Close(c as u8)
            }
            ',' => {
                cur.bump();
                Kind::Comma
            }
            ':' => {
                cur.bump();
                Kind::Colon
            }
            c if c.is_ascii_digit() || c == '.' || c == '+' || c == '-' => {
                cur.bump();
                number_rest(cur, start);
                if cur.pos - start == 1 && !c.is_ascii_digit() {
                    Kind::Other
                } else {
                    Kind::Number
                }
            }
            c if c == '_' || c.is_alphabetic() => {
                while let Some(c) = cur.peek() {
                    if c == '_' || c.is_alphanumeric() {
                        cur.bump();
                    } else {
                        break;
                    }
                }
                let s = cur.since(start);
                if (s == "r" || s == "b" || s == "br") && matches!(cur.peek(), Some('"' | '#')) {
                    if raw_string(cur).is_none() {
                        unterminated.get_or_insert(start);
                    }
                    Kind::Str
                } else {
                    Kind::Ident
                }
            }
            _ => {
                cur.bump();
                Kind::Other
            }
        };
        return Some(Token {
            kind,
            start: offset(start),
            end: offset(cur.pos),
            partner: NONE,
        });
    }
    None
}

/// The bracket that closes `open`.
pub fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// The bracket that closes `open`, as a byte.
pub fn closer_byte(open: u8) -> u8 {
    closer(char::from(open)) as u8
}

/// Skips a (nestable) block comment whose `/*` is consumed; false when it never ends.
fn block_comment(cur: &mut Cursor<'_>) -> bool {
    let mut depth = 1usize;
    let bytes = cur.text.as_bytes();
    while cur.pos < bytes.len() {
        let (b, next) = (bytes[cur.pos], bytes.get(cur.pos + 1).copied());
        if b == b'*' && next == Some(b'/') {
            cur.pos += 2;
            depth -= 1;
            if depth == 0 {
                return true;
            }
        } else if b == b'/' && next == Some(b'*') {
            cur.pos += 2;
            depth += 1;
        } else {
            cur.pos += 1;
        }
    }
    // Every byte stepped over was ASCII or inside a character; the end is a boundary.
    false
}

/// Skips a string whose opening quote is consumed, as [`quoted`] reads it; false when it never
/// ends.
fn skip_quoted(cur: &mut Cursor<'_>) -> bool {
    let bytes = cur.text.as_bytes();
    while let Some(&b) = bytes.get(cur.pos) {
        cur.pos += 1;
        match b {
            b'"' => return true,
            b'\\' => {
                let escaped = bytes.get(cur.pos).copied();
                cur.pos += 1;
                if escaped == Some(b'u') && bytes.get(cur.pos) == Some(&b'{') {
                    match bytes[cur.pos..].iter().position(|&b| b == b'}') {
                        Some(n) => cur.pos += n + 1,
                        None => cur.pos = bytes.len(),
                    }
                }
            }
            _ => {}
        }
    }
    // Only ASCII bytes end the loop early, so the end is always at a character boundary.
    cur.pos = bytes.len();
    false
}

/// Reads a string whose opening quote is consumed; None when it never ends. Borrowed from the
/// text unless it has an escape to undo.
fn quoted<'a>(cur: &mut Cursor<'a>) -> Option<Cow<'a, str>> {
    let start = cur.pos;
    loop {
        match cur.peek()? {
            '"' => {
                let s = cur.since(start);
                cur.bump();
                return Some(Cow::Borrowed(s));
            }
            '\\' => break,
            _ => {
                cur.bump();
            }
        }
    }
    let mut s = cur.since(start).to_string();
    loop {
        match cur.bump()? {
            '"' => return Some(Cow::Owned(s)),
            '\\' => match cur.bump()? {
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                '0' => s.push('\0'),
                'u' => {
                    let mut hex = String::new();
                    if cur.eat('{') {
                        while let Some(c) = cur.peek() {
                            cur.bump();
                            if c == '}' {
                                break;
                            }
                            hex.push(c);
                        }
                    }
                    let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    s.push(c.unwrap_or('\u{FFFD}'));
                }
                c => s.push(c),
            },
            c => s.push(c),
        }
    }
}

/// Reads `r"..."`, `r#"..."#` (and byte forms) after the prefix; None when it never ends.
fn raw_string<'a>(cur: &mut Cursor<'a>) -> Option<&'a str> {
    let mut hashes = 0usize;
    while cur.eat('#') {
        hashes += 1;
    }
    if !cur.eat('"') {
        return Some("");
    }
    let start = cur.pos;
    loop {
        let end = cur.pos;
        let c = cur.bump()?;
        if c == '"' {
            let mut seen = 0usize;
            while seen < hashes && cur.eat('#') {
                seen += 1;
            }
            if seen == hashes {
                return Some(&cur.text[start..end]);
            }
        }
    }
}

/// Reads the rest of a number: digits, letters (exponents, hex, suffixes), `_`, `.`, and a sign
/// straight after an exponent's `e`.
fn number_rest(cur: &mut Cursor, start: usize) {
    while let Some(c) = cur.peek() {
        let s = cur.since(start);
        let after_e = s.ends_with(['e', 'E']) && !s.contains(['x', 'X']);
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' || ((c == '+' || c == '-') && after_e)
        {
            cur.bump();
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(Kind, String)> {
        let s = scan(text);
        (0..s.tokens.len())
            .map(|i| (s.tokens[i].kind, s.value(i).into_owned()))
            .collect()
    }

    #[test]
    fn tokens_carry_offsets_and_lines() {
        let text = "(\n  id: \"OOH\", // note\n  at: -2.5e3,\n)";
        let s = scan(text);
        assert_eq!(s.tokens[1].kind, Kind::Ident);
        assert_eq!(s.slice(1), "id");
        assert_eq!(s.line(1), 2);
        assert_eq!(s.value(3), "OOH");
        assert_eq!(s.tokens[7].kind, Kind::Number);
        assert_eq!(s.slice(7), "-2.5e3");
        assert_eq!(s.line(7), 3);
        assert_eq!(s.partner(0), Some(s.tokens.len() - 1));
        assert!(s.unclosed.is_empty());
        assert_eq!(std::mem::size_of::<Token>(), 16);
    }

    #[test]
    fn comments_strings_and_raw_strings_hide_brackets() {
        assert_eq!(
            values("/* ( /* nested */ [ */ \"a(\\\"\" r#\"b\"]\"# \"\\u{e9}\\n\""),
            vec![
                (Kind::Str, "a(\"".to_string()),
                (Kind::Str, "b\"]".to_string()),
                (Kind::Str, "\u{e9}\n".to_string())
            ]
        );
    }

    #[test]
    fn unclosed_brackets_and_strings_are_recorded() {
        let s = scan("( [ {\n \"abc");
        assert_eq!(s.unclosed, vec![0, 1, 2]);
        assert_eq!(s.unterminated, Some(7));
        assert_eq!(s.value(3), "");
    }

    #[test]
    fn mismatched_closers_do_not_pair() {
        let s = scan("( ] )");
        assert_eq!(s.partner(0), Some(2));
        assert_eq!(s.partner(1), None);
    }

    #[test]
    fn offsets_and_lines_convert_both_ways() {
        let text = "ab\nc\u{e9}d\n\nxyz";
        assert_eq!(offset_at(text, 2, 3), 6);
        assert_eq!(offset_at(text, 2, 99), 7);
        assert_eq!(offset_at(text, 9, 1), text.len());
        assert_eq!(line_at(text, 5), 2);
        assert_eq!(lines_at(text, &[9, 0, 4, 8]), vec![4, 1, 2, 3]);
    }
}
