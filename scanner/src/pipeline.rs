//! The stages wired together.
