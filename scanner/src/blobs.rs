//! Blobs of ink: the connected groups of dark pixels on a page, with their bounding boxes.
//!
//! Labelling pixel by pixel (imageproc's `connected_components`) keeps a label and a
//! union-find node for every pixel, about 20 bytes a pixel: 21 MB for a halved A4 page, at the
//! very moment a page is read and the kiosk's memory peaks. Here the runs of dark pixels along
//! each row are joined instead, so the working memory grows with the amount of print, not with
//! the page's area. The blobs are the same: pixels touching by a side or a corner belong
//! together.

use std::collections::HashMap;

use image::GrayImage;

/// One blob: its bounding box (edges included) and how many pixels it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Blob {
    /// The leftmost column.
    pub left: u32,
    /// The top row.
    pub top: u32,
    /// The rightmost column.
    pub right: u32,
    /// The bottom row.
    pub bottom: u32,
    /// How many pixels.
    pub pixels: u32,
}

impl Blob {
    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.right - self.left + 1
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.bottom - self.top + 1
    }

    fn merge(&mut self, other: Blob) {
        self.left = self.left.min(other.left);
        self.top = self.top.min(other.top);
        self.right = self.right.max(other.right);
        self.bottom = self.bottom.max(other.bottom);
        self.pixels += other.pixels;
    }
}

/// The blobs of pixels no lighter than `level`, eight-connected, in no particular order.
pub fn dark_blobs(image: &GrayImage, level: u8) -> Vec<Blob> {
    let width = image.width() as usize;
    // Each run of dark pixels on a row, as a one-row blob; `parent` joins runs that touch.
    let mut runs: Vec<Blob> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut row_above = 0..0;
    for (y, row) in image.as_raw().chunks_exact(width.max(1)).enumerate() {
        let row_start = runs.len();
        let mut x = 0;
        while x < row.len() {
            if row[x] > level {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] <= level {
                x += 1;
            }
            parent.push(runs.len());
            runs.push(Blob {
                left: start as u32,
                top: y as u32,
                right: (x - 1) as u32,
                bottom: y as u32,
                pixels: (x - start) as u32,
            });
        }
        // Runs are in order along a row: each run touches a contiguous range of the runs
        // above, those that reach within one column of it.
        let mut first_above = row_above.start;
        for run in row_start..runs.len() {
            let (left, right) = (runs[run].left, runs[run].right);
            while first_above < row_above.end && runs[first_above].right + 1 < left {
                first_above += 1;
            }
            let mut above = first_above;
            while above < row_above.end && runs[above].left <= right + 1 {
                join(&mut parent, above, run);
                above += 1;
            }
        }
        row_above = row_start..runs.len();
    }
    let mut blobs: HashMap<usize, Blob> = HashMap::new();
    for (index, run) in runs.iter().enumerate() {
        let root = root(&mut parent, index);
        blobs
            .entry(root)
            .and_modify(|blob| blob.merge(*run))
            .or_insert(*run);
    }
    blobs.into_values().collect()
}

/// The run that stands for `index`'s blob (halving the path on the way).
fn root(parent: &mut [usize], mut index: usize) -> usize {
    while parent[index] != index {
        parent[index] = parent[parent[index]];
        index = parent[index];
    }
    index
}

fn join(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (root(parent, a), root(parent, b));
    parent[a.max(b)] = a.min(b);
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;
    use imageproc::region_labelling::{Connectivity, connected_components};

    /// The blobs as imageproc labels them, pixel by pixel.
    fn labelled(image: &GrayImage, level: u8) -> Vec<Blob> {
        let ink = GrayImage::from_fn(image.width(), image.height(), |x, y| {
            Luma([u8::from(image.get_pixel(x, y).0[0] <= level)])
        });
        let labels = connected_components(&ink, Connectivity::Eight, Luma([0]));
        let mut blobs: HashMap<u32, Blob> = HashMap::new();
        for (x, y, label) in labels.enumerate_pixels() {
            if label.0[0] == 0 {
                continue;
            }
            let pixel = Blob {
                left: x,
                top: y,
                right: x,
                bottom: y,
                pixels: 1,
            };
            blobs
                .entry(label.0[0])
                .and_modify(|blob| blob.merge(pixel))
                .or_insert(pixel);
        }
        blobs.into_values().collect()
    }

    fn sorted(mut blobs: Vec<Blob>) -> Vec<Blob> {
        blobs.sort_unstable();
        blobs
    }

    #[test]
    fn the_same_blobs_as_labelling_every_pixel() {
        // Random pages from sparse to dense ink: diagonal contacts, U shapes joined from
        // below, runs touching several runs above.
        let mut state = 0x2545_f491_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        for (size, density) in [(7, 30), (40, 45), (97, 55), (150, 20)] {
            let height = size * 2 / 3 + 1;
            let image = GrayImage::from_fn(size, height, |_, _| {
                Luma([if next() % 100 < density { 20 } else { 230 }])
            });
            assert_eq!(
                sorted(dark_blobs(&image, 128)),
                sorted(labelled(&image, 128)),
                "{size}×{height}, {density} % ink"
            );
        }
    }

    #[test]
    fn pixels_touching_by_a_corner_are_one_blob() {
        let image = GrayImage::from_fn(4, 4, |x, y| Luma([if x == y { 0 } else { 255 }]));
        let blobs = dark_blobs(&image, 100);
        assert_eq!(blobs.len(), 1);
        assert_eq!(
            (blobs[0].width(), blobs[0].height(), blobs[0].pixels),
            (4, 4, 4)
        );
    }

    #[test]
    fn an_empty_image_has_no_blobs() {
        assert!(dark_blobs(&GrayImage::new(0, 0), 255).is_empty());
        assert!(dark_blobs(&GrayImage::from_pixel(5, 3, Luma([255])), 254).is_empty());
    }
}
