//! Printing through CUPS over IPP: the session's receipt, paper copies of scanned documents,
//! and the printer's state for the screens.
//!
//! Data flows one way: the session hands plain data to [`Receipt`] (site, date, language,
//! translated document types with page counts and saved flags), [`Receipt::to_pdf`] sets it
//! as a PDF with an embedded font ([`typeset`]), and [`Printer::print`] sends that PDF — or the
//! searchable PDF of a scanned document, for a copy — to a CUPS queue and follows the job up to
//! a deadline. [`Printer::state`] reduces the printer's IPP state to a [`PrinterState`] the
//! screens turn into a friendly message. Everything here is async and bounded in time, so the
//! session runs it on a task and never waits on the printer.

pub mod client;
mod owner;
pub mod receipt;
pub mod state;
pub mod typeset;

pub use client::{JobId, JobKind, JobState, PrintError, Printer};
pub use receipt::{Language, Receipt, ReceiptLine};
pub use state::PrinterState;
pub use typeset::{DEFAULT_FONT_PATH, Font, TypesetError};
