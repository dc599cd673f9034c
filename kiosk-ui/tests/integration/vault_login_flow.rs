//! Phone approval (Nextcloud Login Flow v2) against a local server that follows Nextcloud's
//! documented endpoints: approval, expiry, refusal, a grant naming another server, a login
//! URL on another host, and revocation of the app password at the end.

use crate::vault_harness;

use std::sync::Arc;

use kiosk_ui::vault::login_flow::{LoginError, PhoneApproval};
use kiosk_ui::vault::{Document, Http, LinkKind, Vault};
use tokio_util::sync::CancellationToken;
use vault_harness::login_server::{Behaviour, LOGIN_NAME, LoginServer};
use vault_harness::{sample_file, test_config};

fn approval_for(server: &LoginServer, login_timeout_secs: u64) -> PhoneApproval {
    let config = test_config(&format!(
        "[vault.phone_approval]\nserver = \"{}\"\nfolder = \"Kiosk/Scans\"\n\
         login_timeout_secs = {login_timeout_secs}\npoll_interval_secs = 1\n",
        server.origin()
    ));
    let http = Arc::new(Http::new(&config).expect("client"));
    PhoneApproval::new(
        http,
        config.vault.phone_approval.as_ref().expect("configured"),
    )
}

#[tokio::test]
async fn approval_gives_a_folder_and_revocation_kills_the_password() {
    let server = LoginServer::start(Behaviour::default()).await;
    let approval = approval_for(&server, 30);
    let cancel = CancellationToken::new();
    let pending = approval.start(&cancel).await.expect("flow started");
    assert!(pending.login_url().as_str().starts_with(&server.origin()));
    assert_eq!(
        pending.login_url().path(),
        "/login/v2/flow/FlowTokenAbc",
        "the URL shown as a QR code is the server's"
    );
    let user_agent = server.state.lock().unwrap().user_agent.clone().unwrap();
    assert!(user_agent.starts_with("Document kiosk") && user_agent.contains("Test café"));

    let vault = pending.wait(&cancel).await.expect("approved");
    assert_eq!(vault.status().kind, LinkKind::PhoneApproval);
    assert!(vault.status().readable);
    {
        let state = server.state.lock().unwrap();
        assert_eq!(state.polls, 3, "404 twice, then the grant");
        assert!(
            state
                .folders
                .contains(&format!("/remote.php/dav/files/{LOGIN_NAME}/Kiosk/Scans"))
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path(), "x.pdf", 40_000, 9);
    let document = Document {
        path: file.clone(),
        name: "Nómina.pdf".into(),
    };
    let saved = vault
        .send(&document, Arc::new(|_| {}), &cancel)
        .await
        .expect("saved");
    let again = vault
        .send(&document, Arc::new(|_| {}), &cancel)
        .await
        .expect("saved again");
    assert_eq!(
        (saved.name.as_str(), again.name.as_str()),
        ("Nómina.pdf", "Nómina (2).pdf")
    );
    assert!(saved.verified);
    {
        let state = server.state.lock().unwrap();
        let stored = state
            .files
            .get(&format!(
                "/remote.php/dav/files/{LOGIN_NAME}/Kiosk/Scans/N%C3%B3mina.pdf"
            ))
            .expect("stored under its name");
        assert_eq!(stored, &std::fs::read(&file).unwrap());
    }

    vault.close().await.expect("revoked and verified dead");
    let state = server.state.lock().unwrap();
    assert_eq!(
        state
            .app_passwords
            .values()
            .filter(|revoked| **revoked)
            .count(),
        1
    );
    assert_eq!(state.revocations_without_header, 0);
}

#[tokio::test]
async fn no_approval_before_the_timeout_expires() {
    let server = LoginServer::start(Behaviour {
        grant_after_polls: None,
        ..Default::default()
    })
    .await;
    let approval = approval_for(&server, 10);
    let cancel = CancellationToken::new();
    let pending = approval.start(&cancel).await.unwrap();
    let started = std::time::Instant::now();
    let err = pending.wait(&cancel).await.expect_err("expired");
    assert!(matches!(err, LoginError::Expired), "{err}");
    assert_eq!(err.code(), "login_expired");
    assert!(started.elapsed() <= std::time::Duration::from_secs(11));
    assert!(server.state.lock().unwrap().polls >= 5);
}

#[tokio::test]
async fn a_server_refusing_to_start_is_reported() {
    let server = LoginServer::start(Behaviour {
        start_status: 403,
        ..Default::default()
    })
    .await;
    let err = approval_for(&server, 30)
        .start(&CancellationToken::new())
        .await
        .err()
        .unwrap();
    assert!(matches!(err, LoginError::Refused(403)), "{err}");
}

#[tokio::test]
async fn a_grant_for_another_server_is_refused_and_revoked() {
    let server = LoginServer::start(Behaviour {
        granted_server: Some("https://evil.example".into()),
        grant_after_polls: Some(0),
        ..Default::default()
    })
    .await;
    let cancel = CancellationToken::new();
    let pending = approval_for(&server, 30).start(&cancel).await.unwrap();
    let err = pending.wait(&cancel).await.expect_err("wrong server");
    assert!(matches!(err, LoginError::WrongServer), "{err}");
    let state = server.state.lock().unwrap();
    assert!(
        state.app_passwords.values().all(|revoked| *revoked),
        "the grant was revoked"
    );
    assert!(state.files.is_empty());
}

#[tokio::test]
async fn a_login_url_on_another_host_is_refused() {
    let server = LoginServer::start(Behaviour {
        login_origin: Some("https://phishing.example".into()),
        ..Default::default()
    })
    .await;
    let err = approval_for(&server, 30)
        .start(&CancellationToken::new())
        .await
        .err()
        .unwrap();
    assert!(matches!(err, LoginError::ForeignUrl), "{err}");
    assert_eq!(
        server.state.lock().unwrap().polls,
        0,
        "the token never left the kiosk"
    );
}

#[tokio::test]
async fn cancelling_the_wait_stops_polling() {
    let server = LoginServer::start(Behaviour {
        grant_after_polls: None,
        ..Default::default()
    })
    .await;
    let cancel = CancellationToken::new();
    let pending = approval_for(&server, 60).start(&cancel).await.unwrap();
    let canceller = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        canceller.cancel();
    });
    let err = pending.wait(&cancel).await.err().unwrap();
    assert!(matches!(err, LoginError::Cancelled), "{err}");
}
