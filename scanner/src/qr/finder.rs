//! The finder patterns of QR codes in a dark/light map, found the cheap way.
//!
//! rqrr searches a map by flood-filling every region that might be a finder pattern (the
//! three nested squares in a code's corners): on a photo of a printed page, with its thousands
//! of letters, that costs far more than the map itself. This scan looks for the finder's
//! signature in linear time instead — a run of dark, light, dark (three times as long), light,
//! dark, 1:1:3:1:1 along a row, confirmed by the same ratios, over about the same length, down
//! the column through its centre and along the diagonal — with rqrr's own tolerance on the
//! ratios, so a finder rqrr could accept is hardly ever missed here. Any straight line through
//! the centre of nested squares crosses them in these ratios, so a tilted finder passes the
//! column and diagonal checks as well as an upright one; a blob of text rarely passes all three.
//!
//! The rows are read from a [`BitMap`] a word at a time: the places where the colour changes
//! are the set bits of a word XOR its neighbour-shifted self, so a row costs its word count
//! plus its number of runs, not its width.
//!
//! Row hits on the same finder are merged into one [`Finder`], its centre the mean of theirs.

use super::binarize::BitMap;

/// The most finder patterns kept from one map, those confirmed by the most rows first: a map
/// with more is texture, and the grouping into codes (`region`) compares every three of them.
const MAX_FINDERS: usize = 40;

/// A finder-like pattern in a dark/light map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finder {
    /// Horizontal centre, in map pixels (a pixel spans `x..x + 1`).
    pub x: f32,
    /// Vertical centre, in map pixels.
    pub y: f32,
    /// The width of one module (a seventh of the pattern), in map pixels.
    pub module: f32,
    /// How many rows confirmed the pattern.
    pub hits: u32,
}

impl Finder {
    /// Whether a pattern centred at `(x, y)`, `size` pixels across, is this one seen again.
    fn covers(&self, x: f32, y: f32, size: f32) -> bool {
        let reach = (7.0 * self.module).max(size) / 2.0;
        (self.x - x).abs() <= reach && (self.y - y).abs() <= reach
    }

    /// Folds one more row hit into the running means.
    fn add(&mut self, x: f32, y: f32, size: f32) {
        let n = self.hits as f32;
        self.x = (self.x * n + x) / (n + 1.0);
        self.y = (self.y * n + y) / (n + 1.0);
        self.module = (self.module * n + size / 7.0) / (n + 1.0);
        self.hits += 1;
    }
}

/// The finder-like patterns in the dark/light map `bits`, at most [`MAX_FINDERS`] of them,
/// best confirmed first.
pub fn find(bits: &BitMap) -> Vec<Finder> {
    let mut found: Vec<Finder> = Vec::new();
    for y in 0..bits.height() {
        let row = bits.row(y);
        let mut runs = [0usize; 5];
        let mut run_start = 0;
        let mut changes = 0;
        // The colour before each word's first pixel; the first pixel of the row starts a run.
        let mut before = row.first().map_or(0, |word| word & 1);
        // Rows end on light bits past the width, which close a pattern touching the right edge.
        for (n, &word) in row.iter().enumerate() {
            let mut changed = word ^ ((word << 1) | before);
            before = word >> 63;
            while changed != 0 {
                let bit = changed.trailing_zeros() as usize;
                changed &= changed - 1;
                // Pixel `x` differs from pixel `x - 1`: the run before it ends.
                let x = 64 * n + bit;
                runs.rotate_left(1);
                runs[4] = x - run_start;
                run_start = x;
                changes += 1;
                let ended_dark = (word >> bit) & 1 == 0;
                if !(ended_dark && changes >= 5 && matches_pattern(&runs)) {
                    continue;
                }
                let stone_end = x - runs[3] - runs[4];
                let row_size: usize = runs.iter().sum();
                let Some((centre_x, centre_y, size)) =
                    confirm(bits, stone_end, runs[2], y, row_size)
                else {
                    continue;
                };
                match found
                    .iter_mut()
                    .find(|f| f.covers(centre_x, centre_y, size))
                {
                    Some(finder) => finder.add(centre_x, centre_y, size),
                    None => found.push(Finder {
                        x: centre_x,
                        y: centre_y,
                        module: size / 7.0,
                        hits: 1,
                    }),
                }
            }
        }
    }
    found.sort_by_key(|finder| std::cmp::Reverse(finder.hits));
    found.truncate(MAX_FINDERS);
    found
}

/// Checks a row hit whose stone ends before column `stone_end`, `stone` pixels long, in row
/// `y`, `row_size` pixels across in all: the column through the stone's middle and the
/// diagonal through the pattern's centre must read 1:1:3:1:1 too, the column over about the
/// row's length (within 40 %, as a square seen at an angle still is). Gives the centre and the
/// pattern's size (row and column averaged) when they do.
fn confirm(
    bits: &BitMap,
    stone_end: usize,
    stone: usize,
    y: usize,
    row_size: usize,
) -> Option<(f32, f32, f32)> {
    let x = stone_end - stone / 2 - 1;
    let centre_x = stone_end as f32 - stone as f32 / 2.0;
    let column = line_runs(bits, x, y, (0, 1), 2 * row_size)?;
    let column_size: usize = column.runs.iter().sum();
    if 5 * column_size.abs_diff(row_size) >= 2 * row_size {
        return None;
    }
    let centre_y = y as f32 + column.stone_offset();
    let diagonal = line_runs(
        bits,
        centre_x as usize,
        centre_y as usize,
        (1, 1),
        2 * row_size,
    )?;
    let diagonal_size: usize = diagonal.runs.iter().sum();
    // Along the diagonal an upright pattern is √2 wider; a pattern turned 45° is √2 narrower.
    if 2 * diagonal_size < row_size || diagonal_size > 2 * row_size {
        return None;
    }
    Some((centre_x, centre_y, (row_size + column_size) as f32 / 2.0))
}

/// The five runs of a finder read along a line through one of its stone's pixels.
struct LineRuns {
    /// Ring, gap, stone, gap, ring, in the line's direction.
    runs: [usize; 5],
    /// Stone pixels from the start pixel backwards, the start pixel included.
    back: usize,
    /// Stone pixels from the start pixel forwards, the start pixel included.
    forward: usize,
}

impl LineRuns {
    /// Where the stone's middle lies along the line, relative to the start pixel's left or
    /// top edge, in pixels.
    fn stone_offset(&self) -> f32 {
        0.5 + (self.forward as f32 - self.back as f32) / 2.0
    }
}

/// The runs along the line through `(x, y)` in direction `step` and its opposite, when
/// `(x, y)` is dark and they read 1:1:3:1:1. Each way walks at most `limit` pixels.
fn line_runs(
    bits: &BitMap,
    x: usize,
    y: usize,
    step: (isize, isize),
    limit: usize,
) -> Option<LineRuns> {
    let at = |x: usize, y: usize| bits.dark(x, y);
    if at(x, y) != Some(true) {
        return None;
    }
    // Walk away from the start, counting the stone, the gap and the ring.
    let walk = |(dx, dy): (isize, isize)| {
        let mut parts = [0usize; 3];
        let (mut cx, mut cy) = (x, y);
        let mut walked = 0;
        for (part, want) in parts.iter_mut().zip([true, false, true]) {
            while walked < limit && at(cx, cy) == Some(want) {
                *part += 1;
                walked += 1;
                match (cx.checked_add_signed(dx), cy.checked_add_signed(dy)) {
                    (Some(nx), Some(ny)) => (cx, cy) = (nx, ny),
                    _ => return parts,
                }
            }
        }
        parts
    };
    let forward = walk(step);
    let back = walk((-step.0, -step.1));
    let line = LineRuns {
        runs: [
            back[2],
            back[1],
            back[0] + forward[0] - 1,
            forward[1],
            forward[2],
        ],
        back: back[0],
        forward: forward[0],
    };
    (line.runs.iter().all(|&run| run > 0) && matches_pattern(&line.runs)).then_some(line)
}

/// Whether five run lengths read 1:1:3:1:1, within rqrr's tolerance (a quarter to
/// seven quarters of the module estimate for each one-module run). The arithmetic is in
/// quarter pixels, so two- and three-pixel modules are not rounded out of the pattern.
fn matches_pattern(runs: &[usize; 5]) -> bool {
    let module = runs[0] + runs[1] + runs[3] + runs[4];
    let slack = module * 3 / 4;
    [1, 1, 3, 1, 1].iter().zip(runs).all(|(&ratio, &run)| {
        4 * run + slack >= ratio * module && 4 * run <= ratio * module + slack
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use image::GrayImage;

    /// A `width` × `height` map with finder patterns of `module` pixels whose top-left
    /// corners are at `corners`.
    pub fn finders(width: u32, height: u32, corners: &[(u32, u32)], module: u32) -> BitMap {
        BitMap::from_grey(&GrayImage::from_fn(width, height, |x, y| {
            let dark = corners.iter().any(|&(cx, cy)| {
                if x < cx || y < cy || x >= cx + 7 * module || y >= cy + 7 * module {
                    return false;
                }
                let (mx, my) = ((x - cx) / module, (y - cy) / module);
                let ring = mx.min(my).min(6 - mx).min(6 - my);
                ring != 1
            });
            image::Luma([u8::from(dark)])
        }))
    }

    #[test]
    fn each_finder_is_found_once_at_its_centre() {
        let bits = finders(200, 200, &[(10, 10), (120, 10), (10, 120)], 6);
        let mut found = find(&bits);
        assert_eq!(found.len(), 3);
        found.sort_by(|a, b| (a.y + a.x).total_cmp(&(b.y + b.x)));
        for (finder, (x, y)) in found
            .iter()
            .zip([(31.0, 31.0), (141.0, 31.0), (31.0, 141.0)])
        {
            assert!(
                (finder.x - x).abs() < 1.0 && (finder.y - y).abs() < 1.0,
                "{finder:?}"
            );
            assert!((finder.module - 6.0).abs() < 0.5, "{finder:?}");
            assert!(finder.hits >= 10, "every row through the stone confirms it");
        }
    }

    #[test]
    fn stripes_and_rings_are_not_finders() {
        let stripes = GrayImage::from_fn(200, 200, |x, _| image::Luma([u8::from(x % 6 < 3)]));
        assert!(find(&BitMap::from_grey(&stripes)).is_empty());
        // 1:1:3:1:1 across the rows but a plain bar down the columns.
        let bars = GrayImage::from_fn(200, 200, |x, _| {
            let light = [6..12, 30..36, 42..48]
                .iter()
                .any(|r| r.contains(&(x % 48)));
            image::Luma([u8::from(!light)])
        });
        assert!(find(&BitMap::from_grey(&bars)).is_empty());
    }

    #[test]
    fn finders_at_the_edges_do_not_panic() {
        let bits = finders(200, 200, &[(0, 0), (158, 0), (0, 158), (158, 158)], 6);
        assert!(!find(&bits).is_empty());
        for (w, h) in [(0, 0), (1, 1), (1, 30), (30, 1)] {
            assert!(find(&BitMap::from_grey(&GrayImage::new(w, h))).is_empty());
        }
    }
}
