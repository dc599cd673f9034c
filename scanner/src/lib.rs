//! The document kiosk's imaging brain.
//!
//! A camera photo goes in; a clean, classified, searchable PDF comes out. The work is one
//! pipeline of small stages, each a module with plain-data input and output so that it can be
//! tested alone and swapped without touching its neighbours:
//!
//! ```text
//! camera ─▶ detect ─▶ enhance ─▶ ocr ─▶ classify ─▶ pdf
//!   └────▶ qr (pairing codes, read from the same frames)
//! ```
//!
//! - [`camera`]: where frames come from (a real V4L2/UVC camera, or a replay folder).
//! - [`input`]: decoding untrusted image files safely (size limits before decoding, EXIF).
//! - [`mrz`]: machine-readable zones of identity documents, repaired with their check digits.
//! - [`detect`]: the page outline in a frame and whether it is ready to be captured.
//! - [`blobs`]: connected groups of ink, found row by row in little memory.
//! - [`enhance`]: flattening and cleaning a page for OCR and for the PDF.
//! - [`orient`]: which way up a page is.
//! - [`ocr`]: tesseract, an engine loaded once and reused for every page.
//! - [`classify`]: which kind of document it is, and the fields that help name it.
//! - [`pdf`]: a small searchable PDF (page images with an invisible text layer).
//! - [`qr`]: pairing codes, robust to what real cameras give.
//! - [`pipeline`]: the stages wired together, as the CLI and the kiosk use them.
#![deny(missing_docs)]

pub mod blobs;
pub mod camera;
pub mod classify;
pub mod detect;
pub mod enhance;
pub mod geometry;
pub mod input;
pub mod mrz;
pub mod ocr;
pub mod orient;
pub mod pdf;
pub mod pipeline;
pub mod qr;
pub mod resample;
