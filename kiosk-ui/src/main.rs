//! `kiosk`: the document kiosk's binary.
//!
//! Thin glue: argument parsing lives in [`cli`], one module per subcommand; the work is done by
//! the `kiosk_ui` library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // First of all, before any thread exists: freed memory must not keep a resident's bytes.
    if let Err(err) = kiosk_ui::memory::scrub_freed_memory() {
        eprintln!("kiosk: warning: freed memory is not overwritten ({err})");
    }
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("kiosk: {err:#}");
            ExitCode::from(2)
        }
    }
}
