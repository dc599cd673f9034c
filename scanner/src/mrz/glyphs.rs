//! Telling `O` from `0` by their glyphs, where the zone's rules cannot.
//!
//! A document number may mix letters and digits (the French card of 2021: `G1OOCV500`), and
//! OCR reads a round `O` and a `0` alike. The check digit catches one slip, but when several
//! substitutions of O and 0 pass it, the repair's choice is a guess. The zone itself holds the
//! answer: its digits-only fields (dates, check digits) print sure zeros and its names print
//! sure `O`s, in the same font, at the same size, in the same light. Each doubtful glyph is
//! compared with those exemplars — the correlation of its cell, which keeps whatever sets the
//! two apart in a given font (the narrow zero of OCR-B, the dot or slash some fonts put in it)
//! — and given the character of the closer one. Without an exemplar of each, nothing is
//! decided.

use image::GrayImage;
use image::imageops::{self, FilterType};

use super::layout::{Kind, Layout};
use crate::ocr::{PageText, Word};

/// The size every glyph cell is resampled to before comparison.
const CELL: (u32, u32) = (12, 18);

/// How many characters of a zone line may differ from the OCR word taken for it.
const MAX_WORD_DIFFERENCES: usize = 3;

/// A glyph cell, resampled, with zero mean and unit norm.
type Glyph = Vec<f32>;

/// `lines` (a zone of `layout` read on `image`, as OCR read it in `reading`) with every `O` or
/// `0` in a letter-or-digit position set to the character its glyph looks like; `None` when
/// that changes nothing or cannot be decided.
pub(super) fn settle_o_and_zero(
    image: &GrayImage,
    reading: &PageText,
    lines: &[String],
    layout: &Layout,
) -> Option<Vec<String>> {
    let kinds = layout.kinds();
    let mut zeros = Vec::new();
    let mut letters = Vec::new();
    let mut doubtful = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let (Some(word), Some(kinds)) = (word_for_line(&reading.words, line), kinds.get(index))
        else {
            continue;
        };
        for (pos, (c, kind)) in line.bytes().zip(kinds).enumerate() {
            let sure_zero = matches!(kind, Kind::Digit | Kind::Check) && c == b'0';
            let sure_letter = *kind == Kind::Alpha && c == b'O';
            let unsure = *kind == Kind::AlphaNum && matches!(c, b'O' | b'0');
            if !(sure_zero || sure_letter || unsure) {
                continue;
            }
            let Some(glyph) = glyph(image, word, line.len(), pos) else {
                continue;
            };
            match (sure_zero, sure_letter) {
                (true, _) => zeros.push(glyph),
                (_, true) => letters.push(glyph),
                _ => doubtful.push((index, pos, glyph)),
            }
        }
    }
    if zeros.is_empty() || letters.is_empty() {
        return None;
    }
    let mut settled: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    for (index, pos, glyph) in doubtful {
        let like_zero = closest(&glyph, &zeros);
        let like_letter = closest(&glyph, &letters);
        settled[index][pos] = if like_letter > like_zero { b'O' } else { b'0' };
    }
    let settled: Vec<String> = settled
        .into_iter()
        .map(|l| String::from_utf8(l).ok())
        .collect::<Option<_>>()?;
    (settled != lines).then_some(settled)
}

/// The word OCR read for a zone line: as long as the line and nearly the same.
fn word_for_line<'a>(words: &'a [Word], line: &str) -> Option<&'a Word> {
    words
        .iter()
        .filter(|w| w.text.len() == line.len())
        .map(|w| {
            let differences = w
                .text
                .bytes()
                .zip(line.bytes())
                .filter(|(a, b)| !a.eq_ignore_ascii_case(b))
                .count();
            (differences, w)
        })
        .filter(|(differences, _)| *differences <= MAX_WORD_DIFFERENCES)
        .min_by_key(|(differences, _)| *differences)
        .map(|(_, w)| w)
}

/// The glyph at position `pos` of `word` (a zone line of `len` characters at a fixed pitch),
/// its cell centred on its ink.
fn glyph(image: &GrayImage, word: &Word, len: usize, pos: usize) -> Option<Glyph> {
    let b = &word.bbox;
    let pitch = b.width as f32 / len as f32;
    if pitch < 2.0 || b.height < 4 {
        return None;
    }
    // The pitch cell, then the same width centred on the ink's weight within it: word boxes
    // run from ink to ink, so cells drift off their glyphs along the line.
    let start = b.x as f32 + pitch * pos as f32;
    let column_ink = |x: u32| -> f32 {
        (b.y..(b.y + b.height).min(image.height()))
            .map(|y| f32::from(255 - image.get_pixel(x, y).0[0]))
            .sum()
    };
    let columns = start.round() as u32..((start + pitch).round() as u32).min(image.width());
    let (weight, moment) = columns.fold((0.0, 0.0), |(w, m), x| {
        let ink = column_ink(x);
        (w + ink, m + ink * x as f32)
    });
    if weight <= 0.0 {
        return None;
    }
    let left = (moment / weight - pitch / 2.0).round().max(0.0) as u32;
    let width = (pitch.round() as u32).min(image.width().saturating_sub(left));
    let height = b.height.min(image.height().saturating_sub(b.y));
    if width == 0 || height == 0 {
        return None;
    }
    let cell = imageops::crop_imm(image, left, b.y, width, height).to_image();
    let cell = imageops::resize(&cell, CELL.0, CELL.1, FilterType::Triangle);
    normalised(cell.pixels().map(|p| f32::from(p.0[0])).collect())
}

/// `values` with zero mean and unit norm; `None` for a blank cell.
fn normalised(mut values: Vec<f32>) -> Option<Glyph> {
    let mean = values.iter().sum::<f32>() / values.len().max(1) as f32;
    values.iter_mut().for_each(|v| *v -= mean);
    let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
    if norm < 1e-3 {
        return None;
    }
    values.iter_mut().for_each(|v| *v /= norm);
    Some(values)
}

/// The highest correlation of `glyph` with any of `exemplars`.
fn closest(glyph: &Glyph, exemplars: &[Glyph]) -> f32 {
    exemplars
        .iter()
        .map(|e| e.iter().zip(glyph).map(|(a, b)| a * b).sum::<f32>())
        .fold(f32::MIN, f32::max)
}

#[cfg(test)]
mod tests {
    use image::Luma;
    use imageproc::drawing::{draw_filled_rect_mut, draw_hollow_ellipse_mut};
    use imageproc::rect::Rect as DrawRect;

    use super::*;
    use crate::geometry::Rect;
    use crate::mrz::layout::TD3;

    const PITCH: u32 = 20;
    const HEIGHT: u32 = 30;

    /// A zone printed in a font whose zero is narrow and whose `O` is round (as in OCR-B):
    /// other characters are bars, filler is left blank.
    fn print(lines: &[&str]) -> GrayImage {
        let mut image = GrayImage::from_pixel(44 * PITCH + 20, HEIGHT * 3, Luma([255]));
        for (row, line) in lines.iter().enumerate() {
            for (pos, c) in line.chars().enumerate() {
                let cx = 10 + pos as i32 * PITCH as i32 + PITCH as i32 / 2;
                let cy = row as i32 * HEIGHT as i32 + HEIGHT as i32 / 2 + 5;
                for thickness in 0..2 {
                    match c {
                        '0' => draw_hollow_ellipse_mut(
                            &mut image,
                            (cx, cy),
                            5 - thickness,
                            10 - thickness,
                            Luma([0]),
                        ),
                        'O' => draw_hollow_ellipse_mut(
                            &mut image,
                            (cx, cy),
                            8 - thickness,
                            10 - thickness,
                            Luma([0]),
                        ),
                        _ => {}
                    }
                }
                if c != '<' && c != '0' && c != 'O' {
                    draw_filled_rect_mut(
                        &mut image,
                        DrawRect::at(cx - 2, cy - 10).of_size(4, 20),
                        Luma([0]),
                    );
                }
            }
        }
        image
    }

    /// What OCR read: each line one word spanning its cells.
    fn reading(lines: &[&str]) -> PageText {
        let words = lines
            .iter()
            .enumerate()
            .map(|(row, line)| Word {
                text: (*line).to_owned(),
                bbox: Rect {
                    x: 10,
                    y: row as u32 * HEIGHT + 5,
                    width: line.len() as u32 * PITCH,
                    height: 22,
                },
                confidence: 90.0,
            })
            .collect();
        PageText {
            words,
            ..PageText::default()
        }
    }

    const PRINTED: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "GO0O902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    #[test]
    fn zeros_and_letters_in_a_document_number_are_told_by_their_glyphs() {
        let image = print(&PRINTED);
        let read = [
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "G000902C36UTO7408122F1204159ZE184226B<<<<<10",
        ];
        let lines: Vec<String> = read.map(str::to_owned).to_vec();
        let settled = settle_o_and_zero(&image, &reading(&read), &lines, &TD3);
        assert_eq!(settled.as_deref(), Some(&PRINTED.map(str::to_owned)[..]));
    }

    #[test]
    fn nothing_is_decided_without_an_exemplar_of_each() {
        // No O in the names or the state codes: no sure letter to compare with.
        let printed = PRINTED.map(|l| l.replace("UTO", "UTX").replace("SSON", "SSEN"));
        let printed: Vec<&str> = printed.iter().map(String::as_str).collect();
        let lines: Vec<String> = printed.iter().map(|l| l.replace("GO0O", "G000")).collect();
        let read: Vec<&str> = lines.iter().map(String::as_str).collect();
        let image = print(&printed);
        assert_eq!(
            settle_o_and_zero(&image, &reading(&read), &lines, &TD3),
            None
        );
    }
}
