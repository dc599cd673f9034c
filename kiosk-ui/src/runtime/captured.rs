//! A captured page on its way from the camera to the document worker: JPEG bytes, not pixels.
//!
//! A resident can lay pages faster than they are read (OCR takes seconds a page on the
//! device), so captures wait in the worker's queue. Raw frames would weigh 6 MB each at 1080p
//! and 25 MB at 4K; their JPEGs weigh a tenth of that. The bytes are also the page file the
//! session folder keeps, so nothing is encoded twice. They zero themselves when dropped.

use image::codecs::jpeg::JpegEncoder;
use image::{GrayImage, RgbImage};
use zeroize::Zeroizing;

use super::documents::ZeroizePixels;

/// JPEG quality of captured pages: fine print stays as legible as in the frame.
const QUALITY: u8 = 90;

/// One captured page, compressed.
pub(super) struct CapturedPage {
    jpeg: Zeroizing<Vec<u8>>,
}

impl CapturedPage {
    /// Compresses a camera frame, then zeroes its pixels.
    pub fn take(mut frame: RgbImage) -> Result<Self, image::ImageError> {
        let mut jpeg = Zeroizing::new(Vec::with_capacity(frame.len() / 8));
        let encoded = JpegEncoder::new_with_quality(&mut *jpeg, QUALITY).encode_image(&frame);
        frame.zeroize_pixels();
        encoded.map(|()| Self { jpeg })
    }

    /// The page file's bytes.
    pub fn jpeg(&self) -> &[u8] {
        &self.jpeg
    }

    /// The page in grey, the way the scanner reads it.
    pub fn grey(&self) -> Result<GrayImage, scanner::input::InputError> {
        scanner::input::decode_bytes(&self.jpeg).map(image::DynamicImage::into_luma8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_is_a_small_jpeg_that_decodes_to_the_frame_in_grey() {
        let frame = RgbImage::from_fn(640, 480, |x, y| {
            let v = if (x / 40 + y / 40) % 2 == 0 { 30 } else { 220 };
            image::Rgb([v, v, v])
        });
        let page = CapturedPage::take(frame.clone()).expect("encoded");
        assert!(page.jpeg().starts_with(&[0xFF, 0xD8]), "a JPEG");
        assert!(
            page.jpeg().len() < frame.len() / 4,
            "{} bytes",
            page.jpeg().len()
        );
        let grey = page.grey().expect("decoded");
        assert_eq!(grey.dimensions(), (640, 480));
        let worst = grey
            .pixels()
            .zip(frame.pixels())
            .map(|(g, c)| g.0[0].abs_diff(c.0[0]))
            .max()
            .unwrap();
        assert!(worst < 40, "off by {worst}");
    }
}
