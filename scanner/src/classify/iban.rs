//! International bank account numbers: found in OCR text, checked with their mod-97 checksum
//! and their country's format (the `iban_validate` crate), and reported without the number.
//!
//! An IBAN is printed in groups of four (`FR76 3000 6000 0112 3456 7890 189`); OCR may glue or
//! split the groups and read `0` as `O`. Candidates start at two letters and two digits and
//! take the characters that follow, group by group; the longest prefix that validates wins, as
//! read or with `O`/`I` read as `0`/`1` after the country code.

use iban::{Iban, IbanLike};

/// What was learnt from an IBAN on the page. The number itself is not kept: it names no
/// document and it is personal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct IbanFinding {
    /// Country code (`FR`, `ES`, `GB`…).
    pub country: String,
    /// Whether the checksum and the country's format hold.
    pub valid: bool,
    /// The last four characters, as shown to people to tell accounts apart.
    pub last4: String,
}

/// The longest an IBAN is (Saint Lucia, Russia: 32–33; the standard allows 34).
const MAX_LEN: usize = 34;
/// The shortest (Norway).
const MIN_LEN: usize = 15;

/// The IBANs in `text`: valid ones, and — when none validates — a candidate that follows an
/// "IBAN" label, reported invalid.
pub(super) fn find(text: &str) -> Vec<IbanFinding> {
    let upper = text.to_uppercase();
    let mut found: Vec<IbanFinding> = Vec::new();
    let mut labelled_invalid = None;
    for line in upper.lines() {
        let chars: Vec<char> = line.chars().collect();
        for start in 0..chars.len() {
            let Some(candidate) = candidate_at(&chars, start) else {
                continue;
            };
            if let Some(iban) = validate(&candidate) {
                let finding = IbanFinding {
                    country: iban.country_code().to_owned(),
                    valid: true,
                    last4: candidate_tail(iban.electronic_str()),
                };
                if !found.contains(&finding) {
                    found.push(finding);
                }
            } else if labelled_invalid.is_none() && line[..byte_of(line, start)].contains("IBAN") {
                labelled_invalid = Some(IbanFinding {
                    country: candidate[..2].to_owned(),
                    valid: false,
                    last4: candidate_tail(&candidate),
                });
            }
        }
    }
    if found.is_empty() {
        found.extend(labelled_invalid);
    }
    found
}

fn byte_of(line: &str, char_index: usize) -> usize {
    line.char_indices()
        .nth(char_index)
        .map_or(line.len(), |(b, _)| b)
}

fn candidate_tail(electronic: &str) -> String {
    electronic[electronic.len().saturating_sub(4)..].to_owned()
}

/// The IBAN-like characters starting at `start`: two letters, two digits (or `O`s), then
/// letters and digits with single spaces between groups, up to [`MAX_LEN`].
fn candidate_at(chars: &[char], start: usize) -> Option<String> {
    let at = |i: usize| chars.get(start + i).copied();
    let head = (at(0)?, at(1)?, at(2)?, at(3)?);
    let boundary = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
    let digitish = |c: char| c.is_ascii_digit() || c == 'O';
    if !(boundary
        && head.0.is_ascii_uppercase()
        && head.1.is_ascii_uppercase()
        && digitish(head.2)
        && digitish(head.3))
    {
        return None;
    }
    let mut out = String::new();
    let mut spaces = 0;
    for &c in &chars[start..] {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            spaces = 0;
        } else if c == ' ' && spaces == 0 {
            spaces += 1;
        } else {
            break;
        }
        if out.len() == MAX_LEN {
            break;
        }
    }
    (out.len() >= MIN_LEN).then_some(out)
}

/// The longest prefix of `candidate` that is a valid IBAN, as read or with O/I as 0/1.
fn validate(candidate: &str) -> Option<Iban> {
    let repaired: String = candidate
        .char_indices()
        .map(|(i, c)| match c {
            'O' if i >= 2 => '0',
            'I' if i >= 2 => '1',
            _ => c,
        })
        .collect();
    (MIN_LEN..=candidate.len()).rev().find_map(|len| {
        candidate[..len]
            .parse::<Iban>()
            .or_else(|_| repaired[..len].parse::<Iban>())
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ibans_are_found_in_groups() {
        let found = find("IBAN : FR76 3000 6000 0112 3456 7890 189   BIC : AGRIFRPP");
        assert_eq!(
            found,
            [IbanFinding {
                country: "FR".into(),
                valid: true,
                last4: "0189".into()
            }]
        );
        let found = find("Cuenta ES91 2100 0418 4502 0005 1332\nGB29NWBK60161331926819");
        let countries: Vec<&str> = found.iter().map(|f| f.country.as_str()).collect();
        assert_eq!(countries, ["ES", "GB"]);
        assert!(found.iter().all(|f| f.valid));
    }

    #[test]
    fn ocr_o_for_zero_is_repaired() {
        let found = find("IBAN FR76 3OOO 6OOO O112 3456 7890 189");
        assert_eq!(found.len(), 1);
        assert!(found[0].valid);
    }

    #[test]
    fn a_bad_checksum_is_reported_invalid() {
        let found = find("IBAN : FR76 3000 6000 0112 3456 7890 188");
        assert_eq!(
            found,
            [IbanFinding {
                country: "FR".into(),
                valid: false,
                last4: "0188".into()
            }]
        );
    }

    #[test]
    fn unlabelled_lookalikes_are_ignored() {
        assert!(find("Réf. AB12 3456 7890 1234 5678 dossier").is_empty());
        assert!(find("").is_empty());
    }
}
