//! `kiosk`: the document kiosk's binary.
//!
//! Thin glue: argument parsing lives in [`cli`], one module per subcommand; the work is done by
//! the `kiosk_ui` library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("kiosk: {err:#}");
            ExitCode::from(2)
        }
    }
}
