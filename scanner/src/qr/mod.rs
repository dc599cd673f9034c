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
//! easy code costs one attempt. Most frames hold no code at all (papers being laid down), so
//! rqrr's costly search never runs on a whole map: a linear scan (`finder`) lists the patterns
//! that look like a code's finders, and only where three of them could be one code's corners
//! (`region`), with timing patterns between them (`timing`), is that part of the map handed
//! to rqrr. The first scale looks at the whole frame; the next one only at the parts where the
//! first saw such a triple, and not at all when it saw none — so a page of text costs a few
//! linear passes over a half-size frame.

mod binarize;
mod finder;
mod region;
mod text;
mod timing;

use std::borrow::Cow;

use image::{DynamicImage, GrayImage, RgbImage};

use crate::geometry::Point;
use binarize::{BitMap, Integral, Threshold};
use region::Region;

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
///
/// Only the parts of the frame that are looked at closely are turned grey at full size.
pub fn read_codes(frame: &RgbImage) -> Vec<String> {
    texts(codes_in(Frame::Colour(frame)))
}

/// Every QR code payload found in a grey `frame`, as text, without duplicates.
pub fn read_codes_gray(frame: &GrayImage) -> Vec<String> {
    texts(find_codes(frame))
}

fn texts(codes: Vec<QrCode>) -> Vec<String> {
    codes.into_iter().map(|code| code.text).collect()
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
    codes_in(Frame::Grey(Cow::Borrowed(frame)))
}

/// A frame as the reader gets it: grey, or colour still.
///
/// Every frame is looked at half size first, and most are looked at no closer, so a colour
/// frame is turned grey while it is halved and at full size only where a code may be.
#[derive(Clone)]
enum Frame<'a> {
    /// Grey levels.
    Grey(Cow<'a, GrayImage>),
    /// A colour camera frame.
    Colour(&'a RgbImage),
}

impl Frame<'_> {
    fn dimensions(&self) -> (u32, u32) {
        match self {
            Frame::Grey(grey) => grey.dimensions(),
            Frame::Colour(colour) => colour.dimensions(),
        }
    }

    /// The frame at half size, in grey.
    fn half(&self) -> GrayImage {
        match self {
            Frame::Grey(grey) => binarize::half(grey),
            Frame::Colour(colour) => binarize::grey_half(colour),
        }
    }

    /// The grey levels of the part `(x, y, width, height)` of the frame (all of it without
    /// copying, for a grey frame).
    fn grey(&self, (x, y, width, height): region::Rect) -> Cow<'_, GrayImage> {
        match self {
            Frame::Grey(grey) if (x, y, width, height) == (0, 0, grey.width(), grey.height()) => {
                Cow::Borrowed(grey.as_ref())
            }
            Frame::Grey(grey) => {
                Cow::Owned(image::imageops::crop_imm(grey.as_ref(), x, y, width, height).to_image())
            }
            Frame::Colour(colour) => Cow::Owned(binarize::grey(
                &image::imageops::crop_imm(*colour, x, y, width, height).to_image(),
            )),
        }
    }

    /// The grey levels of the whole frame.
    fn whole(&self) -> Cow<'_, GrayImage> {
        let (width, height) = self.dimensions();
        self.grey((0, 0, width, height))
    }
}

/// Every QR code found in `frame`, with its position, without duplicate payloads.
fn codes_in(frame: Frame<'_>) -> Vec<QrCode> {
    let mut base = frame;
    let mut base_scale = 1.0f32;
    while base.dimensions().0 as usize * base.dimensions().1 as usize > MAX_WORK_PIXELS {
        base = Frame::Grey(Cow::Owned(base.half()));
        base_scale *= 2.0;
    }
    let (base_width, base_height) = base.dimensions();
    if base_width < MIN_SIDE || base_height < MIN_SIDE {
        return Vec::new();
    }
    // The first scale looks at the whole frame; a later one only where an earlier one saw
    // three finder patterns that could be a code (a small code's finders still show at half
    // size, where it cannot yet be decoded), and not at all when none did.
    let mut seen: Vec<Region> = Vec::new();
    for (n, scale) in scales(base_width.max(base_height)).into_iter().enumerate() {
        if n > 0 && seen.is_empty() {
            break;
        }
        let scaled = match scale {
            Scale::Half => Frame::Grey(Cow::Owned(base.half())),
            Scale::Full => base.clone(),
            Scale::Double => Frame::Grey(Cow::Owned(crate::resample::resize(
                base.whole().as_ref(),
                base_width * 2,
                base_height * 2,
                image::imageops::FilterType::Triangle,
            ))),
        };
        let (width, height) = scaled.dimensions();
        let radius = radius(width.max(height));
        // Each window reaches a threshold radius past its region, so its maps there are the
        // ones the whole image would give.
        let windows: Vec<Window> = if n == 0 {
            Window::new(&scaled, (0, 0, width, height))
                .into_iter()
                .collect()
        } else {
            region::merge(
                seen.iter()
                    .map(|r| r.scaled(1.0 / scale.factor()).padded(radius as f32))
                    .collect(),
            )
            .into_iter()
            .filter_map(|r| Window::new(&scaled, r.pixels(width, height)?))
            .collect()
        };
        let maps: Vec<Vec<BitMap>> = windows
            .iter()
            .map(|w| binarize::binarize(&w.grey, &w.integral, radius, &THRESHOLDS))
            .collect();
        let to_frame = base_scale * scale.factor();
        for attempt in 0..THRESHOLDS.len() {
            let mut codes: Vec<QrCode> = Vec::new();
            for (window, maps) in windows.iter().zip(&maps) {
                let bits = &maps[attempt];
                let regions = region::code_regions(&finder::find(bits), |corner, b, c| {
                    timing::alternate(bits, corner, b, c)
                });
                for region in &regions {
                    let Some((x, y, width, height)) =
                        region.pixels(bits.width() as u32, bits.height() as u32)
                    else {
                        continue;
                    };
                    let part = bits.crop_grey(x, y, width, height);
                    let origin = (window.x + x, window.y + y);
                    for code in decode_all(part, origin, to_frame) {
                        if codes.iter().all(|known| known.text != code.text) {
                            codes.push(code);
                        }
                    }
                }
                seen.extend(regions.into_iter().map(|r| {
                    r.moved(window.x as f32, window.y as f32)
                        .scaled(scale.factor())
                }));
            }
            if !codes.is_empty() {
                return codes;
            }
        }
    }
    Vec::new()
}

/// A part of a working image (or all of it) with its summed-area table.
struct Window<'a> {
    /// The part's left edge in the working image.
    x: u32,
    /// The part's top edge in the working image.
    y: u32,
    /// The part's grey levels.
    grey: Cow<'a, GrayImage>,
    /// The part's summed-area table.
    integral: Integral,
}

impl<'a> Window<'a> {
    /// The part `rect` of `image`, unless it is too large for a summed-area table.
    fn new(image: &'a Frame<'_>, rect: region::Rect) -> Option<Self> {
        let grey = image.grey(rect);
        Some(Self {
            x: rect.0,
            y: rect.1,
            integral: Integral::new(&grey)?,
            grey,
        })
    }
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

/// The thresholds to try, likeliest first: dark on light, light on dark (phone screens), then
/// a small margin for faint codes.
const THRESHOLDS: [Threshold; 3] = [
    Threshold {
        margin_percent: 12,
        min_margin: 6,
        inverted: false,
    },
    Threshold {
        margin_percent: 12,
        min_margin: 6,
        inverted: true,
    },
    Threshold {
        margin_percent: 3,
        min_margin: 2,
        inverted: false,
    },
];

/// The threshold window's radius on a working image whose long side is `long_side`.
fn radius(long_side: u32) -> u32 {
    (long_side / 16).max(8)
}

/// Every code rqrr finds and decodes in the dark/light map `bits`, a part of a working image
/// whose top-left corner is at `origin` there; corners are scaled by `to_frame`.
fn decode_all(bits: GrayImage, origin: (u32, u32), to_frame: f32) -> Vec<QrCode> {
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
        let corners = grid.bounds.map(|p| {
            Point::new(
                (p.x as f32 + origin.0 as f32) * to_frame,
                (p.y as f32 + origin.1 as f32) * to_frame,
            )
        });
        codes.push(QrCode { text, corners });
    }
    codes
}
