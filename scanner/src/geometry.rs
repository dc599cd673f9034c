//! Plain geometry shared by the stages: points and the page quadrilateral.
//!
//! Coordinates are in pixels of the image they were measured on, x to the right, y down.

use serde::Serialize;

/// A point in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Horizontal position, pixels from the left edge.
    pub x: f32,
    /// Vertical position, pixels from the top edge.
    pub y: f32,
}

impl Point {
    /// A point at `(x, y)`.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Euclidean distance to `other`.
    pub fn distance(self, other: Point) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// A page outline: four corners in the order top-left, top-right, bottom-right, bottom-left
/// (as the page is meant to be read, once oriented).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quad {
    /// The corners: top-left, top-right, bottom-right, bottom-left.
    pub corners: [Point; 4],
}

impl Quad {
    /// The axis-aligned rectangle `width` × `height` at the origin.
    pub fn full(width: u32, height: u32) -> Self {
        let (w, h) = (width as f32, height as f32);
        Self {
            corners: [
                Point::new(0.0, 0.0),
                Point::new(w, 0.0),
                Point::new(w, h),
                Point::new(0.0, h),
            ],
        }
    }

    /// A quad from four corners in any order: they are sorted around their centre, clockwise on
    /// screen, starting from the one nearest the image's top-left.
    pub fn from_corners(corners: [Point; 4]) -> Self {
        let cx = corners.iter().map(|p| p.x).sum::<f32>() / 4.0;
        let cy = corners.iter().map(|p| p.y).sum::<f32>() / 4.0;
        let mut sorted = corners;
        sorted.sort_by(|a, b| {
            (a.y - cy)
                .atan2(a.x - cx)
                .total_cmp(&(b.y - cy).atan2(b.x - cx))
        });
        let first = (0..4)
            .min_by(|&i, &j| (sorted[i].x + sorted[i].y).total_cmp(&(sorted[j].x + sorted[j].y)))
            .unwrap_or(0);
        sorted.rotate_left(first);
        Self { corners: sorted }
    }

    /// The same quad with every coordinate multiplied by `factor` (to move between image sizes).
    pub fn scaled(&self, factor: f32) -> Self {
        Self {
            corners: self.corners.map(|p| Point::new(p.x * factor, p.y * factor)),
        }
    }

    /// The bounding box as (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        self.corners.iter().fold(
            (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
            |(l, t, r, b), p| (l.min(p.x), t.min(p.y), r.max(p.x), b.max(p.y)),
        )
    }

    /// Whether `point` lies inside the quad (which must be convex, as page outlines are).
    pub fn contains(&self, point: Point) -> bool {
        let c = &self.corners;
        let crosses: [f32; 4] = std::array::from_fn(|i| {
            let (a, b) = (c[i], c[(i + 1) % 4]);
            (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
        });
        crosses.iter().all(|&v| v >= 0.0) || crosses.iter().all(|&v| v <= 0.0)
    }

    /// Whether every corner's angle lies within `min_degrees`..=`180 - min_degrees`: a
    /// photographed sheet is convex and seen from above, never a dart or a sliver.
    pub fn is_plausible_sheet(&self, min_degrees: f32) -> bool {
        let c = &self.corners;
        let turns: [f32; 4] = std::array::from_fn(|i| {
            let (before, at, after) = (c[(i + 3) % 4], c[i], c[(i + 1) % 4]);
            let (u, v) = (
                (at.x - before.x, at.y - before.y),
                (after.x - at.x, after.y - at.y),
            );
            (u.0 * v.1 - u.1 * v.0)
                .atan2(u.0 * v.0 + u.1 * v.1)
                .to_degrees()
        });
        let limit = 180.0 - min_degrees;
        turns.iter().all(|t| (min_degrees..=limit).contains(t))
            || turns.iter().all(|t| (-limit..=-min_degrees).contains(t))
    }

    /// Area enclosed by the corners (shoelace formula), in square pixels.
    pub fn area(&self) -> f32 {
        let c = &self.corners;
        let mut twice = 0.0;
        for i in 0..4 {
            let (a, b) = (c[i], c[(i + 1) % 4]);
            twice += a.x * b.y - b.x * a.y;
        }
        twice.abs() / 2.0
    }

    /// Largest distance any corner moved between `self` and `other`.
    pub fn max_corner_shift(&self, other: &Quad) -> f32 {
        self.corners
            .iter()
            .zip(other.corners.iter())
            .map(|(a, b)| a.distance(*b))
            .fold(0.0, f32::max)
    }

    /// Mean length of the top and bottom edges, and of the left and right edges.
    pub fn mean_sides(&self) -> (f32, f32) {
        let [tl, tr, br, bl] = self.corners;
        (
            (tl.distance(tr) + bl.distance(br)) / 2.0,
            (tl.distance(bl) + tr.distance(br)) / 2.0,
        )
    }
}

/// An axis-aligned rectangle in image pixels (a word's box, a crop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rectangle_is_a_plausible_sheet_and_a_dart_is_not() {
        assert!(Quad::full(30, 20).is_plausible_sheet(60.0));
        let mut dart = Quad::full(30, 20);
        // The bottom-right corner pulled inside: a concave outline.
        dart.corners[2] = Point::new(10.0, 8.0);
        assert!(!dart.is_plausible_sheet(60.0));
        let mut sliver = Quad::full(30, 20);
        // The top-right corner pulled far out: a 30° corner at the top-left.
        sliver.corners[1] = Point::new(60.0, -17.3);
        assert!(!sliver.is_plausible_sheet(60.0));
    }

    #[test]
    fn full_quad_area_is_width_times_height() {
        assert_eq!(Quad::full(30, 20).area(), 600.0);
    }

    #[test]
    fn corner_shift_is_the_largest_move() {
        let a = Quad::full(10, 10);
        let mut b = a;
        b.corners[2] = Point::new(13.0, 14.0);
        assert_eq!(a.max_corner_shift(&b), 5.0);
    }

    #[test]
    fn corners_in_any_order_are_sorted_clockwise_from_top_left() {
        let (tl, tr, br, bl) = (
            Point::new(12.0, 8.0),
            Point::new(90.0, 15.0),
            Point::new(85.0, 120.0),
            Point::new(5.0, 110.0),
        );
        let quad = Quad::from_corners([br, tl, bl, tr]);
        assert_eq!(quad.corners, [tl, tr, br, bl]);
    }

    #[test]
    fn contains_points_inside_only() {
        let quad = Quad::from_corners([
            Point::new(10.0, 0.0),
            Point::new(20.0, 10.0),
            Point::new(10.0, 20.0),
            Point::new(0.0, 10.0),
        ]);
        assert!(quad.contains(Point::new(10.0, 10.0)));
        assert!(!quad.contains(Point::new(1.0, 1.0)));
        assert_eq!(quad.bounds(), (0.0, 0.0, 20.0, 20.0));
        assert_eq!(quad.scaled(2.0).bounds(), (0.0, 0.0, 40.0, 40.0));
    }

    #[test]
    fn mean_sides_of_a_rectangle() {
        assert_eq!(Quad::full(30, 20).mean_sides(), (30.0, 20.0));
    }
}
