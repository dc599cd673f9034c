//! Pairing codes read from camera frames.
//!
//! (Interface only; the robust reader is being written.)

use image::RgbImage;

/// Every QR code payload found in `frame`, as text, without duplicates.
pub fn read_codes(frame: &RgbImage) -> Vec<String> {
    let grey = image::imageops::grayscale(frame);
    let mut prepared = rqrr::PreparedImage::prepare(grey);
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}
