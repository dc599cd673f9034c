//! What the session asks of the outside world, as plain data.
//!
//! The session does no I/O: each call to [`Session::handle`](super::Session::handle) returns
//! these commands, and the kiosk's adapters carry them out in order (the camera loop, the vault
//! connector, the printer, the store, the wipe). Their results come back as events. Keeping
//! them as data is what lets the tests run whole sessions without a camera, network or printer
//! and check, for instance, that every ending asks for the same wipe, after the revocation.

use scanner::classify::DocClass;

use super::documents::{DocId, PageId};
use super::outcome::SessionSummary;
use super::secret::SecretText;

/// One thing for the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Switch the camera loop to this mode.
    Camera(CameraMode),
    /// Take a picture now (the resident pressed the shutter button).
    CaptureNow,
    /// Ask the vault whether this password opens this link.
    CheckPassword {
        /// The link read from the QR code.
        link: SecretText,
        /// What the resident typed.
        password: SecretText,
    },
    /// Start a phone approval (its login address comes back as an event).
    RequestPhoneApproval,
    /// Stop waiting for a phone approval.
    CancelPhoneApproval,
    /// Send these documents to the vault.
    Upload {
        /// How to reach the resident's vault.
        access: VaultAccess,
        /// The documents, with their pages in order.
        documents: Vec<UploadItem>,
    },
    /// Delete a page from the session folder (retaken or deleted by the resident).
    DiscardPage(PageId),
    /// Print a receipt of what was sent.
    PrintReceipt(Receipt),
    /// Print paper copies of these pages, in order.
    PrintCopies(Vec<PageId>),
    /// Revoke the temporary credential from a phone approval. Always before [`Command::Wipe`].
    RevokeCredential(SecretText),
    /// Add this session's anonymous summary to the counters.
    Record(SessionSummary),
    /// Erase the session folder. The last command of every session, whatever ended it.
    Wipe,
}

/// What the camera loop looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraMode {
    /// Camera closed.
    Off,
    /// Looking for a pairing QR code.
    ReadQr,
    /// Looking for pages to capture.
    FindPages,
}

/// How to reach the resident's vault.
#[derive(Debug, Clone, PartialEq)]
pub enum VaultAccess {
    /// A link read from the resident's QR code, with the password typed for it, if any.
    Link {
        /// The link.
        link: SecretText,
        /// The password, when the link needs one.
        password: Option<SecretText>,
    },
    /// A temporary credential granted from the resident's phone.
    Phone {
        /// The credential, revoked at the end of the session.
        credential: SecretText,
    },
}

/// One document to send.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadItem {
    /// The document (its result comes back with this id).
    pub doc: DocId,
    /// Its type, for naming the file.
    pub class: DocClass,
    /// Its pages, in order.
    pub pages: Vec<PageId>,
}

/// What a receipt lists: no name, number or link, only types, counts and outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The language to print it in.
    pub language: String,
    /// One line per document.
    pub lines: Vec<ReceiptLine>,
}

/// One document on the receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// Its type.
    pub class: DocClass,
    /// How many pages it has.
    pub pages: usize,
    /// Whether the vault confirmed it.
    pub saved: bool,
}
