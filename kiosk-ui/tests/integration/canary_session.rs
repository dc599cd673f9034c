//! Canary sessions through the real `kiosk` binary: nothing a resident brought survives the
//! wipe — not on disk (the session and state folders), not in the database, not in the log,
//! not in the memory of the kiosk still running after the session, and not after a `kill -9`
//! in the middle of a session followed by a restart.
//!
//! The resident's pages and pairing card carry canary strings drawn at random for the run (see
//! `canary_support`). Each test first checks that the canaries really went through the kiosk —
//! the delivered PDF's text layer holds them — so a test that finds nothing has looked at
//! something. The vault is Apache with mod_dav (`vault_harness`).

use crate::canary_support;
use crate::vault_harness;

use std::time::{Duration, Instant};

use canary_support::{Canaries, DROP_TOKEN, Stage, canaries_in_text, files_holding, files_under};
use vault_harness::apache::Apache;

/// One page: ordinary sentences around the canaries in big print, as on a real letter. (A
/// page of capitals alone has no ascenders or descenders to tell which way up it is.)
fn canary_pages(canaries: &Canaries) -> Vec<Vec<String>> {
    let mut lines = vec![
        "Attestation".to_owned(),
        "Je soussigné certifie que".to_owned(),
        "la personne ci-dessous habite".to_owned(),
    ];
    lines.extend(canaries.page.iter().cloned());
    lines.push("Fait pour servir et valoir".to_owned());
    vec![lines]
}

/// The delivery link of the test vault (its file drop).
fn drop_link(server: &Apache) -> String {
    format!("{}/s/{DROP_TOKEN}", server.origin("127.0.0.1"))
}

/// The canaries the kiosk actually read and delivered: every `CANARY-…` in the text of the
/// PDFs in the vault. Fails when none of the printed canaries came through.
fn delivered_canaries(server: &Apache, canaries: &Canaries, dir: &std::path::Path) -> Vec<String> {
    let files = server.files("drop");
    assert!(!files.is_empty(), "the vault received no document");
    let text: String = files
        .iter()
        .map(|(_, pdf)| canary_support::pdf_text(pdf, dir))
        .collect();
    let read = canaries_in_text(&text);
    assert!(
        canaries.page.iter().any(|c| read.contains(c)),
        "control: the delivered PDF holds the printed canaries (read: {read:?}; text: {text:?})"
    );
    read
}

#[test]
fn no_canary_survives_a_session_on_disk_in_the_log_or_in_memory() {
    let server = Apache::start(None);
    let canaries = Canaries::new(3);
    let stage = Stage::new();
    stage.documents(&canaries.link(), &canary_pages(&canaries));

    let mut kiosk = stage.simulate(0, &drop_link(&server), &["--hold-after-wipe"]);
    let report = kiosk.next_report().unwrap_or_else(|| {
        panic!(
            "the kiosk ended without a report: {}",
            std::fs::read_to_string(stage.log(0)).unwrap_or_default()
        )
    });
    assert_eq!(report["wiped"], true, "{report}");
    assert_eq!(report["documents"][0]["saved"], true, "{report}");

    // What the kiosk read is searched for too, misreadings included.
    let mut needles = canaries.needles();
    for read in delivered_canaries(&server, &canaries, stage.dir.path()) {
        let body = canary_support::body_of(&read).to_owned();
        if !needles.contains(&body) {
            needles.push(body);
        }
    }

    // The memory of the kiosk, alive and waiting for the next resident.
    let core = kiosk.core_dump(stage.dir.path());
    assert!(
        !canary_support::found_in(&core, &[DROP_TOKEN.to_owned()]).is_empty(),
        "control: the core dump holds the delivery link given on the command line"
    );
    let in_memory = canary_support::found_in(&core, &needles);
    drop(core);
    let status = kiosk.release();
    assert!(status.success(), "kiosk simulate ended with {status}");

    assert_eq!(
        in_memory,
        Vec::<String>::new(),
        "canaries in the kiosk's memory"
    );
    assert!(
        !files_under(&stage.state()).is_empty(),
        "control: the store was written"
    );
    for place in [stage.runtime(), stage.state(), stage.log(0)] {
        assert_eq!(
            files_holding(&place, &needles),
            vec![],
            "canaries under {}",
            place.display()
        );
    }
    assert_eq!(
        files_under(&stage.runtime()),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn a_kill_in_the_middle_of_a_session_leaves_nothing_after_the_restart() {
    let server = Apache::start(None);
    let canaries = Canaries::new(3);
    let stage = Stage::new();
    // Several documents, so that the session is surely still going when the kill comes.
    let pages = canary_pages(&canaries);
    stage.documents(
        &canaries.link(),
        &[pages.clone(), pages.clone(), pages].concat(),
    );

    let kiosk = stage.simulate(0, &drop_link(&server), &[]);
    let deadline = Instant::now() + Duration::from_secs(300);
    while files_under(&stage.runtime()).is_empty() {
        assert!(Instant::now() < deadline, "no page was ever stored");
        std::thread::sleep(Duration::from_millis(20));
    }
    kiosk.kill();
    let left = files_under(&stage.runtime());
    assert!(
        !left.is_empty(),
        "control: the killed session left its files"
    );

    // The restart: a plain session with a card and a page that carry no canary.
    let clean = Canaries::new(1);
    std::fs::remove_dir_all(stage.frames()).expect("clear frames");
    std::fs::create_dir(stage.frames()).expect("mkdir frames");
    stage.documents(
        &clean.link(),
        &[vec!["ATTESTATION".to_owned(), clean.page[0].clone()]],
    );
    let mut restarted = stage.simulate(1, &drop_link(&server), &[]);
    let report = restarted
        .next_report()
        .expect("the restarted kiosk reports its session");
    assert_eq!(report["wiped"], true, "{report}");
    assert!(restarted.release().success());

    for file in &left {
        assert!(!file.exists(), "{} survived the restart", file.display());
    }
    assert_eq!(
        files_under(&stage.runtime()),
        Vec::<std::path::PathBuf>::new()
    );
    let needles = canaries.needles();
    for place in [stage.runtime(), stage.state(), stage.log(0), stage.log(1)] {
        assert_eq!(
            files_holding(&place, &needles),
            vec![],
            "canaries under {}",
            place.display()
        );
    }
}

/// The search helpers themselves: a canary is found in every encoding, and only a canary.
mod search_helpers {
    use super::canary_support::*;

    #[test]
    fn canaries_are_found_in_every_encoding_and_only_there() {
        let canaries = Canaries::new(2);
        let needles = canaries.needles();
        assert_eq!(needles.len(), 3);
        let [utf8, le, be] = encodings(&format!("text {} more", canaries.page[1]));
        for bytes in [&utf8, &le, &be] {
            assert_eq!(found_in(bytes, &needles), vec![needles[1].clone()]);
        }
        assert!(found_in(b"CANARY- nothing here", &needles).is_empty());
        assert_ne!(
            Canaries::new(1).page,
            Canaries::new(1).page,
            "drawn at random"
        );
    }

    #[test]
    fn canaries_are_picked_out_of_ocr_text() {
        let text = "Ref: CANARY-ACDE4679XY, name CANARY-KLM\nCANARY-HJKLMNPRTU.\n\
                    CANARY VE9KNNUDYC\nCANARYAVREF3WFUU\nCANARY\n\nKARMRPDUMA\nCANARY\nLETTER";
        assert_eq!(
            canaries_in_text(text),
            vec![
                "CANARY-ACDE4679XY",
                "CANARY-HJKLMNPRTU",
                "CANARY-VE9KNNUDYC",
                "CANARY-AVREF3WFUU",
                "CANARY-KARMRPDUMA"
            ]
        );
    }
}
