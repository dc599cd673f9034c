//! Which way up a page is.
//!
//! A resident lays a page any way under the camera. Tesseract's own orientation detection is
//! known to be unreliable between 180° and 270°, so the scanner decides in two steps it can
//! trust: first the text *axis* from the page's ink profile (lines of text make the row profile
//! of a page ripple strongly and its column profile stay smooth; turned a quarter, the reverse),
//! then *upright or upside down* from the print's shape
//! ([`upright_score`](crate::enhance::upright_score)), and when that is in doubt by reading a
//! band of the page ([`sample_rows`]) the other way up and keeping the more legible reading
//! (see [`crate::pipeline`]). The axis test is cheap: it runs on a small copy.

use std::ops::Range;

use image::GrayImage;
use image::imageops::FilterType;

/// Long side of the working copy the axis is measured on.
const WORK_SIDE: u32 = 400;

/// The direction text lines run on the page as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAxis {
    /// Lines run left–right (upright or upside down).
    Horizontal,
    /// Lines run top–bottom (the page is turned a quarter).
    Vertical,
}

/// Finds the direction text lines run on a clean page (dark ink on light paper).
pub fn text_axis(page: &GrayImage) -> TextAxis {
    let (width, height) = page.dimensions();
    if width < 8 || height < 8 {
        return TextAxis::Horizontal;
    }
    let scale = WORK_SIDE as f32 / width.max(height) as f32;
    let small = crate::resample::resize(
        page,
        ((width as f32 * scale) as u32).max(1),
        ((height as f32 * scale) as u32).max(1),
        FilterType::Triangle,
    );
    let threshold = mean(small.as_raw().iter().map(|&p| f32::from(p))) * 0.85;
    let (w, h) = small.dimensions();
    let mut rows = vec![0f32; h as usize];
    let mut columns = vec![0f32; w as usize];
    for (x, y, pixel) in small.enumerate_pixels() {
        if f32::from(pixel.0[0]) < threshold {
            rows[y as usize] += 1.0;
            columns[x as usize] += 1.0;
        }
    }
    if ripple(&rows) >= ripple(&columns) {
        TextAxis::Horizontal
    } else {
        TextAxis::Vertical
    }
}

/// The rows of a page of `height` rows read the other way up when its orientation is in doubt,
/// a third of the OCR time: the third of the page (top, middle or bottom) where `legibility`
/// finds the most text this way up, the middle on a tie (where a page's body text usually is).
/// A card's middle third is often its photo and a few labels: a band with no readable line
/// either way tells nothing, and the whole page must then be read again.
pub fn sample_rows(height: u32, legibility: impl Fn(Range<u32>) -> f32) -> Range<u32> {
    let third = height / 3;
    let middle = third..height - third;
    [0..third, height - third..height]
        .into_iter()
        .fold(middle, |best, band| {
            if legibility(band.clone()) > legibility(best.clone()) {
                band
            } else {
                best
            }
        })
}

/// How strongly a profile alternates between neighbours: text lines and the gaps between them
/// make it jump from bin to bin; normalised by the profile's mean so that axes compare fairly.
fn ripple(profile: &[f32]) -> f32 {
    if profile.len() < 2 {
        return 0.0;
    }
    let level = mean(profile.iter().copied());
    if level == 0.0 {
        return 0.0;
    }
    let jumps = mean(profile.windows(2).map(|pair| (pair[1] - pair[0]).abs()));
    jumps / level
}

fn mean(values: impl Iterator<Item = f32>) -> f32 {
    let (sum, count) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if count == 0 { 0.0 } else { sum / count as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A page of text-like lines: rows of short dark words separated by white gaps.
    fn lined_page() -> GrayImage {
        let mut page = GrayImage::from_pixel(800, 1100, Luma([250]));
        for line in 0..30 {
            let top = 80 + line * 32;
            let mut x = 60;
            while x < 720 {
                let word = 30 + (x * 7 + line * 13) % 60;
                for y in top..top + 14 {
                    for dx in 0..word.min(740 - x) {
                        page.put_pixel(x + dx, y, Luma([20]));
                    }
                }
                x += word + 14;
            }
        }
        page
    }

    #[test]
    fn upright_text_runs_horizontally() {
        assert_eq!(text_axis(&lined_page()), TextAxis::Horizontal);
    }

    #[test]
    fn a_quarter_turned_page_runs_vertically() {
        let turned = image::imageops::rotate90(&lined_page());
        assert_eq!(text_axis(&turned), TextAxis::Vertical);
        assert_eq!(
            text_axis(&image::imageops::rotate270(&lined_page())),
            TextAxis::Vertical
        );
    }

    #[test]
    fn the_sample_band_is_the_most_legible_third() {
        let nothing = |_: Range<u32>| 0.0;
        assert_eq!(sample_rows(900, nothing), 300..600);
        assert_eq!(sample_rows(2, nothing), 0..2);
        assert!(sample_rows(0, nothing).is_empty());
        // Print in the top third only (a card's title and name above its photo).
        let top = |rows: Range<u32>| if rows.start == 0 { 40.0 } else { 5.0 };
        assert_eq!(sample_rows(900, top), 0..300);
        let bottom = |rows: Range<u32>| if rows.end == 900 { 40.0 } else { 5.0 };
        assert_eq!(sample_rows(900, bottom), 600..900);
    }

    #[test]
    fn blank_and_tiny_pages_do_not_fail() {
        assert_eq!(text_axis(&GrayImage::new(1, 1)), TextAxis::Horizontal);
        let blank = GrayImage::from_pixel(300, 300, Luma([255]));
        assert_eq!(text_axis(&blank), TextAxis::Horizontal);
    }
}
