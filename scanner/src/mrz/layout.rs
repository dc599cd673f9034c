//! Where each field sits in each layout of a machine-readable zone, and which kind of
//! character each position may hold (ICAO 9303 parts 4–6; the French 1988 card's national
//! layout). The parser and the repair read positions from here and nowhere else.

use super::MrzFormat;

/// What a position of the zone may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters or filler: names, state codes, document code, sex.
    Alpha,
    /// Digits: dates.
    Digit,
    /// A check digit that is always a digit, even over a field of fillers: dates, composite.
    Check,
    /// A check digit that may be filler: over an empty optional field, or in place of the
    /// document number's where a long number overflows into the optional data.
    CheckOrFiller,
    /// Letters, digits or filler: document numbers, optional data.
    AlphaNum,
}

/// A run of positions on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// The line (0-based).
    pub line: usize,
    /// The first position (0-based).
    pub start: usize,
    /// How many positions.
    pub len: usize,
}

const fn span(line: usize, start: usize, len: usize) -> Span {
    Span { line, start, len }
}

/// The positions of every field of one layout.
#[derive(Debug)]
pub(super) struct Layout {
    /// Which layout this is.
    pub format: MrzFormat,
    /// Number of lines.
    pub lines: usize,
    /// Characters per line.
    pub width: usize,
    /// Document code.
    pub code: Span,
    /// The letters a document code may start with: `P` for passports, `I`, `A` or `C` for
    /// cards, `V` for visas (ICAO 9303 parts 4–7).
    pub code_initials: &'static [u8],
    /// Issuing state.
    pub state: Span,
    /// Document number and its check digit.
    pub number: (Span, Span),
    /// Date of birth and its check digit.
    pub birth: (Span, Span),
    /// Sex.
    pub sex: Span,
    /// Date of expiry and its check digit, where the layout has one.
    pub expiry: Option<(Span, Span)>,
    /// Nationality, where the layout has one (the French card implies FRA).
    pub nationality: Option<Span>,
    /// Names: `SURNAME<<GIVEN<NAMES`, or the surname alone when `given` is set.
    pub names: Span,
    /// Given names in a span of their own (French card).
    pub given: Option<Span>,
    /// Optional data fields.
    pub optional: &'static [Span],
    /// The check digit of the first optional field, where it has one (TD3 personal number).
    pub optional_check: Option<Span>,
    /// The composite check digit.
    pub composite: Span,
    /// The positions the composite check digit covers.
    pub composite_parts: &'static [Span],
}

/// TD1: three lines of 30.
pub(super) const TD1: Layout = Layout {
    format: MrzFormat::Td1,
    lines: 3,
    width: 30,
    code: span(0, 0, 2),
    code_initials: b"IAC",
    state: span(0, 2, 3),
    number: (span(0, 5, 9), span(0, 14, 1)),
    birth: (span(1, 0, 6), span(1, 6, 1)),
    sex: span(1, 7, 1),
    expiry: Some((span(1, 8, 6), span(1, 14, 1))),
    nationality: Some(span(1, 15, 3)),
    names: span(2, 0, 30),
    given: None,
    optional: &[span(0, 15, 15), span(1, 18, 11)],
    optional_check: None,
    composite: span(1, 29, 1),
    composite_parts: &[
        span(0, 5, 25),
        span(1, 0, 7),
        span(1, 8, 7),
        span(1, 18, 11),
    ],
};

/// TD2: two lines of 36.
pub(super) const TD2: Layout = Layout {
    format: MrzFormat::Td2,
    lines: 2,
    width: 36,
    code: span(0, 0, 2),
    code_initials: b"IACV",
    state: span(0, 2, 3),
    number: (span(1, 0, 9), span(1, 9, 1)),
    birth: (span(1, 13, 6), span(1, 19, 1)),
    sex: span(1, 20, 1),
    expiry: Some((span(1, 21, 6), span(1, 27, 1))),
    nationality: Some(span(1, 10, 3)),
    names: span(0, 5, 31),
    given: None,
    optional: &[span(1, 28, 7)],
    optional_check: None,
    composite: span(1, 35, 1),
    composite_parts: &[span(1, 0, 10), span(1, 13, 7), span(1, 21, 14)],
};

/// TD3: two lines of 44.
pub(super) const TD3: Layout = Layout {
    format: MrzFormat::Td3,
    lines: 2,
    width: 44,
    code: span(0, 0, 2),
    code_initials: b"PV",
    state: span(0, 2, 3),
    number: (span(1, 0, 9), span(1, 9, 1)),
    birth: (span(1, 13, 6), span(1, 19, 1)),
    sex: span(1, 20, 1),
    expiry: Some((span(1, 21, 6), span(1, 27, 1))),
    nationality: Some(span(1, 10, 3)),
    names: span(0, 5, 39),
    given: None,
    optional: &[span(1, 28, 14)],
    optional_check: Some(span(1, 42, 1)),
    composite: span(1, 43, 1),
    composite_parts: &[span(1, 0, 10), span(1, 13, 7), span(1, 21, 22)],
};

/// The French identity card of 1988–2021: `IDFRA` + surname + issuing office, then the card
/// number (issue year and month, department, office, sequence), given names, birth date, sex.
pub(super) const FRENCH_ID: Layout = Layout {
    format: MrzFormat::FrenchId,
    lines: 2,
    width: 36,
    code: span(0, 0, 2),
    code_initials: b"I",
    state: span(0, 2, 3),
    number: (span(1, 0, 12), span(1, 12, 1)),
    birth: (span(1, 27, 6), span(1, 33, 1)),
    sex: span(1, 34, 1),
    expiry: None,
    nationality: None,
    names: span(0, 5, 25),
    given: Some(span(1, 13, 14)),
    optional: &[span(0, 30, 6)],
    optional_check: None,
    composite: span(1, 35, 1),
    composite_parts: &[span(0, 0, 36), span(1, 0, 35)],
};

impl Layout {
    /// The layout of `format`.
    pub fn of(format: MrzFormat) -> &'static Layout {
        match format {
            MrzFormat::Td1 => &TD1,
            MrzFormat::Td2 => &TD2,
            MrzFormat::Td3 => &TD3,
            MrzFormat::FrenchId => &FRENCH_ID,
        }
    }

    /// The kind of every position, line by line.
    pub fn kinds(&self) -> Vec<Vec<Kind>> {
        let mut kinds = vec![vec![Kind::AlphaNum; self.width]; self.lines];
        let mut set = |s: Span, kind: Kind| {
            for k in &mut kinds[s.line][s.start..s.start + s.len] {
                *k = kind;
            }
        };
        for s in [self.code, self.state, self.sex, self.names] {
            set(s, Kind::Alpha);
        }
        for s in self.nationality.iter().chain(&self.given) {
            set(*s, Kind::Alpha);
        }
        let dates = std::iter::once(self.birth).chain(self.expiry);
        for (date, check) in dates {
            set(date, Kind::Digit);
            set(check, Kind::Check);
        }
        set(self.number.1, Kind::CheckOrFiller);
        set(self.composite, Kind::Check);
        if let Some(check) = self.optional_check {
            set(check, Kind::CheckOrFiller);
        }
        kinds
    }
}
