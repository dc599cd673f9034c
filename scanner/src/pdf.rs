//! Small searchable PDFs.
