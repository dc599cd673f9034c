//! Check digits, and repairing OCR misreads with them.
//!
//! Two kinds of repair, the first certain, the second checked:
//! - [`coerce`]: a position that may only hold a digit cannot hold an `O`, and one that may
//!   only hold a letter cannot hold a `5`; such characters become their look-alike.
//! - [`search`]: where a check digit fails, look-alike substitutions are tried, fewest first,
//!   and a combination is kept only if the check then passes. Letter/digit look-alikes (O/0,
//!   I/1, S/5…) are the common OCR slips; digit/digit ones (3/8, 1/7…) are rarer and random
//!   substitutions validate one time in ten, so those are kept only when exactly one
//!   substitution validates.

use super::layout::{Kind, Span};

/// The weights of ICAO 9303 check digits, repeated over the field.
const WEIGHTS: [u32; 3] = [7, 3, 1];

/// The value of a zone character in a check digit sum (`None` outside the MRZ alphabet).
fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit (as an ASCII digit) of `field`, or `None` if it holds a foreign character.
pub(super) fn check_digit(field: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in field.iter().enumerate() {
        sum += value(c)? * WEIGHTS[i % 3];
    }
    Some(b'0' + (sum % 10) as u8)
}

/// Whether `check` is the check digit of `field`. Filler stands for zero: ICAO allows it as the
/// check digit of an empty optional field.
pub(super) fn verifies(field: &[u8], check: u8) -> bool {
    let check = if check == b'<' { b'0' } else { check };
    check_digit(field) == Some(check)
}

/// How many positions of `before` and `after` (the same field, before and after a repair)
/// differ: what a repair counts.
pub(super) fn changes(before: &[u8], after: &[u8]) -> usize {
    before.iter().zip(after).filter(|(a, b)| a != b).count()
}

/// The digit a letter is usually misread for (and the reverse), for positions of one kind.
fn letter_to_digit(c: u8) -> Option<u8> {
    Some(match c {
        b'O' | b'Q' | b'D' | b'U' => b'0',
        b'I' | b'L' | b'J' => b'1',
        b'Z' => b'2',
        b'A' => b'4',
        b'S' => b'5',
        b'G' => b'6',
        b'T' => b'7',
        b'B' => b'8',
        _ => return None,
    })
}

fn digit_to_letter(c: u8) -> Option<u8> {
    Some(match c {
        b'0' => b'O',
        b'1' => b'I',
        b'2' => b'Z',
        b'4' => b'A',
        b'5' => b'S',
        b'6' => b'G',
        b'7' => b'T',
        b'8' => b'B',
        _ => return None,
    })
}

/// `c` made to fit a position of `kind`: letters in digit positions and digits in letter
/// positions become their look-alikes, and filler read where a check digit must stand is the
/// zero it counts for.
pub(super) fn coerce(c: u8, kind: Kind) -> u8 {
    match kind {
        Kind::Check if c == b'<' => b'0',
        Kind::Digit | Kind::Check | Kind::CheckOrFiller if c.is_ascii_uppercase() => {
            letter_to_digit(c).unwrap_or(c)
        }
        Kind::Alpha if c.is_ascii_digit() => digit_to_letter(c).unwrap_or(c),
        _ => c,
    }
}

/// The look-alikes worth trying at a position of `kind` holding `c`.
fn alternatives(c: u8, kind: Kind) -> &'static [u8] {
    match (kind, c) {
        (Kind::AlphaNum, b'0') => b"OD",
        (Kind::AlphaNum, b'O' | b'D' | b'Q') => b"0",
        (Kind::AlphaNum, b'1') => b"I",
        (Kind::AlphaNum, b'I' | b'L') => b"1",
        (Kind::AlphaNum, b'2' | b'7') => b"Z",
        (Kind::AlphaNum, b'Z') => b"27",
        (Kind::AlphaNum, b'5') => b"S",
        (Kind::AlphaNum, b'S') => b"5",
        (Kind::AlphaNum, b'6') => b"G",
        (Kind::AlphaNum, b'G') => b"6",
        (Kind::AlphaNum, b'8') => b"B",
        (Kind::AlphaNum, b'B') => b"8",
        (Kind::Digit, b'0') => b"8",
        (Kind::Digit, b'1') => b"7",
        (Kind::Digit, b'3') => b"8",
        (Kind::Digit, b'5') => b"6",
        (Kind::Digit, b'6') => b"58",
        (Kind::Digit, b'7') => b"1",
        (Kind::Digit, b'8') => b"360",
        (Kind::Digit, b'9') => b"8",
        _ => b"",
    }
}

/// One position that may be changed, with the characters to try there.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    line: usize,
    pos: usize,
    options: &'static [u8],
}

/// The positions of `spans` whose kind is `kind` and that have look-alikes to try.
fn candidates(
    lines: &[Vec<u8>],
    kinds: &[Vec<Kind>],
    spans: &[Span],
    kind: Kind,
) -> Vec<Candidate> {
    spans
        .iter()
        .flat_map(|s| (s.start..s.start + s.len).map(move |pos| (s.line, pos)))
        .filter(|&(line, pos)| kinds[line][pos] == kind)
        .filter_map(|(line, pos)| {
            let options = alternatives(lines[line][pos], kind);
            (!options.is_empty()).then_some(Candidate { line, pos, options })
        })
        .collect()
}

/// How many single substitutions a search may combine: two covers the usual two slips in a
/// field; more would let random combinations validate.
const MAX_CHANGES: usize = 2;

/// Tries look-alike substitutions in `spans` (at positions of `kind`) until `valid` holds.
///
/// With `Kind::AlphaNum`, the first combination with the fewest changes is kept. With
/// `Kind::Digit`, a single substitution is kept only if it is the only one that validates.
/// Returns how many characters changed, or `None` (lines untouched) if nothing validates.
pub(super) fn search(
    lines: &mut [Vec<u8>],
    kinds: &[Vec<Kind>],
    spans: &[Span],
    kind: Kind,
    valid: &dyn Fn(&[Vec<u8>]) -> bool,
) -> Option<usize> {
    let cands = candidates(lines, kinds, spans, kind);
    let mut found: Vec<Vec<(Candidate, u8)>> = Vec::new();
    let mut trial = lines.to_vec();
    let max_changes = if kind == Kind::Digit { 1 } else { MAX_CHANGES };
    for changes in 1..=max_changes {
        combine(&cands, changes, &mut Vec::new(), &mut |combo| {
            for &(c, to) in combo {
                trial[c.line][c.pos] = to;
            }
            if valid(&trial) {
                found.push(combo.to_vec());
            }
            for &(c, _) in combo {
                trial[c.line][c.pos] = lines[c.line][c.pos];
            }
        });
        let accept = match kind {
            Kind::Digit => found.len() == 1,
            _ => !found.is_empty(),
        };
        if accept {
            for &(c, to) in &found[0] {
                lines[c.line][c.pos] = to;
            }
            return Some(changes);
        }
        if !found.is_empty() {
            return None;
        }
    }
    None
}

/// A set of substitutions: which position, and the character put there.
type Substitutions = [(Candidate, u8)];

/// Calls `visit` with every way of substituting exactly `changes` of `cands` (each by one of its
/// options), in position order.
fn combine(
    cands: &[Candidate],
    changes: usize,
    chosen: &mut Vec<(Candidate, u8)>,
    visit: &mut dyn FnMut(&Substitutions),
) {
    if chosen.len() == changes {
        visit(chosen);
        return;
    }
    for (i, c) in cands.iter().enumerate() {
        for &to in c.options {
            chosen.push((*c, to));
            combine(&cands[i + 1..], changes, chosen, visit);
            chosen.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_follow_icao_9303() {
        // ICAO 9303 part 3's worked examples.
        assert_eq!(check_digit(b"L898902C3"), Some(b'6'));
        assert_eq!(check_digit(b"740812"), Some(b'2'));
        assert_eq!(check_digit(b"120415"), Some(b'9'));
        assert_eq!(check_digit(b"ZE184226B<<<<<"), Some(b'1'));
        assert_eq!(check_digit(b"L8989*2C3"), None);
        assert!(verifies(b"<<<<<<<<<<<<<<", b'<'));
        assert!(!verifies(b"L898902C3", b'7'));
    }

    #[test]
    fn coercion_follows_the_position_kind() {
        assert_eq!(coerce(b'O', Kind::Digit), b'0');
        assert_eq!(coerce(b'S', Kind::Check), b'5');
        assert_eq!(coerce(b'0', Kind::Alpha), b'O');
        assert_eq!(coerce(b'8', Kind::Alpha), b'B');
        assert_eq!(coerce(b'O', Kind::AlphaNum), b'O');
        assert_eq!(coerce(b'<', Kind::Digit), b'<');
        assert_eq!(coerce(b'<', Kind::Check), b'0');
        assert_eq!(coerce(b'<', Kind::CheckOrFiller), b'<');
    }

    fn field_valid(lines: &[Vec<u8>]) -> bool {
        verifies(&lines[0][..9], lines[0][9])
    }

    #[test]
    fn a_misread_document_number_is_repaired_by_its_check_digit() {
        // "L898902C3" read with a zero as O and an eight as B.
        let mut lines = vec![b"LB989O2C36".to_vec()];
        let kinds = vec![vec![Kind::AlphaNum; 10]];
        let spans = [Span {
            line: 0,
            start: 0,
            len: 9,
        }];
        let changes = search(&mut lines, &kinds, &spans, Kind::AlphaNum, &field_valid);
        assert_eq!(changes, Some(2));
        assert_eq!(lines[0], b"L898902C36");
    }

    #[test]
    fn a_field_beyond_repair_is_left_untouched() {
        let mut lines = vec![b"XXXXXXXXX3".to_vec()];
        let kinds = vec![vec![Kind::AlphaNum; 10]];
        let spans = [Span {
            line: 0,
            start: 0,
            len: 9,
        }];
        assert_eq!(
            search(&mut lines, &kinds, &spans, Kind::AlphaNum, &field_valid),
            None
        );
        assert_eq!(lines[0], b"XXXXXXXXX3");
    }

    #[test]
    fn digit_swaps_are_kept_only_when_unique() {
        // 740812 (check 2) read as 740312: only 3→8 validates.
        let mut lines = vec![b"7403122".to_vec()];
        let kinds = vec![vec![Kind::Digit; 7]];
        let spans = [Span {
            line: 0,
            start: 0,
            len: 6,
        }];
        let valid = |l: &[Vec<u8>]| verifies(&l[0][..6], l[0][6]);
        assert_eq!(
            search(&mut lines, &kinds, &spans, Kind::Digit, &valid),
            Some(1)
        );
        assert_eq!(lines[0], b"7408122");
    }
}
