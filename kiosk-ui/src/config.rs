//! The kiosk's configuration file: one TOML file, validated once at load.
//!
//! A technician writes it on the boot partition (see `docs/configuration.md` for every key).
//! Loading goes in two steps: serde turns the text into raw sections (unknown keys are
//! refused, so a typo never silently falls back to a default), then [`Config::validate`]
//! checks what types cannot say — ranges, consistency between timeouts, that the phone-approval
//! server is an `https` origin — and names the offending key in its error. Everything else in
//! the kiosk receives an already valid [`Config`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;
use url::Url;

/// Why a configuration file was refused.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file: {0}")]
    Unreadable(#[from] std::io::Error),
    /// The file is not valid TOML, has an unknown key or a value of the wrong type.
    #[error("the configuration is not valid: {0}")]
    Syntax(#[from] toml::de::Error),
    /// A key has a value of the right type that the kiosk cannot use.
    #[error("configuration key `{key}`: {problem}")]
    Invalid {
        /// The dotted path of the key, as written in the file (`vault.read_timeout_secs`).
        key: &'static str,
        /// What is wrong with its value.
        problem: String,
    },
}

/// The vault connectors a kiosk can be allowed to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connector {
    /// Nextcloud/ownCloud public share links (`https://host/s/TOKEN`).
    NextcloudShare,
    /// WebDAV folders with credentials in the link (`davs://user:pass@host/path/`).
    Webdav,
    /// Nextcloud Login Flow v2: the resident approves the kiosk on their phone.
    PhoneApproval,
}

/// The whole validated configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The name of the place, shown on screen and sent to vaults in the User-Agent.
    pub site_name: String,
    /// The languages offered on the welcome screen, as language codes (`fr`, `es`, `ar`…).
    pub languages: Vec<String>,
    /// How the kiosk talks to residents' vaults.
    pub vault: VaultConfig,
    /// The resident's session.
    pub session: SessionConfig,
    /// The printer, if there is one.
    pub printer: PrinterConfig,
    /// The document camera.
    pub camera: CameraConfig,
}

/// The `[vault]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VaultConfig {
    /// The connectors residents' QR codes may use.
    pub allowed_connectors: Vec<Connector>,
    /// Whether `dav://`/`webdav://` links over plain HTTP are accepted (off by default).
    pub allow_insecure_http: bool,
    /// A PEM file of extra CA certificates trusted besides the system roots.
    pub extra_ca: Option<PathBuf>,
    /// Whether links may name a server by IP address instead of a host name.
    pub allow_ip_literals: bool,
    /// Seconds allowed to open a connection to a vault.
    pub connect_timeout_secs: u64,
    /// Seconds a vault may stay silent while answering before the attempt is abandoned.
    pub read_timeout_secs: u64,
    /// Seconds spent at most on one document, retries included.
    pub delivery_budget_secs: u64,
    /// Phone approval (Nextcloud Login Flow v2); absent when the kiosk does not offer it.
    pub phone_approval: Option<PhoneApprovalConfig>,
}

/// The `[vault.phone_approval]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneApprovalConfig {
    /// The Nextcloud server residents approve the kiosk on (an `https` origin, maybe a subpath).
    pub server: Url,
    /// The folder of the resident's account the documents go to.
    #[serde(default = "default_folder")]
    pub folder: String,
    /// Seconds the kiosk waits for the resident to approve on their phone.
    #[serde(default = "default_login_timeout")]
    pub login_timeout_secs: u64,
    /// Seconds between two polls of the server while waiting for approval.
    #[serde(default = "default_poll_interval")]
    pub poll_interval_secs: u64,
}

/// The `[session]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// Seconds without a touch or a page before the "are you still there?" countdown starts.
    pub idle_timeout_secs: u64,
    /// Seconds of visible countdown before an idle session is wiped.
    pub countdown_secs: u64,
    /// Seconds after which any session ends, whatever happens.
    pub hard_cap_secs: u64,
}

/// The `[printer]` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrinterConfig {
    /// The IPP URI of the printer (`ipp://localhost/printers/PDF`); absent when there is none.
    pub uri: Option<Url>,
}

/// The `[camera]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CameraConfig {
    /// Which camera: `"auto"` (the first document camera found), a device path
    /// (`/dev/video0`), or `"replay:<folder>"` to replay photos (demo mode, tests).
    pub source: String,
}

fn default_folder() -> String {
    "Kiosk".to_owned()
}

fn default_login_timeout() -> u64 {
    300
}

fn default_poll_interval() -> u64 {
    2
}

impl Default for Config {
    fn default() -> Self {
        Self {
            site_name: "Document kiosk".to_owned(),
            languages: ["fr", "es", "en", "ar", "uk"].map(str::to_owned).to_vec(),
            vault: VaultConfig::default(),
            session: SessionConfig::default(),
            printer: PrinterConfig::default(),
            camera: CameraConfig::default(),
        }
    }
}

impl Default for VaultConfig {
    fn default() -> Self {
        Self {
            allowed_connectors: vec![Connector::NextcloudShare, Connector::Webdav],
            allow_insecure_http: false,
            extra_ca: None,
            allow_ip_literals: false,
            connect_timeout_secs: 10,
            read_timeout_secs: 30,
            delivery_budget_secs: 120,
            phone_approval: None,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            idle_timeout_secs: 90,
            countdown_secs: 20,
            hard_cap_secs: 1800,
        }
    }
}

impl Default for CameraConfig {
    fn default() -> Self {
        Self {
            source: "auto".to_owned(),
        }
    }
}

impl Config {
    /// Reads and validates the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::parse(&std::fs::read_to_string(path)?)
    }

    /// Parses and validates configuration text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let config: Self = toml::from_str(text)?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what the types cannot: ranges, consistency, existence of referenced files.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let name = self.site_name.trim();
        check(!name.is_empty(), "site_name", "must not be empty")?;
        check(
            name.chars().count() <= 64,
            "site_name",
            "must be at most 64 characters",
        )?;
        check(
            !self.site_name.chars().any(char::is_control),
            "site_name",
            "must not contain control characters",
        )?;
        check(
            !self.languages.is_empty(),
            "languages",
            "must offer at least one language",
        )?;
        for code in &self.languages {
            check(
                is_language_code(code),
                "languages",
                format!("`{code}` is not a language code such as `fr` or `pt-BR`"),
            )?;
        }
        self.vault.validate()?;
        self.session.validate()?;
        if let Some(uri) = &self.printer.uri {
            check(
                matches!(uri.scheme(), "ipp" | "ipps"),
                "printer.uri",
                "must be an ipp:// or ipps:// URI",
            )?;
        }
        let source = self.camera.source.as_str();
        check(
            source == "auto"
                || source.starts_with("/dev/")
                || source
                    .strip_prefix("replay:")
                    .is_some_and(|p| !p.is_empty()),
            "camera.source",
            "must be `auto`, a device path such as `/dev/video0`, or `replay:<folder>`",
        )?;
        Ok(())
    }
}

impl VaultConfig {
    /// Whether residents may use `connector`.
    pub fn allows(&self, connector: Connector) -> bool {
        self.allowed_connectors.contains(&connector)
    }

    /// Seconds allowed to open a connection, as a duration.
    pub fn connect_timeout(&self) -> Duration {
        Duration::from_secs(self.connect_timeout_secs)
    }

    /// Seconds of silence tolerated while a vault answers, as a duration.
    pub fn read_timeout(&self) -> Duration {
        Duration::from_secs(self.read_timeout_secs)
    }

    /// Time spent at most on one document, retries included.
    pub fn delivery_budget(&self) -> Duration {
        Duration::from_secs(self.delivery_budget_secs)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        check(
            !self.allowed_connectors.is_empty(),
            "vault.allowed_connectors",
            "must allow at least one connector",
        )?;
        in_range(
            self.connect_timeout_secs,
            1..=120,
            "vault.connect_timeout_secs",
        )?;
        in_range(self.read_timeout_secs, 1..=600, "vault.read_timeout_secs")?;
        in_range(
            self.delivery_budget_secs,
            1..=3600,
            "vault.delivery_budget_secs",
        )?;
        if let Some(ca) = &self.extra_ca {
            let pem = std::fs::read(ca).map_err(|e| ConfigError::Invalid {
                key: "vault.extra_ca",
                problem: format!("cannot read {}: {e}", ca.display()),
            })?;
            check(
                reqwest::Certificate::from_pem_bundle(&pem).is_ok_and(|certs| !certs.is_empty()),
                "vault.extra_ca",
                "must be a PEM file with at least one certificate",
            )?;
        }
        let approval_allowed = self.allows(Connector::PhoneApproval);
        match &self.phone_approval {
            None => check(
                !approval_allowed,
                "vault.phone_approval",
                "is required when `phone_approval` is an allowed connector",
            ),
            Some(approval) => {
                check(
                    approval.server.scheme() == "https" || self.allow_insecure_http,
                    "vault.phone_approval.server",
                    "must be an https:// URL (http:// only with allow_insecure_http)",
                )?;
                check(
                    matches!(approval.server.scheme(), "https" | "http")
                        && approval.server.host().is_some()
                        && approval.server.username().is_empty()
                        && approval.server.password().is_none()
                        && approval.server.query().is_none()
                        && approval.server.fragment().is_none(),
                    "vault.phone_approval.server",
                    "must be the server's address only, without credentials, query or fragment",
                )?;
                let folder = approval.folder.trim_matches('/');
                check(
                    !folder.is_empty()
                        && folder.chars().count() <= 128
                        && !folder.chars().any(char::is_control)
                        && !folder
                            .split('/')
                            .any(|part| matches!(part, "" | "." | "..")),
                    "vault.phone_approval.folder",
                    "must be a relative folder path without `.`, `..` or empty parts",
                )?;
                in_range(
                    approval.login_timeout_secs,
                    10..=1200,
                    "vault.phone_approval.login_timeout_secs",
                )?;
                in_range(
                    approval.poll_interval_secs,
                    1..=30,
                    "vault.phone_approval.poll_interval_secs",
                )
            }
        }
    }
}

impl SessionConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        in_range(
            self.idle_timeout_secs,
            10..=3600,
            "session.idle_timeout_secs",
        )?;
        in_range(self.countdown_secs, 3..=300, "session.countdown_secs")?;
        in_range(self.hard_cap_secs, 60..=14_400, "session.hard_cap_secs")?;
        check(
            self.hard_cap_secs >= self.idle_timeout_secs + self.countdown_secs,
            "session.hard_cap_secs",
            "must be at least idle_timeout_secs + countdown_secs",
        )
    }
}

impl PhoneApprovalConfig {
    /// Time the kiosk waits for the resident's approval, as a duration.
    pub fn login_timeout(&self) -> Duration {
        Duration::from_secs(self.login_timeout_secs)
    }

    /// Time between two polls, as a duration.
    pub fn poll_interval(&self) -> Duration {
        Duration::from_secs(self.poll_interval_secs)
    }
}

fn check(ok: bool, key: &'static str, problem: impl Into<String>) -> Result<(), ConfigError> {
    if ok {
        Ok(())
    } else {
        Err(ConfigError::Invalid {
            key,
            problem: problem.into(),
        })
    }
}

fn in_range(
    value: u64,
    range: std::ops::RangeInclusive<u64>,
    key: &'static str,
) -> Result<(), ConfigError> {
    check(
        range.contains(&value),
        key,
        format!(
            "{value} is out of range ({}–{})",
            range.start(),
            range.end()
        ),
    )
}

/// A language code as the kiosk's translations are named: `fr`, `ast`, `pt-BR`, `zh-Hant`.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let rest: Vec<&str> = parts.collect();
    primary_ok
        && rest.len() <= 1
        && rest.iter().all(|sub| {
            (2..=4).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/config");

    fn fixture(name: &str) -> Result<Config, ConfigError> {
        Config::load(&Path::new(FIXTURES).join(name))
    }

    fn invalid_key(result: Result<Config, ConfigError>) -> &'static str {
        match result {
            Err(ConfigError::Invalid { key, .. }) => key,
            other => panic!("expected an invalid key, got {other:?}"),
        }
    }

    #[test]
    fn the_full_example_loads_with_every_key() {
        let config = fixture("full.toml").unwrap();
        assert_eq!(config.site_name, "Café de la Place");
        assert_eq!(config.languages, ["fr", "es", "en", "ar", "uk"]);
        assert!(config.vault.allows(Connector::PhoneApproval));
        assert!(!config.vault.allow_insecure_http);
        assert_eq!(config.vault.read_timeout(), Duration::from_secs(20));
        let approval = config.vault.phone_approval.unwrap();
        assert_eq!(
            approval.server.as_str(),
            "https://cloud.example.org/nextcloud"
        );
        assert_eq!(approval.folder, "Documents/Kiosk");
        assert_eq!(config.session.hard_cap_secs, 1200);
        assert_eq!(
            config.printer.uri.unwrap().as_str(),
            "ipp://localhost/printers/PDF"
        );
        assert_eq!(config.camera.source, "/dev/video0");
    }

    #[test]
    fn an_empty_file_gives_safe_defaults() {
        let config = Config::parse("").unwrap();
        assert!(!config.vault.allow_insecure_http);
        assert!(!config.vault.allow_ip_literals);
        assert!(!config.vault.allows(Connector::PhoneApproval));
        assert!(config.vault.allows(Connector::NextcloudShare));
        assert_eq!(config.camera.source, "auto");
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_name() {
        let err = fixture("unknown-key.toml").unwrap_err();
        assert!(matches!(err, ConfigError::Syntax(_)));
        assert!(err.to_string().contains("allow_insecure"), "{err}");
    }

    #[test]
    fn phone_approval_allowed_without_a_server_is_refused() {
        assert_eq!(
            invalid_key(fixture("approval-without-server.toml")),
            "vault.phone_approval"
        );
    }

    #[test]
    fn a_plain_http_approval_server_needs_insecure_http() {
        assert_eq!(
            invalid_key(fixture("approval-http.toml")),
            "vault.phone_approval.server"
        );
    }

    #[test]
    fn timeouts_out_of_range_name_their_key() {
        assert_eq!(
            invalid_key(Config::parse("[vault]\nread_timeout_secs = 0\n")),
            "vault.read_timeout_secs"
        );
        assert_eq!(
            invalid_key(Config::parse(
                "[session]\nidle_timeout_secs = 600\ncountdown_secs = 30\nhard_cap_secs = 300\n"
            )),
            "session.hard_cap_secs"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        assert_eq!(
            invalid_key(Config::parse("site_name = \"  \"\n")),
            "site_name"
        );
        assert_eq!(invalid_key(Config::parse("languages = []\n")), "languages");
        assert_eq!(
            invalid_key(Config::parse("languages = [\"French\"]\n")),
            "languages"
        );
        assert_eq!(
            invalid_key(Config::parse("[printer]\nuri = \"http://printer/\"\n")),
            "printer.uri"
        );
        assert_eq!(
            invalid_key(Config::parse("[camera]\nsource = \"webcam\"\n")),
            "camera.source"
        );
        assert_eq!(
            invalid_key(Config::parse(
                "[vault]\nextra_ca = \"/nonexistent/ca.pem\"\n"
            )),
            "vault.extra_ca"
        );
        assert_eq!(
            invalid_key(Config::parse(
                "[vault.phone_approval]\nserver = \"https://c.example\"\nfolder = \"../etc\"\n"
            )),
            "vault.phone_approval.folder"
        );
    }

    #[test]
    fn a_wrong_type_is_a_syntax_error() {
        let err = Config::parse("[vault]\nallow_insecure_http = \"yes\"\n").unwrap_err();
        assert!(matches!(err, ConfigError::Syntax(_)), "{err}");
        let err = Config::parse("[vault]\nallowed_connectors = [\"ftp\"]\n").unwrap_err();
        assert!(matches!(err, ConfigError::Syntax(_)), "{err}");
    }
}
