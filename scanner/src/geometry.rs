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
    fn mean_sides_of_a_rectangle() {
        assert_eq!(Quad::full(30, 20).mean_sides(), (30.0, 20.0));
    }
}
