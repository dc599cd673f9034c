//! Tesseract, one engine reused for every page.
//!
//! Loading tesseract's language models costs more than reading a small page, so the kiosk keeps
//! one [`OcrEngine`] for its whole life and feeds it page after page. Pages arrive as clean grey
//! images (see [`crate::enhance`]); what comes back is every word with its box and confidence —
//! the boxes place the invisible text layer of the PDF, the confidences decide orientation —
//! and the plain text, line by line, that the classifier reads.
//!
//! The engine speaks the languages it was created with (French, Spanish and English by default:
//! the documents residents bring). A second, narrow mode reads machine-readable zones: one text
//! block, only the characters ICAO 9303 allows.
//!
//! Three settings keep a page read quickly and quietly:
//!
//! - tesseract does not re-read poorly recognised lines as light-on-dark
//!   (`tessedit_do_invert=0`): the pages it gets are normalised to dark ink on white paper, so
//!   that second pass only costs time;
//! - its diagnostics (such as "Detected N diacritics") go nowhere (`debug_file=/dev/null`),
//!   and so do Leptonica's complaints about boxes touching the image's edge: they say nothing
//!   a technician needs and must not clutter the kiosk's logs;
//! - it reads on the calling thread only. Debian's tesseract is built with OpenMP and asks for
//!   four threads per recognition step; on a two- or four-core board that also draws the UI
//!   and the camera, those threads spin against each other and a page takes twice the
//!   processor time for no gain in wall time. See [`single_threaded`].

use image::GrayImage;
use tesseract::{PageSegMode, Tesseract};
use thiserror::Error;

use crate::geometry::Rect;

/// Languages read by default: the documents residents bring are French, Spanish or English.
pub const DEFAULT_LANGUAGES: &str = "fra+spa+eng";

/// The characters a machine-readable zone may contain.
const MRZ_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

/// One recognised word.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Word {
    /// The word as read.
    pub text: String,
    /// Where it sits on the page image, in pixels.
    pub bbox: Rect,
    /// Tesseract's confidence, 0–100.
    pub confidence: f32,
}

impl Word {
    /// How many letters and digits the word holds (punctuation read on a table or a rule does
    /// not count as print).
    pub fn alphanumerics(&self) -> usize {
        self.text.chars().filter(|c| c.is_alphanumeric()).count()
    }
}

/// What tesseract read on one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageText {
    /// Every word, in reading order.
    pub words: Vec<Word>,
    /// The text, one line of the page per line.
    pub text: String,
}

impl PageText {
    /// Mean confidence of the words that carry letters or digits (0 when there are none).
    pub fn mean_confidence(&self) -> f32 {
        let scored: Vec<f32> = self
            .words
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphanumeric))
            .map(|w| w.confidence)
            .collect();
        if scored.is_empty() {
            0.0
        } else {
            scored.iter().sum::<f32>() / scored.len() as f32
        }
    }

    /// How much readable text the page holds: confident words weighted by their length. Used to
    /// compare the same page read in different orientations.
    pub fn legibility(&self) -> f32 {
        legibility(self.words.iter())
    }

    /// [`legibility`](Self::legibility) of the words whose centre lies in the rows `rows` of
    /// the page: what a reading of that band alone is compared with.
    pub fn legibility_in_rows(&self, rows: std::ops::Range<u32>) -> f32 {
        legibility(
            self.words
                .iter()
                .filter(|w| rows.contains(&(w.bbox.y + w.bbox.height / 2))),
        )
    }

    /// Most of the page's words of four letters or digits or more stand on end (taller than
    /// wide): its lines run down the image. Tesseract reads such lines, but a page read that
    /// way is sideways, and its zone and its PDF with it; the ink profile that decides the
    /// text axis can be fooled by a card's few lines and its monospaced zone.
    pub fn lines_run_down(&self) -> bool {
        let long = || self.words.iter().filter(|w| w.alphanumerics() >= 4);
        let standing = long().filter(|w| w.bbox.height > w.bbox.width).count();
        2 * standing > long().count()
    }
}

/// Confident words, weighted by their number of letters and digits.
fn legibility<'a>(words: impl Iterator<Item = &'a Word>) -> f32 {
    words
        .filter(|w| w.confidence >= 60.0)
        .map(|w| w.alphanumerics() as f32)
        .sum()
}

/// Why OCR could not run.
#[derive(Debug, Error)]
pub enum OcrError {
    /// Tesseract could not load the language data (is the language package installed?).
    #[error("tesseract cannot load languages {languages:?}: {reason}")]
    Init {
        /// The languages asked for.
        languages: String,
        /// What tesseract said.
        reason: String,
    },
    /// Tesseract refused the image or failed while reading it.
    #[error("tesseract failed: {0}")]
    Recognise(String),
    /// The image is empty.
    #[error("the page image has no pixels")]
    EmptyImage,
}

/// How a page should be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    /// A whole page: tesseract finds the blocks and columns itself.
    Page,
    /// A strip cut across a page: read as one block of text, because a strip that starts in
    /// the middle of a table or a dark banner has no layout tesseract's page analysis can find
    /// (it then reads nothing at all).
    Strip,
    /// A machine-readable zone: one block of text, MRZ characters only.
    Mrz,
}

/// A tesseract engine, loaded once and reused for every page.
pub struct OcrEngine {
    // Tesseract's builder methods take the engine by value; it sits in an `Option` so that a
    // failed call, which consumes it, can be followed by a fresh load instead of a dead engine.
    engine: Option<Tesseract>,
    languages: String,
    readings: u64,
}

impl OcrEngine {
    /// Loads tesseract with `languages` (as tesseract spells them, e.g. `"fra+spa+eng"`).
    pub fn new(languages: &str) -> Result<Self, OcrError> {
        Ok(Self {
            engine: Some(load(languages)?),
            languages: languages.to_owned(),
            readings: 0,
        })
    }

    /// The languages this engine reads.
    pub fn languages(&self) -> &str {
        &self.languages
    }

    /// Ends the engine, and everything it holds of the pages it read, then loads a fresh one.
    /// The old engine is gone before the new one loads, so the two never weigh together.
    pub fn renew(&mut self) -> Result<(), OcrError> {
        self.engine = None;
        self.engine = Some(load(&self.languages)?);
        Ok(())
    }

    /// How many images this engine has been asked to read: what a page cost, in readings.
    pub fn readings(&self) -> u64 {
        self.readings
    }

    /// Reads the grey page image. `dpi` tells tesseract how large the text is meant to be.
    pub fn read(
        &mut self,
        page: &GrayImage,
        dpi: u32,
        mode: ReadMode,
    ) -> Result<PageText, OcrError> {
        if page.width() == 0 || page.height() == 0 {
            return Err(OcrError::EmptyImage);
        }
        self.readings += 1;
        single_threaded();
        let engine = match self.engine.take() {
            Some(engine) => engine,
            None => load(&self.languages)?,
        };
        let (whitelist, psm) = match mode {
            ReadMode::Page => ("", PageSegMode::PsmAuto),
            ReadMode::Strip => ("", PageSegMode::PsmSingleBlock),
            ReadMode::Mrz => (MRZ_ALPHABET, PageSegMode::PsmSingleBlock),
        };
        let mut engine = engine
            .set_variable("tessedit_char_whitelist", whitelist)
            .map_err(|e| OcrError::Recognise(e.to_string()))?;
        engine.set_page_seg_mode(psm);
        let width = i32::try_from(page.width()).map_err(|e| OcrError::Recognise(e.to_string()))?;
        let height =
            i32::try_from(page.height()).map_err(|e| OcrError::Recognise(e.to_string()))?;
        let mut engine = engine
            .set_frame(page.as_raw(), width, height, 1, width)
            .map_err(|e| OcrError::Recognise(e.to_string()))?
            .set_source_resolution(dpi.clamp(70, 1200) as i32)
            .recognize()
            .map_err(|e| OcrError::Recognise(e.to_string()))?;
        let tsv = engine
            .get_tsv_text(0)
            .map_err(|e| OcrError::Recognise(e.to_string()))?;
        self.engine = Some(engine);
        Ok(parse_tsv(&tsv))
    }
}

fn load(languages: &str) -> Result<Tesseract, OcrError> {
    let init = |reason: String| OcrError::Init {
        languages: languages.to_owned(),
        reason,
    };
    // SAFETY: setting Leptonica's message level only changes which messages it prints.
    unsafe {
        leptonica_sys::setMsgSeverity(leptonica_sys::L_SEVERITY_NONE as i32);
    }
    let mut engine = Tesseract::new(None, Some(languages)).map_err(|e| init(e.to_string()))?;
    for (name, value) in [("tessedit_do_invert", "0"), ("debug_file", "/dev/null")] {
        engine = engine
            .set_variable(name, value)
            .map_err(|e| init(e.to_string()))?;
    }
    Ok(engine)
}

/// Keeps tesseract's OpenMP parallel regions on the calling thread.
///
/// OpenMP's `OMP_THREAD_LIMIT` is read once, when the library loads, so it cannot be set from
/// inside the process; a maximum of zero active parallel levels has the same effect and can.
/// The setting belongs to the calling thread, so it is made before every reading. A tesseract
/// built without OpenMP has no such function, and nothing is done.
fn single_threaded() {
    static SET_MAX_ACTIVE_LEVELS: std::sync::OnceLock<Option<extern "C" fn(libc::c_int)>> =
        std::sync::OnceLock::new();
    let function = SET_MAX_ACTIVE_LEVELS.get_or_init(|| {
        // SAFETY: dlsym with RTLD_DEFAULT only looks the name up among the loaded libraries.
        let symbol =
            unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"omp_set_max_active_levels".as_ptr()) };
        // SAFETY: the OpenMP specification declares `void omp_set_max_active_levels(int)`.
        (!symbol.is_null()).then(|| unsafe {
            std::mem::transmute::<*mut libc::c_void, extern "C" fn(libc::c_int)>(symbol)
        })
    });
    if let Some(set_max_active_levels) = function {
        set_max_active_levels(0);
    }
}

/// Turns tesseract's TSV output into words and lines.
///
/// Columns: level, page, block, paragraph, line, word, left, top, width, height, confidence,
/// text. Level 5 rows are words; a change of (block, paragraph, line) starts a new line.
fn parse_tsv(tsv: &str) -> PageText {
    let mut page = PageText::default();
    let mut current_line = None;
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        let numbers: Option<Vec<u32>> = cols[6..10].iter().map(|c| c.parse().ok()).collect();
        let (Some(numbers), Ok(confidence)) = (numbers, cols[10].parse::<f32>()) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let line = (cols[2], cols[3], cols[4]);
        if current_line.is_some_and(|l| l != line) {
            page.text.push('\n');
        } else if current_line.is_some() {
            page.text.push(' ');
        }
        current_line = Some(line);
        page.text.push_str(text);
        page.words.push(Word {
            text: text.to_owned(),
            bbox: Rect {
                x: numbers[0],
                y: numbers[1],
                width: numbers[2],
                height: numbers[3],
            },
            confidence,
        });
    }
    if !page.text.is_empty() {
        page.text.push('\n');
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_become_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t91.5\tBulletin\n\
                   5\t1\t1\t1\t1\t2\t45\t20\t20\t12\t88\tde\n\
                   5\t1\t1\t1\t2\t1\t10\t40\t50\t12\t70\tsalaire\n";
        let page = parse_tsv(tsv);
        assert_eq!(page.text, "Bulletin de\nsalaire\n");
        assert_eq!(page.words.len(), 3);
        assert_eq!(
            page.words[0].bbox,
            Rect {
                x: 10,
                y: 20,
                width: 30,
                height: 12
            }
        );
        assert!((page.mean_confidence() - (91.5 + 88.0 + 70.0) / 3.0).abs() < 1e-3);
    }

    #[test]
    fn words_standing_on_end_say_the_lines_run_down() {
        let word = |text: &str, width: u32, height: u32| Word {
            text: text.to_owned(),
            bbox: Rect {
                x: 0,
                y: 0,
                width,
                height,
            },
            confidence: 90.0,
        };
        let across = PageText {
            words: vec![word("ADRESSE", 300, 40), word("GRENOBLE", 320, 40)],
            ..PageText::default()
        };
        assert!(!across.lines_run_down());
        // A quarter-turned card: its long words tall and narrow; short words tell nothing.
        let down = PageText {
            words: vec![
                word("ADRESSE", 40, 300),
                word("GRENOBLE", 40, 320),
                word("DATE", 300, 40),
                word("57", 40, 20),
                word("/", 10, 40),
            ],
            ..PageText::default()
        };
        assert!(down.lines_run_down());
        assert!(!PageText::default().lines_run_down());
    }

    #[test]
    fn malformed_tsv_rows_are_skipped() {
        let page = parse_tsv("5\t1\t1\n5\tx\ty\tz\t1\t1\tten\t0\t0\t0\t9\tword\n");
        assert!(page.words.is_empty());
        assert_eq!(page.mean_confidence(), 0.0);
    }
}
