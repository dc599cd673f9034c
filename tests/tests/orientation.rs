//! Pages whose orientation the print's shape gets wrong, from the generated set: the pipeline
//! must still read them the right way up. Each is a document the `accuracy` command once
//! missed for that reason alone, photographed as it was then (in a 1080p frame).

use kiosk_tests::accuracy::read_document;
use kiosk_tests::corpus::camera::HD_FRAME;
use kiosk_tests::corpus::{Generator, Lang, Spec, Variant};
use scanner::classify::DocClass;
use scanner::pipeline::Pipeline;

/// The seed of the accuracy command's CI set, where these documents come from.
const SEED: u64 = 20_260_202;

fn read(class: DocClass, lang: Lang, variant: Variant) -> (Option<DocClass>, Option<Vec<String>>) {
    let generator = Generator::new(SEED)
        .expect("DejaVu fonts (fonts-dejavu-core)")
        .with_photo_frame(HD_FRAME);
    let mut pipeline = Pipeline::new().expect("tesseract with fra+spa+eng");
    let spec = Spec {
        class,
        lang,
        index: 0,
    };
    read_document(&mut pipeline, &generator.document(&spec, variant))
}

/// The back of a Spanish DNI is all capitals and a zone, with nothing printed across its
/// middle: its shape looks upside down, and the middle band read either way tells nothing.
#[test]
fn an_identity_cards_back_in_capitals_is_read_upright() {
    let (class, zone) = read(DocClass::IdentityCard, Lang::Es, Variant::Scan);
    assert_eq!(class, Some(DocClass::IdentityCard));
    assert!(zone.is_some(), "the zone was not read");
}

/// An energy bill photographed upside down, whose middle band starts inside a dark table
/// heading: read as a page, that band holds no text either way up.
#[test]
fn an_upside_down_bill_whose_middle_is_a_table_is_turned_upright() {
    let (class, _) = read(DocClass::ProofOfAddress, Lang::En, Variant::Photo);
    assert_eq!(class, Some(DocClass::ProofOfAddress));
}
