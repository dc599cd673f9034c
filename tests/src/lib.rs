//! Workspace-level evidence for the document kiosk: a labelled corpus of realistic
//! documents, and the accuracy of the real scanner pipeline on it.
//!
//! - [`corpus`]: a deterministic, seeded generator of document scans and camera photos of
//!   every class in French, Spanish and English, plus photographed vault pairing codes, each
//!   with a JSON label (class, language, variant, ground-truth fields).
//! - [`accuracy`]: the real scanner pipeline run on a generated set, with the figures issue 2
//!   sets targets for.
//!
//! Binaries: `accuracy` prints that report; `corpus` writes a generated set (or the committed sample set) to a folder.
#![deny(missing_docs)]

pub mod accuracy;
pub mod corpus;
