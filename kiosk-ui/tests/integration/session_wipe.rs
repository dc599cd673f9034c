//! The wipe, on real files: after a session nothing of it is left under the session root, and
//! the boot-time wipe erases what a killed session left behind.

use crate::session_support;

use std::fs;

use kiosk_ui::session::PageId;
use kiosk_ui::session::wipe::{SessionRoot, WipeReport};
use session_support::{CANARIES, World, canary_session, files_with_canaries};

#[test]
fn after_a_session_no_file_under_the_root_holds_a_canary() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("sessions");
    let mut world = World::new(&root, &dir.path().join("kiosk.db"));
    let folder = world.folder.as_ref().unwrap().path().to_owned();

    // Before the end, the canaries are really there (the check can fail).
    let mut probe = session_support::Run::new();
    world.capture(&mut probe, kiosk_ui::session::DocClass::Payslip);
    assert!(!files_with_canaries(&root).is_empty());

    canary_session(&mut world);
    assert!(!folder.exists(), "the session folder is gone");
    assert!(root.exists(), "the root stays for the next session");
    assert_eq!(fs::read_dir(&root).unwrap().count(), 0);
    assert_eq!(
        files_with_canaries(dir.path()),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn discarded_pages_leave_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut world = World::new(&dir.path().join("sessions"), &dir.path().join("kiosk.db"));
    let mut run = session_support::Run::new();
    run.pair("link");
    let page = world.capture(&mut run, kiosk_ui::session::DocClass::Payslip);
    let path = world.folder.as_ref().unwrap().page_path(page);
    assert!(path.exists());
    let doc = run.documents()[0].id;
    let out = run.tap(kiosk_ui::session::Tap::DeletePage { doc, page: 0 });
    world.execute(out);
    assert!(!path.exists());
}

#[test]
fn the_boot_wipe_erases_what_a_killed_session_left() {
    let dir = tempfile::tempdir().unwrap();
    let root = SessionRoot::new(dir.path().join("sessions"));
    let outside = dir.path().join("not-ours.txt");
    fs::write(&outside, "kept").unwrap();

    // A session killed mid-way: its folder never got to run any cleanup.
    let folder = root.create_folder().unwrap();
    folder
        .write_page(PageId::from_raw(1), CANARIES[2].as_bytes())
        .unwrap();
    fs::create_dir(folder.path().join("pdf")).unwrap();
    fs::write(folder.path().join("pdf/doc.pdf"), CANARIES[3]).unwrap();
    std::os::unix::fs::symlink(&outside, folder.path().join("link")).unwrap();
    std::mem::forget(folder);
    fs::write(root.path().join("stray.tmp"), CANARIES[0]).unwrap();
    assert_eq!(files_with_canaries(root.path()).len(), 3);

    let report = root.boot_wipe().unwrap();
    assert_eq!(
        report,
        WipeReport {
            files: 4,
            folders: 2
        }
    );
    assert!(root.path().exists());
    assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "kept",
        "links are not followed"
    );

    // On a clean root it has nothing to do, and it creates a missing root.
    assert_eq!(root.boot_wipe().unwrap(), WipeReport::default());
    let fresh = SessionRoot::new(dir.path().join("a/b"));
    assert_eq!(fresh.boot_wipe().unwrap(), WipeReport::default());
    assert!(fresh.path().is_dir());
}

#[test]
fn shared_memory_is_ram_backed_and_a_plain_folder_says_so() {
    // /dev/shm is a tmpfs on Linux; the kiosk's RuntimeDirectory is one too.
    assert!(SessionRoot::new("/dev/shm").is_ram_backed().unwrap());
    let missing = SessionRoot::new("/nonexistent/kiosk");
    assert!(missing.is_ram_backed().is_err());
}
