//! Short texts in any of the kiosk's languages set on A4 pages, as a PDF any printer takes.
//!
//! PDF's standard fonts cover only Western European text, and Arabic needs its letters joined
//! and its lines laid right to left; so this module embeds a real font (DejaVu Sans, which has
//! Latin, Cyrillic and Arabic) and does what a text engine does, with well-kept crates for the
//! hard parts: the Unicode bidirectional algorithm (`unicode-bidi`) orders each line's runs,
//! `rustybuzz` (HarfBuzz in Rust) shapes each run into glyphs, and `subsetter` cuts the font
//! down to the glyphs used so that a receipt stays a few tens of kilobytes. Each glyph is placed
//! at its exact position; a `ToUnicode` map gives the text back to search and to `pdftotext`.
//!
//! Paragraphs are wrapped at spaces to the page width and flow onto new pages as needed.
//! Characters the font lacks print as its empty box rather than failing the whole receipt.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use rustybuzz::ttf_parser::Tag;
use rustybuzz::{Direction, Face, Feature, UnicodeBuffer};
use subsetter::GlyphRemapper;
use thiserror::Error;
use unicode_bidi::{Level, ParagraphBidiInfo};

/// Where Debian's `fonts-dejavu-core` puts DejaVu Sans.
pub const DEFAULT_FONT_PATH: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// A4 width in points.
const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
const PAGE_HEIGHT: f32 = 841.89;
/// Space left blank on every side, in points (20 mm).
const MARGIN: f32 = 56.7;
/// Distance between baselines, as a multiple of the text size.
const LINE_HEIGHT: f32 = 1.35;
/// Name of the font in page resources.
const FONT_RESOURCE: Name<'static> = Name(b"F");
/// PDF font name: a subset tag (six capitals) and the family.
const SUBSET_NAME: Name<'static> = Name(b"KIOSKA+DejaVuSans");
/// How glyphs are numbered in the embedded font: by their index in the subset.
const IDENTITY: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Why a text could not be set.
#[derive(Debug, Error)]
pub enum TypesetError {
    /// The font file could not be read.
    #[error("the font file could not be read: {0}")]
    FontFile(#[source] std::io::Error),
    /// The font file is not a TrueType/OpenType font this module can use.
    #[error("the font file is not a usable TrueType font")]
    FontInvalid,
    /// The font could not be cut down to the glyphs used.
    #[error("the font could not be subset: {0}")]
    Subset(String),
}

/// A font loaded once and shared by every document set with it.
#[derive(Clone)]
pub struct Font {
    data: Arc<[u8]>,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("bytes", &self.data.len())
            .finish()
    }
}

impl Font {
    /// Reads a TrueType font file (DejaVu Sans: [`DEFAULT_FONT_PATH`]).
    pub fn load(path: &Path) -> Result<Self, TypesetError> {
        Self::from_bytes(std::fs::read(path).map_err(TypesetError::FontFile)?)
    }

    /// Takes a TrueType font from memory, checking that it parses.
    pub fn from_bytes(data: Vec<u8>) -> Result<Self, TypesetError> {
        let face = Face::from_slice(&data, 0).ok_or(TypesetError::FontInvalid)?;
        if face.units_per_em() <= 0 {
            return Err(TypesetError::FontInvalid);
        }
        Ok(Font { data: data.into() })
    }

    fn face(&self) -> Face<'_> {
        // `from_bytes` checked that the data parses; the data never changes after.
        Face::from_slice(&self.data, 0).expect("font checked when loaded")
    }
}

/// One paragraph to set.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The text; control characters print as spaces.
    pub text: String,
    /// Text size in points.
    pub size: f32,
    /// Extra space above the paragraph, in points.
    pub space_before: f32,
}

/// One glyph placed on a page.
struct Placed {
    glyph: u16,
    x: f32,
    y: f32,
    size: f32,
}

/// Sets `paragraphs` on as many A4 pages as they need and returns the PDF's bytes. With `rtl`,
/// lines read right to left and align on the right (Arabic).
pub fn typeset(paragraphs: &[Paragraph], font: &Font, rtl: bool) -> Result<Vec<u8>, TypesetError> {
    let face = font.face();
    let mut shaper = Shaper {
        face: &face,
        rtl,
        text_of: BTreeMap::new(),
    };
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    for paragraph in paragraphs {
        let text: String = paragraph
            .text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        y -= paragraph.space_before;
        for line in shaper.wrap(&text, paragraph.size, PAGE_WIDTH - 2.0 * MARGIN) {
            y -= paragraph.size * LINE_HEIGHT;
            if y < MARGIN {
                pages.push(Vec::new());
                y = PAGE_HEIGHT - MARGIN - paragraph.size * LINE_HEIGHT;
            }
            let glyphs = shaper.shape_line(line, paragraph.size);
            let width = glyphs.last().map_or(0.0, |g| g.end);
            let start = if rtl {
                PAGE_WIDTH - MARGIN - width
            } else {
                MARGIN
            };
            let page = pages.last_mut().expect("there is always a page");
            page.extend(glyphs.iter().map(|g| Placed {
                glyph: g.glyph,
                x: start + g.x,
                y: y + g.y,
                size: paragraph.size,
            }));
        }
    }
    let text_of = shaper.text_of;
    write_pdf(&face, &font.data, &pages, &text_of)
}

/// A glyph of a shaped line, positioned from the line's start, in points.
struct LineGlyph {
    glyph: u16,
    x: f32,
    y: f32,
    /// Where the pen is after this glyph: the line's width so far.
    end: f32,
}

/// Shapes text with one face and remembers which text each glyph stands for.
struct Shaper<'f> {
    face: &'f Face<'f>,
    rtl: bool,
    /// For the `ToUnicode` map: the text of the first cluster each glyph was seen in.
    text_of: BTreeMap<u16, String>,
}

impl Shaper<'_> {
    /// Splits `text` at spaces into lines no wider than `width` (a longer word stands alone).
    fn wrap<'t>(&self, text: &'t str, size: f32, width: f32) -> Vec<&'t str> {
        let mut lines = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            let mut end = rest.len();
            // Break before each space from the end until the line fits; keep one word at least.
            while self.measure(&rest[..end], size) > width {
                match rest[..end].trim_end().rfind(' ') {
                    Some(space) if !rest[..space].trim().is_empty() => end = space,
                    _ => break,
                }
            }
            lines.push(rest[..end].trim_end());
            rest = rest[end..].trim_start();
        }
        if lines.is_empty() {
            lines.push("");
        }
        lines
    }

    fn measure(&self, text: &str, size: f32) -> f32 {
        let scale = size / self.face.units_per_em() as f32;
        self.runs(text)
            .into_iter()
            .map(|(range, rtl)| {
                let shaped = shape_run(self.face, &text[range], rtl);
                shaped
                    .glyph_positions()
                    .iter()
                    .map(|p| p.x_advance)
                    .sum::<i32>() as f32
                    * scale
            })
            .sum()
    }

    /// The line's runs in visual order, each with its direction.
    fn runs(&self, line: &str) -> Vec<(Range<usize>, bool)> {
        let base = if self.rtl { Level::rtl() } else { Level::ltr() };
        let bidi = ParagraphBidiInfo::new(line, Some(base));
        let (levels, runs) = bidi.visual_runs(0..line.len());
        runs.into_iter()
            .map(|run| {
                let rtl = levels[run.start].is_rtl();
                (run, rtl)
            })
            .collect()
    }

    /// Lays one line out left to right, in points from its start on the baseline.
    fn shape_line(&mut self, line: &str, size: f32) -> Vec<LineGlyph> {
        let scale = size / self.face.units_per_em() as f32;
        let mut placed = Vec::new();
        let mut pen = 0.0;
        for (range, rtl) in self.runs(line) {
            let run = &line[range];
            let shaped = shape_run(self.face, run, rtl);
            let mut starts: Vec<usize> = shaped
                .glyph_infos()
                .iter()
                .map(|info| info.cluster as usize)
                .collect();
            starts.sort_unstable();
            starts.dedup();
            for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                // Glyph ids above u16 do not exist in TrueType; such a glyph prints as .notdef.
                let glyph = u16::try_from(info.glyph_id).unwrap_or(0);
                let start = info.cluster as usize;
                let end = starts
                    .iter()
                    .find(|&&s| s > start)
                    .copied()
                    .unwrap_or(run.len());
                self.text_of
                    .entry(glyph)
                    .or_insert_with(|| run.get(start..end).unwrap_or_default().to_owned());
                placed.push(LineGlyph {
                    glyph,
                    x: pen + pos.x_offset as f32 * scale,
                    y: pos.y_offset as f32 * scale,
                    end: pen + pos.x_advance as f32 * scale,
                });
                pen += pos.x_advance as f32 * scale;
            }
        }
        placed
    }
}

fn shape_run(face: &Face<'_>, text: &str, rtl: bool) -> rustybuzz::GlyphBuffer {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    // Latin ligatures (fi, ff) are turned off: print paths through PostScript lose the
    // text of a glyph that stands for several letters. Arabic keeps its required ones.
    let features = if rtl {
        Vec::new()
    } else {
        vec![Feature::new(Tag::from_bytes(b"liga"), 0, ..)]
    };
    rustybuzz::shape(face, &features, buffer)
}

/// Writes the pages, the font subset with its widths, and the `ToUnicode` map.
fn write_pdf(
    face: &Face<'_>,
    font_data: &[u8],
    pages: &[Vec<Placed>],
    text_of: &BTreeMap<u16, String>,
) -> Result<Vec<u8>, TypesetError> {
    let mut remapper = GlyphRemapper::new();
    for placed in pages.iter().flatten() {
        remapper.remap(placed.glyph);
    }
    let subset = subsetter::subset(font_data, 0, &remapper)
        .map_err(|e| TypesetError::Subset(e.to_string()))?;
    let per_em = 1000.0 / face.units_per_em() as f32;

    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let page_tree_id = Ref::new(2);
    let type0_id = Ref::new(3);
    let cid_font_id = Ref::new(4);
    let descriptor_id = Ref::new(5);
    let font_file_id = Ref::new(6);
    let cmap_id = Ref::new(7);
    let first_page = 8;
    // Two objects a page: the page and its content stream.
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();

    pdf.catalog(catalog_id).pages(page_tree_id);
    pdf.pages(page_tree_id)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);

    pdf.type0_font(type0_id)
        .base_font(SUBSET_NAME)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font_id)
        .to_unicode(cmap_id);
    let mut cid_font = pdf.cid_font(cid_font_id);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(SUBSET_NAME)
        .system_info(IDENTITY)
        .font_descriptor(descriptor_id)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let widths: Vec<f32> = remapper
        .remapped_gids()
        .map(|old| {
            let advance = face.glyph_hor_advance(ttf_glyph(old)).unwrap_or(0);
            f32::from(advance) * per_em
        })
        .collect();
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();

    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor_id)
        .name(SUBSET_NAME)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * per_em,
            f32::from(bbox.y_min) * per_em,
            f32::from(bbox.x_max) * per_em,
            f32::from(bbox.y_max) * per_em,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * per_em)
        .descent(f32::from(face.descender()) * per_em)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * per_em)
        .stem_v(80.0)
        .font_file2(font_file_id);
    pdf.stream(font_file_id, &subset);

    let mut cmap = UnicodeCmap::new(Name(b"Kiosk-UTF16"), IDENTITY);
    for (old, text) in text_of {
        if let Some(new) = remapper.get(*old)
            && !text.is_empty()
        {
            cmap.pair_with_multiple(new, text.chars());
        }
    }
    pdf.cmap(cmap_id, &cmap.finish());

    for (placed, &page_id) in pages.iter().zip(&page_ids) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(page_tree_id)
            .contents(content_id);
        page.resources().fonts().pair(FONT_RESOURCE, type0_id);
        page.finish();

        let mut content = Content::new();
        content.begin_text();
        let mut current_size = None;
        for glyph in placed {
            if current_size != Some(glyph.size) {
                content.set_font(FONT_RESOURCE, glyph.size);
                current_size = Some(glyph.size);
            }
            let cid = remapper.get(glyph.glyph).unwrap_or(0);
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, glyph.x, glyph.y]);
            content.show(Str(&cid.to_be_bytes()));
        }
        content.end_text();
        pdf.stream(content_id, &content.finish());
    }
    Ok(pdf.finish())
}

fn ttf_glyph(id: u16) -> rustybuzz::ttf_parser::GlyphId {
    rustybuzz::ttf_parser::GlyphId(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Font {
        Font::load(Path::new(DEFAULT_FONT_PATH)).expect("DejaVu Sans (fonts-dejavu-core)")
    }

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            size: 14.0,
            space_before: 0.0,
        }
    }

    #[test]
    fn rejects_a_file_that_is_not_a_font() {
        assert!(matches!(
            Font::from_bytes(b"not a font".to_vec()),
            Err(TypesetError::FontInvalid)
        ));
        let missing = Font::load(Path::new("/nonexistent/font.ttf"));
        assert!(matches!(missing, Err(TypesetError::FontFile(_))));
    }

    #[test]
    fn long_text_wraps_within_the_margins() {
        let font = font();
        let face = font.face();
        let shaper = Shaper {
            face: &face,
            rtl: false,
            text_of: BTreeMap::new(),
        };
        let text = "mot ".repeat(80);
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let lines = shaper.wrap(&text, 14.0, width);
        assert!(lines.len() > 2, "{} lines", lines.len());
        for line in &lines {
            assert!(shaper.measure(line, 14.0) <= width, "{line:?} overflows");
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines.join(" "), text.trim());
    }

    #[test]
    fn arabic_is_shaped_into_joined_forms_and_laid_right_to_left() {
        let font = font();
        let face = font.face();
        let mut shaper = Shaper {
            face: &face,
            rtl: true,
            text_of: BTreeMap::new(),
        };
        // "بطاقة": five letters that join; isolated forms would be the cmap's plain glyphs.
        let word = "بطاقة";
        let glyphs = shaper.shape_line(word, 14.0);
        assert_eq!(glyphs.len(), 5);
        let isolated: Vec<u16> = word
            .chars()
            .map(|c| face.glyph_index(c).expect("DejaVu has Arabic").0)
            .collect();
        let first_drawn = glyphs.first().unwrap().glyph;
        let last_drawn = glyphs.last().unwrap().glyph;
        // Right to left: the first letter (ب, joined to the next) is drawn last, on the right.
        assert_ne!(last_drawn, isolated[0], "ب should take its initial form");
        assert_eq!(shaper.text_of[&last_drawn], "ب");
        assert_eq!(shaper.text_of[&first_drawn], "ة");
    }

    #[test]
    fn many_paragraphs_flow_onto_more_pages() {
        let paragraphs: Vec<Paragraph> =
            (0..80).map(|i| paragraph(&format!("ligne {i}"))).collect();
        let pdf = typeset(&paragraphs, &font(), false).expect("typeset");
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("/Count 3"),
            "80 lines at 14 pt take three A4 pages"
        );
        assert!(
            pdf.len() < 60_000,
            "the font is subset: {} bytes",
            pdf.len()
        );
    }
}
