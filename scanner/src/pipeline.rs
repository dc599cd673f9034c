//! The stages wired together.
//!
//! A [`Pipeline`] owns the OCR engine of the process (loading tesseract's languages costs more
//! than reading a page) and runs every stage in order:
//!
//! ```text
//! photo ─▶ detect ─▶ enhance ─▶ orient ─▶ ocr ─▶ mrz      = Page   (read_photo)
//! pages ─▶ classify                                       = Classification (classify)
//! pages ─▶ pdf                                            = bytes  (write_pdf)
//! ```
//!
//! A photo whose page fills the frame, or in which no page outline stands out, is taken as a
//! flat scan: the whole image is the page and nothing is warped. Orientation is decided without
//! trusting tesseract's own detector: the text axis from the ink profile, then upright or upside
//! down from the print's shape; when that shape is ambiguous or the reading comes out poor, a
//! band of the page is read the other way up, and only when it reads better there (or holds no
//! line either way) is the whole page read again that way, the more legible reading winning.
//! Reading a flat page is [`flat`]'s job; the pipeline decides what is read: the flattened
//! outline, the whole photo when the outline may be wrong, or both at once on two engines
//! (tesseract reads on one thread; the kiosk has two cores or more).
//! Every stage's time is kept on the [`Page`], for the benchmark and the technician's
//! diagnostics.

use std::time::{Duration, Instant};

use image::imageops;
use image::{DynamicImage, GrayImage};
use thiserror::Error;

use crate::classify::{self, Classification, DocClass};
use crate::detect;
use crate::enhance::{self, Turn};
use crate::geometry::Rect;
use crate::mrz::{self, Mrz};
use crate::ocr::{DEFAULT_LANGUAGES, OcrEngine, OcrError, PageText};
use crate::pdf::{self, PdfError, PdfPage};

mod flat;

/// The confidence from which a word of three letters or digits or more counts as print when a
/// whole photo is cropped to its print (a patterned table reads as short words).
const CONFIDENT_WORD: f32 = 60.0;
/// The margin kept around the print of a whole photo, as a share of the print's longer side.
const PRINT_MARGIN: f32 = 0.06;
/// No page the kiosk takes is more than this many times as long as it is wide (an ID-1 card is
/// 1.59, A4 1.41, US legal 1.65): a longer flattened outline has cut its page short, as when a
/// card's zone band is taken for its edge.
const MAX_PAGE_ASPECT: f32 = 1.75;

/// Why the pipeline could not produce a page or a document.
#[derive(Debug, Error)]
pub enum PipelineError {
    /// OCR failed to start or to read.
    #[error("OCR failed")]
    Ocr(#[from] OcrError),
    /// The page outline could not be flattened.
    #[error("the page could not be flattened")]
    Enhance(#[from] enhance::EnhanceError),
    /// The PDF could not be written.
    #[error("the PDF could not be written")]
    Pdf(#[from] PdfError),
}

/// Time spent in each stage on one page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageTimings {
    /// Finding the page outline (including the conversion to grey).
    pub detect: Duration,
    /// Flattening, background normalisation and resampling.
    pub enhance: Duration,
    /// Text axis, deskew, upright test, and the readings the other way up when the first was
    /// doubtful.
    pub orient: Duration,
    /// Reading the page.
    pub ocr: Duration,
    /// Reading the machine-readable zone.
    pub mrz: Duration,
    /// How many images tesseract read for the page (the page, bands of it, the zone).
    pub ocr_readings: u64,
}

impl std::ops::AddAssign for PageTimings {
    fn add_assign(&mut self, other: Self) {
        self.detect += other.detect;
        self.enhance += other.enhance;
        self.orient += other.orient;
        self.ocr += other.ocr;
        self.mrz += other.mrz;
        self.ocr_readings += other.ocr_readings;
    }
}

/// One page, understood.
#[derive(Debug, Clone)]
pub struct Page {
    /// The clean, flat, upright page.
    pub image: GrayImage,
    /// Its resolution.
    pub dpi: u32,
    /// What OCR read on it (boxes in `image` pixels).
    pub text: PageText,
    /// Its machine-readable zone, if it has one.
    pub mrz: Option<Mrz>,
    /// How far the flattened photo was turned to make it upright (clockwise).
    pub turn: Turn,
    /// The photo was taken as a flat scan (no outline warped).
    pub flat_scan: bool,
    /// Time spent in each stage.
    pub timings: PageTimings,
}

impl Page {
    /// Keeps only the part of the image its print covers, with a margin, and moves the word
    /// boxes with it: a page read from a whole photo should not carry the table around it into
    /// the PDF (a gingham cloth costs more than the document it frames).
    fn crop_to_print(&mut self) {
        let print: Vec<Rect> = self
            .text
            .words
            .iter()
            .filter(|w| w.confidence >= CONFIDENT_WORD && w.alphanumerics() >= 3)
            .map(|w| w.bbox)
            .collect();
        let (Some(left), Some(top), Some(right), Some(bottom)) = (
            print.iter().map(|b| b.x).min(),
            print.iter().map(|b| b.y).min(),
            print.iter().map(|b| b.x + b.width).max(),
            print.iter().map(|b| b.y + b.height).max(),
        ) else {
            return;
        };
        let margin = ((right - left).max(bottom - top) as f32 * PRINT_MARGIN) as u32;
        let (x, y) = (left.saturating_sub(margin), top.saturating_sub(margin));
        let width = (right + margin).min(self.image.width()) - x;
        let height = (bottom + margin).min(self.image.height()) - y;
        self.image = imageops::crop_imm(&self.image, x, y, width, height).to_image();
        // Words read on the table outside the crop leave the text layer with it.
        self.text.words.retain(|w| {
            let (cx, cy) = (w.bbox.x + w.bbox.width / 2, w.bbox.y + w.bbox.height / 2);
            (x..x + width).contains(&cx) && (y..y + height).contains(&cy)
        });
        for word in &mut self.text.words {
            let b = &mut word.bbox;
            b.x = b.x.saturating_sub(x);
            b.y = b.y.saturating_sub(y);
            b.width = b.width.min(width - b.x);
            b.height = b.height.min(height - b.y);
        }
    }

    /// The page shows a machine-readable zone whose check digits do not hold or none read, or
    /// it reads as a passport's data page, which always carries one.
    pub fn zone_unread(&self) -> bool {
        self.mrz.as_ref().is_none_or(|m| !m.checks_valid)
            && (mrz::shows_zone(&self.text)
                || classify::classify(&[&self.text.text], None).class == DocClass::Passport)
    }

    /// Drops the pixels only OCR needed: the image goes down to what a PDF keeps of it
    /// ([`pdf::MAX_IMAGE_DPI`]) and the word boxes follow. For a caller that holds read pages
    /// until it writes them (the kiosk keeps a session's pages until they are sent): an A4 page
    /// read at 300 dpi shrinks from 8.7 MB to 3.9 MB, and its PDF comes out the same.
    pub fn keep_for_pdf(&mut self) {
        if self.dpi <= pdf::MAX_IMAGE_DPI {
            return;
        }
        let reduced = pdf::reduce_for_pdf(&self.image, self.dpi).into_owned();
        let (sx, sy) = (
            reduced.width() as f32 / self.image.width() as f32,
            reduced.height() as f32 / self.image.height() as f32,
        );
        let scaled = |v: u32, s: f32| (v as f32 * s).round() as u32;
        for word in &mut self.text.words {
            let b = &mut word.bbox;
            *b = Rect {
                x: scaled(b.x, sx),
                y: scaled(b.y, sy),
                width: scaled(b.width, sx).max(1),
                height: scaled(b.height, sy).max(1),
            };
        }
        self.image = reduced;
        self.dpi = pdf::MAX_IMAGE_DPI;
    }
}

/// The scanner's stages with one OCR engine, reused for every page, and a second one for the
/// photos that need two readings at once.
pub struct Pipeline {
    engine: OcrEngine,
    /// Loaded the first time a photo's outline is in doubt before it is read: its flattened
    /// page and the whole photo are then read at the same time, one on each core, as tesseract
    /// reads on one thread. Ended with the first engine.
    second: Option<OcrEngine>,
}

impl Pipeline {
    /// A pipeline reading French, Spanish and English.
    pub fn new() -> Result<Self, PipelineError> {
        Self::with_languages(DEFAULT_LANGUAGES)
    }

    /// A pipeline reading `languages` (as tesseract spells them, e.g. `"fra+spa+eng"`).
    pub fn with_languages(languages: &str) -> Result<Self, PipelineError> {
        Ok(Self {
            engine: OcrEngine::new(languages)?,
            second: None,
        })
    }

    /// Replaces the OCR engine by a fresh one, freeing what the old one kept of the pages it
    /// read (see [`OcrEngine::renew`]), and ends the second engine, which is loaded again
    /// when next needed. On an error the pipeline has no engine loaded and tries again at its
    /// next reading.
    pub fn renew_engine(&mut self) -> Result<(), PipelineError> {
        self.second = None;
        Ok(self.engine.renew()?)
    }

    /// Reads one photo (or scan) of a page.
    pub fn read_photo(&mut self, photo: &DynamicImage) -> Result<Page, PipelineError> {
        self.read_grey(photo.to_luma8())
    }

    /// Reads one photo already turned grey.
    ///
    /// The photo is kept until its flattened page is read, in case the outline proves wrong:
    /// when its sides were not found on the paper's edge (it may be a pool of lamp light on a
    /// pale table), when it is longer than any document, or when the page shows a
    /// machine-readable zone that could not be read or reads as a passport's data page without
    /// one (the outline may have cut the zone off), the whole photo is read as well, as a flat
    /// scan, and the better reading kept (see [`better_reading`]).
    ///
    /// An outline in doubt from the start has both read at the same time, on a second engine. Otherwise the whole photo is read after the page, the way up
    /// the page stood when it was legible: an outline is flattened in the photo's own
    /// orientation, and the ink profile that finds a page's text axis is outweighed on a whole
    /// photo by the pattern of the cloth around it. The same holds when a whole photo read at
    /// the same time as its page comes out illegible: it is read again the page's way up.
    pub fn read_grey(&mut self, grey: GrayImage) -> Result<Page, PipelineError> {
        let started = Instant::now();
        let detection = detect::detect(&grey);
        let detect_time = started.elapsed();

        let mut page = match detection.quad {
            Some(quad) if !detection.fills_frame => {
                let started = Instant::now();
                let flat = enhance::flatten(&grey, &quad)?;
                let flatten_time = started.elapsed();
                let outline_trusted = detection.edges_found && has_page_proportions(&flat);
                let (mut page, whole) = if outline_trusted {
                    let page = flat::read_flat(&mut self.engine, &flat, false, None)?;
                    drop(flat);
                    if page.zone_unread() {
                        let whole = flat::read_flat(&mut self.engine, &grey, true, way_up(&page))?;
                        (page, Some(whole))
                    } else {
                        (page, None)
                    }
                } else {
                    let (page, whole) = self.read_at_once(&flat, &grey)?;
                    drop(flat);
                    let whole = match way_up(&page) {
                        Some(turn) if !flat::legible(&whole.text) => {
                            let again = flat::read_flat(&mut self.engine, &grey, true, Some(turn))?;
                            better_reading(whole, again)
                        }
                        _ => whole,
                    };
                    (page, Some(whole))
                };
                page.timings.enhance += flatten_time;
                match whole {
                    Some(whole) => {
                        let mut kept = better_reading(page, whole);
                        if kept.flat_scan {
                            kept.crop_to_print();
                        }
                        kept
                    }
                    None => page,
                }
            }
            _ => flat::read_flat(&mut self.engine, &grey, true, None)?,
        };
        page.timings.detect = detect_time;
        Ok(page)
    }

    /// Reads the flattened page `flat` on the first engine and the whole photo `grey` on the
    /// second, at the same time.
    fn read_at_once(
        &mut self,
        flat: &GrayImage,
        grey: &GrayImage,
    ) -> Result<(Page, Page), PipelineError> {
        let second = match &mut self.second {
            Some(engine) => engine,
            None => self.second.insert(OcrEngine::new(self.engine.languages())?),
        };
        let engine = &mut self.engine;
        std::thread::scope(|scope| {
            let whole = scope.spawn(|| flat::read_flat(second, grey, true, None));
            let page = flat::read_flat(engine, flat, false, None);
            let whole = whole
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((page?, whole?))
        })
    }

    /// Classifies a document made of `pages`, from all their text and its
    /// [`document_zone`](Self::document_zone).
    pub fn classify(&self, pages: &[Page]) -> Classification {
        let texts: Vec<&str> = pages.iter().map(|p| p.text.text.as_str()).collect();
        classify::classify(&texts, self.document_zone(pages).as_ref())
    }

    /// The machine-readable zone of a document made of `pages`: the first found, its names
    /// confirmed against the names printed on every page (a card's zone is on its back, its
    /// names on its front; see [`mrz::confirm_names`]).
    pub fn document_zone(&self, pages: &[Page]) -> Option<Mrz> {
        let zone = pages.iter().find_map(|p| p.mrz.as_ref())?;
        let texts: Vec<&str> = pages.iter().map(|p| p.text.text.as_str()).collect();
        Some(mrz::confirm_names(zone, &texts).unwrap_or_else(|| zone.clone()))
    }

    /// Writes `pages` as one searchable PDF.
    pub fn write_pdf(&self, pages: &[Page]) -> Result<Vec<u8>, PipelineError> {
        let pdf_pages: Vec<PdfPage<'_>> = pages
            .iter()
            .map(|p| PdfPage {
                image: &p.image,
                dpi: p.dpi,
                words: &p.text.words,
            })
            .collect();
        Ok(pdf::write_pdf(&pdf_pages)?)
    }
}

/// Whether a flattened page has the proportions of a document (see [`MAX_PAGE_ASPECT`]).
fn has_page_proportions(flat: &GrayImage) -> bool {
    let (long, short) = (
        flat.width().max(flat.height()),
        flat.width().min(flat.height()),
    );
    long as f32 <= short as f32 * MAX_PAGE_ASPECT
}

/// The way up `page` was read, when its reading was legible enough to tell.
fn way_up(page: &Page) -> Option<Turn> {
    flat::legible(&page.text).then_some(page.turn)
}

/// Of two readings of the same photo, the one whose machine-readable zone checks out, else
/// the more legible one (the first on a tie); its timings count both.
fn better_reading(first: Page, second: Page) -> Page {
    let rank = |p: &Page| {
        let zone = p.mrz.as_ref().is_some_and(|m| m.checks_valid);
        (zone, p.text.legibility())
    };
    let (mut kept, other) = if rank(&second) > rank(&first) {
        (second, first)
    } else {
        (first, second)
    };
    kept.timings += other.timings;
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tests::photograph;
    use crate::geometry::Point;

    fn payslip() -> GrayImage {
        crate::input::decode_bytes(include_bytes!("../tests/data/payslip-200dpi.png"))
            .expect("the fixture decodes")
            .to_luma8()
    }

    /// The payslip photographed at a slant, filling half of a 2000 × 1500 frame.
    fn photo() -> GrayImage {
        let corners = [
            Point::new(560.0, 40.0),
            Point::new(1560.0, 80.0),
            Point::new(1530.0, 1460.0),
            Point::new(520.0, 1430.0),
        ];
        photograph(&payslip(), corners, (2000, 1500))
    }

    fn pipeline() -> Pipeline {
        Pipeline::new().expect("tesseract with fra+spa+eng is installed")
    }

    fn reads_the_payslip(page: &Page) -> bool {
        let text = page.text.text.to_uppercase();
        text.contains("BULLETIN DE SALAIRE") && text.contains("NET")
    }

    #[test]
    fn a_photographed_page_is_flattened_and_read() {
        let page = pipeline()
            .read_photo(&DynamicImage::ImageLuma8(photo()))
            .expect("the photo is read");
        assert!(!page.flat_scan);
        assert_eq!(page.turn, Turn::None);
        assert!(reads_the_payslip(&page), "{}", page.text.text);
        let (w, h) = page.image.dimensions();
        assert!(
            (h as f32 / w as f32 - std::f32::consts::SQRT_2).abs() < 0.02,
            "{w} × {h}"
        );
    }

    #[test]
    fn an_outline_in_doubt_is_read_with_its_whole_photo_on_a_second_engine_ended_with_the_first() {
        // The payslip squeezed into an outline twice as long as wide: no document is that long.
        let corners = [
            Point::new(660.0, 50.0),
            Point::new(1340.0, 60.0),
            Point::new(1330.0, 1450.0),
            Point::new(650.0, 1440.0),
        ];
        let squeezed = photograph(&payslip(), corners, (2000, 1500));
        let mut pipeline = pipeline();
        let page = pipeline
            .read_photo(&DynamicImage::ImageLuma8(squeezed))
            .expect("the photo is read");
        assert!(reads_the_payslip(&page), "{}", page.text.text);
        assert!(pipeline.second.is_some());
        pipeline.renew_engine().expect("a fresh engine loads");
        assert!(pipeline.second.is_none());
    }

    #[test]
    fn an_upside_down_photo_is_turned_upright() {
        let turned = image::imageops::rotate180(&photo());
        let page = pipeline()
            .read_photo(&DynamicImage::ImageLuma8(turned))
            .expect("the photo is read");
        assert_eq!(page.turn, Turn::Half);
        assert!(reads_the_payslip(&page), "{}", page.text.text);
    }

    #[test]
    fn a_quarter_turned_scan_is_turned_back() {
        let scan = image::imageops::rotate90(&payslip());
        let page = pipeline()
            .read_photo(&DynamicImage::ImageLuma8(scan))
            .expect("the scan is read");
        assert!(page.flat_scan);
        assert_eq!(page.turn, Turn::ThreeQuarters);
        assert!(reads_the_payslip(&page), "{}", page.text.text);
    }

    #[test]
    fn a_document_becomes_a_small_searchable_pdf() {
        let mut pipeline = pipeline();
        let page = pipeline
            .read_photo(&DynamicImage::ImageLuma8(payslip()))
            .expect("the scan is read");
        assert!(page.flat_scan);
        let pages = [page.clone(), page];
        let pdf = pipeline.write_pdf(&pages).expect("the PDF is written");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() < 2 * 300 * 1024, "{} bytes", pdf.len());
        assert!(String::from_utf8_lossy(&pdf).contains("SALAIRE"));
    }

    #[test]
    fn a_page_kept_for_its_pdf_is_smaller_and_its_pdf_the_same() {
        let mut pipeline = pipeline();
        let page = pipeline
            .read_photo(&DynamicImage::ImageLuma8(payslip()))
            .expect("the scan is read");
        assert!(page.dpi > pdf::MAX_IMAGE_DPI, "read finer than a PDF keeps");
        let mut kept = page.clone();
        kept.keep_for_pdf();
        assert_eq!(kept.dpi, pdf::MAX_IMAGE_DPI);
        assert!(2 * kept.image.len() < page.image.len());
        assert_eq!(kept.image, *pdf::reduce_for_pdf(&page.image, page.dpi));
        assert_eq!(kept.text.text, page.text.text);
        // Each word stays where it was on the page, in points.
        let points = |v: u32, dpi: u32| v as f32 * 72.0 / dpi as f32;
        for (before, after) in page.text.words.iter().zip(&kept.text.words) {
            let (b, a) = (before.bbox, after.bbox);
            assert!((points(b.x, page.dpi) - points(a.x, kept.dpi)).abs() < 0.5);
            assert!((points(b.y, page.dpi) - points(a.y, kept.dpi)).abs() < 0.5);
            assert!((points(b.width, page.dpi) - points(a.width, kept.dpi)).abs() < 0.5);
        }
        let full = pipeline.write_pdf(&[page]).expect("PDF");
        let small = pipeline.write_pdf(&[kept.clone()]).expect("PDF");
        assert!(
            full.len().abs_diff(small.len()) < 1024,
            "{} vs {}",
            full.len(),
            small.len()
        );
        // Kept once, a page is not reduced again.
        let mut again = kept.clone();
        again.keep_for_pdf();
        assert_eq!(again.image, kept.image);
    }

    #[test]
    fn an_outline_longer_than_any_document_is_not_a_page() {
        for (width, height) in [(856, 540), (2480, 3508), (540, 856), (1100, 1800)] {
            assert!(has_page_proportions(&GrayImage::new(width, height)));
        }
        // A card outlined without its zone band.
        assert!(!has_page_proportions(&GrayImage::new(1621, 760)));
        assert!(!has_page_proportions(&GrayImage::new(400, 900)));
    }

    fn word(text: &str, x: u32, y: u32) -> crate::ocr::Word {
        crate::ocr::Word {
            text: text.to_owned(),
            bbox: Rect {
                x,
                y,
                width: 100,
                height: 20,
            },
            confidence: 90.0,
        }
    }

    #[test]
    fn a_whole_photo_is_cropped_to_its_print() {
        let mut page = Page {
            image: GrayImage::new(1000, 800),
            dpi: 200,
            text: PageText {
                // A card's two lines, and a short word read on the table far from them.
                words: vec![
                    word("ADRESSE", 400, 300),
                    word("GRENOBLE", 500, 380),
                    word("Je", 50, 700),
                ],
                ..PageText::default()
            },
            mrz: None,
            turn: Turn::None,
            flat_scan: true,
            timings: PageTimings::default(),
        };
        page.crop_to_print();
        // The print spans 400–600 × 300–400; the margin is 6 % of its longer side (12 px).
        assert_eq!(page.image.dimensions(), (224, 124));
        let kept: Vec<(&str, u32, u32)> = page
            .text
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.bbox.x, w.bbox.y))
            .collect();
        assert_eq!(kept, [("ADRESSE", 12, 12), ("GRENOBLE", 112, 92)]);
    }
}
