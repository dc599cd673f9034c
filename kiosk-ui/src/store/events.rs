//! The technician's event log: what happened to the kiosk, by kind, with the minute.
//!
//! Technicians diagnosing a kiosk over the phone need "the camera dropped twice this morning",
//! not who was there: an [`EventKind`] is an enum whose payloads are themselves fixed enums, so
//! no text can reach the log through this API, and the `events` table stores an integer kind.
//! Times are kept to the minute; the log is pruned by age.

use time::OffsetDateTime;

use super::{Store, StoreError};
use crate::session::{EndReason, Failure};

/// Something worth telling a technician. No variant can carry text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The kiosk program started.
    KioskStarted,
    /// The boot-time wipe found and erased leftovers of a session that did not end cleanly.
    LeftoversWiped,
    /// A session ended.
    SessionEnded(EndReason),
    /// Something failed during a session.
    Failure(Failure),
    /// The camera answers again after being lost.
    CameraBack,
    /// The printer is ready again after a problem.
    PrinterBack,
    /// A technician changed the configuration.
    ConfigChanged,
    /// A technician entered maintenance mode.
    MaintenanceEntered,
}

impl EventKind {
    /// The kind's stable code in the log.
    pub fn code(self) -> String {
        match self {
            EventKind::KioskStarted => "kiosk_started".to_owned(),
            EventKind::LeftoversWiped => "leftovers_wiped".to_owned(),
            EventKind::SessionEnded(reason) => format!("session_ended.{}", reason.code()),
            EventKind::Failure(failure) => format!("failure.{}", failure.code()),
            EventKind::CameraBack => "camera_back".to_owned(),
            EventKind::PrinterBack => "printer_back".to_owned(),
            EventKind::ConfigChanged => "config_changed".to_owned(),
            EventKind::MaintenanceEntered => "maintenance_entered".to_owned(),
        }
    }
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedEvent {
    /// When, to the minute (UTC).
    pub at: OffsetDateTime,
    /// The kind's code (see [`EventKind::code`]).
    pub kind: String,
}

/// Unix seconds rounded down to the minute.
fn to_minute(at: OffsetDateTime) -> i64 {
    at.unix_timestamp().div_euclid(60) * 60
}

impl Store {
    /// Adds an event at `at`.
    pub fn log_event(&self, at: OffsetDateTime, kind: EventKind) -> Result<(), StoreError> {
        let code = kind.code();
        self.conn.execute(
            "INSERT INTO event_kinds (code) VALUES (?1) ON CONFLICT (code) DO NOTHING",
            [&code],
        )?;
        self.conn.execute(
            "INSERT INTO events (at, kind) SELECT ?1, id FROM event_kinds WHERE code = ?2",
            (to_minute(at), &code),
        )?;
        Ok(())
    }

    /// The latest `limit` events, newest first.
    pub fn recent_events(&self, limit: usize) -> Result<Vec<LoggedEvent>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT e.at, k.code FROM events e JOIN event_kinds k ON k.id = e.kind
             ORDER BY e.at DESC, e.id DESC LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([limit], |row| {
            let at: i64 = row.get(0)?;
            Ok((at, row.get(1)?))
        })?;
        let mut events = Vec::new();
        for row in rows {
            let (at, kind) = row?;
            let at = OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::UNIX_EPOCH);
            events.push(LoggedEvent { at, kind });
        }
        Ok(events)
    }

    /// Deletes events older than `before`; returns how many.
    pub fn prune_events(&self, before: OffsetDateTime) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM events WHERE at < ?1",
            [before.unix_timestamp()],
        )?)
    }
}
