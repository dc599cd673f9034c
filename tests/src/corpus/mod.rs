//! The labelled corpus: realistic documents of every class, as scans and as camera photos.
//!
//! A [`Generator`] is seeded once; every sample is then a pure function of that seed and the
//! sample's coordinates (class, language, index, variant), so a set can be regenerated
//! exactly, in any order, and the scan and the photo of one index show the same document.
//! Each image comes with a [`Label`] (written as a JSON sidecar) holding the class, language,
//! variant, template and the ground-truth fields: machine-readable zone, pay period, IBAN and
//! its validity, expiry, and where the page lies in a photo.
//!
//! - [`fake`]: people, addresses, dates, money.
//! - [`icao`]: machine-readable zones and IBANs with correct check digits.
//! - [`paint`]: fonts and drawing on paper in millimetres.
//! - [`docs`]: the document templates, per class and language.
//! - [`camera`]: what a flatbed scan and a kiosk camera photo do to a page.
//! - [`pairing`]: vault pairing QR codes on printed cards and phone screens.

pub mod camera;
pub mod docs;
pub mod fake;
pub mod icao;
pub mod pageset;
pub mod paint;
pub mod pairing;
pub mod samples;

use std::path::{Path, PathBuf};

use image::RgbImage;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use scanner::classify::DocClass;
use serde::Serialize;

pub use pageset::{Grid, Sample, Spec};

/// Every document class, in the classifier's order.
pub const CLASSES: [DocClass; 13] = DocClass::ALL;

/// The classes that identify a person; nothing else may ever be taken for one of them.
pub const IDENTITY_CLASSES: [DocClass; 3] = [
    DocClass::IdentityCard,
    DocClass::Passport,
    DocClass::ResidencePermit,
];

/// A class's label as the classifier serialises it (`identity_card`…).
pub fn class_name(class: DocClass) -> String {
    serde_json::to_value(class)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The language a document is written in (and the country whose papers it imitates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French (France).
    Fr,
    /// Spanish (Spain).
    Es,
    /// English (United Kingdom, Ireland, Malta).
    En,
}

/// Every language of the corpus.
pub const LANGS: [Lang; 3] = [Lang::Fr, Lang::Es, Lang::En];

impl Lang {
    /// The two-letter code used in file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

/// How the page reached the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// A clean, flat page (200–300 dpi, slight noise).
    Scan,
    /// A camera photo of the page lying on a table.
    Photo,
}

/// Every variant.
pub const VARIANTS: [Variant; 2] = [Variant::Scan, Variant::Photo];

impl Variant {
    /// The name used in file names.
    pub fn code(self) -> &'static str {
        match self {
            Variant::Scan => "scan",
            Variant::Photo => "photo",
        }
    }
}

/// The facts a reader of the document should find.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Truth {
    /// The machine-readable zone's lines, exactly as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mrz: Option<Vec<String>>,
    /// Expiry date (`YYYY-MM-DD`) of identity documents and cards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    /// Pay period of payslips (`YYYY-MM`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// IBAN printed on the document, without spaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Whether that IBAN's checksum holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iban_valid: Option<bool>,
}

/// What an image shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A page of a document.
    Document,
    /// A printed vault pairing card with a QR code.
    QrCard,
    /// A phone screen showing a vault pairing QR code.
    QrScreen,
}

/// The JSON sidecar of one image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// The image's file name.
    pub file: String,
    /// What the image shows.
    pub kind: Kind,
    /// Identifier shared by all pages of one document (and by its scan and photo).
    pub document: String,
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages the document has.
    pub pages: usize,
    /// `front`/`back` for cards, absent for sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The document's class (absent for pairing codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<DocClass>,
    /// The document's language.
    pub language: Lang,
    /// Scan or photo.
    pub variant: Variant,
    /// Which template drew it (`payslip-fr-bulletin`…), for per-template figures.
    pub template: String,
    /// The ground truth.
    pub truth: Truth,
    /// The pairing payload of QR samples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr_payload: Option<String>,
    /// Whether a QR is light-on-dark.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inverted: bool,
    /// Photos: how far the page is turned, in degrees clockwise (quarter turns plus skew).
    pub rotation: f32,
    /// Photos: the page's corners in the image (top-left, top-right, bottom-right,
    /// bottom-left of the page as it reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corners: Option<[[f32; 2]; 4]>,
}

/// Why the corpus could not be generated or written.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A DejaVu font is missing or unreadable (install Debian's fonts-dejavu-core).
    #[error("cannot load font {path}: install fonts-dejavu-core")]
    Font {
        /// The font file.
        path: PathBuf,
        /// The I/O error, if reading failed (none when the file is not a font).
        #[source]
        source: Option<std::io::Error>,
    },
    /// An image or label could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A pairing payload does not fit in a QR code.
    #[error("cannot encode the pairing payload as a QR code: {0}")]
    Qr(qrcode::types::QrError),
    /// An image could not be encoded.
    #[error("cannot encode {path}")]
    Encode {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: image::ImageError,
    },
}

/// A deterministic source of samples.
pub struct Generator {
    fonts: paint::Fonts,
    seed: u64,
    photo_frame: camera::FrameSize,
}

/// Mixes a seed with a sample's coordinates (SplitMix64 steps), so that each sample has its
/// own random stream whatever order samples are made in.
pub fn mix(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(seed ^ 0x9e37_79b9_7f4a_7c15, |acc, &p| {
        let mut z = acc.wrapping_add(p).wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    })
}

/// A random stream for a sample's coordinates.
pub fn rng_for(seed: u64, parts: &[u64]) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(seed, parts))
}

impl Generator {
    /// A generator with the system's DejaVu fonts.
    pub fn new(seed: u64) -> Result<Generator, CorpusError> {
        Generator::with_fonts(seed, Path::new(paint::FONT_DIR))
    }

    /// A generator with DejaVu fonts from `font_dir`.
    pub fn with_fonts(seed: u64, font_dir: &Path) -> Result<Generator, CorpusError> {
        Ok(Generator {
            fonts: paint::Fonts::load(font_dir)?,
            seed,
            photo_frame: camera::DOCUMENT_FRAME,
        })
    }

    /// The same generator photographing documents in frames of size `frame` instead of the
    /// kiosk camera's [`camera::DOCUMENT_FRAME`] (to measure what another camera would give).
    pub fn with_photo_frame(self, frame: camera::FrameSize) -> Generator {
        Generator {
            photo_frame: frame,
            ..self
        }
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The size of the frames documents are photographed in.
    pub fn photo_frame(&self) -> camera::FrameSize {
        self.photo_frame
    }

    /// The fonts, for templates.
    pub fn fonts(&self) -> &paint::Fonts {
        &self.fonts
    }
}

/// Writes a sample as `DIR/<file>` (JPEG) and `DIR/<stem>.json` (its label).
pub fn write_sample(dir: &Path, sample: &Sample) -> Result<(), CorpusError> {
    let path = dir.join(&sample.label.file);
    save_jpeg(&path, &sample.image, sample.quality)?;
    let json_path = path.with_extension("json");
    let mut json = serde_json::to_string_pretty(&sample.label).unwrap_or_default();
    json.push('\n');
    std::fs::write(&json_path, json).map_err(|source| CorpusError::Write {
        path: json_path,
        source,
    })
}

/// Encodes `image` as a JPEG file of the given quality.
pub fn save_jpeg(path: &Path, image: &RgbImage, quality: u8) -> Result<(), CorpusError> {
    let bytes = save_jpeg_bytes(image, quality).map_err(|source| CorpusError::Encode {
        path: path.to_owned(),
        source,
    })?;
    std::fs::write(path, bytes).map_err(|source| CorpusError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Encodes `image` as JPEG bytes of the given quality, as a camera delivers it.
pub fn save_jpeg_bytes(image: &RgbImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(image)?;
    Ok(bytes)
}
