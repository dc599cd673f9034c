//! Machine-readable zones (ICAO 9303) of passports, identity cards and residence permits.
//!
//! Three jobs live here, each in its own submodules:
//!
//! - [`parse`](parse_text): OCR text in, a checked [`Mrz`] out. The three ICAO layouts are
//!   understood — TD1 (3 lines of 30, identity cards and residence permits), TD2 (2 × 36) and
//!   TD3 (2 × 44, passports) — plus the French identity card of 1988–2021, whose two lines of 36
//!   follow a national layout. OCR misreads are repaired with what the zone itself knows: each
//!   position is a letter, a digit or either, so an `O` in a date is a `0` and a `5` in a name
//!   is an `S`; where a check digit fails, the usual confusions (O/0, I/1, S/5, B/8, Z/2, G/6…)
//!   are tried and the combination that validates is kept. Two national numbers carry rules
//!   of their own that the repair uses too: a Spanish card's DNI or NIE its check letter
//!   (`spanish`), a French passport's number its shape (`french`).
//! - [`read_zone`]: a clean page image in, the zone read from it. The page's ordinary OCR
//!   reading says where the zone is; the band is cropped, levelled, scaled to the character
//!   size tesseract reads best, binarised, and read again with the MRZ alphabet only. Where a
//!   document number's `O`s and `0`s cannot be settled by its check digit, their glyphs are
//!   compared with the zone's sure zeros and `O`s (`glyphs`).
//! - [`confirm_names`]: no check digit covers a name, so the zone's name words are checked
//!   against the names printed on the document, and a letter the zone's font is known to be
//!   misread for is taken from the print.
//!
//! An [`Mrz`] holds a person's identity: its `Debug` output names no field, so it cannot leak
//! into logs by accident.

mod french;
mod glyphs;
mod layout;
mod names;
mod parse;
mod repair;
mod spanish;
mod zone;

use std::collections::BTreeMap;
use std::fmt;

use thiserror::Error;

pub use names::confirm_names;
pub use parse::{parse_lines, parse_text};
pub use zone::{read_zone, shows_zone};

/// The physical layouts of a machine-readable zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MrzFormat {
    /// Three lines of 30 characters (ID-1 cards: identity cards, residence permits).
    Td1,
    /// Two lines of 36 characters (ID-2 documents, older identity cards and visas).
    Td2,
    /// Two lines of 44 characters (passport data pages).
    Td3,
    /// The French national identity card issued 1988–2021: two lines of 36 in a national layout.
    FrenchId,
}

impl MrzFormat {
    /// A short stable name, used in fields and evidence labels.
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "td1",
            MrzFormat::Td2 => "td2",
            MrzFormat::Td3 => "td3",
            MrzFormat::FrenchId => "fr_id",
        }
    }
}

/// Why a text could not be read as a machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MrzError {
    /// No line of the text looks like a line of a machine-readable zone.
    #[error("no machine-readable zone in the text")]
    NoZone,
    /// Lines look like a zone, but their number and lengths match no known layout.
    #[error("the zone's {lines} line(s) match no known layout")]
    UnknownLayout {
        /// How many zone-like lines were found.
        lines: usize,
    },
    /// A line's length is wrong and cannot be fixed without guessing where characters went.
    #[error("line {line} has {found} characters instead of {expected}")]
    WrongLength {
        /// Which line of the zone (0-based).
        line: usize,
        /// The layout's line length.
        expected: usize,
        /// The length read.
        found: usize,
    },
}

/// A machine-readable zone, parsed and checked.
#[derive(Clone, PartialEq)]
pub struct Mrz {
    /// The zone's lines as finally read (after repair).
    pub lines: Vec<String>,
    /// The layout.
    pub format: MrzFormat,
    /// Document code (`P`, `I`, `ID`, `IR`, `AR`…), filler removed.
    pub document_code: String,
    /// Issuing state or organisation (ICAO three-letter code, filler removed).
    pub issuing_state: String,
    /// Document number, filler removed.
    pub document_number: String,
    /// Date of birth as `YYYY-MM-DD`, if the zone gives a whole valid date.
    pub birth_date: Option<String>,
    /// Sex as printed: `M`, `F`, or `X`/`<` when unspecified.
    pub sex: String,
    /// Date of expiry as `YYYY-MM-DD`, if the zone carries one.
    pub expiry: Option<String>,
    /// Nationality (ICAO three-letter code, filler removed).
    pub nationality: String,
    /// Primary identifier (surname), words separated by spaces.
    pub surname: String,
    /// Secondary identifier (given names), words separated by spaces.
    pub given_names: String,
    /// Optional data (personal number and the like), filler removed, parts joined by a space.
    pub optional_data: String,
    /// Whether every check digit of the zone, the composite one included, is valid.
    pub checks_valid: bool,
    /// How many check digits (the composite one included) still fail after repair.
    pub failed_checks: usize,
    /// How many characters the check digits (not the letter/digit positions) repaired.
    pub repairs: usize,
}

impl fmt::Debug for Mrz {
    // Names, numbers and dates are personal: only the shape of the zone is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mrz")
            .field("format", &self.format)
            .field("checks_valid", &self.checks_valid)
            .field("failed_checks", &self.failed_checks)
            .field("repairs", &self.repairs)
            .finish_non_exhaustive()
    }
}

impl Mrz {
    /// The zone's fields by name, for naming the document and for the CLI. Absent dates and
    /// empty fields are left out; `checks_valid` is `"true"` or `"false"`.
    pub fn fields(&self) -> BTreeMap<String, String> {
        let mut fields = BTreeMap::new();
        let mut put = |name: &str, value: &str| {
            if !value.is_empty() {
                fields.insert(name.to_owned(), value.to_owned());
            }
        };
        put("mrz_format", self.format.name());
        put("document_code", &self.document_code);
        put("issuing_state", &self.issuing_state);
        put("document_number", &self.document_number);
        put("birth_date", self.birth_date.as_deref().unwrap_or(""));
        put("sex", &self.sex);
        put("expiry", self.expiry.as_deref().unwrap_or(""));
        put("nationality", &self.nationality);
        put("surname", &self.surname);
        put("given_names", &self.given_names);
        put("optional_data", &self.optional_data);
        put(
            "checks_valid",
            if self.checks_valid { "true" } else { "false" },
        );
        fields
    }

    /// Whether the document code marks a residence permit: ICAO leaves the second letter to
    /// the issuer, and states use `IR`, `AR`, `RT`, `RP`, `TS` and the like for permits.
    pub fn is_residence_permit(&self) -> bool {
        matches!(
            self.document_code.as_str(),
            "IR" | "AR" | "RT" | "RP" | "TS"
        )
    }
}
