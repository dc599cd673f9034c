//! The receipt a resident may take home: where and when, which kinds of documents, how many
//! pages, and whether each one is saved in their vault.
//!
//! The receipt is built from plain data only — the site's name, the date, the language, and
//! for each document its type label (already translated by the caller), its page count and
//! whether the vault confirmed it. It never receives a document's file name, its text, the
//! resident's name or the vault link, so it cannot print them. The receipt's own words come
//! from a small table in the five languages the kiosk speaks (French when the language is
//! unknown); the page is set by [`super::typeset`] with an embedded font, so Ukrainian and
//! Arabic print as well as French.

use time::Date;

use super::typeset::{Font, Paragraph, TypesetError, typeset};

/// The languages the receipt is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// French, the default.
    #[default]
    French,
    /// Spanish.
    Spanish,
    /// English.
    English,
    /// Ukrainian.
    Ukrainian,
    /// Arabic, written right to left.
    Arabic,
}

impl Language {
    /// The language for a code such as `fr`, `es-ES` or `uk_UA`; French for any other.
    pub fn from_code(code: &str) -> Self {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "es" => Language::Spanish,
            "en" => Language::English,
            "uk" => Language::Ukrainian,
            "ar" => Language::Arabic,
            _ => Language::French,
        }
    }

    fn is_rtl(self) -> bool {
        self == Language::Arabic
    }
}

/// One document sent during the session, as the receipt lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// The document's type in the receipt's language ("Bulletin de salaire").
    pub label: String,
    /// How many pages were scanned.
    pub pages: u32,
    /// Whether the vault confirmed that it stored the document.
    pub saved: bool,
}

/// Everything a receipt shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The site's name from the configuration ("Café des Tilleuls").
    pub site: String,
    /// The day of the session.
    pub date: Date,
    /// The language the resident chose.
    pub language: Language,
    /// The documents, in the order they were scanned.
    pub documents: Vec<ReceiptLine>,
}

/// The receipt's fixed words in one language.
struct Words {
    title: &'static str,
    date: &'static str,
    place: &'static str,
    documents: &'static str,
    none: &'static str,
    saved: &'static str,
    not_saved: &'static str,
    erased: &'static str,
    pages: fn(u32) -> String,
}

fn words(language: Language) -> Words {
    match language {
        Language::French => Words {
            title: "Reçu de dépôt",
            date: "Date :",
            place: "Lieu :",
            documents: "Documents envoyés :",
            none: "Aucun document.",
            saved: "enregistré dans votre coffre",
            not_saved: "non enregistré",
            erased: "Cette borne a tout effacé.",
            pages: |n| {
                if n <= 1 {
                    format!("{n} page")
                } else {
                    format!("{n} pages")
                }
            },
        },
        Language::Spanish => Words {
            title: "Justificante de envío",
            date: "Fecha:",
            place: "Lugar:",
            documents: "Documentos enviados:",
            none: "Ningún documento.",
            saved: "guardado en su caja fuerte",
            not_saved: "no guardado",
            erased: "Esta máquina lo ha borrado todo.",
            pages: |n| {
                if n == 1 {
                    format!("{n} página")
                } else {
                    format!("{n} páginas")
                }
            },
        },
        Language::English => Words {
            title: "Receipt",
            date: "Date:",
            place: "Place:",
            documents: "Documents sent:",
            none: "No documents.",
            saved: "saved in your vault",
            not_saved: "not saved",
            erased: "This kiosk has erased everything.",
            pages: |n| {
                if n == 1 {
                    format!("{n} page")
                } else {
                    format!("{n} pages")
                }
            },
        },
        Language::Ukrainian => Words {
            title: "Квитанція",
            date: "Дата:",
            place: "Місце:",
            documents: "Надіслані документи:",
            none: "Жодного документа.",
            saved: "збережено у вашому сейфі",
            not_saved: "не збережено",
            erased: "Цей термінал усе стер.",
            pages: ukrainian_pages,
        },
        Language::Arabic => Words {
            title: "إيصال",
            date: "التاريخ:",
            place: "المكان:",
            documents: "الوثائق المرسلة:",
            none: "لا توجد وثائق.",
            saved: "محفوظة في خزنتك",
            not_saved: "غير محفوظة",
            erased: "لقد مسح هذا الجهاز كل شيء.",
            pages: arabic_pages,
        },
    }
}

/// Ukrainian plural: 1, 21… сторінка; 2–4, 22–24… сторінки; the rest сторінок.
fn ukrainian_pages(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "сторінка",
        (2..=4, r) if !(12..=14).contains(&r) => "сторінки",
        _ => "сторінок",
    };
    format!("{n} {word}")
}

/// Arabic plural: one, two (dual), 3–10 (plural), 11 and more (singular after the number).
fn arabic_pages(n: u32) -> String {
    match n {
        1 => "صفحة واحدة".to_owned(),
        2 => "صفحتان".to_owned(),
        3..=10 => format!("{n} صفحات"),
        _ => format!("{n} صفحة"),
    }
}

/// Title size in points.
const TITLE_SIZE: f32 = 22.0;
/// Body text size in points: large, for people who read with difficulty.
const BODY_SIZE: f32 = 14.0;

impl Receipt {
    /// The receipt's paragraphs, top to bottom.
    fn paragraphs(&self) -> Vec<Paragraph> {
        let words = words(self.language);
        let body = |text: String, space_before: f32| Paragraph {
            text,
            size: BODY_SIZE,
            space_before,
        };
        let mut paragraphs = vec![
            Paragraph {
                text: words.title.to_owned(),
                size: TITLE_SIZE,
                space_before: 0.0,
            },
            body(format!("{} {}", words.place, self.site), BODY_SIZE),
            body(
                format!("{} {}", words.date, format_date(self.date, self.language)),
                0.0,
            ),
            body(words.documents.to_owned(), BODY_SIZE),
        ];
        if self.documents.is_empty() {
            paragraphs.push(body(words.none.to_owned(), 0.0));
        }
        for document in &self.documents {
            let (mark, status) = if document.saved {
                ("✓", words.saved)
            } else {
                ("✗", words.not_saved)
            };
            let pages = (words.pages)(document.pages);
            paragraphs.push(body(
                format!("• {} — {pages}", document.label),
                BODY_SIZE / 2.0,
            ));
            paragraphs.push(body(format!("   {mark} {status}"), 0.0));
        }
        paragraphs.push(body(words.erased.to_owned(), BODY_SIZE * 1.5));
        paragraphs
    }

    /// Sets the receipt as a PDF (A4, one page for up to about fifteen documents).
    pub fn to_pdf(&self, font: &Font) -> Result<Vec<u8>, TypesetError> {
        typeset(&self.paragraphs(), font, self.language.is_rtl())
    }
}

/// Day first, as in all five languages' countries; Ukrainian uses dots.
fn format_date(date: Date, language: Language) -> String {
    let separator = if language == Language::Ukrainian {
        '.'
    } else {
        '/'
    };
    format!(
        "{:02}{separator}{:02}{separator}{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn receipt(language: Language) -> Receipt {
        Receipt {
            site: "Café des Tilleuls".into(),
            date: Date::from_calendar_date(2026, Month::March, 7).unwrap(),
            language,
            documents: vec![
                ReceiptLine {
                    label: "Bulletin de salaire".into(),
                    pages: 2,
                    saved: true,
                },
                ReceiptLine {
                    label: "Justificatif de domicile".into(),
                    pages: 1,
                    saved: false,
                },
            ],
        }
    }

    fn texts(receipt: &Receipt) -> Vec<String> {
        receipt.paragraphs().into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn lists_each_document_with_its_pages_and_whether_it_is_saved() {
        let texts = texts(&receipt(Language::French));
        assert_eq!(texts[0], "Reçu de dépôt");
        assert!(texts.contains(&"Lieu : Café des Tilleuls".to_owned()));
        assert!(texts.contains(&"Date : 07/03/2026".to_owned()));
        assert!(texts.contains(&"• Bulletin de salaire — 2 pages".to_owned()));
        assert!(texts.contains(&"   ✓ enregistré dans votre coffre".to_owned()));
        assert!(texts.contains(&"• Justificatif de domicile — 1 page".to_owned()));
        assert!(texts.contains(&"   ✗ non enregistré".to_owned()));
        assert_eq!(texts.last().unwrap(), "Cette borne a tout effacé.");
    }

    #[test]
    fn ends_with_the_words_of_the_done_screen() {
        // The receipt and the last screen tell the resident the same thing, in the same words.
        for (code, language) in [
            ("fr", Language::French),
            ("es", Language::Spanish),
            ("en", Language::English),
            ("uk", Language::Ukrainian),
            ("ar", Language::Arabic),
        ] {
            let path = format!(
                "{}/translations/{code}/LC_MESSAGES/kiosk-ui.po",
                env!("CARGO_MANIFEST_DIR")
            );
            let catalogue = std::fs::read_to_string(path).unwrap();
            let done_screen = catalogue
                .split("msgid \"This kiosk has erased everything. Thank you, goodbye.\"\nmsgstr \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap();
            let erased = words(language).erased;
            assert!(
                done_screen.starts_with(erased),
                "{code}: {erased:?} vs {done_screen:?}"
            );
        }
    }

    #[test]
    fn an_empty_session_says_so() {
        let mut empty = receipt(Language::English);
        empty.documents.clear();
        assert!(texts(&empty).contains(&"No documents.".to_owned()));
    }

    #[test]
    fn language_codes_fall_back_to_french() {
        assert_eq!(Language::from_code("es-ES"), Language::Spanish);
        assert_eq!(Language::from_code("uk_UA"), Language::Ukrainian);
        assert_eq!(Language::from_code("AR"), Language::Arabic);
        assert_eq!(Language::from_code("en"), Language::English);
        assert_eq!(Language::from_code("fa"), Language::French);
        assert_eq!(Language::from_code(""), Language::French);
    }

    #[test]
    fn page_counts_follow_each_languages_plural_rules() {
        let uk: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25].map(ukrainian_pages).into();
        assert_eq!(
            uk,
            [
                "1 сторінка",
                "2 сторінки",
                "5 сторінок",
                "11 сторінок",
                "12 сторінок",
                "21 сторінка",
                "22 сторінки",
                "25 сторінок"
            ]
        );
        let ar: Vec<String> = [1, 2, 3, 10, 11].map(arabic_pages).into();
        assert_eq!(
            ar,
            ["صفحة واحدة", "صفحتان", "3 صفحات", "10 صفحات", "11 صفحة"]
        );
        assert_eq!((words(Language::Spanish).pages)(1), "1 página");
        assert_eq!((words(Language::French).pages)(3), "3 pages");
    }

    #[test]
    fn ukrainian_dates_use_dots() {
        let texts = texts(&receipt(Language::Ukrainian));
        assert!(texts.contains(&"Дата: 07.03.2026".to_owned()), "{texts:?}");
    }
}
