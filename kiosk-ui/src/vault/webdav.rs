//! A WebDAV folder as a vault: the connector every link kind ends up using.
//!
//! A [`DavFolder`] is a folder URL, optional Basic credentials, and whether the folder is
//! readable (PROPFIND answers 207) or upload-only (405, a "file drop"). Delivering a document:
//!
//! 1. `PUT <folder>/<name>` with the file streamed from disk, an exact `Content-Length` (the
//!    server can tell a cut upload from a complete one and never keeps a partial file under
//!    the final name) and `If-None-Match: *` so an existing file is never overwritten: the
//!    server answers 412 and the next name (`name (2).pdf`) is tried. Nextcloud file drops
//!    rename repeated names by themselves; the header is harmless there.
//! 2. Transient failures are retried ([`super::retry`]). If an earlier attempt may have
//!    reached the server (connection dropped after the body was sent) and a retry meets 412,
//!    the stored size is compared with ours on readable folders: equal means the earlier
//!    attempt landed.
//! 3. "Saved" only on 2xx, and on readable folders only once a `HEAD` reports the same size.
//!
//! [`open`] probes a `davs://user:pass@host/path/` link; Nextcloud shares and phone approval
//! build their folders in their own modules.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use futures_util::TryStreamExt;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, IF_NONE_MATCH};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use tokio_util::io::ReaderStream;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::http::{classify_error, classify_status};
use super::payload::DavLink;
use super::retry::{self, Failure, GaveUp, RetryPolicy};
use super::{
    Credentials, DeliveryError, Document, Http, LinkKind, LinkStatus, ProgressFn, Saved, Vault,
    naming,
};

/// How many names are tried (`name.pdf`, `name (2).pdf`, …) before giving up.
const MAX_NAME_CANDIDATES: u32 = 50;
/// The size of the chunks read from disk and handed to the network.
const CHUNK_BYTES: usize = 64 * 1024;
/// The PROPFIND body: only what the probe needs.
const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>"#;

/// A WebDAV folder the kiosk uploads into.
#[derive(Debug)]
pub struct DavFolder {
    http: Arc<Http>,
    folder: Url,
    credentials: Option<Credentials>,
    status: LinkStatus,
    revocation: Option<Url>,
}

/// What one PUT attempt ended with, when the server answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Put {
    /// 2xx: the server stored the document.
    Stored,
    /// 412: a file with this name exists.
    NameTaken,
}

/// Opens a `davs://` folder link: probes it once to learn whether it is readable.
pub async fn open(
    link: &DavLink,
    http: Arc<Http>,
    cancel: &CancellationToken,
) -> Result<DavFolder, DeliveryError> {
    let credentials = Credentials {
        user: link.user.clone(),
        password: link.password.clone(),
    };
    let mut folder = DavFolder::new(
        http,
        link.folder.clone(),
        Some(credentials),
        LinkKind::Webdav,
    );
    folder.probe(cancel).await?;
    Ok(folder)
}

impl DavFolder {
    /// A connector for `folder`, not yet probed (see [`DavFolder::probe`]).
    pub fn new(
        http: Arc<Http>,
        folder: Url,
        credentials: Option<Credentials>,
        kind: LinkKind,
    ) -> Self {
        Self {
            http,
            folder,
            credentials,
            status: LinkStatus {
                kind,
                readable: false,
            },
            revocation: None,
        }
    }

    /// Probes the folder (PROPFIND, depth 0) to learn whether it is readable.
    ///
    /// 207 means readable, 405 upload-only; errors keep their reason (401 is
    /// [`DeliveryError::Unauthorized`], 404 [`DeliveryError::LinkGone`]).
    pub async fn probe(&mut self, cancel: &CancellationToken) -> Result<(), DeliveryError> {
        let policy = self.http.policy;
        self.status.readable = retry::run(&policy, cancel, || self.propfind_once())
            .await?
            .value;
        Ok(())
    }

    /// Marks this folder's credential as temporary: [`Vault::close`] revokes it with
    /// `DELETE <revocation>` (Nextcloud's app-password endpoint) and checks it is dead.
    pub fn with_revocation(mut self, revocation: Url) -> Self {
        self.revocation = Some(revocation);
        self
    }

    /// The folder URL (no credentials in it).
    pub fn folder(&self) -> &Url {
        &self.folder
    }

    fn request(&self, method: Method, url: Url) -> RequestBuilder {
        let builder = self.http.request(method, url);
        match &self.credentials {
            Some(c) => builder.basic_auth(c.user.as_str(), Some(c.password.as_str())),
            None => builder,
        }
    }

    /// One PROPFIND of the folder: `Ok(true)` readable, `Ok(false)` upload-only.
    async fn propfind_once(&self) -> Result<bool, Failure> {
        let propfind = self
            .request(
                Method::from_bytes(b"PROPFIND").expect("valid method"),
                self.folder.clone(),
            )
            .header("Depth", "0")
            .header(CONTENT_TYPE, "application/xml; charset=utf-8")
            .body(PROPFIND_BODY);
        let status = send_for_status(propfind).await?;
        match status.as_u16() {
            207 => Ok(true),
            405 => Ok(false),
            _ => Err(classify_status(status, &Default::default())),
        }
    }

    /// The URL of a file named `name` in the folder (the name becomes one encoded segment).
    fn file_url(&self, name: &str) -> Url {
        let mut url = self.folder.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().push(name);
        }
        url
    }

    /// One streamed PUT of `document` to `url`.
    async fn put_once(
        &self,
        url: &Url,
        document: &Document,
        total: u64,
        progress: &ProgressFn,
    ) -> Result<Put, Failure> {
        let file = tokio::fs::File::open(&document.path)
            .await
            .map_err(|e| Failure::permanent(DeliveryError::LocalFile(e)))?;
        let sent = Arc::new(AtomicU64::new(0));
        let report = Arc::clone(progress);
        progress(super::Progress { sent: 0, total });
        let body = ReaderStream::with_capacity(file, CHUNK_BYTES).inspect_ok(move |chunk| {
            let now = sent.fetch_add(chunk.len() as u64, Ordering::Relaxed) + chunk.len() as u64;
            report(super::Progress { sent: now, total });
        });
        let content_type = if document.name.to_ascii_lowercase().ends_with(".pdf") {
            "application/pdf"
        } else {
            "application/octet-stream"
        };
        let response = self
            .request(Method::PUT, url.clone())
            .header(CONTENT_LENGTH, total)
            .header(CONTENT_TYPE, content_type)
            .header(IF_NONE_MATCH, "*")
            .timeout(self.http.attempt_timeout(total))
            .body(reqwest::Body::wrap_stream(body))
            .send()
            .await
            .map_err(|e| classify_error(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        drain(response).await;
        match status {
            s if s.is_success() => Ok(Put::Stored),
            StatusCode::PRECONDITION_FAILED => Ok(Put::NameTaken),
            s => Err(classify_status(s, &headers)),
        }
    }

    /// The size of the file at `url` as the server reports it (`HEAD`), if it does, retrying
    /// within `policy`.
    async fn stored_size(
        &self,
        url: &Url,
        policy: &RetryPolicy,
        cancel: &CancellationToken,
    ) -> Option<u64> {
        let head = || async {
            let response = self
                .request(Method::HEAD, url.clone())
                .send()
                .await
                .map_err(|e| classify_error(&e))?;
            if !response.status().is_success() {
                return Err(classify_status(response.status(), response.headers()));
            }
            Ok(response
                .headers()
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok()))
        };
        retry::run(policy, cancel, head)
            .await
            .ok()
            .and_then(|s| s.value)
    }

    async fn revoke(
        &self,
        revocation: &Url,
        cancel: &CancellationToken,
    ) -> Result<(), DeliveryError> {
        let delete = || async {
            let status = send_for_status(
                self.request(Method::DELETE, revocation.clone())
                    .header("OCS-APIRequest", "true"),
            )
            .await?;
            if status.is_success() {
                Ok(())
            } else {
                Err(classify_status(status, &Default::default()))
            }
        };
        retry::run(&self.http.policy, cancel, delete)
            .await
            .map_err(|_| DeliveryError::RevocationFailed)?;
        match retry::run(&self.http.policy, cancel, || self.propfind_once()).await {
            Err(GaveUp {
                error: DeliveryError::Unauthorized,
                ..
            }) => Ok(()),
            _ => Err(DeliveryError::RevocationFailed),
        }
    }

    /// Creates the folder and its parents below `root` if they are missing (MKCOL; 201
    /// created, 405 already there).
    pub async fn create_folders(
        &self,
        root: &Url,
        cancel: &CancellationToken,
    ) -> Result<(), DeliveryError> {
        let relative = self
            .folder
            .path()
            .strip_prefix(root.path())
            .unwrap_or_default();
        let mut url = root.clone();
        for part in relative.split('/').filter(|p| !p.is_empty()) {
            url = url
                .join(&format!("{part}/"))
                .map_err(|_| DeliveryError::FolderMissing)?;
            let mkcol = || async {
                let status = send_for_status(self.request(
                    Method::from_bytes(b"MKCOL").expect("valid method"),
                    url.clone(),
                ))
                .await?;
                match status.as_u16() {
                    201 | 405 => Ok(()),
                    _ => Err(classify_status(status, &Default::default())),
                }
            };
            retry::run(&self.http.policy, cancel, mkcol).await?;
        }
        Ok(())
    }
}

/// Sends `request` and returns the status, the body read and discarded so the connection can
/// be reused.
async fn send_for_status(request: RequestBuilder) -> Result<StatusCode, Failure> {
    let response = request.send().await.map_err(|e| classify_error(&e))?;
    let status = response.status();
    drain(response).await;
    Ok(status)
}

/// Reads and discards a response body so the connection can be reused.
async fn drain(response: Response) {
    // The body is small (a status page) or empty; an error only means the connection closes.
    let _ = response.bytes().await;
}

#[async_trait]
impl Vault for DavFolder {
    fn status(&self) -> LinkStatus {
        self.status
    }

    async fn send(
        &self,
        document: &Document,
        progress: ProgressFn,
        cancel: &CancellationToken,
    ) -> Result<Saved, DeliveryError> {
        let total = tokio::fs::metadata(&document.path)
            .await
            .map_err(DeliveryError::LocalFile)?
            .len();
        let wanted = naming::sanitize(&document.name);
        for n in 1..=MAX_NAME_CANDIDATES {
            let name = naming::numbered(&wanted, n);
            let url = self.file_url(&name);
            let readable = self.status.readable;
            let policy = self.http.policy;
            let saved = |verified| Saved {
                name: name.clone(),
                bytes: total,
                verified,
            };
            let attempts = retry::run(&policy, cancel, || {
                self.put_once(&url, document, total, &progress)
            })
            .await;
            let put = match attempts {
                Ok(put) => put,
                Err(gave_up) if gave_up.maybe_applied && readable => {
                    // No answer came back, but an attempt may have landed: the size tells.
                    let check = RetryPolicy {
                        budget: policy.budget / 4,
                        ..policy
                    };
                    if !matches!(gave_up.error, DeliveryError::Cancelled)
                        && self.stored_size(&url, &check, cancel).await == Some(total)
                    {
                        return Ok(saved(true));
                    }
                    return Err(gave_up.error);
                }
                Err(gave_up) => return Err(gave_up.error),
            };
            match put.value {
                Put::Stored if !readable => return Ok(saved(false)),
                Put::Stored => {
                    let found = self.stored_size(&url, &policy, cancel).await;
                    if found != Some(total) {
                        return Err(DeliveryError::SizeMismatch {
                            expected: total,
                            found,
                        });
                    }
                    return Ok(saved(true));
                }
                Put::NameTaken if put.earlier_maybe_applied && readable => {
                    // An earlier attempt of ours may be what occupies the name.
                    if self.stored_size(&url, &policy, cancel).await == Some(total) {
                        return Ok(saved(true));
                    }
                }
                Put::NameTaken => {}
            }
        }
        Err(DeliveryError::NameCollisions)
    }

    async fn close(&self) -> Result<(), DeliveryError> {
        match &self.revocation {
            // Revocation must happen even when the session was cancelled: a fresh token.
            Some(url) => self.revoke(url, &CancellationToken::new()).await,
            None => Ok(()),
        }
    }
}
