//! An agreement written as a person would write it: the layout of `saves/anytown.ron`, without
//! the `#![enable(implicit_some)]` line and without the fields a reader may leave out.
//!
//! The agreement goes through ron's compact writer, is read back as a [`tree`](super::tree), and
//! the tree is laid out: a party, scheme, risk or benefit one field a line, a short value such
//! as `{"ICB": 8000000, "LA": 4000000}` or a scenario on one line.

use super::tree::{self, Node, NodeKind};
use crate::model::Agreement;

/// Lines are kept within this many characters where a value allows.
const WIDTH: usize = 100;
const INDENT: &str = "    ";

/// The agreement's canonical text, compact, and its tree.
pub struct Canonical {
    pub src: String,
    pub root: Node,
}

impl Canonical {
    pub fn of(agreement: &Agreement) -> Option<Canonical> {
        let src = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .to_string(agreement)
            .ok()?;
        let root = tree::parse(&src)?;
        Some(Canonical { src, root })
    }
}

/// Values a reader may leave out, by field name, as ron writes them compactly.
const DEFAULTS: &[(&str, &str)] = &[
    ("period", "\"\""),
    ("activity", "0"),
    ("equity", "0"),
    ("reserves", "0"),
    ("investment_need", "0"),
    ("budget_reduction", "0"),
    ("performance", "50"),
    ("appetite", "Cautious"),
    ("status", "Open"),
    ("redistribute", "Contribution"),
    ("shared", "false"),
    ("baseline", "0"),
    ("target", "0"),
    ("value", "0"),
    ("netting", "false"),
    ("contingency", "0"),
    ("reinvest", "0"),
    ("note", "\"\""),
];

/// Fields whose empty value means something other than leaving them out.
const KEEP_EMPTY: &[&str] = &["bands", "contributions"];

/// Whether a field with this value can be left out of the file.
pub fn is_default(key: &str, value: &Node, src: &str) -> bool {
    let text = &src[value.start..value.end];
    if text == "None" {
        return true;
    }
    if DEFAULTS.iter().any(|&(k, v)| k == key && v == text) {
        return true;
    }
    let empty = matches!(&value.kind, NodeKind::Group { name: None, open: '[' | '{', elems, .. } if elems.is_empty());
    empty && !KEEP_EMPTY.contains(&key)
}

/// The fields and items of a group that are written: every one but a left-out default.
fn visible<'a>(node: &'a Node, src: &'a str) -> impl Iterator<Item = &'a tree::Elem> {
    node.elems().iter().filter(move |e| {
        !(node.open() == Some('(')
            && e.key
                .as_deref()
                .is_some_and(|k| is_default(k, &e.value, src)))
    })
}

/// `key: ` as written before an element's value, or nothing.
pub fn key_text(e: &tree::Elem, src: &str) -> String {
    match &e.key {
        Some(_) => format!(
            "{}: ",
            src[e.start..e.value.start]
                .trim_end()
                .trim_end_matches(':')
                .trim_end()
        ),
        None => String::new(),
    }
}

/// The value on one line: `(at: 2, action: "...")`.
pub fn inline(node: &Node, src: &str) -> String {
    let mut out = String::new();
    write_inline(node, src, &mut out);
    out
}

fn write_inline(node: &Node, src: &str, out: &mut String) {
    match &node.kind {
        NodeKind::Atom => out.push_str(&plain_quotes(&src[node.start..node.end])),
        NodeKind::Group { name, open, .. } => {
            if let Some(name) = name {
                out.push_str(name);
            }
            out.push(*open);
            for (i, e) in visible(node, src).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&key_text(e, src));
                write_inline(&e.value, src, out);
            }
            out.push(super::tokens::closer(*open));
        }
    }
}

/// A string as ron writes it, without the needless `\'` it puts before an apostrophe.
fn plain_quotes(atom: &str) -> String {
    if !atom.starts_with('"') || !atom.contains("\\'") {
        return atom.to_string();
    }
    let mut out = String::with_capacity(atom.len());
    let mut chars = atom.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('\'')) => {}
            ('\\', Some(next)) => {
                out.push(c);
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A record one field a line whatever its length: one with many fields, or with a nested
/// record or list of records beside other fields (a party, a scheme, a rule with its bands).
fn shape_expanded(node: &Node, src: &str) -> bool {
    let NodeKind::Group { open, .. } = &node.kind else {
        return false;
    };
    let fields: Vec<_> = visible(node, src).collect();
    let is_record = *open == '(' && node.name().is_none() && node.is_keyed() && !fields.is_empty();
    if is_record {
        let nested = fields.iter().any(|e| holds_records(&e.value));
        return fields.len() >= 6 || (fields.len() >= 2 && nested);
    }
    fields.iter().any(|e| shape_expanded(&e.value, src))
}

/// True for a record, or a list of them.
fn holds_records(node: &Node) -> bool {
    match node.open() {
        Some('(') => node.is_keyed() && !node.elems().is_empty(),
        Some('[') => node.elems().iter().any(|e| holds_records(&e.value)),
        _ => false,
    }
}

/// Writes `node`, whose first line already has `column` characters before it, at `indent`.
pub fn render(node: &Node, src: &str, indent: usize, column: usize) -> String {
    let mut out = String::new();
    write(node, src, indent, column, &mut out);
    out
}

/// As [`render`], but a record one field a line even when it is short: a new item among
/// neighbours written so.
pub fn render_expanded(node: &Node, src: &str, indent: usize, column: usize) -> String {
    let mut out = String::new();
    write_shaped(node, src, indent, column, true, &mut out);
    out
}

fn write(node: &Node, src: &str, indent: usize, column: usize, out: &mut String) {
    write_shaped(node, src, indent, column, false, out);
}

fn write_shaped(
    node: &Node,
    src: &str,
    indent: usize,
    column: usize,
    expand: bool,
    out: &mut String,
) {
    let one_line = inline(node, src);
    let NodeKind::Group { name, open, .. } = &node.kind else {
        out.push_str(&one_line);
        return;
    };
    let fits = column + one_line.len() < WIDTH;
    if fits && !expand && !shape_expanded(node, src) {
        out.push_str(&one_line);
        return;
    }
    let elems: Vec<_> = visible(node, src).collect();
    let head = name.as_deref().unwrap_or("");
    // `Fixed({...})`, `Blend([...])`: the wrapper stays on the line of what it wraps.
    if let [only] = elems.as_slice()
        && only.key.is_none()
        && name.is_some()
    {
        out.push_str(head);
        out.push(*open);
        write(&only.value, src, indent, column + head.len() + 1, out);
        out.push(super::tokens::closer(*open));
        return;
    }
    if elems.is_empty() {
        out.push_str(&one_line);
        return;
    }
    out.push_str(head);
    out.push(*open);
    let inner = INDENT.repeat(indent + 1);
    for e in elems {
        out.push('\n');
        out.push_str(&inner);
        let key = key_text(e, src);
        out.push_str(&key);
        write(&e.value, src, indent + 1, inner.len() + key.len(), out);
        out.push(',');
    }
    out.push('\n');
    out.push_str(&INDENT.repeat(indent));
    out.push(super::tokens::closer(*open));
}

/// The whole file for an agreement: a heading comment, then the agreement laid out.
pub fn document(agreement: &Agreement) -> Option<String> {
    let canonical = Canonical::of(agreement)?;
    let body = render(&canonical.root, &canonical.src, 0, 0);
    Some(format!(
        "// {}: a riskshare risk and benefit share agreement. Money is in pounds; percentages run 0-100.\n{body}\n",
        crate::model::text::clean(&agreement.name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apostrophe_is_written_plainly_and_a_backslash_kept() {
        assert_eq!(plain_quotes(r#""LA\'s \\' cap""#), r#""LA's \\' cap""#);
        assert_eq!(plain_quotes("Percent(5)"), "Percent(5)");
    }

    #[test]
    fn the_example_is_laid_out_like_the_reference_file() {
        let a = crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap();
        let text = document(&a).unwrap();
        for line in [
            "    name: \"Anytown Better Care Fund 2026/27\",",
            "            contributions: {\"ICB\": 8000000, \"LA\": 4000000},",
            "            overspend: (bands: [(basis: Equal)]),",
            "                caps: {\"LA\": Percent(5)},",
            "            residual: (likelihood: 3, impact: 4),",
            "        (name: \"Hard winter\", variance: 3, risks: [\"R1\", \"R3\"]),",
            "        (at: 2, action: \"Recovery plan to the joint commissioning board\"),",
            "            constraints: [MustBalanceBudget],",
        ] {
            assert!(text.contains(&format!("{line}\n")), "{line}\n{text}");
        }
        for absent in [
            "implicit_some",
            "equity: 0",
            "redistribute: Contribution",
            "status: Open",
            "Some(",
        ] {
            assert!(!text.contains(absent), "{absent}");
        }
        assert_eq!(crate::store::parse(&text, "saved.ron").unwrap(), a);
        assert!(text.lines().skip(1).all(|l| l.len() <= WIDTH), "{text}");
    }
}
