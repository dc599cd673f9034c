//! The page outline found on photographed text pages, the kind the kiosk's end-to-end tests
//! lay under the camera: an A4 sheet of large print on a table, lit unevenly. The corners
//! must be found as close to the sheet's as the accuracy command asks
//! ([`OUTLINE_TOLERANCE`] of its diagonal), or the flattened page loses text.

use image::DynamicImage;
use kiosk_tests::accuracy::{OUTLINE_TOLERANCE, outline_error};
use kiosk_tests::corpus::Generator;

/// The pages photographed, each lying differently on its table.
const PAGES: u64 = 24;
/// The pages whose outline may be missed: on a gingham cloth whose white squares are as
/// light as the paper and touch it all round, the page is not told from the cloth yet (one of
/// these 24).
const MAX_MISSES: usize = 1;

/// The text of the page: sentences around codes in capitals, as the kiosk's tests print.
fn lines() -> Vec<String> {
    [
        "Attestation",
        "Je soussigné certifie que",
        "la personne ci-dessous habite",
        "CANARY-KX7QZ2MWP4",
        "CANARY-R8TVB3NDJ6",
        "Fait pour servir et valoir",
    ]
    .map(str::to_owned)
    .to_vec()
}

#[test]
fn the_corners_of_photographed_text_pages_are_found() {
    let generator = Generator::new(7).expect("DejaVu fonts (fonts-dejavu-core)");
    let lines = lines();
    let misses: Vec<String> = (0..PAGES)
        .filter_map(|seed| {
            let shot = generator.text_shot(&lines, seed);
            let truth = shot.corners.expect("a photo has corners");
            let gray = DynamicImage::ImageRgb8(shot.image).into_luma8();
            let error = outline_error(&gray, &truth).unwrap_or(f32::INFINITY);
            (error > OUTLINE_TOLERANCE).then(|| format!("seed {seed}: {:.1} %", error * 100.0))
        })
        .collect();
    assert!(misses.len() <= MAX_MISSES, "corners off: {misses:?}");
}
