//! Decoding untrusted image files safely.
//!
//! Every photo the scanner reads — from the CLI, from a replay folder, from a test corpus — goes
//! through here. The image header is read first and anything larger than [`MAX_PIXELS`] is
//! refused *before* a single pixel is decoded, so a 50,000 × 50,000 PNG costs a few bytes of
//! reading, not gigabytes of memory. Decoding then runs under the same allocation limit, and the
//! EXIF orientation (as phone and camera JPEGs carry it) is applied so pages arrive as they were
//! photographed. A broken EXIF block is ignored rather than fatal: it only ever affects rotation,
//! which the pipeline re-checks from the text anyway.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use thiserror::Error;

/// The largest image accepted, in pixels: a 48-megapixel camera frame with room to spare.
pub const MAX_PIXELS: u64 = 64_000_000;
/// The largest side accepted, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why an image could not be used.
#[derive(Debug, Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Unreadable(#[from] std::io::Error),
    /// The file has no content at all.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than any photo the kiosk takes.
    #[error("the file is {bytes} bytes, more than the {MAX_FILE_BYTES} accepted")]
    FileTooLarge {
        /// Size of the file.
        bytes: u64,
    },
    /// The bytes are not an image format the scanner knows.
    #[error("not an image (unknown format)")]
    UnknownFormat,
    /// The header announces more pixels than the scanner accepts.
    #[error("the image is {width} × {height} pixels, larger than accepted")]
    TooLarge {
        /// Width announced by the header.
        width: u32,
        /// Height announced by the header.
        height: u32,
    },
    /// The header announces an image with no pixels.
    #[error("the image has no pixels ({width} × {height})")]
    NoPixels {
        /// Width announced by the header.
        width: u32,
        /// Height announced by the header.
        height: u32,
    },
    /// The image data is truncated or corrupt.
    #[error("the image is damaged: {0}")]
    Corrupt(String),
}

/// Reads and decodes the image file at `path`, refusing oversized ones before decoding.
pub fn load_image(path: &Path) -> Result<DynamicImage, InputError> {
    let bytes_on_disk = std::fs::metadata(path)?.len();
    if bytes_on_disk > MAX_FILE_BYTES {
        return Err(InputError::FileTooLarge {
            bytes: bytes_on_disk,
        });
    }
    decode_bytes(&std::fs::read(path)?)
}

/// Decodes an image held in memory, refusing oversized ones before decoding.
pub fn decode_bytes(bytes: &[u8]) -> Result<DynamicImage, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let (width, height) = reader(bytes)?
        .into_dimensions()
        .map_err(|e| InputError::Corrupt(e.to_string()))?;
    check_dimensions(width, height)?;

    let mut limited = reader(bytes)?;
    limited.limits(decode_limits());
    let mut decoder = limited
        .into_decoder()
        .map_err(|e| InputError::Corrupt(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| InputError::Corrupt(e.to_string()))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, InputError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(InputError::Unreadable)?;
    if reader.format().is_none() {
        return Err(InputError::UnknownFormat);
    }
    Ok(reader)
}

fn check_dimensions(width: u32, height: u32) -> Result<(), InputError> {
    if width == 0 || height == 0 {
        return Err(InputError::NoPixels { width, height });
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(InputError::TooLarge { width, height });
    }
    Ok(())
}

fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Four bytes a pixel for RGBA, plus the decoder's own working buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    limits
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                RgbImage::new(width, height).as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .expect("encoding a small PNG in memory");
        out
    }

    /// A 1 × 1 PNG whose header announces `width` × `height` (with a valid checksum).
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32fast::hash(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    #[test]
    fn decodes_a_valid_png() {
        let image = decode_bytes(&png(7, 5)).expect("a valid PNG decodes");
        assert_eq!((image.width(), image.height()), (7, 5));
    }

    #[test]
    fn refuses_empty_input() {
        assert!(matches!(decode_bytes(&[]), Err(InputError::Empty)));
    }

    #[test]
    fn refuses_non_images() {
        let err = decode_bytes(b"%PDF-1.7 this is not a picture").unwrap_err();
        assert!(matches!(err, InputError::UnknownFormat), "{err}");
    }

    #[test]
    fn refuses_a_huge_png_by_its_header() {
        let err = decode_bytes(&png_header(50_000, 50_000)).unwrap_err();
        assert!(
            matches!(
                err,
                InputError::TooLarge {
                    width: 50_000,
                    height: 50_000
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn refuses_truncated_images() {
        let bytes = png(64, 64);
        // Cuts inside the header and inside the pixel data (the last 12 bytes are the end marker).
        for cut in [8, 20, 40, bytes.len() / 2, bytes.len() - 13] {
            assert!(decode_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn refuses_a_truncated_jpeg() {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode_image(&RgbImage::from_pixel(32, 32, image::Rgb([200, 10, 10])))
            .expect("encoding a small JPEG in memory");
        assert!(decode_bytes(&jpeg).is_ok());
        assert!(decode_bytes(&jpeg[..jpeg.len() / 3]).is_err());
    }

    #[test]
    fn refuses_a_file_that_does_not_exist() {
        let err = load_image(Path::new("no/such/photo.jpg")).unwrap_err();
        assert!(matches!(err, InputError::Unreadable(_)), "{err}");
    }
}
