//! Pairing codes read from camera frames.
//!
//! A resident shows the QR code of their vault to the document camera: printed on a card,
//! or on a phone screen, often small in the frame, tilted, blurred, glared, low in contrast,
//! light-on-dark, or mirrored by a selfie camera's preview. rqrr decodes a clean code well but
//! misses most of these on its own, so this module prepares the frame for it and retries:
//!
//! ```text
//! frame ─▶ grey ─▶ scale (half / full / double) ─▶ local threshold (normal, inverted,
//!          low contrast) ─▶ rqrr: find finder patterns, sample the grid, correct errors
//!          (straight and mirrored) ─▶ payload bytes ─▶ text (charset guessed, see `text`)
//! ```
//!
//! The attempts run cheapest first and stop at the first one that decodes, so a frame with an
//! easy code costs one attempt. A frame without any code costs every attempt; they are few,
//! each is a linear pass, and rqrr's costly search runs only on a map where a quick scan
//! (`finder`) sees the three finder patterns a code needs.

mod binarize;
mod finder;
mod text;

use image::{DynamicImage, GrayImage, RgbImage};

use crate::geometry::Point;
use binarize::{Integral, Threshold};

/// Frames larger than this many pixels are halved before any attempt: beyond it, finer detail
/// only costs time, and the integral image needs it to stay exact.
const MAX_WORK_PIXELS: usize = 4_200_000;
/// A frame whose long side is at least this is tried at half size first.
const HALVE_FIRST_FROM: u32 = 1_100;
/// A frame whose long side is at most this is also tried at double size (tiny codes).
const DOUBLE_UP_TO: u32 = 400;
/// Fewer pixels than this on a side cannot hold even the smallest code (21 modules).
const MIN_SIDE: u32 = 21;

/// A QR code found in a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct QrCode {
    /// The payload as text (see the charset rules in this module's `text` part).
    pub text: String,
    /// The code's corners in frame pixels: top-left, top-right, bottom-right, bottom-left as
    /// the code reads (so a rotated code has its top-left corner anywhere).
    pub corners: [Point; 4],
}

/// Every QR code payload found in `frame`, as text, without duplicates.
pub fn read_codes(frame: &RgbImage) -> Vec<String> {
    read_codes_gray(&image::imageops::grayscale(frame))
}

/// Every QR code payload found in a grey `frame`, as text, without duplicates.
pub fn read_codes_gray(frame: &GrayImage) -> Vec<String> {
    find_codes(frame)
        .into_iter()
        .map(|code| code.text)
        .collect()
}

/// Every QR code payload found in a decoded image file, as text, without duplicates.
///
/// Transparent pixels count as white paper, as a code saved with a transparent background is
/// meant to be seen on a light page.
pub fn read_image(image: &DynamicImage) -> Vec<String> {
    read_codes_gray(&grey_on_white(image))
}

/// The grey levels of `image`, with transparency composited over white.
fn grey_on_white(image: &DynamicImage) -> GrayImage {
    if !image.color().has_alpha() {
        return image.to_luma8();
    }
    let with_alpha = image.to_luma_alpha8();
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let [level, alpha] = with_alpha.get_pixel(x, y).0.map(u32::from);
        image::Luma([((level * alpha + 255 * (255 - alpha) + 127) / 255) as u8])
    })
}

/// Every QR code found in a grey `frame`, with its position, without duplicate payloads.
pub fn find_codes(frame: &GrayImage) -> Vec<QrCode> {
    let mut base = std::borrow::Cow::Borrowed(frame);
    let mut base_scale = 1.0f32;
    while base.width() as usize * base.height() as usize > MAX_WORK_PIXELS {
        base = std::borrow::Cow::Owned(binarize::half(&base));
        base_scale *= 2.0;
    }
    if base.width() < MIN_SIDE || base.height() < MIN_SIDE {
        return Vec::new();
    }
    // A finer scale is only worth its cost when a coarser one already showed finder patterns
    // (a small code's finders still show at half size, where it cannot yet be decoded).
    let mut seen_finders = false;
    for (n, scale) in scales(base.width().max(base.height()))
        .into_iter()
        .enumerate()
    {
        if n > 0 && !seen_finders {
            break;
        }
        let scaled = match scale {
            Scale::Half => std::borrow::Cow::Owned(binarize::half(&base)),
            Scale::Full => std::borrow::Cow::Borrowed(base.as_ref()),
            Scale::Double => std::borrow::Cow::Owned(image::imageops::resize(
                base.as_ref(),
                base.width() * 2,
                base.height() * 2,
                image::imageops::FilterType::Triangle,
            )),
        };
        let Some(integral) = Integral::new(&scaled) else {
            continue;
        };
        let to_frame = base_scale * scale.factor();
        for threshold in thresholds(scaled.width().max(scaled.height())) {
            let bits = binarize::binarize(&scaled, &integral, threshold);
            if !finder::worth_searching(&bits) {
                continue;
            }
            seen_finders = true;
            let codes = decode_all(bits, to_frame);
            if !codes.is_empty() {
                return codes;
            }
        }
    }
    Vec::new()
}

/// A working size, relative to the (possibly pre-halved) frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// Half size: large codes, blur and noise average out, four times fewer pixels.
    Half,
    /// The frame as it is.
    Full,
    /// Double size: codes whose modules are one or two pixels wide.
    Double,
}

impl Scale {
    /// How many frame pixels one working pixel spans.
    fn factor(self) -> f32 {
        match self {
            Scale::Half => 2.0,
            Scale::Full => 1.0,
            Scale::Double => 0.5,
        }
    }
}

/// The working sizes to try for a frame whose long side is `long_side`: the likeliest first,
/// then the one for small codes (double) or for blurred, noisy ones (half).
fn scales(long_side: u32) -> Vec<Scale> {
    if long_side >= HALVE_FIRST_FROM {
        vec![Scale::Half, Scale::Full]
    } else if long_side <= DOUBLE_UP_TO {
        vec![Scale::Full, Scale::Double]
    } else {
        vec![Scale::Full, Scale::Half]
    }
}

/// The thresholds to try on a working image whose long side is `long_side`, likeliest first:
/// dark on light, light on dark (phone screens), then a small margin for faint codes.
fn thresholds(long_side: u32) -> [Threshold; 3] {
    let radius = (long_side / 16).max(8);
    let normal = Threshold {
        radius,
        margin_percent: 12,
        min_margin: 6,
        inverted: false,
    };
    [
        normal,
        Threshold {
            inverted: true,
            ..normal
        },
        Threshold {
            margin_percent: 3,
            min_margin: 2,
            ..normal
        },
    ]
}

/// Every code rqrr finds and decodes in the dark/light map `bits`, corners scaled by `to_frame`.
fn decode_all(bits: GrayImage, to_frame: f32) -> Vec<QrCode> {
    let mut prepared = rqrr::PreparedImage::without_preparation(bits);
    let mut codes: Vec<QrCode> = Vec::new();
    for grid in prepared.detect_grids() {
        let mut bytes = Vec::new();
        if grid.decode_to(&mut bytes).is_err() {
            continue;
        }
        let text = text::payload_text(&bytes);
        if codes.iter().any(|code| code.text == text) {
            continue;
        }
        let corners = grid
            .bounds
            .map(|p| Point::new(p.x as f32 * to_frame, p.y as f32 * to_frame));
        codes.push(QrCode { text, corners });
    }
    codes
}
