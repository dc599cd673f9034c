//! From OCR text to a checked [`Mrz`]: find the zone's lines, fit them to their layout, repair
//! them with the check digits, and read the fields.

use std::time::{SystemTime, UNIX_EPOCH};

use super::layout::{FRENCH_ID, Kind, Layout, Span, TD1, TD2, TD3};
use super::repair::{check_digit, coerce, search, verifies};
use super::{Mrz, MrzError, MrzFormat, french, spanish};

/// A calendar date (year, month, day), used for the century of two-digit years.
pub(super) type Date = (u32, u32, u32);

/// Reads the machine-readable zone in OCR text: the zone's lines are found among the others,
/// the bottom-most zone-like group first.
pub fn parse_text(text: &str) -> Result<Mrz, MrzError> {
    let lines: Vec<&str> = text.lines().collect();
    parse_lines(&lines)
}

/// Reads the machine-readable zone among `lines` (other lines of the page may surround it).
pub fn parse_lines(lines: &[&str]) -> Result<Mrz, MrzError> {
    parse_lines_on(lines, today())
}

/// [`parse_lines`], with `today` deciding the century of two-digit years.
pub(super) fn parse_lines_on(lines: &[&str], today: Date) -> Result<Mrz, MrzError> {
    let zone: Vec<Vec<u8>> = lines.iter().filter_map(|l| zone_line(l)).collect();
    if zone.is_empty() {
        return Err(MrzError::NoZone);
    }
    let mut error = MrzError::UnknownLayout { lines: zone.len() };
    // The zone is at the bottom of a page: try groups ending at the last line first.
    for end in (1..=zone.len()).rev() {
        for layout in layouts_for(&zone[..end]) {
            let group = &zone[end - layout.lines..end];
            match read(layout, group, today) {
                Ok(mrz) => return Ok(mrz),
                Err(e) => error = e,
            }
        }
    }
    Err(error)
}

/// The line reduced to the MRZ alphabet, if it looks like a line of a zone: long, made of
/// capitals, digits and filler, with filler or many digits in it.
fn zone_line(raw: &str) -> Option<Vec<u8>> {
    let mut line = Vec::with_capacity(raw.len());
    let mut foreign = 0usize;
    for c in raw.chars().filter(|c| !c.is_whitespace()) {
        match c {
            'A'..='Z' | '0'..='9' | '<' => line.push(c as u8),
            // Guillemets and angle-bracket look-alikes are filler read badly.
            '«' => line.extend_from_slice(b"<<"),
            '‹' | '≤' | '〈' => line.push(b'<'),
            _ => foreign += 1,
        }
    }
    let digits = line.iter().filter(|c| c.is_ascii_digit()).count();
    let looks_like_zone =
        line.len() >= 24 && foreign * 5 <= line.len() && (line.contains(&b'<') || digits >= 8);
    looks_like_zone.then_some(line)
}

/// The layouts that a group of lines ending with the last of `zone` could be, likeliest first.
fn layouts_for(zone: &[Vec<u8>]) -> Vec<&'static Layout> {
    let near = |line: &Vec<u8>, width: usize| line.len().abs_diff(width) <= 4;
    let fits = |layout: &Layout| {
        zone.len() >= layout.lines
            && zone[zone.len() - layout.lines..]
                .iter()
                .all(|l| near(l, layout.width))
    };
    let mut found = Vec::new();
    if fits(&TD1) {
        found.push(&TD1);
    }
    if fits(&TD3) {
        found.push(&TD3);
    }
    if fits(&TD2) {
        let first = &zone[zone.len() - 2];
        if first.starts_with(b"IDFRA") {
            found.push(&FRENCH_ID);
        }
        found.push(&TD2);
    }
    found
}

/// Reads `group` as a zone of `layout`.
fn read(layout: &Layout, group: &[Vec<u8>], today: Date) -> Result<Mrz, MrzError> {
    let mut lines = group
        .iter()
        .enumerate()
        .map(|(i, l)| {
            fit(l, layout.width).ok_or(MrzError::WrongLength {
                line: i,
                expected: layout.width,
                found: l.len(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let kinds = layout.kinds();
    for (line, kinds) in lines.iter_mut().zip(&kinds) {
        for (c, &kind) in line.iter_mut().zip(kinds) {
            *c = coerce(*c, kind);
        }
    }
    let mut repairs = usize::from(settle_code_initial(layout, &mut lines));
    let names = clean_filler(&mut lines, layout.names);
    let given = layout.given.map(|g| clean_filler(&mut lines, g));

    let number = number_spans(layout, &lines);
    if layout.format == MrzFormat::Td3 && slice(&lines, layout.state) == b"FRA" {
        repairs += french::settle_passport_number(&mut lines, number.0, number.1).unwrap_or(0);
    }
    let mut checked = vec![number];
    checked.push(layout.birth);
    checked.extend(layout.expiry);
    if let (Some(check), Some(&field)) = (layout.optional_check, layout.optional.first()) {
        checked.push((field, check));
    }
    let mut failed_checks = 0;
    for (field, check) in checked {
        let valid = |l: &[Vec<u8>]| verifies(slice(l, field), at(l, check));
        if valid(&lines) {
            continue;
        }
        let kind = if kinds[field.line][field.start] == Kind::Digit {
            Kind::Digit
        } else {
            Kind::AlphaNum
        };
        let date_valid = |l: &[Vec<u8>]| kind != Kind::Digit || ymd(slice(l, field)).is_some();
        match search(&mut lines, &kinds, &[field], kind, &|l| {
            valid(l) && date_valid(l)
        }) {
            Some(n) => repairs += n,
            None => failed_checks += 1,
        }
    }
    let composite_valid =
        |l: &[Vec<u8>]| verifies(&composite_text(layout, l), at(l, layout.composite));
    let spanish_number = spanish_number_field(layout, &lines, number);
    match spanish_number.map(|field| spanish::check(&mut lines, field, &composite_valid)) {
        Some(spanish::Outcome::Repaired(n)) => repairs += n,
        Some(spanish::Outcome::Broken) => failed_checks += 1,
        _ => {}
    }
    // A repair of the composite must not break a Spanish number that holds.
    let spanish_number_held = spanish_number.filter(|&s| spanish::holds(slice(&lines, s)));
    let spanish_number_kept =
        |l: &[Vec<u8>]| spanish_number_held.is_none_or(|s| spanish::holds(slice(l, s)));
    if !composite_valid(&lines) {
        match layout.optional_check {
            // Every part the composite covers has a check digit of its own (a passport's
            // personal number too): with all of them holding, the composite digit is the one
            // misread, and is what they make.
            Some(_) if failed_checks == 0 => match check_digit(&composite_text(layout, &lines)) {
                Some(digit) => {
                    let at = layout.composite;
                    lines[at.line][at.start] = digit;
                    repairs += 1;
                }
                None => failed_checks += 1,
            },
            Some(_) => failed_checks += 1,
            // Only the optional data has no check digit of its own to repair it.
            None => match search(&mut lines, &kinds, layout.optional, Kind::AlphaNum, &|l| {
                composite_valid(l) && spanish_number_kept(l)
            }) {
                Some(n) => repairs += n,
                None => failed_checks += 1,
            },
        }
    }

    let text = |s: Span| String::from_utf8_lossy(slice(&lines, s)).into_owned();
    let (surname, given_names) = match given {
        Some(given) => (words(&names), words(&given)),
        None => split_names(&text(layout.names)),
    };
    let number = number_spans(layout, &lines).0;
    let mut number_text = text(number);
    if number.line != layout.number.0.line || number.len != layout.number.0.len {
        number_text.retain(|c| c != '<');
    }
    let optional_data = optional_text(layout, &lines, number);
    let nationality = match layout.nationality {
        Some(s) => strip(&text(s)),
        None => "FRA".to_owned(),
    };
    Ok(Mrz {
        format: layout.format,
        document_code: strip(&text(layout.code)),
        issuing_state: strip(&text(layout.state)),
        document_number: strip(&number_text),
        birth_date: ymd(slice(&lines, layout.birth.0)).map(|d| iso(birth_year(d, today), d)),
        sex: text(layout.sex),
        expiry: layout
            .expiry
            .and_then(|(e, _)| ymd(slice(&lines, e)))
            .map(|d| iso(expiry_year(d, today), d)),
        nationality,
        surname,
        given_names,
        optional_data,
        checks_valid: failed_checks == 0,
        failed_checks,
        repairs,
        lines: lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect(),
    })
}

/// The document number and its check digit. A TD1 document number longer than nine characters
/// overflows into the optional data: filler stands in the check digit position, and the number
/// goes on up to the first filler, its last character being the check digit.
fn number_spans(layout: &Layout, lines: &[Vec<u8>]) -> (Span, Span) {
    let (number, check) = layout.number;
    if layout.format != MrzFormat::Td1 || at(lines, check) != b'<' {
        return (number, check);
    }
    let optional = layout.optional[0];
    let tail = slice(lines, optional);
    let run = tail.iter().take_while(|&&c| c != b'<').count();
    if run < 2 {
        return (number, check);
    }
    (
        Span {
            line: number.line,
            start: number.start,
            len: number.len + run,
        },
        Span {
            line: optional.line,
            start: optional.start + run - 1,
            len: 1,
        },
    )
}

/// Sets the document code's first letter to the one it was misread for, where OCR read one no
/// document code starts with (`TR` for a residence permit's `IR`). No check digit covers the
/// code. Returns whether it changed.
fn settle_code_initial(layout: &Layout, lines: &mut [Vec<u8>]) -> bool {
    let initial = &mut lines[layout.code.line][layout.code.start];
    let meant = match *initial {
        b'T' | b'L' | b'J' => b'I',
        b'F' | b'R' => b'P',
        b'G' => b'C',
        _ => return false,
    };
    let settle = !layout.code_initials.contains(initial) && layout.code_initials.contains(&meant);
    if settle {
        *initial = meant;
    }
    settle
}

/// Where a Spanish card's zone writes the holder's DNI or NIE: the first optional data of a TD1
/// zone issued by Spain, unless a long document number overflowed into it.
fn spanish_number_field(layout: &Layout, lines: &[Vec<u8>], number: (Span, Span)) -> Option<Span> {
    let spanish = layout.format == MrzFormat::Td1 && slice(lines, layout.state) == b"ESP";
    (spanish && number.0 == layout.number.0).then_some(layout.optional[0])
}

/// The optional data, filler removed, parts joined by a space; without the overflow of a long
/// TD1 document number.
fn optional_text(layout: &Layout, lines: &[Vec<u8>], number: Span) -> String {
    let parts = layout.optional.iter().map(|&s| {
        let mut s = s;
        if s.line == number.line && number.start + number.len + 1 > s.start {
            let skip = (number.start + number.len + 1)
                .saturating_sub(s.start)
                .min(s.len);
            s.start += skip;
            s.len -= skip;
        }
        strip(&String::from_utf8_lossy(slice(lines, s)))
    });
    parts
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The characters the composite check digit covers.
fn composite_text(layout: &Layout, lines: &[Vec<u8>]) -> Vec<u8> {
    layout
        .composite_parts
        .iter()
        .flat_map(|&s| slice(lines, s).iter().copied())
        .collect()
}

fn slice(lines: &[Vec<u8>], s: Span) -> &[u8] {
    &lines[s.line][s.start..s.start + s.len]
}

fn at(lines: &[Vec<u8>], s: Span) -> u8 {
    lines[s.line][s.start]
}

/// `line` made `width` long, where that is unambiguous: filler runs stretch and shrink (OCR
/// often reads one `<` too many or too few in a long run), other characters stay put.
fn fit(line: &[u8], width: usize) -> Option<Vec<u8>> {
    if line.len() == width {
        return Some(line.to_vec());
    }
    let (start, len) = longest_filler_run(line)?;
    let mut out = line.to_vec();
    if line.len() > width {
        let excess = line.len() - width;
        // Keep at least one filler, so words stay apart.
        if len <= excess {
            return None;
        }
        out.drain(start..start + excess);
    } else {
        let missing = width - line.len();
        let at_end = start + len == line.len();
        if len < 2 && !at_end {
            return None;
        }
        out.splice(start..start, std::iter::repeat_n(b'<', missing));
    }
    Some(out)
}

/// Start and length of the longest run of `<` (the last one on a tie).
fn longest_filler_run(line: &[u8]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < line.len() {
        if line[i] == b'<' {
            let start = i;
            while i < line.len() && line[i] == b'<' {
                i += 1;
            }
            if best.is_none_or(|(_, len)| i - start >= len) {
                best = Some((start, i - start));
            }
        } else {
            i += 1;
        }
    }
    best
}

/// Letters that OCR makes of a lone `<`.
const FILLER_LOOKALIKES: &[u8] = b"KXCLE";

/// Clears OCR noise from the filler that ends a name field. Names never hold three fillers in
/// a row (words are separated by one, surname and given names by two), so everything after
/// the first `<<<` is filler; and before it, a lone look-alike of `<` amid filler after the
/// last word of two letters or more is filler too. Returns the cleaned field.
fn clean_filler(lines: &mut [Vec<u8>], s: Span) -> String {
    let field = &mut lines[s.line][s.start..s.start + s.len];
    let names_end = field
        .windows(3)
        .position(|w| w == b"<<<")
        .unwrap_or(field.len());
    for c in &mut field[names_end..] {
        *c = b'<';
    }
    let names = &mut field[..names_end];
    let last_word_end = (1..names.len())
        .rev()
        .find(|&i| names[i].is_ascii_uppercase() && names[i - 1].is_ascii_uppercase())
        .map_or(0, |i| i + 1);
    for i in last_word_end + 1..names.len() {
        let after = i + 1 == names.len() || names[i + 1] == b'<';
        if names[i - 1] == b'<' && after && FILLER_LOOKALIKES.contains(&names[i]) {
            names[i] = b'<';
        }
    }
    String::from_utf8_lossy(field).into_owned()
}

/// `SURNAME<<GIVEN<NAMES` split into surname and given names, words separated by spaces.
fn split_names(field: &str) -> (String, String) {
    match field.split_once("<<") {
        Some((surname, given)) => (words(surname), words(given)),
        None => (words(field), String::new()),
    }
}

fn words(field: &str) -> String {
    field
        .split('<')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip(field: &str) -> String {
    field.trim_matches('<').to_owned()
}

/// A zone date `YYMMDD` as (two-digit year, month, day), if it is a real date.
fn ymd(field: &[u8]) -> Option<(u32, u32, u32)> {
    if field.len() != 6 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| u32::from(field[i] - b'0') * 10 + u32::from(field[i + 1] - b'0');
    let (yy, month, day) = (n(0), n(2), n(4));
    let leap = yy % 4 == 0; // Either century: 2000 was a leap year, and so is every 4th.
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((yy, month, day))
}

/// A birth date lies in the past: the latest century that does not put it after today.
fn birth_year((yy, month, day): (u32, u32, u32), today: Date) -> u32 {
    let recent = 2000 + yy;
    if (recent, month, day) > today {
        1900 + yy
    } else {
        recent
    }
}

/// Expiry dates lie within fifty years of today (documents run ten to fifteen years; expired
/// ones are still brought in).
fn expiry_year((yy, _, _): (u32, u32, u32), today: Date) -> u32 {
    let recent = 2000 + yy;
    if recent > today.0 + 50 {
        1900 + yy
    } else {
        recent
    }
}

fn iso(year: u32, (_, month, day): (u32, u32, u32)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Today's date (UTC) from the system clock.
fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = (2026, 12, 1);

    fn parse(lines: &[&str]) -> Mrz {
        parse_lines_on(lines, TODAY).expect("a readable zone")
    }

    #[test]
    fn icao_td3_specimen() {
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(mrz.format, MrzFormat::Td3);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.repairs, 0);
        assert_eq!(mrz.document_code, "P");
        assert_eq!(mrz.issuing_state, "UTO");
        assert_eq!(mrz.document_number, "L898902C3");
        assert_eq!(mrz.birth_date.as_deref(), Some("1974-08-12"));
        assert_eq!(mrz.sex, "F");
        assert_eq!(mrz.expiry.as_deref(), Some("2012-04-15"));
        assert_eq!(mrz.nationality, "UTO");
        assert_eq!(mrz.surname, "ERIKSSON");
        assert_eq!(mrz.given_names, "ANNA MARIA");
        assert_eq!(mrz.optional_data, "ZE184226B");
    }

    #[test]
    fn icao_td1_specimen() {
        let mrz = parse(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        assert_eq!(mrz.format, MrzFormat::Td1);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.document_code, "I");
        assert_eq!(mrz.document_number, "D23145890");
        assert_eq!(mrz.birth_date.as_deref(), Some("1974-08-12"));
        assert_eq!(mrz.expiry.as_deref(), Some("2012-04-15"));
        assert_eq!(mrz.surname, "ERIKSSON");
        assert_eq!(mrz.given_names, "ANNA MARIA");
        assert_eq!(mrz.optional_data, "");
    }

    #[test]
    fn icao_td2_specimen() {
        let mrz = parse(&[
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ]);
        assert_eq!(mrz.format, MrzFormat::Td2);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.document_number, "D23145890");
        assert_eq!(mrz.given_names, "ANNA MARIA");
    }

    #[test]
    fn td1_long_document_number_overflows_into_optional_data() {
        // ICAO 9303 part 5's example of a 12-character number: D23145890734, check 9.
        let mrz = parse(&[
            "I<UTOD23145890<7349<<<<<<<<<<<",
            "3407127M9507122UTO<<<<<<<<<<<2",
            "STEVENSON<<PETER<JOHN<<<<<<<<<",
        ]);
        assert_eq!(mrz.document_number, "D23145890734");
        assert_eq!(mrz.optional_data, "");
        assert!(mrz.checks_valid);
        assert_eq!(mrz.birth_date.as_deref(), Some("1934-07-12"));
        assert_eq!(mrz.expiry.as_deref(), Some("1995-07-12"));
    }

    #[test]
    fn french_identity_card_of_1988() {
        let mrz = parse(&[
            "IDFRAPETE<<<<<<<<<<<<<<<<<<<<<952042",
            "0509952018746NICOLAS<<PAUL<8206152M3",
        ]);
        assert_eq!(mrz.format, MrzFormat::FrenchId);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.document_code, "ID");
        assert_eq!(mrz.nationality, "FRA");
        assert_eq!(mrz.document_number, "050995201874");
        assert_eq!(mrz.surname, "PETE");
        assert_eq!(mrz.given_names, "NICOLAS PAUL");
        assert_eq!(mrz.birth_date.as_deref(), Some("1982-06-15"));
        assert_eq!(mrz.expiry, None);
    }

    #[test]
    fn ocr_confusions_are_repaired() {
        // O for 0 and B for 8 in the number, O in dates, S for 5, a spaced-out filler run, K and
        // X read for lone fillers in the name's tail, and noise lines around the zone.
        let mrz = parse(&[
            "Date of expiry/ Date d'expiration",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<< <<<K<<<X<<<<",
            "LB989O2C36UTO74O8122F12O4IS9ZE184226B<<<<<1O",
            "",
        ]);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.repairs, 2);
        assert_eq!(
            mrz.lines,
            [
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
            ]
        );
    }

    #[test]
    fn everything_after_three_fillers_in_a_name_is_filler() {
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<E<EEE<E<KE",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(mrz.lines[0], "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(mrz.given_names, "ANNA MARIA");
    }

    #[test]
    fn a_misread_date_digit_is_repaired_when_unambiguous() {
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7403122F1204159ZE184226B<<<<<10",
        ]);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.birth_date.as_deref(), Some("1974-08-12"));
    }

    #[test]
    fn filler_read_for_a_zero_check_digit_becomes_the_digit() {
        // The composite check digit is 0; the filler run before it swallowed it.
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<1<",
        ]);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.lines[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    }

    #[test]
    fn a_passports_misread_composite_digit_is_what_its_checked_fields_make() {
        // ICAO's specimen with its composite `0` read `6`: every field's own check holds.
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<16",
        ]);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.repairs, 1);
        assert_eq!(mrz.lines[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        // A card's optional data has no check of its own: its composite stays a check.
        let mrz = parse(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<5",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        assert!(!mrz.checks_valid);
    }

    #[test]
    fn a_spanish_cards_identity_number_is_checked_by_its_letter() {
        // A zero read twice in the DNI 38053401Q: the composite alone took it for a 3BD….
        let mrz = parse(&[
            "IDESPZEW7825537380534010Q<<<<<<",
            "7308059F3106084ESP<<<<<<<<<<<6",
            "FERNANDEZ<RODRIGUEZ<<NEREA<<<<",
        ]);
        assert!(mrz.checks_valid);
        assert_eq!(mrz.optional_data, "38053401Q");
        // A letter that no look-alike explains is a failed check, composite digit or not.
        let mrz = parse(&[
            "IDESPZEW782553738053401A<<<<<<",
            "7308059F3106084ESP<<<<<<<<<<<4",
            "FERNANDEZ<RODRIGUEZ<<NEREA<<<<",
        ]);
        assert_eq!(mrz.failed_checks, 1);
    }

    #[test]
    fn a_document_codes_misread_initial_is_the_letter_codes_start_with() {
        let mrz = parse(&[
            "T<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        assert_eq!(mrz.document_code, "I");
        assert_eq!(mrz.repairs, 1);
        let mrz = parse(&[
            "F<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(mrz.document_code, "P");
    }

    #[test]
    fn a_wrong_check_digit_is_reported_not_hidden() {
        let mrz = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204158ZE184226B<<<<<10",
        ]);
        assert!(!mrz.checks_valid);
    }

    #[test]
    fn lines_without_a_zone_are_refused() {
        assert_eq!(parse_lines_on(&[], TODAY), Err(MrzError::NoZone));
        assert_eq!(
            parse_lines_on(&["Bulletin de salaire", "Période du 01/03/2026"], TODAY),
            Err(MrzError::NoZone)
        );
        assert!(matches!(
            parse_lines_on(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<"], TODAY),
            Err(MrzError::UnknownLayout { .. })
        ));
    }

    #[test]
    fn centuries_put_birth_in_the_past_and_expiry_ahead() {
        assert_eq!(birth_year((26, 11, 30), TODAY), 2026);
        assert_eq!(birth_year((26, 12, 2), TODAY), 1926);
        assert_eq!(birth_year((74, 8, 12), TODAY), 1974);
        assert_eq!(expiry_year((36, 1, 1), TODAY), 2036);
        assert_eq!(expiry_year((99, 1, 1), TODAY), 1999);
        assert_eq!(ymd(b"740230"), None);
        assert_eq!(ymd(b"000229"), Some((0, 2, 29)));
        assert_eq!(civil_from_days(20_423), (2025, 12, 1));
    }
}
