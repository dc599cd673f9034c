//! Generated photos that the accuracy command once got wrong, each for a reason of its own,
//! read end to end as the kiosk reads them.
//!
//! - Outlines that cannot be trusted: a card on a pale table under a lamp, where the pool of
//!   light stands out more than the card, and an open passport whose outline cuts the end of
//!   its zone. The pipeline reads the whole photo as well when the outline's sides were not
//!   found on the paper's edge, or when the page shows a zone it could not read.
//! - A document number mixing `O` and `0`, which the check digit cannot settle: the glyphs
//!   are compared with the zone's sure zeros and `O`s.
//! - An open passport outlined on the table's pattern, the outline missing its zone: a page
//!   that reads as a passport's data page but shows no zone has the whole photo read too.
//! - A residence permit's back whose few lines and monospaced zone fool the ink profile into
//!   turning it a quarter: tesseract reads its lines standing on end, which says so.
//! - A given name misread in the zone (`ROCIO` as `ROCTO`), which no check digit covers: it
//!   is confirmed against the name printed on the card's front.
//! - A card back outlined without its zone band, on a gingham cloth: the whole photo is read,
//!   and the card's tilt is measured on its black print, not on the cloth's grey squares.
//! - An upside-down bill whose outline was found on no edge: the whole photo is read the way
//!   up its flattened page stood, as the cloth around it outweighs its print in the ink
//!   profile that finds a page's text axis.
//! - Misreads in a zone that its check digits alone would not catch or would mend wrongly: a
//!   Spanish card's DNI with a zero read twice, mended by its check letter; a residence
//!   permit's code `IR` read `TR`; a French passport number's `Q` read `0`, which two wrong
//!   substitutions also passed the check digit for, read into the number's shape; a mark on
//!   a card's edge read as a letter before its holder's names.

use kiosk_tests::accuracy::read_document;
use kiosk_tests::corpus::{Generator, Lang, Spec, Variant};
use scanner::classify::DocClass;
use scanner::pipeline::Pipeline;

/// Reads the photographed document `spec` of the set generated with `seed`; returns its class
/// and whether its machine-readable zone (if it has one) was read exactly.
fn read(seed: u64, spec: Spec) -> (Option<DocClass>, Option<bool>) {
    let generator = Generator::new(seed).expect("DejaVu fonts (fonts-dejavu-core)");
    let pages = generator.document(&spec, Variant::Photo);
    let expected = pages.first().and_then(|p| p.label.truth.mrz.clone());
    let mut pipeline = Pipeline::new().expect("tesseract with fra, spa and eng");
    let (class, zone) = read_document(&mut pipeline, &pages);
    (class, expected.map(|e| zone == Some(e)))
}

fn spec(class: DocClass, lang: Lang) -> Spec {
    Spec {
        class,
        lang,
        index: 0,
    }
}

/// Asserts that the photographed document of `class` in `lang` of the set generated with
/// `seed` is classified right and its machine-readable zone read exactly.
fn assert_zone_read_exactly(seed: u64, class: DocClass, lang: Lang) {
    let (read_class, zone_exact) = read(seed, spec(class, lang));
    assert_eq!(read_class, Some(class));
    assert_eq!(zone_exact, Some(true));
}

#[test]
fn a_card_outshone_by_the_lamp_on_a_pale_table_is_read_from_the_whole_photo() {
    let (class, _) = read(20261203, spec(DocClass::HealthInsurance, Lang::Fr));
    assert_eq!(class, Some(DocClass::HealthInsurance));
}

#[test]
fn an_identity_card_outshone_by_the_lamp_has_its_zone_read() {
    assert_zone_read_exactly(20261203, DocClass::IdentityCard, Lang::En);
}

#[test]
fn an_open_passport_whose_outline_cuts_its_zone_has_the_zone_read() {
    assert_zone_read_exactly(20260202, DocClass::Passport, Lang::En);
}

#[test]
fn a_document_number_mixing_letter_o_and_zero_is_read_exactly() {
    // G1OOCV500: reading it G100CV5O0 passes the check digit too.
    assert_zone_read_exactly(20261203, DocClass::IdentityCard, Lang::Fr);
}

#[test]
fn a_passport_outlined_on_the_tables_pattern_has_its_zone_read() {
    assert_zone_read_exactly(7, DocClass::Passport, Lang::En);
}

#[test]
fn a_card_back_turned_a_quarter_by_its_ink_profile_is_read_upright() {
    assert_zone_read_exactly(7, DocClass::ResidencePermit, Lang::En);
}

#[test]
fn a_name_misread_in_the_zone_is_confirmed_by_the_cards_front() {
    assert_zone_read_exactly(7, DocClass::IdentityCard, Lang::Es);
}

#[test]
fn a_card_back_outlined_without_its_zone_on_gingham_has_its_zone_read() {
    assert_zone_read_exactly(7, DocClass::IdentityCard, Lang::Fr);
}

#[test]
fn an_upside_down_bill_read_from_the_whole_photo_is_read_upright() {
    let (class, _) = read(20260202, spec(DocClass::ProofOfAddress, Lang::En));
    assert_eq!(class, Some(DocClass::ProofOfAddress));
}

#[test]
fn a_dni_with_a_zero_read_twice_is_mended_by_its_check_letter() {
    assert_zone_read_exactly(99, DocClass::IdentityCard, Lang::Es);
}

#[test]
fn a_residence_permits_code_read_with_a_t_for_its_i_is_mended() {
    assert_zone_read_exactly(7, DocClass::ResidencePermit, Lang::Es);
}

#[test]
fn a_french_passport_numbers_q_read_as_a_zero_is_mended_by_its_shape() {
    assert_zone_read_exactly(4242, DocClass::Passport, Lang::Fr);
}

#[test]
fn a_mark_read_before_a_cards_names_is_dropped() {
    assert_zone_read_exactly(4242, DocClass::IdentityCard, Lang::En);
}
