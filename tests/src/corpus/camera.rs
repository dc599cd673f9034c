//! What reaching the kiosk does to a page: a flatbed-like scan, or a photo by the kiosk's
//! camera of the page lying on a table.
//!
//! The photo model, in order: a textured surface (wood, table cloth, laminate); the page
//! turned (sometimes by a quarter or half turn), slightly skewed and seen in perspective,
//! casting a soft shadow; uneven, tinted light with vignetting and sometimes a glare spot;
//! a mild defocus; sensor noise; JPEG compression. The page's corners in the frame are
//! recorded, so detection can be checked as well as reading.
//!
//! Pages are photographed at the kiosk's camera resolution ([`DOCUMENT_FRAME`]) unless a test
//! asks for another. The scene (table texture, shadow, glare) keeps its size in the field of
//! view at any resolution; defocus and sensor noise are counted in pixels, as for a camera in
//! focus at its own resolution.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, Rgb, RgbImage, Rgba, RgbaImage};
use imageproc::filter::gaussian_blur_f32;
use imageproc::geometric_transformations::{Border, Interpolation, Projection, warp_into};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// A camera frame's size in pixels: width, height.
pub type FrameSize = (u32, u32);

/// The kiosk's document camera at its full resolution (8 MP, 4:3): the size pages are
/// photographed at. An A4 sheet filling the field is about 200 dpi there; at 1080p it would be
/// about 80 dpi, too coarse for the small print of a payslip or a certificate.
pub const DOCUMENT_FRAME: FrameSize = (3264, 2448);

/// A 1080p frame: a webcam-class camera, and the frame size the QR reader's speed targets are
/// set for.
pub const HD_FRAME: FrameSize = (1920, 1080);

/// How much larger than a 1080p frame `frame` is: textures, shadows and glare spots are
/// sized in 1080p pixels and scaled by it, so that a scene looks the same at any resolution.
fn scale_from_hd(frame: FrameSize) -> f32 {
    frame.1 as f32 / HD_FRAME.1 as f32
}

/// Reads a frame size written `WIDTHxHEIGHT` (for instance `1920x1080`).
pub fn parse_frame_size(text: &str) -> Result<FrameSize, String> {
    let size = text
        .split_once(['x', '×'])
        .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)));
    match size {
        Some((w, h)) if (64..=8192).contains(&w) && (64..=8192).contains(&h) => Ok((w, h)),
        _ => Err(format!(
            "`{text}` is not a frame size: WIDTHxHEIGHT, each 64 to 8192 pixels"
        )),
    }
}

/// An image as the kiosk receives it, and where the page lies in it.
pub struct Shot {
    /// The pixels.
    pub image: RgbImage,
    /// Degrees clockwise the page is turned (0 for scans).
    pub rotation: f32,
    /// The page's corners in the image (photos only).
    pub corners: Option<[[f32; 2]; 4]>,
    /// The JPEG quality to save it at.
    pub quality: u8,
}

/// Approximate normal noise (sum of uniforms), `sigma` in grey levels.
fn noise(rng: &mut ChaCha8Rng, sigma: f32) -> f32 {
    let s: f32 = (0..3).map(|_| rng.random_range(-1.0..1.0f32)).sum();
    s * sigma / 1.0
}

/// A clean scan: the page as rendered, with slight sensor noise.
pub fn scan(page: RgbImage, rng: &mut ChaCha8Rng) -> Shot {
    let mut image = page;
    let sigma = rng.random_range(1.0..3.0f32);
    for p in image.pixels_mut() {
        let n = noise(rng, sigma);
        for k in 0..3 {
            p[k] = (p[k] as f32 + n).clamp(0.0, 255.0) as u8;
        }
    }
    Shot {
        image,
        rotation: 0.0,
        corners: None,
        quality: rng.random_range(88..95),
    }
}

/// How a page will sit in a photo: decided before rendering, because it fixes the
/// resolution the page must be rendered at.
pub struct Placement {
    /// Degrees clockwise.
    pub rotation: f32,
    /// Frame pixels per page millimetre.
    pub px_per_mm: f32,
    frame: FrameSize,
    center: (f32, f32),
    keystone: (f32, f32),
    jitter: [(f32, f32); 4],
}

impl Placement {
    /// A random placement of a `w_mm` × `h_mm` page in a frame of size `frame`.
    pub fn random(w_mm: f32, h_mm: f32, frame: FrameSize, rng: &mut ChaCha8Rng) -> Placement {
        let quarter = match rng.random_range(0..20) {
            0..=10 => 0.0,
            11..=13 => 90.0,
            14..=16 => 180.0,
            _ => 270.0,
        };
        let skew = if rng.random_bool(0.7) {
            rng.random_range(-4.0..4.0f32)
        } else {
            rng.random_range(-12.0..12.0f32)
        };
        let rotation = quarter + skew;
        let t = rotation.to_radians();
        let (bw, bh) = (
            w_mm * t.cos().abs() + h_mm * t.sin().abs(),
            w_mm * t.sin().abs() + h_mm * t.cos().abs(),
        );
        // Cards lie smaller in the field of view than sheets, as on a real document camera.
        let fill = if w_mm.max(h_mm) < 100.0 {
            rng.random_range(0.42..0.7f32)
        } else {
            rng.random_range(0.8..0.93f32)
        };
        let (frame_w, frame_h) = (frame.0 as f32, frame.1 as f32);
        let px_per_mm = (frame_w * fill / bw).min(frame_h * fill / bh);
        let (fw, fh) = (bw * px_per_mm, bh * px_per_mm);
        let slack = ((frame_w - fw) / 2.0 * 0.8, (frame_h - fh) / 2.0 * 0.8);
        let center = (
            frame_w / 2.0 + rng.random_range(-1.0..=1.0f32) * slack.0,
            frame_h / 2.0 + rng.random_range(-1.0..=1.0f32) * slack.1,
        );
        let keystone = (
            rng.random_range(-0.06..0.06f32),
            rng.random_range(-0.04..0.04f32),
        );
        let mut jitter = [(0.0, 0.0); 4];
        for j in &mut jitter {
            *j = (
                rng.random_range(-0.012..0.012f32),
                rng.random_range(-0.012..0.012f32),
            );
        }
        Placement {
            rotation,
            px_per_mm,
            frame,
            center,
            keystone,
            jitter,
        }
    }

    /// The page's corners in the frame (TL, TR, BR, BL of the page as it reads).
    fn corners(&self, w_mm: f32, h_mm: f32) -> [(f32, f32); 4] {
        let (w, h) = (w_mm * self.px_per_mm, h_mm * self.px_per_mm);
        let t = self.rotation.to_radians();
        let (kx, ky) = self.keystone;
        // Keystone: the far edge (top of the frame) looks narrower; computed on the upright
        // page and then turned with it, which is close enough for a tilted camera.
        let local = [
            (-w / 2.0 * (1.0 - kx), -h / 2.0 * (1.0 - ky)),
            (w / 2.0 * (1.0 - kx), -h / 2.0 * (1.0 + ky)),
            (w / 2.0 * (1.0 + kx), h / 2.0 * (1.0 + ky)),
            (-w / 2.0 * (1.0 + kx), h / 2.0 * (1.0 - ky)),
        ];
        let mut out = [(0.0, 0.0); 4];
        for (i, &(x, y)) in local.iter().enumerate() {
            let (jx, jy) = self.jitter[i];
            let (x, y) = (x + jx * w, y + jy * h);
            out[i] = (
                self.center.0 + x * t.cos() - y * t.sin(),
                self.center.1 + x * t.sin() + y * t.cos(),
            );
        }
        out
    }
}

/// A textured surface for the page to lie on, filling a frame of size `frame`.
fn surface(frame: FrameSize, rng: &mut ChaCha8Rng) -> RgbImage {
    let (w, h) = frame;
    let scale = scale_from_hd(frame);
    let kind = rng.random_range(0..3);
    let base = match kind {
        0 => [
            rng.random_range(120..170) as f32,
            rng.random_range(80..110) as f32,
            rng.random_range(45..70) as f32,
        ],
        1 => [
            rng.random_range(60..200) as f32,
            rng.random_range(60..200) as f32,
            rng.random_range(60..200) as f32,
        ],
        _ => [rng.random_range(150..215) as f32; 3],
    };
    let cloth2 = [
        base[0] * 0.6 + 90.0,
        base[1] * 0.6 + 90.0,
        base[2] * 0.6 + 90.0,
    ];
    let freq = rng.random_range(0.02..0.06f32) / scale;
    let wobble = rng.random_range(5.0..30.0f32) * scale;
    let phase = rng.random_range(0.0..std::f32::consts::TAU);
    let check = (rng.random_range(30..70u32) as f32 * scale).round() as u32;
    let angle = rng.random_range(-0.3..0.3f32);
    let mut img = RgbImage::new(w, h);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let (xf, yf) = (x as f32, y as f32);
        let c = match kind {
            0 => {
                // Wood: long grain lines bent by a slow wave.
                let v = yf * angle.cos() + xf * angle.sin();
                let u = xf * angle.cos() - yf * angle.sin();
                let g = ((v + wobble * (u * 0.004 / scale + phase).sin()) * freq).sin() * 0.5 + 0.5;
                let g = 0.8 + 0.25 * g.powi(3);
                [base[0] * g, base[1] * g, base[2] * g]
            }
            1 => {
                // Gingham table cloth: crossed bands, half-tone where they overlap, weave.
                let bx = (x / check).is_multiple_of(2);
                let by = (y / check).is_multiple_of(2);
                let weave = if (x + y) % 3 == 0 { 0.93 } else { 1.0 };
                let c = match (bx, by) {
                    (true, true) => base,
                    (false, false) => [245.0, 245.0, 240.0],
                    _ => cloth2,
                };
                [c[0] * weave, c[1] * weave, c[2] * weave]
            }
            _ => base,
        };
        *p = Rgb([c[0] as u8, c[1] as u8, c[2] as u8]);
    }
    // Speckle.
    for p in img.pixels_mut() {
        let n = noise(rng, 4.0);
        for k in 0..3 {
            p[k] = (p[k] as f32 + n).clamp(0.0, 255.0) as u8;
        }
    }
    img
}

/// A camera photo of `page` (rendered at any resolution, `w_mm` × `h_mm` in reality) placed
/// as `place` says.
pub fn photo(
    page: &RgbImage,
    w_mm: f32,
    h_mm: f32,
    place: &Placement,
    rng: &mut ChaCha8Rng,
) -> Shot {
    let (fw, fh) = place.frame;
    let scale = scale_from_hd(place.frame);
    let corners = place.corners(w_mm, h_mm);
    // Resample the page close to its size in the frame first, so the warp does not alias.
    let target_w = (w_mm * place.px_per_mm * 1.1).round().max(8.0) as u32;
    let target_h = (h_mm * place.px_per_mm * 1.1).round().max(8.0) as u32;
    let small = if target_w < page.width() {
        imageops::resize(page, target_w, target_h, FilterType::Triangle)
    } else {
        page.clone()
    };
    let rgba = RgbaImage::from_fn(small.width(), small.height(), |x, y| {
        let p = small.get_pixel(x, y);
        Rgba([p[0], p[1], p[2], 255])
    });
    let (sw, sh) = (small.width() as f32, small.height() as f32);
    let from = [(0.0, 0.0), (sw, 0.0), (sw, sh), (0.0, sh)];
    let mut layer = RgbaImage::new(fw, fh);
    if let Some(projection) = Projection::from_control_points(from, corners) {
        warp_into(
            &rgba,
            projection,
            Interpolation::Bilinear,
            Border::Constant(Rgba([0, 0, 0, 0])),
            &mut layer,
        );
    }
    // Shadow: the page's mask, offset and blurred, darkens the surface.
    let mut background = surface(place.frame, rng);
    let offset = (
        (rng.random_range(2..12i64) as f32 * scale).round() as i64,
        (rng.random_range(3..14i64) as f32 * scale).round() as i64,
    );
    let mask = GrayImage::from_fn(fw, fh, |x, y| {
        let (sx, sy) = (x as i64 - offset.0, y as i64 - offset.1);
        if sx >= 0 && sy >= 0 && (sx as u32) < fw && (sy as u32) < fh {
            Luma([layer.get_pixel(sx as u32, sy as u32)[3]])
        } else {
            Luma([0])
        }
    });
    let mask = gaussian_blur_f32(&mask, rng.random_range(4.0..12.0f32) * scale);
    let depth = rng.random_range(0.25..0.5f32);
    for (x, y, p) in background.enumerate_pixels_mut() {
        let s = 1.0 - depth * mask.get_pixel(x, y)[0] as f32 / 255.0;
        let top = layer.get_pixel(x, y);
        let a = top[3] as f32 / 255.0;
        for k in 0..3 {
            p[k] = (p[k] as f32 * s * (1.0 - a) + top[k] as f32 * a) as u8;
        }
    }
    // Light: brightness, a directional gradient, vignetting, a warm or cool tint, glare.
    let level = rng.random_range(0.72..1.05f32);
    let dir = rng.random_range(0.0..std::f32::consts::TAU);
    let gradient = rng.random_range(0.05..0.3f32);
    let vignette = rng.random_range(0.1..0.35f32);
    let tint = [
        1.0,
        rng.random_range(0.95..1.02f32),
        rng.random_range(0.85..1.02f32),
    ];
    let glare = rng.random_bool(0.3).then(|| {
        (
            rng.random_range(0.2..0.8f32) * fw as f32,
            rng.random_range(0.2..0.8f32) * fh as f32,
            rng.random_range(80.0..260.0f32) * scale,
            rng.random_range(40.0..110.0f32),
        )
    });
    let (cx, cy) = (fw as f32 / 2.0, fh as f32 / 2.0);
    let diag = (cx * cx + cy * cy).sqrt();
    for (x, y, p) in background.enumerate_pixels_mut() {
        let (dx, dy) = ((x as f32 - cx) / diag, (y as f32 - cy) / diag);
        let light = level
            * (1.0 + gradient * (dx * dir.cos() + dy * dir.sin()))
            * (1.0 - vignette * (dx * dx + dy * dy) * 2.0);
        let extra = glare.map_or(0.0, |(gx, gy, r, strength)| {
            let d2 = ((x as f32 - gx).powi(2) + (y as f32 - gy).powi(2)) / (r * r);
            strength * (-d2).exp()
        });
        for k in 0..3 {
            p[k] = (p[k] as f32 * light * tint[k] + extra).clamp(0.0, 255.0) as u8;
        }
    }
    // Defocus, then sensor noise.
    let mut image = gaussian_blur_f32(&background, rng.random_range(0.5..1.3f32));
    let sigma = rng.random_range(2.0..5.0f32);
    for p in image.pixels_mut() {
        let n = noise(rng, sigma);
        for k in 0..3 {
            p[k] = (p[k] as f32 + n + noise(rng, sigma * 0.3)).clamp(0.0, 255.0) as u8;
        }
    }
    let rotation = place.rotation.rem_euclid(360.0);
    Shot {
        image,
        rotation,
        corners: Some(corners.map(|(x, y)| [x, y])),
        quality: rng.random_range(70..90),
    }
}
