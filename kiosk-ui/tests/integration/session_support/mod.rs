//! A small driver for whole sessions in tests: a clock that only moves when told, taps and
//! events with one call each, and a log of every command the session asked for.

use std::time::{Duration, Instant};

use kiosk_ui::session::{
    Command, DocClass, Event, PageId, PairingOutcome, Screen, SecretText, Session, SessionSettings,
    Tap, View,
};

/// Settings with round numbers the tests reason about.
pub fn settings() -> SessionSettings {
    SessionSettings {
        idle_after: Duration::from_secs(60),
        countdown: Duration::from_secs(20),
        hard_cap: Duration::from_secs(15 * 60),
        password_tries: 3,
        print_wait: Duration::from_secs(30),
        default_language: "fr".to_owned(),
    }
}

/// A session with its own clock and command log.
pub struct Run {
    /// The session under test.
    pub session: Session,
    /// The time the next event carries.
    pub now: Instant,
    /// Every command returned so far, in order.
    pub log: Vec<Command>,
    next_page: u64,
}

impl Run {
    pub fn new() -> Self {
        Self::with(settings())
    }

    pub fn with(settings: SessionSettings) -> Self {
        let now = Instant::now();
        Self {
            session: Session::new(settings, now),
            now,
            log: Vec::new(),
            next_page: 1,
        }
    }

    /// Feeds one event at the current time; returns (and logs) the commands.
    pub fn send(&mut self, event: Event) -> Vec<Command> {
        let out = self.session.handle(self.now, event);
        self.log.extend(out.iter().cloned());
        out
    }

    pub fn tap(&mut self, tap: Tap) -> Vec<Command> {
        self.send(Event::Tap(tap))
    }

    /// Lets `secs` seconds pass, ticking every second as the UI does.
    pub fn wait(&mut self, secs: u64) -> Vec<Command> {
        let mut out = Vec::new();
        for _ in 0..secs {
            self.now += Duration::from_secs(1);
            out.extend(self.send(Event::Tick));
        }
        out
    }

    pub fn view(&self) -> View {
        self.session.view()
    }

    pub fn screen(&self) -> Screen {
        self.session.view().screen
    }

    /// Start, then show an accepted pairing link.
    pub fn pair(&mut self, link: &str) {
        self.tap(Tap::Start);
        self.send(Event::QrDecoded {
            payload: SecretText::from(link),
            outcome: PairingOutcome::Accepted,
        });
    }

    /// A fresh page id, as the capture code would number pages.
    pub fn new_page(&mut self) -> PageId {
        let page = PageId::from_raw(self.next_page);
        self.next_page += 1;
        page
    }

    /// A capture of a new page with this class guess; returns the page.
    pub fn capture(&mut self, class: DocClass) -> PageId {
        let page = self.new_page();
        self.send(Event::CaptureReady {
            page,
            class_guess: class,
        });
        page
    }

    /// The documents shown on the review or send screen.
    pub fn documents(&self) -> Vec<kiosk_ui::session::Document> {
        match self.screen() {
            Screen::Review { documents } | Screen::Send { documents, .. } => documents,
            other => panic!("no documents on {other:?}"),
        }
    }

    /// How many wipes were asked for so far.
    pub fn wipes(&self) -> usize {
        self.log.iter().filter(|c| **c == Command::Wipe).count()
    }
}

/// Checks the end of every session: the summary, then the wipe, last, exactly once; and any
/// revocation before them.
pub fn assert_ended_with_wipe(run: &Run) {
    assert!(run.session.is_over(), "the session is over");
    assert_eq!(run.wipes(), 1, "exactly one wipe: {:?}", run.log);
    assert_eq!(run.log.last(), Some(&Command::Wipe), "the wipe is last");
    let n = run.log.len();
    assert!(
        matches!(run.log[n - 2], Command::Record(_)),
        "the summary just before the wipe: {:?}",
        run.log
    );
    assert!(
        matches!(run.screen(), Screen::Done { .. }),
        "the resident sees Done"
    );
}

/// The canary strings a canary session plants: a test fails if any is found after the wipe.
pub const CANARIES: [&str; 5] = [
    "CANARY-LINK-5b1e0c",
    "CANARY-PASSWORD-91d2",
    "CANARY-PAGE-a4f7",
    "CANARY-TEXT-33c8",
    "CANARY-CREDENTIAL-e6a0",
];

/// The outside world of a session, as far as files go: the session folder and the store.
pub struct World {
    pub folder: Option<kiosk_ui::session::wipe::SessionFolder>,
    pub store: kiosk_ui::store::Store,
}

impl World {
    pub fn new(root: &std::path::Path, db: &std::path::Path) -> Self {
        let root = kiosk_ui::session::wipe::SessionRoot::new(root);
        Self {
            folder: Some(root.create_folder().unwrap()),
            store: kiosk_ui::store::Store::open(db).unwrap(),
        }
    }

    /// Carries out the commands that touch files, as the kiosk's adapters do.
    pub fn execute(&mut self, commands: Vec<Command>) {
        use kiosk_ui::store::EventKind;
        let today = time::macros::date!(2026 - 12 - 01);
        let at = time::macros::datetime!(2026-12-01 10:30 UTC);
        for command in commands {
            match command {
                Command::DiscardPage(page) => {
                    self.folder.as_ref().unwrap().discard_page(page).unwrap()
                }
                Command::Record(summary) => {
                    self.store.record_session(today, &summary).unwrap();
                    self.store
                        .log_event(at, EventKind::SessionEnded(summary.reason))
                        .unwrap();
                    for failure in summary.failures {
                        self.store
                            .log_event(at, EventKind::Failure(failure))
                            .unwrap();
                    }
                }
                Command::Wipe => {
                    self.folder.take().expect("one wipe").wipe().unwrap();
                }
                _ => {}
            }
        }
    }

    /// Stores a page holding a canary, as the capture code would, and reports its capture.
    pub fn capture(&mut self, run: &mut Run, class: DocClass) -> PageId {
        let page = run.new_page();
        let folder = self.folder.as_ref().unwrap();
        let mut bytes = vec![0x89, b'P', b'N', b'G'];
        bytes.extend_from_slice(format!("{} page {}", CANARIES[2], page.raw()).as_bytes());
        folder.write_page(page, &bytes).unwrap();
        std::fs::write(
            folder.path().join(format!("ocr-{}.txt", page.raw())),
            format!("Nom: {} Dupont", CANARIES[3]),
        )
        .unwrap();
        let out = run.send(Event::CaptureReady {
            page,
            class_guess: class,
        });
        self.execute(out);
        page
    }
}

/// A whole session full of canaries: a password-protected link, a retaken and a deleted page,
/// documents saved and not saved, a phone credential granted late, then "Finish".
pub fn canary_session(world: &mut World) -> Run {
    use kiosk_ui::session::{PasswordVerdict, UploadFailure, UploadOutcome};
    let mut run = Run::new();
    let step = |run: &mut Run, world: &mut World, event: Event| {
        let out = run.send(event);
        world.execute(out);
    };
    step(&mut run, world, Event::Tap(Tap::Start));
    step(
        &mut run,
        world,
        Event::QrDecoded {
            payload: SecretText::from(format!("https://cloud.example/s/{}", CANARIES[0]).as_str()),
            outcome: PairingOutcome::NeedsPassword,
        },
    );
    for c in CANARIES[1].chars() {
        step(&mut run, world, Event::Tap(Tap::Key(c)));
    }
    step(&mut run, world, Event::Tap(Tap::Submit));
    step(
        &mut run,
        world,
        Event::PasswordChecked(PasswordVerdict::Accepted),
    );
    world.capture(&mut run, DocClass::IdentityCard);
    world.capture(&mut run, DocClass::Other);
    let card = run.documents()[0].id;
    step(
        &mut run,
        world,
        Event::Tap(Tap::RetakePage { doc: card, page: 1 }),
    );
    world.capture(&mut run, DocClass::Other);
    step(&mut run, world, Event::Tap(Tap::AddDocument));
    world.capture(&mut run, DocClass::Payslip);
    let payslip = run.documents()[1].id;
    step(&mut run, world, Event::Tap(Tap::AddPage { doc: payslip }));
    world.capture(&mut run, DocClass::Other);
    step(
        &mut run,
        world,
        Event::Tap(Tap::DeletePage {
            doc: payslip,
            page: 1,
        }),
    );
    step(&mut run, world, Event::Tap(Tap::Next));
    step(
        &mut run,
        world,
        Event::UploadResult {
            doc: card,
            outcome: UploadOutcome::Saved,
        },
    );
    step(
        &mut run,
        world,
        Event::UploadResult {
            doc: payslip,
            outcome: UploadOutcome::NotSaved(UploadFailure::Network),
        },
    );
    step(
        &mut run,
        world,
        Event::PhoneApprovalGranted {
            credential: SecretText::from(CANARIES[4]),
        },
    );
    step(&mut run, world, Event::Tap(Tap::Next));
    assert_ended_with_wipe(&run);
    run
}

/// Every file under `dir` (not following links) that contains one of the canaries.
pub fn files_with_canaries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
        if kind.is_dir() {
            found.extend(files_with_canaries(&path));
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            if CANARIES
                .iter()
                .any(|c| bytes.windows(c.len()).any(|w| w == c.as_bytes()))
            {
                found.push(path);
            }
        }
    }
    found
}
