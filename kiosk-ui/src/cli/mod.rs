//! The `kiosk` command line: global options and one module per subcommand.
//!
//! Each subcommand module exposes an `Args` type (clap) and a `run` function returning the
//! process exit code; adding a subcommand is one module and one variant of [`Command`].

pub mod run;
pub mod screenshot;
pub mod simulate;
pub mod vault;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kiosk_ui::config::Config;

/// The document kiosk.
#[derive(Debug, Parser)]
#[command(name = "kiosk", version, about)]
pub struct Cli {
    /// The kiosk configuration file (TOML); defaults apply when absent.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do; the kiosk in a window (`run`) when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The kiosk in a window, one resident session after another (the default).
    Run(run::Args),
    /// Draw the screens into PNG files with the software renderer, without a display.
    Screenshot(screenshot::Args),
    /// Check vault links and deliver files like a session would (technicians, tests).
    #[command(subcommand)]
    Vault(vault::Args),
    /// Run whole resident sessions headless (pairing card, pages, delivery, receipt, wipe),
    /// one JSON line per session.
    Simulate(simulate::Args),
}

/// Loads the configuration named on the command line, or the defaults.
pub fn load_config(path: Option<&PathBuf>) -> anyhow::Result<Config> {
    match path {
        Some(path) => Config::load(path)
            .with_context(|| format!("loading the configuration {}", path.display())),
        None => Ok(Config::default()),
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = load_config(cli.config.as_ref())?;
    match cli.command.unwrap_or(Command::Run(run::Args::default())) {
        Command::Run(args) => run::run(args, &config),
        Command::Screenshot(args) => screenshot::run(args, &config),
        Command::Vault(args) => vault::run(args, &config),
        Command::Simulate(args) => simulate::run(args, &config),
    }
}
