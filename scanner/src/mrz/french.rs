//! The French passport's number, whose shape tells letters from digits.
//!
//! ICAO lets a document number mix letters and digits anywhere, so where OCR reads a round
//! glyph the zone's rules cannot say whether it is an `O`, a `Q`, a `D` or a `0`, and the check
//! digit, which catches one slip, can be passed by two wrong ones (`52R0…` mended into
//! `S2RD…` for `52RQ…`). A French passport's number always has one shape: two digits, two
//! letters, five digits. Read into that shape, each position has few candidates, and a
//! reading is kept only when exactly one of them passes the check digit.

use super::layout::{Kind, Span};
use super::repair::{changes, coerce, verifies};

/// The kind of each position of a French passport number (`52RQ78555`).
const SHAPE: [Kind; 9] = [
    Kind::Digit,
    Kind::Digit,
    Kind::Alpha,
    Kind::Alpha,
    Kind::Digit,
    Kind::Digit,
    Kind::Digit,
    Kind::Digit,
    Kind::Digit,
];

/// Letters OCR reads for one another in a zone's font, each family as one string.
const LETTER_FAMILIES: &[&[u8]] = &[b"OQD", b"IL"];

/// Reads the passport number in `number` (its check digit in `check`) into its shape, if it
/// does not fit it as read (a number that fits is left to the check digit's own repair).
/// Returns how many characters changed, when exactly one reading in the shape passes the
/// check digit.
pub(super) fn settle_passport_number(
    lines: &mut [Vec<u8>],
    number: Span,
    check: Span,
) -> Option<usize> {
    let read = lines[number.line][number.start..number.start + number.len].to_vec();
    let check_digit = lines[check.line][check.start];
    if read.len() != SHAPE.len() || fits(&read) {
        return None;
    }
    let mut valid = readings(&read)
        .into_iter()
        .filter(|r| verifies(r, check_digit));
    let (Some(number_read), None) = (valid.next(), valid.next()) else {
        return None;
    };
    lines[number.line][number.start..number.start + number.len].copy_from_slice(&number_read);
    Some(changes(&read, &number_read))
}

/// Whether `number` has the shape of a French passport number.
fn fits(number: &[u8]) -> bool {
    number.iter().zip(SHAPE).all(|(c, kind)| match kind {
        Kind::Digit => c.is_ascii_digit(),
        _ => c.is_ascii_uppercase(),
    })
}

/// Every reading of `read` in the shape: digits and letters made their look-alikes, and each
/// letter tried as every letter of its family.
fn readings(read: &[u8]) -> Vec<Vec<u8>> {
    let options: Vec<Vec<u8>> = read
        .iter()
        .zip(SHAPE)
        .map(|(&c, kind)| {
            let c = coerce(c, kind);
            match LETTER_FAMILIES.iter().find(|f| f.contains(&c)) {
                Some(family) if kind == Kind::Alpha => family.to_vec(),
                _ => vec![c],
            }
        })
        .collect();
    let mut readings = vec![Vec::new()];
    for choices in &options {
        readings = readings
            .into_iter()
            .flat_map(|r| {
                choices.iter().map(move |&c| {
                    let mut r = r.clone();
                    r.push(c);
                    r
                })
            })
            .collect();
    }
    readings.retain(|r| fits(r));
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: Span = Span {
        line: 0,
        start: 0,
        len: 9,
    };
    const CHECK: Span = Span {
        line: 0,
        start: 9,
        len: 1,
    };

    fn settle(read: &str) -> (Option<usize>, String) {
        let mut lines = vec![read.as_bytes().to_vec()];
        let changed = settle_passport_number(&mut lines, NUMBER, CHECK);
        (changed, String::from_utf8(lines.remove(0)).unwrap())
    }

    #[test]
    fn a_q_read_as_a_zero_is_the_one_letter_that_passes_the_check() {
        // 52RQ78555, check digit 4: `S2RD` passes it too, but has no passport number's shape.
        assert_eq!(settle("52R0785554"), (Some(1), "52RQ785554".to_owned()));
        assert_eq!(settle("S2RO785554"), (Some(2), "52RQ785554".to_owned()));
    }

    #[test]
    fn a_number_that_fits_is_left_to_the_check_digit() {
        assert_eq!(settle("52RQ785554"), (None, "52RQ785554".to_owned()));
        // Its check digit may be the slip: the letters are not made to answer for it.
        assert_eq!(settle("52RQ785550"), (None, "52RQ785550".to_owned()));
    }

    #[test]
    fn a_number_no_reading_in_the_shape_mends_is_left_alone() {
        assert_eq!(settle("52R0785559"), (None, "52R0785559".to_owned()));
        assert_eq!(settle("ABCDEFGHI5"), (None, "ABCDEFGHI5".to_owned()));
    }
}
