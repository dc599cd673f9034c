//! The document templates: what each class of paper looks like, in each language.
//!
//! A template draws no pixels by itself: it picks the content (a fake person, amounts,
//! dates, an issuer) and returns a [`Doc`] whose pages know how to paint themselves on a
//! [`Canvas`] at any resolution. The same `Doc` therefore becomes both the scan and the photo.
//!
//! - [`letter`]: the A4 letter/form layout most administrative papers share, with varied
//!   styles (fonts, sizes, banners, table styles, logo placement).
//! - [`cards`]: identity cards, residence permits, passports and health cards.
//! - [`admin`]: payslips, tax notices, benefit attestations, bank details, proofs of address.
//! - [`life`]: health-insurance attestations, civil status, medical and employment papers.
//! - [`other`]: everyday papers that are not administrative (lists, menus, flyers, letters).

pub mod admin;
pub mod cards;
pub mod letter;
pub mod life;
pub mod other;

use image::Rgb;
use rand_chacha::ChaCha8Rng;
use scanner::classify::DocClass;

use super::paint::Canvas;
use super::{Lang, Truth};

/// Paints a page; the random stream decides decoration (stamp angle, signature strokes) and
/// is seeded the same for every rendering of the page.
pub type Art = Box<dyn Fn(&mut Canvas, &mut ChaCha8Rng) + Send + Sync>;

/// One physical page (or card side).
pub struct Page {
    /// Width in millimetres.
    pub w_mm: f32,
    /// Height in millimetres.
    pub h_mm: f32,
    /// Paper or card colour.
    pub paper: Rgb<u8>,
    /// `front`/`back` for cards.
    pub side: Option<&'static str>,
    /// What is printed on it.
    pub art: Art,
}

/// A document: its pages and what a reader should find on it.
pub struct Doc {
    /// The template's name (`payslip-fr-bulletin`…).
    pub template: String,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The ground truth.
    pub truth: Truth,
}

/// A4, in millimetres.
pub const A4: (f32, f32) = (210.0, 297.0);
/// ID-1 (bank-card size), in millimetres.
pub const ID1: (f32, f32) = (85.6, 53.98);

/// Builds a random document of `class` in `lang`.
pub fn build(class: DocClass, lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    match class {
        DocClass::IdentityCard => cards::identity_card(lang, rng),
        DocClass::Passport => cards::passport(lang, rng),
        DocClass::ResidencePermit => cards::residence_permit(lang, rng),
        DocClass::HealthInsurance => life::health_insurance(lang, rng),
        DocClass::Payslip => admin::payslip(lang, rng),
        DocClass::TaxNotice => admin::tax_notice(lang, rng),
        DocClass::Benefits => admin::benefits(lang, rng),
        DocClass::BankDetails => admin::bank_details(lang, rng),
        DocClass::ProofOfAddress => admin::proof_of_address(lang, rng),
        DocClass::CivilStatus => life::civil_status(lang, rng),
        DocClass::Medical => life::medical(lang, rng),
        DocClass::Employment => life::employment(lang, rng),
        DocClass::Other => other::other(lang, rng),
    }
}
