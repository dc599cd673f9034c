//! What can happen to a session: the resident's taps and the outside world's reports.
//!
//! The UI, the camera loop, the vault connector and the printer each turn what they see into
//! one of these plain values and hand it to [`Session::handle`](super::Session::handle) with the
//! time it happened. Resident data arrives only inside [`SecretText`] or as opaque ids
//! ([`PageId`]): the session never sees page pixels, and nothing here can be logged by accident.

use scanner::classify::DocClass;

use super::documents::{DocId, PageId};
use super::secret::SecretText;

/// One thing that happened, fed to the session with the time it happened.
#[derive(Debug, Clone)]
pub enum Event {
    /// Time passed (the UI sends one every second or so; nothing else is needed for timeouts).
    Tick,
    /// The resident chose a language (a code from the UI's list); allowed on every screen.
    LanguageChosen(String),
    /// The resident touched something.
    Tap(Tap),
    /// The camera read a QR code while pairing; the vault module says what it is.
    QrDecoded {
        /// The code's text, opaque here.
        payload: SecretText,
        /// What the vault module made of it.
        outcome: PairingOutcome,
    },
    /// The vault answered the password typed on the keypad.
    PasswordChecked(PasswordVerdict),
    /// The phone-approval server gave a login address to show as a QR code.
    PhoneApprovalRequested {
        /// The address the resident's phone opens.
        login: SecretText,
    },
    /// The resident approved the kiosk on their phone; the credential is revoked at the end.
    PhoneApprovalGranted {
        /// The temporary credential, opaque here.
        credential: SecretText,
    },
    /// The phone approval ran out of time on the server.
    PhoneApprovalExpired,
    /// What the page detector advises the resident while scanning.
    Guidance(Guidance),
    /// A page was captured and stored in the session folder.
    CaptureReady {
        /// The captured page.
        page: PageId,
        /// The classifier's first guess for the document this page starts.
        class_guess: DocClass,
    },
    /// Part of a document has been sent.
    UploadProgress {
        /// The document.
        doc: DocId,
        /// How much has been sent, 0–100.
        percent: u8,
    },
    /// The vault confirmed a document, or the connector gave up on it.
    UploadResult {
        /// The document.
        doc: DocId,
        /// Saved only on the vault's confirmation.
        outcome: UploadOutcome,
    },
    /// A print job ended.
    PrintResult(Result<(), PrinterProblem>),
    /// The camera stopped answering.
    CameraLost,
    /// The camera answers again.
    CameraBack,
    /// The printer's state changed (or was read for the first time).
    Printer(PrinterState),
    /// Something broke that the session cannot recover from.
    Fault(FaultKind),
}

/// A touch on one of the screen's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tap {
    /// "Start" on the welcome screen.
    Start,
    /// "Back": the previous step.
    Back,
    /// "Cancel": end the session now.
    Cancel,
    /// "I'm still here" on the inactivity countdown.
    StillHere,
    /// "Use my phone instead" on the pairing screen.
    PhoneApproval,
    /// A key of the password keypad.
    Key(char),
    /// The keypad's erase key.
    Erase,
    /// The keypad's confirm key.
    Submit,
    /// The shutter button (when auto-capture does not trigger).
    CaptureNow,
    /// Take a page again.
    RetakePage {
        /// The document.
        doc: DocId,
        /// The page's position in the document.
        page: usize,
    },
    /// Remove a page (and its document when it was the last page).
    DeletePage {
        /// The document.
        doc: DocId,
        /// The page's position in the document.
        page: usize,
    },
    /// Add a page to a document.
    AddPage {
        /// The document.
        doc: DocId,
    },
    /// Add the back side of a card.
    AddBackSide {
        /// The document.
        doc: DocId,
    },
    /// Correct a document's type.
    ChangeType {
        /// The document.
        doc: DocId,
        /// The type the resident chose.
        class: DocClass,
    },
    /// Scan another document.
    AddDocument,
    /// "Next" / "Continue" / "No back side": the step forward on this screen.
    Next,
    /// Send again the documents that were not saved.
    RetryUpload,
    /// Print a receipt of what was sent.
    PrintReceipt,
    /// Print paper copies of the scanned pages.
    PrintCopies,
    /// "Finish": end the session.
    Finish,
    /// "Try again" on an error screen.
    TryAgain,
}

/// What the vault module made of a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingOutcome {
    /// A vault link that can be used as it is.
    Accepted,
    /// A vault link protected by a password or PIN.
    NeedsPassword,
    /// Not usable here, for this reason.
    Refused(RefusalReason),
}

/// Why a code was refused (each has its own friendly message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefusalReason {
    /// The code is not a vault link at all.
    NotAVaultLink,
    /// A vault link of a kind this kiosk is not configured to accept.
    NotAllowedHere,
    /// The vault says the link is expired, disabled or wrong.
    LinkNotWorking,
    /// The vault could not be reached.
    VaultUnreachable,
}

/// The vault's answer to a typed password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordVerdict {
    /// The password opens the link.
    Accepted,
    /// The password is wrong.
    Wrong,
    /// The link could not be checked at all (the vault is unreachable, or the link stopped
    /// working): no try is used up, and the resident sees why.
    Refused(RefusalReason),
}

/// What the detector advises while a page is under the camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Guidance {
    /// No page seen yet.
    #[default]
    NoPage,
    /// The page is too small in the picture.
    Closer,
    /// The picture is moving or blurred.
    HoldStill,
    /// A reflection hides part of the page.
    Glare,
    /// Part of the page is outside the picture.
    CutOff,
    /// The page is good; the picture is being taken.
    Capturing,
}

/// The connector's last word on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadOutcome {
    /// The vault confirmed it has the document.
    Saved,
    /// The connector gave up (after its own retries).
    NotSaved(UploadFailure),
}

/// Why a document could not be delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UploadFailure {
    /// The network or the vault did not answer.
    Network,
    /// The vault refused the upload (link revoked, wrong credentials).
    Refused,
    /// The vault is full.
    VaultFull,
    /// The vault answered something unexpected.
    Unexpected,
}

/// The printer as the resident needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    /// Ready to print.
    Ready,
    /// Not usable, for this reason.
    Unavailable(PrinterProblem),
}

/// Why the printer cannot print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrinterProblem {
    /// No printer is configured on this kiosk.
    NoPrinter,
    /// The printer does not answer.
    Offline,
    /// The printer has no paper.
    OutOfPaper,
    /// Paper is stuck in the printer.
    Jammed,
    /// The job failed for another reason.
    Failed,
}

/// An unrecoverable fault, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// The session folder cannot be written.
    Storage,
    /// The document worker died.
    Worker,
}
