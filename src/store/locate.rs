//! Finds the line of a place in an agreement's text.
//!
//! serde keeps no positions, so a problem found after parsing carries a path (`schemes`, item 0,
//! `overspend`, `bands`, item 1, `basis`) and this walks the same path through the file's
//! tokens. Where the path runs out (a field left out and defaulted), the line of the deepest
//! part found is the answer.

use super::tokens::{Kind, Scan};
use super::validate::Step;
use crate::model::text::clean;
use std::collections::HashMap;

/// Walks paths through one scanned text; remembers the elements of each bracket it has visited
/// and the keys of each map, so that locating many problems stays quick.
pub struct Locator<'a> {
    scan: &'a Scan<'a>,
    elements: HashMap<usize, Vec<usize>>,
    keys: HashMap<usize, HashMap<String, usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(scan: &'a Scan<'a>) -> Self {
        Locator {
            scan,
            elements: HashMap::new(),
            keys: HashMap::new(),
        }
    }

    /// The first token of the value at `place`, when all of it is written in the file.
    pub fn find(&mut self, place: &[Step]) -> Option<usize> {
        let mut value = self.root()?;
        for step in place {
            value = self.descend(value, step)?;
        }
        Some(value)
    }

    /// The line of `place`, or of the deepest part of it that is written in the file.
    pub fn line(&mut self, place: &[Step]) -> usize {
        let Some(mut value) = self.root() else {
            return 1;
        };
        for step in place {
            match self.descend(value, step) {
                Some(next) => value = next,
                None => {
                    // A field left out: the line naming the record it belongs in.
                    let named = [Step::Field("id"), Step::Field("name")]
                        .iter()
                        .find_map(|s| self.descend(value, s));
                    value = named.unwrap_or(value);
                    break;
                }
            }
        }
        self.scan.tokens[value].line
    }

    /// The first token of the agreement itself, after any `#![enable(...)]` attributes.
    fn root(&self) -> Option<usize> {
        let tokens = &self.scan.tokens;
        let mut i = 0;
        while matches!(tokens.get(i), Some(t) if t.kind == Kind::Other('#')) {
            let open = (i..tokens.len()).find(|&j| matches!(tokens[j].kind, Kind::Open(_)))?;
            i = self.scan.partner[open]? + 1;
        }
        (i < tokens.len()).then_some(i)
    }

    /// The bracket that holds a value's contents: the value itself, or the `(` after a name
    /// (`Fixed(`, `Some(`, `Party(`).
    fn group(&self, value: usize) -> Option<usize> {
        let tokens = &self.scan.tokens;
        match &tokens.get(value)?.kind {
            Kind::Open(_) => Some(value),
            Kind::Ident(_) if matches!(tokens.get(value + 1)?.kind, Kind::Open('(')) => {
                Some(value + 1)
            }
            _ => None,
        }
    }

    /// Where each comma-separated element inside the bracket `open` starts.
    fn elements(&mut self, open: usize) -> &[usize] {
        let scan = self.scan;
        self.elements.entry(open).or_insert_with(|| {
            let end = scan.partner[open].unwrap_or(scan.tokens.len());
            let mut starts = Vec::new();
            let mut start = open + 1;
            let mut i = open + 1;
            while i < end {
                match scan.tokens[i].kind {
                    Kind::Open(_) => i = scan.partner[i].unwrap_or(end) + 1,
                    Kind::Comma => {
                        if start < i {
                            starts.push(start);
                        }
                        i += 1;
                        start = i;
                    }
                    _ => i += 1,
                }
            }
            if start < end {
                starts.push(start);
            }
            starts
        })
    }

    /// The value for `key` in the map opened at `open`.
    fn key(&mut self, open: usize, key: &str) -> Option<usize> {
        if !self.keys.contains_key(&open) {
            let tokens = &self.scan.tokens;
            let mut keys = HashMap::new();
            for &e in self.elements(open) {
                if let Kind::Str(k) = &tokens[e].kind {
                    keys.entry(clean(k.as_ref()))
                        .or_insert_with(|| value_after_colon(tokens.len(), e));
                }
            }
            self.keys.insert(open, keys);
        }
        self.keys.get(&open)?.get(key).copied()
    }

    /// The value one step below `value`, looking through wrappers such as `Some(...)`.
    fn descend(&mut self, mut value: usize, step: &Step) -> Option<usize> {
        let tokens = &self.scan.tokens;
        // Each pass goes one wrapper deeper, so the token count bounds the loop.
        for _ in 0..tokens.len() {
            let group = self.group(value)?;
            let Kind::Open(bracket) = tokens[group].kind else {
                return None;
            };
            let found = match (step, bracket) {
                (Step::Field(name), '(') => self.elements(group).iter().find_map(|&e| {
                    let named = matches!(&tokens[e].kind, Kind::Ident(n) if *n == *name)
                        && matches!(tokens.get(e + 1), Some(t) if t.kind == Kind::Colon);
                    named.then(|| value_after_colon(tokens.len(), e))
                }),
                (Step::Key(key), '{') => self.key(group, key),
                (Step::Item(i), '[') | (Step::Elem(i), '(') => {
                    self.elements(group).get(*i).copied()
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
            let only = match self.elements(group) {
                [only] => *only,
                _ => return None,
            };
            self.group(only)?;
            value = only;
        }
        None
    }
}

/// The value after `key :`, or the key itself when the file ends there.
fn value_after_colon(len: usize, key: usize) -> usize {
    if key + 2 < len { key + 2 } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tokens::scan;

    fn line_of(text: &str, place: &[Step]) -> usize {
        let s = scan(text);
        Locator::new(&s).line(place)
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
