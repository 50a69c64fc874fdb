//! Finds where a place in an agreement is written in its text.
//!
//! serde keeps no positions, so a problem found after parsing carries a path (`schemes`, item 0,
//! `overspend`, `bands`, item 1, `basis`) and this walks the same path through the file's text.
//! Where the path runs out (a field left out and defaulted), the deepest part found is the
//! answer.
//!
//! It reads the text itself, one bracketed group at a time, and keeps only where each element of
//! a group starts (4 bytes an element), for the large groups it visits and the last few small
//! ones: locating every problem of a file with hundreds of thousands of them costs a few
//! passes over the text and memory of a fraction of its size.

use super::tokens::{Kind, Tokens, value};
use super::validate::Step;
use crate::model::text::clean;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A group this large (in bytes) is read once and its elements kept for the whole walk.
const LARGE: usize = 64 << 10;
/// How many smaller groups are kept, the most recently used.
const RECENT: usize = 16;
/// How many wrappers (`Some(...)`, a record in a one-element list) a step looks through.
const WRAPPERS: usize = 8;
/// A map with more keys than this gets an index of its keys.
const INDEXED: usize = 16;

/// Walks paths through one text, remembering the elements of the groups it has read.
pub struct Locator<'a> {
    text: &'a str,
    large: HashMap<u32, Group>,
    /// Most recently used last.
    recent: Vec<(u32, Group)>,
}

/// The elements of one bracketed group.
#[derive(Default)]
struct Group {
    /// Where each comma-separated element starts.
    starts: Vec<u32>,
    /// For a large map: the hash of each cleaned key with its element, sorted.
    keys: Option<Vec<(u64, u32)>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            large: HashMap::new(),
            recent: Vec::new(),
        }
    }

    /// The byte where `place` starts, or the deepest part of it that is written in the file.
    pub fn offset(&mut self, place: &[Step]) -> usize {
        let Some(mut value) = self.root() else {
            return 0;
        };
        for step in place {
            match self.descend(value, step) {
                Some(next) => value = next,
                None => {
                    // A field left out: where the record it belongs in is named.
                    let named = [Step::Field("id"), Step::Field("name")]
                        .iter()
                        .find_map(|s| self.descend(value, s));
                    value = named.unwrap_or(value);
                    break;
                }
            }
        }
        value as usize
    }

    /// The first token of the agreement itself, after any `#![enable(...)]` attributes.
    fn root(&self) -> Option<u32> {
        let mut tokens = Tokens::from(self.text, 0);
        loop {
            let t = tokens.next()?;
            if t.kind != Kind::Other || t.slice(self.text) != "#" {
                return Some(t.start);
            }
            // Past the attribute's bracketed part.
            let mut depth = 0usize;
            for t in tokens.by_ref() {
                match t.kind {
                    Kind::Open(_) => depth += 1,
                    Kind::Close(_) if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The bracket that holds a value's contents: the value itself, or the `(` after a name
    /// (`Fixed(`, `Some(`, `Party(`), with the bracket.
    fn group_at(&self, value: u32) -> Option<(u32, u8)> {
        let mut tokens = Tokens::from(self.text, value as usize);
        match tokens.next()?.kind {
            Kind::Open(b) => Some((value, b)),
            Kind::Ident => match tokens.next()? {
                t if t.kind == Kind::Open(b'(') => Some((t.start, b'(')),
                _ => None,
            },
            _ => None,
        }
    }

    /// The elements of the group opened at `open`, read once while it is kept.
    fn group(&mut self, open: u32) -> &mut Group {
        if self.large.contains_key(&open) {
            return self.large.entry(open).or_default();
        }
        let at = match self.recent.iter().position(|(o, _)| *o == open) {
            Some(at) => at,
            None => {
                let (group, span) = read_group(self.text, open);
                if span >= LARGE {
                    return self.large.entry(open).or_insert(group);
                }
                if self.recent.len() >= RECENT {
                    self.recent.remove(0);
                }
                self.recent.push((open, group));
                self.recent.len() - 1
            }
        };
        let used = self.recent.remove(at);
        self.recent.push(used);
        let last = self.recent.len() - 1;
        &mut self.recent[last].1
    }

    /// The value for `key` in the map opened at `open`.
    fn key(&mut self, open: u32, key: &str) -> Option<u32> {
        let text = self.text;
        let group = self.group(open);
        let is_key = |start: u32| {
            let t = Tokens::from(text, start as usize).next()?;
            (t.kind == Kind::Str && clean(&value(text, &t)) == key)
                .then(|| after_colon(text, start))
        };
        if group.starts.len() <= INDEXED {
            return group.starts.iter().find_map(|&s| is_key(s));
        }
        let keys = group.keys.get_or_insert_with(|| {
            let mut keys: Vec<(u64, u32)> = Vec::new();
            for (i, &s) in group.starts.iter().enumerate() {
                if let Some(t) = Tokens::from(text, s as usize).next()
                    && t.kind == Kind::Str
                {
                    keys.push((hash(&clean(&value(text, &t))), i as u32));
                }
            }
            keys.sort_unstable();
            keys
        });
        let h = hash(key);
        let from = keys.partition_point(|&(k, _)| k < h);
        keys[from..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .find_map(|&(_, i)| is_key(group.starts[i as usize]))
    }

    /// The value one step below `value`, looking through wrappers such as `Some(...)`.
    fn descend(&mut self, mut value: u32, step: &Step) -> Option<u32> {
        let text = self.text;
        // Each pass goes one wrapper deeper; no agreement has more than a few.
        for _ in 0..WRAPPERS {
            let (open, bracket) = self.group_at(value)?;
            let found = match (step, bracket) {
                (Step::Field(name), b'(') => self.group(open).starts.iter().find_map(|&e| {
                    let mut t = Tokens::from(text, e as usize);
                    let named = matches!(t.next(), Some(k) if k.kind == Kind::Ident && k.slice(text) == *name)
                        && matches!(t.next(), Some(c) if c.kind == Kind::Colon);
                    named.then(|| after_colon(text, e))
                }),
                (Step::Key(key), b'{') => self.key(open, key),
                (Step::Item(i), b'[') | (Step::Elem(i), b'(') => {
                    self.group(open).starts.get(*i).copied()
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
            let only = match self.group(open).starts.as_slice() {
                [only] => *only,
                _ => return None,
            };
            self.group_at(only)?;
            value = only;
        }
        None
    }
}

/// Reads the group opened at byte `open`: where each element starts, and the group's length in
/// bytes.
fn read_group(text: &str, open: u32) -> (Group, usize) {
    let mut tokens = Tokens::from(text, open as usize);
    tokens.next();
    let mut starts = Vec::new();
    let mut start: Option<u32> = None;
    let mut depth = 0usize;
    let mut end = text.len();
    for t in tokens {
        match t.kind {
            Kind::Close(_) if depth == 0 => {
                end = t.end();
                break;
            }
            Kind::Close(_) => depth -= 1,
            Kind::Comma if depth == 0 => {
                if let Some(s) = start.take() {
                    starts.push(s);
                }
                continue;
            }
            Kind::Open(_) => {
                start.get_or_insert(t.start);
                depth += 1;
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            start.get_or_insert(t.start);
        }
    }
    starts.extend(start);
    starts.shrink_to_fit();
    let group = Group { starts, keys: None };
    (group, end.saturating_sub(open as usize))
}

/// The value after `key :` (the third token from `key`), or the key itself when the file ends
/// before it.
fn after_colon(text: &str, key: u32) -> u32 {
    Tokens::from(text, key as usize)
        .nth(2)
        .map_or(key, |t| t.start)
}

fn hash(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tokens::line_at;

    fn line_of(text: &str, place: &[Step]) -> usize {
        line_at(text, Locator::new(text).offset(place))
    }

    #[test]
    fn finds_fields_items_keys_and_tuple_elements() {
        let example = crate::model::EXAMPLE_RON;
        let scheme_1 = [Step::Field("schemes"), Step::Item(0)];
        let key = |k: &str| Step::Key(k.to_string());
        let cases: Vec<(Vec<Step>, usize)> = vec![
            (vec![Step::Field("format")], 5),
            (
                vec![Step::Field("parties"), Step::Item(1), Step::Field("id")],
                24,
            ),
            (
                [&scheme_1[..], &[Step::Field("contributions"), key("LA")]].concat(),
                57,
            ),
            (
                [
                    &scheme_1[..],
                    &[
                        Step::Field("overspend"),
                        Step::Field("bands"),
                        Step::Item(1),
                    ],
                ]
                .concat(),
                63,
            ),
            (
                [
                    &scheme_1[..],
                    &[
                        Step::Field("overspend"),
                        Step::Field("bands"),
                        Step::Item(0),
                        Step::Field("basis"),
                        key("ICB"),
                    ],
                ]
                .concat(),
                62,
            ),
            (
                vec![
                    Step::Field("schemes"),
                    Step::Item(2),
                    Step::Field("underspend"),
                    Step::Field("bands"),
                    Step::Item(0),
                    Step::Field("basis"),
                    Step::Item(1),
                    Step::Elem(1),
                ],
                88,
            ),
            (
                vec![
                    Step::Field("risks"),
                    Step::Item(0),
                    Step::Field("residual"),
                    Step::Field("impact"),
                ],
                101,
            ),
            (
                vec![
                    Step::Field("scenarios"),
                    Step::Item(1),
                    Step::Field("risks"),
                    Step::Item(1),
                ],
                160,
            ),
        ];
        for (place, line) in cases {
            assert_eq!(line_of(example, &place), line, "{place:?}");
        }
    }

    #[test]
    fn a_field_left_out_gives_the_line_of_its_owner() {
        let place = [Step::Field("risks"), Step::Item(2), Step::Field("scheme")];
        assert_eq!(line_of(crate::model::EXAMPLE_RON, &place), 120);
    }

    #[test]
    fn wrappers_and_attributes_are_looked_through() {
        let text = "#![enable(implicit_some)]\nAgreement(\n risks: [(\n  residual: Some((\n   impact: 9)))])";
        let place = [
            Step::Field("risks"),
            Step::Item(0),
            Step::Field("residual"),
            Step::Field("impact"),
        ];
        assert_eq!(line_of(text, &place), 5);
    }
}
