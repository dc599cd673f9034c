//! Benchmark: ten 300 KB PDFs to a WebDAV file drop over loopback, the kiosk's vault code
//! side by side with `curl -T` PUTting the same files to the same server in the same run.
//!
//! The target is a throughput of at least 0.9× curl's. Each side runs five rounds,
//! alternating, and the best round of each is compared (the least disturbed by other work on
//! the machine). Run with `cargo bench -p kiosk-ui --bench vault_send` (optimised), or
//! `cargo test -p kiosk-ui --bench vault_send` for a quick unoptimised figure.

// The integration tests' harness; the bench uses part of it.
#[allow(dead_code)]
#[path = "../tests/integration/vault_harness/mod.rs"]
mod vault_harness;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kiosk_ui::vault::{self, Document, Http, PairingRules, payload};
use tokio_util::sync::CancellationToken;
use vault_harness::apache::{self, Apache};
use vault_harness::{sample_file, test_config};

const FILES: usize = 10;
const FILE_BYTES: usize = 300 * 1024;
const ROUNDS: usize = 5;

fn mb_per_s(elapsed: Duration) -> f64 {
    (FILES * FILE_BYTES) as f64 / elapsed.as_secs_f64() / 1e6
}

fn main() {
    let server = Apache::start(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = (0..FILES)
        .map(|i| sample_file(dir.path(), &format!("doc-{i:02}.pdf"), FILE_BYTES, i as u64))
        .collect();
    let drop = format!(
        "{}/public.php/dav/files/{}/",
        server.origin("127.0.0.1"),
        apache::DROP_TOKEN
    );
    let link = format!("{}/s/{}", server.origin("127.0.0.1"), apache::DROP_TOKEN);
    let config = test_config("");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");

    let mut kiosk_best = Duration::MAX;
    let mut curl_best = Duration::MAX;
    for round in 0..ROUNDS {
        // The kiosk: open the link once per session, then send every document.
        let elapsed = runtime.block_on(async {
            let pairing = payload::parse(&link, &PairingRules::from(&config.vault)).expect("link");
            let http = Arc::new(Http::new(&config).expect("client"));
            let cancel = CancellationToken::new();
            let started = Instant::now();
            let vault = vault::connect(&pairing, None, http, &cancel)
                .await
                .expect("open");
            for (i, path) in files.iter().enumerate() {
                let document = Document {
                    path: path.clone(),
                    name: format!("kiosk-{round}-{i:02}.pdf"),
                };
                vault
                    .send(&document, Arc::new(|_| {}), &cancel)
                    .await
                    .expect("saved");
            }
            started.elapsed()
        });
        kiosk_best = kiosk_best.min(elapsed);

        // curl: one process PUTting every file (`-T FILE URL` pairs share one connection).
        let mut curl = Command::new("curl");
        curl.args(["-sS", "-f"]).stdout(Stdio::null());
        for (i, path) in files.iter().enumerate() {
            curl.arg("-T")
                .arg(path)
                .arg(format!("{drop}curl-{round}-{i:02}.pdf"));
        }
        let started = Instant::now();
        let status = curl.status().expect("curl runs");
        let elapsed = started.elapsed();
        assert!(status.success(), "curl failed");
        curl_best = curl_best.min(elapsed);
    }
    let stored = server.files("drop");
    assert_eq!(
        stored.len(),
        2 * FILES * ROUNDS,
        "every upload is in the vault"
    );

    let (kiosk, curl) = (mb_per_s(kiosk_best), mb_per_s(curl_best));
    println!(
        "vault_send: {FILES} × {} KB over loopback, best of {ROUNDS}",
        FILE_BYTES / 1024
    );
    println!(
        "  kiosk: {:>8.1} ms  {kiosk:>7.1} MB/s",
        kiosk_best.as_secs_f64() * 1e3
    );
    println!(
        "  curl:  {:>8.1} ms  {curl:>7.1} MB/s",
        curl_best.as_secs_f64() * 1e3
    );
    let ratio = kiosk / curl;
    let verdict = if ratio >= 0.9 { "meets" } else { "BELOW" };
    println!("  ratio: {ratio:.2}× curl ({verdict} the 0.9× target)");
}
