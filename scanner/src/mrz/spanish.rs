//! The Spanish identity number in a Spanish card's zone, and its check letter.
//!
//! Spain's identity card (DNI) and its foreigners' residence card (TIE) write the holder's
//! identity number at the start of the first line's optional data: eight digits and a letter
//! (DNI), or `X`, `Y` or `Z`, seven digits and a letter (NIE). ICAO gives that field no check
//! digit of its own — only the composite digit covers it, and one digit cannot tell which of
//! its characters OCR misread, nor notice an extra one read into it (`380534010Q` for
//! `38053401Q`). But the letter is a check of its own: the number modulo 23 picks it from
//! [`LETTERS`], `X`, `Y` and `Z` counting as 0, 1 and 2. A number whose letter does not hold is
//! repaired here with the usual look-alikes and by dropping one character, and a repair is
//! kept only when letter and composite digit both hold and no other repair does.

use super::layout::{Kind, Span};
use super::repair::{changes, coerce};

/// The check letters, indexed by the number modulo 23.
const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// How long a DNI or NIE is, letter included.
const LENGTH: usize = 9;

/// What became of the identity number in a Spanish zone's optional data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// The field holds no identity number (not shaped like one), so nothing was checked.
    Absent,
    /// The number's letter holds as read.
    Holds,
    /// The number was repaired; this many characters of the field changed.
    Repaired(usize),
    /// The number's letter fails and no single repair makes it and the composite digit hold.
    Broken,
}

/// Whether `field` (optional data) starts with a DNI or NIE whose check letter holds, and
/// nothing but filler follows it.
pub(super) fn holds(field: &[u8]) -> bool {
    field.len() >= LENGTH
        && field[LENGTH..].iter().all(|&c| c == b'<')
        && check_letter(&field[..LENGTH - 1]) == Some(field[LENGTH - 1])
}

/// The check letter of the eight characters before it, if they are a DNI's digits or an NIE's
/// prefix and digits.
fn check_letter(body: &[u8]) -> Option<u8> {
    let prefix = match body[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        c if c.is_ascii_digit() => u32::from(c - b'0'),
        _ => return None,
    };
    let number = body[1..].iter().try_fold(prefix, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })?;
    Some(LETTERS[(number % 23) as usize])
}

/// Checks the identity number at the start of `field` (a Spanish TD1 zone's first optional
/// data), and repairs it where its letter fails: each way of reading it — as read, or with one
/// character dropped when one too many was read — has its digit positions coerced to digits,
/// an NIE prefix tried where a `2` may be a `Z` and the reverse, and its last character taken
/// for the check letter it looks like. A repair is kept when it is the only one under which
/// `still_valid` (the composite digit) holds too.
pub(super) fn check(
    lines: &mut [Vec<u8>],
    field: Span,
    still_valid: &dyn Fn(&[Vec<u8>]) -> bool,
) -> Outcome {
    let read = &lines[field.line][field.start..field.start + field.len];
    let run = read.iter().take_while(|&&c| c != b'<').count();
    if !(LENGTH..=LENGTH + 1).contains(&run) {
        return Outcome::Absent;
    }
    if holds(read) {
        return Outcome::Holds;
    }
    let readings: Vec<Vec<u8>> = if run == LENGTH {
        vec![read[..LENGTH].to_vec()]
    } else {
        (0..run)
            .map(|skip| {
                let mut r = read[..run].to_vec();
                r.remove(skip);
                r
            })
            .collect()
    };
    // Every interpretation carries the letter its digits make: each is a number that holds.
    let mut repairs: Vec<Vec<u8>> = readings
        .iter()
        .flat_map(|reading| interpretations(reading))
        .collect();
    if repairs.is_empty() && !readings.iter().any(|r| shaped(r)) {
        return Outcome::Absent;
    }
    repairs.sort();
    repairs.dedup();
    let mut valid = repairs.into_iter().filter_map(|number| {
        let mut trial = lines.to_vec();
        let at = &mut trial[field.line][field.start..field.start + field.len];
        at.fill(b'<');
        at[..LENGTH].copy_from_slice(&number);
        still_valid(&trial).then_some(trial)
    });
    match (valid.next(), valid.next()) {
        (Some(repaired), None) => {
            let line = field.line;
            let span = field.start..field.start + field.len;
            let changed = changes(&lines[line][span.clone()], &repaired[line][span]);
            lines[line] = repaired[line].clone();
            Outcome::Repaired(changed)
        }
        _ => Outcome::Broken,
    }
}

/// Whether `reading` looks like an identity number misread: its digit positions hold digits or
/// their look-alikes.
fn shaped(reading: &[u8]) -> bool {
    reading[1..LENGTH - 1]
        .iter()
        .all(|&c| coerce(c, Kind::Digit).is_ascii_digit())
}

/// The numbers `reading` (nine characters) may stand for: digits coerced, the first character
/// as a digit or as an NIE prefix, and the last set to the check letter where the one read
/// looks like it.
fn interpretations(reading: &[u8]) -> Vec<Vec<u8>> {
    let first = reading[0];
    let mut prefixes = vec![coerce(first, Kind::Digit)];
    match first {
        b'X' | b'Y' | b'Z' => prefixes.push(first),
        b'2' => prefixes.push(b'Z'),
        _ => {}
    }
    prefixes
        .into_iter()
        .filter_map(|prefix| {
            let mut number = vec![prefix];
            number.extend(
                reading[1..LENGTH - 1]
                    .iter()
                    .map(|&c| coerce(c, Kind::Digit)),
            );
            let letter = check_letter(&number)?;
            look_alike(reading[LENGTH - 1], letter).then(|| {
                number.push(letter);
                number
            })
        })
        .collect()
}

/// Whether OCR may have read `letter` as `read`: the same character, or two that stand for the
/// same digit (`Q`, `O`, `D` and `0`; `I`, `L` and `1`…).
fn look_alike(read: u8, letter: u8) -> bool {
    read == letter || coerce(read, Kind::Digit) == coerce(letter, Kind::Digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(first_line: &str) -> Vec<Vec<u8>> {
        vec![first_line.as_bytes().to_vec()]
    }

    const FIELD: Span = Span {
        line: 0,
        start: 15,
        len: 15,
    };

    fn optional(lines: &[Vec<u8>]) -> &str {
        std::str::from_utf8(&lines[0][15..]).unwrap()
    }

    #[test]
    fn check_letters_follow_the_spanish_rule() {
        assert!(holds(b"12345678Z"));
        assert!(holds(b"00000000T"));
        // NIE: X, Y and Z stand for 0, 1 and 2.
        assert!(holds(b"X1234567L"));
        assert!(holds(b"Y1234567X"));
        assert!(holds(b"Z1234567R"));
        assert!(!holds(b"12345678A"));
        assert!(!holds(b"A1234567L"));
        assert!(!holds(b"1234567Z"));
        assert!(holds(b"12345678Z<<<<<<"));
        assert!(!holds(b"12345678Z<<A<<<"));
    }

    #[test]
    fn a_letter_read_as_its_look_alike_digit_is_repaired() {
        // 38053401Q with its Q read as a zero, and its zero as an O.
        let mut lines = zone("IDESPZEW7825537380534O10<<<<<<");
        let outcome = check(&mut lines, FIELD, &|_| true);
        assert_eq!(outcome, Outcome::Repaired(2));
        assert_eq!(optional(&lines), "38053401Q<<<<<<");
    }

    #[test]
    fn a_character_read_twice_is_dropped_where_letter_and_composite_both_hold() {
        let mut lines = zone("IDESPZEW7825537380534010Q<<<<<");
        let composite = |l: &[Vec<u8>]| optional(l) == "38053401Q<<<<<<";
        assert_eq!(check(&mut lines, FIELD, &composite), Outcome::Repaired(2));
        assert_eq!(optional(&lines), "38053401Q<<<<<<");
    }

    #[test]
    fn an_nie_prefix_read_as_a_digit_is_told_from_a_dni_by_the_composite() {
        // Z1234567R read with its Z as a 2 and its 1 as an I: to the letter, Z1234567 and
        // 21234567 are the same number.
        let mut lines = zone("IRESPE1234567842I234567R<<<<<<");
        let composite = |l: &[Vec<u8>]| optional(l).starts_with('Z');
        assert_eq!(check(&mut lines, FIELD, &composite), Outcome::Repaired(2));
        assert_eq!(optional(&lines), "Z1234567R<<<<<<");
    }

    #[test]
    fn a_number_that_holds_is_left_alone() {
        let mut lines = zone("IRESPE123456784X1234567L<<<<<<");
        assert_eq!(check(&mut lines, FIELD, &|_| false), Outcome::Holds);
    }

    #[test]
    fn a_repair_the_composite_refuses_is_not_made() {
        let mut lines = zone("IDESPZEW7825537380534O10<<<<<<");
        assert_eq!(check(&mut lines, FIELD, &|_| false), Outcome::Broken);
        assert_eq!(optional(&lines), "380534O10<<<<<<");
    }

    #[test]
    fn optional_data_that_is_no_identity_number_is_not_checked() {
        for first_line in [
            "IDESPZEW7825537<<<<<<<<<<<<<<<",
            "IDESPZEW7825537ABCDEFGHI<<<<<<",
        ] {
            let mut lines = zone(first_line);
            assert_eq!(check(&mut lines, FIELD, &|_| true), Outcome::Absent);
            assert_eq!(lines, zone(first_line));
        }
    }
}
