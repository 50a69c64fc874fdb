//! From text to an agreement: ron's parse, with its errors put into plain English, a file of a
//! newer format recognised before anything else, and plain numbers that a float would round
//! refused.

use super::tokens::{self, Kind, Scan, Token, Tokens, closer_byte, line_at, offset_at};
use super::validate::quote;
use crate::model::money::FLOAT_DIGITS;
use crate::model::{Agreement, FORMAT};
use ron::error::{Error, SpannedError};

/// Why the text did not parse: a line and a sentence.
pub type Refusal = (usize, String);

/// Parses the text into an agreement. The text is scanned for tokens only as far as a message
/// needs (numbers are checked in one pass that keeps nothing), so loading a large file costs
/// little more than ron's own parse.
pub fn parse_text(text: &str) -> Result<Agreement, Refusal> {
    if text.contains('\r') && !text.contains('\n') {
        return Err((
            1,
            "the lines end with a carriage return alone (an old Mac format), so the file reads \
             as one line; save it with ordinary line endings"
                .to_string(),
        ));
    }
    let mut all = Tokens::from(text, 0);
    if all.next().is_none() {
        return Err(match all.unterminated {
            Some(at) => (
                line_at(text, at),
                "this /* comment is never closed, so the rest of the file is a comment; close \
                 it with */"
                    .to_string(),
            ),
            None if text.trim().is_empty() => (1, "the file is empty".to_string()),
            None => (
                1,
                "the file has only comments: there is no agreement in it".to_string(),
            ),
        });
    }
    if let Some(refusal) = newer_format(text) {
        return Err(refusal);
    }
    let parsed: Result<Agreement, SpannedError> = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text);
    let error_at = parsed
        .as_ref()
        .err()
        .map(|e| offset_at(text, e.span.start.line, e.span.start.col));
    // A plain number written in a way that is not plainly the figure (hex, `+`, `_`, an
    // exponent), or too long for a float: refused when ron took it (it would have been read as
    // some other figure or rounded), or when it comes before where ron stopped.
    let bad = tokens::find(text, |t| {
        t.kind == Kind::Number && unplain(t.slice(text)).is_some()
    });
    if let Some(bad) = bad {
        let before_error = match error_at {
            None => true,
            Some(at) => {
                bad.start() < at || tokens::find(text, |t| t.end() > at).is_some_and(|t| t == bad)
            }
        };
        if before_error {
            let scan = tokens::scan_until(text, |t| t.start >= bad.start);
            let i = scan.tokens.len().saturating_sub(1);
            let why = unplain(bad.slice(text)).unwrap_or_default();
            return Err((line_at(text, bad.start()), with_field(&scan, i, why)));
        }
    }
    parsed.map_err(|e| {
        let at = offset_at(text, e.span.start.line, e.span.start.col);
        // Enough of the file to say where: up to a few tokens past the place ron stopped.
        let mut past = 0;
        let scan = tokens::scan_until(text, |t| {
            if t.start() > at {
                past += 1;
            }
            past > 2
        });
        explain(&e, at, &scan)
    })
}

/// A file whose `format` is newer than this build's is refused before its fields are read,
/// since a newer format may have fields this one does not know.
fn newer_format(text: &str) -> Option<Refusal> {
    let token = root_format(text)?;
    if token.kind != Kind::Number {
        return None;
    }
    let n = token.slice(text);
    let digits = n.strip_prefix('+').unwrap_or(n);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let newer = digits
        .parse::<u64>()
        .map_or(true, |v| v > u64::from(FORMAT));
    newer.then(|| {
        (
            line_at(text, token.start()),
            format!(
                "written by a newer riskshare (format {}); this one reads format {FORMAT}",
                shorten(digits)
            ),
        )
    })
}

/// The value of the agreement's own `format` field (not one in a record inside it), read
/// without keeping any token: it is usually on the first lines, and a file without it is
/// looked through in constant memory.
fn root_format(text: &str) -> Option<Token> {
    let mut depth = 0usize;
    // Inside a `#![enable(...)]` attribute before the agreement.
    let mut attribute = false;
    let mut before: [Option<Token>; 2] = [None, None];
    for t in Tokens::from(text, 0) {
        if depth == 1 && !attribute {
            let named = matches!(before, [Some(k), Some(c)]
                if k.kind == Kind::Ident && k.slice(text) == "format" && c.kind == Kind::Colon);
            if named {
                return Some(t);
            }
        }
        match t.kind {
            Kind::Other if depth == 0 && t.slice(text) == "#" => attribute = true,
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !std::mem::take(&mut attribute) {
                    // The agreement ended without it.
                    return None;
                }
            }
            _ => {}
        }
        before = [before[1], Some(t)];
    }
    None
}

/// Why a plain number as written is refused, if it is: it must be an optional minus, digits and
/// an optional decimal point with digits, and have at most [`FLOAT_DIGITS`] significant digits
/// so that it comes through a float unchanged.
fn unplain(written: &str) -> Option<String> {
    let n = shorten(written);
    let t = written.strip_prefix('-').unwrap_or(written);
    let lower = t.to_ascii_lowercase();
    if let Some(base) = [("0x", "hexadecimal"), ("0b", "binary"), ("0o", "octal")]
        .iter()
        .find_map(|(p, base)| lower.starts_with(p).then_some(base))
    {
        return Some(format!(
            "`{n}` is a {base} number; write amounts and percentages in ordinary digits"
        ));
    }
    if t.starts_with('+') {
        return Some(format!(
            "`{n}` has a plus sign; write the number without it"
        ));
    }
    if t.contains('_') {
        return Some(format!(
            "`{n}` has `_` in it; write the digits together, with no separators"
        ));
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) && lower.contains('e') {
        return Some(format!(
            "`{n}` is in scientific notation; write the figure out in full"
        ));
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    // Trailing zeros of a whole number or after the point carry nothing a float could lose.
    if digits.trim_end_matches('0').len() > FLOAT_DIGITS {
        return Some(format!(
            "the number {n} has more than {FLOAT_DIGITS} significant digits, so it cannot be read \
             exactly; write it in quotes, as \"{n}\""
        ));
    }
    None
}

/// The index of the token holding byte `at`, else the first one after it (the token count
/// past the end).
fn token_at(scan: &Scan, at: usize) -> usize {
    let after = scan.tokens.partition_point(|t| t.start() <= at);
    match after.checked_sub(1) {
        Some(i) if scan.tokens[i].end() > at => i,
        _ => after,
    }
}

/// Token `i` as a reader would quote it.
fn describe(scan: &Scan, i: usize) -> String {
    match scan.tokens.get(i).map(|t| t.kind) {
        None => "the end of the file".into(),
        Some(Kind::Str) => format!("the text \"{}\"", shorten(&scan.value(i))),
        Some(Kind::Ident | Kind::Number) => format!("`{}`", shorten(scan.slice(i))),
        Some(Kind::Other) if crate::model::text::is_unsafe(scan.char(i)) => {
            format!("the invisible character U+{:04X}", u32::from(scan.char(i)))
        }
        Some(Kind::Open(c) | Kind::Close(c)) => format!("`{}`", char::from(c)),
        Some(Kind::Other) => format!("`{}`", scan.char(i)),
        Some(Kind::Comma) => "`,`".into(),
        Some(Kind::Colon) => "`:`".into(),
    }
}

/// Keeps quoted file text short, so a message stays on one line.
fn shorten(s: &str) -> String {
    crate::model::text::clip(s, 60)
}

/// Walks back from token `index` to the bracket that holds it, skipping whole groups; returns
/// that opening bracket and the key written before each enclosing value, innermost first.
fn enclosing(scan: &Scan, index: usize) -> (Option<usize>, Vec<String>) {
    let tokens = &scan.tokens;
    let mut open = None;
    let mut keys = Vec::new();
    // A comma at this level: the key further back belongs to an earlier sibling.
    let mut sibling = false;
    let mut i = index.min(tokens.len());
    while i > 0 && keys.len() < 2 {
        i -= 1;
        match tokens[i].kind {
            Kind::Close(_) => match scan.partner(i) {
                Some(o) if o < i => i = o,
                _ => {}
            },
            Kind::Open(_) => {
                open.get_or_insert(i);
                sibling = false;
            }
            Kind::Comma => sibling = true,
            Kind::Colon if !sibling && i > 0 => {
                match tokens[i - 1].kind {
                    Kind::Ident => keys.push(format!("`{}`", shorten(scan.slice(i - 1)))),
                    Kind::Str => keys.push(quote(&scan.value(i - 1))),
                    _ => {}
                }
                sibling = true;
            }
            _ => {}
        }
    }
    (open, keys)
}

/// Puts the field a message is about in front of it: "`contributions` 'ICB': ...".
fn with_field(scan: &Scan, index: usize, message: String) -> String {
    let (_, keys) = enclosing(scan, index);
    match keys.as_slice() {
        [] => message,
        // A map's key reads better with the field the map is in: "`contributions` 'ICB'".
        [key, field, ..] if !key.starts_with('`') => format!("{field} {key}: {message}"),
        [key, ..] => format!("{key}: {message}"),
    }
}

/// ron's error as a line and a plain sentence.
fn explain(e: &SpannedError, at: usize, scan: &Scan) -> Refusal {
    let line = e.span.start.line;
    let index = token_at(scan, at);
    let found = describe(scan, index);
    let at_end = scan.tokens.last().is_none_or(|t| at >= t.start());
    if let Some(&open) = scan.unclosed.last()
        && (e.code == Error::Eof || at_end)
    {
        let bracket = describe(scan, open);
        let message = match scan.unterminated {
            Some(at) => format!(
                "the file ends too early: a text or comment opened on line {} is not closed",
                line_at(scan.text, at)
            ),
            None => format!(
                "the file ends too early: a bracket is not closed (the {bracket} on line {})",
                scan.line(open)
            ),
        };
        return (line, message);
    }
    let plain = |m: String| (line, with_field(scan, index, m));
    // ron stops inside `4.5` where it wanted a whole number.
    let inside_number = matches!(scan.tokens.get(index), Some(t)
        if t.kind == Kind::Number && t.start() < at);
    // A text whose closing quote is missing runs on to the next quote, lines later.
    let multi_line_text = index
        .checked_sub(1)
        .filter(|&i| scan.tokens[i].kind == Kind::Str && scan.slice(i).contains('\n'))
        .map(|i| scan.line(i));
    match &e.code {
        Error::Eof => (line, "the file ends too early".into()),
        Error::ExceededRecursionLimit => (
            line,
            "nesting is too deep: brackets inside brackets go too many levels down".into(),
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            line,
            format!(
                "unknown field `{}` in {}; expected one of {}",
                shorten(found),
                thing(outer.as_deref()),
                expected.join(", ")
            ),
        ),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => plain(format!(
            "unknown {} `{}`; expected one of {}",
            variant_kind(outer.as_deref()),
            shorten(found),
            expected.join(", ")
        )),
        Error::MissingStructField { field, outer } => {
            // ron points at the record's closing bracket; its opening one is where it starts.
            let open = match scan.tokens.get(index).map(|t| t.kind) {
                Some(Kind::Close(_)) => scan.partner(index),
                _ => enclosing(scan, index).0,
            };
            let line = open.map_or(line, |o| scan.line(o));
            (
                line,
                format!("{} is missing the field `{field}`", thing(outer.as_deref())),
            )
        }
        Error::DuplicateStructField { field, outer } => (
            line,
            format!(
                "the field `{field}` is written twice in {}",
                thing(outer.as_deref())
            ),
        ),
        Error::ExpectedComma if inside_number => {
            plain(format!("expected a whole number, found {found}"))
        }
        Error::ExpectedComma if multi_line_text.is_some() => (
            line,
            format!(
                "expected `,` before {found}; is the text opened on line {} missing its closing quote?",
                multi_line_text.unwrap_or(line)
            ),
        ),
        Error::ExpectedComma => {
            let (open, _) = enclosing(scan, index);
            let close = open
                .and_then(|o| match scan.tokens[o].kind {
                    Kind::Open(c) => Some(char::from(closer_byte(c))),
                    _ => None,
                })
                .map_or(String::new(), |c| format!(" or `{c}`"));
            (line, format!("expected `,`{close} before {found}"))
        }
        Error::TrailingCharacters => (
            line,
            format!("there is more after the agreement's closing bracket: {found}"),
        ),
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            let name = match &e.code {
                Error::ExpectedNamedStructLike(n) => Some(*n),
                _ => None,
            };
            plain(format!(
                "expected `(` to start {}, found {found}",
                thing(name)
            ))
        }
        Error::ExpectedDifferentStructName { expected, found } => plain(format!(
            "expected `(` to start {}, found the name `{}`",
            thing(Some(expected)),
            shorten(found)
        )),
        Error::ExpectedArray => plain(format!("expected a list in `[ ]`, found {found}")),
        Error::ExpectedMap => plain(format!("expected a map in `{{ }}`, found {found}")),
        Error::ExpectedArrayEnd => plain(format!("expected `]` to close the list, found {found}")),
        Error::ExpectedMapEnd => plain(format!("expected `}}` to close the map, found {found}")),
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            plain(format!("expected `)`, found {found}"))
        }
        Error::ExpectedMapColon => plain(format!("expected `:` after the key, found {found}")),
        Error::ExpectedString => plain(format!("expected text in double quotes, found {found}")),
        Error::ExpectedStringEnd => plain("a text in double quotes is not closed".into()),
        Error::ExpectedInteger => plain(format!("expected a whole number, found {found}")),
        Error::ExpectedFloat => plain(format!("expected a number, found {found}")),
        Error::ExpectedBoolean => plain(format!("expected true or false, found {found}")),
        Error::ExpectedIdentifier
        | Error::SuggestRawIdentifier(_)
        | Error::InvalidIdentifier(_) => plain(format!("expected a field name, found {found}")),
        Error::IntegerOutOfBounds => {
            let (_, keys) = enclosing(scan, index);
            match keys.first().map(String::as_str) {
                Some(k @ ("`likelihood`" | "`impact`")) => {
                    (line, format!("{k}: {found} is outside 1-5"))
                }
                _ => plain(format!("the number {found} is out of range here")),
            }
        }
        Error::InvalidValueForType { expected, found } => plain(format!(
            "expected {}, found {}",
            plain_type(expected),
            shorten(&plain_type(found))
        )),
        Error::ExpectedDifferentLength { expected, found } => plain(format!(
            "expected {}, found {found} item{}",
            plain_type(expected),
            if *found == 1 { "" } else { "s" }
        )),
        Error::Message(m) => plain(m.clone()),
        Error::UnexpectedChar(c) => plain(format!("unexpected character {c:?}")),
        Error::UnclosedBlockComment => (line, "a /* comment is not closed".into()),
        Error::InvalidEscape(s) => plain(format!("a text has a bad escape: {}", s.to_lowercase())),
        Error::UnderscoreAtBeginning
        | Error::FloatUnderscore
        | Error::InvalidIntegerDigit { .. } => plain(format!("{found} is not a number")),
        other => {
            let m = other.to_string();
            let mut chars = m.chars();
            let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
            plain(format!(
                "{}{} (at {found})",
                first.unwrap_or_default(),
                chars.as_str()
            ))
        }
    }
}

/// A record type in the users' words.
fn thing(name: Option<&str>) -> String {
    match name.unwrap_or("") {
        "Agreement" => "the agreement".into(),
        "ReviewThreshold" => "a review threshold".into(),
        "CostRange" => "a cost range".into(),
        "BlendTuple" | "BlendPart" => "a blend part".into(),
        "" => "a record".into(),
        n => format!("a {}", n.to_lowercase()),
    }
}

/// An enum's name in the users' words.
fn variant_kind(name: Option<&str>) -> String {
    match name.unwrap_or("") {
        "PartyKind" => "party kind".into(),
        "" => "name".into(),
        n => n.to_lowercase(),
    }
}

/// serde's names for types and values, as a reader would say them.
fn plain_type(t: &str) -> String {
    match t {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "a string" | "string" => "text in double quotes".into(),
        "a boolean" | "bool" => "true or false".into(),
        "a sequence" => "a list".into(),
        "a unit value" => "`()`".into(),
        _ if t.starts_with("tuple struct BlendTuple") => "a blend part (BASIS, PERCENT)".into(),
        _ => t
            .replace("the unsigned integer ", "the number ")
            .replace("the signed integer ", "the number ")
            .replace("the floating point number ", "the number ")
            .replace("the string ", "the text "),
    }
}
