//! Which finder patterns could be three corners of one code, and where that code lies.
//!
//! A code has finder patterns in three of its corners. Seen from the corner one (A), the other
//! two (B, C) lie along its two sides: about as far away each, at about a right angle, with
//! modules of about the same size, between 14 (version 1) and 170 (version 40) modules away.
//! Perspective, tilt and blur bend every one of these, so the checks are loose: they rule out
//! the patterns that letters and textures make by chance, and leave the exact reading to rqrr.
//! The code's area is the parallelogram on A, B and C, widened for perspective and for the
//! quiet zone; areas that overlap are merged, so a code is looked at once.

use super::finder::Finder;

/// The largest ratio between the module sizes of a code's finders (perspective, blur).
const MAX_MODULE_RATIO: f32 = 2.5;
/// The largest ratio between the lengths of a code's two sides (perspective).
const MAX_SIDE_RATIO: f32 = 1.6;
/// The largest cosine of the angle between a code's two sides: 53° to 127° (perspective).
const MAX_COS: f32 = 0.6;
/// The shortest and longest side, in modules from finder centre to finder centre: a version 1
/// code has 14, a version 40 code 170; blur and perspective stretch either way.
const SIDE_MODULES: std::ops::RangeInclusive<f32> = 8.0..=200.0;
/// The margin around the three finders' parallelogram, in modules: half a finder and the quiet
/// zone.
const MARGIN_MODULES: f32 = 8.0;
/// The extra margin for the fourth corner, which perspective moves, as a part of the longer
/// side.
const MARGIN_SIDE: f32 = 0.2;

/// An axis-aligned rectangle of a map, in pixels: columns `x0..x1`, rows `y0..y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge (excluded).
    pub x1: f32,
    /// Bottom edge (excluded).
    pub y1: f32,
}

/// A rectangle of whole pixels: left, top, width, height.
pub type Rect = (u32, u32, u32, u32);

impl Region {
    /// The same rectangle on a map `factor` times as large.
    pub fn scaled(self, factor: f32) -> Self {
        Self {
            x0: self.x0 * factor,
            y0: self.y0 * factor,
            x1: self.x1 * factor,
            y1: self.y1 * factor,
        }
    }

    /// The same rectangle moved by `(dx, dy)`.
    pub fn moved(self, dx: f32, dy: f32) -> Self {
        Self {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    /// The rectangle widened by `by` on every side.
    pub fn padded(self, by: f32) -> Self {
        Self {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// The whole pixels of the rectangle inside a `width` × `height` map, if any.
    pub fn pixels(self, width: u32, height: u32) -> Option<Rect> {
        let x0 = self.x0.floor().clamp(0.0, width as f32) as u32;
        let y0 = self.y0.floor().clamp(0.0, height as f32) as u32;
        let x1 = self.x1.ceil().clamp(0.0, width as f32) as u32;
        let y1 = self.y1.ceil().clamp(0.0, height as f32) as u32;
        (x1 > x0 && y1 > y0).then_some((x0, y0, x1 - x0, y1 - y0))
    }

    fn overlaps(&self, other: &Self) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn union(self, other: Self) -> Self {
        Self {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

/// The areas where three of `finders` could be the corners of one code, merged where they
/// overlap. `accept` has the last word on each three whose geometry fits, given the corner
/// finder first (the map's own checks, such as the timing patterns, go there).
pub fn code_regions(
    finders: &[Finder],
    accept: impl Fn(&Finder, &Finder, &Finder) -> bool,
) -> Vec<Region> {
    let mut regions = Vec::new();
    for (i, a) in finders.iter().enumerate() {
        for (j, b) in finders.iter().enumerate().skip(i + 1) {
            for c in finders.iter().skip(j + 1) {
                if let Some(region) = code_area(a, b, c, &accept) {
                    regions.push(region);
                }
            }
        }
    }
    merge(regions)
}

/// `regions`, with every overlapping pair replaced by the rectangle around both.
pub fn merge(mut regions: Vec<Region>) -> Vec<Region> {
    let mut merged: Vec<Region> = Vec::with_capacity(regions.len());
    while let Some(mut region) = regions.pop() {
        // Growing may make the region reach one already set aside: take those back in.
        while let Some(at) = merged.iter().position(|other| other.overlaps(&region)) {
            region = region.union(merged.swap_remove(at));
        }
        merged.push(region);
    }
    merged
}

/// The area of the code whose finders `p`, `q` and `r` could be, in any order.
fn code_area(
    p: &Finder,
    q: &Finder,
    r: &Finder,
    accept: &impl Fn(&Finder, &Finder, &Finder) -> bool,
) -> Option<Region> {
    let modules = [p.module, q.module, r.module];
    let smallest = modules.iter().copied().fold(f32::INFINITY, f32::min);
    let largest = modules.iter().copied().fold(0.0, f32::max);
    if smallest <= 0.0 || largest > MAX_MODULE_RATIO * smallest {
        return None;
    }
    // The corner finder is the one whose sides meet closest to a right angle.
    let (corner, ends) = [(p, [q, r]), (q, [p, r]), (r, [p, q])]
        .into_iter()
        .min_by(|(a, [b, c]), (d, [e, f])| corner_cos(a, b, c).total_cmp(&corner_cos(d, e, f)))?;
    let [b, c] = ends;
    let side_b = (b.x - corner.x).hypot(b.y - corner.y);
    let side_c = (c.x - corner.x).hypot(c.y - corner.y);
    let module = (p.module + q.module + r.module) / 3.0;
    let (short, long) = (side_b.min(side_c), side_b.max(side_c));
    let plausible = corner_cos(corner, b, c) <= MAX_COS
        && long <= MAX_SIDE_RATIO * short
        && SIDE_MODULES.contains(&(short / module))
        && SIDE_MODULES.contains(&(long / module));
    if !plausible || !accept(corner, b, c) {
        return None;
    }
    let fourth = (b.x + c.x - corner.x, b.y + c.y - corner.y);
    let xs = [corner.x, b.x, c.x, fourth.0];
    let ys = [corner.y, b.y, c.y, fourth.1];
    let bounds = Region {
        x0: xs.iter().copied().fold(f32::INFINITY, f32::min),
        y0: ys.iter().copied().fold(f32::INFINITY, f32::min),
        x1: xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        y1: ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
    };
    Some(bounds.padded(MARGIN_MODULES * module + MARGIN_SIDE * long))
}

/// The absolute cosine of the angle at `a` between the lines to `b` and to `c` (1 when they
/// coincide or a point is repeated).
fn corner_cos(a: &Finder, b: &Finder, c: &Finder) -> f32 {
    let (ux, uy) = (b.x - a.x, b.y - a.y);
    let (vx, vy) = (c.x - a.x, c.y - a.y);
    let lengths = ux.hypot(uy) * vx.hypot(vy);
    if lengths <= f32::EPSILON {
        return 1.0;
    }
    ((ux * vx + uy * vy) / lengths).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width` × `height` rectangle at the origin.
    fn square(width: u32, height: u32) -> Region {
        Region {
            x0: 0.0,
            y0: 0.0,
            x1: width as f32,
            y1: height as f32,
        }
    }

    /// Takes every three whose geometry fits.
    fn any(_: &Finder, _: &Finder, _: &Finder) -> bool {
        true
    }

    fn finder(x: f32, y: f32, module: f32) -> Finder {
        Finder {
            x,
            y,
            module,
            hits: 3,
        }
    }

    #[test]
    fn three_corners_of_a_code_make_one_region_around_it() {
        // A version 2 code (25 modules) of 4-pixel modules at (100, 100): finder centres
        // 3.5 modules in from its corners.
        let (left, top, module) = (100.0, 100.0, 4.0);
        let near = 3.5 * module;
        let far = (25.0 - 3.5) * module;
        let finders = [
            finder(left + near, top + near, module),
            finder(left + far, top + near, module),
            finder(left + near, top + far, module),
        ];
        let regions = code_regions(&finders, any);
        assert_eq!(regions.len(), 1);
        let corner_first = |corner: &Finder, _: &Finder, _: &Finder| *corner == finders[0];
        assert_eq!(code_regions(&finders, corner_first), regions);
        assert!(code_regions(&finders, |_, _, _| false).is_empty());
        let region = regions[0];
        assert!(region.x0 <= left - 4.0 * module && region.y0 <= top - 4.0 * module);
        let end = left + 29.0 * module;
        assert!(region.x1 >= end && region.y1 >= end, "{region:?}");
    }

    #[test]
    fn turned_codes_are_found_in_any_order() {
        let finders = [
            finder(300.0, 100.0, 5.0),
            finder(300.0 + 70.0, 100.0 + 70.0, 5.0),
            finder(300.0 - 70.0, 100.0 + 70.0, 5.0),
        ];
        assert_eq!(code_regions(&finders, any).len(), 1);
        let reversed = [finders[2], finders[0], finders[1]];
        assert_eq!(code_regions(&reversed, any).len(), 1);
    }

    #[test]
    fn patterns_in_a_row_or_of_unlike_sizes_are_no_code() {
        let in_a_row = [
            finder(100.0, 100.0, 4.0),
            finder(200.0, 100.0, 4.0),
            finder(300.0, 100.0, 4.0),
        ];
        assert!(code_regions(&in_a_row, any).is_empty());
        let unlike = [
            finder(100.0, 100.0, 2.0),
            finder(200.0, 100.0, 8.0),
            finder(100.0, 200.0, 4.0),
        ];
        assert!(code_regions(&unlike, any).is_empty());
        let too_close = [
            finder(100.0, 100.0, 4.0),
            finder(120.0, 100.0, 4.0),
            finder(100.0, 120.0, 4.0),
        ];
        assert!(code_regions(&too_close, any).is_empty());
        let lopsided = [
            finder(100.0, 100.0, 4.0),
            finder(300.0, 100.0, 4.0),
            finder(100.0, 160.0, 4.0),
        ];
        assert!(code_regions(&lopsided, any).is_empty());
    }

    #[test]
    fn overlapping_regions_merge_and_apart_ones_do_not() {
        let a = square(10, 10);
        let b = a.moved(5.0, 5.0);
        let c = a.moved(100.0, 0.0);
        let merged = merge(vec![a, c, b]);
        assert_eq!(merged.len(), 2);
        assert!(merged.contains(&square(15, 15)));
        assert!(merged.contains(&c));
    }

    #[test]
    fn pixels_are_clamped_to_the_map() {
        let region = square(10, 10).moved(-3.5, 4.2);
        assert_eq!(region.pixels(8, 8), Some((0, 4, 7, 4)));
        assert_eq!(region.moved(20.0, 0.0).pixels(8, 8), None);
    }
}
