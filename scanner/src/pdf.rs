//! Small searchable PDFs: each page is the cleaned page image with an invisible text layer.
//!
//! The page image is what the resident sees when they open the file; the text layer, placed
//! word by word over it, is what makes the PDF searchable and lets text be selected and copied.
//! Images are stored as greyscale JPEG at no more than [`MAX_IMAGE_DPI`] (OCR wants more
//! pixels than a reader's eye does), which keeps an A4 page well under 300 KB at a quality
//! where small print stays readable. The text uses the standard Helvetica font (not embedded,
//! never drawn) in the Windows-1252 encoding, which covers French, Spanish and English; the
//! declared glyph widths are uniform so that each word can be stretched exactly over its box.

use image::GrayImage;
use image::codecs::jpeg::JpegEncoder;
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use thiserror::Error;

use crate::ocr::Word;

/// JPEG quality of page images: small print stays legible, an A4 page stays small.
pub const JPEG_QUALITY: u8 = 70;

/// Page images finer than this are reduced to it before compression; the text layer keeps the
/// positions OCR measured at full resolution.
pub const MAX_IMAGE_DPI: u32 = 200;

/// Advance width declared for every glyph of the invisible font, in thousandths of the size.
const GLYPH_WIDTH: f32 = 500.0;

/// One page to write.
#[derive(Debug, Clone, Copy)]
pub struct PdfPage<'a> {
    /// The cleaned page.
    pub image: &'a GrayImage,
    /// Its resolution, which sets the page's physical size.
    pub dpi: u32,
    /// The words read on it, with their boxes in `image` pixels.
    pub words: &'a [Word],
}

/// Why a PDF could not be written.
#[derive(Debug, Error)]
pub enum PdfError {
    /// A document needs at least one page.
    #[error("a PDF needs at least one page")]
    NoPages,
    /// A page image has no pixels or an unusable resolution.
    #[error("page {page} is empty or has no resolution")]
    EmptyPage {
        /// Index of the page, from 1.
        page: usize,
    },
    /// The page image could not be compressed.
    #[error("page {page} could not be compressed: {reason}")]
    Encode {
        /// Index of the page, from 1.
        page: usize,
        /// What the encoder said.
        reason: String,
    },
}

/// Writes `pages` as one searchable PDF and returns its bytes.
pub fn write_pdf(pages: &[PdfPage<'_>]) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let page_tree_id = Ref::new(2);
    let font_id = Ref::new(3);
    let first_page_object = 4;
    // Three objects a page: the page, its image and its content stream.
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page_object + 3 * i as i32))
        .collect();

    pdf.catalog(catalog_id).pages(page_tree_id);
    pdf.pages(page_tree_id)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    let mut font = pdf.type1_font(font_id);
    font.base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"))
        .first_char(0)
        .widths(std::iter::repeat_n(GLYPH_WIDTH, 256));
    font.finish();

    for (index, (page, &page_id)) in pages.iter().zip(&page_ids).enumerate() {
        let number = index + 1;
        if page.image.width() == 0 || page.image.height() == 0 || page.dpi == 0 {
            return Err(PdfError::EmptyPage { page: number });
        }
        let image_id = Ref::new(page_id.get() + 1);
        let content_id = Ref::new(page_id.get() + 2);
        let scale = 72.0 / page.dpi as f32;
        let (width_pt, height_pt) = (
            page.image.width() as f32 * 72.0 / page.dpi as f32,
            page.image.height() as f32 * 72.0 / page.dpi as f32,
        );

        let mut pdf_page = pdf.page(page_id);
        pdf_page
            .media_box(Rect::new(0.0, 0.0, width_pt, height_pt))
            .parent(page_tree_id)
            .contents(content_id);
        let mut resources = pdf_page.resources();
        resources.x_objects().pair(Name(b"Im"), image_id);
        resources.fonts().pair(Name(b"F"), font_id);
        resources.finish();
        pdf_page.finish();

        let embedded = reduce_for_pdf(page.image, page.dpi);
        let jpeg = encode_jpeg(&embedded).map_err(|reason| PdfError::Encode {
            page: number,
            reason,
        })?;
        let mut image = pdf.image_xobject(image_id, &jpeg);
        image.filter(Filter::DctDecode);
        image.width(embedded.width() as i32);
        image.height(embedded.height() as i32);
        image.color_space().device_gray();
        image.bits_per_component(8);
        image.finish();

        let content = page_content(page, scale, (width_pt, height_pt));
        pdf.stream(content_id, &content.finish());
    }
    Ok(pdf.finish())
}

/// Draws the image over the whole page, then each word, invisible, over its box.
fn page_content(page: &PdfPage<'_>, scale: f32, (width_pt, height_pt): (f32, f32)) -> Content {
    let mut content = Content::new();
    content.save_state();
    content.transform([width_pt, 0.0, 0.0, height_pt, 0.0, 0.0]);
    content.x_object(Name(b"Im"));
    content.restore_state();

    content.begin_text();
    content.set_text_rendering_mode(TextRenderingMode::Invisible);
    for word in page.words {
        let encoded = encode_win_ansi(&word.text);
        if encoded.is_empty() || word.bbox.width == 0 || word.bbox.height == 0 {
            continue;
        }
        let size = word.bbox.height as f32 * scale;
        let natural_width = encoded.len() as f32 * GLYPH_WIDTH / 1000.0 * size;
        let stretch = 100.0 * word.bbox.width as f32 * scale / natural_width;
        // Text sits on its baseline: put it a fifth of the box above the box's bottom edge.
        let x = word.bbox.x as f32 * scale;
        let y = height_pt - (word.bbox.y + word.bbox.height) as f32 * scale + size * 0.2;
        content.set_font(Name(b"F"), size);
        content.set_horizontal_scaling(stretch);
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
        content.show(Str(&encoded));
    }
    content.end_text();
    content
}

/// The page image at no more than [`MAX_IMAGE_DPI`].
pub(crate) fn reduce_for_pdf(image: &GrayImage, dpi: u32) -> std::borrow::Cow<'_, GrayImage> {
    if dpi <= MAX_IMAGE_DPI {
        return std::borrow::Cow::Borrowed(image);
    }
    let scale = MAX_IMAGE_DPI as f32 / dpi as f32;
    std::borrow::Cow::Owned(crate::resample::resize(
        image,
        ((image.width() as f32 * scale).round() as u32).max(1),
        ((image.height() as f32 * scale).round() as u32).max(1),
        image::imageops::FilterType::Triangle,
    ))
}

fn encode_jpeg(image: &GrayImage) -> Result<Vec<u8>, String> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(image)
        .map_err(|e| e.to_string())?;
    Ok(jpeg)
}

/// Encodes text in Windows-1252 (PDF's WinAnsiEncoding); characters it lacks become `?`.
fn encode_win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            let mut utf8 = [0; 4];
            let (byte, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut utf8));
            match byte.first() {
                Some(&b) if !unmappable => b,
                _ => b'?',
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rect as Box;

    fn word(text: &str, x: u32) -> Word {
        Word {
            text: text.to_owned(),
            bbox: Box {
                x,
                y: 100,
                width: 120,
                height: 30,
            },
            confidence: 90.0,
        }
    }

    #[test]
    fn writes_one_page_per_image_with_its_words() {
        let image = GrayImage::from_pixel(850, 1100, image::Luma([255]));
        let words = [word("Facture", 100), word("électricité", 300)];
        let page = PdfPage {
            image: &image,
            dpi: 100,
            words: &words,
        };
        let bytes = write_pdf(&[page, page]).expect("two pages write");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-"));
        assert_eq!(text.matches("/Type /Page\n").count(), 2);
        // 850 px at 100 dpi is 612 points.
        assert!(text.contains("/MediaBox [0 0 612 792]"), "{text}");
        assert!(text.contains("(Facture) Tj"));
    }

    #[test]
    fn fine_page_images_are_reduced_but_keep_their_page_size() {
        let image = GrayImage::from_pixel(2480, 3508, image::Luma([255]));
        let page = PdfPage {
            image: &image,
            dpi: 300,
            words: &[],
        };
        let text = String::from_utf8_lossy(&write_pdf(&[page]).expect("writes")).into_owned();
        // A4 in points, image at 200 dpi.
        assert!(text.contains("/MediaBox [0 0 595.2 841.92]"), "{text}");
        assert!(text.contains("/Width 1653"), "{text}");
    }

    #[test]
    fn refuses_no_pages_and_empty_images() {
        assert!(matches!(write_pdf(&[]), Err(PdfError::NoPages)));
        let empty = GrayImage::new(0, 0);
        let page = PdfPage {
            image: &empty,
            dpi: 200,
            words: &[],
        };
        assert!(matches!(
            write_pdf(&[page]),
            Err(PdfError::EmptyPage { page: 1 })
        ));
    }

    #[test]
    fn win_ansi_keeps_french_and_spanish_letters() {
        assert_eq!(encode_win_ansi("été"), vec![0xE9, b't', 0xE9]);
        assert_eq!(encode_win_ansi("año €"), vec![b'a', 0xF1, b'o', b' ', 0x80]);
        assert_eq!(encode_win_ansi("Київ & co"), b"???? & co".to_vec());
    }
}
