//! Reading one flat page: cleaning its background, scaling it to the size OCR reads best,
//! finding which way up it stands, reading it, and reading its machine-readable zone.
//!
//! Kept apart from the [`Pipeline`](super::Pipeline), which decides what to read (a flattened
//! outline, the whole photo, or both at once) and on which engine: everything here reads on
//! the engine it is given, so two pages can be read at the same time on two engines.

use std::time::Instant;

use image::GrayImage;
use image::imageops;

use super::{Page, PageTimings, PipelineError};
use crate::enhance::{self, Turn};
use crate::mrz;
use crate::ocr::{OcrEngine, PageText, ReadMode};
use crate::orient::{self, TextAxis};

/// An [`enhance::upright_score`] at least this far from zero decides orientation alone.
const UPRIGHT_SURE: f32 = 0.15;
/// A reading whose mean word confidence is below this is checked against the other way up.
const CONFIDENT_READING: f32 = 70.0;
/// [`PageText::legibility`] of about one line of print: a band of the page reading less than
/// this either way up says nothing about which way is up, nor a page read this way up that its
/// way up was right.
const READABLE_LINE: f32 = 20.0;

/// Cleans, resamples and reads a flat page: a flattened outline, or a photo taken whole
/// (`flat_scan`), the way up given when known.
pub(super) fn read_flat(
    engine: &mut OcrEngine,
    flat: &GrayImage,
    flat_scan: bool,
    way_up: Option<Turn>,
) -> Result<Page, PipelineError> {
    let started = Instant::now();
    let clean = enhance::normalise_background(flat);
    let (scale, dpi) = enhance::ocr_scale(&clean);
    let page = enhance::rescale(&clean, scale);
    drop(clean);
    let enhance_time = started.elapsed();

    let mut page = read_prepared(engine, page, dpi, way_up)?;
    page.flat_scan = flat_scan;
    page.timings.enhance = enhance_time;
    Ok(page)
}

/// Orients, reads and looks for a machine-readable zone on a flat, clean page. `way_up`, when
/// known, is tried first (see [`Pipeline::read_grey`](super::Pipeline::read_grey)); only a
/// reading it leaves illegible goes through the page's own orientation tests.
fn read_prepared(
    engine: &mut OcrEngine,
    flat: GrayImage,
    dpi: u32,
    way_up: Option<Turn>,
) -> Result<Page, PipelineError> {
    let readings_before = engine.readings();
    let mut timings = PageTimings::default();
    let known = match way_up {
        Some(turn) => {
            let started = Instant::now();
            let page = level(&enhance::turn(&flat, turn));
            timings.orient += started.elapsed();
            let started = Instant::now();
            let text = engine.read(&page, dpi, ReadMode::Page)?;
            timings.ocr += started.elapsed();
            legible(&text).then_some((page, turn, text))
        }
        None => None,
    };
    let (page, turn, text) = match known {
        Some(reading) => reading,
        None => orient_and_read(engine, flat, dpi, &mut timings)?,
    };

    let started = Instant::now();
    let mrz = mrz::read_zone(engine, &page, &text);
    timings.mrz = started.elapsed();
    timings.ocr_readings = engine.readings() - readings_before;

    Ok(Page {
        image: page,
        dpi,
        text,
        mrz,
        turn,
        flat_scan: false,
        timings,
    })
}

/// Finds which way up a flat page stands, stands it so and reads it: the text axis from the
/// ink profile, checked by the shape of the words read; upright or upside down from the
/// print's shape, checked, when in doubt, by reading a band of the page the other way up.
fn orient_and_read(
    engine: &mut OcrEngine,
    flat: GrayImage,
    dpi: u32,
    timings: &mut PageTimings,
) -> Result<(GrayImage, Turn, PageText), PipelineError> {
    let started = Instant::now();
    let axis = match orient::text_axis(&flat) {
        TextAxis::Horizontal => Turn::None,
        TextAxis::Vertical => Turn::Quarter,
    };
    let (mut page, mut turned, mut upright) = stand_upright(&flat, axis);
    timings.orient += started.elapsed();

    let started = Instant::now();
    let mut text = engine.read(&page, dpi, ReadMode::Page)?;
    timings.ocr += started.elapsed();

    if text.lines_run_down() {
        // The ink profile took the wrong axis: the page is read again turned the other way.
        let started = Instant::now();
        let (across, across_turn, across_upright) = stand_upright(&flat, axis.then(Turn::Quarter));
        let across_text = engine.read(&across, dpi, ReadMode::Page)?;
        if across_text.legibility() >= text.legibility() {
            (page, turned, upright, text) = (across, across_turn, across_upright, across_text);
        }
        timings.orient += started.elapsed();
    }
    drop(flat);

    if upright.abs() < UPRIGHT_SURE || text.mean_confidence() < CONFIDENT_READING {
        let started = Instant::now();
        // A band of the page read the other way up tells whether the whole page is worth
        // reading again that way: most doubtful pages are upright but hard to read, and the
        // band, the third of the page with the most print read this way up, costs a
        // fraction of a page. A band with no readable line either way tells nothing: the
        // page is read again.
        let rows = orient::sample_rows(page.height(), |rows| text.legibility_in_rows(rows));
        let band = imageops::crop_imm(&page, 0, rows.start, page.width(), rows.len() as u32);
        let band_this_way = text.legibility_in_rows(rows);
        let band_other_way = engine
            .read(&imageops::rotate180(&*band), dpi, ReadMode::Strip)?
            .legibility();
        if band_other_way > band_this_way || band_this_way.max(band_other_way) < READABLE_LINE {
            let other = enhance::turn(&page, Turn::Half);
            let other_text = engine.read(&other, dpi, ReadMode::Page)?;
            if other_text.legibility() > text.legibility() {
                page = other;
                text = other_text;
                turned = turned.then(Turn::Half);
            }
        }
        timings.orient += started.elapsed();
    }
    Ok((page, turned, text))
}

/// Turns `page` by `turn`, levels its lines, and turns it a half more when the print's shape
/// says it stands upside down; with the turn made and that shape's
/// [`upright_score`](enhance::upright_score).
fn stand_upright(page: &GrayImage, turn: Turn) -> (GrayImage, Turn, f32) {
    let page = level(&enhance::turn(page, turn));
    let upright = enhance::upright_score(&page);
    if upright < 0.0 {
        (
            enhance::turn(&page, Turn::Half),
            turn.then(Turn::Half),
            upright,
        )
    } else {
        (page, turn, upright)
    }
}

/// Whether `text` reads at least about a line of print: enough to say its page was read the
/// right way up.
pub(super) fn legible(text: &PageText) -> bool {
    text.legibility() >= READABLE_LINE
}

/// `page` with its lines levelled (see [`enhance::skew_angle`]).
fn level(page: &GrayImage) -> GrayImage {
    enhance::deskew(page, enhance::skew_angle(page))
}
