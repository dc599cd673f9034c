//! The fault matrix: every network fault between the kiosk and a real WebDAV server (Apache),
//! once as a passing glitch and once as a lasting one.
//!
//! For every row the outcome is either "saved" with the file intact in the vault, or "not
//! saved" with the expected reason — never a false "saved", never a partial file under the
//! final name. Permanent errors must stop at the first PUT. The matrix is printed
//! (`cargo test -p kiosk-ui --test integration vault_faults:: -- --nocapture`).

use crate::vault_harness;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use kiosk_ui::vault::{self, Document, Http, PairingRules, payload};
use tokio_util::sync::CancellationToken;
use vault_harness::apache::{self, Apache};
use vault_harness::proxy::{Fault, FaultProxy};
use vault_harness::{sample_file, test_config};

/// How a row's fault is set up.
#[derive(Debug, Clone, Copy)]
enum Setup {
    /// The proxy injects the fault into this many PUTs.
    Proxy(Fault, usize),
    /// The proxy stops listening after the vault was opened: connections are refused.
    Refused,
}

struct Row {
    name: &'static str,
    setup: Setup,
    /// `None`: saved; `Some(code)`: not saved with this reason.
    expected: Option<&'static str>,
    /// Whether exactly one PUT must have been made (permanent errors stop at once).
    single_put: bool,
}

const ALWAYS: usize = usize::MAX;

fn rows() -> Vec<Row> {
    let row = |name, setup, expected, single_put| Row {
        name,
        setup,
        expected,
        single_put,
    };
    use Fault::*;
    vec![
        row(
            "refused connection",
            Setup::Refused,
            Some("unreachable"),
            false,
        ),
        row(
            "drop before response, once",
            Setup::Proxy(DropBeforeResponse, 1),
            None,
            false,
        ),
        row(
            "drop before response, always",
            Setup::Proxy(DropBeforeResponse, ALWAYS),
            None,
            false,
        ),
        row(
            "drop mid-body, once",
            Setup::Proxy(DropMidBody, 1),
            None,
            false,
        ),
        row(
            "drop mid-body, always",
            Setup::Proxy(DropMidBody, ALWAYS),
            Some("unreachable"),
            false,
        ),
        row(
            "stall past timeout, once",
            Setup::Proxy(Stall, 1),
            None,
            false,
        ),
        row(
            "stall past timeout, always",
            Setup::Proxy(Stall, ALWAYS),
            Some("timeout"),
            false,
        ),
        row(
            "slow trickle, always",
            Setup::Proxy(Trickle, ALWAYS),
            None,
            false,
        ),
        row("500, once", Setup::Proxy(Status(500), 1), None, false),
        row(
            "500, always",
            Setup::Proxy(Status(500), ALWAYS),
            Some("server_error"),
            false,
        ),
        row("502, once", Setup::Proxy(Status(502), 1), None, false),
        row(
            "502, always",
            Setup::Proxy(Status(502), ALWAYS),
            Some("server_error"),
            false,
        ),
        row(
            "503 + Retry-After, once",
            Setup::Proxy(Status(503), 1),
            None,
            false,
        ),
        row(
            "503 + Retry-After, always",
            Setup::Proxy(Status(503), ALWAYS),
            Some("server_error"),
            false,
        ),
        row(
            "429 + Retry-After, once",
            Setup::Proxy(Status(429), 1),
            None,
            false,
        ),
        row(
            "429 + Retry-After, always",
            Setup::Proxy(Status(429), ALWAYS),
            Some("rate_limited"),
            false,
        ),
        row(
            "401",
            Setup::Proxy(Status(401), ALWAYS),
            Some("unauthorized"),
            true,
        ),
        row(
            "403",
            Setup::Proxy(Status(403), ALWAYS),
            Some("forbidden"),
            true,
        ),
        row(
            "404",
            Setup::Proxy(Status(404), ALWAYS),
            Some("link_gone"),
            true,
        ),
        row(
            "413",
            Setup::Proxy(Status(413), ALWAYS),
            Some("too_large"),
            true,
        ),
        row(
            "507",
            Setup::Proxy(Status(507), ALWAYS),
            Some("vault_full"),
            true,
        ),
    ]
}

struct Outcome {
    reason: String,
    saved_name: Option<String>,
    puts: usize,
    elapsed: Duration,
}

async fn run_row(index: usize, row: &Row, server: &Apache, dir: &std::path::Path) -> Outcome {
    let (fault, times) = match row.setup {
        Setup::Proxy(fault, times) => (Some(fault), times),
        Setup::Refused => (None, 0),
    };
    let proxy = FaultProxy::start(server.port, fault, times).await;
    // A readable folder: the kiosk can verify sizes, the harder case for "never a false saved".
    let link = format!(
        "dav://marie:s3cret%3Apass%40word@127.0.0.1:{}/dav/marie/",
        proxy.port
    );
    let config = test_config("");
    let pairing = payload::parse(&link, &PairingRules::from(&config.vault)).expect("link");
    let http = Arc::new(Http::new(&config).expect("client"));
    let cancel = CancellationToken::new();
    let vault = vault::connect(&pairing, None, http, &cancel)
        .await
        .expect("open through the proxy");
    if matches!(row.setup, Setup::Refused) {
        proxy.stop_listening();
    }
    let path = sample_file(dir, &format!("row{index}.pdf"), 64 * 1024, index as u64);
    let document = Document {
        path,
        name: format!("row{index}.pdf"),
    };
    let started = Instant::now();
    let result = vault.send(&document, Arc::new(|_| {}), &cancel).await;
    Outcome {
        reason: match &result {
            Ok(_) => "saved".to_owned(),
            Err(e) => e.code().to_owned(),
        },
        saved_name: result.ok().map(|s| s.name),
        puts: proxy.puts(),
        elapsed: started.elapsed(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_ends_saved_and_intact_or_not_saved_with_its_reason() {
    let certs = tempfile::tempdir().unwrap();
    let server = Apache::start(None);
    let dir = tempfile::tempdir().unwrap();
    let rows = rows();
    let outcomes = join_all(
        rows.iter()
            .enumerate()
            .map(|(i, row)| run_row(i, row, &server, dir.path())),
    )
    .await;

    // The wrong certificate row: a TLS server whose CA the kiosk does not trust.
    let trusted = apache::make_tls(certs.path(), "trusted");
    let other = apache::make_tls(certs.path(), "other");
    let tls_server = Apache::start(Some(&other));
    let config = test_config(&format!("extra_ca = \"{}\"\n", trusted.ca.display()));
    let link = format!("davs://marie:x@localhost:{}/dav/marie/", tls_server.port);
    let pairing = payload::parse(&link, &PairingRules::from(&config.vault)).unwrap();
    let http = Arc::new(Http::new(&config).unwrap());
    let tls_result = vault::connect(&pairing, None, http, &CancellationToken::new()).await;
    let tls_reason = tls_result
        .err()
        .map_or("opened".to_owned(), |e| e.code().to_owned());

    let stored = server.files("marie");
    let mut failures = Vec::new();
    println!(
        "\n{:<32} {:<14} {:<14} {:>4} {:>7}  vault",
        "fault", "expected", "outcome", "PUTs", "time"
    );
    for (i, (row, outcome)) in rows.iter().zip(&outcomes).enumerate() {
        let original = std::fs::read(dir.path().join(format!("row{i}.pdf"))).unwrap();
        let stem = format!("row{i}");
        let mine: Vec<_> = stored
            .iter()
            .filter(|(name, _)| {
                name == &format!("{stem}.pdf") || name.starts_with(&format!("{stem} ("))
            })
            .collect();
        let intact = mine.iter().all(|(_, content)| content == &original);
        let vault_state = match (&outcome.saved_name, mine.len()) {
            (_, 0) => "empty".to_owned(),
            (_, n) if intact => format!("{n} intact"),
            (_, n) => format!("{n} CORRUPT"),
        };
        println!(
            "{:<32} {:<14} {:<14} {:>4} {:>6.1}s  {}",
            row.name,
            row.expected.unwrap_or("saved"),
            outcome.reason,
            outcome.puts,
            outcome.elapsed.as_secs_f64(),
            vault_state
        );
        if outcome.reason != row.expected.unwrap_or("saved") {
            failures.push(format!("{}: got {}", row.name, outcome.reason));
        }
        if !intact {
            failures.push(format!(
                "{}: a file in the vault differs from the original",
                row.name
            ));
        }
        match &outcome.saved_name {
            Some(name) if !mine.iter().any(|(n, _)| n == name) => {
                failures.push(format!(
                    "{}: saved as {name} but not in the vault",
                    row.name
                ));
            }
            _ => {}
        }
        if row.single_put && outcome.puts != 1 {
            failures.push(format!(
                "{}: {} PUTs for a permanent error",
                row.name, outcome.puts
            ));
        }
    }
    println!(
        "{:<32} {:<14} {:<14} {:>4} {:>7}  -",
        "wrong TLS certificate", "tls_untrusted", tls_reason, "-", "-"
    );
    if tls_reason != "tls_untrusted" {
        failures.push(format!("wrong TLS certificate: got {tls_reason}"));
    }
    let rate_limited_once = rows
        .iter()
        .position(|r| r.name == "429 + Retry-After, once")
        .unwrap();
    if outcomes[rate_limited_once].elapsed < Duration::from_secs(1) {
        failures.push("429: Retry-After: 1 was not honoured".to_owned());
    }
    assert!(failures.is_empty(), "{failures:#?}\n{}", server.error_log());
}
