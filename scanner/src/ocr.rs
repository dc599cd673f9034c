//! Tesseract, one engine reused for every page.
