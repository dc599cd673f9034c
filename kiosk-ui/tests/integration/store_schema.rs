//! The store: migrations from an empty file and from version 1, counters, the event log's
//! refusal of free text, and configuration values.

use kiosk_ui::session::{
    DocClass, EndReason, Failure, PrinterProblem, SessionSummary, UploadFailure,
};
use kiosk_ui::store::{EventKind, Store, StoreError, migrations};
use rusqlite::Connection;
use time::macros::{date, datetime};

#[test]
fn an_empty_file_migrates_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    drop(store);
    // Opening again applies nothing twice.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
}

#[test]
fn a_version_1_database_keeps_its_counters_and_gains_the_event_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    let day = date!(2026 - 03 - 14);
    {
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(migrations::migrate(&mut conn, 1).unwrap(), 1);
        conn.execute(
            "INSERT INTO daily_sessions (day, reason, count) VALUES (?1, 'finished', 4)",
            [day.to_julian_day()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO config (key, value) VALUES ('site.name', 'Café du Bourg')",
            [],
        )
        .unwrap();
        let has_events: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'events'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_events, 0, "version 1 has no event log");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    assert_eq!(store.counters(day).unwrap().sessions["finished"], 4);
    assert_eq!(
        store.config("site.name").unwrap().as_deref(),
        Some("Café du Bourg")
    );
    store
        .record_session(
            day,
            &SessionSummary {
                reason: EndReason::Finished,
                saved: vec![],
                failures: vec![],
            },
        )
        .unwrap();
    assert_eq!(store.counters(day).unwrap().sessions["finished"], 5);
    store
        .log_event(datetime!(2026-03-14 10:00 UTC), EventKind::KioskStarted)
        .unwrap();
    assert_eq!(store.recent_events(10).unwrap().len(), 1);
}

#[test]
fn a_database_from_a_newer_kiosk_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found: 99, known }) if known == migrations::LATEST
    ));
}

#[test]
fn counters_add_up_per_day() {
    let mut store = Store::open_in_memory().unwrap();
    let monday = date!(2026 - 11 - 30);
    let tuesday = date!(2026 - 12 - 01);
    let session = SessionSummary {
        reason: EndReason::Finished,
        saved: vec![DocClass::Payslip, DocClass::Payslip, DocClass::IdentityCard],
        failures: vec![Failure::Upload(UploadFailure::Network)],
    };
    store.record_session(monday, &session).unwrap();
    store.record_session(monday, &session).unwrap();
    store
        .record_session(
            monday,
            &SessionSummary {
                reason: EndReason::Inactivity,
                saved: vec![],
                failures: vec![Failure::CameraLost, Failure::Print(PrinterProblem::Jammed)],
            },
        )
        .unwrap();
    let counters = store.counters(monday).unwrap();
    assert_eq!(counters.sessions_total(), 3);
    assert_eq!(counters.sessions["finished"], 2);
    assert_eq!(counters.sessions["inactivity"], 1);
    assert_eq!(counters.documents["payslip"], 4);
    assert_eq!(counters.documents["identity_card"], 2);
    assert_eq!(counters.failures["upload_network"], 2);
    assert_eq!(counters.failures["camera_lost"], 1);
    assert_eq!(counters.failures["print_jammed"], 1);
    assert_eq!(store.counters(tuesday).unwrap(), Default::default());
}

#[test]
fn the_event_log_holds_kinds_and_refuses_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    let store = Store::open(&path).unwrap();
    store
        .log_event(datetime!(2026-12-01 09:15:42 UTC), EventKind::KioskStarted)
        .unwrap();
    store
        .log_event(
            datetime!(2026-12-01 09:20:05 UTC),
            EventKind::Failure(Failure::CameraLost),
        )
        .unwrap();
    store
        .log_event(
            datetime!(2026-12-01 09:21:00 UTC),
            EventKind::SessionEnded(EndReason::Inactivity),
        )
        .unwrap();
    let events = store.recent_events(2).unwrap();
    assert_eq!(
        events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["session_ended.inactivity", "failure.camera_lost"]
    );
    assert_eq!(
        events[1].at,
        datetime!(2026-12-01 09:20 UTC),
        "kept to the minute"
    );

    // Even with raw SQL, the log has no place for text.
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let text = conn.execute(
        "INSERT INTO events (at, kind) VALUES (0, 'Marie Dupont')",
        [],
    );
    assert!(text.is_err(), "a text kind is refused");
    let unknown = conn.execute("INSERT INTO events (at, kind) VALUES (0, 9999)", []);
    assert!(unknown.is_err(), "a kind that does not exist is refused");

    assert_eq!(
        store.prune_events(datetime!(2026-12-01 09:21 UTC)).unwrap(),
        2
    );
    assert_eq!(store.recent_events(10).unwrap().len(), 1);
}

#[test]
fn configuration_values_with_plain_keys_only() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.config("site.name").unwrap(), None);
    store.set_config("site.name", "Centre social").unwrap();
    store.set_config("site.name", "Épicerie solidaire").unwrap();
    assert_eq!(
        store.config("site.name").unwrap().as_deref(),
        Some("Épicerie solidaire")
    );
    assert!(store.remove_config("site.name").unwrap());
    assert!(!store.remove_config("site.name").unwrap());
    for bad in [
        "",
        "Site Name",
        "x'; DROP TABLE config; --",
        &"k".repeat(65),
    ] {
        assert!(
            matches!(store.set_config(bad, "v"), Err(StoreError::BadKey)),
            "{bad}"
        );
    }
}
