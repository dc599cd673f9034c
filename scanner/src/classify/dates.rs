//! Dates in French, Spanish and English documents, and the dates that labels point to: the
//! pay period, the expiry date, the tax year.
//!
//! Dates are looked for in folded text (see [`fold`](super::text::fold)), where `15/04/2026`,
//! `15.04.2026` and `15-04-2026` all read `15 04 2026`. Numeric dates are day first, as in
//! France, Spain and the UK, unless the first number cannot be a month-day pair that way round
//! (US `04 15 2026`). Written months are understood in the three languages, abbreviated or not.

use std::sync::LazyLock;

use regex::Regex;

/// A date found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Found {
    /// A whole date: year, month, day.
    Day(u32, u32, u32),
    /// A month of a year, without a day ("mars 2026").
    Month(u32, u32),
}

impl Found {
    /// `YYYY-MM`.
    pub fn month_iso(self) -> String {
        let (Found::Day(y, m, _) | Found::Month(y, m)) = self;
        format!("{y:04}-{m:02}")
    }

    /// `YYYY-MM-DD` for a whole date.
    pub fn day_iso(self) -> Option<String> {
        match self {
            Found::Day(y, m, d) => Some(format!("{y:04}-{m:02}-{d:02}")),
            Found::Month(..) => None,
        }
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("febrero", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("marzo", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("mayo", 5),
    ("may", 5),
    ("juin", 6),
    ("junio", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("agosto", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("octubre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("november", 11),
    ("nov", 11),
    ("decembre", 12),
    ("diciembre", 12),
    ("december", 12),
    ("dec", 12),
    ("dic", 12),
];

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTHS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!(
        r"\b(?:(?P<d1>\d{{1,2}})(?: ?er)? (?:de )?(?P<mn1>{months}) (?:de |del )?(?P<y1>\d{{4}})|(?P<mn2>{months}) (?P<d2>\d{{1,2}}) (?P<y2>\d{{4}})|(?P<mn3>{months}) (?:de |del )?(?P<y3>\d{{4}})|(?P<y4>\d{{4}}) (?P<m4>\d{{1,2}}) (?P<d4>\d{{1,2}})|(?P<d5>\d{{1,2}}) (?P<m5>\d{{1,2}}) (?P<y5>\d{{4}}))\b"
    );
    Regex::new(&pattern).expect("the date pattern is valid")
});

/// Every date in `folded` text, with where it starts, in reading order.
pub(super) fn scan(folded: &str) -> Vec<(usize, Found)> {
    let text = digits_repaired(folded);
    let mut found = Vec::new();
    for caps in DATE.captures_iter(&text) {
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = |name: &str| {
            caps.name(name)
                .and_then(|m| MONTHS.iter().find(|(n, _)| *n == m.as_str()))
                .map(|&(_, number)| number)
        };
        let date = if let (Some(d), Some(m), Some(y)) = (num("d1"), month("mn1"), num("y1")) {
            day(y, m, d)
        } else if let (Some(m), Some(d), Some(y)) = (month("mn2"), num("d2"), num("y2")) {
            day(y, m, d)
        } else if let (Some(m), Some(y)) = (month("mn3"), num("y3")) {
            plausible_year(y).then_some(Found::Month(y, m))
        } else if let (Some(y), Some(m), Some(d)) = (num("y4"), num("m4"), num("d4")) {
            day(y, m, d)
        } else if let (Some(a), Some(b), Some(y)) = (num("d5"), num("m5"), num("y5")) {
            // Day first, unless only month first makes a date.
            day(y, b, a).or_else(|| day(y, a, b))
        } else {
            None
        };
        if let (Some(date), Some(whole)) = (date, caps.get(0)) {
            found.push((whole.start(), date));
        }
    }
    found
}

/// OCR reads `0` as `o` and `1` as `l` or `i` inside numbers: in words that mix digits with
/// those letters only, the letters become digits. The text keeps its length.
fn digits_repaired(folded: &str) -> String {
    folded
        .split(' ')
        .map(|word| {
            let has_digit = word.bytes().any(|b| b.is_ascii_digit());
            let lookalikes = word
                .bytes()
                .all(|b| b.is_ascii_digit() || b"oli".contains(&b));
            if has_digit && lookalikes {
                word.replace('o', "0").replace(['l', 'i'], "1")
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn plausible_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

fn day(y: u32, m: u32, d: u32) -> Option<Found> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (plausible_year(y) && (1..=days).contains(&d)).then_some(Found::Day(y, m, d))
}

/// How far after its label a date may start, in characters of folded text.
const LABEL_WINDOW: usize = 48;

/// The first date that follows one of `labels` (folded phrases) closely.
pub(super) fn after_label(
    folded: &str,
    dates: &[(usize, Found)],
    labels: &[&str],
) -> Option<Found> {
    labels
        .iter()
        .flat_map(|label| label_ends(folded, label))
        .filter_map(|end| {
            dates
                .iter()
                .find(|(start, _)| *start >= end && *start - end <= LABEL_WINDOW)
                .map(|&(start, date)| (start, date))
        })
        .min_by_key(|&(start, _)| start)
        .map(|(_, date)| date)
}

/// Where each whole-word occurrence of `label` ends in `folded`.
fn label_ends<'a>(folded: &'a str, label: &'a str) -> impl Iterator<Item = usize> + 'a {
    folded.match_indices(label).filter_map(move |(start, _)| {
        let end = start + label.len();
        let before = start == 0 || folded.as_bytes()[start - 1] == b' ';
        let after = end == folded.len() || folded.as_bytes()[end] == b' ';
        (before && after).then_some(end)
    })
}

/// Labels of a payslip's period.
pub(super) const PERIOD_LABELS: &[&str] = &[
    "periode du",
    "periode",
    "mois de",
    "paie du",
    "periodo de liquidacion",
    "periodo",
    "mes de",
    "pay period",
    "period ending",
    "period",
    "pay date",
];

/// Labels of a document's expiry date.
pub(super) const EXPIRY_LABELS: &[&str] = &[
    "date d expiration",
    "date d expir",
    "expire le",
    "valable jusqu au",
    "valide jusqu au",
    "fin de validite",
    "fecha de caducidad",
    "caducidad",
    "valido hasta",
    "validez",
    "date of expiry",
    "expiry date",
    "expiration date",
    "expires",
    "valid until",
];

static TAX_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:revenus(?: de)?(?: l annee)?|impot(?: sur les revenus)?(?: de)?|ejercicio(?: fiscal)?|periodo impositivo|tax year(?: ending)?(?: \d{1,2} [a-z]+)?|year ended(?: \d{1,2} [a-z]+)?) (?P<year>(?:19|20)\d{2})\b",
    )
    .expect("the tax year pattern is valid")
});

/// The year a tax notice is about ("revenus de 2025", "ejercicio 2025", "tax year 2024").
pub(super) fn tax_year(folded: &str) -> Option<String> {
    TAX_YEAR
        .captures(folded)
        .and_then(|c| c.name("year"))
        .map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::text::fold;

    fn dates(text: &str) -> Vec<Found> {
        scan(&fold(text)).into_iter().map(|(_, d)| d).collect()
    }

    #[test]
    fn dates_in_three_languages() {
        assert_eq!(dates("le 15/04/2026"), [Found::Day(2026, 4, 15)]);
        assert_eq!(dates("2026-04-15"), [Found::Day(2026, 4, 15)]);
        assert_eq!(dates("1er mars 2026"), [Found::Day(2026, 3, 1)]);
        assert_eq!(dates("15 de abril de 2026"), [Found::Day(2026, 4, 15)]);
        assert_eq!(dates("April 15, 2026"), [Found::Day(2026, 4, 15)]);
        assert_eq!(dates("04/25/2026"), [Found::Day(2026, 4, 25)]);
        assert_eq!(dates("Mois de février 2026"), [Found::Month(2026, 2)]);
        assert_eq!(dates("O1/O3/2O26"), [Found::Day(2026, 3, 1)]);
    }

    #[test]
    fn numbers_that_are_not_dates_are_ignored() {
        // Two-digit years are not read: phone numbers would become dates.
        assert!(dates("Total 1 250,00 EUR; tel 06 12 34 56 78; 31/02/2026; 15.04.26").is_empty());
    }

    #[test]
    fn labels_point_to_their_dates() {
        let text = fold("Date d'embauche : 02/01/2024\nPériode du 01/03/2026 au 31/03/2026");
        let found = scan(&text);
        assert_eq!(
            after_label(&text, &found, PERIOD_LABELS).map(Found::month_iso),
            Some("2026-03".to_owned())
        );
        let text = fold("Fecha de caducidad: 12 08 2031");
        let found = scan(&text);
        assert_eq!(
            after_label(&text, &found, EXPIRY_LABELS).and_then(Found::day_iso),
            Some("2031-08-12".to_owned())
        );
    }

    #[test]
    fn tax_years() {
        assert_eq!(
            tax_year(&fold("Impôt sur les revenus de 2025")),
            Some("2025".into())
        );
        assert_eq!(tax_year(&fold("Ejercicio 2024")), Some("2024".into()));
        assert_eq!(tax_year(&fold("Tax year 2024-25")), Some("2024".into()));
        assert_eq!(tax_year(&fold("no year here")), None);
    }
}
