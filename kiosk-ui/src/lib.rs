//! The document kiosk's touchscreen shell: the resident's session, the vault, the printer.
//!
//! The `kiosk` binary is thin glue; the work sits in these modules, each with one job.
#![deny(missing_docs)]
pub mod config;
pub mod memory;
pub mod print;
pub mod runtime;
pub mod session;
pub mod store;
pub mod ui;
pub mod vault;
