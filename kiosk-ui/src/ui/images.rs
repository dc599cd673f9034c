//! Pictures for the window: camera frames and thumbnails as Slint images, the page outline as
//! an SVG path, and the phone-approval login address as a QR code.
//!
//! The QR code is drawn here rather than in the markup because its content is the session's
//! (a one-time login address): it is rendered from the view each time it changes, with a white
//! quiet zone and whole pixels per module so a phone camera reads it off the screen.

use image::{Rgb, RgbImage};
use qrcode::{Color, EcLevel, QrCode};
use slint::{Rgb8Pixel, SharedPixelBuffer};

/// Screen pixels per QR module: a version 5–7 code (a login address) comes out ~250–330 px.
const QR_MODULE_PX: u32 = 6;
/// White modules around the code, as the QR standard asks.
const QR_QUIET_MODULES: u32 = 4;

/// An RGB picture as a Slint image (copied once into Slint's shared buffer).
pub fn to_slint(picture: &RgbImage) -> slint::Image {
    let buffer = SharedPixelBuffer::<Rgb8Pixel>::clone_from_slice(
        picture.as_raw(),
        picture.width(),
        picture.height(),
    );
    slint::Image::from_rgb8(buffer)
}

/// The page outline as SVG path commands in the preview's pixel coordinates.
pub fn outline_path(corners: &[(f32, f32); 4]) -> String {
    let mut path = String::new();
    for (n, (x, y)) in corners.iter().enumerate() {
        let verb = if n == 0 { 'M' } else { 'L' };
        path.push_str(&format!("{verb} {x:.1} {y:.1} "));
    }
    path.push('Z');
    path
}

/// `text` as a black-on-white QR code; `None` if it is too long for a QR code.
pub fn qr_code(text: &str) -> Option<RgbImage> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let modules = u32::try_from(code.width()).ok()?;
    let colors = code.to_colors();
    let side = (modules + 2 * QR_QUIET_MODULES) * QR_MODULE_PX;
    Some(RgbImage::from_fn(side, side, |x, y| {
        let (mx, my) = (
            (x / QR_MODULE_PX).checked_sub(QR_QUIET_MODULES),
            (y / QR_MODULE_PX).checked_sub(QR_QUIET_MODULES),
        );
        let dark = match (mx, my) {
            (Some(mx), Some(my)) if mx < modules && my < modules => {
                colors[(my * modules + mx) as usize] == Color::Dark
            }
            _ => false,
        };
        if dark {
            Rgb([0, 0, 0])
        } else {
            Rgb([255, 255, 255])
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_code_reads_back_as_the_address() {
        let address = "https://cloud.example.org/index.php/login/v2/flow/Zx81kQ0aP";
        let code = qr_code(address).expect("an address fits in a QR code");
        assert_eq!(code.width(), code.height());
        assert!(code.width() <= 400, "fits the screen: {}", code.width());
        assert_eq!(scanner::qr::read_codes(&code), [address]);
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_no_picture() {
        assert!(qr_code(&"x".repeat(5000)).is_none());
    }

    #[test]
    fn the_outline_is_a_closed_path_through_the_four_corners() {
        let path = outline_path(&[(10.0, 20.0), (300.5, 22.0), (298.0, 400.0), (12.0, 398.04)]);
        assert_eq!(
            path,
            "M 10.0 20.0 L 300.5 22.0 L 298.0 400.0 L 12.0 398.0 Z"
        );
    }

    #[test]
    fn pictures_keep_their_size_in_slint() {
        let picture = RgbImage::from_pixel(64, 48, Rgb([10, 20, 30]));
        let image = to_slint(&picture);
        assert_eq!((image.size().width, image.size().height), (64, 48));
    }
}
