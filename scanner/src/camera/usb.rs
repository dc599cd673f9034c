//! The document camera: V4L2/UVC through nokhwa.
//!
//! Document cameras offer many modes; the kiosk wants the sharpest picture it can still get at
//! a usable rate. [`choose_format`] picks it from what the device lists — the highest resolution
//! delivered at [`MIN_FPS`] or more, MJPEG before YUYV at equal size (uncompressed YUYV at high
//! resolution saturates USB 2 and drops to a frame or two a second) — and is a plain function,
//! so the choice is tested without a device. [`decode_frame`] turns a raw buffer into RGB, and
//! is likewise exercised with synthetic MJPEG and YUYV buffers.

use image::RgbImage;
use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
};
use nokhwa::{Buffer, Camera};

use super::{CameraError, FrameSource};

/// The slowest frame rate worth streaming: slower than this, the preview feels frozen.
pub const MIN_FPS: u32 = 5;
/// The largest frame worth taking: beyond this, frames only cost time and memory.
pub const MAX_PIXELS: u32 = 4096 * 3072;

/// A V4L2/UVC camera, streaming in the format [`choose_format`] picked.
pub struct UsbCamera {
    camera: Camera,
}

impl UsbCamera {
    /// The cameras the system knows, as (index, name) pairs; empty when none is plugged in.
    pub fn list() -> Vec<(u32, String)> {
        nokhwa::query(ApiBackend::Video4Linux)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|info| match info.index() {
                CameraIndex::Index(i) => Some((*i, info.human_name())),
                CameraIndex::String(_) => None,
            })
            .collect()
    }

    /// Opens camera `index` (0 for the first) in the best format it offers and starts it.
    pub fn open(index: u32) -> Result<Self, CameraError> {
        let any_format = RequestedFormat::new::<RgbFormat>(RequestedFormatType::None);
        let mut camera = Camera::new(CameraIndex::Index(index), any_format)
            .map_err(|_| CameraError::NotFound)?;
        let formats = camera
            .compatible_camera_formats()
            .map_err(|e| CameraError::Disconnected(e.to_string()))?;
        let chosen = choose_format(&formats).ok_or(CameraError::NoUsableFormat)?;
        camera
            .set_camera_requset(RequestedFormat::new::<RgbFormat>(
                RequestedFormatType::Exact(chosen),
            ))
            .map_err(|e| CameraError::Disconnected(e.to_string()))?;
        camera
            .open_stream()
            .map_err(|e| CameraError::Disconnected(e.to_string()))?;
        Ok(Self { camera })
    }
}

impl FrameSource for UsbCamera {
    fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
        let buffer = self
            .camera
            .frame()
            .map_err(|e| CameraError::Disconnected(e.to_string()))?;
        decode_frame(&buffer)
    }

    fn describe(&self) -> String {
        let format = self.camera.camera_format();
        format!(
            "{} ({}×{} {} at {} fps)",
            self.camera.info().human_name(),
            format.width(),
            format.height(),
            format.format(),
            format.frame_rate()
        )
    }
}

impl Drop for UsbCamera {
    fn drop(&mut self) {
        // A stream left open keeps the device busy for the next session's open.
        let _ = self.camera.stop_stream();
    }
}

/// Picks the format to stream: the most pixels at [`MIN_FPS`] or more (up to [`MAX_PIXELS`]),
/// then the better encoding, then the higher frame rate. `None` when nothing qualifies.
pub fn choose_format(formats: &[CameraFormat]) -> Option<CameraFormat> {
    formats
        .iter()
        .copied()
        .filter(|f| {
            f.frame_rate() >= MIN_FPS
                && encoding_rank(f.format()).is_some()
                && f.width().saturating_mul(f.height()) <= MAX_PIXELS
        })
        .max_by_key(|f| {
            (
                f.width().saturating_mul(f.height()),
                encoding_rank(f.format()),
                f.frame_rate(),
            )
        })
}

/// How much the kiosk prefers an encoding (higher is better); `None` for unusable ones.
fn encoding_rank(format: FrameFormat) -> Option<u8> {
    match format {
        FrameFormat::MJPEG => Some(3),
        FrameFormat::YUYV => Some(2),
        FrameFormat::NV12 => Some(1),
        FrameFormat::RAWRGB | FrameFormat::GRAY => Some(0),
        FrameFormat::RAWBGR => None,
    }
}

/// Decodes a raw camera buffer (MJPEG, YUYV, NV12, RGB or grey) into an RGB frame.
pub fn decode_frame(buffer: &Buffer) -> Result<RgbImage, CameraError> {
    buffer
        .decode_image::<RgbFormat>()
        .map_err(|e| CameraError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nokhwa::utils::Resolution;

    fn format(width: u32, height: u32, encoding: FrameFormat, fps: u32) -> CameraFormat {
        CameraFormat::new_from(width, height, encoding, fps)
    }

    #[test]
    fn prefers_the_largest_frame_at_a_usable_rate() {
        let offered = [
            format(640, 480, FrameFormat::MJPEG, 30),
            format(1920, 1080, FrameFormat::MJPEG, 30),
            format(3264, 2448, FrameFormat::MJPEG, 15),
            format(3264, 2448, FrameFormat::YUYV, 2),
        ];
        assert_eq!(choose_format(&offered), Some(offered[2]));
    }

    #[test]
    fn prefers_mjpeg_over_yuyv_at_the_same_size() {
        let offered = [
            format(1920, 1080, FrameFormat::YUYV, 5),
            format(1920, 1080, FrameFormat::MJPEG, 5),
        ];
        assert_eq!(choose_format(&offered), Some(offered[1]));
    }

    #[test]
    fn refuses_formats_it_cannot_use() {
        let offered = [
            format(1920, 1080, FrameFormat::MJPEG, 1),
            format(1280, 720, FrameFormat::RAWBGR, 30),
            format(8000, 6000, FrameFormat::MJPEG, 10),
        ];
        assert_eq!(choose_format(&offered), None);
        assert_eq!(choose_format(&[]), None);
    }

    #[test]
    fn decodes_an_mjpeg_frame() {
        let frame = RgbImage::from_pixel(64, 48, image::Rgb([200, 40, 40]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
            .encode_image(&frame)
            .expect("encoding a frame");
        let buffer = Buffer::new(Resolution::new(64, 48), &jpeg, FrameFormat::MJPEG);
        let decoded = decode_frame(&buffer).expect("MJPEG decodes");
        assert_eq!(decoded.dimensions(), (64, 48));
        let [r, g, b] = decoded.get_pixel(10, 10).0;
        assert!(r > 180 && g < 70 && b < 70, "{r} {g} {b}");
    }

    #[test]
    fn decodes_a_yuyv_frame() {
        // Mid-grey: Y = 128, U = V = 128 (no colour).
        let yuyv = vec![128u8; 8 * 4 * 2];
        let buffer = Buffer::new(Resolution::new(8, 4), &yuyv, FrameFormat::YUYV);
        let decoded = decode_frame(&buffer).expect("YUYV decodes");
        let [r, g, b] = decoded.get_pixel(3, 2).0;
        assert!(r.abs_diff(g) < 4 && g.abs_diff(b) < 4 && r.abs_diff(128) < 20);
    }

    #[test]
    fn a_damaged_mjpeg_frame_is_an_error() {
        let buffer = Buffer::new(
            Resolution::new(64, 48),
            b"\xFF\xD8garbage",
            FrameFormat::MJPEG,
        );
        assert!(matches!(decode_frame(&buffer), Err(CameraError::Decode(_))));
    }

    #[test]
    fn opening_a_camera_that_is_not_there_says_so() {
        // No machine running the tests has 200 cameras; the kiosk must not panic on a missing one.
        assert!(matches!(UsbCamera::open(200), Err(CameraError::NotFound)));
    }
}
