//! Phone approval: Nextcloud Login Flow v2, for residents whose phone is logged into a vault.
//!
//! 1. [`PhoneApproval::start`] posts to `<server>/index.php/login/v2` with the kiosk's
//!    User-Agent (the resident sees "Document kiosk … (site)" in their device list) and gets a
//!    `login` URL — the UI shows it as a QR code for the phone — and a poll endpoint + token.
//! 2. [`PendingApproval::wait`] polls the endpoint (404 until granted, then 200 once with
//!    `server`, `loginName`, `appPassword`) until the configured timeout.
//! 3. The returned `server` must be the configured one: a flow that names another server is
//!    refused (its app password is revoked at once, best effort).
//! 4. The result is a [`DavFolder`] at `remote.php/dav/files/<loginName>/<folder>/` (created
//!    if missing) whose [`Vault::close`](super::Vault::close) revokes the app password with
//!    `DELETE /ocs/v2.php/core/apppassword` (`OCS-APIRequest: true`, without which Nextcloud
//!    answers 412) and checks that it then gets 401.
//!
//! Only URLs on the configured server are ever contacted: a `login` or poll endpoint pointing
//! elsewhere is refused before the token leaves the kiosk.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;
use thiserror::Error;
use tokio_util::sync::CancellationToken;
use url::Url;
use zeroize::Zeroizing;

use super::http::{classify_error, classify_status};
use super::retry::{self, Failure};
use super::{Credentials, DavFolder, DeliveryError, Http, LinkKind};
use crate::config::PhoneApprovalConfig;

/// Why phone approval did not give the kiosk access to a vault.
#[derive(Debug, Error)]
pub enum LoginError {
    /// The server refused to start a login flow (its HTTP status).
    #[error("the vault server refused to start a phone approval (HTTP {0})")]
    Refused(u16),
    /// The server answered something that is not a Login Flow v2 response.
    #[error("the vault server's answer is not a login flow")]
    BadResponse,
    /// The server sent the resident or the kiosk to another host.
    #[error("the vault server points to another server")]
    ForeignUrl,
    /// Nobody approved before the timeout.
    #[error("the approval was not given in time")]
    Expired,
    /// The approval names another server than the configured one.
    #[error("the approval is for another server")]
    WrongServer,
    /// The session cancelled the wait.
    #[error("cancelled")]
    Cancelled,
    /// The vault could not be reached or used.
    #[error(transparent)]
    Delivery(#[from] DeliveryError),
}

impl LoginError {
    /// A stable code for translations and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Refused(_) => "login_refused",
            Self::BadResponse => "login_bad_response",
            Self::ForeignUrl => "login_foreign_url",
            Self::Expired => "login_expired",
            Self::WrongServer => "login_wrong_server",
            Self::Cancelled => "cancelled",
            Self::Delivery(e) => e.code(),
        }
    }
}

/// The phone-approval connector for one configured server.
#[derive(Debug, Clone)]
pub struct PhoneApproval {
    http: Arc<Http>,
    server: Url,
    folder: String,
    timeout: Duration,
    poll_interval: Duration,
}

/// A started login flow, waiting for the resident's approval.
pub struct PendingApproval {
    approval: PhoneApproval,
    login: Url,
    endpoint: Url,
    token: Zeroizing<String>,
}

#[derive(Deserialize)]
struct StartResponse {
    poll: Poll,
    login: String,
}

#[derive(Deserialize)]
struct Poll {
    token: Zeroizing<String>,
    endpoint: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Grant {
    server: String,
    login_name: Zeroizing<String>,
    app_password: Zeroizing<String>,
}

impl PhoneApproval {
    /// The connector for the configured server.
    pub fn new(http: Arc<Http>, config: &PhoneApprovalConfig) -> Self {
        let mut server = config.server.clone();
        if !server.path().ends_with('/') {
            let path = format!("{}/", server.path());
            server.set_path(&path);
        }
        Self {
            http,
            server,
            folder: config.folder.trim_matches('/').to_owned(),
            timeout: config.login_timeout(),
            poll_interval: config.poll_interval(),
        }
    }

    fn url(&self, path: &str) -> Url {
        // `server` ends with '/' and `path` is a relative ASCII path: joining cannot fail.
        self.server
            .join(path)
            .unwrap_or_else(|_| self.server.clone())
    }

    /// Whether `url` is on the configured server (same scheme, host and port, below its path).
    fn is_ours(&self, url: &Url) -> bool {
        url.origin() == self.server.origin() && url.path().starts_with(self.server.path())
    }

    /// Starts a login flow; the returned [`PendingApproval::login_url`] is shown as a QR code.
    pub async fn start(&self, cancel: &CancellationToken) -> Result<PendingApproval, LoginError> {
        let url = self.url("index.php/login/v2");
        let post = || async {
            let response = self
                .http
                .request(reqwest::Method::POST, url.clone())
                .send()
                .await
                .map_err(|e| classify_error(&e))?;
            let status = response.status();
            if status != reqwest::StatusCode::OK {
                return Err(classify_status(status, response.headers()));
            }
            response.bytes().await.map_err(|e| classify_error(&e))
        };
        let body = match retry::run(&self.http.policy, cancel, post).await {
            Ok(ok) => Zeroizing::new(ok.value.to_vec()),
            Err(gave_up) => return Err(refused_or(gave_up.error)),
        };
        let started: StartResponse =
            serde_json::from_slice(&body).map_err(|_| LoginError::BadResponse)?;
        let login = Url::parse(&started.login).map_err(|_| LoginError::BadResponse)?;
        let endpoint = Url::parse(&started.poll.endpoint).map_err(|_| LoginError::BadResponse)?;
        if !self.is_ours(&login) || !self.is_ours(&endpoint) {
            return Err(LoginError::ForeignUrl);
        }
        Ok(PendingApproval {
            approval: self.clone(),
            login,
            endpoint,
            token: started.poll.token,
        })
    }
}

/// Turns a failed start into [`LoginError::Refused`] when the server answered with a status.
fn refused_or(error: DeliveryError) -> LoginError {
    match error {
        DeliveryError::Unauthorized => LoginError::Refused(401),
        DeliveryError::Forbidden => LoginError::Refused(403),
        DeliveryError::LinkGone => LoginError::Refused(404),
        DeliveryError::UnexpectedStatus(code) | DeliveryError::ServerError(code) => {
            LoginError::Refused(code)
        }
        DeliveryError::RateLimited => LoginError::Refused(429),
        DeliveryError::Cancelled => LoginError::Cancelled,
        other => LoginError::Delivery(other),
    }
}

impl PendingApproval {
    /// The URL the resident's phone opens to approve the kiosk (shown as a QR code).
    pub fn login_url(&self) -> &Url {
        &self.login
    }

    /// One poll: `Ok(None)` while not granted yet.
    async fn poll_once(&self) -> Result<Option<Grant>, Failure> {
        let form: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", &self.token)
            .finish();
        let form = Zeroizing::new(form);
        let response = self
            .approval
            .http
            .request(reqwest::Method::POST, self.endpoint.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form.as_bytes().to_vec())
            .send()
            .await
            .map_err(|e| classify_error(&e))?;
        match response.status().as_u16() {
            404 => Ok(None),
            200 => {
                let body = Zeroizing::new(
                    response
                        .bytes()
                        .await
                        .map_err(|e| classify_error(&e))?
                        .to_vec(),
                );
                serde_json::from_slice(&body)
                    .map(Some)
                    .map_err(|_| Failure::permanent(DeliveryError::UnexpectedStatus(200)))
            }
            _ => Err(classify_status(response.status(), response.headers())),
        }
    }

    /// Waits for the approval, then opens the resident's folder (creating it if needed).
    pub async fn wait(self, cancel: &CancellationToken) -> Result<DavFolder, LoginError> {
        let deadline = Instant::now() + self.approval.timeout;
        let grant = loop {
            let polled = tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(LoginError::Cancelled),
                polled = self.poll_once() => polled,
            };
            match polled {
                Ok(Some(grant)) => break grant,
                Ok(None) => {}
                Err(f) if f.transient => {}
                Err(f) => {
                    return Err(match f.error {
                        DeliveryError::UnexpectedStatus(200) => LoginError::BadResponse,
                        other => refused_or(other),
                    });
                }
            }
            if Instant::now() + self.approval.poll_interval >= deadline {
                return Err(LoginError::Expired);
            }
            tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(LoginError::Cancelled),
                () = tokio::time::sleep(self.approval.poll_interval) => {}
            }
        };
        self.open(grant, cancel).await
    }

    async fn open(
        &self,
        grant: Grant,
        cancel: &CancellationToken,
    ) -> Result<DavFolder, LoginError> {
        let approval = &self.approval;
        let credentials = Credentials {
            user: grant.login_name.clone(),
            password: grant.app_password,
        };
        let revocation = approval.url("ocs/v2.php/core/apppassword");
        let mut root = approval.url("remote.php/dav/files/");
        if let Ok(mut segments) = root.path_segments_mut() {
            segments.pop_if_empty().push(&grant.login_name).push("");
        }
        let mut folder = root.clone();
        if let Ok(mut segments) = folder.path_segments_mut() {
            segments
                .pop_if_empty()
                .extend(approval.folder.split('/'))
                .push("");
        }
        let mut dav = DavFolder::new(
            Arc::clone(&approval.http),
            folder,
            Some(credentials),
            LinkKind::PhoneApproval,
        )
        .with_revocation(revocation);
        let same_server = Url::parse(&grant.server).is_ok_and(|server| {
            server.origin() == approval.server.origin()
                && server.path().trim_end_matches('/')
                    == approval.server.path().trim_end_matches('/')
        });
        if !same_server {
            // The credential is useless to the kiosk: revoke it rather than leave it alive.
            let _ = super::Vault::close(&dav).await;
            return Err(LoginError::WrongServer);
        }
        let mut opened = dav.create_folders(&root, cancel).await;
        if opened.is_ok() {
            opened = dav.probe(cancel).await;
        }
        if let Err(e) = opened {
            // The kiosk cannot use the access: revoke it rather than leave it alive.
            let _ = super::Vault::close(&dav).await;
            return Err(e.into());
        }
        Ok(dav)
    }
}
