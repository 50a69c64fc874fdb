//! What goes down the wire: a ratatui backend that writes each frame's changes in as few bytes as
//! it can, for SSH links and slow terminals.
//!
//! ratatui hands the backend only the cells that changed. The stock crossterm backend moves the
//! cursor to every run of them with an absolute `ESC [ row ; col H`, even across one unchanged
//! comma in `15,733.00`, changes attributes in several sequences, resets every colour after each
//! frame, hides the cursor again each frame, and sends the 16 colours as 256-colour indexes.
//! This one remembers what the screen shows, so it can leave alone a cell that would look as it
//! already does, and re-send a few unchanged cells when that is shorter than a move; moves with
//! the shortest sequence that gets there, relative or absolute (see [`motion`]); writes the runs
//! of a frame in the order that needs the fewest bytes of moves and colour changes (see
//! [`order`]); writes a space with the pen in hand when it would look the same; changes the pen
//! in one sequence (see [`pen`]); ends a frame with the plain pen; and touches the cursor's
//! visibility only when it changes. Like ratatui, it takes each character to be as wide as
//! `unicode-width` says.
//!
//! The event loop uses it in place of ratatui's default terminal:
//! `Terminal::new(Wire::new(std::io::stdout())?)` after `ratatui::try_init()` has set the
//! terminal up (raw mode, alternate screen, the panic hook), dropping the default terminal that
//! returns. On a Windows console without virtual-terminal sequences (before Windows 10) keep
//! ratatui's crossterm backend, which falls back to the console's own calls.

mod motion;
mod order;
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

/// The most runs of changed cells whose order is chosen; more go row by row. Choosing costs
/// about the square of the runs (some 1.5 ms at 48 in a release build, 6 ms at 96), for a
/// tenth fewer bytes: past 48 a frame is sent at once rather than searched for.
const MAX_REORDER: usize = 48;

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

    /// The cell at (x, y) if it is known and one column wide, so that printing it again changes
    /// nothing.
    fn resendable(&self, x: u16, y: u16) -> Option<&Shown> {
        let shown = self.index(x, y).and_then(|i| self.shown[i].as_ref())?;
        // Bold and faint at once shows as whichever was set last on some terminals: not
        // something to repeat in a different order.
        let ambiguous = shown.pen.modifier.contains(Modifier::BOLD | Modifier::DIM);
        (shown.symbol.width() == 1 && !ambiguous).then_some(shown)
    }

    /// The unchanged cells from `from` up to `to` on row `y` written again, starting with the
    /// pen `pen` and ending with `target` in hand; `None` when they cannot be.
    fn fill(&self, from: u16, to: u16, y: u16, pen: &Pen, target: &Pen) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        let mut p = *pen;
        for x in from..to {
            let c = self.resendable(x, y)?;
            if !(c.symbol == " " && c.pen.blank_looks_like(&p)) {
                pen::change(&p, &c.pen, &mut bytes);
                p = c.pen;
            }
            bytes.extend_from_slice(c.symbol.as_bytes());
        }
        pen::change(&p, target, &mut bytes);
        Some(bytes)
    }

    /// The bytes that take the cursor from where it is, holding `pen`, to (x, y) holding
    /// `target`: an absolute move, or a move to the row and then along it, or to the row and
    /// over the unchanged cells before x by writing them again, whichever is shortest.
    fn approach(&self, x: u16, y: u16, pen: &Pen, target: &Pen) -> Vec<u8> {
        let mut change = Vec::new();
        pen::change(pen, target, &mut change);
        let mut absolute = motion::absolute(x, y);
        absolute.extend_from_slice(&change);
        let Some((cx, cy)) = self.cursor else {
            return absolute;
        };
        if (cx, cy) == (x, y) {
            return change;
        }
        let mut options: Vec<Vec<u8>> = motion::horizontal(cx, x)
            .into_iter()
            .map(|mut m| {
                m.extend_from_slice(&change);
                m
            })
            .collect();
        if cx < x && x - cx <= MAX_FILL {
            options.extend(self.fill(cx, x, y, pen, target));
        }
        if x > 0 && x <= MAX_FILL {
            options.extend(
                self.fill(0, x, y, pen, target)
                    .map(|f| [b"\r".as_slice(), &f].concat()),
            );
        }
        let mut relative = motion::vertical(cy, y);
        relative.extend(motion::shortest(options));
        motion::shortest(vec![relative, absolute])
    }

    /// True when the terminal already shows `cell` at (x, y), or something that looks the same.
    fn already_shows(&self, x: u16, y: u16, cell: &Cell) -> bool {
        let Some(Some(shown)) = self.index(x, y).map(|i| &self.shown[i]) else {
            return false;
        };
        let pen = Pen::of(cell);
        shown.symbol == cell.symbol()
            && shown.symbol.width() == 1
            && (shown.pen == pen || shown.symbol == " " && pen.blank_looks_like(&shown.pen))
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
        // worth guessing. Nor after a character that is not ASCII: a terminal may draw an emoji
        // with a variation selector, a joined sequence or a combining mark wider or narrower than
        // unicode-width says, so the next cell is reached by an absolute move, and a width
        // disagreement can never shift the rest of a row.
        self.cursor =
            (symbol.is_ascii() && x + w < self.width && y < self.height).then_some((x + w, y));
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

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Every frame starts and ends with the plain pen, so nothing else sees a colour.
        // A cell that would look as it already does (a space whose colour only differs in the
        // unseen foreground) is left alone.
        let cells: Vec<(u16, u16, Cell)> = content
            .filter(|(x, y, c)| !self.already_shows(*x, *y, c))
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
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
            let pen = Pen::default();
            let bytes = self.approach(x, y, &pen, &pen);
            self.pending.extend_from_slice(&bytes);
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
