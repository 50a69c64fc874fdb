//! The order a frame's runs of changed cells go down the wire in. Runs sit all over the screen
//! in several colours; getting from one to the next costs a move and often a change of pen, and
//! the order decides how much. It is a shortest-path problem over a few dozen runs: the cost of
//! every step from one run to another is worked out once, paths are built row by row and
//! greedily and then improved by moving short stretches of them elsewhere while that saves
//! bytes. The best path is tried out on a copy of the backend, and used if it writes fewer bytes
//! than row-by-row order.

use super::pen::{self, Pen};
use super::{MAX_REORDER, Wire, pen_for};
use ratatui::buffer::Cell;
use std::io::{self, Write};
use std::ops::Range;

type Cells = [(u16, u16, Cell)];

/// How many times at most the whole path is looked over for improvements.
const MAX_ROUNDS: usize = 20;

impl<W: Write> Wire<W> {
    /// A copy of this backend's knowledge that writes nowhere, to try an order out on.
    pub(super) fn probe(&self) -> Wire<io::Sink> {
        Wire {
            out: io::sink(),
            pending: Vec::new(),
            shown: self.shown.clone(),
            width: self.width,
            height: self.height,
            cursor: self.cursor,
            visible: self.visible,
            fixed: self.fixed,
        }
    }

    /// The bytes it takes to write the runs in `order` and put the plain pen back.
    fn cost(&self, cells: &Cells, order: &[Range<usize>]) -> usize {
        let mut probe = self.probe();
        let mut pen = Pen::default();
        for run in order {
            for (x, y, cell) in &cells[run.clone()] {
                probe.put(*x, *y, cell, &mut pen);
            }
        }
        pen::change(&pen, &Pen::default(), &mut probe.pending);
        probe.pending.len()
    }

    /// The order to write runs of changed cells in: the cheapest found, while there are few
    /// enough runs to compare; else row by row.
    pub(super) fn order(&self, cells: &Cells, runs: Vec<Range<usize>>) -> Vec<Range<usize>> {
        if runs.len() > MAX_REORDER {
            return runs;
        }
        let searched = self.searched(cells, &runs);
        if self.cost(cells, &searched) < self.cost(cells, &runs) {
            searched
        } else {
            runs
        }
    }

    /// The path over the runs found by [`Steps`].
    fn searched(&self, cells: &Cells, runs: &[Range<usize>]) -> Vec<Range<usize>> {
        let steps = Steps::new(self, cells, runs);
        let row_by_row: Vec<usize> = (0..runs.len()).collect();
        [row_by_row, steps.nearest()]
            .into_iter()
            .map(|path| steps.improve(path))
            .min_by_key(|path| steps.total(path))
            .unwrap_or_default()
            .into_iter()
            .map(|i| runs[i].clone())
            .collect()
    }
}

/// What each step between runs costs, in bytes: from the frame's start to each run, from the
/// end of each run to the start of each other, and from each run's end to the plain pen. Worked
/// out against the screen as it will be once the frame is written, which is what the cells
/// between two runs show (they did not change).
struct Steps {
    from_start: Vec<usize>,
    between: Vec<Vec<usize>>,
    to_end: Vec<usize>,
}

impl Steps {
    fn new<W: Write>(wire: &Wire<W>, cells: &Cells, runs: &[Range<usize>]) -> Steps {
        let mut after = wire.probe();
        let mut ends = Vec::with_capacity(runs.len());
        for run in runs {
            let mut pen = Pen::of(&cells[run.start].2);
            after.cursor = None;
            for (x, y, cell) in &cells[run.clone()] {
                after.put(*x, *y, cell, &mut pen);
            }
            ends.push((after.cursor, pen));
        }
        let mut into = |cursor: Option<(u16, u16)>, pen: &Pen, run: &Range<usize>| {
            after.cursor = cursor;
            let (x, y, cell) = &cells[run.start];
            after.approach(*x, *y, pen, &pen_for(cell, pen)).len()
        };
        let from_start = runs
            .iter()
            .map(|run| into(wire.cursor, &Pen::default(), run))
            .collect();
        let between = ends
            .iter()
            .map(|(cursor, pen)| runs.iter().map(|run| into(*cursor, pen, run)).collect())
            .collect();
        let to_end = ends
            .iter()
            .map(|(_, pen)| {
                let mut reset = Vec::new();
                pen::change(pen, &Pen::default(), &mut reset);
                reset.len()
            })
            .collect();
        Steps {
            from_start,
            between,
            to_end,
        }
    }

    /// The cost from `u` to `v`, where the start is numbered `n` and the end `n + 1`.
    fn step(&self, u: usize, v: usize) -> usize {
        let n = self.to_end.len();
        match (u == n, v == n + 1) {
            (true, true) => 0,
            (true, false) => self.from_start[v],
            (false, true) => self.to_end[u],
            (false, false) => self.between[u][v],
        }
    }

    fn total(&self, path: &[usize]) -> usize {
        let n = self.to_end.len();
        let mut at = n;
        let mut sum = 0;
        for &v in path.iter().chain(std::iter::once(&(n + 1))) {
            sum += self.step(at, v);
            at = v;
        }
        sum
    }

    /// Each time the run cheapest to get to from the last.
    fn nearest(&self) -> Vec<usize> {
        let n = self.to_end.len();
        let mut left: Vec<usize> = (0..n).collect();
        let mut path = Vec::with_capacity(n);
        let mut at = n;
        while !left.is_empty() {
            let best = (0..left.len())
                .min_by_key(|&i| self.step(at, left[i]))
                .unwrap_or(0);
            at = left.remove(best);
            path.push(at);
        }
        path
    }

    /// Moves a stretch of one to three runs to another place in the path while that makes it
    /// cheaper.
    fn improve(&self, path: Vec<usize>) -> Vec<usize> {
        let n = self.to_end.len();
        let mut ext: Vec<usize> = std::iter::once(n)
            .chain(path)
            .chain(std::iter::once(n + 1))
            .collect();
        let cost = |u: usize, v: usize| self.step(u, v) as i64;
        for _ in 0..MAX_ROUNDS {
            let mut moved = false;
            for len in 1..=3usize {
                let mut i = 1;
                while i + len < ext.len() {
                    let (p, a, b, q) = (ext[i - 1], ext[i], ext[i + len - 1], ext[i + len]);
                    let saved = cost(p, a) + cost(b, q) - cost(p, q);
                    let better = (0..ext.len() - 1).find(|&k| {
                        let (u, v) = (ext[k], ext[k + 1]);
                        !(i - 1..i + len).contains(&k)
                            && cost(u, a) + cost(b, v) - cost(u, v) < saved
                    });
                    if let Some(k) = better {
                        let stretch: Vec<usize> = ext.drain(i..i + len).collect();
                        let at = if k < i { k + 1 } else { k + 1 - len };
                        ext.splice(at..at, stretch);
                        moved = true;
                    }
                    i += 1;
                }
            }
            if !moved {
                break;
            }
        }
        ext[1..ext.len() - 1].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::Steps;

    /// Costs drawn from a fixed pseudo-random sequence, so a failure can be replayed.
    fn steps(n: usize, seed: &mut u64) -> Steps {
        let mut next = || {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((*seed >> 33) % 20) as usize
        };
        Steps {
            from_start: (0..n).map(|_| next()).collect(),
            between: (0..n).map(|_| (0..n).map(|_| next()).collect()).collect(),
            to_end: (0..n).map(|_| next()).collect(),
        }
    }

    #[test]
    fn improving_a_path_keeps_every_run_and_never_costs_more() {
        let mut seed = 42;
        for n in [1, 2, 3, 5, 8, 13, 30] {
            let steps = steps(n, &mut seed);
            for path in [(0..n).collect::<Vec<_>>(), steps.nearest()] {
                let better = steps.improve(path.clone());
                let mut sorted = better.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "n = {n}");
                assert!(steps.total(&better) <= steps.total(&path), "n = {n}");
            }
        }
    }

    /// Three runs whose cheapest order is plain to see: 2, then 0, then 1.
    #[test]
    fn the_cheap_path_is_found() {
        let far = 10;
        let steps = Steps {
            from_start: vec![far, far, 1],
            between: vec![vec![0, 1, far], vec![far, 0, far], vec![1, far, 0]],
            to_end: vec![0, 0, 0],
        };
        let path = steps.improve(vec![0, 1, 2]);
        assert_eq!(path, vec![2, 0, 1]);
        assert_eq!(steps.total(&path), 3);
    }
}
