//! Each side of the page found as the one straight line with the most evidence of the
//! paper's edge along it.
//!
//! The rough outline (the bright region's corners) can be off by a whole square of a gingham
//! cloth whose white squares touch the page. Looking for the strongest brightness step at each
//! place on its own then gets caught by the cloth's edges, which are as strong and as straight
//! as the page's. What tells the page's edge apart is what lies just inside it: the blank
//! margin of the paper, all along. So every line whose two ends lie within a reach of the rough
//! side is scored as a whole: at each of [`SAMPLES`] places along it, paper just inside and a
//! drop to something darker just outside add to its score. The best scoring line is the side;
//! the share of places that agree with it says how sure it is.

use image::GrayImage;

use super::{Line, PAPER_SHARE, sample, unit};
use crate::geometry::Point;

/// Places along a side where the evidence is gathered.
const SAMPLES: usize = 48;
/// Distance between the positions tried across a side, in pixels.
const STEP: f32 = 0.5;
/// Half the distance between the two readings whose difference is the step at a position.
const HALF_STEP_SPAN: usize = 3;
/// How far inside the edge (in positions) the paper's brightness is read.
const PAPER_DEPTH: usize = 6;
/// The most a side found may turn from the rough side: the tangent of its angle (7°).
const MAX_TURN: f32 = 0.12;
/// How far outside the edge (in positions) the table must still be darker than paper.
const BEYOND: usize = 8;
/// The least drop (paper side minus table side) that counts as evidence.
const MIN_DROP: f32 = 8.0;

/// A side found: its line and the share of places along it that showed the paper's edge.
pub(super) struct Side {
    pub line: Line,
    pub support: f32,
}

/// The best line for the side `a`–`b` of a clockwise outline, within `reach` pixels of it at
/// both ends, where paper is at least `paper_level` bright or nearly as bright as the paper
/// farther in at that place. `None` when no line has evidence.
pub(super) fn best_side(
    blurred: &GrayImage,
    (a, b): (Point, Point),
    reach: f32,
    paper_level: f32,
) -> Option<Side> {
    let along = unit(a, b);
    // Corners run clockwise on screen, so this normal points out of the page.
    let out = Point::new(along.y, -along.x);
    let across = Across {
        out,
        reach,
        positions: (2.0 * reach / STEP).round() as usize + 1,
    };
    let places: Vec<f32> = (0..SAMPLES)
        .map(|k| 0.05 + 0.9 * k as f32 / (SAMPLES - 1) as f32)
        .collect();
    // votes[k][i]: how much place k says the edge is at position i.
    let votes: Vec<Vec<f32>> = places
        .iter()
        .map(|&t| {
            let p = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            let level = paper_level.min(PAPER_SHARE * across.paper_near(blurred, p));
            across.votes(blurred, p, level)
        })
        .collect();
    let score = |start: usize, end: usize| -> f32 {
        places
            .iter()
            .zip(&votes)
            .map(|(&t, row)| row[lerp_index(start, end, t)])
            .sum()
    };
    let max_turn = (MAX_TURN * a.distance(b) / STEP).round() as usize;
    let (start, end) = best_pair(across.positions, max_turn, score)?;
    let agreeing = places
        .iter()
        .zip(&votes)
        .filter(|&(&t, row)| row[lerp_index(start, end, t)] > 0.0)
        .count();
    let (from, to) = (across.offset(start as isize), across.offset(end as isize));
    let p = Point::new(a.x + out.x * from, a.y + out.y * from);
    let q = Point::new(b.x + out.x * to, b.y + out.y * to);
    Some(Side {
        line: (p, unit(p, q)),
        support: agreeing as f32 / SAMPLES as f32,
    })
}

/// The positions tried across a side: `positions` of them, [`STEP`] apart, from `reach`
/// inside to `reach` outside along the outward normal `out`.
struct Across {
    out: Point,
    reach: f32,
    positions: usize,
}

impl Across {
    /// The distance outward of position `i` (negative inside).
    fn offset(&self, i: isize) -> f32 {
        -self.reach + i as f32 * STEP
    }

    /// The brightness of the paper inward of the place `p` on the rough side, past the reach
    /// of the search: the brightest reading there, between the lines of print. Light falls off
    /// towards a page's edges, so paper is judged against the page near it.
    fn paper_near(&self, blurred: &GrayImage, p: Point) -> f32 {
        let from = self.reach.ceil() as usize;
        (from..2 * from)
            .map(|depth| {
                let s = depth as f32;
                sample(
                    blurred,
                    Point::new(p.x - self.out.x * s, p.y - self.out.y * s),
                )
            })
            .fold(0.0, f32::max)
    }

    /// The votes of the place `p` for each position: paper just inside, a drop of at least
    /// [`MIN_DROP`], and the table still darker beyond. Each place has one vote, all of it for
    /// its strongest drop: a very dark stretch of table does not outweigh a long edge, and
    /// the vote peaks on the edge's middle.
    fn votes(&self, blurred: &GrayImage, p: Point, paper_level: f32) -> Vec<f32> {
        let (inner, outer) = (PAPER_DEPTH as isize, BEYOND as isize);
        let readings: Vec<f32> = (-inner..self.positions as isize + outer)
            .map(|i| {
                let s = self.offset(i);
                sample(
                    blurred,
                    Point::new(p.x + self.out.x * s, p.y + self.out.y * s),
                )
            })
            .collect();
        // The reading `shift` positions out from position `i`.
        let at = |i: usize, shift: isize| readings[(i as isize + inner + shift) as usize];
        let half = HALF_STEP_SPAN as isize;
        let drops: Vec<f32> = (0..self.positions)
            .map(|i| {
                let drop = at(i, -half) - at(i, half);
                let inside = at(i, -inner);
                // A thin printed rule has paper again beyond it; the table does not.
                let table = at(i, outer) <= inside - MIN_DROP;
                if inside >= paper_level && table && drop >= MIN_DROP {
                    drop
                } else {
                    0.0
                }
            })
            .collect();
        let strongest = drops.iter().copied().fold(0.0, f32::max).max(f32::EPSILON);
        drops.iter().map(|drop| drop / strongest).collect()
    }
}

/// The pair of end positions (out of `positions`, at most `max_turn` apart) whose line has the
/// highest `score`: every other position first, then the best pair's neighbours. `None` when
/// no line scores.
fn best_pair(
    positions: usize,
    max_turn: usize,
    score: impl Fn(usize, usize) -> f32,
) -> Option<(usize, usize)> {
    let best_of = |pairs: &mut dyn Iterator<Item = (usize, usize)>, floor: (f32, usize, usize)| {
        pairs
            .map(|(start, end)| (score(start, end), start, end))
            .fold(
                floor,
                |best, pair| if pair.0 > best.0 { pair } else { best },
            )
    };
    let coarse = (0..positions).step_by(2).flat_map(|start| {
        let ends = start.saturating_sub(max_turn)..(start + max_turn + 1).min(positions);
        ends.step_by(2).map(move |end| (start, end))
    });
    let best = best_of(&mut coarse.into_iter(), (0.0, 0, 0));
    let near = |i: usize| i.saturating_sub(1)..(i + 2).min(positions);
    let fine = near(best.1).flat_map(|start| near(best.2).map(move |end| (start, end)));
    let best = best_of(&mut fine.into_iter(), best);
    (best.0 > 0.0).then_some((best.1, best.2))
}

/// The position a line from position `start` (at one end) to `end` (at the other) has at `t`.
fn lerp_index(start: usize, end: usize, t: f32) -> usize {
    (start as f32 + (end as f32 - start as f32) * t).round() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;
    use imageproc::filter::gaussian_blur_f32;

    /// A dark table left of x = 50, paper right of it, and a printed rule at x = 70–71.
    fn page_with_a_rule() -> GrayImage {
        let frame = GrayImage::from_fn(200, 120, |x, _| {
            Luma([match x {
                0..50 => 60,
                70..72 => 40,
                _ => 220,
            }])
        });
        gaussian_blur_f32(&frame, 1.5)
    }

    #[test]
    fn the_papers_edge_is_found_and_a_printed_rule_inside_is_not() {
        let blurred = page_with_a_rule();
        // The left side of a clockwise outline runs upward; the rough side lies between the
        // edge and the rule, a little slanted.
        let rough = (Point::new(60.0, 110.0), Point::new(64.0, 10.0));
        let side = best_side(&blurred, rough, 20.0, 180.0).expect("an edge is found");
        let (origin, direction) = side.line;
        // The line is vertical and runs along x = 50.
        assert!(direction.x.abs() < 0.02, "{direction:?}");
        assert!((origin.x - 50.0).abs() <= 1.0, "{origin:?}");
        assert!(side.support > 0.9, "{}", side.support);
    }

    #[test]
    fn a_side_out_on_the_table_finds_nothing() {
        let blurred = page_with_a_rule();
        // Within reach of this side lies table only: the paper's edge is 5 px beyond reach.
        let rough = (Point::new(25.0, 110.0), Point::new(25.0, 10.0));
        assert!(best_side(&blurred, rough, 20.0, 180.0).is_none());
    }

    #[test]
    fn paper_darkened_towards_one_end_is_still_paper_all_along() {
        // Paper right of x = 50 lit from the top: 230 there, 110 at the bottom; the table is
        // darker still, at half the paper's brightness beside it.
        let frame = GrayImage::from_fn(200, 120, |x, y| {
            let paper = 230.0 - y as f32;
            Luma([if x < 50 { paper * 0.5 } else { paper } as u8])
        });
        let blurred = gaussian_blur_f32(&frame, 1.5);
        let rough = (Point::new(55.0, 110.0), Point::new(55.0, 10.0));
        // The typical paper inside is 170: the bottom half is darker than 0.8 × that.
        let side = best_side(&blurred, rough, 20.0, 136.0).expect("an edge is found");
        assert!((side.line.0.x - 50.0).abs() <= 1.0, "{:?}", side.line);
        assert!(side.support > 0.9, "{}", side.support);
    }
}
