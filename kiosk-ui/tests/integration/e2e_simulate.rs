//! A whole resident session, end to end, through the `kiosk` binary's headless driver.
//!
//! The story: a resident shows a photographed pairing card, lays down a two-sided identity
//! card, a two-page payslip and a proof of address, sends them, prints a receipt and leaves.
//! Everything real runs: the QR reader on the card photo, page detection and auto-capture on
//! the page photos, OCR and classification, the PDFs, delivery to Apache's WebDAV (a Nextcloud
//! file drop), the receipt through CUPS to the PDF printer, the wipe. The test then looks
//! where the documents should be (the vault: names and classes), where the receipt should be
//! (the printer's output: its text), and where nothing should be (the session folder).
//!
//! The page photos come from the corpus generator (seed 7), picked among documents the scanner
//! classifies right: the classes are asserted exactly. The pairing card is the committed
//! sample, whose link (`https://cloud.example.org/s/…`) the default rules accept; the driver's
//! `--vault-link` sends the documents to the local Apache instead.

use crate::cups_harness;
use crate::vault_harness;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use cups_harness::Cups;
use kiosk_tests::corpus::{Generator, Lang, Spec, Variant, save_jpeg};
use scanner::classify::DocClass;
use serde_json::Value;
use vault_harness::apache::{Apache, DROP_TOKEN};

/// The corpus seed of the page photos.
const SEED: u64 = 7;

/// Writes the photos of one generated document, one file per page or side, into `dir`.
fn write_document(generator: &Generator, dir: &Path, class: DocClass, lang: Lang, index: u32) {
    std::fs::create_dir_all(dir).expect("document folder");
    let spec = Spec { class, lang, index };
    for (n, sample) in generator.document(&spec, Variant::Photo).iter().enumerate() {
        save_jpeg(
            &dir.join(format!("{}.jpg", n + 1)),
            &sample.image,
            sample.quality,
        )
        .expect("page photo");
    }
}

/// The documents folder the driver reads: a card (front, back), a payslip of two pages made
/// of two generated payslip sheets, and a proof of address as a lone image.
fn frames(generator: &Generator, dir: &Path) -> PathBuf {
    let frames = dir.join("frames");
    write_document(
        generator,
        &frames.join("1-card"),
        DocClass::IdentityCard,
        Lang::Es,
        0,
    );
    let payslip = frames.join("2-payslip");
    for index in 0..2 {
        let sheet = dir.join(format!("payslip-{index}"));
        write_document(generator, &sheet, DocClass::Payslip, Lang::Fr, index);
        std::fs::create_dir_all(&payslip).expect("payslip folder");
        std::fs::rename(
            sheet.join("1.jpg"),
            payslip.join(format!("{}.jpg", index + 1)),
        )
        .expect("payslip page");
    }
    let proof = dir.join("proof");
    write_document(generator, &proof, DocClass::ProofOfAddress, Lang::Fr, 0);
    std::fs::rename(proof.join("1.jpg"), frames.join("3-proof.jpg")).expect("proof photo");
    frames
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/samples")
        .join(name)
}

/// A site name unique to this run: printed on the receipt, it finds the printed copy.
fn site_token() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("Simulation{}x{nanos}", std::process::id())
}

#[test]
fn a_session_delivers_three_documents_prints_a_receipt_and_leaves_nothing() {
    let work = tempfile::tempdir().expect("work folder");
    let generator = Generator::new(SEED).expect("DejaVu fonts (fonts-dejavu-core)");
    let frames = frames(&generator, work.path());
    let apache = Apache::start(None);
    let cups = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(Cups::ready());
    let site = site_token();
    let config = work.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "site_name = \"{site}\"\n\
             [vault]\n\
             allow_insecure_http = true\n\
             allow_ip_literals = true\n"
        ),
    )
    .expect("configuration");
    let sessions = work.path().join("run");
    let state = work.path().join("state");
    let link = format!("{}/s/{DROP_TOKEN}", apache.origin("127.0.0.1"));

    let out = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .arg("--config")
        .arg(&config)
        .arg("simulate")
        .arg("--pair-image")
        .arg(sample("qr-card-photo.jpg"))
        .arg("--frames")
        .arg(&frames)
        .args(["--vault-link", &link, "--printer", &cups.uri(), "--json"])
        .env("RUNTIME_DIRECTORY", &sessions)
        .env("STATE_DIRECTORY", &state)
        .output()
        .expect("the kiosk runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "kiosk simulate failed\nstdout: {stdout}\nstderr: {stderr}\napache: {}",
        apache.error_log()
    );
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1, "one session, one line: {stdout}");
    let session = &lines[0];

    // What the kiosk says it did: each document with its exact class and page count, saved.
    let documents = session["documents"].as_array().expect("documents");
    let summary: Vec<(&str, u64, bool)> = documents
        .iter()
        .map(|d| {
            (
                d["class"].as_str().expect("class"),
                d["pages"].as_u64().expect("pages"),
                d["saved"].as_bool().expect("saved"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("identity_card", 2, true),
            ("payslip", 2, true),
            ("proof_of_address", 1, true)
        ],
        "{stdout}"
    );
    assert_eq!(session["printed"], true, "{stdout}");
    assert_eq!(session["wiped"], true, "{stdout}");
    assert!(session["rss_kib"].as_u64().is_some_and(|kib| kib > 0));

    // What the vault holds: exactly those documents, as PDFs named by type in French.
    let mut names: Vec<String> = documents
        .iter()
        .map(|d| d["name"].as_str().expect("name").to_owned())
        .collect();
    names.sort();
    let stored = apache.files("drop");
    let stored_names: Vec<&str> = stored.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(stored_names, names, "{stdout}");
    for (label, name) in [
        ("Carte d'identité", &documents[0]["name"]),
        ("Bulletin de salaire", &documents[1]["name"]),
        ("Justificatif de domicile", &documents[2]["name"]),
    ] {
        let name = name.as_str().expect("name");
        assert!(name.contains(label) && name.ends_with(".pdf"), "{name}");
    }
    for (name, bytes) in &stored {
        assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
    }
    let payslip = stored
        .iter()
        .find(|(name, _)| name.contains("Bulletin de salaire"))
        .expect("the payslip in the vault");
    let payslip_text = cups_harness::pdf_bytes_text(&payslip.1).to_uppercase();
    assert!(
        payslip_text.contains("SALAIRE"),
        "searchable: {payslip_text}"
    );

    // What the receipt says: the site, each type with its pages, all saved.
    let receipt = cups.take_output(&site);
    for words in [
        "Carte d'identité — 2 pages",
        "Bulletin de salaire — 2 pages",
        "Justificatif de domicile — 1 page",
    ] {
        assert!(receipt.contains(words), "{words:?} in {receipt}");
    }
    assert_eq!(
        receipt.matches("enregistré dans votre coffre").count(),
        3,
        "{receipt}"
    );

    // What remains of the session on the kiosk: nothing.
    let left: Vec<_> = std::fs::read_dir(&sessions)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in the session folder: {left:?}");
    assert!(
        !stderr.contains(DROP_TOKEN),
        "the link reached the log: {stderr}"
    );
}
