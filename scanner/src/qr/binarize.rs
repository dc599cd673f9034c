//! Black and white from a grey camera frame, the way a QR finder needs it.
//!
//! rqrr's own threshold is a running average along each row: it loses codes under uneven
//! light, glare and low contrast. Here every pixel is compared with the mean of a square window
//! around it (Bradley's method, with an integral image so the window costs four look-ups
//! whatever its size). A pixel is a dark module when it is darker than that mean by a margin —
//! a fraction of the mean, and never less than a few grey levels so flat, noisy paper stays
//! white. The inverted reading (light modules on a dark ground, as phone screens in dark mode
//! show them) uses the same margin the other way round.
//!
//! The output is a [`GrayImage`] holding 1 for dark and 0 for light: the form rqrr's
//! `PreparedImage::without_preparation` takes.

use image::{GrayImage, RgbImage};

/// How a grey image is turned into dark and light modules, given the local mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// How much darker than the local mean a dark module must be, in percent of that mean.
    pub margin_percent: u32,
    /// The smallest difference from the local mean that counts, in grey levels.
    pub min_margin: u32,
    /// Whether light modules on a dark ground are wanted (light pixels become 1).
    pub inverted: bool,
}

/// Summed-area table of a grey image: any window's sum in four look-ups.
pub struct Integral {
    width: usize,
    height: usize,
    /// `(width + 1) × (height + 1)` running sums; row 0 and column 0 are zero.
    sums: Vec<u32>,
}

impl Integral {
    /// The largest image accepted: its total sum must fit the `u32` cells.
    pub const MAX_PIXELS: usize = (u32::MAX / 255) as usize;

    /// The summed-area table of `image`, or `None` when the image is too large for it.
    pub fn new(image: &GrayImage) -> Option<Self> {
        let (width, height) = (image.width() as usize, image.height() as usize);
        if width * height > Self::MAX_PIXELS {
            return None;
        }
        let stride = width + 1;
        let mut sums = vec![0u32; stride * (height + 1)];
        for (y, row) in image.as_raw().chunks_exact(width.max(1)).enumerate() {
            let mut row_sum = 0u32;
            let (above, current) = sums.split_at_mut((y + 1) * stride);
            let above = &above[y * stride..];
            for (x, &p) in row.iter().enumerate() {
                row_sum += u32::from(p);
                current[x + 1] = above[x + 1] + row_sum;
            }
        }
        Some(Self {
            width,
            height,
            sums,
        })
    }

    /// Sum of the pixels in columns `x0..x1` and rows `y0..y1`.
    fn window_sum(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u32 {
        let stride = self.width + 1;
        let (top, bottom) = (y0 * stride, y1 * stride);
        // The four-corner formula never underflows for a summed-area table.
        self.sums[bottom + x1] + self.sums[top + x0] - self.sums[bottom + x0] - self.sums[top + x1]
    }
}

/// The largest window radius: beyond it a window spans several codes' worth of frame, and
/// the per-pixel sums below stay within `u32`.
pub const MAX_RADIUS: u32 = 160;

/// The dark/light maps of `image`, one per threshold in `thresholds`, all against the mean of
/// the window reaching `radius` pixels around each pixel; `integral` must be `image`'s table.
/// The window sums, the costly part, are worked out once for all the maps.
pub fn binarize(
    image: &GrayImage,
    integral: &Integral,
    radius: u32,
    thresholds: &[Threshold],
) -> Vec<GrayImage> {
    let (width, height) = (integral.width, integral.height);
    let radius = radius.clamp(1, MAX_RADIUS) as usize;
    // Percentages above 100 would say nothing more and could overflow the sums.
    let limits: Vec<(u32, u32, bool)> = thresholds
        .iter()
        .map(|t| (t.margin_percent.min(100), t.min_margin.min(255), t.inverted))
        .collect();
    let mut outs = vec![vec![0u8; width * height]; thresholds.len()];
    for y in 0..height {
        let y0 = y.saturating_sub(radius);
        let y1 = (y + radius + 1).min(height);
        let rows = (y1 - y0) as u32;
        let source = &image.as_raw()[y * width..(y + 1) * width];
        for x in 0..width {
            let x0 = x.saturating_sub(radius);
            let x1 = (x + radius + 1).min(width);
            // At most 321² pixels of at most 255: every product below fits in u32.
            let count = rows * (x1 - x0) as u32;
            let sum = integral.window_sum(x0, y0, x1, y1);
            let scaled = u32::from(source[x]) * count;
            for (out, &(margin_percent, min_margin, inverted)) in outs.iter_mut().zip(&limits) {
                let margin = (sum / 100 * margin_percent).max(min_margin * count);
                let dark = if inverted {
                    scaled > sum + margin
                } else {
                    scaled + margin < sum
                };
                out[y * width + x] = u8::from(dark);
            }
        }
    }
    outs.into_iter()
        .map(|out| {
            GrayImage::from_raw(width as u32, height as u32, out)
                .expect("the buffer is sized from the image's own dimensions")
        })
        .collect()
}

/// The grey levels of `image` (ITU-R BT.709 weights, as `image`'s own conversion uses),
/// worked out on the raw bytes so the compiler can vectorise it: a camera frame has two
/// million pixels.
pub fn grey(image: &RgbImage) -> GrayImage {
    let levels = image
        .as_raw()
        .chunks_exact(3)
        .map(|rgb| {
            let [r, g, b] = [rgb[0], rgb[1], rgb[2]].map(u32::from);
            ((2126 * r + 7152 * g + 722 * b) / 10_000) as u8
        })
        .collect();
    GrayImage::from_raw(image.width(), image.height(), levels)
        .expect("one level per pixel of the image")
}

/// `image` at half its size, each pixel the mean of a 2 × 2 block (odd edges dropped).
pub fn half(image: &GrayImage) -> GrayImage {
    let (width, height) = (image.width() / 2, image.height() / 2);
    let source = image.as_raw();
    let stride = image.width() as usize;
    let mut out = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height as usize {
        let top = &source[2 * y * stride..];
        let bottom = &source[(2 * y + 1) * stride..];
        for x in 0..width as usize {
            let sum = u16::from(top[2 * x])
                + u16::from(top[2 * x + 1])
                + u16::from(bottom[2 * x])
                + u16::from(bottom[2 * x + 1]);
            out.push(((sum + 2) / 4) as u8);
        }
    }
    GrayImage::from_raw(width, height, out).expect("the buffer is sized from the halved image")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RADIUS: u32 = 4;

    fn threshold(inverted: bool) -> Threshold {
        Threshold {
            margin_percent: 10,
            min_margin: 4,
            inverted,
        }
    }

    /// The map of `image` under `threshold(inverted)`.
    fn map(image: &GrayImage, inverted: bool) -> GrayImage {
        let integral = Integral::new(image).unwrap();
        binarize(image, &integral, RADIUS, &[threshold(inverted)])
            .pop()
            .unwrap()
    }

    #[test]
    fn window_sums_match_a_direct_count() {
        let image = GrayImage::from_fn(7, 5, |x, y| image::Luma([(x * 31 + y * 17) as u8]));
        let integral = Integral::new(&image).unwrap();
        let direct: u32 = (1..6)
            .flat_map(|x| (2..4).map(move |y| (x, y)))
            .map(|(x, y)| u32::from(image.get_pixel(x, y).0[0]))
            .sum();
        assert_eq!(integral.window_sum(1, 2, 6, 4), direct);
    }

    #[test]
    fn dark_square_on_light_ground_is_dark_and_only_it() {
        let image = GrayImage::from_fn(20, 20, |x, y| {
            let inside = (8..12).contains(&x) && (8..12).contains(&y);
            image::Luma([if inside { 60 } else { 200 }])
        });
        let bits = map(&image, false);
        assert_eq!(bits.get_pixel(9, 9).0[0], 1);
        assert_eq!(bits.get_pixel(2, 2).0[0], 0);
        let inverted = map(&image, true);
        assert_eq!(inverted.get_pixel(9, 9).0[0], 0);
        assert_eq!(
            inverted.get_pixel(7, 9).0[0],
            1,
            "the light rim beside the square"
        );
    }

    #[test]
    fn flat_noisy_paper_stays_light() {
        let image = GrayImage::from_fn(30, 30, |x, y| {
            image::Luma([180 + ((x * 7 + y * 3) % 3) as u8])
        });
        let integral = Integral::new(&image).unwrap();
        let maps = binarize(
            &image,
            &integral,
            RADIUS,
            &[threshold(false), threshold(true)],
        );
        assert_eq!(maps.len(), 2);
        for bits in maps {
            assert!(bits.pixels().all(|p| p.0[0] == 0));
        }
    }

    #[test]
    fn grey_weighs_channels_like_the_image_crate() {
        let colour = RgbImage::from_fn(16, 9, |x, y| {
            image::Rgb([(x * 16) as u8, (y * 28) as u8, ((x * y) % 256) as u8])
        });
        assert_eq!(grey(&colour), image::imageops::grayscale(&colour));
    }

    #[test]
    fn halving_averages_blocks_and_drops_odd_edges() {
        let image =
            GrayImage::from_fn(5, 3, |x, _| image::Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let small = half(&image);
        assert_eq!(small.dimensions(), (2, 1));
        assert!(small.pixels().all(|p| p.0[0] == 100));
    }

    #[test]
    fn degenerate_images_do_not_panic() {
        for (w, h) in [(0, 0), (1, 0), (0, 1), (1, 1), (1, 9), (9, 1)] {
            let image = GrayImage::new(w, h);
            assert_eq!(map(&image, false).dimensions(), (w, h));
            let _ = half(&image);
        }
    }
}
