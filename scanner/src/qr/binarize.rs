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
//! Most frames hold no code, so this runs on every frame and its cost is the reader's floor:
//! the window sums are worked out a row at a time with the same arithmetic for every pixel (so
//! the compiler can vectorise it), once for all thresholds, and each map is a [`BitMap`] of 64
//! pixels to a word, which the finder scan reads a word at a time. A colour frame is turned
//! grey and halved in one pass ([`grey_half`]), as half size is where every frame is looked at
//! first.

use image::{GrayImage, Luma, RgbImage};

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

    /// Sum of the pixels in columns `x0..x1` and rows `y0..y1`: what [`binarize`] works out a
    /// row at a time, one window at a time for the tests to compare with.
    #[cfg(test)]
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

/// A dark/light map, 64 pixels to a word: pixel `x` of a row is bit `x % 64` of the row's word
/// `x / 64`, set when the pixel is dark. Each row has at least one bit more than the map is
/// wide, and the bits past the width are light, so every row ends on a light pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitMap {
    width: usize,
    height: usize,
    /// Words per row.
    stride: usize,
    words: Vec<u64>,
}

impl BitMap {
    /// An all-light map of `width` × `height` pixels.
    fn new(width: usize, height: usize) -> Self {
        let stride = width / 64 + 1;
        Self {
            width,
            height,
            stride,
            words: vec![0; stride * height],
        }
    }

    /// The map of a grey image whose non-zero pixels are dark.
    #[cfg(test)]
    pub fn from_grey(image: &GrayImage) -> Self {
        let width = image.width() as usize;
        let mut map = Self::new(width, image.height() as usize);
        let mut row = vec![0u8; width];
        for (y, pixels) in image.as_raw().chunks_exact(width.max(1)).enumerate() {
            for (bit, &pixel) in row.iter_mut().zip(pixels) {
                *bit = u8::from(pixel != 0);
            }
            map.set_row(y, &row);
        }
        map
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Whether the pixel at `(x, y)` is dark; `None` outside the map.
    pub fn dark(&self, x: usize, y: usize) -> Option<bool> {
        (x < self.width && y < self.height)
            .then(|| (self.words[y * self.stride + x / 64] >> (x % 64)) & 1 == 1)
    }

    /// The words of row `y` (see the type's layout).
    pub fn row(&self, y: usize) -> &[u64] {
        &self.words[y * self.stride..(y + 1) * self.stride]
    }

    /// The part of the map at `(x, y)`, `width` × `height` pixels, as the grey image of 1
    /// (dark) and 0 (light) that rqrr's `PreparedImage::without_preparation` takes; pixels
    /// outside the map are light.
    pub fn crop_grey(&self, x: u32, y: u32, width: u32, height: u32) -> GrayImage {
        GrayImage::from_fn(width, height, |cx, cy| {
            let dark = self.dark((x + cx) as usize, (y + cy) as usize);
            Luma([u8::from(dark == Some(true))])
        })
    }

    /// Sets row `y` from one byte per pixel, each 0 (light) or 1 (dark).
    fn set_row(&mut self, y: usize, bytes: &[u8]) {
        let row = &mut self.words[y * self.stride..(y + 1) * self.stride];
        for (word, chunk) in row.iter_mut().zip(bytes.chunks(64)) {
            let mut bits = 0u64;
            for (n, group) in chunk.chunks(8).enumerate() {
                let mut eight = [0u8; 8];
                eight[..group.len()].copy_from_slice(group);
                bits |= pack_eight(u64::from_le_bytes(eight)) << (8 * n);
            }
            *word = bits;
        }
    }
}

/// Eight bytes of 0 or 1 (the first in the lowest byte) as eight bits (the first lowest): the
/// multiplication moves byte `i` to bit `56 + i`, and no two partial products meet.
fn pack_eight(bytes: u64) -> u64 {
    bytes.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The dark/light maps of `image`, one per threshold in `thresholds`, all against the mean of
/// the window reaching `radius` pixels around each pixel; `integral` must be `image`'s table.
/// The window sums, the costly part, are worked out once for all the maps.
pub fn binarize(
    image: &GrayImage,
    integral: &Integral,
    radius: u32,
    thresholds: &[Threshold],
) -> Vec<BitMap> {
    let (width, height) = (integral.width, integral.height);
    let radius = radius.clamp(1, MAX_RADIUS) as usize;
    // Percentages above 100 would say nothing more and could overflow the sums.
    let limits: Vec<(u32, u32, bool)> = thresholds
        .iter()
        .map(|t| (t.margin_percent.min(100), t.min_margin.min(255), t.inverted))
        .collect();
    let mut maps = vec![BitMap::new(width, height); thresholds.len()];
    // Columns each pixel's window spans, the same on every row; away from the left and right
    // edges that is always `2 × radius + 1`.
    let spans: Vec<u32> = (0..width)
        .map(|x| ((x + radius + 1).min(width) - x.saturating_sub(radius)) as u32)
        .collect();
    let inner = radius.min(width)..width.saturating_sub(radius).max(radius.min(width));
    let stride = width + 1;
    // Per row: the column sums of the window's rows, then each pixel's window sum, pixel
    // count, and level times count.
    let mut columns = vec![0u32; stride];
    let mut sums = vec![0u32; width];
    let mut counts = vec![0u32; width];
    let mut scaled = vec![0u32; width];
    let mut bits = vec![0u8; width];
    for y in 0..height {
        let y0 = y.saturating_sub(radius);
        let y1 = (y + radius + 1).min(height);
        let rows = (y1 - y0) as u32;
        let top = &integral.sums[y0 * stride..(y0 + 1) * stride];
        let bottom = &integral.sums[y1 * stride..(y1 + 1) * stride];
        // A summed-area table grows downwards: these never underflow.
        for ((column, &b), &t) in columns.iter_mut().zip(bottom).zip(top) {
            *column = b - t;
        }
        for x in (0..inner.start).chain(inner.end..width) {
            let x0 = x.saturating_sub(radius);
            let x1 = (x + radius + 1).min(width);
            sums[x] = columns[x1] - columns[x0];
        }
        // Pixels whose window lies wholly inside the row (none in a row narrower than a
        // window, where the loop above did every pixel).
        let (a, b) = (inner.start, inner.end);
        if a < b {
            for ((sum, &right), &left) in sums[a..b]
                .iter_mut()
                .zip(&columns[a + radius + 1..b + radius + 1])
                .zip(&columns[a - radius..b - radius])
            {
                *sum = right - left;
            }
        }
        let source = &image.as_raw()[y * width..(y + 1) * width];
        for (((count, scaled), &span), &level) in counts
            .iter_mut()
            .zip(scaled.iter_mut())
            .zip(&spans)
            .zip(source)
        {
            // At most 321² pixels of at most 255: every product here and below fits in u32.
            *count = rows * span;
            *scaled = u32::from(level) * *count;
        }
        for (map, &(margin_percent, min_margin, inverted)) in maps.iter_mut().zip(&limits) {
            let pixels = bits.iter_mut().zip(&sums).zip(&counts).zip(&scaled);
            if inverted {
                for (((bit, &sum), &count), &scaled) in pixels {
                    let margin = (sum / 100 * margin_percent).max(min_margin * count);
                    *bit = u8::from(scaled > sum + margin);
                }
            } else {
                for (((bit, &sum), &count), &scaled) in pixels {
                    let margin = (sum / 100 * margin_percent).max(min_margin * count);
                    *bit = u8::from(scaled + margin < sum);
                }
            }
            map.set_row(y, &bits);
        }
    }
    maps
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

/// The grey levels of `image` at half its size (odd edges dropped): each pixel the grey
/// level of a 2 × 2 block's mean colour, with the weights of [`grey`]. One pass over the
/// colour frame instead of a full-size grey copy and a second pass to halve it.
pub fn grey_half(image: &RgbImage) -> GrayImage {
    let (width, height) = (image.width() / 2, image.height() / 2);
    let source = image.as_raw();
    let stride = 3 * image.width() as usize;
    let mut out = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height as usize {
        let top = &source[2 * y * stride..][..6 * width as usize];
        let bottom = &source[(2 * y + 1) * stride..][..6 * width as usize];
        out.extend(
            top.chunks_exact(6)
                .zip(bottom.chunks_exact(6))
                .map(|(t, b)| {
                    let channel = |c: usize| {
                        u32::from(t[c])
                            + u32::from(t[c + 3])
                            + u32::from(b[c])
                            + u32::from(b[c + 3])
                    };
                    // Four pixels' worth of each channel: the weights' sum times four.
                    ((2126 * channel(0) + 7152 * channel(1) + 722 * channel(2) + 20_000) / 40_000)
                        as u8
                }),
        );
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
    fn map(image: &GrayImage, inverted: bool) -> BitMap {
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

    /// Every map of `image` worked out one window at a time, as the definition says.
    fn direct_maps(image: &GrayImage, radius: usize, thresholds: &[Threshold]) -> Vec<GrayImage> {
        let integral = Integral::new(image).unwrap();
        let (width, height) = (image.width() as usize, image.height() as usize);
        thresholds
            .iter()
            .map(|t| {
                GrayImage::from_fn(width as u32, height as u32, |x, y| {
                    let (x, y) = (x as usize, y as usize);
                    let (x0, y0) = (x.saturating_sub(radius), y.saturating_sub(radius));
                    let (x1, y1) = ((x + radius + 1).min(width), (y + radius + 1).min(height));
                    let count = ((x1 - x0) * (y1 - y0)) as u32;
                    let sum = integral.window_sum(x0, y0, x1, y1);
                    let scaled = u32::from(image.get_pixel(x as u32, y as u32).0[0]) * count;
                    let margin = (sum / 100 * t.margin_percent).max(t.min_margin * count);
                    let dark = if t.inverted {
                        scaled > sum + margin
                    } else {
                        scaled + margin < sum
                    };
                    image::Luma([u8::from(dark)])
                })
            })
            .collect()
    }

    #[test]
    fn maps_match_the_window_by_window_definition() {
        // Texture with edges and steps, on widths below, around and above the window's.
        let thresholds = [threshold(false), threshold(true)];
        for (width, height, radius) in [(150, 40, 6), (9, 12, 6), (13, 13, 6), (70, 3, 1)] {
            let image = GrayImage::from_fn(width, height, |x, y| {
                image::Luma([((x * 37 + y * 11) % 97
                    + if (x / 5 + y / 3) % 2 == 0 { 0 } else { 140 })
                    as u8])
            });
            let integral = Integral::new(&image).unwrap();
            let maps = binarize(&image, &integral, radius, &thresholds);
            for (bits, direct) in maps
                .iter()
                .zip(direct_maps(&image, radius as usize, &thresholds))
            {
                assert_eq!(
                    bits,
                    &BitMap::from_grey(&direct),
                    "{width} × {height}, radius {radius}"
                );
            }
        }
    }

    #[test]
    fn bit_maps_keep_every_pixel_and_end_rows_light() {
        for width in [1, 63, 64, 65, 130] {
            let image = GrayImage::from_fn(width, 3, |x, y| {
                image::Luma([u8::from((x * 7 + y) % 3 == 0)])
            });
            let bits = BitMap::from_grey(&image);
            assert_eq!(bits.crop_grey(0, 0, width, 3), image);
            assert_eq!(bits.dark(width as usize, 0), None);
            for y in 0..3 {
                let row = bits.row(y);
                assert!(row.len() * 64 > width as usize);
                let past = width as usize;
                assert_eq!(
                    row[past / 64] >> (past % 64),
                    0,
                    "bits past the width are light"
                );
            }
        }
        // Cropping past the edge gives light pixels.
        let dark = BitMap::from_grey(&GrayImage::from_pixel(4, 4, image::Luma([1])));
        assert_eq!(dark.crop_grey(2, 2, 4, 4).get_pixel(3, 3).0[0], 0);
        assert_eq!(dark.crop_grey(2, 2, 4, 4).get_pixel(1, 1).0[0], 1);
    }

    #[test]
    fn colour_halving_matches_grey_then_half_within_a_level() {
        let colour = RgbImage::from_fn(33, 17, |x, y| {
            image::Rgb([(x * 16) as u8, (y * 28) as u8, ((x * y * 7) % 256) as u8])
        });
        let fused = grey_half(&colour);
        let stepwise = half(&grey(&colour));
        assert_eq!(fused.dimensions(), stepwise.dimensions());
        for (a, b) in fused.pixels().zip(stepwise.pixels()) {
            assert!(
                a.0[0].abs_diff(b.0[0]) <= 1,
                "{} against {}",
                a.0[0],
                b.0[0]
            );
        }
    }

    #[test]
    fn dark_square_on_light_ground_is_dark_and_only_it() {
        let image = GrayImage::from_fn(20, 20, |x, y| {
            let inside = (8..12).contains(&x) && (8..12).contains(&y);
            image::Luma([if inside { 60 } else { 200 }])
        });
        let bits = map(&image, false);
        assert_eq!(bits.dark(9, 9), Some(true));
        assert_eq!(bits.dark(2, 2), Some(false));
        let inverted = map(&image, true);
        assert_eq!(inverted.dark(9, 9), Some(false));
        assert_eq!(
            inverted.dark(7, 9),
            Some(true),
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
            assert!((0..30).all(|y| bits.row(y).iter().all(|&word| word == 0)));
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
            let bits = map(&image, false);
            assert_eq!((bits.width(), bits.height()), (w as usize, h as usize));
            let _ = half(&image);
            let _ = grey_half(&RgbImage::new(w, h));
        }
    }
}
