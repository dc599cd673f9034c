//! The session's [`View`] as the window's property values: plain data, no Slint window needed.
//!
//! Every string the markup switches on (`guidance`, `error-kind`, a document's `state`…) is
//! spelled here and only here, from the session's enums; the markup's `Labels` global turns
//! them into translated words. Values that do not apply to the current screen keep their
//! neutral value (`""`, `0`, `false`), so a screen never shows a stale value from another one.
//! [`Props`] compares equal when nothing visible changed, which is how the adapter knows it
//! can skip an update.

use crate::session::{
    Document, EndReason, ErrorKind, Guidance, PageId, PrintJob, PrinterProblem, PrinterState,
    RefusalReason, ScanTarget, Screen, SecretText, SendState, UploadFailure, View, WayForward,
    is_card,
};

use super::actions::class_key;
use super::generated;
use super::languages::is_right_to_left;

/// Everything the window shows, apart from images.
#[derive(Debug, Clone, PartialEq)]
pub struct Props {
    /// Which screen.
    pub screen: generated::Screen,
    /// The language code.
    pub language: String,
    /// Whether the layouts are mirrored.
    pub rtl: bool,
    /// Seconds left on the "Are you still there?" overlay, when it shows.
    pub countdown: Option<i32>,
    /// Characters typed on the keypad.
    pub keypad_typed: i32,
    /// Password attempts left.
    pub keypad_tries_left: i32,
    /// Whether the vault is checking the password.
    pub keypad_checking: bool,
    /// The phone-approval login address to show as a QR code, once there is one.
    pub phone_login: Option<SecretText>,
    /// What the next picture is for.
    pub scan_target: &'static str,
    /// The advice while scanning.
    pub guidance: &'static str,
    /// The documents on the review and send screens.
    pub documents: Vec<Row>,
    /// Whether every document has its final answer from the vault.
    pub send_finished: bool,
    /// The printer, as the receipt screen words it.
    pub printer_state: &'static str,
    /// Whether a print job is on its way.
    pub printing: bool,
    /// What came out of the printer last: `""`, `receipt` or `copies`.
    pub printed: &'static str,
    /// Whether "Finish" waits for a print job.
    pub finishing: bool,
    /// Why the session ended.
    pub done_reason: &'static str,
    /// What went wrong, on the error screen.
    pub error_kind: &'static str,
    /// What the error screen offers.
    pub way_forward: &'static str,
}

/// One document, as a row of the review and send screens (a `DocRow` without its picture).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The session's document id.
    pub id: i32,
    /// The class key (`payslip`).
    pub class: String,
    /// Whether to offer "add back side".
    pub is_card: bool,
    /// Whether the back side is there.
    pub has_back: bool,
    /// Its pages in order (their pictures are shown; their number is the page count).
    pub pages: Vec<PageId>,
    /// `not-sent`, `sending`, `saved` or `not-saved`.
    pub state: &'static str,
    /// How much is sent, while sending.
    pub percent: i32,
    /// Why it is not saved (`""` otherwise).
    pub failure: &'static str,
}

impl Props {
    /// The property values for a view.
    pub fn of(view: &View) -> Self {
        let mut props = Props {
            screen: generated::Screen::Welcome,
            language: view.language.clone(),
            rtl: is_right_to_left(&view.language),
            countdown: view
                .countdown
                .map(|left| saturating_i32(left.as_millis().div_ceil(1000))),
            keypad_typed: 0,
            keypad_tries_left: 0,
            keypad_checking: false,
            phone_login: None,
            scan_target: "",
            guidance: "",
            documents: Vec::new(),
            send_finished: false,
            printer_state: "",
            printing: false,
            printed: "",
            finishing: false,
            done_reason: "",
            error_kind: "",
            way_forward: "",
        };
        match &view.screen {
            Screen::Welcome => {}
            Screen::Pair => props.screen = generated::Screen::Pair,
            Screen::Keypad {
                typed,
                tries_left,
                checking,
            } => {
                props.screen = generated::Screen::Keypad;
                props.keypad_typed = saturating_i32(*typed);
                props.keypad_tries_left = i32::from(*tries_left);
                props.keypad_checking = *checking;
            }
            Screen::PhoneApproval { login } => {
                props.screen = generated::Screen::PhoneApproval;
                props.phone_login = login.clone();
            }
            Screen::Scan { target, guidance } => {
                props.screen = generated::Screen::Scan;
                props.scan_target = scan_target_key(*target);
                props.guidance = guidance_key(*guidance);
            }
            Screen::Review { documents } => {
                props.screen = generated::Screen::Review;
                props.documents = documents.iter().map(Row::of).collect();
            }
            Screen::Send {
                documents,
                finished,
            } => {
                props.screen = generated::Screen::Send;
                props.documents = documents.iter().map(Row::of).collect();
                props.send_finished = *finished;
            }
            Screen::Receipt {
                printer,
                printing,
                printed,
                finishing,
            } => {
                props.screen = generated::Screen::Receipt;
                props.printer_state = printer_key(*printer);
                props.printing = *printing;
                props.printed = match printed {
                    None => "",
                    Some(PrintJob::Receipt) => "receipt",
                    Some(PrintJob::Copies) => "copies",
                };
                props.finishing = *finishing;
            }
            Screen::Done { reason } => {
                props.screen = generated::Screen::Done;
                props.done_reason = end_key(*reason);
            }
            Screen::Error { kind, way_forward } => {
                props.screen = generated::Screen::Error;
                props.error_kind = error_key(*kind);
                props.way_forward = way_forward_key(*way_forward);
            }
        }
        props
    }
}

impl Row {
    /// The row for a document.
    pub fn of(doc: &Document) -> Self {
        let (state, percent, failure) = match doc.send {
            SendState::NotSent => ("not-sent", 0, ""),
            SendState::Sending(percent) => ("sending", i32::from(percent.min(100)), ""),
            SendState::Saved => ("saved", 100, ""),
            SendState::NotSaved(why) => ("not-saved", 0, upload_failure_key(why)),
        };
        Row {
            id: i32::try_from(doc.id.raw()).unwrap_or(i32::MAX),
            class: class_key(doc.class),
            pages: doc.pages.iter().map(|p| p.id).collect(),
            is_card: is_card(doc.class),
            has_back: doc.has_back(),
            state,
            percent,
            failure,
        }
    }
}

fn saturating_i32(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// The markup's key for what the next picture is for.
pub fn scan_target_key(target: ScanTarget) -> &'static str {
    match target {
        ScanTarget::NewDocument => "new",
        ScanTarget::AddPage(_) => "add-page",
        ScanTarget::BackSide(_) => "back-side",
        ScanTarget::Retake { .. } => "retake",
    }
}

/// The markup's key for the scanning advice.
pub fn guidance_key(guidance: Guidance) -> &'static str {
    match guidance {
        Guidance::NoPage => "no-page",
        Guidance::Closer => "closer",
        Guidance::HoldStill => "hold-still",
        Guidance::Glare => "glare",
        Guidance::CutOff => "cut-off",
        Guidance::Capturing => "capturing",
    }
}

/// The markup's key for the printer's state.
pub fn printer_key(printer: PrinterState) -> &'static str {
    match printer {
        PrinterState::Ready => "ready",
        PrinterState::Unavailable(PrinterProblem::NoPrinter) => "no-printer",
        PrinterState::Unavailable(PrinterProblem::Offline) => "offline",
        PrinterState::Unavailable(PrinterProblem::OutOfPaper) => "out-of-paper",
        PrinterState::Unavailable(PrinterProblem::Jammed) => "jammed",
        PrinterState::Unavailable(PrinterProblem::Failed) => "failed",
    }
}

/// The markup's key for why the session ended.
pub fn end_key(reason: EndReason) -> &'static str {
    match reason {
        EndReason::Finished => "finished",
        EndReason::Cancelled => "cancelled",
        EndReason::Inactivity => "inactivity",
        EndReason::TimeLimit => "time-limit",
        EndReason::Fault => "fault",
    }
}

/// The markup's key for an error.
pub fn error_key(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::CameraLost => "camera-lost",
        ErrorKind::PairingRefused(RefusalReason::NotAVaultLink) => "not-a-vault-link",
        ErrorKind::PairingRefused(RefusalReason::NotAllowedHere) => "not-allowed-here",
        ErrorKind::PairingRefused(RefusalReason::LinkNotWorking) => "link-not-working",
        ErrorKind::PairingRefused(RefusalReason::VaultUnreachable) => "vault-unreachable",
        ErrorKind::PasswordTriesExhausted => "password-tries",
        ErrorKind::PhoneApprovalExpired => "phone-expired",
        ErrorKind::Printer(PrinterProblem::Offline) => "printer-offline",
        ErrorKind::Printer(PrinterProblem::OutOfPaper) => "printer-out-of-paper",
        ErrorKind::Printer(PrinterProblem::Jammed) => "printer-jammed",
        ErrorKind::Printer(PrinterProblem::Failed) => "printer-failed",
        ErrorKind::Printer(PrinterProblem::NoPrinter) => "printer-none",
    }
}

/// The markup's key for an error screen's way forward.
pub fn way_forward_key(way: WayForward) -> &'static str {
    match way {
        WayForward::Wait => "wait",
        WayForward::TryAgain => "try-again",
        WayForward::Continue => "continue",
    }
}

/// The markup's key for why a document was not saved.
pub fn upload_failure_key(failure: UploadFailure) -> &'static str {
    match failure {
        UploadFailure::Network => "network",
        UploadFailure::Refused => "refused",
        UploadFailure::VaultFull => "vault-full",
        UploadFailure::Unexpected => "unexpected",
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::session::{DocClass, DocId, Page, Side};

    fn view(screen: Screen) -> View {
        View {
            screen,
            countdown: None,
            language: "fr".to_owned(),
        }
    }

    fn doc(id: u32, class: DocClass, sides: &[Side], send: SendState) -> Document {
        Document {
            id: DocId::from_raw(id),
            class,
            pages: sides
                .iter()
                .enumerate()
                .map(|(n, side)| Page {
                    id: PageId::from_raw(10 * u64::from(id) + n as u64),
                    side: *side,
                })
                .collect(),
            send,
        }
    }

    #[test]
    fn the_keypad_shows_counts_and_never_characters() {
        let props = Props::of(&view(Screen::Keypad {
            typed: 4,
            tries_left: 2,
            checking: true,
        }));
        assert_eq!(props.screen, generated::Screen::Keypad);
        assert_eq!(
            (
                props.keypad_typed,
                props.keypad_tries_left,
                props.keypad_checking
            ),
            (4, 2, true)
        );
    }

    #[test]
    fn values_of_other_screens_stay_neutral() {
        let props = Props::of(&view(Screen::Scan {
            target: ScanTarget::BackSide(DocId::from_raw(0)),
            guidance: Guidance::Glare,
        }));
        assert_eq!((props.scan_target, props.guidance), ("back-side", "glare"));
        assert_eq!((props.error_kind, props.printer_state), ("", ""));
        assert!(props.documents.is_empty());
        assert_eq!(props.countdown, None);
    }

    #[test]
    fn review_rows_say_type_sides_and_pages() {
        let card = doc(
            2,
            DocClass::IdentityCard,
            &[Side::Front, Side::Back],
            SendState::NotSent,
        );
        let payslip = doc(5, DocClass::Payslip, &[Side::Front], SendState::NotSent);
        let props = Props::of(&view(Screen::Review {
            documents: vec![card, payslip],
        }));
        let rows = &props.documents;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].class, "identity_card");
        assert_eq!(rows[0].id, 2);
        assert!(rows[0].is_card && rows[0].has_back);
        assert_eq!(rows[0].pages, [PageId::from_raw(20), PageId::from_raw(21)]);
        assert!(!rows[1].is_card && !rows[1].has_back);
        assert_eq!(rows[1].state, "not-sent");
    }

    #[test]
    fn send_rows_carry_progress_and_why_a_document_was_not_saved() {
        let documents = vec![
            doc(0, DocClass::Payslip, &[Side::Front], SendState::Sending(42)),
            doc(1, DocClass::Other, &[Side::Front], SendState::Saved),
            doc(
                2,
                DocClass::Medical,
                &[Side::Front],
                SendState::NotSaved(UploadFailure::VaultFull),
            ),
        ];
        let props = Props::of(&view(Screen::Send {
            documents,
            finished: false,
        }));
        let states: Vec<_> = props
            .documents
            .iter()
            .map(|r| (r.state, r.percent, r.failure))
            .collect();
        assert_eq!(
            states,
            [
                ("sending", 42, ""),
                ("saved", 100, ""),
                ("not-saved", 0, "vault-full")
            ]
        );
        assert!(!props.send_finished);
    }

    #[test]
    fn errors_name_their_kind_and_way_forward() {
        let props = Props::of(&view(Screen::Error {
            kind: ErrorKind::Printer(PrinterProblem::OutOfPaper),
            way_forward: WayForward::Continue,
        }));
        assert_eq!(props.screen, generated::Screen::Error);
        assert_eq!(
            (props.error_kind, props.way_forward),
            ("printer-out-of-paper", "continue")
        );
        assert_eq!(
            error_key(ErrorKind::PairingRefused(RefusalReason::VaultUnreachable)),
            "vault-unreachable"
        );
    }

    #[test]
    fn the_countdown_rounds_up_so_it_never_shows_zero_while_running() {
        let mut shown = view(Screen::Pair);
        shown.countdown = Some(Duration::from_millis(14_200));
        assert_eq!(Props::of(&shown).countdown, Some(15));
        shown.countdown = Some(Duration::from_millis(1));
        assert_eq!(Props::of(&shown).countdown, Some(1));
    }

    #[test]
    fn arabic_is_mirrored() {
        let mut shown = view(Screen::Welcome);
        assert!(!Props::of(&shown).rtl);
        shown.language = "ar".to_owned();
        assert!(Props::of(&shown).rtl);
    }

    #[test]
    fn receipt_and_done_screens() {
        let props = Props::of(&view(Screen::Receipt {
            printer: PrinterState::Unavailable(PrinterProblem::Jammed),
            printing: false,
            printed: Some(PrintJob::Copies),
            finishing: false,
        }));
        assert_eq!(props.printer_state, "jammed");
        assert_eq!(props.printed, "copies");
        let props = Props::of(&view(Screen::Done {
            reason: EndReason::TimeLimit,
        }));
        assert_eq!(
            (props.screen, props.done_reason),
            (generated::Screen::Done, "time-limit")
        );
    }
}
