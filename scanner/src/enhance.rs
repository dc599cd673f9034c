//! Flattening, orienting and cleaning a page.
//!
//! A photographed page arrives as a quadrilateral in a camera frame: seen at an angle, lit
//! unevenly, maybe turned a quarter or upside down. Each function here does one step towards
//! the flat, upright, evenly white page that OCR and the PDF want, and each works on plain grey
//! images so it can be tested alone:
//!
//! 1. [`flatten`]: perspective correction from the page's outline to a rectangle at the
//!    resolution the photo offers; an outline close to A4 or ID-card proportions is given them
//!    exactly.
//! 2. [`normalise_background`]: divides the page by an estimate of its own paper brightness
//!    (a blurred maximum filter on a small copy), which removes shadows and light gradients and
//!    leaves white paper and dark ink — also what makes the PDF's JPEGs small.
//! 3. [`ocr_scale`]: measures the typical height of the print and chooses the scale at which it
//!    looks like body text scanned at 300 dpi: what tesseract reads best, and no more pixels
//!    than that (pixels are what OCR time is spent on).
//! 4. [`text_axis`](crate::orient::text_axis) and [`turn`] put text lines horizontal;
//!    [`skew_angle`] and [`deskew`] remove the last few degrees of tilt.
//! 5. [`upright_score`] tells upright from upside-down text without OCR: Latin print has far
//!    more ink above its x-height band (capitals, ascenders) than below its baseline
//!    (descenders). When that signal is weak, the pipeline compares OCR legibility both ways.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma};
use imageproc::contrast::otsu_level;
use imageproc::filter::gaussian_blur_f32;
use imageproc::geometric_transformations::{
    Border, Interpolation, Projection, rotate_about_center, warp_into,
};
use imageproc::morphology::{Mask, grayscale_dilate};
use thiserror::Error;

use crate::geometry::Quad;

/// The resolution a page is prepared at, for the typical print size (10 pt body text).
pub const OCR_DPI: u32 = 300;
/// Typical height, in pixels, of a glyph or word of body text at [`OCR_DPI`]: the median
/// height of ink blobs, between the x-height and the capital height.
pub const TARGET_TEXT_HEIGHT: f32 = 22.0;
/// The longest side a flattened or prepared page may have (A4 at 300 dpi is 3508 pixels).
pub const MAX_PAGE_SIDE: u32 = 3600;
/// The most a page is enlarged for OCR: beyond that, enlarging invents nothing readable.
const MAX_UPSCALE: f32 = 2.0;
/// Long side of the copy background, skew and orientation are measured on.
const MEASURE_SIDE: u32 = 1200;
/// Long side of the copy the paper brightness is estimated on.
const BACKGROUND_SIDE: u32 = 96;
/// Tilts up to this many degrees are measured and corrected.
const MAX_SKEW_DEGREES: f32 = 6.0;
/// Near-black ink, for the tilt measure: no lighter than this fraction of the ink level.
const BLACK_INK_SHARE: u8 = 3;
/// The fewest near-black pixels that draw a page's lines (a short card holds thousands).
const MIN_BLACK_INK: usize = 500;
/// Tilts smaller than this are left alone (rotating costs a resampling).
const MIN_SKEW_DEGREES: f32 = 0.3;
/// Known page proportions (long side over short side): ISO A-series paper, ID-1 cards.
const KNOWN_ASPECTS: [f32; 2] = [std::f32::consts::SQRT_2, 85.6 / 53.98];
/// How far (as a ratio) a measured proportion may be from a known one to be given it.
const ASPECT_SNAP: f32 = 0.06;

/// Why a page could not be flattened.
#[derive(Debug, Error, PartialEq)]
pub enum EnhanceError {
    /// The outline is too small or degenerate to hold a page.
    #[error("the page outline is degenerate ({width} × {height} pixels)")]
    DegenerateOutline {
        /// Width the outline would flatten to.
        width: u32,
        /// Height the outline would flatten to.
        height: u32,
    },
}

/// Quarter turns clockwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Turn {
    /// No turn.
    None,
    /// 90° clockwise.
    Quarter,
    /// 180°.
    Half,
    /// 270° clockwise (90° counter-clockwise).
    ThreeQuarters,
}

impl Turn {
    /// This turn followed by `other`.
    pub fn then(self, other: Turn) -> Turn {
        Turn::from_quarters(self.quarters() + other.quarters())
    }

    /// The turn in degrees clockwise.
    pub fn degrees(self) -> u32 {
        self.quarters() * 90
    }

    fn quarters(self) -> u32 {
        match self {
            Turn::None => 0,
            Turn::Quarter => 1,
            Turn::Half => 2,
            Turn::ThreeQuarters => 3,
        }
    }

    fn from_quarters(quarters: u32) -> Turn {
        match quarters % 4 {
            0 => Turn::None,
            1 => Turn::Quarter,
            2 => Turn::Half,
            _ => Turn::ThreeQuarters,
        }
    }
}

/// Rotates `page` by `turn` (clockwise).
pub fn turn(page: &GrayImage, turn: Turn) -> GrayImage {
    match turn {
        Turn::None => page.clone(),
        Turn::Quarter => imageops::rotate90(page),
        Turn::Half => imageops::rotate180(page),
        Turn::ThreeQuarters => imageops::rotate270(page),
    }
}

/// The size a flattened page gets: the outline's mean side lengths, given exact A4 or ID-card
/// proportions when close to them, and capped at [`MAX_PAGE_SIDE`].
pub fn flat_size(quad: &Quad) -> (u32, u32) {
    let (mut width, mut height) = quad.mean_sides();
    if width > 0.0 && height > 0.0 {
        let aspect = width.max(height) / width.min(height);
        if let Some(&known) = KNOWN_ASPECTS
            .iter()
            .find(|&&known| (aspect / known - 1.0).abs() < ASPECT_SNAP)
        {
            // Keep the area, take the known proportions.
            let area = width * height;
            let short = (area / known).sqrt();
            (width, height) = if width >= height {
                (short * known, short)
            } else {
                (short, short * known)
            };
        }
    }
    let cap = (MAX_PAGE_SIDE as f32 / width.max(height).max(1.0)).min(1.0);
    (
        (width * cap).round().max(0.0) as u32,
        (height * cap).round().max(0.0) as u32,
    )
}

/// Maps the page outlined by `quad` in `frame` onto a flat rectangle (see [`flat_size`]).
pub fn flatten(frame: &GrayImage, quad: &Quad) -> Result<GrayImage, EnhanceError> {
    let (width, height) = flat_size(quad);
    let degenerate = EnhanceError::DegenerateOutline { width, height };
    if width < 16 || height < 16 {
        return Err(degenerate);
    }
    let (w, h) = (width as f32, height as f32);
    let from = quad.corners.map(|p| (p.x, p.y));
    let to = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let projection = Projection::from_control_points(from, to).ok_or(degenerate)?;
    let mut flat = GrayImage::new(width, height);
    warp_into(
        frame,
        projection,
        Interpolation::Bilinear,
        Border::Constant(Luma([255])),
        &mut flat,
    );
    Ok(flat)
}

/// Evens out the paper: divides each pixel by the local paper brightness, so shadows and light
/// gradients vanish, then stretches the result so paper is white and the darkest print black.
pub fn normalise_background(page: &GrayImage) -> GrayImage {
    let (width, height) = page.dimensions();
    if width < 8 || height < 8 {
        return page.clone();
    }
    let small = crate::detect::downscale(page, BACKGROUND_SIDE);
    // The maximum over a neighbourhood wider than a line of print is the paper around it.
    let paper = gaussian_blur_f32(&grayscale_dilate(&small, &Mask::disk(2)), 1.5);
    let paper = crate::resample::resize(&paper, width, height, FilterType::Triangle);
    let mut flat = GrayImage::from_fn(width, height, |x, y| {
        let value = u32::from(page.get_pixel(x, y).0[0]);
        let light = u32::from(paper.get_pixel(x, y).0[0]).max(1);
        Luma([(value * 255 / light).min(255) as u8])
    });
    // Black point: the darkest percent of the page; white point: a little under paper white,
    // so that JPEG noise and paper grain become plain white.
    let black = u32::from(imageproc::stats::percentile(&flat, 1)).min(150);
    let white = 235u32;
    for pixel in flat.pixels_mut() {
        let v = u32::from(pixel.0[0]).clamp(black, white);
        pixel.0[0] = ((v - black) * 255 / (white - black)) as u8;
    }
    flat
}

/// The median height, in pixels, of the ink blobs on a clean page (glyphs, or words when the
/// glyphs touch); `None` when the page holds too little print to tell.
pub fn text_height(page: &GrayImage) -> Option<f32> {
    let (width, height) = page.dimensions();
    // Halving a large page keeps glyphs many pixels tall and the labelling four times cheaper.
    let factor = if width.max(height) > 2 * MEASURE_SIDE {
        2
    } else {
        1
    };
    let measured = if factor == 1 {
        page.clone()
    } else {
        crate::resample::resize(page, width / factor, height / factor, FilterType::Triangle)
    };
    let level = otsu_level(&measured).min(160);
    let blobs = crate::blobs::dark_blobs(&measured, level);
    let max_height = measured.height() / 15;
    let mut heights: Vec<u32> = blobs
        .iter()
        .filter_map(|blob| {
            let (w, h) = (blob.width(), blob.height());
            // Glyphs and words: not specks, not rules or frames, not pictures.
            (h >= 3 && h <= max_height && w <= 20 * h && blob.pixels >= 6).then_some(h)
        })
        .collect();
    if heights.len() < 20 {
        return None;
    }
    let middle = heights.len() / 2;
    let median = *heights.select_nth_unstable(middle).1;
    Some((median * factor) as f32)
}

/// The scale at which `page` looks like body text at [`OCR_DPI`], and the resolution the page
/// then has. Pages without measurable print keep their size and are taken to be A4.
pub fn ocr_scale(page: &GrayImage) -> (f32, u32) {
    let (width, height) = page.dimensions();
    let long = width.max(height).max(1) as f32;
    let cap = MAX_PAGE_SIDE as f32 / long;
    match text_height(page) {
        Some(text) => {
            let scale = (TARGET_TEXT_HEIGHT / text).min(MAX_UPSCALE).min(cap);
            let dpi = OCR_DPI as f32 * text * scale / TARGET_TEXT_HEIGHT;
            (scale, dpi.round().clamp(70.0, 1200.0) as u32)
        }
        None => {
            let scale = cap.min(1.0);
            // An A4 page's long side is 11.69 inches.
            let dpi = long * scale / 11.69;
            (scale, dpi.round().clamp(70.0, 1200.0) as u32)
        }
    }
}

/// `page` resized by `scale` (unchanged when the scale is within a percent of 1).
pub fn rescale(page: &GrayImage, scale: f32) -> GrayImage {
    if (scale - 1.0).abs() < 0.01 {
        return page.clone();
    }
    let (width, height) = page.dimensions();
    let filter = if scale < 1.0 {
        FilterType::Triangle
    } else {
        FilterType::CatmullRom
    };
    crate::resample::resize(
        page,
        ((width as f32 * scale).round() as u32).max(1),
        ((height as f32 * scale).round() as u32).max(1),
        filter,
    )
}

/// The tilt of the text lines of an upright page, in degrees clockwise, within
/// ±[`MAX_SKEW_DEGREES`]: the angle at which the ink's row profile is the most peaked.
pub fn skew_angle(page: &GrayImage) -> f32 {
    let ink = ink_points(page);
    if ink.len() < 50 {
        return 0.0;
    }
    let rows = ink.iter().map(|&(_, y)| y).fold(0.0f32, f32::max) as usize;
    let spread = ink.iter().map(|&(x, _)| x).fold(0.0f32, f32::max);
    let bins = rows + (spread * MAX_SKEW_DEGREES.to_radians().tan()) as usize * 2 + 4;
    let offset = bins as f32 / 2.0 - rows as f32 / 2.0;
    let mut profile = vec![0u32; bins];
    let mut best = (0.0f32, 0u64);
    let steps = (MAX_SKEW_DEGREES / 0.25) as i32;
    for step in -steps..=steps {
        let degrees = step as f32 * 0.25;
        let slope = degrees.to_radians().tan();
        profile.iter_mut().for_each(|b| *b = 0);
        for &(x, y) in &ink {
            // A line tilted clockwise by `degrees` descends by `slope` per pixel to the right.
            let bin = (y - x * slope + offset) as usize;
            if let Some(b) = profile.get_mut(bin) {
                *b += 1;
            }
        }
        let peakedness: u64 = profile.iter().map(|&b| u64::from(b) * u64::from(b)).sum();
        if peakedness > best.1 {
            best = (degrees, peakedness);
        }
    }
    best.0
}

/// `page` rotated by `degrees` counter-clockwise, undoing a clockwise tilt of that size; small
/// tilts are left alone. The corners uncovered by the rotation are paper white.
pub fn deskew(page: &GrayImage, degrees: f32) -> GrayImage {
    if degrees.abs() < MIN_SKEW_DEGREES {
        return page.clone();
    }
    rotate_about_center(
        page,
        -degrees.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([255])),
    )
}

/// How upright the text of a page with horizontal lines looks, from −1.0 (surely upside down)
/// to 1.0 (surely upright); near 0 when the page does not tell (all capitals, little text).
///
/// Each text line's core band (the rows where most of its ink is) is found in its row profile;
/// ink above the band (capitals, ascenders) is compared with ink below it (descenders). The
/// profile is taken in three vertical strips so that columns with different baselines do not
/// blur each other.
pub fn upright_score(page: &GrayImage) -> f32 {
    let small = crate::detect::downscale(page, MEASURE_SIDE);
    let (width, height) = small.dimensions();
    let level = otsu_level(&small).min(160);
    let (mut above, mut below) = (0.0f32, 0.0f32);
    let strips = 3;
    for strip in 0..strips {
        let (x0, x1) = (width * strip / strips, width * (strip + 1) / strips);
        let profile: Vec<f32> = (0..height)
            .map(|y| {
                (x0..x1)
                    .filter(|&x| small.get_pixel(x, y).0[0] <= level)
                    .count() as f32
            })
            .collect();
        for line in text_lines(&profile) {
            let rows = &profile[line.clone()];
            let peak = rows.iter().copied().fold(0.0, f32::max);
            let core: Vec<usize> = (0..rows.len()).filter(|&i| rows[i] >= peak * 0.5).collect();
            let (Some(&top), Some(&bottom)) = (core.first(), core.last()) else {
                continue;
            };
            above += rows[..top].iter().sum::<f32>();
            below += rows[bottom + 1..].iter().sum::<f32>();
        }
    }
    if above + below < 1.0 {
        0.0
    } else {
        (above - below) / (above + below)
    }
}

/// Runs of rows holding ink, separated by blank rows: the text lines of one strip.
fn text_lines(profile: &[f32]) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = None;
    for (i, &count) in profile.iter().chain(std::iter::once(&0.0)).enumerate() {
        match (start, count > 0.0) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                // Lines of one or two rows are rules or specks, not print.
                if i - s >= 4 {
                    lines.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    lines
}

/// Coordinates of the ink on a copy of bounded size: its near-black pixels when there are
/// enough of them to draw the lines, else all its dark pixels. A gingham cloth or a wooden
/// table around a card read as a whole photo is dark grey where print is black, and its
/// squares and boards run square to the photo, not along the print: counted, they pull the
/// measure towards naught.
fn ink_points(page: &GrayImage) -> Vec<(f32, f32)> {
    let small = crate::detect::downscale(page, MEASURE_SIDE);
    let level = otsu_level(&small).min(160);
    let points_under = |level: u8| -> Vec<(f32, f32)> {
        small
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0[0] <= level)
            .map(|(x, y, _)| (x as f32, y as f32))
            .collect()
    };
    let black = points_under(level / BLACK_INK_SHARE);
    if black.len() >= MIN_BLACK_INK {
        black
    } else {
        points_under(level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tests::{lay_page, table, tilted_corners};
    use crate::geometry::Point;

    /// A page of Latin-like print: each "word" has an x-height body, some letters rise above
    /// it (capitals, ascenders) and fewer drop below it (descenders), as in real text.
    fn printed_page(width: u32, height: u32, line_pitch: u32) -> GrayImage {
        let mut page = GrayImage::from_pixel(width, height, Luma([250]));
        let x_height = line_pitch * 2 / 5;
        let mut line = 0;
        let mut top = line_pitch * 2;
        while top + line_pitch * 2 < height {
            let mut x = width / 12;
            let mut letter = 0u32;
            while x + x_height < width - width / 12 {
                letter += 1;
                let glyph = x_height * 3 / 4;
                let rise = if (letter * 7 + line).is_multiple_of(3) {
                    x_height / 2
                } else {
                    0
                };
                let drop = if (letter * 5 + line).is_multiple_of(7) {
                    x_height / 3
                } else {
                    0
                };
                for y in top - rise..top + x_height + drop {
                    for dx in 0..glyph / 2 {
                        page.put_pixel(x + dx, y, Luma([25]));
                    }
                }
                x += glyph;
                if letter.is_multiple_of(6) {
                    x += glyph;
                }
            }
            line += 1;
            top += line_pitch;
        }
        page
    }

    #[test]
    fn flattening_a_photographed_page_gives_a4_proportions_and_white_corners() {
        let mut frame = table(800, 760);
        lay_page(&mut frame, tilted_corners());
        let quad = Quad::from_corners(tilted_corners());
        let flat = flatten(&frame, &quad).expect("the outline flattens");
        let (w, h) = flat.dimensions();
        assert!((h as f32 / w as f32 - std::f32::consts::SQRT_2).abs() < 0.01);
        // The table is gone: every corner of the flat page is paper.
        for (x, y) in [(3, 3), (w - 4, 3), (w - 4, h - 4), (3, h - 4)] {
            assert!(flat.get_pixel(x, y).0[0] > 150, "corner ({x}, {y})");
        }
    }

    #[test]
    fn a_degenerate_outline_is_refused() {
        let frame = GrayImage::new(100, 100);
        let line = Quad::from_corners([Point::new(10.0, 10.0); 4]);
        assert!(matches!(
            flatten(&frame, &line),
            Err(EnhanceError::DegenerateOutline { .. })
        ));
    }

    #[test]
    fn background_normalisation_removes_a_shadow() {
        let mut page = printed_page(600, 800, 30);
        for (x, _, pixel) in page.enumerate_pixels_mut() {
            let light = 0.55 + 0.45 * x as f32 / 600.0;
            pixel.0[0] = (f32::from(pixel.0[0]) * light) as u8;
        }
        let clean = normalise_background(&page);
        // Paper in the shadow (left) and in the light (right) both end up white.
        assert!(clean.get_pixel(5, 5).0[0] > 240);
        assert!(clean.get_pixel(595, 5).0[0] > 240);
        // Print stays dark.
        let dark = clean.pixels().filter(|p| p.0[0] < 100).count();
        let before = page.pixels().filter(|p| p.0[0] < 60).count();
        assert!(dark as f32 > before as f32 * 0.8, "{dark} vs {before}");
    }

    #[test]
    fn small_print_is_enlarged_and_large_print_reduced_to_ocr_size() {
        let small = printed_page(700, 990, 20);
        let large = printed_page(2400, 3400, 90);
        let (up, up_dpi) = ocr_scale(&small);
        let (down, down_dpi) = ocr_scale(&large);
        assert!(up > 1.0, "{up}");
        assert!(down < 1.0, "{down}");
        let measured = text_height(&rescale(&large, down)).expect("print is measured");
        assert!((measured - TARGET_TEXT_HEIGHT).abs() <= 3.0, "{measured}");
        assert_eq!(down_dpi, OCR_DPI);
        assert!(up_dpi <= OCR_DPI);
    }

    #[test]
    fn a_blank_page_keeps_its_size_and_is_taken_as_a4() {
        let blank = GrayImage::from_pixel(1240, 1754, Luma([255]));
        assert_eq!(text_height(&blank), None);
        assert_eq!(ocr_scale(&blank), (1.0, 150));
    }

    #[test]
    fn skew_is_measured_and_removed() {
        let page = printed_page(900, 1200, 36);
        assert!(skew_angle(&page).abs() < 0.3);
        // Rotating by +θ (clockwise on screen) tilts the lines clockwise.
        let tilted = rotate_about_center(
            &page,
            3.0f32.to_radians(),
            Interpolation::Bilinear,
            Border::Constant(Luma([250])),
        );
        let angle = skew_angle(&tilted);
        assert!((angle - 3.0).abs() <= 0.5, "{angle}");
        let straight = deskew(&tilted, angle);
        assert!(skew_angle(&straight).abs() <= 0.5);
    }

    #[test]
    fn a_cloths_squares_around_a_tilted_card_do_not_sway_the_skew() {
        // Grey gingham squares, square to the photo, around a small card tilted 3°: a whole
        // photo as the pipeline reads it when the card's outline was not trusted.
        let mut photo = GrayImage::from_fn(1600, 1200, |x, y| {
            let dark = (x / 80 + y / 80) % 2 == 0;
            Luma([if dark { 110 } else { 245 }])
        });
        let card = rotate_about_center(
            &printed_page(560, 360, 36),
            3.0f32.to_radians(),
            Interpolation::Bilinear,
            Border::Constant(Luma([250])),
        );
        imageops::replace(&mut photo, &card, 520, 420);
        let angle = skew_angle(&photo);
        assert!((angle - 3.0).abs() <= 0.5, "{angle}");
    }

    #[test]
    fn upright_and_upside_down_print_are_told_apart() {
        let page = printed_page(900, 1200, 36);
        assert!(upright_score(&page) > 0.2, "{}", upright_score(&page));
        let upside_down = turn(&page, Turn::Half);
        assert!(upright_score(&upside_down) < -0.2);
        let blank = GrayImage::from_pixel(300, 300, Luma([255]));
        assert_eq!(upright_score(&blank), 0.0);
    }

    #[test]
    fn turns_compose() {
        assert_eq!(Turn::Quarter.then(Turn::Half), Turn::ThreeQuarters);
        assert_eq!(Turn::ThreeQuarters.then(Turn::Quarter), Turn::None);
        assert_eq!(Turn::Half.degrees(), 180);
        let page = printed_page(300, 400, 30);
        assert_eq!(turn(&page, Turn::Quarter).dimensions(), (400, 300));
    }
}
