//! The shell's integration tests, in one binary.
//!
//! Each module tells one story against real parts (Apache's WebDAV, CUPS, the `kiosk`
//! binary); the `*_support` and `*_harness` modules start and drive those parts. One binary
//! rather than one per story: each test binary links Slint, Tesseract and the scanner, so a
//! dozen of them cost minutes of linking and gigabytes of disk for nothing. The headless UI
//! tests stay apart (`tests/ui_headless.rs`): Slint's testing backend is one per process.

mod canary_support;
mod cups_harness;
mod session_support;
mod vault_harness;

mod canary_session;
mod e2e_simulate;
mod print_cups;
mod session_flow;
mod session_timeouts;
mod session_wipe;
mod store_canary;
mod store_schema;
mod translations;
mod vault_faults;
mod vault_login_flow;
mod vault_webdav;
