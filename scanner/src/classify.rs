//! Which kind of document a page is, and the fields that help name it.
//!
//! The classifier reads what OCR made of a document's pages and, when the page had one, its
//! machine-readable zone. It knows these documents the way a social worker does — from their
//! titles and the phrases they print, in French, Spanish and English ([`rules`]) — and needs no
//! training on anyone's documents. The text is folded (no accents, no case) and phrases match
//! with OCR's slips tolerated ([`text`]); each kind of document scores the weight of its
//! phrases, and the best score wins if it is clear enough, else the document is `other`.
//!
//! Identity documents are special: calling a payslip a passport would file it where nobody
//! looks, and the kiosk names files after what it decides. So `identity_card`, `passport` and
//! `residence_permit` need strong evidence: a machine-readable zone whose check digits hold
//! (its document code then decides which of the three), or — when the zone could not be read —
//! the document's own title *and* the labels an identity document prints (surname, date of
//! birth, nationality…), on a short text that carries no other kind's title, well ahead of
//! every other kind. A letter that merely mentions a passport stays what it is.
//!
//! Fields help name the file: dates, the payslip period (`YYYY-MM`), the expiry date, the
//! issuer (CAF, SEPE, DGFiP…), the tax year, the MRZ fields, and whether an IBAN is present and
//! valid (never the IBAN itself). `evidence` says what decided, as short labels that carry no
//! document text: the matched phrases are the classifier's own, never what the page said.

mod dates;
mod iban;
mod nir;
mod rules;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::mrz::{self, Mrz};
use dates::Found;
use rules::{HINT, ISSUERS, PHRASES, TITLE, TYPICAL};
use text::Folded;
pub(crate) use text::fold;

/// The kinds of document the kiosk recognises. The serialised names are the CLI's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocClass {
    /// National identity card (CNI, DNI…).
    IdentityCard,
    /// Passport.
    Passport,
    /// Residence permit (titre de séjour, NIE/TIE…).
    ResidencePermit,
    /// Health insurance card or attestation (carte Vitale, tarjeta sanitaria…).
    HealthInsurance,
    /// Payslip (bulletin de salaire, nómina).
    Payslip,
    /// Tax notice (avis d'impôt, certificado IRPF).
    TaxNotice,
    /// Benefit attestation (CAF, France Travail, SEPE…).
    Benefits,
    /// Bank details (RIB, certificado de titularidad).
    BankDetails,
    /// Proof of address (bill, rent receipt, attestation d'hébergement, empadronamiento…).
    ProofOfAddress,
    /// Civil status (birth certificate…).
    CivilStatus,
    /// Medical (prescription…).
    Medical,
    /// Employment (contract, work certificate, vida laboral…).
    Employment,
    /// Anything else.
    Other,
}

impl DocClass {
    /// Every class, identity documents first and `Other` last: the order the kiosk's type
    /// chooser lists them and the corpus generator walks them.
    pub const ALL: [DocClass; 13] = [
        DocClass::IdentityCard,
        DocClass::Passport,
        DocClass::ResidencePermit,
        DocClass::HealthInsurance,
        DocClass::Payslip,
        DocClass::TaxNotice,
        DocClass::Benefits,
        DocClass::BankDetails,
        DocClass::ProofOfAddress,
        DocClass::CivilStatus,
        DocClass::Medical,
        DocClass::Employment,
        DocClass::Other,
    ];

    /// Whether this is one of the identity documents that need strong evidence.
    pub fn is_identity(self) -> bool {
        matches!(
            self,
            DocClass::IdentityCard | DocClass::Passport | DocClass::ResidencePermit
        )
    }
}

/// What the classifier concluded about a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The kind of document.
    pub class: DocClass,
    /// How sure the classifier is, 0.0–1.0.
    pub confidence: f32,
    /// Fields found on the document (dates, period, expiry, MRZ fields…), by name.
    pub fields: BTreeMap<String, String>,
    /// What decided, as short non-personal labels (for logs and tests).
    pub evidence: Vec<String>,
}

/// Labels that identity documents print beside their fields, in the three languages. Birth
/// certificates and some letters print a few of them too, which is why they only support an
/// identity document's title and never stand for one.
const IDENTITY_LABELS: &[&str] = &[
    "nom",
    "prenoms",
    "prenom",
    "surname",
    "given names",
    "apellidos",
    "nombre",
    "nationalite",
    "nationality",
    "nacionalidad",
    "date de naissance",
    "date de naiss",
    "date of birth",
    "fecha de nacimiento",
    "fecha de nacim",
    "lieu de naissance",
    "place of birth",
    "lugar de nacimiento",
    "sexe",
    "sex",
    "sexo",
    "date d expiration",
    "date of expiry",
    "fecha de caducidad",
    "validez",
    "date de delivrance",
    "date of issue",
    "fecha de expedicion",
];

/// Identity labels an identity document without a readable zone must show.
const MIN_IDENTITY_LABELS: usize = 3;
/// Longest text (in words) an identity document without a readable zone may have: cards and
/// passport pages hold little text, letters hold much.
const MAX_IDENTITY_WORDS: usize = 400;
/// How far an identity class without a zone must lead every other kind.
const IDENTITY_LEAD: f32 = 1.5;
/// The least score that names a kind; below it the document is `other`.
const MIN_SCORE: f32 = 2.0;
/// Longest text (in words) on which a valid social-security number alone names a health
/// insurance card: a carte Vitale prints little besides it, while payslips and letters that
/// also print it carry their own titles and much more text.
const MAX_CARD_WORDS: usize = 60;
/// At most this many phrases are listed in the evidence.
const MAX_PHRASE_EVIDENCE: usize = 4;

/// Classifies a document from the text of its pages and its machine-readable zone, if any.
pub fn classify(pages: &[&str], mrz: Option<&Mrz>) -> Classification {
    let text = pages.join("\n");
    let folded = Folded::new(&text);
    let mut evidence = Vec::new();
    let mut fields = BTreeMap::new();

    // Scores by kind, and the phrases that made them (strongest first, for the evidence).
    let mut scores: BTreeMap<DocClass, f32> = BTreeMap::new();
    let mut matched: Vec<&rules::Phrase> =
        PHRASES.iter().filter(|p| folded.contains(p.text)).collect();
    matched.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    for phrase in &matched {
        *scores.entry(phrase.class).or_default() += phrase.weight;
    }

    let ibans = iban::find(&text);
    if let Some(first) = ibans.first() {
        let validity = if first.valid { "valid" } else { "invalid" };
        evidence.push(format!("iban:{validity}"));
        fields.insert("iban_valid".to_owned(), first.valid.to_string());
        fields.insert("iban_country".to_owned(), first.country.clone());
        fields.insert("iban_last4".to_owned(), first.last4.clone());
        if first.valid {
            *scores.entry(DocClass::BankDetails).or_default() += TYPICAL;
        }
    }

    if nir::has_valid(&text) {
        evidence.push("nir:valid".to_owned());
        let weight = if folded.words.len() <= MAX_CARD_WORDS {
            MIN_SCORE
        } else {
            TYPICAL
        };
        *scores.entry(DocClass::HealthInsurance).or_default() += weight;
    }

    // The zone the pipeline read, or one in the text itself if its check digits all hold.
    let from_text = match mrz {
        Some(_) => None,
        None => mrz::parse_text(&text).ok().filter(|m| m.checks_valid),
    };
    let zone = mrz.or(from_text.as_ref()).filter(|m| m.failed_checks <= 1);

    let (class, confidence) = match zone {
        Some(zone) => {
            evidence.push(format!("mrz:{}", zone.format.name()));
            evidence.push(
                if zone.checks_valid {
                    "mrz:checks_valid"
                } else {
                    "mrz:one_check_failed"
                }
                .to_owned(),
            );
            fields.extend(zone.fields());
            let class = identity_class(zone, &scores);
            (class, if zone.checks_valid { 0.99 } else { 0.85 })
        }
        None => decide_from_phrases(&folded, &mut scores, &mut evidence),
    };

    evidence.extend(
        matched
            .iter()
            .filter(|p| p.class == class)
            .take(MAX_PHRASE_EVIDENCE)
            .map(|p| format!("phrase:{}", p.text)),
    );
    add_fields(class, &folded, &mut fields, &mut evidence);
    Classification {
        class,
        confidence: (confidence * 100.0).round() / 100.0,
        fields,
        evidence,
    }
}

/// Which identity document a machine-readable zone belongs to. The document code says it
/// (`P` passport, `I`/`A`/`C` identity card, permit codes and visas residence permit); a
/// residence permit's title overrides an identity card's code, since states issue permits
/// with plain `I` codes too.
fn identity_class(zone: &Mrz, scores: &BTreeMap<DocClass, f32>) -> DocClass {
    let score = |c| scores.get(&c).copied().unwrap_or(0.0);
    let code = zone.document_code.as_bytes().first().copied();
    if zone.is_residence_permit() || code == Some(b'V') {
        DocClass::ResidencePermit
    } else if code == Some(b'P') {
        DocClass::Passport
    } else if score(DocClass::ResidencePermit) >= TITLE {
        DocClass::ResidencePermit
    } else {
        DocClass::IdentityCard
    }
}

/// The kind whose phrases score best, with the guard on identity documents; the confidence
/// grows with the score and with the lead over the runner-up.
fn decide_from_phrases(
    folded: &Folded,
    scores: &mut BTreeMap<DocClass, f32>,
    evidence: &mut Vec<String>,
) -> (DocClass, f32) {
    let labels = IDENTITY_LABELS
        .iter()
        .filter(|l| folded.contains(l))
        .count();
    for class in [
        DocClass::IdentityCard,
        DocClass::Passport,
        DocClass::ResidencePermit,
    ] {
        if let Some(score) = scores.get_mut(&class) {
            *score += HINT * labels as f32;
        }
    }
    let best_other = scores
        .iter()
        .filter(|(c, _)| !c.is_identity())
        .map(|(_, &s)| s)
        .fold(0.0f32, f32::max);
    // An identity document names no other kind of document: a title of another kind means a
    // document that talks about identity papers (a letter asking for a copy, a payslip).
    let other_title = scores
        .keys()
        .any(|&c| !c.is_identity() && has_title(folded, c));
    let short = folded.words.len() <= MAX_IDENTITY_WORDS;
    let mut blocked = false;
    scores.retain(|class, score| {
        let allowed = !class.is_identity()
            || (short
                && !other_title
                && labels >= MIN_IDENTITY_LABELS
                && has_title(folded, *class)
                && *score >= IDENTITY_LEAD * best_other);
        blocked |= !allowed;
        allowed
    });
    if blocked {
        evidence.push("guard:identity_needs_strong_evidence".to_owned());
    }
    let mut ranked: Vec<(DocClass, f32)> = scores.iter().map(|(&c, &s)| (c, s)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, second) = match ranked.as_slice() {
        [] => return (DocClass::Other, 0.5),
        [(c, s)] => ((*c, *s), 0.0),
        [(c, s), (_, s2), ..] => ((*c, *s), *s2),
    };
    if best.1 < MIN_SCORE {
        return (DocClass::Other, 1.0 - best.1 / (2.0 * MIN_SCORE));
    }
    if best.0.is_identity() {
        evidence.push(format!("identity_labels:{labels}"));
    }
    let strength = 1.0 - (-best.1 / TITLE).exp();
    let lead = best.1 / (best.1 + second);
    (best.0, (strength * lead).clamp(0.05, 0.98))
}

/// Whether one of `class`'s titles is in the text.
fn has_title(folded: &Folded, class: DocClass) -> bool {
    PHRASES
        .iter()
        .any(|p| p.class == class && p.weight >= TITLE && folded.contains(p.text))
}

/// The fields that name a document of `class`: period, expiry, issuer, tax year, dates.
fn add_fields(
    class: DocClass,
    folded: &Folded,
    fields: &mut BTreeMap<String, String>,
    evidence: &mut Vec<String>,
) {
    let flat = folded.words.join(" ");
    let found = dates::scan(&flat);
    let days: Vec<String> = found.iter().filter_map(|(_, d)| d.day_iso()).collect();
    if !days.is_empty() {
        fields.insert("dates".to_owned(), days.join(" "));
    }
    if matches!(class, DocClass::Payslip | DocClass::Benefits)
        && let Some(period) = dates::after_label(&flat, &found, dates::PERIOD_LABELS)
    {
        fields.insert("period".to_owned(), period.month_iso());
        evidence.push("field:period".to_owned());
    }
    if !fields.contains_key("expiry")
        && let Some(expiry) =
            dates::after_label(&flat, &found, dates::EXPIRY_LABELS).and_then(Found::day_iso)
    {
        fields.insert("expiry".to_owned(), expiry);
        evidence.push("field:expiry".to_owned());
    }
    if class == DocClass::TaxNotice
        && let Some(year) = dates::tax_year(&flat)
    {
        fields.insert("tax_year".to_owned(), year);
    }
    let names_issuer = matches!(
        class,
        DocClass::Benefits
            | DocClass::HealthInsurance
            | DocClass::TaxNotice
            | DocClass::ProofOfAddress
    );
    if names_issuer
        && let Some((_, issuer)) = ISSUERS.iter().find(|(phrase, _)| folded.contains(phrase))
    {
        fields.insert("issuer".to_owned(), (*issuer).to_owned());
        evidence.push(format!("issuer:{issuer}"));
    }
}

#[cfg(test)]
mod tests;
