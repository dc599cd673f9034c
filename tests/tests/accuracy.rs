//! Issue 2's accuracy targets, checked with the real scanner pipeline on a small generated
//! set: one document of every class × language, as a scan and as a photo (78 documents).
//!
//! The slowest test of the default run: about 5 minutes in the test profile on a 2-core
//! machine (3 in a release build). The thresholds are the issue's targets themselves
//! ([`SCAN_TARGET`], [`PHOTO_TARGET`], [`MRZ_TARGET`], no false identity document). The
//! full-size measurement, on any seed, is the `accuracy` binary
//! (`cargo run --release -p kiosk-tests --bin accuracy -- --count 4`).

use kiosk_tests::accuracy::{MRZ_TARGET, PHOTO_TARGET, SCAN_TARGET, evaluate};
use kiosk_tests::corpus::{Generator, Variant};
use scanner::pipeline::Pipeline;

/// The seed of the CI set; a different seed than the samples, so nothing is tuned to them.
const SEED: u64 = 20_260_202;

#[test]
fn pipeline_meets_the_accuracy_targets_of_issue_2() {
    let generator = Generator::new(SEED).expect("DejaVu fonts (fonts-dejavu-core)");
    let mut pipeline = Pipeline::new().expect("tesseract with fra+spa+eng");
    let report = evaluate(
        &generator,
        &mut pipeline,
        1,
        &[Variant::Scan, Variant::Photo],
        |_, _| {},
    );
    println!("{}", report.render());
    assert_eq!(report.outcomes.len(), 13 * 3 * 2);
    assert_eq!(
        report.false_identities(),
        0,
        "a non-identity document was taken for an identity document"
    );
    assert!(
        report.accuracy_ratio(Variant::Scan) >= SCAN_TARGET,
        "scan accuracy below target"
    );
    assert!(
        report.accuracy_ratio(Variant::Photo) >= PHOTO_TARGET,
        "photo accuracy below target"
    );
    assert!(
        report.mrz_ratio(Variant::Photo) >= MRZ_TARGET,
        "MRZ exactness on photos below target"
    );
}
