//! Configuration values kept across restarts (for instance what a provisioning QR set).
//!
//! Keys are short lowercase names so that nothing else can be smuggled in as a key; values are
//! technician-set text. Residents never reach this table.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

/// Whether `key` is an acceptable configuration key.
fn valid_key(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

impl Store {
    /// Sets a configuration value, replacing any previous one.
    pub fn set_config(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if !valid_key(key) {
            return Err(StoreError::BadKey);
        }
        self.conn.execute(
            "INSERT INTO config (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
        Ok(())
    }

    /// A configuration value, if set.
    pub fn config(&self, key: &str) -> Result<Option<String>, StoreError> {
        if !valid_key(key) {
            return Err(StoreError::BadKey);
        }
        Ok(self
            .conn
            .query_row("SELECT value FROM config WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Removes a configuration value; true if there was one.
    pub fn remove_config(&self, key: &str) -> Result<bool, StoreError> {
        if !valid_key(key) {
            return Err(StoreError::BadKey);
        }
        Ok(self
            .conn
            .execute("DELETE FROM config WHERE key = ?1", [key])?
            > 0)
    }
}
