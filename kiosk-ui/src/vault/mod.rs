//! The resident's vault: everything between "a QR code was decoded" and "the vault confirmed
//! every document".
//!
//! ```text
//! QR text ─▶ payload::parse ─▶ Pairing ─▶ connect ─▶ Box<dyn Vault> ─▶ send × N ─▶ close
//!                          (phone) login_flow ─┘
//! ```
//!
//! - [`payload`]: what a pairing QR code carries; a precise refusal reason otherwise.
//! - [`Vault`]: the one trait every connector implements; a new vault provider is one module
//!   (see `docs/vault-providers.md`).
//! - [`webdav`]: the WebDAV folder connector that Nextcloud shares, WebDAV links and phone
//!   approval all end up using: streamed PUTs, never overwriting, "saved" only on the server's
//!   confirmation.
//! - [`nextcloud`]: public share links (current and legacy endpoints, passwords).
//! - [`login_flow`]: phone approval with Nextcloud Login Flow v2, and revocation at the end.
//! - [`http`]: the HTTP client (rustls, system roots plus an optional extra CA, timeouts,
//!   same-origin redirects only) and how failures are classified.
//! - [`retry`]: exponential backoff with jitter, bounded in time.
//! - [`naming`]: file names from class and dates, in the resident's language.
//!
//! Credentials (share tokens, passwords, app passwords) live in [`zeroize::Zeroizing`] buffers
//! that are wiped on drop, are redacted from `Debug`, and are never logged or written to disk.

pub mod http;
pub mod login_flow;
pub mod naming;
pub mod nextcloud;
pub mod payload;
pub mod retry;
pub mod webdav;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use serde::Serialize;
use thiserror::Error;
use tokio_util::sync::CancellationToken;
use zeroize::Zeroizing;

pub use self::http::Http;
pub use self::payload::{Pairing, PairingRules, Refusal, RefusalReason};
pub use self::webdav::DavFolder;

/// Why a document was not saved (or a vault could not be opened). Each has a stable
/// [`code`](Self::code) for translations and JSON output.
#[derive(Debug, Error)]
pub enum DeliveryError {
    /// The session cancelled the delivery.
    #[error("cancelled")]
    Cancelled,
    /// The document file on the kiosk could not be read.
    #[error("cannot read the document on the kiosk: {0}")]
    LocalFile(#[source] std::io::Error),
    /// The server could not be reached, or dropped the connection, on every attempt.
    #[error("the vault server cannot be reached")]
    Unreachable,
    /// The server did not answer in time, on every attempt.
    #[error("the vault server did not answer in time")]
    TimedOut,
    /// The server failed (5xx) on every attempt.
    #[error("the vault server failed (HTTP {0})")]
    ServerError(u16),
    /// The server asked the kiosk to slow down (429) for longer than the delivery budget.
    #[error("the vault server is busy")]
    RateLimited,
    /// The share is protected by a password and none was given.
    #[error("the link needs a password")]
    PasswordRequired,
    /// The password given for the share is wrong.
    #[error("the password is wrong")]
    WrongPassword,
    /// The server refused the credentials (401): wrong, expired or revoked.
    #[error("the vault refused the kiosk's credentials")]
    Unauthorized,
    /// The server forbids uploading here (403).
    #[error("the vault does not allow uploading here")]
    Forbidden,
    /// The link or folder no longer exists (404).
    #[error("the vault link no longer exists")]
    LinkGone,
    /// The folder to upload into is missing or the server refuses the upload there (409).
    #[error("the vault folder is missing")]
    FolderMissing,
    /// The document is larger than the vault accepts (413).
    #[error("the document is too large for the vault")]
    TooLarge,
    /// The vault has no space left (507).
    #[error("the vault is full")]
    VaultFull,
    /// The server's TLS certificate is not trusted (wrong host, unknown CA, expired).
    #[error("the vault server's certificate is not trusted")]
    TlsUntrusted,
    /// The server redirected to another host, or too many times.
    #[error("the vault server redirected elsewhere")]
    Redirected,
    /// The server answered with a status the kiosk does not expect.
    #[error("the vault server answered unexpectedly (HTTP {0})")]
    UnexpectedStatus(u16),
    /// The server confirmed, but the stored size differs from what was sent.
    #[error("the vault stored {found:?} bytes instead of {expected}")]
    SizeMismatch {
        /// Bytes sent.
        expected: u64,
        /// Bytes the server reports, if it reports any.
        found: Option<u64>,
    },
    /// Every candidate file name is already taken.
    #[error("no free file name in the vault folder")]
    NameCollisions,
    /// Revoking the temporary credential failed, or it still works after revocation.
    #[error("the temporary vault access could not be revoked")]
    RevocationFailed,
    /// The kiosk's HTTP client could not be set up (for example, a broken extra CA file).
    #[error("the kiosk's network client cannot be set up: {0}")]
    Setup(String),
}

impl DeliveryError {
    /// A stable code for translations and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Cancelled => "cancelled",
            Self::LocalFile(_) => "local_file",
            Self::Unreachable => "unreachable",
            Self::TimedOut => "timeout",
            Self::ServerError(_) => "server_error",
            Self::RateLimited => "rate_limited",
            Self::PasswordRequired => "password_required",
            Self::WrongPassword => "wrong_password",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::LinkGone => "link_gone",
            Self::FolderMissing => "folder_missing",
            Self::TooLarge => "too_large",
            Self::VaultFull => "vault_full",
            Self::TlsUntrusted => "tls_untrusted",
            Self::Redirected => "redirected",
            Self::UnexpectedStatus(_) => "unexpected_status",
            Self::SizeMismatch { .. } => "size_mismatch",
            Self::NameCollisions => "name_collisions",
            Self::RevocationFailed => "revocation_failed",
            Self::Setup(_) => "setup",
        }
    }
}

/// Which connector serves a vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A Nextcloud/ownCloud public share on the current endpoint (`public.php/dav/files/`).
    NextcloudShare,
    /// A share on a server too old for the current endpoint (`public.php/webdav/`).
    NextcloudShareLegacy,
    /// A WebDAV folder with credentials.
    Webdav,
    /// A Nextcloud account approved from the resident's phone (Login Flow v2).
    PhoneApproval,
}

/// What the kiosk learnt about a vault when opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LinkStatus {
    /// The connector.
    pub kind: LinkKind,
    /// Whether the kiosk may read the folder's metadata (then it verifies sizes after upload);
    /// `false` for upload-only "file drop" links.
    pub readable: bool,
}

/// A document to deliver: a file in the session's RAM folder and the name it should have.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file on the kiosk.
    pub path: PathBuf,
    /// The wanted file name in the vault (from [`naming::document_name`]); a number is added
    /// when the name is taken.
    pub name: String,
}

/// How far the upload of one document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes handed to the network in the current attempt.
    pub sent: u64,
    /// Bytes of the whole document.
    pub total: u64,
}

/// Receives upload progress; called from the upload task.
pub type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// A document the vault confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The name the document has in the vault.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Whether the stored size was read back and matched (only on readable folders).
    pub verified: bool,
}

/// A user name and password, wiped from memory on drop and never shown by `Debug`.
#[derive(Clone)]
pub struct Credentials {
    /// The user name.
    pub user: Zeroizing<String>,
    /// The password.
    pub password: Zeroizing<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials(<redacted>)")
    }
}

/// A resident's vault, whatever serves it.
///
/// A connector is opened (and its link probed) by its own module; from then on the session
/// only uses this trait. `send` returns `Ok` only when the server confirmed the document.
#[async_trait]
pub trait Vault: Send + Sync {
    /// What was learnt when the vault was opened.
    fn status(&self) -> LinkStatus;

    /// Delivers one document, retrying transient failures within the delivery budget.
    async fn send(
        &self,
        document: &Document,
        progress: ProgressFn,
        cancel: &CancellationToken,
    ) -> Result<Saved, DeliveryError>;

    /// Ends the kiosk's access at the end of the session (revokes temporary credentials).
    async fn close(&self) -> Result<(), DeliveryError>;
}

/// Opens the vault a pairing payload names, probing the link once (with retries).
///
/// `password` is the one the resident typed for a password-protected share;
/// [`DeliveryError::PasswordRequired`] asks for it, [`DeliveryError::WrongPassword`] says it
/// was wrong.
pub async fn connect(
    pairing: &Pairing,
    password: Option<Zeroizing<String>>,
    http: Arc<Http>,
    cancel: &CancellationToken,
) -> Result<Box<dyn Vault>, DeliveryError> {
    let folder = match pairing {
        Pairing::NextcloudShare(share) => nextcloud::open(share, password, http, cancel).await?,
        Pairing::Webdav(dav) => webdav::open(dav, http, cancel).await?,
    };
    Ok(Box::new(folder))
}
