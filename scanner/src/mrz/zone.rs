//! Finding the machine-readable zone on a page image and reading it closely.
//!
//! The page's ordinary OCR reading places the zone: its words are long runs of capitals,
//! digits and `<`. Without such words the zone is looked for in the bottom third of the page,
//! where ICAO puts it on every layout — but only when the reading shows a trace of one (a long
//! run of capitals and digits: a zone line whose filler was misread): a payslip or a bill has
//! none, and reading its bottom third closely would cost more than the page itself. The band
//! is cropped with a margin (across every word on its rows), levelled on its own lines, scaled
//! so that its capitals are about [`TARGET_CHAR_HEIGHT`] pixels tall (tesseract's sweet spot:
//! smaller loses the `<`, larger turns runs of `<` into `K`, `E` and `L`), and read in
//! [`ReadMode::Mrz`] — grey first, then binarised (Otsu) if the grey reading is not clean:
//! tesseract's own binarisation usually does better on even light, a global threshold on a
//! shadowed band. Every reading — the close one, and the ordinary page text as a fallback —
//! is parsed, and the reading whose check digits hold (with the fewest repairs) wins. When
//! the page's own reading already holds every line of a clean zone verbatim, with no `O` or
//! `0` in doubt, the close reading is skipped.

use image::GrayImage;
use image::imageops::{self, FilterType};
use imageproc::contrast::{ThresholdType, otsu_level, threshold};

use super::glyphs;
use super::layout::{Kind, Layout};
use super::{Mrz, parse_lines, parse_text};
use crate::enhance;
use crate::geometry::Rect;
use crate::ocr::{OcrEngine, PageText, ReadMode, Word};

/// The character height, in pixels, that the zone is scaled to before it is read.
const TARGET_CHAR_HEIGHT: f32 = 32.0;

/// The fewest characters of a word taken as a trace of a zone line (zone lines have 30 to 44;
/// the longest capitalised words of ordinary documents have fewer).
const ZONE_TRACE_LENGTH: usize = 14;

/// The resolution announced to tesseract for the scaled band.
const BAND_DPI: u32 = 300;

/// Finds and reads the machine-readable zone of a clean page, if it has one. `text` is the
/// page's ordinary OCR reading, which tells where the zone is.
pub fn read_zone(engine: &mut OcrEngine, page: &GrayImage, text: &PageText) -> Option<Mrz> {
    if page.width() == 0 || page.height() == 0 {
        return None;
    }
    // The page's own reading, parsed once: taken as it is when it holds the zone verbatim, and
    // otherwise the last resort.
    let page_zone = parse_text(&text.text).ok();
    if page_zone
        .as_ref()
        .is_some_and(|m| read_verbatim(m, &text.text))
    {
        return page_zone;
    }
    let located = locate(&text.words);
    let (band, char_height) = match located {
        Some((band, h)) => (band, Some(h)),
        None if text.words.iter().any(is_zone_trace) => (bottom_third(page), None),
        None => return page_zone.filter(plausible),
    };
    let crop = imageops::crop_imm(page, band.x, band.y, band.width, band.height).to_image();
    // The page was deskewed on all its print; a zone still tilted (a whole photo read as it
    // is, a page's edge or shadow swaying the measure) is levelled on its own lines.
    let crop = enhance::deskew(&crop, enhance::skew_angle(&crop));
    let mut best = None;
    // Without words to measure, a first reading at the crop's own size measures the characters.
    let char_height = match char_height {
        Some(h) => Some(h),
        None => engine
            .read(&crop, BAND_DPI, ReadMode::Mrz)
            .ok()
            .and_then(|first| {
                keep_better(&mut best, parse_text(&first.text).ok());
                median_height(first.words.iter().filter(|w| w.text.len() >= 5))
            }),
    };
    if let Some(char_height) = char_height {
        let scale = (TARGET_CHAR_HEIGHT / char_height).clamp(0.25, 6.0);
        let width = ((crop.width() as f32 * scale).round() as u32).max(1);
        let height = ((crop.height() as f32 * scale).round() as u32).max(1);
        let scaled = crate::resample::resize(&crop, width, height, FilterType::Triangle);
        let binary = threshold(&scaled, otsu_level(&scaled), ThresholdType::Binary);
        for image in [&scaled, &binary] {
            if best.as_ref().is_some_and(is_clean) {
                break;
            }
            if let Ok(reading) = engine.read(image, BAND_DPI, ReadMode::Mrz) {
                let parsed = parse_text(&reading.text).ok();
                let settled = parsed
                    .as_ref()
                    .and_then(|m| settle_o_and_zero(image, &reading, m));
                keep_better(&mut best, parsed);
                keep_better(&mut best, settled);
            }
        }
    }
    // The page's own reading is the last resort: read with every character allowed, it
    // confuses the filler more than the close reading does.
    if !best.as_ref().is_some_and(is_clean) {
        keep_better(&mut best, page_zone);
    }
    best.filter(plausible)
}

/// Whether the page's own reading already holds the zone `mrz` as it is: every line read
/// verbatim (nothing repaired, coerced, dropped or stretched), every check digit holding, the
/// names free of noise, and no `O` or `0` where either may stand (the check digit cannot tell
/// them apart; their glyphs are compared on the close reading). Such a zone needs no close
/// reading, which costs a fifth of the page's own.
fn read_verbatim(mrz: &Mrz, page_text: &str) -> bool {
    let kinds = Layout::of(mrz.format).kinds();
    let o_or_zero_in_doubt = mrz.lines.iter().zip(&kinds).any(|(line, kinds)| {
        line.bytes()
            .zip(kinds)
            .any(|(c, kind)| *kind == Kind::AlphaNum && matches!(c, b'O' | b'0'))
    });
    let read_as_is = |line: &String| {
        page_text
            .lines()
            .any(|read| read.split_whitespace().collect::<String>() == *line)
    };
    is_clean(mrz) && !o_or_zero_in_doubt && mrz.lines.iter().all(read_as_is)
}

/// The zone `mrz` read again with its doubtful `O`s and `0`s told apart by their glyphs on the
/// band `image` that `reading` was read on (see [`glyphs`](super::glyphs)), if that changes it.
fn settle_o_and_zero(image: &GrayImage, reading: &PageText, mrz: &Mrz) -> Option<Mrz> {
    let lines = glyphs::settle_o_and_zero(image, reading, &mrz.lines, Layout::of(mrz.format))?;
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    parse_lines(&lines).ok()
}

/// A zone with two or more failing check digits is more likely text read through the MRZ
/// alphabet than a zone: one failure is a misread beyond repair, two are noise.
fn plausible(m: &Mrz) -> bool {
    m.failed_checks <= 1
}

/// Single-letter words in the names: a name line's noise, which no check digit covers.
fn name_noise(m: &Mrz) -> usize {
    [&m.surname, &m.given_names]
        .iter()
        .flat_map(|n| n.split(' '))
        .filter(|w| w.len() == 1)
        .count()
}

/// Every check digit holds and the names carry no noise.
fn is_clean(m: &Mrz) -> bool {
    m.checks_valid && name_noise(m) == 0
}

/// Keeps in `best` whichever reading has the fewest failing check digits, then the least
/// noise in the names, then the fewest repairs; the earlier reading on a tie.
fn keep_better(best: &mut Option<Mrz>, candidate: Option<Mrz>) {
    let rank = |m: &Mrz| std::cmp::Reverse((m.failed_checks, name_noise(m), m.repairs));
    if let Some(candidate) = candidate
        && best.as_ref().is_none_or(|b| rank(&candidate) > rank(b))
    {
        *best = Some(candidate);
    }
}

/// Whether a page's ordinary reading shows a machine-readable zone, or a trace of one.
pub fn shows_zone(text: &PageText) -> bool {
    text.words
        .iter()
        .any(|w| is_zone_word(w) || is_zone_trace(w))
}

/// Whether a word looks like part of a zone line: long, all capitals, digits and filler, with
/// filler in it.
fn is_zone_word(word: &Word) -> bool {
    let t = word.text.as_str();
    t.len() >= 8
        && t.matches('<').count() >= 2
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<')
}

/// Whether a word may be a piece of a zone line: letters, digits and filler only (a `<` read as
/// part of its neighbour can bring a lower-case letter).
fn is_zone_piece(word: &Word) -> bool {
    word.text.chars().count() >= 2
        && word
            .text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '<' || c == '«')
}

/// Whether a word may be part of a zone line read with its filler misread (`<` as `K`, `L`,
/// `«`…): a long run of nearly only capitals, digits and filler, with filler in it or a run of
/// one repeated letter where the filler was. (An IBAN is long and all capitals and digits too,
/// but repeats no letter.)
fn is_zone_trace(word: &Word) -> bool {
    let chars: Vec<char> = word.text.chars().collect();
    let is_filler = |c: char| c == '<' || c == '«';
    let zone_like = chars
        .iter()
        .filter(|&&c| c.is_ascii_uppercase() || c.is_ascii_digit() || is_filler(c))
        .count();
    let filler = chars.iter().any(|&c| is_filler(c))
        || chars
            .windows(3)
            .any(|w| w[0].is_ascii_uppercase() && w[0] == w[1] && w[1] == w[2]);
    chars.len() >= ZONE_TRACE_LENGTH && zone_like * 10 >= chars.len() * 9 && filler
}

/// The band holding the zone's words, with a margin, and the median character height. The
/// band runs across the other pieces of zone line on its rows (words of zone characters and of
/// the zone's height): a line read in pieces (a run of digits has no filler to tell it) is
/// taken whole.
fn locate(words: &[Word]) -> Option<(Rect, f32)> {
    let zone: Vec<&Word> = words.iter().filter(|w| is_zone_word(w)).collect();
    let char_height = median_height(zone.iter().copied())?;
    let top = zone.iter().map(|w| w.bbox.y).min()?;
    let bottom = zone.iter().map(|w| w.bbox.y + w.bbox.height).max()?;
    // The next line down may have been missed: a generous margin, measured in characters.
    let margin_y = (char_height * 2.5) as u32;
    let rows = top.saturating_sub(margin_y)..bottom + margin_y;
    let on_rows: Vec<&Word> = words
        .iter()
        .filter(|w| {
            let height = w.bbox.height as f32;
            is_zone_piece(w)
                && (0.6 * char_height..=1.6 * char_height).contains(&height)
                && rows.contains(&(w.bbox.y + w.bbox.height / 2))
        })
        .collect();
    let left = on_rows.iter().map(|w| w.bbox.x).min()?;
    let right = on_rows.iter().map(|w| w.bbox.x + w.bbox.width).max()?;
    // The lines may extend past the words read (a faint end of filler).
    let margin_x = (char_height * 4.0) as u32;
    let x = left.saturating_sub(margin_x);
    Some((
        Rect {
            x,
            y: rows.start,
            width: right + margin_x - x,
            height: rows.end - rows.start,
        },
        char_height,
    ))
}

/// The lower third of the page.
fn bottom_third(page: &GrayImage) -> Rect {
    let top = page.height() * 2 / 3;
    Rect {
        x: 0,
        y: top,
        width: page.width(),
        height: page.height() - top,
    }
}

fn median_height<'a>(words: impl Iterator<Item = &'a Word>) -> Option<f32> {
    let mut heights: Vec<u32> = words.map(|w| w.bbox.height).filter(|&h| h > 0).collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).map(|&h| h as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Word {
        Word {
            text: text.to_owned(),
            bbox: Rect {
                x: 0,
                y: 0,
                width: 300,
                height: 20,
            },
            confidence: 50.0,
        }
    }

    /// ICAO's TD1 specimen with a document number free of `O` and `0`.
    const ZONE: [&str; 3] = [
        "I<UTOD231458974<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<2",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];

    fn page_with_zone(lines: [&str; 3]) -> String {
        format!("IDENTITY CARD\nSurname ERIKSSON\n{}\n", lines.join("\n"))
    }

    #[test]
    fn a_clean_zone_read_verbatim_on_the_page_needs_no_close_reading() {
        // A space read inside a line changes nothing.
        let page = page_with_zone([ZONE[0], ZONE[1], "ERIKSSON<<ANNA<MARIA <<<<<<<<<<"]);
        let zone = parse_text(&page).expect("the zone parses");
        assert!(read_verbatim(&zone, &page));
    }

    #[test]
    fn a_zone_repaired_or_in_doubt_is_read_closely() {
        // A filler read `K`: the parsed zone is no longer what the page read.
        let page = page_with_zone([ZONE[0], ZONE[1], "ERIKSSON<<ANNA<MARIA<<<<K<<<<<"]);
        let zone = parse_text(&page).expect("the zone parses");
        assert!(zone.checks_valid);
        assert!(!read_verbatim(&zone, &page));
        // A `0` in the document number, which the check digit cannot tell from an `O`.
        let page = page_with_zone([
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            ZONE[2],
        ]);
        let zone = parse_text(&page).expect("the zone parses");
        assert!(zone.checks_valid);
        assert!(!read_verbatim(&zone, &page));
    }

    #[test]
    fn zone_lines_with_misread_filler_leave_a_trace() {
        assert!(is_zone_trace(&word("IDFRAL7LETP7710KKKKKKKKKKKKKKK")));
        assert!(is_zone_trace(&word("P«FRAMARTIN««JEAN«««««")));
        assert!(is_zone_trace(&word("MARCHANDLLMANONLLLLLLLLLLLLLLL")));
        assert!(is_zone_trace(&word("9311169F2902038FRA<<<<<<<<<<<4")));
    }

    #[test]
    fn ordinary_words_leave_no_trace() {
        for text in [
            "RÉMUNÉRATIONS",
            "CONTRIBUTIONS",
            "Établissement-principal",
            "FR7630006000011234567890189",
            "01/03/2026-31/03/2026",
        ] {
            assert!(!is_zone_trace(&word(text)), "{text}");
        }
    }
}
