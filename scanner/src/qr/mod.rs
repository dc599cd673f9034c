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
//! (`region`) is that part of the map handed to rqrr. The first scale looks at the whole frame;
//! the next one only at the parts where the first saw such a triple, and not at all when it saw
//! none — so a page of text costs a few linear passes over a half-size frame.

mod binarize;
mod finder;
mod region;
mod text;

use std::borrow::Cow;

use image::{DynamicImage, GrayImage, RgbImage};

use crate::geometry::Point;
use binarize::{Integral, Threshold};
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
pub fn read_codes(frame: &RgbImage) -> Vec<String> {
    let t = std::time::Instant::now();
    let g = binarize::grey(frame);
    if std::env::var("QRDBG").is_ok() {
        eprintln!("grey {:?}", t.elapsed());
    }
    read_codes_gray(&g)
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
    let mut base = Cow::Borrowed(frame);
    let mut base_scale = 1.0f32;
    while base.width() as usize * base.height() as usize > MAX_WORK_PIXELS {
        base = Cow::Owned(binarize::half(&base));
        base_scale *= 2.0;
    }
    if base.width() < MIN_SIDE || base.height() < MIN_SIDE {
        return Vec::new();
    }
    // The first scale looks at the whole frame; a later one only where an earlier one saw
    // three finder patterns that could be a code (a small code's finders still show at half
    // size, where it cannot yet be decoded), and not at all when none did.
    let mut seen: Vec<Region> = Vec::new();
    for (n, scale) in scales(base.width().max(base.height()))
        .into_iter()
        .enumerate()
    {
        if n > 0 && seen.is_empty() {
            break;
        }
        let scaled = match scale {
            Scale::Half => Cow::Owned(binarize::half(&base)),
            Scale::Full => Cow::Borrowed(base.as_ref()),
            Scale::Double => Cow::Owned(image::imageops::resize(
                base.as_ref(),
                base.width() * 2,
                base.height() * 2,
                image::imageops::FilterType::Triangle,
            )),
        };
        let long_side = scaled.width().max(scaled.height());
        let radius = radius(long_side);
        // Each window reaches a threshold radius past its region, so its maps there are the
        // ones the whole image would give.
        let windows: Vec<Window> = if n == 0 {
            Window::whole(&scaled).into_iter().collect()
        } else {
            region::merge(
                seen.iter()
                    .map(|r| r.scaled(1.0 / scale.factor()).padded(radius as f32))
                    .collect(),
            )
            .into_iter()
            .filter_map(|r| Window::of(&scaled, r))
            .collect()
        };
        let dbg = std::env::var("QRDBG").is_ok();
        let t = std::time::Instant::now();
        let maps: Vec<Vec<GrayImage>> = windows
            .iter()
            .map(|w| binarize::binarize(&w.grey, &w.integral, radius, &THRESHOLDS))
            .collect();
        if dbg {
            eprintln!(
                "scale {n} windows {} px {} maps {:?}",
                windows.len(),
                windows.iter().map(|w| w.grey.len()).sum::<usize>(),
                t.elapsed()
            );
        }
        let to_frame = base_scale * scale.factor();
        for attempt in 0..THRESHOLDS.len() {
            let mut codes: Vec<QrCode> = Vec::new();
            for (window, maps) in windows.iter().zip(&maps) {
                let bits = &maps[attempt];
                let t = std::time::Instant::now();
                let fs = finder::find(bits);
                let regions = region::code_regions(&fs);
                if dbg {
                    eprintln!(
                        "  attempt {attempt} finders {} regions {:?} {:?}",
                        fs.len(),
                        regions
                            .iter()
                            .map(|r| ((r.x1 - r.x0) as u32, (r.y1 - r.y0) as u32))
                            .collect::<Vec<_>>(),
                        t.elapsed()
                    );
                }
                let t = std::time::Instant::now();
                for region in &regions {
                    let Some((x, y, width, height)) = region.pixels(bits.width(), bits.height())
                    else {
                        continue;
                    };
                    let part = image::imageops::crop_imm(bits, x, y, width, height).to_image();
                    let origin = (window.x + x, window.y + y);
                    for code in decode_all(part, origin, to_frame) {
                        if codes.iter().all(|known| known.text != code.text) {
                            codes.push(code);
                        }
                    }
                }
                if dbg {
                    eprintln!("  decode {:?}", t.elapsed());
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
    /// All of `image`, unless it is too large for a summed-area table.
    fn whole(image: &'a GrayImage) -> Option<Self> {
        Some(Self {
            x: 0,
            y: 0,
            integral: Integral::new(image)?,
            grey: Cow::Borrowed(image),
        })
    }

    /// The part of `image` that `region` covers, if any.
    fn of(image: &GrayImage, region: Region) -> Option<Window<'static>> {
        let (x, y, width, height) = region.pixels(image.width(), image.height())?;
        let grey = image::imageops::crop_imm(image, x, y, width, height).to_image();
        Some(Window {
            x,
            y,
            integral: Integral::new(&grey)?,
            grey: Cow::Owned(grey),
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
