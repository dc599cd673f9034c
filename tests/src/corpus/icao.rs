//! The checked numbers printed on documents: ICAO 9303 machine-readable zones and IBANs.
//!
//! Identity documents in the corpus carry a machine-readable zone whose check digits are
//! right, so that a reader that repairs OCR confusions with those digits can be held to exact
//! answers; bank documents carry IBANs whose ISO 7064 checksum holds. Everything here computes
//! what a real issuer computes, from the fields of a fake person.

/// Letters and digits as the ICAO check-digit algorithm counts them (`<` is 0).
fn mrz_value(c: char) -> u32 {
    match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='Z' => c as u32 - 'A' as u32 + 10,
        _ => 0,
    }
}

/// The ICAO 9303 check digit of `field` (weights 7, 3, 1 repeating, modulo 10).
pub fn check_digit(field: &str) -> char {
    let sum: u32 = field
        .chars()
        .zip([7, 3, 1].into_iter().cycle())
        .map(|(c, w)| mrz_value(c) * w)
        .sum();
    char::from_digit(sum % 10, 10).unwrap_or('0')
}

/// Turns printed text into MRZ characters: accents dropped, letters upper-cased, anything
/// else (spaces, hyphens, apostrophes) a filler `<`.
pub fn mrz_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            let base = match c {
                'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'A',
                'ç' | 'Ç' => 'C',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
                'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'I',
                'ñ' | 'Ñ' => 'N',
                'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => 'O',
                'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'U',
                other => other,
            };
            let up = base.to_ascii_uppercase();
            if up.is_ascii_alphanumeric() { up } else { '<' }
        })
        .collect()
}

/// Pads `text` with `<` to `len` characters, or cuts it there.
fn pad(text: &str, len: usize) -> String {
    let mut out: String = text.chars().take(len).collect();
    while out.chars().count() < len {
        out.push('<');
    }
    out
}

/// The name field: `SURNAME<<GIVEN<NAMES`, filled or truncated to `len`.
fn name_field(surname: &str, given: &str, len: usize) -> String {
    pad(&format!("{}<<{}", mrz_text(surname), mrz_text(given)), len)
}

/// The holder and document data a machine-readable zone encodes.
#[derive(Debug, Clone)]
pub struct MrzData {
    /// Two-letter document code: `ID`, `IR`, `P<`…
    pub doc_code: String,
    /// Issuing state (ICAO three-letter code).
    pub state: String,
    /// Document number (up to 9 characters here).
    pub number: String,
    /// Surname(s) as printed.
    pub surname: String,
    /// Given names as printed.
    pub given: String,
    /// Nationality (ICAO three-letter code).
    pub nationality: String,
    /// Date of birth as `YYMMDD`.
    pub birth: String,
    /// `M`, `F` or `<`.
    pub sex: char,
    /// Expiry date as `YYMMDD`.
    pub expiry: String,
    /// Optional data (personal number…), already in MRZ characters; may be empty.
    pub optional: String,
}

/// The three 30-character lines of a TD1 zone (identity cards, residence permits).
pub fn td1(d: &MrzData) -> [String; 3] {
    let number = pad(&d.number, 9);
    let number_check = check_digit(&number);
    let optional1 = pad(&d.optional, 15);
    let line1 = format!(
        "{}{}{number}{number_check}{optional1}",
        pad(&d.doc_code, 2),
        d.state
    );
    let birth_check = check_digit(&d.birth);
    let expiry_check = check_digit(&d.expiry);
    let optional2 = pad("", 11);
    let upper = format!(
        "{}{birth_check}{}{}{expiry_check}{}{optional2}",
        d.birth, d.sex, d.expiry, d.nationality
    );
    // Composite: line 1 from the document number on, then line 2's dates and optional data.
    let composite_input = format!(
        "{}{}{}{}",
        &line1[5..30],
        &upper[0..7],
        &upper[8..15],
        &upper[18..29]
    );
    let line2 = format!("{upper}{}", check_digit(&composite_input));
    let line3 = name_field(&d.surname, &d.given, 30);
    [line1, line2, line3]
}

/// The two 44-character lines of a TD3 zone (passports).
pub fn td3(d: &MrzData) -> [String; 2] {
    let line1 = format!(
        "{}{}{}",
        pad(&d.doc_code, 2),
        d.state,
        name_field(&d.surname, &d.given, 39)
    );
    let number = pad(&d.number, 9);
    let personal = pad(&d.optional, 14);
    let personal_check = if d.optional.is_empty() {
        '<'
    } else {
        check_digit(&personal)
    };
    let body = format!(
        "{number}{}{}{}{}{}{}{}{}{personal}{personal_check}",
        check_digit(&number),
        d.nationality,
        d.birth,
        check_digit(&d.birth),
        d.sex,
        d.expiry,
        check_digit(&d.expiry),
        ""
    );
    let composite_input = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
    let line2 = format!("{body}{}", check_digit(&composite_input));
    [line1, line2]
}

/// The ISO 7064 MOD 97-10 remainder of an IBAN-ordered string (letters count 10–35).
fn mod97(text: &str) -> u32 {
    text.chars().fold(0u32, |acc, c| {
        let v = mrz_value(c);
        if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        }
    })
}

/// Builds an IBAN from a country code and its national account number (BBAN), computing
/// the two check digits.
pub fn iban(country: &str, bban: &str) -> String {
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// Whether an IBAN's checksum holds (spaces ignored).
pub fn iban_is_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() > 4
        && compact
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && mod97(&format!("{}{}", &compact[4..], &compact[..4])) == 1
}

/// The French RIB key of a bank code, branch code and account number (letters of the
/// account map to digits as the Banque de France specifies).
pub fn rib_key(bank: &str, branch: &str, account: &str) -> String {
    let digits: String = account
        .chars()
        .map(|c| match c {
            'A' | 'J' => '1',
            'B' | 'K' | 'S' => '2',
            'C' | 'L' | 'T' => '3',
            'D' | 'M' | 'U' => '4',
            'E' | 'N' | 'V' => '5',
            'F' | 'O' | 'W' => '6',
            'G' | 'P' | 'X' => '7',
            'H' | 'Q' | 'Y' => '8',
            'I' | 'R' | 'Z' => '9',
            other => other,
        })
        .collect();
    let n = |s: &str| s.parse::<u64>().unwrap_or(0);
    let key = 97 - (89 * n(bank) + 15 * n(branch) + 3 * n(&digits)) % 97;
    format!("{key:02}")
}

/// Spaces an IBAN in groups of four, as it is printed.
pub fn iban_printed(iban: &str) -> String {
    iban.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anna(doc_code: &str, number: &str, optional: &str) -> MrzData {
        MrzData {
            doc_code: doc_code.into(),
            state: "UTO".into(),
            number: number.into(),
            surname: "Eriksson".into(),
            given: "Anna María".into(),
            nationality: "UTO".into(),
            birth: "740812".into(),
            sex: 'F',
            expiry: "120415".into(),
            optional: optional.into(),
        }
    }

    #[test]
    fn td3_matches_the_icao_specimen() {
        let lines = td3(&anna("P", "L898902C3", "ZE184226B"));
        assert_eq!(lines[0], "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(lines[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    }

    #[test]
    fn td1_matches_the_icao_specimen() {
        // ICAO 9303 part 5 specimen card.
        let mut d = anna("I", "D23145890", "");
        d.birth = "740812".into();
        d.expiry = "120415".into();
        let lines = td1(&d);
        assert_eq!(lines[0], "I<UTOD231458907<<<<<<<<<<<<<<<");
        assert_eq!(lines[1], "7408122F1204159UTO<<<<<<<<<<<6");
        assert_eq!(lines[2], "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    }

    #[test]
    fn ibans_have_a_valid_checksum() {
        // The ECBS example IBANs.
        assert_eq!(iban("GB", "WEST12345698765432"), "GB82WEST12345698765432");
        assert_eq!(
            iban("FR", "20041010050500013M02606"),
            "FR1420041010050500013M02606"
        );
        assert!(iban_is_valid("ES91 2100 0418 4502 0005 1332"));
        assert!(!iban_is_valid("ES92 2100 0418 4502 0005 1332"));
    }

    #[test]
    fn rib_key_matches_a_published_rib() {
        // The French example RIB behind FR14 2004 1010 0505 0001 3M02 606.
        assert_eq!(rib_key("20041", "01005", "0500013M026"), "06");
    }
}
