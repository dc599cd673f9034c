//! The resident's session: a state machine from "Start" to the wipe.
//!
//! Events go in ([`Event`]: taps, QR codes, captures, upload results, printer and camera
//! reports, ticks), each with the time it happened; out come the [`View`] to draw and the
//! [`Command`]s for the outside world. The session knows nothing of Slint, the camera, the
//! network or the printer, and never sleeps or reads a clock, so whole sessions — including
//! ten-minute timeouts — run in unit tests in microseconds.
//!
//! ```text
//! Welcome ─▶ Pair ─┬────────────────▶ Scan ◀─▶ Review ─▶ Send ─▶ Receipt ─▶ Done
//!                  ├─▶ Keypad ───────▲                                        ▲
//!                  └─▶ PhoneApproval ┘         finish · cancel · idle · cap · fault
//! ```
//!
//! The guarantees live here because this is the one place that sees every path:
//! - every end — finish, cancel, inactivity countdown, hard cap, fault — goes through one
//!   function that emits the same sequence: camera off, phone credential revoked, anonymous
//!   summary recorded, and [`Command::Wipe`] last;
//! - a document is saved only when the vault confirmed it ([`UploadOutcome::Saved`]);
//! - resident secrets live only in [`SecretText`] values, dropped (and so zeroed) at the end;
//!   page pixels never enter the state machine, only [`PageId`]s of files in the session folder
//!   ([`wipe`] owns that folder and the boot-time wipe);
//! - stale or unexpected events (a tap on a deleted page, a late upload result, a credential
//!   granted after "Back") are ignored or cleaned up, never a panic.

mod capture;
mod commands;
mod documents;
mod ending;
mod events;
mod outcome;
mod pairing;
mod screen;
mod secret;
mod sending;
mod settings;
mod timers;
mod trouble;
pub mod wipe;

use std::time::Instant;

pub use scanner::classify::DocClass;

pub use commands::{CameraMode, Command, Receipt, ReceiptLine, UploadItem, VaultAccess};
pub use documents::{DocId, Document, Page, PageId, SendState, Side, is_card};
pub use events::{
    Event, FaultKind, Guidance, PairingOutcome, PasswordVerdict, PrinterProblem, PrinterState,
    RefusalReason, Tap, UploadFailure, UploadOutcome,
};
pub use outcome::{EndReason, Failure, SessionSummary};
pub use screen::{ErrorKind, PrintJob, ScanTarget, Screen, View, WayForward};
pub use secret::{SecretBytes, SecretText};
pub use settings::SessionSettings;

use documents::Documents;
use timers::{Clock, Timers};

/// Where the session is, with the secrets that belong to that step only.
#[derive(Debug)]
enum Step {
    /// Language choice; no resident yet, no timers.
    Welcome,
    /// Waiting for a QR code.
    Pair,
    /// Typing the link's password.
    Keypad {
        /// The link read from the QR code.
        link: SecretText,
        /// What is typed so far.
        typed: SecretText,
        /// Attempts left.
        tries_left: u8,
        /// Whether the vault is checking a submitted password.
        checking: bool,
    },
    /// Waiting for the resident's phone.
    PhoneApproval {
        /// The address to show, once the server has given it.
        login: Option<SecretText>,
    },
    /// Taking a page.
    Scan {
        /// What the picture is for.
        target: ScanTarget,
        /// The detector's advice.
        guidance: Guidance,
    },
    /// Looking over the documents.
    Review,
    /// Sending, then the per-document outcome.
    Send,
    /// Receipt and copies.
    Receipt {
        /// The print job in flight and when it was sent.
        printing: Option<(PrintJob, Instant)>,
        /// The last job that printed.
        printed: Option<PrintJob>,
        /// Whether "Finish" waits for the job in flight.
        finishing: bool,
    },
    /// A friendly error; `resume` is where it goes back to by itself or on "Continue".
    Error {
        /// What went wrong.
        kind: ErrorKind,
        /// The step to return to.
        resume: Option<Box<Step>>,
    },
    /// Ended and wiped.
    Done(EndReason),
}

/// One resident's session, from the welcome screen to the wipe.
///
/// Create one per resident; once [`is_over`](Self::is_over), drop it and create the next.
#[derive(Debug)]
pub struct Session {
    settings: SessionSettings,
    now: Instant,
    language: String,
    step: Step,
    timers: Timers,
    access: Option<VaultAccess>,
    docs: Documents,
    printer: PrinterState,
    camera: CameraMode,
    camera_ok: bool,
    failures: Vec<Failure>,
}

impl Session {
    /// A session on its welcome screen at `now`.
    pub fn new(settings: SessionSettings, now: Instant) -> Self {
        Self {
            language: settings.default_language.clone(),
            settings,
            now,
            step: Step::Welcome,
            timers: Timers::new(now),
            access: None,
            docs: Documents::default(),
            printer: PrinterState::Unavailable(PrinterProblem::NoPrinter),
            camera: CameraMode::Off,
            camera_ok: true,
            failures: Vec::new(),
        }
    }

    /// Whether the session has ended (and asked for the wipe).
    pub fn is_over(&self) -> bool {
        matches!(self.step, Step::Done(_))
    }

    /// Feeds one event that happened at `now`; returns what the outside world must do, in order.
    pub fn handle(&mut self, now: Instant, event: Event) -> Vec<Command> {
        self.now = self.now.max(now);
        let mut out = Vec::new();
        if self.is_over() {
            // Nothing reaches an ended session, except that a credential granted too late must
            // still be revoked.
            if let Event::PhoneApprovalGranted { credential } = event {
                out.push(Command::RevokeCredential(credential));
            }
            return out;
        }
        let clock = self.timers.check(self.now, &self.settings);
        match clock {
            Clock::CapReached | Clock::IdleOver => {
                let reason = if clock == Clock::CapReached {
                    EndReason::TimeLimit
                } else {
                    EndReason::Inactivity
                };
                if let Event::PhoneApprovalGranted { credential } = event {
                    self.access = Some(VaultAccess::Phone { credential });
                }
                self.end(reason, &mut out);
                return out;
            }
            Clock::Countdown(_) if matches!(event, Event::Tap(_)) => {
                // Any touch while the overlay is up only dismisses it.
                self.timers.touch(self.now);
                return out;
            }
            Clock::Countdown(_) | Clock::Calm => {}
        }
        if is_activity(&event) {
            self.timers.touch(self.now);
        }
        self.apply(event, &mut out);
        if !self.is_over() {
            self.sync_camera(&mut out);
            if !self.waits_for_resident() {
                self.timers.touch(self.now);
            }
        }
        out
    }

    /// What to draw now.
    pub fn view(&self) -> View {
        let screen = match &self.step {
            Step::Welcome => Screen::Welcome,
            Step::Pair => Screen::Pair,
            Step::Keypad {
                typed,
                tries_left,
                checking,
                ..
            } => Screen::Keypad {
                typed: typed.expose().chars().count(),
                tries_left: *tries_left,
                checking: *checking,
            },
            Step::PhoneApproval { login } => Screen::PhoneApproval {
                login: login.clone(),
            },
            Step::Scan { target, guidance } => Screen::Scan {
                target: *target,
                guidance: *guidance,
            },
            Step::Review => Screen::Review {
                documents: self.docs.all().to_vec(),
            },
            Step::Send => Screen::Send {
                documents: self.docs.all().to_vec(),
                finished: !self.docs.any_sending(),
            },
            Step::Receipt {
                printing,
                printed,
                finishing,
            } => Screen::Receipt {
                printer: self.printer,
                printing: printing.is_some(),
                printed: *printed,
                finishing: *finishing,
            },
            Step::Error { kind, .. } => Screen::Error {
                kind: *kind,
                way_forward: trouble::way_forward(*kind),
            },
            Step::Done(reason) => Screen::Done { reason: *reason },
        };
        let countdown = match self.timers.check(self.now, &self.settings) {
            Clock::Countdown(left) if !self.is_over() => Some(left),
            _ => None,
        };
        View {
            screen,
            countdown,
            language: self.language.clone(),
        }
    }

    /// Routes an event: first what every step handles alike, then the current step's rules.
    fn apply(&mut self, event: Event, out: &mut Vec<Command>) {
        let started = !matches!(self.step, Step::Welcome);
        match event {
            Event::Tick => self.on_tick(out),
            Event::LanguageChosen(code) => self.language = code,
            Event::Printer(state) => self.printer = state,
            Event::CameraLost => self.on_camera_lost(),
            Event::CameraBack => self.on_camera_back(),
            Event::Tap(Tap::Cancel) if started => self.end(EndReason::Cancelled, out),
            Event::Fault(kind) if started => {
                self.failures.push(Failure::Fault(kind));
                self.end(EndReason::Fault, out);
            }
            Event::PhoneApprovalGranted { credential }
                if !matches!(self.step, Step::PhoneApproval { .. }) =>
            {
                out.push(Command::RevokeCredential(credential));
            }
            Event::CaptureReady { page, .. } if !matches!(self.step, Step::Scan { .. }) => {
                out.push(Command::DiscardPage(page));
            }
            event => match self.step {
                Step::Welcome => {
                    if matches!(event, Event::Tap(Tap::Start)) {
                        self.timers.start(self.now);
                        self.step = Step::Pair;
                    }
                }
                Step::Pair => self.on_pair(event, out),
                Step::Keypad { .. } => self.on_keypad(event, out),
                Step::PhoneApproval { .. } => self.on_phone_approval(event, out),
                Step::Scan { .. } => self.on_scan(event, out),
                Step::Review => self.on_review(event, out),
                Step::Send => self.on_send(event, out),
                Step::Receipt { .. } => self.on_receipt(event, out),
                Step::Error { .. } => self.on_error(event),
                Step::Done(_) => {}
            },
        }
    }

    /// Whether the idle time counts now: not while the kiosk itself is working or the
    /// resident is busy on their phone.
    fn waits_for_resident(&self) -> bool {
        match &self.step {
            Step::Keypad { checking, .. } => !checking,
            Step::PhoneApproval { .. } => false,
            Step::Send => !self.docs.any_sending(),
            Step::Receipt { printing, .. } => printing.is_none(),
            _ => true,
        }
    }
}

/// Whether an event shows that the resident is there.
fn is_activity(event: &Event) -> bool {
    matches!(
        event,
        Event::Tap(_)
            | Event::LanguageChosen(_)
            | Event::QrDecoded { .. }
            | Event::CaptureReady { .. }
    )
}
