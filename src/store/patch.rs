//! Saving that respects the file: only the text of what changed is rewritten.
//!
//! The agreement as it was (read from the file) and as it is now are both written canonically
//! and compared value by value. Each difference is found in the file's own text (through the
//! same tree of spans) and rewritten there: a changed cap is one changed number, a new band is
//! a new line in the style of the bands beside it, a removed scenario its line gone. Comments
//! and the layout of everything else stay byte for byte. What cannot be patched in place (an
//! unreadable file, a reordered map) is written afresh by [`render`](super::render), and the
//! result is always read back and compared before it is used.

use super::render::{self, Canonical, inline, is_default, key_text};
use super::tree::{self, Elem, Node, NodeKind};
use crate::model::Agreement;

/// The text to save for `edited`, given the file's current text when there is one.
pub fn text_for(existing: Option<&str>, edited: &Agreement) -> Option<String> {
    let patched = existing.and_then(|text| {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let original = read(text)?;
        patch(text, &original, edited)
    });
    patched
        .into_iter()
        .chain(std::iter::from_fn(|| render::document(edited)).take(1))
        .find(|text| read(text).as_ref() == Some(edited))
}

/// The agreement a text holds, as ron reads it (no validation: a save writes what is open).
fn read(text: &str) -> Option<Agreement> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .ok()
}

/// Rewrites `text`, which holds `original`, so that it holds `edited`.
pub fn patch(text: &str, original: &Agreement, edited: &Agreement) -> Option<String> {
    let file = tree::parse(text)?;
    let old = Canonical::of(original)?;
    let new = Canonical::of(edited)?;
    let mut p = Patcher {
        t: text,
        o: &old.src,
        n: &new.src,
        edits: Vec::new(),
    };
    p.diff(&old.root, &new.root, &file);
    p.apply()
}

/// One rewrite of the file: `start..end` becomes `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

struct Patcher<'a> {
    /// The file's text, the old canonical text and the new one.
    t: &'a str,
    o: &'a str,
    n: &'a str,
    edits: Vec<Edit>,
}

impl Patcher<'_> {
    /// Whether two values are the same: the same text, or the same number written two ways
    /// (`2.0` and `2`), so that a value a form read back unchanged keeps the file's text.
    fn same(&self, o: &Node, n: &Node) -> bool {
        inline(o, self.o) == inline(n, self.n) || equal(o, self.o, n, self.n)
    }

    /// Records the edits that turn `t` (which holds `o`) into `n`.
    fn diff(&mut self, o: &Node, n: &Node, t: &Node) {
        if self.same(o, n) {
            return;
        }
        let t = t.unwrap_some();
        let shapes_match = o.open() == n.open()
            && t.open() == o.open()
            && o.name() == n.name()
            && (t.name() == o.name() || (o.name().is_none() && o.open() == Some('(')));
        if !shapes_match || t.elems().is_empty() {
            return self.replace(t, n);
        }
        let keyed = [o, n, t].iter().all(|x| x.is_keyed());
        if keyed {
            self.keyed(o, n, t);
        } else if o.open() == Some('[') {
            self.items(o, n, t);
        } else if o.elems().len() == n.elems().len() && t.elems().len() == o.elems().len() {
            for ((oe, ne), te) in o.elems().iter().zip(n.elems()).zip(t.elems()) {
                self.diff(&oe.value, &ne.value, &te.value);
            }
        } else {
            self.replace(t, n);
        }
    }

    fn visible<'e>(&self, node: &'e Node, src: &str) -> Vec<&'e Elem> {
        node.elems()
            .iter()
            .filter(|e| {
                node.open() != Some('(')
                    || !e
                        .key
                        .as_deref()
                        .is_some_and(|k| is_default(k, &e.value, src))
            })
            .collect()
    }

    /// A record or a map: fields matched by name, so the file's order does not matter.
    fn keyed(&mut self, o: &Node, n: &Node, t: &Node) {
        let old = self.visible(o, self.o);
        let new = self.visible(n, self.n);
        let key = |e: &&Elem| e.key.clone().unwrap_or_default();
        let old_keys: Vec<String> = old.iter().map(key).collect();
        let new_keys: Vec<String> = new.iter().map(key).collect();
        let removed: Vec<&String> = old_keys.iter().filter(|k| !new_keys.contains(k)).collect();
        let added: Vec<&Elem> = new
            .iter()
            .copied()
            .filter(|e| t.field(&key(e)).is_none())
            .collect();
        // A map whose keys were renamed in place (a scheme given a new id): each key is
        // rewritten where it stands and its value patched, so the rest keeps its text.
        if o.open() == Some('{')
            && !removed.is_empty()
            && old_keys.len() == new_keys.len()
            && t.elems().len() == old.len()
            && t.elems()
                .iter()
                .zip(&old_keys)
                .all(|(te, k)| te.key.as_deref() == Some(k.as_str()))
        {
            for ((te, oe), ne) in t.elems().iter().zip(&old).zip(&new) {
                if oe.key != ne.key {
                    let written = self.t[te.start..te.value.start].trim_end();
                    let Some(name) = written.strip_suffix(':') else {
                        return self.replace(t, n);
                    };
                    let end = te.start + name.trim_end().len();
                    let canonical = key_text(ne, self.n);
                    let text = canonical.trim_end().trim_end_matches(':').to_string();
                    self.edits.push(Edit {
                        start: te.start,
                        end,
                        text,
                    });
                }
                self.diff(&oe.value, &ne.value, &te.value);
            }
            return;
        }
        // A map's order is meaning (ties go to the member listed first): new keys may only
        // come last, and kept keys keep their order.
        if o.open() == Some('{') {
            let kept: Vec<&String> = old_keys.iter().filter(|k| new_keys.contains(k)).collect();
            let fresh = new_keys.iter().filter(|k| !old_keys.contains(k)).count();
            let in_order = new_keys
                .iter()
                .take(new_keys.len() - fresh)
                .eq(kept.iter().copied());
            if !in_order || added.len() != fresh {
                return self.replace(t, n);
            }
        }
        let removing: Vec<&Elem> = removed.iter().filter_map(|k| t.field(k)).collect();
        if !added.is_empty() && !removing.is_empty() {
            return self.replace(t, n);
        }
        for ne in &new {
            let k = key(ne);
            let Some(te) = t.field(&k) else { continue };
            match o
                .field(&k)
                .filter(|oe| old.iter().any(|v| std::ptr::eq(*v, *oe)))
            {
                Some(oe) => self.diff(&oe.value, &ne.value, &te.value),
                None => self.replace(&te.value, &ne.value),
            }
        }
        self.delete(t, &removing);
        let texts: Vec<String> = added.iter().map(|e| self.element_text(t, e)).collect();
        for text in texts {
            self.append(t, text);
        }
    }

    /// A list: the items that stayed the same are kept (the longest run of them in order, so
    /// an item added at the top leaves the others as they were), those between are patched in
    /// pairs, and any left over are added or removed.
    fn items(&mut self, o: &Node, n: &Node, t: &Node) {
        let (oi, ni, ti) = (o.elems(), n.elems(), t.elems());
        if oi.len() != ti.len() {
            return self.replace(t, n);
        }
        let old: Vec<String> = oi.iter().map(|e| inline(&e.value, self.o)).collect();
        let new: Vec<String> = ni.iter().map(|e| inline(&e.value, self.n)).collect();
        let same = |i: usize, j: usize| {
            old[i] == new[j] || equal(&oi[i].value, self.o, &ni[j].value, self.n)
        };
        let prefix = (0..old.len().min(new.len()))
            .take_while(|&k| same(k, k))
            .count();
        let most = old.len().min(new.len()) - prefix;
        let suffix = (1..=most)
            .take_while(|&k| same(old.len() - k, new.len() - k))
            .count();
        let (a0, a1) = (prefix, old.len() - suffix);
        let (b0, b1) = (prefix, new.len() - suffix);
        // The kept items between: a longest common subsequence, when the middle is small
        // enough to search.
        let mut anchors = Vec::new();
        let (a, b) = (a1 - a0, b1 - b0);
        if a > 0 && b > 0 && a.saturating_mul(b) <= 250_000 {
            let mut lcs = vec![vec![0u32; b + 1]; a + 1];
            for i in (0..a).rev() {
                for j in (0..b).rev() {
                    lcs[i][j] = if same(a0 + i, b0 + j) {
                        lcs[i + 1][j + 1] + 1
                    } else {
                        lcs[i + 1][j].max(lcs[i][j + 1])
                    };
                }
            }
            let (mut i, mut j) = (0, 0);
            while i < a && j < b {
                if same(a0 + i, b0 + j) {
                    anchors.push((a0 + i, b0 + j));
                    i += 1;
                    j += 1;
                } else if lcs[i + 1][j] >= lcs[i][j + 1] {
                    i += 1;
                } else {
                    j += 1;
                }
            }
        }
        anchors.push((a1, b1));
        let (mut from_o, mut from_n) = (a0, b0);
        for (to_o, to_n) in anchors {
            self.gap(n, t, from_o..to_o, from_n..to_n, o);
            from_o = to_o + 1;
            from_n = to_n + 1;
        }
    }

    /// Between two kept items: old items `os` become new items `ns`, in pairs, then removed or
    /// added before the next kept item.
    fn gap(
        &mut self,
        n: &Node,
        t: &Node,
        os: std::ops::Range<usize>,
        ns: std::ops::Range<usize>,
        o: &Node,
    ) {
        let (oi, ni, ti) = (o.elems(), n.elems(), t.elems());
        let paired = os.len().min(ns.len());
        for k in 0..paired {
            self.diff(
                &oi[os.start + k].value,
                &ni[ns.start + k].value,
                &ti[os.start + k].value,
            );
        }
        let gone: Vec<&Elem> = ti[os.start + paired..os.end].iter().collect();
        self.delete(t, &gone);
        for ne in &ni[ns.start + paired..ns.end] {
            let text = self.element_text(t, ne);
            match ti.get(os.end) {
                Some(next) => self.insert_before(t, next, text),
                None => self.append(t, text),
            }
        }
    }

    /// Whether a group in the file has its elements on lines of their own.
    fn multiline(&self, t: &Node) -> bool {
        let NodeKind::Group { inner, .. } = &t.kind else {
            return false;
        };
        let first = t.elems().first().map_or(inner.1, |e| e.start);
        self.t[inner.0..first].contains('\n')
    }

    /// How far the line holding `pos` is indented, in characters.
    fn indent_at(&self, pos: usize) -> String {
        let line = &self.t[line_start(self.t, pos)..];
        line.chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect()
    }

    /// A new element (`key: value` or an item) for the group `t`, laid out like its neighbours.
    fn element_text(&self, t: &Node, e: &Elem) -> String {
        let indent = match t.elems().last() {
            Some(last) if self.multiline(t) => self.indent_at(last.start),
            _ => self.indent_at(t.start),
        };
        let key = key_text(e, self.n);
        let level = indent.chars().count() / 4;
        // A record among records written one field a line is written so too.
        let neighbour_expanded = t.elems().last().is_some_and(|last| {
            last.value.open() == Some('(')
                && last.value.is_keyed()
                && self.t[last.value.start..last.value.end].contains('\n')
        });
        let value = if self.multiline(t) && neighbour_expanded {
            render::render_expanded(&e.value, self.n, level, indent.len() + key.len())
        } else if self.multiline(t) {
            render::render(&e.value, self.n, level, indent.len() + key.len())
        } else {
            inline(&e.value, self.n)
        };
        format!("{key}{value}")
    }

    fn replace(&mut self, t: &Node, n: &Node) {
        let indent = self.indent_at(t.start);
        let column = t.start - line_start(self.t, t.start);
        let text = render::render(n, self.n, indent.chars().count() / 4, column);
        self.edits.push(Edit {
            start: t.start,
            end: t.end,
            text,
        });
    }

    fn append(&mut self, t: &Node, text: String) {
        let Some(last) = t.elems().last() else { return };
        let (at, text) = match (self.multiline(t), last.comma_end) {
            (true, Some(comma)) => (comma, format!("\n{}{text},", self.indent_at(last.start))),
            (true, None) => (
                last.value.end,
                format!(",\n{}{text}", self.indent_at(last.start)),
            ),
            (false, Some(comma)) => (comma, format!(" {text},")),
            (false, None) => (last.value.end, format!(", {text}")),
        };
        self.edits.push(Edit {
            start: at,
            end: at,
            text,
        });
    }

    fn insert_before(&mut self, t: &Node, next: &Elem, text: String) {
        let text = if self.multiline(t) {
            format!("{text},\n{}", self.indent_at(next.start))
        } else {
            format!("{text}, ")
        };
        self.edits.push(Edit {
            start: next.start,
            end: next.start,
            text,
        });
    }

    /// Removes elements of `t`: in a group one a line, their whole lines (with a comment that
    /// ends the last one); in a group on one line, each run with the separator beside it.
    fn delete(&mut self, t: &Node, gone: &[&Elem]) {
        let elems = t.elems();
        let is_gone = |i: usize| gone.iter().any(|g| std::ptr::eq(*g, &elems[i]));
        if self.multiline(t) {
            for e in gone {
                let start = line_start(self.t, e.start);
                let start = if self.t[start..e.start].trim().is_empty() {
                    start
                } else {
                    e.start
                };
                let after = e.comma_end.unwrap_or(e.value.end);
                let rest = &self.t[after..];
                let line = rest.find('\n').map_or(rest, |nl| &rest[..nl]);
                let trailing = line.trim();
                let end = if trailing.is_empty() || trailing.starts_with("//") {
                    (after + line.len() + 1).min(self.t.len())
                } else {
                    after
                };
                self.edits.push(Edit {
                    start,
                    end,
                    text: String::new(),
                });
            }
            return;
        }
        let mut i = 0;
        while i < elems.len() {
            if !is_gone(i) {
                i += 1;
                continue;
            }
            let first = i;
            while i < elems.len() && is_gone(i) {
                i += 1;
            }
            let last = &elems[i - 1];
            let (start, end) = match (elems.get(i), first.checked_sub(1)) {
                (Some(next), _) => (elems[first].start, next.start),
                (None, Some(prev)) => (
                    elems[prev].value.end,
                    last.comma_end.unwrap_or(last.value.end),
                ),
                (None, None) => (elems[first].start, last.comma_end.unwrap_or(last.value.end)),
            };
            self.edits.push(Edit {
                start,
                end,
                text: String::new(),
            });
        }
    }

    /// The file with every edit made, from the end back so that offsets stay true; `None` when
    /// two edits overlap (the caller then writes the file afresh).
    fn apply(mut self) -> Option<String> {
        let mut order: Vec<usize> = (0..self.edits.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(self.edits[i].start), std::cmp::Reverse(i)));
        let mut out = self.t.to_string();
        let mut floor = usize::MAX;
        for i in order {
            let edit = std::mem::replace(
                &mut self.edits[i],
                Edit {
                    start: 0,
                    end: 0,
                    text: String::new(),
                },
            );
            if edit.end > floor {
                return None;
            }
            out.replace_range(edit.start..edit.end, &edit.text);
            floor = edit.start;
        }
        Some(out)
    }
}

/// Two values alike but for how their numbers are written (`2.0` and `2`).
fn equal(o: &Node, os: &str, n: &Node, ns: &str) -> bool {
    match (&o.kind, &n.kind) {
        (NodeKind::Atom, NodeKind::Atom) => {
            let (a, b) = (&os[o.start..o.end], &ns[n.start..n.end]);
            a == b || same_number(a, b)
        }
        (NodeKind::Group { .. }, NodeKind::Group { .. }) => {
            o.open() == n.open()
                && o.name() == n.name()
                && o.elems().len() == n.elems().len()
                && o.elems()
                    .iter()
                    .zip(n.elems())
                    .all(|(a, b)| a.key == b.key && equal(&a.value, os, &b.value, ns))
        }
        _ => false,
    }
}

/// Two plain numbers (never text in quotes) with the same value.
fn same_number(a: &str, b: &str) -> bool {
    use std::str::FromStr;
    let number = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            .then(|| rust_decimal::Decimal::from_str(s).ok())
            .flatten()
    };
    matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
