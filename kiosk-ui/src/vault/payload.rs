//! What a pairing QR code carries, and whether the kiosk may use it.
//!
//! The camera hands over whatever text a QR code held. [`parse`] turns it into a [`Pairing`]
//! (a Nextcloud/ownCloud public share, or a WebDAV folder with credentials) or into a
//! [`Refusal`] that says *why* — a [`RefusalReason`] with a stable code the UI translates —
//! and, when the code is not a vault link at all, *what* it is ([`PayloadKind`]: a web page,
//! Wi-Fi settings, a payment code…), so the resident hears "this is a Wi-Fi code, not your
//! vault card" rather than "error".
//!
//! The text is untrusted: it is bounded in length, the scheme must be one the configuration
//! allows, credentials may only appear where a WebDAV link expects them (a share link with a
//! `user@` part is the classic "looks like bank.example" trick), IP literals are refused unless
//! configured, and host names go through IDNA (the `url` crate) so a malformed international
//! name is refused rather than guessed. Nothing here touches the network.

use std::fmt;

use percent_encoding::percent_decode_str;
use thiserror::Error;
use url::{Host, Url};
use zeroize::Zeroizing;

use crate::config::{Connector, VaultConfig};

/// The longest pairing payload accepted, in bytes. Real share links are under 200.
pub const MAX_PAYLOAD_BYTES: usize = 1024;

/// What a QR code that is not (or not usable as) a vault link looks like it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// Nothing readable.
    Empty,
    /// Bytes that are not text.
    Binary,
    /// A link to a web page (http/https, not a recognised share).
    WebPage,
    /// A vault link (share or WebDAV folder), usable or not.
    VaultLink,
    /// Wi-Fi network settings (`WIFI:`).
    WifiSettings,
    /// A payment code: EPC/SEPA transfer (`BCD`), Swiss QR bill, a payment URI.
    Payment,
    /// A contact card (vCard, MECARD).
    Contact,
    /// A calendar event.
    CalendarEvent,
    /// An e-mail address or message (`mailto:`, `MATMSG:`).
    Email,
    /// A phone number (`tel:`).
    PhoneNumber,
    /// A text message (`sms:`, `smsto:`).
    TextMessage,
    /// A place on a map (`geo:`).
    Location,
    /// A one-time-password enrolment (`otpauth://`).
    OneTimePassword,
    /// A link with another scheme (an app link, `ftp:`…).
    OtherLink,
    /// Plain text.
    PlainText,
}

impl PayloadKind {
    /// A stable code for translations and JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Binary => "binary",
            Self::WebPage => "web_page",
            Self::VaultLink => "vault_link",
            Self::WifiSettings => "wifi_settings",
            Self::Payment => "payment",
            Self::Contact => "contact",
            Self::CalendarEvent => "calendar_event",
            Self::Email => "email",
            Self::PhoneNumber => "phone_number",
            Self::TextMessage => "text_message",
            Self::Location => "location",
            Self::OneTimePassword => "one_time_password",
            Self::OtherLink => "other_link",
            Self::PlainText => "plain_text",
        }
    }
}

/// Why a pairing payload was refused. Each reason has a stable [`code`](Self::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum RefusalReason {
    /// The QR code holds nothing.
    #[error("the code is empty")]
    Empty,
    /// The QR code holds bytes that are not UTF-8 text.
    #[error("the code does not hold text")]
    NotText,
    /// The QR code holds more than [`MAX_PAYLOAD_BYTES`].
    #[error("the code is longer than any vault link")]
    TooLong,
    /// The QR code is something else than a vault link (see its [`PayloadKind`]).
    #[error("the code is not a vault link")]
    NotAVaultLink,
    /// The link contains spaces, control characters or backslashes.
    #[error("the link contains characters a link cannot have")]
    BadCharacters,
    /// The link cannot be parsed as a URL.
    #[error("the link is malformed")]
    Malformed,
    /// The host name is not valid (including failed IDNA processing).
    #[error("the server name is not valid")]
    BadHost,
    /// The port is not a valid number.
    #[error("the port is not valid")]
    BadPort,
    /// The link uses plain HTTP and the kiosk only allows encrypted vaults.
    #[error("the link is not encrypted and this kiosk only accepts encrypted vaults")]
    InsecureNotAllowed,
    /// The kind of vault is valid but not enabled on this kiosk.
    #[error("this kind of vault is not enabled on this kiosk")]
    ConnectorNotAllowed,
    /// A share link carries a `user@` part, or a link carries several: a disguise trick.
    #[error("the link hides its real server behind a user name")]
    UserinfoNotAllowed,
    /// A WebDAV link lacks its user name or password.
    #[error("the WebDAV link has no user name or password")]
    MissingCredentials,
    /// The server is named by an IP address, which the configuration does not allow.
    #[error("the link names its server by IP address")]
    IpLiteralNotAllowed,
    /// The share token is not made of 8 to 64 letters and digits.
    #[error("the share token is not valid")]
    BadToken,
    /// The link has a query (`?…`) or fragment (`#…`) a vault link never has.
    #[error("the link has parts a vault link never has")]
    UnexpectedQuery,
}

impl RefusalReason {
    /// A stable code for translations and JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotText => "not_text",
            Self::TooLong => "too_long",
            Self::NotAVaultLink => "not_a_vault_link",
            Self::BadCharacters => "bad_characters",
            Self::Malformed => "malformed",
            Self::BadHost => "bad_host",
            Self::BadPort => "bad_port",
            Self::InsecureNotAllowed => "insecure_not_allowed",
            Self::ConnectorNotAllowed => "connector_not_allowed",
            Self::UserinfoNotAllowed => "userinfo_not_allowed",
            Self::MissingCredentials => "missing_credentials",
            Self::IpLiteralNotAllowed => "ip_literal_not_allowed",
            Self::BadToken => "bad_token",
            Self::UnexpectedQuery => "unexpected_query",
        }
    }
}

/// A refused payload: why, and what it looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{reason} ({})", .kind.code())]
pub struct Refusal {
    /// Why it was refused.
    pub reason: RefusalReason,
    /// What the payload looked like.
    pub kind: PayloadKind,
}

/// What the kiosk may use a pairing payload for. Built from the `[vault]` configuration.
#[derive(Debug, Clone)]
pub struct PairingRules {
    /// Connectors residents may use.
    pub allowed: Vec<Connector>,
    /// Whether plain-HTTP vaults are accepted.
    pub allow_insecure_http: bool,
    /// Whether servers may be named by IP address.
    pub allow_ip_literals: bool,
}

impl From<&VaultConfig> for PairingRules {
    fn from(config: &VaultConfig) -> Self {
        Self {
            allowed: config.allowed_connectors.clone(),
            allow_insecure_http: config.allow_insecure_http,
            allow_ip_literals: config.allow_ip_literals,
        }
    }
}

/// A Nextcloud/ownCloud public share link.
#[derive(Clone, PartialEq, Eq)]
pub struct ShareLink {
    /// The server's base URL, with its subpath and a trailing slash (`https://host/cloud/`).
    pub server: Url,
    /// The share token (letters and digits). Secret: whoever has it can upload.
    pub token: Zeroizing<String>,
}

/// A WebDAV folder with its credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct DavLink {
    /// The folder URL (`https` or, when allowed, `http`), without credentials, ending in `/`.
    pub folder: Url,
    /// The user name.
    pub user: Zeroizing<String>,
    /// The password.
    pub password: Zeroizing<String>,
}

/// An accepted pairing payload.
#[derive(Clone, PartialEq, Eq)]
pub enum Pairing {
    /// A Nextcloud/ownCloud public share.
    NextcloudShare(ShareLink),
    /// A WebDAV folder with credentials.
    Webdav(DavLink),
}

impl Pairing {
    /// The connector this pairing uses.
    pub fn connector(&self) -> Connector {
        match self {
            Self::NextcloudShare(_) => Connector::NextcloudShare,
            Self::Webdav(_) => Connector::Webdav,
        }
    }

    /// The server's host, safe to show a technician (no token, no credentials).
    pub fn host(&self) -> &str {
        let url = match self {
            Self::NextcloudShare(share) => &share.server,
            Self::Webdav(dav) => &dav.folder,
        };
        url.host_str().unwrap_or_default()
    }
}

impl fmt::Debug for Pairing {
    /// Shows the connector and host only: tokens and credentials never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pairing")
            .field("connector", &self.connector())
            .field("host", &self.host())
            .finish_non_exhaustive()
    }
}

/// Parses raw QR bytes: refuses non-text, then as [`parse`].
pub fn parse_bytes(bytes: &[u8], rules: &PairingRules) -> Result<Pairing, Refusal> {
    if bytes.len() > MAX_PAYLOAD_BYTES {
        return Err(refuse(RefusalReason::TooLong, PayloadKind::Binary));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, rules),
        Err(_) => Err(refuse(RefusalReason::NotText, PayloadKind::Binary)),
    }
}

/// Parses a pairing payload and checks it against the kiosk's rules.
pub fn parse(payload: &str, rules: &PairingRules) -> Result<Pairing, Refusal> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(refuse(RefusalReason::TooLong, kind_of(payload)));
    }
    let text = payload.trim();
    if text.is_empty() {
        return Err(refuse(RefusalReason::Empty, PayloadKind::Empty));
    }
    let kind = kind_of(text);
    let lower = text.get(..10).unwrap_or(text).to_ascii_lowercase();
    let dav_scheme = [
        ("davs://", "https", true),
        ("webdavs://", "https", true),
        ("dav://", "http", false),
        ("webdav://", "http", false),
    ]
    .into_iter()
    .find(|(prefix, _, _)| lower.starts_with(prefix));
    if let Some((prefix, http_scheme, secure)) = dav_scheme {
        let rest = &text[prefix.len()..];
        return parse_dav(rest, http_scheme, secure, rules);
    }
    if kind == PayloadKind::WebPage {
        return parse_share(text, rules);
    }
    Err(refuse(RefusalReason::NotAVaultLink, kind))
}

/// Recognises what a payload is, from its first characters.
pub fn kind_of(text: &str) -> PayloadKind {
    let text = text.trim_start();
    if text.is_empty() {
        return PayloadKind::Empty;
    }
    let head = text.get(..16).unwrap_or(text).to_ascii_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| head.starts_with(p));
    if starts(&["davs://", "webdavs://", "dav://", "webdav://"]) {
        PayloadKind::VaultLink
    } else if starts(&["https://", "http://"]) {
        PayloadKind::WebPage
    } else if starts(&["wifi:"]) {
        PayloadKind::WifiSettings
    } else if starts(&[
        "bcd\n", "bcd\r\n", "spc\n", "spc\r\n", "upi://", "bitcoin:", "payto:",
    ]) {
        PayloadKind::Payment
    } else if starts(&["begin:vcard", "mecard:"]) {
        PayloadKind::Contact
    } else if starts(&["begin:vevent", "begin:vcalendar"]) {
        PayloadKind::CalendarEvent
    } else if starts(&["mailto:", "matmsg:"]) {
        PayloadKind::Email
    } else if starts(&["tel:"]) {
        PayloadKind::PhoneNumber
    } else if starts(&["sms:", "smsto:"]) {
        PayloadKind::TextMessage
    } else if starts(&["geo:"]) {
        PayloadKind::Location
    } else if starts(&["otpauth://"]) {
        PayloadKind::OneTimePassword
    } else if looks_like_uri(text) {
        PayloadKind::OtherLink
    } else {
        PayloadKind::PlainText
    }
}

/// `scheme:rest` with an RFC 3986 scheme and no whitespace: an app link of some kind.
fn looks_like_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.contains(char::is_whitespace)
}

fn refuse(reason: RefusalReason, kind: PayloadKind) -> Refusal {
    Refusal { reason, kind }
}

/// The authority part (`user@host:port`) of `rest`, the text after `scheme://`.
fn authority_of(rest: &str) -> &str {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

/// Checks shared by every link: characters, URL syntax, query, host.
fn parse_url(text: &str, rules: &PairingRules, kind: PayloadKind) -> Result<Url, Refusal> {
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(refuse(RefusalReason::BadCharacters, kind));
    }
    let url = Url::parse(text).map_err(|e| {
        let reason = match e {
            url::ParseError::IdnaError
            | url::ParseError::EmptyHost
            | url::ParseError::InvalidDomainCharacter
            | url::ParseError::InvalidIpv4Address
            | url::ParseError::InvalidIpv6Address => RefusalReason::BadHost,
            url::ParseError::InvalidPort => RefusalReason::BadPort,
            _ => RefusalReason::Malformed,
        };
        refuse(reason, kind)
    })?;
    if url.scheme() == "http" && !rules.allow_insecure_http {
        return Err(refuse(RefusalReason::InsecureNotAllowed, kind));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse(RefusalReason::UnexpectedQuery, kind));
    }
    match url.host() {
        None => return Err(refuse(RefusalReason::BadHost, kind)),
        Some(Host::Ipv4(_) | Host::Ipv6(_)) if !rules.allow_ip_literals => {
            return Err(refuse(RefusalReason::IpLiteralNotAllowed, kind));
        }
        Some(_) => {}
    }
    if url.port() == Some(0) {
        return Err(refuse(RefusalReason::BadPort, kind));
    }
    Ok(url)
}

fn parse_share(text: &str, rules: &PairingRules) -> Result<Pairing, Refusal> {
    let scheme_end = text.find("://").map_or(0, |i| i + 3);
    if authority_of(&text[scheme_end..]).contains('@') {
        return Err(refuse(
            RefusalReason::UserinfoNotAllowed,
            PayloadKind::WebPage,
        ));
    }
    let url = parse_url(text, rules, PayloadKind::WebPage)?;
    let segments: Vec<&str> = url.path_segments().into_iter().flatten().collect();
    let segments = match segments.split_last() {
        Some((&"", init)) => init,
        _ => &segments[..],
    };
    let [prefix @ .., "s", token] = segments else {
        return Err(refuse(RefusalReason::NotAVaultLink, PayloadKind::WebPage));
    };
    let prefix = match prefix.split_last() {
        Some((&"index.php", init)) => init,
        _ => prefix,
    };
    if prefix.iter().any(|s| s.is_empty()) {
        return Err(refuse(RefusalReason::NotAVaultLink, PayloadKind::WebPage));
    }
    if !(8..=64).contains(&token.len()) || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(refuse(RefusalReason::BadToken, PayloadKind::VaultLink));
    }
    if !rules.allowed.contains(&Connector::NextcloudShare) {
        return Err(refuse(
            RefusalReason::ConnectorNotAllowed,
            PayloadKind::VaultLink,
        ));
    }
    let mut server = url.clone();
    let mut path = String::from("/");
    for segment in prefix {
        path.push_str(segment);
        path.push('/');
    }
    server.set_path(&path);
    Ok(Pairing::NextcloudShare(ShareLink {
        server,
        token: Zeroizing::new((*token).to_owned()),
    }))
}

fn parse_dav(
    rest: &str,
    http_scheme: &str,
    secure: bool,
    rules: &PairingRules,
) -> Result<Pairing, Refusal> {
    let kind = PayloadKind::VaultLink;
    if !secure && !rules.allow_insecure_http {
        return Err(refuse(RefusalReason::InsecureNotAllowed, kind));
    }
    if authority_of(rest).matches('@').count() > 1 {
        return Err(refuse(RefusalReason::UserinfoNotAllowed, kind));
    }
    let text = Zeroizing::new(format!("{http_scheme}://{rest}"));
    let mut url = parse_url(&text, rules, kind)?;
    let decode = |s: &str| -> Result<Zeroizing<String>, Refusal> {
        let decoded = percent_decode_str(s)
            .decode_utf8()
            .map_err(|_| refuse(RefusalReason::BadCharacters, kind))?;
        if decoded.chars().any(char::is_control) {
            return Err(refuse(RefusalReason::BadCharacters, kind));
        }
        Ok(Zeroizing::new(decoded.into_owned()))
    };
    let user = decode(url.username())?;
    let password = decode(url.password().unwrap_or_default())?;
    if user.is_empty() || password.is_empty() || user.contains(':') {
        return Err(refuse(RefusalReason::MissingCredentials, kind));
    }
    if !rules.allowed.contains(&Connector::Webdav) {
        return Err(refuse(RefusalReason::ConnectorNotAllowed, kind));
    }
    // Both setters only fail on URLs without a host, which parse_url has refused.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(Pairing::Webdav(DavLink {
        folder: url,
        user,
        password,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PairingRules {
        PairingRules {
            allowed: vec![Connector::NextcloudShare, Connector::Webdav],
            allow_insecure_http: false,
            allow_ip_literals: false,
        }
    }

    fn refused(payload: &str) -> Refusal {
        parse(payload, &rules()).expect_err(payload)
    }

    fn share(payload: &str) -> ShareLink {
        match parse(payload, &rules()) {
            Ok(Pairing::NextcloudShare(share)) => share,
            other => panic!("{payload}: {other:?}"),
        }
    }

    #[test]
    fn share_links_with_and_without_index_php_and_subpath() {
        let s = share("https://cloud.example.org/s/AbCdEf123456789");
        assert_eq!(s.server.as_str(), "https://cloud.example.org/");
        assert_eq!(s.token.as_str(), "AbCdEf123456789");
        let s = share("https://cloud.example.org:8443/nextcloud/index.php/s/AbCdEf123456789/\n");
        assert_eq!(
            s.server.as_str(),
            "https://cloud.example.org:8443/nextcloud/"
        );
        let s = share("HTTPS://Cloud.Example.ORG/s/AbCdEf123456789");
        assert_eq!(s.server.host_str(), Some("cloud.example.org"));
    }

    #[test]
    fn international_host_names_become_punycode() {
        let s = share("https://coffre.société.fr/s/AbCdEf123456789");
        assert_eq!(s.server.host_str(), Some("coffre.xn--socit-esab.fr"));
        assert_eq!(
            refused("https://xn--a.example/s/AbCdEf123456789").reason,
            RefusalReason::BadHost
        );
    }

    #[test]
    fn userinfo_on_a_share_link_is_a_trick() {
        let r = refused("https://cloud.example.org@evil.example/s/AbCdEf123456789");
        assert_eq!(r.reason, RefusalReason::UserinfoNotAllowed);
    }

    #[test]
    fn other_web_pages_are_recognised_as_such() {
        let r = refused("https://www.example.org/about");
        assert_eq!(
            (r.reason, r.kind),
            (RefusalReason::NotAVaultLink, PayloadKind::WebPage)
        );
    }

    #[test]
    fn dav_links_carry_credentials_out_of_the_url() {
        let Ok(Pairing::Webdav(dav)) = parse(
            "davs://marie:p%40ss%3Aw0rd@dav.example.org/coffre",
            &rules(),
        ) else {
            panic!("not a dav link");
        };
        assert_eq!(dav.folder.as_str(), "https://dav.example.org/coffre/");
        assert_eq!(dav.user.as_str(), "marie");
        assert_eq!(dav.password.as_str(), "p@ss:w0rd");
        assert!(!format!("{:?}", Pairing::Webdav(dav)).contains("w0rd"));
    }

    #[test]
    fn plain_http_needs_the_configuration() {
        let r = refused("dav://u:p@dav.example.org/f/");
        assert_eq!(r.reason, RefusalReason::InsecureNotAllowed);
        let r = refused("http://cloud.example.org/s/AbCdEf123456789");
        assert_eq!(r.reason, RefusalReason::InsecureNotAllowed);
        let mut lax = rules();
        lax.allow_insecure_http = true;
        let Ok(Pairing::Webdav(dav)) = parse("webdav://u:p@dav.example.org/f/", &lax) else {
            panic!("refused");
        };
        assert_eq!(dav.folder.scheme(), "http");
    }

    #[test]
    fn ip_literals_need_the_configuration() {
        for link in [
            "https://127.0.0.1/s/AbCdEf123456789",
            "https://[::1]:8443/s/AbCdEf123456789",
            "https://2130706433/s/AbCdEf123456789",
            "davs://u:p@10.0.0.1/f/",
        ] {
            assert_eq!(
                refused(link).reason,
                RefusalReason::IpLiteralNotAllowed,
                "{link}"
            );
        }
        let mut lax = rules();
        lax.allow_ip_literals = true;
        assert!(parse("https://127.0.0.1:8080/s/AbCdEf123456789", &lax).is_ok());
    }

    #[test]
    fn malformed_links_have_precise_reasons() {
        let cases = [
            ("", RefusalReason::Empty),
            ("   \n", RefusalReason::Empty),
            ("https://cloud.example.org/s/short", RefusalReason::BadToken),
            (
                "https://cloud.example.org/s/AbCd-Ef12345678",
                RefusalReason::BadToken,
            ),
            (
                "https://cloud.example.org:99999/s/AbCdEf123456789",
                RefusalReason::BadPort,
            ),
            (
                "https://cloud.example.org/s/AbCdEf123456789?x=1",
                RefusalReason::UnexpectedQuery,
            ),
            (
                "https://cloud.example.org/s/AbCdEf123456789#x",
                RefusalReason::UnexpectedQuery,
            ),
            (
                "https://cloud.example.org\\@evil/s/AbCdEf123456789",
                RefusalReason::UserinfoNotAllowed,
            ),
            (
                "https://cloud.example.org/s/Ab CdEf123456789",
                RefusalReason::BadCharacters,
            ),
            ("https://[::1/s/AbCdEf123456789", RefusalReason::BadHost),
            (
                "davs://dav.example.org/f/",
                RefusalReason::MissingCredentials,
            ),
            (
                "davs://user@dav.example.org/f/",
                RefusalReason::MissingCredentials,
            ),
            (
                "davs://a:b@c:d@dav.example.org/f/",
                RefusalReason::UserinfoNotAllowed,
            ),
            (
                "davs://a:b%00@dav.example.org/f/",
                RefusalReason::BadCharacters,
            ),
        ];
        for (payload, reason) in cases {
            assert_eq!(refused(payload).reason, reason, "{payload:?}");
        }
        let long = format!(
            "https://cloud.example.org/s/{}",
            "a".repeat(MAX_PAYLOAD_BYTES)
        );
        assert_eq!(refused(&long).reason, RefusalReason::TooLong);
        assert_eq!(
            parse_bytes(b"\xff\xfe", &rules()).unwrap_err().reason,
            RefusalReason::NotText
        );
    }

    #[test]
    fn disabled_connectors_are_refused_as_such() {
        let only_dav = PairingRules {
            allowed: vec![Connector::Webdav],
            ..rules()
        };
        let r = parse("https://cloud.example.org/s/AbCdEf123456789", &only_dav).unwrap_err();
        assert_eq!(r.reason, RefusalReason::ConnectorNotAllowed);
    }

    #[test]
    fn other_codes_are_recognised() {
        let cases = [
            ("WIFI:T:WPA;S:Cafe;P:secret;;", PayloadKind::WifiSettings),
            (
                "BCD\n002\n1\nSCT\nBIC\nName\nFR7630006000011234567890189\nEUR12",
                PayloadKind::Payment,
            ),
            (
                "BEGIN:VCARD\nVERSION:3.0\nFN:X\nEND:VCARD",
                PayloadKind::Contact,
            ),
            ("MECARD:N:X;;", PayloadKind::Contact),
            ("mailto:someone@example.org", PayloadKind::Email),
            ("tel:+33100000000", PayloadKind::PhoneNumber),
            ("SMSTO:+33100000000:hi", PayloadKind::TextMessage),
            ("geo:48.85,2.35", PayloadKind::Location),
            (
                "BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT",
                PayloadKind::CalendarEvent,
            ),
            ("otpauth://totp/x?secret=ABC", PayloadKind::OneTimePassword),
            ("market://details?id=x", PayloadKind::OtherLink),
            ("Bonjour, ceci est un texte", PayloadKind::PlainText),
        ];
        for (payload, kind) in cases {
            let r = refused(payload);
            assert_eq!(
                (r.reason, r.kind),
                (RefusalReason::NotAVaultLink, kind),
                "{payload}"
            );
        }
    }

    #[test]
    fn every_reason_has_a_distinct_code() {
        let reasons = [
            RefusalReason::Empty,
            RefusalReason::NotText,
            RefusalReason::TooLong,
            RefusalReason::NotAVaultLink,
            RefusalReason::BadCharacters,
            RefusalReason::Malformed,
            RefusalReason::BadHost,
            RefusalReason::BadPort,
            RefusalReason::InsecureNotAllowed,
            RefusalReason::ConnectorNotAllowed,
            RefusalReason::UserinfoNotAllowed,
            RefusalReason::MissingCredentials,
            RefusalReason::IpLiteralNotAllowed,
            RefusalReason::BadToken,
            RefusalReason::UnexpectedQuery,
        ];
        let codes: std::collections::HashSet<_> = reasons.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), reasons.len());
    }
}
