//! The zone's names confirmed against the names printed on the document.
//!
//! No check digit covers a name, so a letter misread in the zone stays misread: OCR-B's `I`
//! comes out `T` or `L` (`ROCIO` read `ROCTO`). The same names are printed in the document's
//! visual zone, in a plainer font and with their accents: a zone word that the print does not
//! have, but that is one known slip away from exactly one printed word, is taken from the print.
//! Only the slips OCR makes on the zone's font are allowed, so a printed word misread in its
//! turn cannot rewrite a zone word that was right.

use std::collections::BTreeSet;

use super::layout::{Layout, Span};
use super::{Mrz, parse_lines};
use crate::classify::fold;

/// Letters OCR takes for one another in a zone, as unordered pairs.
const ZONE_SLIPS: &[(u8, u8)] = &[
    (b'I', b'T'),
    (b'I', b'L'),
    (b'O', b'D'),
    (b'O', b'Q'),
    (b'E', b'F'),
    (b'C', b'G'),
];

/// `mrz` with the name words that the printed `pages` correct (see the module docs), or None
/// when they confirm every name word or tell nothing.
pub fn confirm_names(mrz: &Mrz, pages: &[&str]) -> Option<Mrz> {
    // The zone's own lines, read with the page, are no witness to themselves.
    let printed: BTreeSet<Vec<u8>> = pages
        .iter()
        .flat_map(|page| page.lines())
        .filter(|line| !line.contains(['<', '«']))
        .flat_map(|line| {
            fold(line)
                .split(' ')
                .map(|w| w.to_ascii_uppercase().into_bytes())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 2 && w.iter().all(u8::is_ascii_uppercase))
        .collect();
    let layout = Layout::of(mrz.format);
    let mut lines: Vec<Vec<u8>> = mrz.lines.iter().map(|l| l.clone().into_bytes()).collect();
    // A stray mark is read before the names only where they start a line (a card's last line).
    let mut corrected = layout.names.start == 0
        && field_mut(&mut lines, layout.names)
            .is_some_and(|names| drop_leading_stray(names, &printed_names(pages)));
    for span in std::iter::once(layout.names).chain(layout.given) {
        corrected |=
            field_mut(&mut lines, span).is_some_and(|names| correct_words(names, &printed));
    }
    if !corrected {
        return None;
    }
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    parse_lines(&lines).ok()
}

/// The printed lines in the zone's form: folded to capitals, anything but a letter made filler
/// (`O'Brien` → `O<BRIEN`).
fn printed_names(pages: &[&str]) -> BTreeSet<Vec<u8>> {
    pages
        .iter()
        .flat_map(|page| page.lines())
        .filter(|line| !line.contains(['<', '«']))
        .map(|line| {
            let zone_form: Vec<u8> = fold(line)
                .to_ascii_uppercase()
                .bytes()
                .map(|c| if c.is_ascii_uppercase() { c } else { b'<' })
                .collect();
            let start = zone_form.iter().take_while(|&&c| c == b'<').count();
            let end = zone_form
                .iter()
                .rposition(|&c| c != b'<')
                .map_or(0, |e| e + 1);
            zone_form[start..end.max(start)].to_vec()
        })
        .filter(|name| name.len() >= 2)
        .collect()
}

/// The positions of `span` in `lines`, if the lines hold them.
fn field_mut(lines: &mut [Vec<u8>], span: Span) -> Option<&mut [u8]> {
    lines
        .get_mut(span.line)
        .and_then(|line| line.get_mut(span.start..span.start + span.len))
}

/// Drops a letter read before the names `field` at the start of a line (a mark on the card's
/// edge read as `V`: `VO<BRIEN` for `O<BRIEN`), when the names begin with a printed line
/// without it and do not with it. Whether it dropped one.
fn drop_leading_stray(field: &mut [u8], printed: &BTreeSet<Vec<u8>>) -> bool {
    let begins_with = |names: &[u8], printed: &[u8]| {
        names.starts_with(printed) && names.get(printed.len()).is_none_or(|&c| c == b'<')
    };
    let stray = field.first().is_some_and(u8::is_ascii_uppercase)
        && printed.iter().any(|p| begins_with(&field[1..], p))
        && !printed.iter().any(|p| begins_with(field, p));
    if stray {
        field.rotate_left(1);
        if let Some(last) = field.last_mut() {
            *last = b'<';
        }
    }
    stray
}

/// Corrects the name words of `field` from the `printed` words; whether any changed.
fn correct_words(field: &mut [u8], printed: &BTreeSet<Vec<u8>>) -> bool {
    let mut corrected = false;
    for word in field.split_mut(|&c| c == b'<').filter(|w| w.len() >= 2) {
        if printed.contains(&*word) {
            continue;
        }
        let mut candidates = printed.iter().filter(|p| one_slip_apart(word, p));
        if let (Some(found), None) = (candidates.next(), candidates.next()) {
            word.copy_from_slice(found);
            corrected = true;
        }
    }
    corrected
}

/// Whether `read` and `printed` differ in exactly one letter, by one of the [`ZONE_SLIPS`].
fn one_slip_apart(read: &[u8], printed: &[u8]) -> bool {
    if read.len() != printed.len() {
        return false;
    }
    let mut differences = read.iter().zip(printed).filter(|(r, p)| r != p);
    match (differences.next(), differences.next()) {
        (Some((&r, &p)), None) => ZONE_SLIPS
            .iter()
            .any(|&(a, b)| (r, p) == (a, b) || (r, p) == (b, a)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ICAO's TD1 specimen, its names line as read.
    fn card(names: &str) -> Mrz {
        parse_lines(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            names,
        ])
        .expect("the specimen parses")
    }

    #[test]
    fn a_name_letter_misread_in_the_zone_is_taken_from_the_print() {
        let read = card("ERIKSSON<<ANNA<MARTA<<<<<<<<<<");
        let printed = "Surname / Nom\nERIKSSON\nGiven names / Prénoms\nAnna María\nSex F";
        let zone = "ERIKSSON<<ANNA<MARTA<<<<<<<<<<";
        let back = format!("I<UTOD231458907<<<<<<<<<<<<<<<\n{zone}");
        let confirmed = confirm_names(&read, &[printed, &back]).expect("the name is corrected");
        assert_eq!(confirmed.given_names, "ANNA MARIA");
        assert_eq!(confirmed.surname, "ERIKSSON");
        assert_eq!(confirmed.lines[2], "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
        assert!(confirmed.checks_valid);
    }

    #[test]
    fn a_mark_read_before_a_cards_names_is_dropped_where_the_print_shows_them() {
        let read = card("VO<BRIEN<<MEGAN<<<<<<<<<<<<<<<");
        let printed = "Surname\nO'BRIEN\nGiven names\nMEGAN\nSex F";
        let confirmed = confirm_names(&read, &[printed]).expect("the mark is dropped");
        assert_eq!(confirmed.lines[2], "O<BRIEN<<MEGAN<<<<<<<<<<<<<<<<");
        assert_eq!(confirmed.surname, "O BRIEN");
        // A first letter that the print has too is no mark.
        let read = card("VO<BRIEN<<MEGAN<<<<<<<<<<<<<<<");
        assert!(confirm_names(&read, &["Surname\nVO'BRIEN\nO'BRIEN"]).is_none());
        // Nor is one the print says nothing about.
        assert!(confirm_names(&read, &["Surname\nSMITH"]).is_none());
    }

    #[test]
    fn names_the_print_confirms_or_does_not_show_are_kept() {
        let read = card("ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
        assert!(confirm_names(&read, &["ERIKSSON Anna María"]).is_none());
        assert!(confirm_names(&read, &["a page without the names"]).is_none());
    }

    #[test]
    fn a_print_misread_in_its_turn_does_not_rewrite_the_zone() {
        // `MARIA` printed and read `MARKA`: not a slip of the zone's font.
        let read = card("ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
        assert!(confirm_names(&read, &["ERIKSSON Anna Marka"]).is_none());
        // Two printed words one slip away: nothing to choose between.
        let read = card("ERIKSSON<<ANNA<LOLA<<<<<<<<<<<");
        assert!(confirm_names(&read, &["ERIKSSON Anna Iola Loia"]).is_none());
    }
}
