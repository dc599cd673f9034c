//! A quick look for QR finder patterns, so that frames without a code stay cheap.
//!
//! rqrr searches a dark/light map by flood-filling every region that might be a finder
//! pattern (the three nested squares in a code's corners): on a photo of a printed page,
//! with its thousands of letters, that costs far more than the map itself. Before handing a
//! map to rqrr, this scan looks for the finder's signature the cheap way — a run of dark,
//! light, dark (three times as long), light, dark, 1:1:3:1:1 along a row, confirmed by the same
//! ratios, over about the same length, down the column through its centre — with rqrr's own
//! tolerance on the ratios, so a finder rqrr could accept is hardly ever missed here. A code needs three finders; a map with fewer distinct
//! candidates is not worth rqrr's time.

use image::GrayImage;

/// How many distinct finder-like patterns a map needs before rqrr is asked to look at it.
pub const NEEDED: usize = 3;

/// Whether the dark/light map `bits` (1 dark, 0 light) shows at least [`NEEDED`] distinct
/// finder-like patterns.
pub fn worth_searching(bits: &GrayImage) -> bool {
    let (width, height) = (bits.width() as usize, bits.height() as usize);
    let raw = bits.as_raw();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for y in 0..height {
        let row = &raw[y * width..(y + 1) * width];
        let mut runs = [0usize; 5];
        let mut run = 0;
        let mut changes = 0;
        let mut colour = row.first().copied().unwrap_or(0);
        // A light pixel past the end closes a pattern that touches the right edge.
        for x in 0..=width {
            let pixel = row.get(x).copied().unwrap_or(0);
            if pixel == colour {
                run += 1;
                continue;
            }
            runs.rotate_left(1);
            runs[4] = run;
            run = 1;
            changes += 1;
            let ended_dark = colour == 1;
            colour = pixel;
            if !(ended_dark && changes >= 5 && matches_pattern(&runs)) {
                continue;
            }
            let stone_end = x - runs[3] - runs[4];
            let centre_x = stone_end - runs[2] / 2 - 1;
            let size: usize = runs.iter().sum();
            if !column_matches(bits, centre_x, y, size) {
                continue;
            }
            let known = found.iter().any(|&(fx, fy, fsize)| {
                let reach = fsize.max(size) / 2;
                fx.abs_diff(centre_x) <= reach && fy.abs_diff(y) <= reach
            });
            if !known {
                found.push((centre_x, y, size));
                if found.len() >= NEEDED {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether five run lengths read 1:1:3:1:1, within rqrr's tolerance (a quarter to
/// seven quarters of the module estimate for each one-module run). The arithmetic is in
/// quarter pixels, so two- and three-pixel modules are not rounded out of the pattern.
fn matches_pattern(runs: &[usize; 5]) -> bool {
    let module = runs[0] + runs[1] + runs[3] + runs[4];
    let slack = module * 3 / 4;
    [1, 1, 3, 1, 1].iter().zip(runs).all(|(&ratio, &run)| {
        4 * run + slack >= ratio * module && 4 * run <= ratio * module + slack
    })
}

/// Whether the column through `(x, y)`, a dark pixel, reads 1:1:3:1:1 around it, over
/// about the same length as the row did (`row_size`, within 40 %, as a square seen at an
/// angle still is; blobs of text rarely are).
fn column_matches(bits: &GrayImage, x: usize, y: usize, row_size: usize) -> bool {
    let height = bits.height() as usize;
    let at = |y: usize| bits.get_pixel(x as u32, y as u32).0[0];
    if at(y) != 1 {
        return false;
    }
    // Walk away from the centre, counting the stone, the gap and the ring on each side.
    let mut up = [0usize; 3];
    let mut cursor = y;
    for (part, want) in up.iter_mut().zip([1u8, 0, 1]) {
        while at(cursor) == want {
            *part += 1;
            if cursor == 0 {
                break;
            }
            cursor -= 1;
        }
        if at(cursor) == want {
            break;
        }
    }
    let mut down = [0usize; 3];
    let mut cursor = y;
    for (part, want) in down.iter_mut().zip([1u8, 0, 1]) {
        while cursor < height && at(cursor) == want {
            *part += 1;
            cursor += 1;
        }
        if cursor >= height {
            break;
        }
    }
    let runs = [up[2], up[1], up[0] + down[0] - 1, down[1], down[2]];
    let size: usize = runs.iter().sum();
    runs.iter().all(|&run| run > 0)
        && 5 * size.abs_diff(row_size) < 2 * row_size
        && matches_pattern(&runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map with finder patterns of `module` pixels at each of `corners`.
    fn finders(corners: &[(u32, u32)], module: u32) -> GrayImage {
        GrayImage::from_fn(200, 200, |x, y| {
            let dark = corners.iter().any(|&(cx, cy)| {
                if x < cx || y < cy || x >= cx + 7 * module || y >= cy + 7 * module {
                    return false;
                }
                let (mx, my) = ((x - cx) / module, (y - cy) / module);
                let ring = mx.min(my).min(6 - mx).min(6 - my);
                ring != 1
            });
            image::Luma([u8::from(dark)])
        })
    }

    #[test]
    fn three_finders_are_worth_searching() {
        let bits = finders(&[(10, 10), (120, 10), (10, 120)], 6);
        assert!(worth_searching(&bits));
    }

    #[test]
    fn two_finders_are_not() {
        let bits = finders(&[(10, 10), (120, 10)], 6);
        assert!(!worth_searching(&bits));
    }

    #[test]
    fn stripes_are_not_finders() {
        let bits = GrayImage::from_fn(200, 200, |x, _| image::Luma([u8::from(x % 6 < 3)]));
        assert!(!worth_searching(&bits));
    }

    #[test]
    fn finders_at_the_edges_do_not_panic() {
        let bits = finders(&[(0, 0), (158, 0), (0, 158), (158, 158)], 6);
        assert!(worth_searching(&bits));
        for (w, h) in [(0, 0), (1, 1), (1, 30), (30, 1)] {
            assert!(!worth_searching(&GrayImage::new(w, h)));
        }
    }
}
