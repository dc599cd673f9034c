//! Delivering to a real WebDAV server (Apache mod_dav) the way sessions do: Nextcloud-style
//! shares (file drop, readable, password, legacy endpoint), WebDAV folders with credentials
//! over TLS with a test CA, and the `kiosk vault` command line.

use crate::vault_harness;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use kiosk_ui::vault::{
    self, DeliveryError, Document, Http, LinkKind, Pairing, PairingRules, Vault, payload,
};
use tokio_util::sync::CancellationToken;
use vault_harness::apache::{self, Apache};
use vault_harness::{sample_file, test_config};
use zeroize::Zeroizing;

async fn open(
    link: &str,
    password: Option<&str>,
    extra: &str,
) -> Result<Box<dyn Vault>, DeliveryError> {
    let config = test_config(extra);
    let pairing: Pairing = payload::parse(link, &PairingRules::from(&config.vault)).expect(link);
    let http = Arc::new(Http::new(&config).expect("client"));
    let password = password.map(|p| Zeroizing::new(p.to_owned()));
    vault::connect(&pairing, password, http, &CancellationToken::new()).await
}

fn no_progress() -> vault::ProgressFn {
    Arc::new(|_| {})
}

#[tokio::test]
async fn a_file_drop_takes_documents_and_never_overwrites() {
    let server = Apache::start(None);
    let link = format!("{}/s/{}", server.origin("127.0.0.1"), apache::DROP_TOKEN);
    let vault = open(&link, None, "").await.expect("open drop");
    assert_eq!(vault.status().kind, LinkKind::NextcloudShare);
    assert!(!vault.status().readable, "a file drop is upload-only");

    let dir = tempfile::tempdir().unwrap();
    let first = sample_file(dir.path(), "a.pdf", 300_000, 1);
    let second = sample_file(dir.path(), "b.pdf", 200_000, 2);
    let last_seen = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&last_seen);
    let progress: vault::ProgressFn = Arc::new(move |p| {
        assert!(p.sent <= p.total);
        seen.store(p.sent, Ordering::SeqCst);
    });
    let cancel = CancellationToken::new();
    let name = "2026-03 Bulletin de salaire.pdf".to_owned();
    let saved = vault
        .send(
            &Document {
                path: first.clone(),
                name: name.clone(),
            },
            progress,
            &cancel,
        )
        .await
        .expect("first saved");
    assert_eq!(saved.name, name);
    assert_eq!(last_seen.load(Ordering::SeqCst), 300_000);
    let saved = vault
        .send(
            &Document {
                path: second.clone(),
                name,
            },
            no_progress(),
            &cancel,
        )
        .await
        .expect("second saved");
    assert_eq!(saved.name, "2026-03 Bulletin de salaire (2).pdf");
    assert!(!saved.verified);

    let files = server.files("drop");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].0, "2026-03 Bulletin de salaire (2).pdf");
    assert_eq!(files[0].1, std::fs::read(&second).unwrap());
    assert_eq!(files[1].1, std::fs::read(&first).unwrap());
}

#[tokio::test]
async fn a_readable_share_verifies_the_stored_size() {
    let server = Apache::start(None);
    let link = format!(
        "{}/index.php/s/{}",
        server.origin("127.0.0.1"),
        apache::READ_TOKEN
    );
    let vault = open(&link, None, "").await.expect("open share");
    assert!(vault.status().readable);
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "p.pdf", 50_000, 3);
    let document = Document {
        path: file.clone(),
        name: "Passeport (expire 2031-04).pdf".into(),
    };
    let saved = vault
        .send(&document, no_progress(), &CancellationToken::new())
        .await
        .unwrap();
    assert!(saved.verified);
    assert_eq!(
        server.files("read"),
        vec![(document.name, std::fs::read(file).unwrap())]
    );
}

#[tokio::test]
async fn a_password_share_asks_for_its_password() {
    let server = Apache::start(None);
    let link = format!("{}/s/{}", server.origin("127.0.0.1"), apache::PASS_TOKEN);
    let err = open(&link, None, "").await.err().expect("needs a password");
    assert!(matches!(err, DeliveryError::PasswordRequired), "{err}");
    let err = open(&link, Some("1234"), "")
        .await
        .err()
        .expect("wrong password");
    assert!(matches!(err, DeliveryError::WrongPassword), "{err}");
    let vault = open(&link, Some(apache::SHARE_PASSWORD), "")
        .await
        .expect("right password");
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "x.pdf", 10_000, 4);
    let document = Document {
        path: file,
        name: "RIB.pdf".into(),
    };
    vault
        .send(&document, no_progress(), &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(server.files("pass").len(), 1);
}

#[tokio::test]
async fn an_old_server_is_reached_on_its_legacy_endpoint() {
    let server = Apache::start(None);
    let link = format!("{}/old/s/{}", server.origin("127.0.0.1"), apache::OLD_TOKEN);
    let vault = open(&link, None, "").await.expect("legacy share");
    assert_eq!(vault.status().kind, LinkKind::NextcloudShareLegacy);
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "x.pdf", 10_000, 5);
    let document = Document {
        path: file,
        name: "Avis d'imposition.pdf".into(),
    };
    vault
        .send(&document, no_progress(), &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(server.files("old")[0].0, "Avis d'imposition.pdf");
}

#[tokio::test]
async fn unknown_shares_and_redirects_elsewhere_are_refused() {
    let server = Apache::start(None);
    let gone = format!("{}/s/UnknownToken1", server.origin("127.0.0.1"));
    let err = open(&gone, None, "").await.err().expect("gone");
    assert!(matches!(err, DeliveryError::LinkGone), "{err}");
    // The share redirects from 127.0.0.1 to localhost: another origin.
    let moved = format!("{}/s/{}", server.origin("127.0.0.1"), apache::MOVED_TOKEN);
    let err = open(&moved, None, "").await.err().expect("redirected");
    assert!(matches!(err, DeliveryError::Redirected), "{err}");
}

#[tokio::test]
async fn a_webdav_folder_over_tls_with_the_configured_extra_ca() {
    let certs = tempfile::tempdir().unwrap();
    let tls = apache::make_tls(certs.path(), "good");
    let server = Apache::start(Some(&tls));
    let link = format!(
        "davs://marie:{}@localhost:{}/dav/marie/",
        "s3cret%3Apass%40word", server.port
    );
    let err = open(&link, None, "")
        .await
        .err()
        .expect("untrusted without the CA");
    assert!(matches!(err, DeliveryError::TlsUntrusted), "{err}");

    let extra = format!("extra_ca = \"{}\"\n", tls.ca.display());
    let vault = open(&link, None, &extra)
        .await
        .expect("trusted with the CA");
    assert_eq!(vault.status().kind, LinkKind::Webdav);
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "x.pdf", 120_000, 6);
    let document = Document {
        path: file.clone(),
        name: "Titre de séjour.pdf".into(),
    };
    let saved = vault
        .send(&document, no_progress(), &CancellationToken::new())
        .await
        .unwrap();
    assert!(saved.verified);
    assert_eq!(
        server.files("marie"),
        vec![(document.name, std::fs::read(file).unwrap())]
    );

    let wrong = link.replace("s3cret", "wrong");
    let err = open(&wrong, None, &extra)
        .await
        .err()
        .expect("wrong credentials");
    assert!(matches!(err, DeliveryError::Unauthorized), "{err}");
}

#[tokio::test]
async fn cancelling_stops_a_delivery() {
    let server = Apache::start(None);
    let link = format!("{}/s/{}", server.origin("127.0.0.1"), apache::DROP_TOKEN);
    let vault = open(&link, None, "").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "x.pdf", 10_000, 7);
    let cancel = CancellationToken::new();
    cancel.cancel();
    let err = vault
        .send(
            &Document {
                path: file,
                name: "x.pdf".into(),
            },
            no_progress(),
            &cancel,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, DeliveryError::Cancelled));
    assert!(server.files("drop").is_empty());
}

fn kiosk(args: &[&str], config: &std::path::Path) -> (i32, Vec<serde_json::Value>) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .expect("kiosk runs");
    let lines = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    (output.status.code().unwrap_or(-1), lines)
}

#[test]
fn the_cli_checks_links_and_sends_files() {
    let server = Apache::start(None);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kiosk.toml");
    std::fs::write(
        &config,
        "[vault]\nallow_insecure_http = true\nallow_ip_literals = true\n\
         read_timeout_secs = 2\ndelivery_budget_secs = 5\n",
    )
    .unwrap();
    let drop = format!("{}/s/{}", server.origin("127.0.0.1"), apache::DROP_TOKEN);

    let (code, lines) = kiosk(&["vault", "check", &drop], &config);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["kind"], "nextcloud_share");
    assert_eq!(lines[0]["upload_only"], true);

    let (code, lines) = kiosk(&["vault", "check", "WIFI:T:WPA;S:Cafe;P:x;;"], &config);
    assert_eq!(code, 1);
    assert_eq!(lines[0]["reason"], "not_a_vault_link");
    assert_eq!(lines[0]["payload_kind"], "wifi_settings");

    let a = sample_file(dir.path(), "a.pdf", 30_000, 8);
    let missing = dir.path().join("missing.pdf");
    let (code, lines) = kiosk(
        &[
            "vault",
            "send",
            &drop,
            a.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        &config,
    );
    assert_eq!(code, 1, "one file is missing");
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["saved"].clone(), lines[0]["reason"].clone()),
        (true.into(), "saved".into())
    );
    assert_eq!(
        (lines[1]["saved"].clone(), lines[1]["reason"].clone()),
        (false.into(), "local_file".into())
    );

    let (code, lines) = kiosk(&["vault", "send", &drop, a.to_str().unwrap()], &config);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["name"], "a (2).pdf");
    assert_eq!(server.files("drop").len(), 2);
}
