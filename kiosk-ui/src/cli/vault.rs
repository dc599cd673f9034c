//! `kiosk vault check LINK` and `kiosk vault send LINK FILE...`.
//!
//! The technician's (and the tests') way to exercise the vault code exactly as a session does,
//! with the same configuration file. Output is JSON, one line per link or per file, so scripts
//! and people on the phone with a café can read it. `send` exits 0 only when every file was
//! confirmed by the vault. The share password, when needed, is read from standard input so it
//! never appears in a process list or a shell history.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Subcommand;
use kiosk_ui::config::Config;
use kiosk_ui::vault::{self, Document, Http, Pairing, PairingRules, Vault, payload};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use zeroize::Zeroizing;

/// The `vault` subcommands.
#[derive(Debug, Subcommand)]
pub enum Args {
    /// Is this link a vault the kiosk accepts, reachable, readable or upload-only?
    Check {
        /// The pairing link, as a QR code would carry it.
        link: String,
        /// Read the share password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Deliver files to the vault, printing one JSON line per file.
    Send {
        /// The pairing link, as a QR code would carry it.
        link: String,
        /// The files to deliver (their names are kept, made safe).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read the share password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// Runs a `vault` subcommand.
pub fn run(args: Args, config: &Config) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        match args {
            Args::Check {
                link,
                password_stdin,
            } => check(&link, read_password(password_stdin)?, config).await,
            Args::Send {
                link,
                files,
                password_stdin,
            } => send(&link, &files, read_password(password_stdin)?, config).await,
        }
    })
}

fn read_password(from_stdin: bool) -> anyhow::Result<Option<Zeroizing<String>>> {
    if !from_stdin {
        return Ok(None);
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(Some(Zeroizing::new(
        line.trim_end_matches(['\r', '\n']).to_owned(),
    )))
}

/// Parses the link and opens the vault; on failure, the JSON fields explaining why.
async fn open(
    link: &str,
    password: Option<Zeroizing<String>>,
    config: &Config,
) -> anyhow::Result<Result<Box<dyn Vault>, serde_json::Value>> {
    let pairing: Pairing = match payload::parse(link, &PairingRules::from(&config.vault)) {
        Ok(pairing) => pairing,
        Err(refusal) => {
            return Ok(Err(json!({
                "reason": refusal.reason.code(),
                "payload_kind": refusal.kind.code(),
            })));
        }
    };
    let http = Arc::new(Http::new(config).context("setting up the HTTP client")?);
    let cancel = CancellationToken::new();
    Ok(vault::connect(&pairing, password, http, &cancel)
        .await
        .map_err(|e| json!({ "reason": e.code(), "host": pairing.host() })))
}

async fn check(
    link: &str,
    password: Option<Zeroizing<String>>,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    match open(link, password, config).await? {
        Ok(vault) => {
            let status = vault.status();
            println!(
                "{}",
                json!({
                    "usable": true,
                    "kind": status.kind,
                    "readable": status.readable,
                    "upload_only": !status.readable,
                })
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(mut why) => {
            why["usable"] = json!(false);
            println!("{why}");
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn send(
    link: &str,
    files: &[PathBuf],
    password: Option<Zeroizing<String>>,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    let vault = match open(link, password, config).await? {
        Ok(vault) => vault,
        Err(why) => {
            for file in files {
                println!(
                    "{}",
                    json!({ "file": file, "saved": false, "reason": why["reason"] })
                );
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let cancel = CancellationToken::new();
    let mut all_saved = true;
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let document = Document {
            path: file.clone(),
            name,
        };
        let line = match vault.send(&document, Arc::new(|_| {}), &cancel).await {
            Ok(saved) => json!({
                "file": file,
                "saved": true,
                "reason": "saved",
                "name": saved.name,
                "bytes": saved.bytes,
                "verified": saved.verified,
            }),
            Err(e) => {
                all_saved = false;
                json!({ "file": file, "saved": false, "reason": e.code() })
            }
        };
        println!("{line}");
    }
    if let Err(e) = vault.close().await {
        eprintln!("kiosk: closing the vault: {e}");
        all_saved = false;
    }
    Ok(if all_saved {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
