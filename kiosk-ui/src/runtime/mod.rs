//! The kiosk at work: one resident session after another, with the camera, the document
//! worker, the vault, the printer and the store carrying out what the session asks.
//!
//! The [`Session`] decides; a [`Kiosk`] does. Every event — a tap from the screen, or a report
//! from a worker — goes to the session, and every [`Command`] the session answers is carried
//! out here, without ever blocking the caller:
//!
//! ```text
//!   screen ── handle(event) ──▶ Session ──▶ commands ──┬─▶ camera worker (thread)
//!      ▲                          ▲                     ├─▶ document worker (thread, Pipeline)
//!      │                          │                     ├─▶ vault and printer (tokio tasks)
//!   view()/preview()         pump()/wait()              └─▶ store (counters, event kinds)
//!                                 ▲
//!                           Report channel ◀── every worker and task
//! ```
//!
//! - [`camera`]: frames → QR codes, page guidance, auto-capture, the preview.
//! - [`documents`]: the session folder and everything read from the pages; PDFs; the wipe.
//! - [`outside`]: the vault (pairing probe, password, uploads, phone approval, revocation)
//!   and the printer (receipts, copies, state).
//! - [`staged`]: a camera for demos and headless runs.
//! - [`places`]: where the session folders and the store live.
//!
//! Privacy: the session folder is erased at every start (the boot wipe, for sessions a crash,
//! kill or power cut interrupted) and at the end of every session ([`Command::Wipe`]), when the
//! document worker also zeroes every cached image and text, the opened vault is dropped and
//! thumbnails and names are forgotten. The log (stderr) gets event kinds only.

mod camera;
mod captured;
mod documents;
mod outside;
mod places;
mod staged;

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;
use image::RgbImage;
use scanner::camera::FrameSource;
use scanner::classify::DocClass;
use scanner::pipeline::Pipeline;
use time::OffsetDateTime;

pub use camera::{Cue, Preview, cue};
pub use places::Places;
pub use staged::{Stage, StagedCamera};

use crate::config::Config;
use crate::session::wipe::SessionRoot;
use crate::session::{
    self, CameraMode, Command, DocId, Event, FaultKind, Guidance, PageId, PrinterState, SecretText,
    Session, SessionSettings, UploadOutcome,
};
use crate::store::{EventKind, Store};
use camera::CameraWorker;
use captured::CapturedPage;
use documents::DocumentWorker;
use outside::Outside;

/// What a worker or a task tells the kiosk.
enum Report {
    /// The camera read a code while pairing (the camera then waits to be resumed).
    Qr(SecretText),
    /// The detector's advice changed.
    Guidance(Guidance),
    /// The camera took a page (and waits to be resumed).
    Captured(CapturedPage),
    /// The camera stopped giving frames.
    CameraLost,
    /// The camera gives frames again.
    CameraBack,
    /// The document worker stored and read a page.
    PageRead {
        /// The page.
        page: PageId,
        /// The class its text suggests.
        class_guess: DocClass,
        /// A small picture of it for the review screen.
        thumbnail: RgbImage,
    },
    /// A page could not be stored in the session folder.
    StorageFailed,
    /// The vault's last word on a document, with its name there when saved.
    Uploaded {
        /// The document.
        doc: DocId,
        /// Saved or not.
        outcome: UploadOutcome,
        /// Its file name in the vault.
        name: Option<String>,
    },
    /// The document worker erased the session (true when everything went).
    Wiped(bool),
    /// An event for the session as it is.
    Event(Event),
}

/// How to start a kiosk beyond its configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where session folders and the store live.
    pub places: Places,
    /// Deliver every session to this vault link, whatever vault the resident's code names (the
    /// code must still be one this kiosk accepts). For headless runs against a test vault.
    pub deliver_to: Option<SecretText>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            places: Places::from_env(),
            deliver_to: None,
        }
    }
}

/// The running kiosk: the current session and everything that carries out its commands.
pub struct Kiosk {
    settings: SessionSettings,
    session: Session,
    reports: Receiver<Report>,
    camera: CameraWorker,
    // Declared before `documents`: its tasks hold senders the document worker waits on.
    outside: Outside,
    documents: DocumentWorker,
    store: Store,
    camera_mode: CameraMode,
    printer: PrinterState,
    thumbnails: HashMap<PageId, RgbImage>,
    names: HashMap<DocId, String>,
    next_page: u64,
    reading: usize,
    wiped: Option<bool>,
}

impl Kiosk {
    /// Boot wipe of the session root, opens the store, starts the camera and document workers.
    pub fn start(config: &Config, camera: Box<dyn FrameSource + Send>) -> anyhow::Result<Kiosk> {
        Self::start_with(config, camera, Options::default())
    }

    /// [`start`](Self::start) with explicit folders and, for headless runs, a fixed vault.
    pub fn start_with(
        config: &Config,
        camera: Box<dyn FrameSource + Send>,
        options: Options,
    ) -> anyhow::Result<Kiosk> {
        let root = SessionRoot::new(&options.places.sessions);
        let leftovers = root
            .boot_wipe()
            .context("erasing the session folders at start")?;
        if !root.is_ram_backed().unwrap_or(false) {
            eprintln!("kiosk: warning: the session folder is not on a RAM-backed filesystem");
        }
        std::fs::create_dir_all(&options.places.state).context("creating the state folder")?;
        let store = Store::open(options.places.store_file()).context("opening the store")?;
        let now = OffsetDateTime::now_utc();
        log_to(&store, now, EventKind::KioskStarted);
        if leftovers.files + leftovers.folders > 0 {
            log_to(&store, now, EventKind::LeftoversWiped);
        }

        let settings = session_settings(config);
        let (reports, receiver) = mpsc::channel();
        let pipeline = Pipeline::new().context("starting OCR")?;
        let documents = DocumentWorker::start(pipeline, root, reports.clone())
            .context("starting the document worker")?;
        let outside = Outside::new(
            config,
            options.deliver_to.as_ref(),
            settings.print_wait,
            reports.clone(),
            documents.desk(),
        )?;
        let camera = CameraWorker::start(camera, reports).context("starting the camera")?;
        let printer = outside.printer_state();
        let mut kiosk = Kiosk {
            session: Session::new(settings.clone(), Instant::now()),
            settings,
            reports: receiver,
            camera,
            outside,
            documents,
            store,
            camera_mode: CameraMode::Off,
            printer,
            thumbnails: HashMap::new(),
            names: HashMap::new(),
            next_page: 0,
            reading: 0,
            wiped: None,
        };
        kiosk.handle(Event::Printer(printer));
        eprintln!("kiosk: started");
        Ok(kiosk)
    }

    /// A tap or language choice from the screen: fed to the session, its commands carried out.
    pub fn handle(&mut self, event: session::Event) {
        let commands = self.session.handle(Instant::now(), event);
        for command in commands {
            self.carry_out(command);
        }
    }

    /// Applies every report the workers sent since the last call (and a Tick); true when the
    /// view changed.
    pub fn pump(&mut self) -> bool {
        let before = self.session.view();
        self.drain();
        self.session.view() != before
    }

    /// Headless drivers: waits up to `timeout` for a worker report, then pumps.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let before = self.session.view();
        match self.reports.recv_timeout(timeout) {
            Ok(report) => self.take(report),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        self.drain();
        self.session.view() != before
    }

    /// What to draw now.
    pub fn view(&self) -> session::View {
        self.session.view()
    }

    /// The latest camera picture for the pair/scan screens (≤ 640 px wide) with the page
    /// outline.
    pub fn preview(&self) -> Option<Preview> {
        if self.camera_mode == CameraMode::Off {
            return None;
        }
        self.camera.preview()
    }

    /// Whether a captured page is being read by the document worker right now.
    pub fn processing(&self) -> bool {
        self.reading > 0
    }

    /// Small thumbnail of a page (first page of a document on the review screen).
    pub fn thumbnail(&self, page: session::PageId) -> Option<image::RgbImage> {
        self.thumbnails.get(&page).cloned()
    }

    /// The name a document was saved under in the vault, once the vault confirmed it (until
    /// the wipe).
    pub fn saved_name(&self, doc: DocId) -> Option<&str> {
        self.names.get(&doc).map(String::as_str)
    }

    /// Whether the last wipe erased the session folder completely; `None` while no wipe has
    /// finished since the current session started.
    pub fn wiped(&self) -> Option<bool> {
        self.wiped
    }

    /// After a session ended (view shows Done): starts the next one on the welcome screen.
    pub fn next_session(&mut self) {
        if !self.session.is_over() {
            return;
        }
        self.session = Session::new(self.settings.clone(), Instant::now());
        self.wiped = None;
        self.handle(Event::Printer(self.printer));
    }

    /// Takes every waiting report, then lets time pass.
    fn drain(&mut self) {
        while let Ok(report) = self.reports.try_recv() {
            self.take(report);
        }
        self.handle(Event::Tick);
    }

    fn take(&mut self, report: Report) {
        match report {
            Report::Qr(payload) => self.outside.pair(payload),
            Report::Guidance(guidance) => self.handle(Event::Guidance(guidance)),
            Report::Captured(frame) => {
                let page = PageId::from_raw(self.next_page);
                self.next_page += 1;
                self.reading += 1;
                self.documents.read(page, frame);
            }
            Report::CameraLost => self.handle(Event::CameraLost),
            Report::CameraBack => {
                self.log(EventKind::CameraBack);
                self.handle(Event::CameraBack);
            }
            Report::PageRead {
                page,
                class_guess,
                thumbnail,
            } => {
                self.reading = self.reading.saturating_sub(1);
                if !self.session.is_over() {
                    self.thumbnails.insert(page, thumbnail);
                }
                self.handle(Event::CaptureReady { page, class_guess });
                self.resume_camera();
            }
            Report::StorageFailed => {
                self.reading = self.reading.saturating_sub(1);
                self.handle(Event::Fault(FaultKind::Storage));
            }
            Report::Uploaded { doc, outcome, name } => {
                if let Some(name) = name.filter(|_| !self.session.is_over()) {
                    self.names.insert(doc, name);
                }
                self.handle(Event::UploadResult { doc, outcome });
            }
            Report::Wiped(complete) => self.wiped = Some(complete),
            Report::Event(event) => {
                let from_camera = matches!(event, Event::QrDecoded { .. });
                if let Event::Printer(state) = event {
                    if state == PrinterState::Ready && self.printer != PrinterState::Ready {
                        self.log(EventKind::PrinterBack);
                    }
                    self.printer = state;
                }
                self.handle(event);
                if from_camera {
                    self.resume_camera();
                }
            }
        }
    }

    /// Lets the camera look again after a code or page it handed over was dealt with.
    fn resume_camera(&self) {
        self.camera.set_mode(self.camera_mode);
    }

    fn carry_out(&mut self, command: Command) {
        match command {
            Command::Camera(mode) => {
                self.camera_mode = mode;
                self.camera.set_mode(mode);
            }
            Command::CaptureNow => self.camera.capture_now(),
            Command::CheckPassword { link, password } => {
                self.outside.check_password(link, password)
            }
            Command::RequestPhoneApproval => self.outside.request_phone_approval(),
            Command::CancelPhoneApproval => self.outside.cancel_phone_approval(),
            Command::Upload { access, documents } => {
                eprintln!("kiosk: sending {} documents", documents.len());
                let language = self.session.view().language;
                self.outside.upload(access, documents, language);
            }
            Command::DiscardPage(page) => {
                self.thumbnails.remove(&page);
                self.documents.discard(page);
            }
            Command::PrintReceipt(receipt) => self.outside.print_receipt(receipt),
            Command::PrintCopies(pages) => self.outside.print_copies(pages),
            Command::RevokeCredential(credential) => self.outside.revoke(credential),
            Command::Record(summary) => {
                eprintln!("kiosk: session ended ({})", summary.reason.code());
                let now = OffsetDateTime::now_utc();
                if let Err(e) = self.store.record_session(now.date(), &summary) {
                    eprintln!("kiosk: counters not updated ({})", store_error_kind(&e));
                }
                self.log(EventKind::SessionEnded(summary.reason));
                for failure in summary.failures {
                    self.log(EventKind::Failure(failure));
                }
            }
            Command::Wipe => {
                self.documents.wipe();
                self.outside.end_session();
                self.thumbnails.clear();
                self.names.clear();
                self.reading = 0;
            }
        }
    }

    fn log(&self, kind: EventKind) {
        log_to(&self.store, OffsetDateTime::now_utc(), kind);
    }
}

/// Adds an event to the technician's log; a failing store is reported on stderr, by kind.
fn log_to(store: &Store, at: OffsetDateTime, kind: EventKind) {
    if let Err(e) = store.log_event(at, kind) {
        eprintln!("kiosk: event not logged ({})", store_error_kind(&e));
    }
}

fn store_error_kind(error: &crate::store::StoreError) -> &'static str {
    match error {
        crate::store::StoreError::Sqlite(_) => "sqlite",
        crate::store::StoreError::TooNew { .. } => "too_new",
        crate::store::StoreError::BadKey => "bad_key",
    }
}

/// The session's timeouts from the configuration.
fn session_settings(config: &Config) -> SessionSettings {
    let defaults = SessionSettings::default();
    SessionSettings {
        idle_after: Duration::from_secs(config.session.idle_timeout_secs),
        countdown: Duration::from_secs(config.session.countdown_secs),
        hard_cap: Duration::from_secs(config.session.hard_cap_secs),
        default_language: config
            .languages
            .first()
            .cloned()
            .unwrap_or_else(|| defaults.default_language.clone()),
        ..defaults
    }
}
