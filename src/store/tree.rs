//! RON text as a tree of values with their byte spans, so that a save can rewrite one value in
//! place and leave every other byte of the file (comments, layout) as it was.
//!
//! Built on the store's scanner; only ever used on text that ron has already read, so it need
//! not explain errors: whatever it cannot place it leaves as a plain atom.

use super::tokens::{Kind, Scan, scan};

/// A value and where it sits in its text: `start..end` in bytes.
#[derive(Debug, Clone)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    /// A number, string, unit variant, `true`...: its text is `src[start..end]`.
    Atom,
    /// `( )`, `[ ]` or `{ }`, with the name before it if any (`Fixed(`, `Some(`).
    Group {
        name: Option<String>,
        open: char,
        /// Byte just after the opening bracket, and at the closing one.
        inner: (usize, usize),
        elems: Vec<Elem>,
    },
}

/// One element of a group: `key: value,` with the end of its comma, if it has one.
#[derive(Debug, Clone)]
pub struct Elem {
    pub key: Option<String>,
    /// Where the element starts (its key, or its value).
    pub start: usize,
    pub value: Node,
    /// The byte after the comma that follows it, when there is one.
    pub comma_end: Option<usize>,
}

impl Node {
    /// The element with a field name or map key.
    pub fn field(&self, key: &str) -> Option<&Elem> {
        self.elems().iter().find(|e| e.key.as_deref() == Some(key))
    }

    pub fn elems(&self) -> &[Elem] {
        match &self.kind {
            NodeKind::Group { elems, .. } => elems,
            NodeKind::Atom => &[],
        }
    }

    /// True for a group whose elements are all `name: value` or `"key": value`.
    pub fn is_keyed(&self) -> bool {
        matches!(&self.kind, NodeKind::Group { .. }) && self.elems().iter().all(|e| e.key.is_some())
    }

    /// The opening bracket, for a group.
    pub fn open(&self) -> Option<char> {
        match &self.kind {
            NodeKind::Group { open, .. } => Some(*open),
            NodeKind::Atom => None,
        }
    }

    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Group { name, .. } => name.as_deref(),
            NodeKind::Atom => None,
        }
    }

    /// The value inside `Some(...)`, for a file that writes the wrapper.
    pub fn unwrap_some(&self) -> &Node {
        match (self.name(), self.elems()) {
            (Some("Some"), [only]) if only.key.is_none() => &only.value,
            _ => self,
        }
    }
}

/// Parses a whole text into its top-level value, skipping `#![enable(...)]` attributes.
pub fn parse(text: &str) -> Option<Node> {
    let scan = scan(text);
    let mut i = 0;
    while matches!(scan.tokens.get(i), Some(t) if t.kind == Kind::Other && scan.char(i) == '#') {
        let open =
            (i..scan.tokens.len()).find(|&j| matches!(scan.tokens[j].kind, Kind::Open(_)))?;
        i = scan.partner(open)? + 1;
    }
    let builder = Builder { scan: &scan };
    let (node, _) = builder.value(i, 0)?;
    Some(node)
}

struct Builder<'a> {
    scan: &'a Scan<'a>,
}

impl Builder<'_> {
    fn start(&self, i: usize) -> usize {
        self.scan.tokens[i].start()
    }

    fn end(&self, i: usize) -> usize {
        self.scan.tokens[i].end()
    }
}

/// Deeper than ron itself reads; a guard, never reached by a file that loaded.
const MAX_DEPTH: usize = 200;

impl Builder<'_> {
    /// The value starting at token `i`, and the token after it.
    fn value(&self, i: usize, depth: usize) -> Option<(Node, usize)> {
        let tokens = &self.scan.tokens;
        let token = tokens.get(i)?;
        if depth > MAX_DEPTH {
            return None;
        }
        let (name, open_at) = match (token.kind, tokens.get(i + 1).map(|t| t.kind)) {
            (Kind::Ident, Some(Kind::Open(b'('))) => (Some(self.scan.slice(i).to_string()), i + 1),
            (Kind::Open(_), _) => (None, i),
            _ => {
                let node = Node {
                    start: self.start(i),
                    end: self.end(i),
                    kind: NodeKind::Atom,
                };
                return Some((node, i + 1));
            }
        };
        let Kind::Open(open) = tokens[open_at].kind else {
            return None;
        };
        let open = char::from(open);
        let close = self.scan.partner(open_at)?;
        let mut elems = Vec::new();
        let mut j = open_at + 1;
        while j < close {
            let start = self.start(j);
            let keyed = matches!(tokens.get(j + 1), Some(t) if t.kind == Kind::Colon);
            let key = match (tokens[j].kind, keyed) {
                (Kind::Ident, true) => Some(self.scan.slice(j).to_string()),
                (Kind::Str, true) => Some(self.scan.value(j).into_owned()),
                _ => None,
            };
            if key.is_some() {
                j += 2;
            }
            let (value, next) = self.value(j, depth + 1)?;
            j = next;
            let comma_end = match tokens.get(j) {
                Some(t) if t.kind == Kind::Comma && j < close => {
                    j += 1;
                    Some(self.end(j - 1))
                }
                _ => None,
            };
            elems.push(Elem {
                key,
                start,
                value,
                comma_end,
            });
        }
        let node = Node {
            start: self.start(i),
            end: self.end(close),
            kind: NodeKind::Group {
                name,
                open,
                inner: (self.end(open_at), self.start(close)),
                elems,
            },
        };
        Some((node, close + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_values_keys_and_commas() {
        let text = "#![enable(implicit_some)]\n// c\n(a: 1, b: Fixed({\"é\": 2.5}), c: [x, y],)";
        let root = parse(text).unwrap();
        assert_eq!(&text[root.start..root.end], &text[31..]);
        let b = root.field("b").unwrap();
        assert_eq!(&text[b.value.start..b.value.end], "Fixed({\"é\": 2.5})");
        assert_eq!(b.value.name(), Some("Fixed"));
        let inner = &b.value.elems()[0].value;
        let e = inner.field("é").unwrap();
        assert_eq!(&text[e.value.start..e.value.end], "2.5");
        let c = root.field("c").unwrap();
        assert_eq!(&text[c.start..c.comma_end.unwrap()], "c: [x, y],");
        assert!(root.is_keyed() && !c.value.is_keyed());
    }
}
