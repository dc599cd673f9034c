//! The store after a session full of canaries: its counters and events are there, and no
//! canary is anywhere in the database file (or beside it).

use crate::session_support;

use kiosk_ui::store::Store;
use session_support::{World, canary_session, files_with_canaries};
use time::macros::date;

#[test]
fn the_database_never_holds_a_canary() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let db = state.join("kiosk.db");
    let mut world = World::new(&dir.path().join("sessions"), &db);
    world
        .store
        .set_config("site.name", "Maison des solidarités")
        .unwrap();
    canary_session(&mut world);
    drop(world);

    // What was recorded is there: the check below looks at a file with real content.
    let store = Store::open(&db).unwrap();
    let counters = store.counters(date!(2026 - 12 - 01)).unwrap();
    assert_eq!(counters.sessions["finished"], 1);
    assert_eq!(counters.documents["identity_card"], 1);
    assert_eq!(counters.failures["upload_network"], 1);
    let events: Vec<_> = store
        .recent_events(10)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        events.contains(&"session_ended.finished".to_owned()),
        "{events:?}"
    );
    drop(store);

    assert_eq!(
        files_with_canaries(dir.path()),
        Vec::<std::path::PathBuf>::new()
    );
}
