//! What the resident sees: the session's output, one screen and an optional overlay.
//!
//! A [`View`] is everything the UI needs to draw, computed from the session's state; the UI
//! keeps no state of its own. Secrets never appear here, except the phone-approval login
//! address, which the screen must show as a QR code. The keypad shows how many characters were
//! typed, never which.

use std::time::Duration;

use super::documents::{DocId, Document};
use super::events::{Guidance, PrinterProblem, PrinterState, RefusalReason};
use super::outcome::EndReason;
use super::secret::SecretText;

/// Everything to draw now.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The screen.
    pub screen: Screen,
    /// The "Are you still there?" overlay, with the time left before the session ends.
    pub countdown: Option<Duration>,
    /// The language to show it in.
    pub language: String,
}

/// The screens of a session.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Language choice and "Start".
    Welcome,
    /// "Show your vault QR code to the camera", with a way to use a phone instead.
    Pair,
    /// The password keypad.
    Keypad {
        /// How many characters are typed (shown as dots).
        typed: usize,
        /// Attempts left, including this one.
        tries_left: u8,
        /// Whether the vault is checking the password.
        checking: bool,
    },
    /// "Approve this kiosk on your phone".
    PhoneApproval {
        /// The address to show as a QR code, once the server has given it.
        login: Option<SecretText>,
    },
    /// The camera view, while a page is being taken.
    Scan {
        /// What the next picture is for.
        target: ScanTarget,
        /// What the resident should do.
        guidance: Guidance,
    },
    /// Thumbnails of the documents, with their types.
    Review {
        /// The documents.
        documents: Vec<Document>,
    },
    /// Sending, a progress bar per document; then saved or not saved per document.
    Send {
        /// The documents and where each stands.
        documents: Vec<Document>,
        /// Whether every document has its final answer.
        finished: bool,
    },
    /// Receipt and copies.
    Receipt {
        /// The printer's state.
        printer: PrinterState,
        /// Whether a print job is on its way.
        printing: bool,
        /// What came out of the printer last, for "your receipt is printed".
        printed: Option<PrintJob>,
        /// Whether "Finish" was pressed and waits for that print job.
        finishing: bool,
    },
    /// "This kiosk has erased everything."
    Done {
        /// Why the session ended.
        reason: EndReason,
    },
    /// A friendly error with a way forward.
    Error {
        /// What went wrong.
        kind: ErrorKind,
        /// What the resident can do about it (besides "Cancel").
        way_forward: WayForward,
    },
}

/// What the resident asked the printer for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintJob {
    /// The receipt: the list of documents sent.
    Receipt,
    /// Paper copies of the pages.
    Copies,
}

/// What the next picture is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanTarget {
    /// The first page of a new document.
    NewDocument,
    /// Another page of a document.
    AddPage(DocId),
    /// The back of a card ("Next" skips it).
    BackSide(DocId),
    /// A page taken again, replacing page `page`.
    Retake {
        /// The document.
        doc: DocId,
        /// The page's position.
        page: usize,
    },
}

/// The errors a resident can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The camera stopped answering.
    CameraLost,
    /// The code shown cannot be used.
    PairingRefused(RefusalReason),
    /// The keypad's tries are used up.
    PasswordTriesExhausted,
    /// The phone approval ran out of time.
    PhoneApprovalExpired,
    /// Printing failed.
    Printer(PrinterProblem),
}

/// The way forward offered on an error screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WayForward {
    /// Nothing to do: the screen goes away by itself when the problem is fixed.
    Wait,
    /// "Try again" (`Tap::TryAgain`) goes back to pairing.
    TryAgain,
    /// "Continue" (`Tap::Next`) goes on without what failed.
    Continue,
}
