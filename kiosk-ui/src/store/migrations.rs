//! The store's schema, as numbered migrations applied in order.
//!
//! The version lives in SQLite's `user_version`; each migration runs in its own transaction
//! with the version bump, so a power cut leaves the database at one version or the next, never
//! in between. A database from a newer kiosk (after a rollback of an update) is refused rather
//! than guessed at. Tables are `STRICT`, so a column declared INTEGER cannot receive text.
//!
//! Days are stored as Julian day numbers (`SELECT date(day)` shows them); event kinds are
//! integers pointing into `event_kinds`, so the event log has no column that could hold text.

use rusqlite::Connection;

use super::StoreError;

/// The migrations, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    // 1: configuration and the anonymous daily counters.
    "CREATE TABLE config (
         key TEXT PRIMARY KEY NOT NULL,
         value TEXT NOT NULL
     ) STRICT;
     CREATE TABLE daily_sessions (
         day INTEGER NOT NULL,
         reason TEXT NOT NULL,
         count INTEGER NOT NULL CHECK (count >= 0),
         PRIMARY KEY (day, reason)
     ) STRICT;
     CREATE TABLE daily_documents (
         day INTEGER NOT NULL,
         class TEXT NOT NULL,
         count INTEGER NOT NULL CHECK (count >= 0),
         PRIMARY KEY (day, class)
     ) STRICT;
     CREATE TABLE daily_failures (
         day INTEGER NOT NULL,
         cause TEXT NOT NULL,
         count INTEGER NOT NULL CHECK (count >= 0),
         PRIMARY KEY (day, cause)
     ) STRICT;",
    // 2: the technician's event log, kinds only.
    "CREATE TABLE event_kinds (
         id INTEGER PRIMARY KEY,
         code TEXT NOT NULL UNIQUE
     ) STRICT;
     CREATE TABLE events (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         kind INTEGER NOT NULL REFERENCES event_kinds (id)
     ) STRICT;
     CREATE INDEX events_by_time ON events (at);",
];

/// The schema version this code writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// The database's schema version (0 for an empty database).
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the database up to schema version `target` (at most [`LATEST`]); returns the version
/// it is at. The kiosk always migrates to [`LATEST`]; lower targets build older databases for
/// migration tests.
pub fn migrate(conn: &mut Connection, target: u32) -> Result<u32, StoreError> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::TooNew {
            found,
            known: LATEST,
        });
    }
    let target = target.min(LATEST);
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    version(conn)
}
