//! Sample scenes for screenshots, UI tests and the first-frame benchmark: every screen the
//! resident can meet, reached by driving a real [`Session`] with events.
//!
//! No screen state is made up: each sample is a session taken through the same events the
//! runtime would feed it (start, a code read, pages captured, uploads answered, a print job
//! failed…), so a screenshot shows what a resident would see at that step. The pictures — the
//! camera preview and thumbnails — come from the committed sample photos
//! (`tests/data/samples`); without them the screens are drawn with empty pictures.

use std::path::Path;
use std::time::{Duration, Instant};

use image::RgbImage;
use image::imageops::{self, FilterType};

use crate::runtime::Preview;
use crate::session::{
    DocClass, Event, PageId, PairingOutcome, PasswordVerdict, PrinterProblem, PrinterState,
    RefusalReason, SecretText, Session, SessionSettings, Tap, UploadFailure, UploadOutcome, View,
};

use super::display::Scene;

/// Every sample, by name, in the order a session meets them.
pub const SCREENS: [&str; 25] = [
    "welcome",
    "pair",
    "keypad",
    "phone-approval",
    "scan",
    "scan-reading",
    "review",
    "send",
    "send-finished",
    "receipt",
    "receipt-printed",
    "done",
    "still-there",
    "error-camera-lost",
    "error-not-a-vault-link",
    "error-not-allowed-here",
    "error-link-not-working",
    "error-vault-unreachable",
    "error-password-tries",
    "error-phone-expired",
    "error-printer-offline",
    "error-printer-out-of-paper",
    "error-printer-jammed",
    "error-printer-failed",
    "error-printer-none",
];

/// Width of the camera preview, as the runtime hands it to the screens.
const PREVIEW_WIDTH: u32 = 640;
/// Height of a thumbnail.
const THUMBNAIL_HEIGHT: u32 = 160;
/// An invented phone-approval address (the QR code on the phone-approval screen).
const LOGIN_ADDRESS: &str = "https://cloud.example.org/index.php/login/v2/flow/Sample0Login7Flow";

/// The pictures samples show, decoded once.
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    pairing: Option<Preview>,
    page: Option<Preview>,
    thumbnails: Vec<RgbImage>,
}

impl Pictures {
    /// Loads the sample photos from `dir` (the layout of `tests/data/samples`); photos that
    /// are missing or unreadable are left out.
    pub fn load(dir: &Path) -> Self {
        let preview = |name: &str, outline: bool| {
            let (photo, corners) = photo(dir, name)?;
            let scale = PREVIEW_WIDTH as f32 / photo.width() as f32;
            let height = (photo.height() as f32 * scale).round() as u32;
            Some(Preview {
                image: imageops::resize(&photo, PREVIEW_WIDTH, height, FilterType::Triangle),
                outline: corners
                    .filter(|_| outline)
                    .map(|c| c.map(|(x, y)| (x * scale, y * scale))),
            })
        };
        let thumbnail = |name: &str| {
            let (photo, corners) = photo(dir, name)?;
            let page = match corners {
                Some(corners) => crop_to(&photo, &corners),
                None => photo,
            };
            let width = page.width() * THUMBNAIL_HEIGHT / page.height().max(1);
            Some(imageops::resize(
                &page,
                width.max(1),
                THUMBNAIL_HEIGHT,
                FilterType::Triangle,
            ))
        };
        Self {
            pairing: preview("qr-card-photo", false),
            page: preview("payslip-fr-photo", true),
            thumbnails: [
                "id-card-front-photo",
                "id-card-back-photo",
                "payslip-fr-photo",
            ]
            .into_iter()
            .filter_map(thumbnail)
            .collect(),
        }
    }
}

/// A page's four corners in a photo, clockwise from top-left.
type Corners = [(f32, f32); 4];

/// A photo and, from its label, the page's corners in it.
fn photo(dir: &Path, name: &str) -> Option<(RgbImage, Option<Corners>)> {
    let image = image::open(dir.join(format!("{name}.jpg"))).ok()?.to_rgb8();
    let corners = std::fs::read_to_string(dir.join(format!("{name}.json")))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|label| {
            let corners: Vec<(f32, f32)> =
                serde_json::from_value(label.get("corners")?.clone()).ok()?;
            <[(f32, f32); 4]>::try_from(corners).ok()
        });
    Some((image, corners))
}

/// The part of `photo` inside the corners' bounding box.
fn crop_to(photo: &RgbImage, corners: &[(f32, f32); 4]) -> RgbImage {
    let clamp = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
    let xs = corners.map(|c| clamp(c.0, photo.width()));
    let ys = corners.map(|c| clamp(c.1, photo.height()));
    let (x0, x1) = (xs.iter().min().copied(), xs.iter().max().copied());
    let (y0, y1) = (ys.iter().min().copied(), ys.iter().max().copied());
    match (x0, x1, y0, y1) {
        (Some(x0), Some(x1), Some(y0), Some(y1)) if x1 > x0 && y1 > y0 => {
            imageops::crop_imm(photo, x0, y0, x1 - x0, y1 - y0).to_image()
        }
        _ => photo.clone(),
    }
}

/// One screen as a resident would see it.
#[derive(Debug, Clone)]
pub struct Sample {
    view: View,
    processing: bool,
    preview: Option<Preview>,
    thumbnails: Vec<RgbImage>,
}

impl Scene for Sample {
    fn view(&self) -> View {
        self.view.clone()
    }

    fn preview(&self) -> Option<Preview> {
        self.preview.clone()
    }

    fn processing(&self) -> bool {
        self.processing
    }

    fn thumbnail(&self, page: PageId) -> Option<RgbImage> {
        let index = usize::try_from(page.raw().checked_sub(1)?).ok()?;
        self.thumbnails.get(index).cloned()
    }
}

/// The sample called `name` (one of [`SCREENS`]) in `language`; `None` for an unknown name.
pub fn sample(name: &str, language: &str, pictures: &Pictures) -> Option<Sample> {
    let mut story = Story::new(language);
    let mut processing = false;
    let mut preview = None;
    match name {
        "welcome" => {}
        "pair" => {
            story.tap(Tap::Start);
            preview = pictures.pairing.clone();
        }
        "keypad" => {
            story.code(PairingOutcome::NeedsPassword);
            for c in "4821".chars() {
                story.tap(Tap::Key(c));
            }
        }
        "phone-approval" => {
            story.tap(Tap::Start);
            story.tap(Tap::PhoneApproval);
            story.send(Event::PhoneApprovalRequested {
                login: SecretText::from(LOGIN_ADDRESS),
            });
        }
        "scan" | "scan-reading" => {
            story.code(PairingOutcome::Accepted);
            processing = name == "scan-reading";
            story.send(Event::Guidance(if processing {
                crate::session::Guidance::Capturing
            } else {
                crate::session::Guidance::HoldStill
            }));
            preview = pictures.page.clone();
        }
        "review" => story.review(),
        "send" => {
            story.review();
            story.tap(Tap::Next);
            story.send(Event::UploadProgress {
                doc: story.doc(0)?,
                percent: 60,
            });
            story.saved(1, UploadOutcome::Saved)?;
        }
        "send-finished" => story.sent()?,
        "receipt" => story.receipt()?,
        "receipt-printed" => {
            story.receipt()?;
            story.tap(Tap::PrintReceipt);
            story.send(Event::PrintResult(Ok(())));
        }
        "done" => {
            story.receipt()?;
            story.tap(Tap::Finish);
        }
        "still-there" => {
            story.tap(Tap::Start);
            preview = pictures.pairing.clone();
            let settings = SessionSettings::default();
            story.later(settings.idle_after + settings.countdown / 2);
        }
        "error-camera-lost" => {
            story.tap(Tap::Start);
            story.send(Event::CameraLost);
        }
        "error-not-a-vault-link" => {
            story.code(PairingOutcome::Refused(RefusalReason::NotAVaultLink))
        }
        "error-not-allowed-here" => {
            story.code(PairingOutcome::Refused(RefusalReason::NotAllowedHere))
        }
        "error-link-not-working" => {
            story.code(PairingOutcome::Refused(RefusalReason::LinkNotWorking))
        }
        "error-vault-unreachable" => {
            story.code(PairingOutcome::Refused(RefusalReason::VaultUnreachable))
        }
        "error-password-tries" => {
            story.code(PairingOutcome::NeedsPassword);
            for _ in 0..SessionSettings::default().password_tries {
                story.tap(Tap::Key('0'));
                story.tap(Tap::Submit);
                story.send(Event::PasswordChecked(PasswordVerdict::Wrong));
            }
        }
        "error-phone-expired" => {
            story.tap(Tap::Start);
            story.tap(Tap::PhoneApproval);
            story.send(Event::PhoneApprovalExpired);
        }
        "error-printer-offline" => story.print_failed(PrinterProblem::Offline)?,
        "error-printer-out-of-paper" => story.print_failed(PrinterProblem::OutOfPaper)?,
        "error-printer-jammed" => story.print_failed(PrinterProblem::Jammed)?,
        "error-printer-failed" => story.print_failed(PrinterProblem::Failed)?,
        "error-printer-none" => story.print_failed(PrinterProblem::NoPrinter)?,
        _ => return None,
    }
    Some(Sample {
        view: story.session.view(),
        processing,
        preview,
        thumbnails: pictures.thumbnails.clone(),
    })
}

/// A session being taken through a sample's events.
struct Story {
    session: Session,
    now: Instant,
    pages: u64,
}

impl Story {
    fn new(language: &str) -> Self {
        let now = Instant::now();
        let mut story = Self {
            session: Session::new(SessionSettings::default(), now),
            now,
            pages: 0,
        };
        story.send(Event::LanguageChosen(language.to_owned()));
        story.send(Event::Printer(PrinterState::Ready));
        story
    }

    fn send(&mut self, event: Event) {
        // The commands are for a runtime; a sample only needs the state they leave behind.
        drop(self.session.handle(self.now, event));
    }

    fn tap(&mut self, tap: Tap) {
        self.send(Event::Tap(tap));
    }

    /// Lets time pass without a touch.
    fn later(&mut self, after: Duration) {
        self.now += after;
        self.send(Event::Tick);
    }

    /// "Start", then a code with this outcome.
    fn code(&mut self, outcome: PairingOutcome) {
        self.tap(Tap::Start);
        self.send(Event::QrDecoded {
            payload: SecretText::from("https://cloud.example.org/s/Sample0Share"),
            outcome,
        });
    }

    fn capture(&mut self, class_guess: DocClass) {
        self.pages += 1;
        self.send(Event::CaptureReady {
            page: PageId::from_raw(self.pages),
            class_guess,
        });
    }

    /// Paired; an identity card front and back, and a payslip: the review screen.
    fn review(&mut self) {
        self.code(PairingOutcome::Accepted);
        self.capture(DocClass::IdentityCard);
        self.capture(DocClass::Other);
        self.tap(Tap::AddDocument);
        self.capture(DocClass::Payslip);
    }

    /// The id of the `n`th document.
    fn doc(&self, n: usize) -> Option<crate::session::DocId> {
        match self.session.view().screen {
            crate::session::Screen::Review { documents }
            | crate::session::Screen::Send { documents, .. } => documents.get(n).map(|d| d.id),
            _ => None,
        }
    }

    /// The vault's answer for the `n`th document.
    fn saved(&mut self, n: usize, outcome: UploadOutcome) -> Option<()> {
        let doc = self.doc(n)?;
        self.send(Event::UploadResult { doc, outcome });
        Some(())
    }

    /// Sent: the card saved, the payslip not (network).
    fn sent(&mut self) -> Option<()> {
        self.review();
        self.tap(Tap::Next);
        self.saved(0, UploadOutcome::Saved)?;
        self.saved(1, UploadOutcome::NotSaved(UploadFailure::Network))
    }

    /// On the receipt screen.
    fn receipt(&mut self) -> Option<()> {
        self.sent()?;
        self.tap(Tap::Next);
        Some(())
    }

    /// A receipt asked for and failed with `problem`.
    fn print_failed(&mut self, problem: PrinterProblem) -> Option<()> {
        self.receipt()?;
        self.tap(Tap::PrintReceipt);
        self.send(Event::PrintResult(Err(problem)));
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::props::Props;

    fn props(name: &str) -> Props {
        let sample = sample(name, "es", &Pictures::default()).expect(name);
        Props::of(&sample.view)
    }

    #[test]
    fn every_error_sample_shows_the_error_it_is_named_after() {
        for name in SCREENS.iter().filter(|n| n.starts_with("error-")) {
            let props = props(name);
            assert_eq!(props.screen, crate::ui::generated::Screen::Error, "{name}");
            assert_eq!(format!("error-{}", props.error_kind), *name);
        }
    }

    #[test]
    fn every_screen_has_a_sample_in_the_language_asked() {
        use crate::ui::generated::Screen as S;
        let screens: Vec<S> = SCREENS.iter().map(|n| props(n).screen).collect();
        for screen in [
            S::Welcome,
            S::Pair,
            S::Keypad,
            S::PhoneApproval,
            S::Scan,
            S::Review,
            S::Send,
            S::Receipt,
            S::Done,
            S::Error,
        ] {
            assert!(screens.contains(&screen), "{screen:?} has a sample");
        }
        assert!(SCREENS.iter().all(|n| props(n).language == "es"));
        assert!(sample("nowhere", "es", &Pictures::default()).is_none());
    }

    #[test]
    fn samples_show_what_their_story_did() {
        assert_eq!(props("keypad").keypad_typed, 4);
        assert!(props("phone-approval").phone_login.is_some());
        assert_eq!(props("review").documents.len(), 2);
        let send = props("send");
        assert_eq!(
            send.documents.iter().map(|r| r.state).collect::<Vec<_>>(),
            ["sending", "saved"]
        );
        assert!(props("send-finished").send_finished);
        assert_eq!(props("done").done_reason, "finished");
        assert!(props("still-there").countdown.is_some());
    }

    #[test]
    fn the_committed_photos_give_previews_outlines_and_thumbnails() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/samples");
        let pictures = Pictures::load(&dir);
        let page = pictures.page.as_ref().expect("the payslip photo");
        assert_eq!(page.image.width(), PREVIEW_WIDTH);
        let outline = page.outline.expect("its corners");
        assert!(outline.iter().all(|(x, y)| *x >= 0.0
            && *x <= PREVIEW_WIDTH as f32
            && *y >= 0.0
            && *y <= page.image.height() as f32));
        assert!(
            pictures
                .pairing
                .as_ref()
                .is_some_and(|p| p.outline.is_none())
        );
        assert_eq!(pictures.thumbnails.len(), 3);
        assert!(
            pictures
                .thumbnails
                .iter()
                .all(|t| t.height() == THUMBNAIL_HEIGHT)
        );
    }
}
