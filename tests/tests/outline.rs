//! The page outline found on photographed text pages, the kind the kiosk's end-to-end tests
//! lay under the camera: an A4 sheet of large print on a table, lit unevenly. The corners
//! must be found close to where the sheet's are, or the flattened page loses text.

use image::DynamicImage;
use kiosk_tests::corpus::Generator;
use scanner::detect::detect;
use scanner::geometry::Point;

/// The farthest a corner found may lie from the sheet's, as a share of the frame's diagonal.
const MAX_CORNER_ERROR: f32 = 0.02;
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

/// How far the worst corner of `found` lies from the nearest corner of `truth`, in pixels.
fn worst_corner(found: &[Point; 4], truth: &[[f32; 2]; 4]) -> f32 {
    truth
        .iter()
        .map(|&[x, y]| {
            let corner = Point::new(x, y);
            found
                .iter()
                .map(|p| p.distance(corner))
                .fold(f32::INFINITY, f32::min)
        })
        .fold(0.0, f32::max)
}

#[test]
fn the_corners_of_photographed_text_pages_are_found() {
    let generator = Generator::new(7).expect("DejaVu fonts (fonts-dejavu-core)");
    let lines = lines();
    let misses: Vec<String> = (0..PAGES)
        .filter_map(|seed| {
            let shot = generator.text_shot(&lines, seed);
            let truth = shot.corners.expect("a photo has corners");
            let (width, height) = shot.image.dimensions();
            let diagonal = (width as f32).hypot(height as f32);
            let gray = DynamicImage::ImageRgb8(shot.image).into_luma8();
            let error = detect(&gray)
                .quad
                .map_or(f32::INFINITY, |quad| worst_corner(&quad.corners, &truth));
            (error > MAX_CORNER_ERROR * diagonal).then(|| format!("seed {seed}: {error:.0} px"))
        })
        .collect();
    assert!(misses.len() <= MAX_MISSES, "corners off: {misses:?}");
}
