//! The kiosk's only durable store: configuration, anonymous counters, and the technician's
//! event log — never a name, text, link or image.
//!
//! It lives in one SQLite file on the persistent partition, so it must hold nothing of a
//! resident. The API enforces that by its types: counters are written from a
//! [`SessionSummary`](crate::session::SessionSummary) (an end reason, document classes and
//! failure kinds), the event log takes an [`EventKind`] (an enum without any text inside), and
//! only configuration values — set by technicians, not residents — are free text. The schema
//! backs it up: `STRICT` tables and an integer event-kind column that cannot take text.
//! `secure_delete` is on, so pruned rows are overwritten rather than left in free pages.
//!
//! - [`migrations`]: the schema and its versions.
//! - [`counters`]: sessions, saved documents per class, failures per cause, per day.
//! - [`events`]: the technician event log.
//! - [`config`]: configuration values.

mod config;
mod counters;
mod events;
pub mod migrations;

use std::path::Path;

use rusqlite::Connection;
use thiserror::Error;

pub use counters::DayCounters;
pub use events::{EventKind, LoggedEvent};

/// What went wrong with the store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite failed (a locked, damaged or unwritable file).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer kiosk version.
    #[error("the database has schema version {found}, newer than the {known} this kiosk knows")]
    TooNew {
        /// The database's version.
        found: u32,
        /// The newest version this code knows.
        known: u32,
    },
    /// A configuration key that is not a short lowercase name.
    #[error("configuration keys are 1–64 characters of a-z, 0-9, '_' and '.'")]
    BadKey,
}

/// An open store, migrated to the latest schema.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the store at `path` and migrates it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::prepare(Connection::open(path)?)
    }

    /// A store in memory (for tools and tests that need no file).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::prepare(Connection::open_in_memory()?)
    }

    /// The schema version in use.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrations::version(&self.conn)
    }

    fn prepare(mut conn: Connection) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "secure_delete", true)?;
        migrations::migrate(&mut conn, migrations::LATEST)?;
        Ok(Self { conn })
    }
}
