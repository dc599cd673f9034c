//! Machine-readable zones (ICAO 9303) of passports, identity cards and residence permits.
//!
//! (Interface only; the reader is being written.)

use std::collections::BTreeMap;

use image::GrayImage;

use crate::ocr::{OcrEngine, PageText};

/// A machine-readable zone, parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Mrz {
    /// The zone's lines as finally read (after repair).
    pub lines: Vec<String>,
}

impl Mrz {
    /// The zone's fields by name, for naming the document and for the CLI.
    pub fn fields(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
}

/// Finds and reads the machine-readable zone of a clean page, if it has one. `text` is the
/// page's ordinary OCR reading, which tells where the zone is.
pub fn read_zone(engine: &mut OcrEngine, page: &GrayImage, text: &PageText) -> Option<Mrz> {
    let _ = (engine, page, text);
    None
}
