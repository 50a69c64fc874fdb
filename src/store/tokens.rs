//! A forgiving scanner of RON text: tokens with their lines, so that messages can quote what is
//! in the file and semantic errors can be given a line.
//!
//! It never fails and never recurses: any byte sequence gives some tokens, brackets are matched
//! with an explicit stack, and whatever is left open at the end is recorded. Tokens borrow their
//! text from the file (a string is copied only when it has escapes), so a scan of a large file
//! costs a few dozen bytes per token and no allocation for most.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    Open(char),
    Close(char),
    Comma,
    Colon,
    /// A quoted string, with the common escapes undone.
    Str(Cow<'a, str>),
    Ident(&'a str),
    /// A number as written, sign included.
    Number(&'a str),
    Other(char),
}

/// One token and where it starts. `line` and `col` count from 1, `col` in characters, as ron's
/// error positions do; `end` is the position just after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind<'a>,
    pub line: usize,
    pub col: usize,
    pub end: (usize, usize),
}

impl Token<'_> {
    pub fn position(&self) -> (usize, usize) {
        (self.line, self.col)
    }
}

/// The tokens of a text, with each bracket's partner.
#[derive(Debug, Default)]
pub struct Scan<'a> {
    pub tokens: Vec<Token<'a>>,
    /// For an opening bracket, the index of its closing partner.
    pub partner: Vec<Option<usize>>,
    /// Opening brackets never closed, outermost first.
    pub unclosed: Vec<usize>,
    /// Where an unterminated string or block comment begins, if one does.
    pub unterminated: Option<(usize, usize)>,
}

struct Cursor<'a> {
    text: &'a str,
    /// The byte offset of the next character.
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// The text from byte `start` to the cursor.
    fn since(&self, start: usize) -> &'a str {
        &self.text[start..self.pos]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
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
pub fn scan_until<'a>(text: &'a str, mut stop: impl FnMut(&Token<'a>) -> bool) -> Scan<'a> {
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
        col: 1,
    };
    let mut out = Scan::default();
    let mut stack: Vec<usize> = Vec::new();
    while let Some(token) = next_token(&mut cur, &mut out.unterminated) {
        let index = out.tokens.len();
        let mut partner = None;
        match token.kind {
            Kind::Open(_) => stack.push(index),
            Kind::Close(close) => {
                if let Some(&open) = stack.last()
                    && matches!(out.tokens[open].kind, Kind::Open(o) if closer(o) == close)
                {
                    stack.pop();
                    out.partner[open] = Some(index);
                    partner = Some(open);
                }
            }
            _ => {}
        }
        let done = stop(&token);
        out.tokens.push(token);
        out.partner.push(partner);
        if done {
            break;
        }
    }
    out.unclosed = stack;
    out
}

/// The first token `pick` picks, read without keeping the others: a whole large file is looked
/// through in constant memory.
pub fn find<'a>(text: &'a str, mut pick: impl FnMut(&Token<'a>) -> bool) -> Option<Token<'a>> {
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
        col: 1,
    };
    let mut unterminated = None;
    while let Some(token) = next_token(&mut cur, &mut unterminated) {
        if pick(&token) {
            return Some(token);
        }
    }
    None
}

/// Reads the next token, skipping space and comments; None at the end of the text. Where a
/// string or comment that never ends begins is recorded in `unterminated`.
fn next_token<'a>(
    cur: &mut Cursor<'a>,
    unterminated: &mut Option<(usize, usize)>,
) -> Option<Token<'a>> {
    while let Some(c) = cur.peek() {
        let (line, col) = (cur.line, cur.col);
        let kind = match c {
            c if c.is_whitespace() => {
                cur.bump();
                continue;
            }
            '/' => {
                cur.bump();
                if cur.eat('/') {
                    while let Some(c) = cur.peek() {
                        if c == '\n' {
                            break;
                        }
                        cur.bump();
                    }
                    continue;
                }
                if cur.eat('*') {
                    if !block_comment(cur) {
                        unterminated.get_or_insert((line, col));
                    }
                    continue;
                }
                Kind::Other('/')
            }
            '"' => {
                cur.bump();
                match quoted(cur) {
                    Some(s) => Kind::Str(s),
                    None => {
                        unterminated.get_or_insert((line, col));
                        Kind::Str(Cow::Borrowed(""))
                    }
                }
            }
            '\'' => {
                cur.bump();
                // A char literal: `'x'` or `'\''`.
                cur.eat('\\');
                cur.bump();
                cur.eat('\'');
                Kind::Other('\'')
            }
            '(' | '[' | '{' => {
                cur.bump();
                Kind::Open(c)
            }
            ')' | ']' | '}' => {
                cur.bump();
                Kind::Close(c)
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
                let start = cur.pos;
                cur.bump();
                number_rest(cur, start);
                let s = cur.since(start);
                if s.len() == 1 && !c.is_ascii_digit() {
                    Kind::Other(c)
                } else {
                    Kind::Number(s)
                }
            }
            c if c == '_' || c.is_alphabetic() => {
                let start = cur.pos;
                while let Some(c) = cur.peek() {
                    if c == '_' || c.is_alphanumeric() {
                        cur.bump();
                    } else {
                        break;
                    }
                }
                let s = cur.since(start);
                if (s == "r" || s == "b" || s == "br") && matches!(cur.peek(), Some('"' | '#')) {
                    match raw_string(cur) {
                        Some(s) => Kind::Str(Cow::Borrowed(s)),
                        None => {
                            unterminated.get_or_insert((line, col));
                            Kind::Str(Cow::Borrowed(""))
                        }
                    }
                } else {
                    Kind::Ident(s)
                }
            }
            c => {
                cur.bump();
                Kind::Other(c)
            }
        };
        return Some(Token {
            kind,
            line,
            col,
            end: (cur.line, cur.col),
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

/// Skips a (nestable) block comment whose `/*` is consumed; false when it never ends.
fn block_comment(cur: &mut Cursor<'_>) -> bool {
    let mut depth = 1usize;
    while let Some(c) = cur.bump() {
        if c == '*' && cur.eat('/') {
            depth -= 1;
            if depth == 0 {
                return true;
            }
        } else if c == '/' && cur.eat('*') {
            depth += 1;
        }
    }
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

    fn kinds(text: &str) -> Vec<Kind<'_>> {
        scan(text).tokens.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn tokens_carry_lines_and_columns() {
        let s = scan("(\n  id: \"OOH\", // note\n  at: -2.5e3,\n)");
        let t: Vec<(usize, usize)> = s.tokens.iter().map(Token::position).collect();
        assert_eq!(t[1], (2, 3));
        assert_eq!(s.tokens[3].kind, Kind::Str("OOH".into()));
        assert_eq!(s.tokens[7].kind, Kind::Number("-2.5e3"));
        assert_eq!(s.partner[0], Some(s.tokens.len() - 1));
        assert!(s.unclosed.is_empty());
    }

    #[test]
    fn comments_strings_and_raw_strings_hide_brackets() {
        assert_eq!(
            kinds("/* ( /* nested */ [ */ \"a(\\\"\" r#\"b\"]\"#"),
            vec![Kind::Str("a(\"".into()), Kind::Str("b\"]".into())]
        );
    }

    #[test]
    fn unclosed_brackets_and_strings_are_recorded() {
        let s = scan("( [ {\n \"abc");
        assert_eq!(s.unclosed, vec![0, 1, 2]);
        assert_eq!(s.unterminated, Some((2, 2)));
    }

    #[test]
    fn mismatched_closers_do_not_pair() {
        let s = scan("( ] )");
        assert_eq!(s.partner[0], Some(2));
        assert_eq!(s.partner[1], None);
    }
}
