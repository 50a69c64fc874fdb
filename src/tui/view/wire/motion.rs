//! The ways to move the cursor, each the shortest of its kind: an absolute move, and the pieces
//! of a relative one (a row, then a column), which [`super::Wire`] puts together with the
//! alternative of writing the unchanged cells in between again.
//!
//! Besides the `ESC [` sequences it uses two single bytes, as curses does for xterm: line feed to
//! go down a row (the terminal is in raw mode, so no carriage return is added; never from the
//! last row, so nothing scrolls) and carriage return to go to the first column. Going up one row
//! is reverse index, `ESC M`, never from the top row. Not backspace, though it would be shorter
//! for a step or two left: the workbench never writes one, so that a backspace on the wire can
//! only be text that escaped cleaning (`tests/tui_inert_text.rs` looks for them).

/// `ESC [ n c` for a count: the count is left out when it is 1, which is what it means then.
fn csi(n: u16, c: char, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        out.extend_from_slice(n.to_string().as_bytes());
    }
    out.push(c as u8);
}

/// Appends `byte` repeated `n` times.
fn repeat(byte: &[u8], n: u16, out: &mut Vec<u8>) {
    for _ in 0..n {
        out.extend_from_slice(byte);
    }
}

/// The absolute move to (x, y), counted from 0: `ESC [ row ; col H`, with the column left out
/// for the first one.
pub fn absolute(x: u16, y: u16) -> Vec<u8> {
    let mut out = Vec::new();
    if x == 0 {
        csi(y + 1, 'H', &mut out);
    } else {
        out.extend_from_slice(format!("\x1b[{};{}H", y + 1, x + 1).as_bytes());
    }
    out
}

/// The shortest move from row `from` to row `to`, keeping the column: line feeds, reverse
/// indexes, a relative move or the absolute row (`ESC [ n d`).
pub fn vertical(from: u16, to: u16) -> Vec<u8> {
    let mut relative = Vec::new();
    let mut single = Vec::new();
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => return Vec::new(),
        std::cmp::Ordering::Greater => {
            csi(to - from, 'B', &mut relative);
            repeat(b"\n", to - from, &mut single);
        }
        std::cmp::Ordering::Less => {
            csi(from - to, 'A', &mut relative);
            repeat(b"\x1bM", from - to, &mut single);
        }
    }
    let mut row = Vec::new();
    csi(to + 1, 'd', &mut row);
    shortest(vec![relative, single, row])
}

/// The moves along a row from column `from` to column `to` (without writing anything): the
/// relative move, carriage return (and a move right), and the absolute column
/// (`ESC [ n G`). Empty when there is nothing to do.
pub fn horizontal(from: u16, to: u16) -> Vec<Vec<u8>> {
    if from == to {
        return vec![Vec::new()];
    }
    let mut relative = Vec::new();
    let mut options = Vec::with_capacity(4);
    if to > from {
        csi(to - from, 'C', &mut relative);
        options.push(relative);
    } else {
        csi(from - to, 'D', &mut relative);
        options.push(relative);
        let mut home = b"\r".to_vec();
        if to > 0 {
            csi(to, 'C', &mut home);
        }
        options.push(home);
    }
    let mut column = Vec::new();
    csi(to + 1, 'G', &mut column);
    options.push(column);
    options
}

/// The shortest of `options` (the first of equals); empty when there are none.
pub fn shortest(options: Vec<Vec<u8>>) -> Vec<u8> {
    options.into_iter().min_by_key(Vec::len).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: Vec<u8>) -> String {
        String::from_utf8_lossy(&b).into_owned()
    }

    #[test]
    fn each_kind_of_move_is_as_short_as_it_can_be() {
        assert_eq!(text(absolute(0, 0)), "\x1b[H");
        assert_eq!(text(absolute(0, 4)), "\x1b[5H");
        assert_eq!(text(absolute(9, 4)), "\x1b[5;10H");
        assert_eq!(text(vertical(3, 3)), "");
        assert_eq!(text(vertical(3, 5)), "\n\n");
        assert_eq!(text(vertical(3, 9)), "\x1b[6B");
        assert_eq!(text(vertical(30, 0)), "\x1b[d");
        assert_eq!(text(vertical(5, 4)), "\x1bM");
        assert_eq!(text(vertical(9, 5)), "\x1b[4A");
        let shortest_across = |a, b| text(shortest(horizontal(a, b)));
        assert_eq!(shortest_across(7, 7), "");
        assert_eq!(shortest_across(7, 5), "\x1b[2D");
        assert_eq!(shortest_across(70, 2), "\x1b[3G");
        assert_eq!(shortest_across(19, 1), "\r\x1b[C");
        assert_eq!(shortest_across(70, 0), "\r");
        assert_eq!(shortest_across(70, 30), "\x1b[40D");
        assert_eq!(shortest_across(3, 4), "\x1b[C");
    }
}
