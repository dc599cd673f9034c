//! The kiosk's HTTP client for vaults, and how its failures are classified.
//!
//! One [`Http`] is built from the configuration: rustls with the system's roots plus the
//! optional extra CA, connect and read timeouts, a User-Agent naming the kiosk and its site
//! (Nextcloud shows it in the resident's device list), and redirects followed only within the
//! same origin — a vault link never sends documents to another host. Every attempt's outcome
//! goes through [`classify_error`] or [`classify_status`], which decide whether a retry may
//! help ([`retry::Failure`]) and which [`DeliveryError`] the resident hears about.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{StatusCode, redirect};

use super::DeliveryError;
use super::retry::{Failure, RetryPolicy};
use crate::config::Config;

/// The slowest upload rate an attempt is allowed before it is abandoned, in bytes per second
/// (256 kbit/s: a poor café Wi-Fi still does better).
const MIN_UPLOAD_RATE: u64 = 32 * 1024;

/// The shared HTTP client with the configured timeouts and retry policy.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    /// The retry policy applied to every operation.
    pub policy: RetryPolicy,
    read_timeout: Duration,
    user_agent: String,
}

impl Http {
    /// Builds the client the configuration describes.
    pub fn new(config: &Config) -> Result<Self, DeliveryError> {
        let vault = &config.vault;
        let user_agent = format!(
            "Document kiosk {} ({})",
            env!("CARGO_PKG_VERSION"),
            config.site_name.trim()
        );
        let header = HeaderValue::from_bytes(user_agent.as_bytes())
            .map_err(|e| DeliveryError::Setup(format!("site name in User-Agent: {e}")))?;
        let mut builder = reqwest::Client::builder()
            .user_agent(header)
            .connect_timeout(vault.connect_timeout())
            .pool_idle_timeout(Duration::from_secs(30))
            .redirect(same_origin_redirects())
            .https_only(!vault.allow_insecure_http);
        if let Some(path) = &vault.extra_ca {
            let pem =
                std::fs::read(path).map_err(|e| DeliveryError::Setup(format!("extra CA: {e}")))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| DeliveryError::Setup(format!("extra CA: {e}")))?;
            builder = builder.tls_certs_merge(certs);
        }
        let client = builder
            .build()
            .map_err(|e| DeliveryError::Setup(e.to_string()))?;
        Ok(Self {
            client,
            policy: RetryPolicy::with_budget(vault.delivery_budget()),
            read_timeout: vault.read_timeout(),
            user_agent,
        })
    }

    /// A request with the read timeout as its deadline (uploads extend it, see
    /// [`Http::attempt_timeout`]).
    ///
    /// The deadline is per request rather than reqwest's `read_timeout`, which counts from the
    /// start of the request until the response headers and would cut slow but steady uploads.
    pub fn request(&self, method: reqwest::Method, url: url::Url) -> reqwest::RequestBuilder {
        self.client.request(method, url).timeout(self.read_timeout)
    }

    /// The User-Agent the kiosk sends (`Document kiosk 0.1.0 (Café de la Place)`).
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The longest one attempt to upload `bytes` may take: the read timeout plus the time the
    /// body takes at [`MIN_UPLOAD_RATE`]. A server that stalls is caught by this.
    pub fn attempt_timeout(&self, bytes: u64) -> Duration {
        self.read_timeout + Duration::from_secs(bytes / MIN_UPLOAD_RATE)
    }
}

/// Follows redirects only to the same scheme, host and port, at most three times; any other
/// redirect response is returned to the caller, which reports [`DeliveryError::Redirected`].
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= 3 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Whether a TLS certificate problem is somewhere in `err`'s chain of causes.
fn is_certificate_error(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return matches!(
                tls,
                rustls::Error::InvalidCertificate(_)
                    | rustls::Error::NoCertificatesPresented
                    | rustls::Error::UnsupportedNameType
            );
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && is_certificate_error(inner)
        {
            return true;
        }
        current = e.source();
    }
    false
}

/// Classifies a request that got no HTTP response.
pub fn classify_error(err: &reqwest::Error) -> Failure {
    if is_certificate_error(err) {
        return Failure::permanent(DeliveryError::TlsUntrusted);
    }
    if err.is_redirect() {
        return Failure::permanent(DeliveryError::Redirected);
    }
    let error = if err.is_timeout() {
        DeliveryError::TimedOut
    } else {
        DeliveryError::Unreachable
    };
    Failure {
        error,
        transient: true,
        retry_after: None,
        // A failed connection never reached the server; anything later may have.
        maybe_applied: !err.is_connect(),
    }
}

/// Classifies an HTTP status that is not the success the caller expected.
pub fn classify_status(status: StatusCode, headers: &HeaderMap) -> Failure {
    let code = status.as_u16();
    let permanent = Failure::permanent;
    match code {
        401 => permanent(DeliveryError::Unauthorized),
        403 => permanent(DeliveryError::Forbidden),
        404 | 410 => permanent(DeliveryError::LinkGone),
        409 => permanent(DeliveryError::FolderMissing),
        413 => permanent(DeliveryError::TooLarge),
        507 => permanent(DeliveryError::VaultFull),
        300..=399 => permanent(DeliveryError::Redirected),
        408 | 429 | 500 | 502 | 503 | 504 => Failure {
            error: match code {
                408 => DeliveryError::TimedOut,
                429 => DeliveryError::RateLimited,
                _ => DeliveryError::ServerError(code),
            },
            transient: true,
            retry_after: retry_after(headers),
            // The server answered: it did not store the document.
            maybe_applied: false,
        },
        500..=599 => permanent(DeliveryError::ServerError(code)),
        _ => permanent(DeliveryError::UnexpectedStatus(code)),
    }
}

/// The delay a `Retry-After` header asks for: seconds, or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(RETRY_AFTER, HeaderValue::from_str(retry).unwrap());
        map
    }

    #[test]
    fn permanent_statuses_have_their_own_reason() {
        let none = HeaderMap::new();
        for (code, reason) in [
            (401, "unauthorized"),
            (403, "forbidden"),
            (404, "link_gone"),
            (409, "folder_missing"),
            (413, "too_large"),
            (507, "vault_full"),
            (301, "redirected"),
            (418, "unexpected_status"),
            (501, "server_error"),
        ] {
            let failure = classify_status(StatusCode::from_u16(code).unwrap(), &none);
            assert!(!failure.transient, "{code}");
            assert_eq!(failure.error.code(), reason, "{code}");
        }
    }

    #[test]
    fn transient_statuses_are_retried_and_honour_retry_after() {
        let failure = classify_status(StatusCode::TOO_MANY_REQUESTS, &headers("7"));
        assert!(failure.transient);
        assert_eq!(failure.error.code(), "rate_limited");
        assert_eq!(failure.retry_after, Some(Duration::from_secs(7)));
        for code in [500, 502, 503, 504] {
            let failure = classify_status(StatusCode::from_u16(code).unwrap(), &HeaderMap::new());
            assert!(failure.transient && !failure.maybe_applied, "{code}");
        }
    }

    #[test]
    fn retry_after_reads_http_dates() {
        let soon = SystemTime::now() + Duration::from_secs(120);
        let delay = retry_after(&headers(&httpdate::fmt_http_date(soon))).unwrap();
        assert!(delay > Duration::from_secs(100) && delay <= Duration::from_secs(120));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon")), None);
    }

    #[test]
    fn the_user_agent_names_the_site() {
        let config = Config::parse("site_name = \"Café de la Place\"\n").unwrap();
        let http = Http::new(&config).unwrap();
        assert!(http.user_agent().starts_with("Document kiosk "));
        assert!(http.user_agent().ends_with("(Café de la Place)"));
    }
}
