//! The small sample set committed in `tests/data/samples/`: a few named photos that the
//! README demo and other tests use (a French payslip, a passport, both sides of an identity
//! card, a French proof of address, a pairing card and a dark-mode phone screen).

use scanner::classify::DocClass;

use super::pairing::Carrier;
use super::{CorpusError, Generator, Lang, Sample, Spec, Variant};

/// The seed the committed sample set is generated with.
pub const SAMPLE_SEED: u64 = 2026;

/// The named documents of the sample set: spec and file-name stem.
const DOCUMENTS: [(DocClass, Lang, &str); 4] = [
    (DocClass::Payslip, Lang::Fr, "payslip-fr"),
    (DocClass::Passport, Lang::Fr, "passport"),
    (DocClass::IdentityCard, Lang::Fr, "id-card"),
    (DocClass::ProofOfAddress, Lang::Fr, "proof-of-address-fr"),
];

/// Renders the sample set with `generator`'s seed (use [`SAMPLE_SEED`] for the committed one).
pub fn sample_set(generator: &Generator) -> Result<Vec<Sample>, CorpusError> {
    let mut out = Vec::new();
    for (class, lang, stem) in DOCUMENTS {
        let spec = Spec {
            class,
            lang,
            index: 0,
        };
        for mut sample in generator.document(&spec, Variant::Photo) {
            let side = sample
                .label
                .side
                .as_ref()
                .map(|s| format!("-{s}"))
                .unwrap_or_default();
            sample.label.file = format!("{stem}{side}-photo.jpg");
            out.push(sample);
        }
    }
    for (carrier, stem) in [(Carrier::Card, "qr-card"), (Carrier::Screen, "qr-screen")] {
        let mut sample = generator.pairing(carrier, 0)?;
        sample.label.file = format!("{stem}-photo.jpg");
        out.push(sample);
    }
    Ok(out)
}
