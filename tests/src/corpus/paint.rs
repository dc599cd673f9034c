//! Drawing documents: fonts, text, rules, tables, logos, stamps and signatures on paper.
//!
//! Templates place things in millimetres and font sizes in points, like a real document
//! designer does; a [`Canvas`] turns them into pixels at the resolution the sample needs
//! (200–300 dpi for scans, less for what a camera sees). Fonts are the Debian DejaVu family,
//! loaded once per generator.

use std::path::Path;

use ab_glyph::{FontVec, PxScale};
use image::{Rgb, RgbImage, Rgba, RgbaImage};
use imageproc::drawing::{
    draw_cubic_bezier_curve_mut, draw_filled_circle_mut, draw_filled_rect_mut,
    draw_hollow_circle_mut, draw_line_segment_mut, draw_polygon_mut, draw_text_mut, text_size,
};
use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center};
use imageproc::point::Point;
use imageproc::rect::Rect;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::CorpusError;

/// Where Debian's fonts-dejavu-core package puts its fonts.
pub const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

/// A typeface of the DejaVu family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// DejaVu Sans.
    Sans,
    /// DejaVu Sans Bold.
    SansBold,
    /// DejaVu Serif.
    Serif,
    /// DejaVu Serif Bold.
    SerifBold,
    /// DejaVu Sans Condensed.
    Condensed,
    /// DejaVu Sans Condensed Bold.
    CondensedBold,
    /// DejaVu Sans Mono (machine-readable zones, amounts on some forms).
    Mono,
    /// DejaVu Sans Oblique (handwriting-like notes).
    Oblique,
}

const FILES: [(Face, &str); 8] = [
    (Face::Sans, "DejaVuSans.ttf"),
    (Face::SansBold, "DejaVuSans-Bold.ttf"),
    (Face::Serif, "DejaVuSerif.ttf"),
    (Face::SerifBold, "DejaVuSerif-Bold.ttf"),
    (Face::Condensed, "DejaVuSansCondensed.ttf"),
    (Face::CondensedBold, "DejaVuSansCondensed-Bold.ttf"),
    (Face::Mono, "DejaVuSansMono.ttf"),
    (Face::Oblique, "DejaVuSans-Oblique.ttf"),
];

/// The loaded typefaces.
pub struct Fonts {
    faces: Vec<(Face, FontVec)>,
}

impl Fonts {
    /// Loads the DejaVu fonts from `dir`.
    pub fn load(dir: &Path) -> Result<Fonts, CorpusError> {
        let mut faces = Vec::new();
        for (face, file) in FILES {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|source| CorpusError::Font {
                path: path.clone(),
                source: Some(source),
            })?;
            let font = FontVec::try_from_vec(bytes)
                .map_err(|_| CorpusError::Font { path, source: None })?;
            faces.push((face, font));
        }
        Ok(Fonts { faces })
    }

    fn get(&self, face: Face) -> &FontVec {
        // `load` fills every face, so the lookup always succeeds; the first is a safe fallback.
        self.faces
            .iter()
            .find(|(f, _)| *f == face)
            .map_or(&self.faces[0].1, |(_, font)| font)
    }
}

/// Ink colours used on documents.
pub mod ink {
    use image::Rgb;
    /// Body text.
    pub const BLACK: Rgb<u8> = Rgb([25, 25, 30]);
    /// Secondary text and rules.
    pub const GREY: Rgb<u8> = Rgb([80, 80, 86]);
    /// Light table shading.
    pub const SHADE: Rgb<u8> = Rgb([232, 234, 238]);
    /// Ballpoint blue (signatures, filled forms).
    pub const PEN: Rgb<u8> = Rgb([30, 45, 140]);
    /// White.
    pub const WHITE: Rgb<u8> = Rgb([255, 255, 255]);
}

/// Horizontal alignment of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `x` is the left edge.
    Left,
    /// `x` is the centre.
    Center,
    /// `x` is the right edge.
    Right,
}

/// A sheet of paper being drawn on, measured in millimetres.
pub struct Canvas<'f> {
    /// The pixels.
    pub img: RgbImage,
    /// Pixels per millimetre (dpi / 25.4).
    pub px_per_mm: f32,
    fonts: &'f Fonts,
}

impl<'f> Canvas<'f> {
    /// A blank sheet `w_mm` × `h_mm` at `dpi`, of colour `paper`.
    pub fn new(fonts: &'f Fonts, w_mm: f32, h_mm: f32, dpi: f32, paper: Rgb<u8>) -> Self {
        let px_per_mm = dpi / 25.4;
        let w = (w_mm * px_per_mm).round().max(1.0) as u32;
        let h = (h_mm * px_per_mm).round().max(1.0) as u32;
        Canvas {
            img: RgbImage::from_pixel(w, h, paper),
            px_per_mm,
            fonts,
        }
    }

    /// The sheet's width in millimetres.
    pub fn width_mm(&self) -> f32 {
        self.img.width() as f32 / self.px_per_mm
    }

    /// The sheet's height in millimetres.
    pub fn height_mm(&self) -> f32 {
        self.img.height() as f32 / self.px_per_mm
    }

    fn px(&self, mm: f32) -> f32 {
        mm * self.px_per_mm
    }

    fn scale(&self, pt: f32) -> PxScale {
        // A point is 1/72 inch; the font's nominal height is its size.
        PxScale::from(pt * 25.4 / 72.0 * self.px_per_mm * 1.33)
    }

    /// Width of `text` in millimetres.
    pub fn measure(&self, pt: f32, face: Face, text: &str) -> f32 {
        let (w, _) = text_size(self.scale(pt), self.fonts.get(face), text);
        w as f32 / self.px_per_mm
    }

    /// Draws one line of text whose top is at `y` (mm); returns its width in mm.
    #[allow(clippy::too_many_arguments)] // A text run is position, type, colour, alignment and text.
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        pt: f32,
        face: Face,
        color: Rgb<u8>,
        align: Align,
        text: &str,
    ) -> f32 {
        let w = self.measure(pt, face, text);
        let left = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        let (px, py) = (self.px(left).round() as i32, self.px(y).round() as i32);
        let scale = self.scale(pt);
        draw_text_mut(
            &mut self.img,
            color,
            px,
            py,
            scale,
            self.fonts.get(face),
            text,
        );
        w
    }

    /// Height of one line of `pt` text in mm, including leading.
    pub fn line_height(&self, pt: f32) -> f32 {
        pt * 25.4 / 72.0 * 1.45
    }

    /// Wraps `text` into lines no wider than `width` mm.
    pub fn wrap(&self, pt: f32, face: Face, width: f32, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.measure(pt, face, &candidate) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws a wrapped paragraph from `y`; returns the y below it.
    #[allow(clippy::too_many_arguments)] // A paragraph is position, box, type and text.
    pub fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        pt: f32,
        face: Face,
        color: Rgb<u8>,
        text: &str,
    ) -> f32 {
        let mut y = y;
        for line in self.wrap(pt, face, width, text) {
            self.text(x, y, pt, face, color, Align::Left, &line);
            y += self.line_height(pt);
        }
        y
    }

    /// Fills a rectangle given in mm.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb<u8>) {
        let (px, py) = (self.px(x).round() as i32, self.px(y).round() as i32);
        let (pw, ph) = (
            self.px(w).round().max(1.0) as u32,
            self.px(h).round().max(1.0) as u32,
        );
        draw_filled_rect_mut(&mut self.img, Rect::at(px, py).of_size(pw, ph), color);
    }

    /// Outlines a rectangle with a line `t` mm thick.
    pub fn outline(&mut self, x: f32, y: f32, w: f32, h: f32, t: f32, color: Rgb<u8>) {
        self.fill(x, y, w, t, color);
        self.fill(x, y + h - t, w, t, color);
        self.fill(x, y, t, h, color);
        self.fill(x + w - t, y, t, h, color);
    }

    /// A horizontal rule `t` mm thick.
    pub fn hrule(&mut self, x: f32, y: f32, w: f32, t: f32, color: Rgb<u8>) {
        self.fill(x, y, w, t, color);
    }

    /// A filled disc.
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, color: Rgb<u8>) {
        let c = (self.px(cx).round() as i32, self.px(cy).round() as i32);
        let radius = self.px(r).round() as i32;
        draw_filled_circle_mut(&mut self.img, c, radius, color);
    }

    /// A filled polygon given in mm.
    pub fn polygon(&mut self, points: &[(f32, f32)], color: Rgb<u8>) {
        let mut pts: Vec<Point<i32>> = points
            .iter()
            .map(|&(x, y)| Point::new(self.px(x).round() as i32, self.px(y).round() as i32))
            .collect();
        pts.dedup();
        if pts.len() > 2 && pts.first() != pts.last() {
            draw_polygon_mut(&mut self.img, &pts, color);
        }
    }

    /// Fine wavy security lines (guilloche-like) over a band, as cards and cheques have.
    pub fn guilloche(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb<u8>,
        rng: &mut ChaCha8Rng,
    ) {
        let waves = rng.random_range(6..12);
        let period = rng.random_range(8.0..20.0f32);
        for i in 0..waves {
            let phase = i as f32 * 0.7;
            let base = y + h * (i as f32 + 0.5) / waves as f32;
            let amp = h / waves as f32 * 1.2;
            let steps = (w * 2.0) as usize;
            for s in 0..steps {
                let x0 = x + s as f32 * 0.5;
                let x1 = x0 + 0.5;
                let y0 = base + amp * (x0 / period * std::f32::consts::TAU + phase).sin();
                let y1 = base + amp * (x1 / period * std::f32::consts::TAU + phase).sin();
                let (a, b) = ((self.px(x0), self.px(y0)), (self.px(x1), self.px(y1)));
                draw_line_segment_mut(&mut self.img, a, b, color);
            }
        }
    }

    /// A simple issuer logo: a shape in the issuer's colour, sometimes with initials.
    pub fn logo(&mut self, x: f32, y: f32, size: f32, color: Rgb<u8>, initials: &str, kind: u32) {
        match kind % 4 {
            0 => {
                self.disc(x + size / 2.0, y + size / 2.0, size / 2.0, color);
                self.text(
                    x + size / 2.0,
                    y + size * 0.28,
                    size * 1.1,
                    Face::SansBold,
                    ink::WHITE,
                    Align::Center,
                    initials,
                );
            }
            1 => {
                self.polygon(
                    &[(x, y + size), (x + size / 2.0, y), (x + size, y + size)],
                    color,
                );
            }
            2 => {
                for i in 0..3 {
                    let f = i as f32;
                    self.fill(
                        x + f * size / 3.0,
                        y + size * (0.6 - 0.3 * f),
                        size / 3.5,
                        size * (0.4 + 0.3 * f),
                        color,
                    );
                }
            }
            _ => {
                self.fill(x, y, size, size, color);
                self.text(
                    x + size / 2.0,
                    y + size * 0.28,
                    size * 1.1,
                    Face::SerifBold,
                    ink::WHITE,
                    Align::Center,
                    initials,
                );
            }
        }
    }

    /// The French state's block: tricolour bars and « RÉPUBLIQUE FRANÇAISE ».
    pub fn marianne(&mut self, x: f32, y: f32, size: f32) {
        let bar = size / 3.0;
        self.fill(x, y, bar, size * 0.7, Rgb([0, 0, 145]));
        self.fill(x + bar, y, bar, size * 0.7, Rgb([245, 245, 245]));
        self.fill(x + 2.0 * bar, y, bar, size * 0.7, Rgb([225, 0, 15]));
        self.text(
            x,
            y + size * 0.8,
            size * 0.55,
            Face::SansBold,
            ink::BLACK,
            Align::Left,
            "RÉPUBLIQUE",
        );
        self.text(
            x,
            y + size * 1.15,
            size * 0.55,
            Face::SansBold,
            ink::BLACK,
            Align::Left,
            "FRANÇAISE",
        );
    }

    /// An ink stamp (round or rectangular) with text, slightly rotated and translucent.
    pub fn stamp(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        lines: &[&str],
        color: Rgb<u8>,
        rng: &mut ChaCha8Rng,
    ) {
        let side = (self.px(r) * 2.4).ceil() as u32 + 4;
        let mut layer = RgbaImage::from_pixel(side, side, Rgba([0, 0, 0, 0]));
        let ink_px = Rgba([color[0], color[1], color[2], 255]);
        let c = (side / 2) as i32;
        let rp = self.px(r).round() as i32;
        let round = rng.random_bool(0.6);
        if round {
            draw_hollow_circle_mut(&mut layer, (c, c), rp, ink_px);
            draw_hollow_circle_mut(&mut layer, (c, c), rp - 1, ink_px);
            draw_hollow_circle_mut(&mut layer, (c, c), rp * 4 / 5, ink_px);
        } else {
            let half = rp;
            let rect = Rect::at(c - half, c - half / 2).of_size((2 * half) as u32, half as u32);
            imageproc::drawing::draw_hollow_rect_mut(&mut layer, rect, ink_px);
        }
        let pt = r * 0.9;
        let scale = self.scale(pt);
        let n = lines.len() as f32;
        for (i, line) in lines.iter().enumerate() {
            let (w, h) = text_size(scale, self.fonts.get(Face::SansBold), line);
            let y = c as f32 + (i as f32 - n / 2.0) * h as f32 * 1.2;
            draw_text_mut(
                &mut layer,
                ink_px,
                c - w as i32 / 2,
                y as i32,
                scale,
                self.fonts.get(Face::SansBold),
                line,
            );
        }
        let angle = rng.random_range(-0.5..0.5f32);
        let rotated = rotate_about_center(
            &layer,
            angle,
            Interpolation::Bilinear,
            Border::Constant(Rgba([0, 0, 0, 0])),
        );
        let opacity = rng.random_range(0.55..0.85f32);
        let x0 = self.px(cx) as i64 - side as i64 / 2;
        let y0 = self.px(cy) as i64 - side as i64 / 2;
        for (x, y, p) in rotated.enumerate_pixels() {
            let (tx, ty) = (x0 + x as i64, y0 + y as i64);
            if p[3] == 0
                || tx < 0
                || ty < 0
                || tx >= self.img.width() as i64
                || ty >= self.img.height() as i64
            {
                continue;
            }
            let a = p[3] as f32 / 255.0 * opacity;
            let dst = self.img.get_pixel_mut(tx as u32, ty as u32);
            for k in 0..3 {
                // Ink multiplies with what is under it.
                let under = dst[k] as f32;
                dst[k] = (under * (1.0 - a) + under * p[k] as f32 / 255.0 * a) as u8;
            }
        }
    }

    /// A scribbled signature in pen ink inside the box (mm).
    pub fn signature(&mut self, x: f32, y: f32, w: f32, h: f32, rng: &mut ChaCha8Rng) {
        let mut cursor = (x, y + h * 0.6);
        let strokes = rng.random_range(3..6);
        for _ in 0..strokes {
            let end = (
                cursor.0 + w / strokes as f32,
                y + h * rng.random_range(0.3..0.8f32),
            );
            let c1 = (
                cursor.0 + rng.random_range(0.0..w / 3.0),
                y + rng.random_range(0.0..h),
            );
            let c2 = (
                end.0 - rng.random_range(0.0..w / 3.0),
                y + rng.random_range(0.0..h),
            );
            for d in 0..2 {
                let o = d as f32 * 0.25;
                let start = (self.px(cursor.0), self.px(cursor.1 + o));
                let stop = (self.px(end.0), self.px(end.1 + o));
                let k1 = (self.px(c1.0), self.px(c1.1 + o));
                let k2 = (self.px(c2.0), self.px(c2.1 + o));
                draw_cubic_bezier_curve_mut(&mut self.img, start, stop, k1, k2, ink::PEN);
            }
            cursor = end;
        }
    }

    /// A head-and-shoulders silhouette standing in for the holder's photo.
    pub fn portrait(&mut self, x: f32, y: f32, w: f32, h: f32, rng: &mut ChaCha8Rng) {
        let bg = rng.random_range(200..235u8);
        self.fill(x, y, w, h, Rgb([bg, bg, bg.saturating_add(8)]));
        let tone = rng.random_range(90..160u8);
        let body = Rgb([tone / 2, tone / 2, tone / 2 + 20]);
        self.polygon(
            &[
                (x + w * 0.1, y + h),
                (x + w * 0.2, y + h * 0.72),
                (x + w * 0.8, y + h * 0.72),
                (x + w * 0.9, y + h),
            ],
            body,
        );
        self.disc(
            x + w / 2.0,
            y + h * 0.42,
            w * 0.24,
            Rgb([tone, tone - tone / 5, tone - tone / 3]),
        );
    }
}
