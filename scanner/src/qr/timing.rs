//! The timing patterns that tell three finders of a code from three finder-like blots.
//!
//! Between its finder patterns a code has two lines of modules that alternate dark and light,
//! module by module: the timing patterns, one along each side, three modules in from the
//! finders' centres. A checked tablecloth or a page of print can show three patterns that pass
//! for finders at about a right angle; what lies between them does not alternate that often.
//! Walking both lines costs a few hundred pixel reads and spares rqrr's flood fill of a whole
//! textured area — on a frame with no code, that fill was most of the reading time.
//!
//! The walk counts runs rather than reading module centres, so a code seen in perspective or
//! blurred by a module's width still passes: only a line with far fewer runs than modules fails.

use super::binarize::BitMap;
use super::finder::Finder;

/// Modules from a finder's centre to its timing pattern, across the side.
const TIMING_OFFSET: f32 = 3.0;
/// Modules from a finder's centre to the first module of the timing pattern, along the side
/// (the finder's half, then its separator).
const TIMING_START: f32 = 4.5;
/// The least share of a timing pattern's modules that must show as runs of their own.
const MIN_RUN_SHARE: f32 = 0.5;
/// A side with fewer timing modules than this says too little to judge (blur and perspective
/// shorten the smallest codes'); rqrr decides alone.
const MIN_JUDGED_MODULES: f32 = 4.0;

/// Whether both timing patterns of the code with finders `corner` (the one at the right
/// angle), `b` and `c` alternate as a code's do.
pub fn alternate(bits: &BitMap, corner: &Finder, b: &Finder, c: &Finder) -> bool {
    let module = (corner.module + b.module + c.module) / 3.0;
    side_alternates(bits, corner, b, c, module) && side_alternates(bits, corner, c, b, module)
}

/// Whether the timing pattern from `corner` towards `end`, three modules in towards `other`,
/// has about as many runs as modules.
fn side_alternates(
    bits: &BitMap,
    corner: &Finder,
    end: &Finder,
    other: &Finder,
    module: f32,
) -> bool {
    let (along_x, along_y) = (end.x - corner.x, end.y - corner.y);
    let (across_x, across_y) = (other.x - corner.x, other.y - corner.y);
    let along = along_x.hypot(along_y);
    let across = across_x.hypot(across_y);
    if along <= f32::EPSILON || across <= f32::EPSILON {
        return false;
    }
    let span = along / module;
    let modules = span - 2.0 * TIMING_START;
    if modules < MIN_JUDGED_MODULES {
        return true;
    }
    let (ux, uy) = (along_x / along, along_y / along);
    let shift = TIMING_OFFSET * module / across;
    let (start_x, start_y) = (
        corner.x + TIMING_START * module * ux + shift * across_x,
        corner.y + TIMING_START * module * uy + shift * across_y,
    );
    let steps = (modules * module).ceil() as usize;
    let mut runs = 0usize;
    let mut previous = None;
    for step in 0..=steps {
        let (x, y) = (start_x + step as f32 * ux, start_y + step as f32 * uy);
        if x < 0.0 || y < 0.0 {
            return false;
        }
        let Some(dark) = bits.dark(x as usize, y as usize) else {
            return false;
        };
        if previous != Some(dark) {
            runs += 1;
            previous = Some(dark);
        }
    }
    runs as f32 >= MIN_RUN_SHARE * modules
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    /// A map of a real version-`version` code, `module` pixels a module, a four-module quiet
    /// zone around it, and the centres of its three finders (corner first).
    fn code_map(version: i16, module: u32) -> (BitMap, [Finder; 3]) {
        let code = qrcode::QrCode::with_version(
            b"vault pairing",
            qrcode::Version::Normal(version),
            qrcode::EcLevel::M,
        )
        .unwrap();
        let size = code.width() as u32;
        let colours = code.to_colors();
        let quiet = 4;
        let side = (size + 2 * quiet) * module;
        let grey = GrayImage::from_fn(side, side, |x, y| {
            let (mx, my) = (
                (x / module) as i64 - quiet as i64,
                (y / module) as i64 - quiet as i64,
            );
            let inside = (0..size as i64).contains(&mx) && (0..size as i64).contains(&my);
            let dark = inside && colours[(my * size as i64 + mx) as usize] == qrcode::Color::Dark;
            Luma([if dark { 0 } else { 255 }])
        });
        let centre = |m: f32| (quiet as f32 + m) * module as f32;
        let finder = |x: f32, y: f32| Finder {
            x: centre(x),
            y: centre(y),
            module: module as f32,
            hits: 3,
        };
        let far = size as f32 - 3.5;
        (
            BitMap::from_grey(&grey),
            [finder(3.5, 3.5), finder(far, 3.5), finder(3.5, far)],
        )
    }

    #[test]
    fn real_codes_pass_in_any_order_of_their_ends() {
        for (version, module) in [(1, 3), (2, 4), (7, 2), (10, 5)] {
            let (bits, [corner, b, c]) = code_map(version, module);
            assert!(alternate(&bits, &corner, &b, &c), "version {version}");
            assert!(
                alternate(&bits, &corner, &c, &b),
                "version {version} mirrored"
            );
        }
    }

    #[test]
    fn squares_or_blank_paper_between_three_patterns_are_no_code() {
        let module = 4;
        let (_, finders) = code_map(5, module);
        let blank = BitMap::from_grey(&GrayImage::from_pixel(200, 200, Luma([255])));
        assert!(!alternate(&blank, &finders[0], &finders[1], &finders[2]));
        // A checked cloth whose squares are three modules wide.
        let checks = BitMap::from_grey(&GrayImage::from_fn(200, 200, |x, y| {
            Luma([if (x / 12 + y / 12) % 2 == 0 { 0 } else { 255 }])
        }));
        assert!(!alternate(&checks, &finders[0], &finders[1], &finders[2]));
    }

    #[test]
    fn patterns_at_the_map_edge_do_not_panic() {
        let (bits, [corner, b, c]) = code_map(3, 2);
        let outside = Finder {
            x: -40.0,
            y: 5000.0,
            ..c
        };
        assert!(!alternate(&bits, &corner, &b, &outside));
        assert!(!alternate(&bits, &outside, &b, &c));
    }
}
