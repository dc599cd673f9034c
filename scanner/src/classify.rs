//! Which kind of document a page is, and the fields that help name it.
//!
//! (Interface only; the classifier itself is being written.)

use std::collections::BTreeMap;

use serde::Serialize;

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

/// Classifies a document from the text of its pages and its machine-readable zone, if any.
pub fn classify(pages: &[&str], mrz: Option<&crate::mrz::Mrz>) -> Classification {
    let _ = (pages, mrz);
    Classification {
        class: DocClass::Other,
        confidence: 0.0,
        fields: BTreeMap::new(),
        evidence: Vec::new(),
    }
}
