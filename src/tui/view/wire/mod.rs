//! What goes down the wire: a ratatui backend that writes each frame's changes in as few bytes as
//! it can, for SSH links and slow terminals.
//!
//! ratatui hands the backend only the cells that changed. The stock crossterm backend moves the
//! cursor to every run of them with an absolute `ESC [ row ; col H`, even across one unchanged
//! comma in `15,733.00`, changes attributes in several sequences, resets every colour after each
//! frame, hides the cursor again each frame, and sends the 16 colours as 256-colour indexes.
//! This one remembers what the screen shows, so it can re-send a few unchanged cells when that
//! is shorter than a move; moves with the shortest sequence that gets there; writes the runs of
//! a frame in the order that needs the fewest changes of colour; writes a space with the pen in
//! hand when it would look the same; changes the pen in one sequence (see [`pen`]); ends a frame
//! with the plain pen; and touches the cursor's visibility only when it changes. Like ratatui,
//! it takes each character to be as wide as `unicode-width` says.
//!
//! The event loop uses it in place of ratatui's default terminal:
//! `Terminal::new(Wire::new(std::io::stdout())?)` after `ratatui::try_init()` has set the
//! terminal up (raw mode, alternate screen, the panic hook), dropping the default terminal that
//! returns. On a Windows console without virtual-terminal sequences (before Windows 10) keep
//! ratatui's crossterm backend, which falls back to the console's own calls.

mod pen;
#[cfg(test)]
mod tests;

use pen::Pen;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Modifier;
use std::io::{self, Write};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// The longest run of unchanged cells worth re-sending instead of moving over it: no move is
/// longer than this.
const MAX_FILL: u16 = 12;

/// The most runs of changed cells whose order is chosen; a whole new screen goes row by row.
const MAX_REORDER: usize = 96;

/// What a cell of the terminal shows, as far as this backend knows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    symbol: String,
    pen: Pen,
}

/// A backend writing ANSI sequences to `W`, remembering the screen it drew.
pub struct Wire<W: Write> {
    out: W,
    /// The frame being written, sent whole on `flush`.
    pending: Vec<u8>,
    /// What each cell shows, row by row; `None` where it is not known (the right half of a wide
    /// character, or after a partial clear), which is never re-sent.
    shown: Vec<Option<Shown>>,
    width: u16,
    height: u16,
    /// Where the cursor is, when known.
    cursor: Option<(u16, u16)>,
    /// Whether the cursor is visible, when known.
    visible: Option<bool>,
    /// A size to report instead of asking the terminal (for tests and recordings).
    fixed: Option<Size>,
}

impl<W: Write> Wire<W> {
    /// A backend for the real terminal on `out` (stdout), which is taken to be blank, as ratatui
    /// takes it to be.
    pub fn new(out: W) -> io::Result<Wire<W>> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Wire::blank(out, width, height, None))
    }

    /// A backend writing to `out` for a terminal of a fixed size.
    #[cfg(test)]
    pub fn with_size(out: W, width: u16, height: u16) -> Wire<W> {
        Wire::blank(out, width, height, Some(Size { width, height }))
    }

    fn blank(out: W, width: u16, height: u16, fixed: Option<Size>) -> Wire<W> {
        let mut wire = Wire {
            out,
            pending: Vec::new(),
            shown: Vec::new(),
            width,
            height,
            cursor: None,
            visible: None,
            fixed,
        };
        wire.forget_all(width, height, true);
        wire
    }

    /// The writer, for a test to read back what was written.
    #[cfg(test)]
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Tells a fixed-size backend that its terminal is now `width` x `height`.
    #[cfg(test)]
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.fixed = Some(Size { width, height });
    }

    /// Takes the screen to be `width` x `height`, blank when `blank`, else unknown.
    fn forget_all(&mut self, width: u16, height: u16, blank: bool) {
        self.width = width;
        self.height = height;
        let cell = blank.then(|| Shown {
            symbol: " ".to_string(),
            pen: Pen::default(),
        });
        self.shown = vec![cell; usize::from(width) * usize::from(height)];
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.width && y < self.height)
            .then(|| usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// The cells from `from` up to (not including) `to` on row `y`, if each is known and one
    /// column wide, so that printing them again changes nothing.
    fn resendable(&self, from: u16, to: u16, y: u16) -> Option<Vec<Shown>> {
        (from..to)
            .map(|x| {
                let shown = self.index(x, y).and_then(|i| self.shown[i].clone())?;
                // Bold and faint at once shows as whichever was set last on some terminals: not
                // something to repeat in a different order.
                let ambiguous = shown.pen.modifier.contains(Modifier::BOLD | Modifier::DIM);
                (shown.symbol.width() == 1 && !ambiguous).then_some(shown)
            })
            .collect()
    }

    /// The bytes that take the cursor from where it is, holding `pen`, to (x, y) holding
    /// `target`: a move, or the unchanged cells in between sent again when that is shorter.
    fn approach(&self, x: u16, y: u16, pen: &Pen, target: &Pen) -> Vec<u8> {
        let mut moved = Vec::new();
        if self.cursor != Some((x, y)) {
            move_to(self.cursor, x, y, &mut moved);
        }
        pen::change(pen, target, &mut moved);
        let fill = match self.cursor {
            Some((cx, cy)) if cy == y && cx < x && x - cx <= MAX_FILL => {
                self.resendable(cx, x, y).map(|cells| {
                    let mut bytes = Vec::new();
                    let mut p = *pen;
                    for c in &cells {
                        if !(c.symbol == " " && c.pen.blank_looks_like(&p)) {
                            pen::change(&p, &c.pen, &mut bytes);
                            p = c.pen;
                        }
                        bytes.extend_from_slice(c.symbol.as_bytes());
                    }
                    pen::change(&p, target, &mut bytes);
                    bytes
                })
            }
            _ => None,
        };
        match fill {
            Some(fill) if fill.len() < moved.len() => fill,
            _ => moved,
        }
    }

    /// Writes one cell at (x, y), getting there the cheapest way.
    fn put(&mut self, x: u16, y: u16, cell: &Cell, pen: &mut Pen) {
        let symbol = cell.symbol();
        let target = pen_for(cell, pen);
        let bytes = self.approach(x, y, pen, &target);
        self.pending.extend_from_slice(&bytes);
        *pen = target;
        self.pending.extend_from_slice(symbol.as_bytes());
        let w = symbol.width() as u16;
        // At the last column the terminal waits to wrap: where the next character goes is not
        // worth guessing.
        self.cursor = (x + w < self.width && y < self.height).then_some((x + w, y));
        if let Some(i) = self.index(x, y) {
            self.shown[i] = Some(Shown {
                symbol: symbol.to_string(),
                pen: target,
            });
            for right in 1..w {
                if let Some(j) = self.index(x + right, y) {
                    self.shown[j] = None;
                }
            }
        }
    }

    /// The order to write runs of changed cells in: each time the one cheapest to get to from
    /// where the last ended (so runs of one colour go together), while there are few enough to
    /// compare; else as they come.
    fn order(&self, cells: &[(u16, u16, Cell)], runs: Vec<Range<usize>>) -> Vec<Range<usize>> {
        if runs.len() > MAX_REORDER {
            return runs;
        }
        let mut left = runs;
        let mut ordered = Vec::with_capacity(left.len());
        let mut probe = Wire {
            out: io::sink(),
            pending: Vec::new(),
            shown: self.shown.clone(),
            width: self.width,
            height: self.height,
            cursor: self.cursor,
            visible: self.visible,
            fixed: self.fixed,
        };
        let mut pen = Pen::default();
        while !left.is_empty() {
            let cost = |r: &Range<usize>| {
                let (x, y, cell) = &cells[r.start];
                probe.approach(*x, *y, &pen, &pen_for(cell, &pen)).len()
            };
            let best = (0..left.len()).min_by_key(|&i| cost(&left[i])).unwrap_or(0);
            let run = left.remove(best);
            for (x, y, cell) in &cells[run.clone()] {
                probe.put(*x, *y, cell, &mut pen);
            }
            ordered.push(run);
        }
        ordered
    }
}

/// The pen a cell is written with: its own, or for a space the one in hand when that looks the
/// same (a space shows only its background).
fn pen_for(cell: &Cell, pen: &Pen) -> Pen {
    match Pen::of(cell) {
        wanted if cell.symbol() == " " && wanted.blank_looks_like(pen) => *pen,
        wanted => wanted,
    }
}

/// Splits the changed cells into runs that sit side by side on a row.
fn runs(cells: &[(u16, u16, Cell)]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, (x, y, _)) in cells.iter().enumerate() {
        let joins = i > 0 && {
            let (px, py, prev) = &cells[i - 1];
            py == y && usize::from(*px) + prev.symbol().width().max(1) == usize::from(*x)
        };
        match runs.last_mut() {
            Some(run) if joins => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// The shortest sequence that moves the cursor from `from` (if known) to (x, y): absolute, or
/// relative (up or down, then left or right), or a carriage return and line feed to the next
/// row (never from the last row, so it cannot scroll).
fn move_to(from: Option<(u16, u16)>, x: u16, y: u16, out: &mut Vec<u8>) {
    let absolute = if x == 0 {
        format!("\x1b[{}H", y + 1)
    } else {
        format!("\x1b[{};{}H", y + 1, x + 1)
    };
    let mut best = absolute;
    if let Some((cx, cy)) = from {
        let mut relative = step(cy, y, 'B', 'A');
        relative.push_str(&step(cx, x, 'C', 'D'));
        if relative.len() < best.len() {
            best = relative;
        }
        if y == cy + 1 {
            let next = format!("\r\n{}", step(0, x, 'C', 'D'));
            if next.len() < best.len() {
                best = next;
            }
        }
    }
    out.extend_from_slice(best.as_bytes());
}

/// A relative move along one axis from `from` to `to`: `more` when it grows, `less` when not.
fn step(from: u16, to: u16, more: char, less: char) -> String {
    let (n, dir) = match to.cmp(&from) {
        std::cmp::Ordering::Equal => return String::new(),
        std::cmp::Ordering::Greater => (to - from, more),
        std::cmp::Ordering::Less => (from - to, less),
    };
    if n == 1 {
        format!("\x1b[{dir}")
    } else {
        format!("\x1b[{n}{dir}")
    }
}

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Every frame starts and ends with the plain pen, so nothing else sees a colour.
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if cells.is_empty() {
            return Ok(());
        }
        // Something may have moved the cursor since the last frame: the first move is absolute.
        self.cursor = None;
        let mut pen = Pen::default();
        for run in self.order(&cells, runs(&cells)) {
            for (x, y, cell) in &cells[run] {
                self.put(*x, *y, cell, &mut pen);
            }
        }
        pen::change(&pen, &Pen::default(), &mut self.pending);
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        if let Some((x, y)) = self.cursor {
            return Ok(Position { x, y });
        }
        self.flush()?;
        let (x, y) = crossterm::cursor::position()?;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        if self.cursor != Some((x, y)) {
            move_to(self.cursor, x, y, &mut self.pending);
            self.cursor = Some((x, y));
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.pending.extend_from_slice(code);
        self.cursor = None;
        let Size { width, height } = self.size()?;
        // A whole clear leaves the screen blank at its new size; a partial one leaves it unknown
        // until the next whole clear, which only means nothing is re-sent to save a move.
        self.forget_all(width, height, clear_type == ClearType::All);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.pending.extend_from_slice(b"\r\n");
        }
        self.cursor = None;
        let Size { width, height } = self.size()?;
        self.forget_all(width, height, false);
        self.flush()
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => {
                let (width, height) = crossterm::terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(size) = self.fixed {
            return Ok(WindowSize {
                columns_rows: size,
                pixels: Size::default(),
            });
        }
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
    }
}
