//! File names for documents in the resident's vault.
//!
//! A name says what the document is, in the resident's language, and when it is from:
//! `2026-03 Bulletin de salaire.pdf`, `Passeport (expire 2031-04).pdf`. It is built only from
//! the document class and dates — never from a name, a number or an address read on the page —
//! so the vault's file list leaks nothing the document itself does not. Collisions are
//! handled by [`numbered`]: the connector tries `name.pdf`, then `name (2).pdf`, … and never
//! overwrites (the server refuses with 412, see the WebDAV connector).

use scanner::classify::DocClass;

/// A year and month, as read on a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    /// The year (four digits).
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    fn valid(self) -> Option<Self> {
        ((1900..=2200).contains(&self.year) && (1..=12).contains(&self.month)).then_some(self)
    }
}

/// The fields a name may use: dates only, by design.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameFields {
    /// The period the document covers or its issue date (payslip month, notice date).
    pub period: Option<YearMonth>,
    /// The expiry date (identity documents, permits).
    pub expiry: Option<YearMonth>,
}

/// The languages names are written in; others fall back to English. The words are the
/// screens' own (`Labels.class-name` in the catalogues), so the type a resident chose on the
/// screen is the one on the receipt and in the vault; the translations test holds them together.
fn labels(lang: &str) -> (&'static [&'static str; 13], &'static str) {
    const FR: [&str; 13] = [
        "Carte d'identité",
        "Passeport",
        "Titre de séjour",
        "Assurance maladie",
        "Bulletin de salaire",
        "Avis d'impôt",
        "Aides et allocations",
        "RIB (banque)",
        "Justificatif de domicile",
        "Acte de naissance ou livret de famille",
        "Document médical",
        "Travail, emploi",
        "Autre papier",
    ];
    const ES: [&str; 13] = [
        "Documento de identidad",
        "Pasaporte",
        "Permiso de residencia",
        "Seguro de salud",
        "Nómina",
        "Carta de impuestos",
        "Ayudas y prestaciones",
        "Datos del banco",
        "Justificante de domicilio",
        "Acta de nacimiento o libro de familia",
        "Documento médico",
        "Trabajo, empleo",
        "Otro documento",
    ];
    const EN: [&str; 13] = [
        "Identity card",
        "Passport",
        "Residence permit",
        "Health insurance",
        "Payslip",
        "Tax notice",
        "Benefits",
        "Bank details",
        "Proof of address",
        "Birth or family record",
        "Medical paper",
        "Work paper",
        "Other paper",
    ];
    const AR: [&str; 13] = [
        "بطاقة الهوية",
        "جواز السفر",
        "بطاقة الإقامة",
        "التأمين الصحي",
        "كشف الراتب",
        "إشعار الضريبة",
        "المساعدات الاجتماعية",
        "بيانات الحساب البنكي",
        "إثبات العنوان",
        "شهادة الميلاد أو الدفتر العائلي",
        "وثيقة طبية",
        "وثيقة عمل",
        "وثيقة أخرى",
    ];
    const UK: [&str; 13] = [
        "Посвідчення особи",
        "Паспорт",
        "Посвідка на проживання",
        "Медичне страхування",
        "Розрахунковий лист",
        "Податкове повідомлення",
        "Соціальна допомога",
        "Банківські реквізити",
        "Підтвердження адреси",
        "Свідоцтво про народження чи шлюб",
        "Медичний документ",
        "Документ про роботу",
        "Інший документ",
    ];
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    match primary {
        "fr" => (&FR, "expire"),
        "es" => (&ES, "caduca"),
        "ar" => (&AR, "ينتهي"),
        "uk" => (&UK, "дійсний до"),
        _ => (&EN, "expires"),
    }
}

fn index(class: DocClass) -> usize {
    class as usize
}

/// The type of a document in `lang`, as names and receipts write it ("Bulletin de salaire").
pub fn class_label(class: DocClass, lang: &str) -> &'static str {
    labels(lang).0[index(class)]
}

/// The vault file name of a document: class and dates in the resident's language, `.pdf`.
pub fn document_name(class: DocClass, fields: &NameFields, lang: &str) -> String {
    let (labels, expires) = labels(lang);
    let label = labels[index(class)];
    let mut name = String::new();
    if let Some(period) = fields.period.and_then(YearMonth::valid) {
        name.push_str(&format!("{:04}-{:02} ", period.year, period.month));
    }
    name.push_str(label);
    if let Some(expiry) = fields.expiry.and_then(YearMonth::valid) {
        name.push_str(&format!(
            " ({expires} {:04}-{:02})",
            expiry.year, expiry.month
        ));
    }
    name.push_str(".pdf");
    name
}

/// The `n`-th candidate for `name`: `name` itself for 1, then `stem (n).ext`.
pub fn numbered(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_owned();
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem} ({n}).{ext}"),
        _ => format!("{name} ({n})"),
    }
}

/// Makes any proposed name safe as one path segment: no separators, no control characters,
/// no leading dot, bounded length. Used for names that do not come from [`document_name`].
pub fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let mut out: String = trimmed.chars().take(120).collect();
    if out.is_empty() {
        out.push_str("document.pdf");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARCH_2026: YearMonth = YearMonth {
        year: 2026,
        month: 3,
    };

    #[test]
    fn payslip_in_french_carries_its_month() {
        let fields = NameFields {
            period: Some(MARCH_2026),
            expiry: None,
        };
        assert_eq!(
            document_name(DocClass::Payslip, &fields, "fr"),
            "2026-03 Bulletin de salaire.pdf"
        );
    }

    #[test]
    fn passport_carries_its_expiry_in_each_language() {
        let fields = NameFields {
            period: None,
            expiry: Some(YearMonth {
                year: 2031,
                month: 4,
            }),
        };
        assert_eq!(
            document_name(DocClass::Passport, &fields, "fr"),
            "Passeport (expire 2031-04).pdf"
        );
        assert_eq!(
            document_name(DocClass::Passport, &fields, "es-ES"),
            "Pasaporte (caduca 2031-04).pdf"
        );
        assert_eq!(
            document_name(DocClass::Passport, &fields, "tg"),
            "Passport (expires 2031-04).pdf"
        );
    }

    #[test]
    fn impossible_dates_are_left_out() {
        let fields = NameFields {
            period: Some(YearMonth {
                year: 2026,
                month: 13,
            }),
            expiry: None,
        };
        assert_eq!(
            document_name(DocClass::TaxNotice, &fields, "en"),
            "Tax notice.pdf"
        );
    }

    #[test]
    fn every_class_has_a_label_in_every_language() {
        for lang in ["fr", "es", "en", "ar", "uk"] {
            let (labels, _) = labels(lang);
            assert!(labels.iter().all(|l| !l.is_empty() && !l.contains('/')));
        }
        assert_eq!(index(DocClass::Other), 12);
    }

    #[test]
    fn collisions_number_before_the_extension() {
        assert_eq!(numbered("Payslip.pdf", 1), "Payslip.pdf");
        assert_eq!(numbered("Payslip.pdf", 2), "Payslip (2).pdf");
        assert_eq!(numbered("README", 3), "README (3)");
    }

    #[test]
    fn sanitize_keeps_one_path_segment() {
        assert_eq!(sanitize("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize(".hidden.pdf"), "hidden.pdf");
        assert_eq!(sanitize("a\u{0}b.pdf"), "a_b.pdf");
        assert_eq!(sanitize("   "), "document.pdf");
    }
}
