//! Printing to the real CUPS scheduler with the cups-pdf virtual printer: the receipt holds the
//! document types and "saved" marks and nothing else of the session; copies come out; a stopped
//! queue reads as offline and a job sent to it is cancelled at its deadline; a missing queue is
//! a clear error.
use crate::cups_harness;

use std::time::{Duration, Instant};

use cups_harness::{Cups, pdf_bytes_text};
use kiosk_ui::print::typeset::{Paragraph, typeset};
use kiosk_ui::print::{
    DEFAULT_FONT_PATH, Font, JobKind, JobState, Language, PrintError, Printer, PrinterState,
    Receipt, ReceiptLine,
};
use time::{Date, Month};

/// How long a job may take on the virtual printer before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// One scanned document as a session holds it: what the receipt may show and what it must not.
struct SessionDocument {
    /// The type's label in the resident's language.
    label: &'static str,
    pages: u32,
    saved: bool,
    /// The file name in the vault, built from fields read on the page.
    file_name: String,
    /// Text read on the page.
    ocr_text: String,
}

fn canary(what: &str) -> String {
    format!("CANARY-{what}-{}", std::process::id())
}

fn session_documents() -> Vec<SessionDocument> {
    vec![
        SessionDocument {
            label: "Carte d'identité",
            pages: 2,
            saved: true,
            file_name: format!("Carte d'identité {}.pdf", canary("NAME")),
            ocr_text: canary("IDNUMBER"),
        },
        SessionDocument {
            label: "Bulletin de salaire",
            pages: 2,
            saved: true,
            file_name: format!("2026-03 Bulletin de salaire {}.pdf", canary("EMPLOYER")),
            ocr_text: canary("IBAN"),
        },
        SessionDocument {
            label: "Justificatif de domicile",
            pages: 1,
            saved: false,
            file_name: format!("Justificatif de domicile {}.pdf", canary("ADDRESS")),
            ocr_text: canary("STREET"),
        },
    ]
}

/// What the session hands to the receipt: the type, the page count, the vault's answer.
fn receipt_for(site: &str, language: Language, documents: &[SessionDocument]) -> Receipt {
    Receipt {
        site: site.to_owned(),
        date: Date::from_calendar_date(2026, Month::March, 7).unwrap(),
        language,
        documents: documents
            .iter()
            .map(|d| ReceiptLine {
                label: d.label.to_owned(),
                pages: d.pages,
                saved: d.saved,
            })
            .collect(),
    }
}

fn font() -> Font {
    Font::load(DEFAULT_FONT_PATH.as_ref()).expect("DejaVu Sans (fonts-dejavu-core)")
}

/// A token unique to one test run, printed as the site's name to find the output again.
fn site_token(test: &str) -> String {
    format!("Site{test}{}", std::process::id())
}

#[tokio::test]
async fn a_receipt_lists_types_pages_and_saved_marks_and_nothing_of_the_session() {
    let cups = Cups::ready().await;
    let printer = Printer::new(&cups.uri()).expect("printer");
    assert_eq!(printer.state().await.expect("state"), PrinterState::Ready);

    let documents = session_documents();
    let vault_link = format!("https://cloud.example.org/s/{}", canary("LINK"));
    let site = site_token("Receipt");
    let pdf = receipt_for(&site, Language::French, &documents)
        .to_pdf(&font())
        .expect("receipt");
    printer
        .print(pdf, JobKind::Receipt, DEADLINE)
        .await
        .expect("printed");

    let text = cups.take_output(&site);
    for expected in [
        "Reçu de dépôt",
        "07/03/2026",
        "Carte d'identité — 2 pages",
        "Bulletin de salaire — 2 pages",
        "Justificatif de domicile — 1 page",
        "Cette borne a tout effacé.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the receipt:\n{text}"
        );
    }
    assert_eq!(
        text.matches("enregistré dans votre coffre").count(),
        2,
        "{text}"
    );
    assert_eq!(text.matches("non enregistré").count(), 1, "{text}");
    let secrets = documents
        .iter()
        .flat_map(|d| [d.file_name.clone(), d.ocr_text.clone()])
        .chain([vault_link]);
    for secret in secrets {
        assert!(!text.contains(&secret), "printed: {secret:?} in\n{text}");
    }
    assert!(!text.contains("CANARY"), "a canary was printed:\n{text}");
}

/// Ukrainian and Arabic receipts: their words are in the PDF the kiosk sends (read from the
/// document itself: once CUPS has turned DejaVu into Type 3 glyphs, `pdftotext` no longer
/// reads the printed copy reliably), and the scheduler prints them to the end.
#[tokio::test]
async fn receipts_in_ukrainian_and_arabic_hold_their_words_and_print() {
    let cups = Cups::ready().await;
    let printer = Printer::new(&cups.uri()).expect("printer");
    let font = font();

    let mut ukrainian = receipt_for(&site_token("Uk"), Language::Ukrainian, &session_documents());
    ukrainian.documents[1].label = "Розрахунковий лист".into();
    let mut arabic = receipt_for(&site_token("Ar"), Language::Arabic, &session_documents());
    arabic.documents[1].label = "كشف الراتب".into();
    let cases: [(Receipt, &[&str]); 2] = [
        (
            ukrainian,
            &[
                "Квитанція",
                "Розрахунковий лист — 2 сторінки",
                "збережено у вашому сейфі",
            ],
        ),
        (
            arabic,
            &["إيصال", "كشف الراتب", "محفوظة في خزنتك", "صفحتان"],
        ),
    ];
    for (receipt, expected) in cases {
        let pdf = receipt.to_pdf(&font).expect("receipt");
        let text = pdf_bytes_text(&pdf);
        for words in expected {
            assert!(text.contains(words), "{words:?} missing:\n{text}");
        }
        assert!(!text.contains("CANARY"), "a canary was printed:\n{text}");
        printer
            .print(pdf, JobKind::Receipt, DEADLINE)
            .await
            .expect("printed");
    }
}

#[tokio::test]
async fn a_copy_of_a_scanned_document_comes_out() {
    let cups = Cups::ready().await;
    let printer = Printer::new(&cups.uri()).expect("printer");
    let token = canary("COPY");
    let page = Paragraph {
        text: format!("Avis d'imposition {token}"),
        size: 12.0,
        space_before: 0.0,
    };
    let copy = typeset(&[page], &font(), false).expect("copy");
    assert!(pdf_bytes_text(&copy).contains(&token));

    printer
        .print(copy, JobKind::Copy, DEADLINE)
        .await
        .expect("printed");
    assert!(cups.take_output(&token).contains("Avis d'imposition"));
}

#[tokio::test]
async fn a_stopped_queue_reads_offline_and_its_job_is_cancelled_at_the_deadline() {
    let cups = Cups::ready().await;
    let printer = Printer::new(&cups.uri()).expect("printer");
    cups.disable();
    let state = printer.state().await;
    let site = site_token("Stopped");
    let pdf = receipt_for(&site, Language::English, &[])
        .to_pdf(&font())
        .unwrap();
    let started = Instant::now();
    let result = printer
        .print(pdf, JobKind::Receipt, Duration::from_secs(2))
        .await;
    let waited = started.elapsed();
    cups.enable();

    assert_eq!(state.expect("state"), PrinterState::Offline);
    match result {
        Err(PrintError::NotPrinted(Some(PrinterState::Offline))) => {}
        other => panic!("expected NotPrinted(Offline), got {other:?}"),
    }
    // Bounded: the deadline plus a few requests, not however long the queue stays stopped.
    assert!(waited < Duration::from_secs(2 + 3), "waited {waited:?}");
    assert_eq!(printer.state().await.expect("state"), PrinterState::Ready);
}

#[tokio::test]
async fn a_cancelled_job_is_reported_as_such() {
    let cups = Cups::ready().await;
    let printer = Printer::new(&cups.uri()).expect("printer");
    cups.disable();
    let pdf = receipt_for(&site_token("Cancel"), Language::French, &[])
        .to_pdf(&font())
        .unwrap();
    let job = printer.submit(pdf, JobKind::Receipt).await;
    let before = match &job {
        Ok(job) => printer.job_state(*job).await,
        Err(_) => Err(PrintError::BadResponse("no job")),
    };
    let cancelled = match &job {
        Ok(job) => printer.cancel(*job).await,
        Err(_) => Ok(()),
    };
    cups.enable();

    let job = job.expect("submitted");
    assert_eq!(before.expect("state"), JobState::Pending);
    cancelled.expect("cancel");
    match printer.job_state(job).await {
        Ok(JobState::Canceled) => {}
        other => panic!("expected the job cancelled, got {other:?}"),
    }
}

#[tokio::test]
async fn a_missing_queue_is_a_clear_error() {
    let _cups = Cups::ready().await;
    let printer = Printer::new("ipp://localhost:631/printers/no-such-queue").expect("printer");
    assert!(matches!(
        printer.state().await,
        Err(PrintError::NoSuchPrinter)
    ));
    let pdf = receipt_for("x", Language::French, &[])
        .to_pdf(&font())
        .unwrap();
    let result = printer.print(pdf, JobKind::Receipt, DEADLINE).await;
    assert!(
        matches!(result, Err(PrintError::NoSuchPrinter)),
        "{result:?}"
    );
}
