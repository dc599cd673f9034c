//! `kiosk simulate`: whole resident sessions, headless, through the same kiosk as the screen.
//!
//! A scripted resident taps through each session the way a person would — Start, shows the
//! pairing card, lays each page under the camera, sends, prints a receipt, finishes — while
//! the real [`Kiosk`] does everything else: QR reading, page detection and auto-capture, OCR
//! and classification, PDFs, delivery, printing, the wipe. A [`StagedCamera`] shows the card
//! while the kiosk pairs and whatever page the script lays down while it scans.
//!
//! One JSON line per session says what the kiosk did — documents (name in the vault, class,
//! pages, saved), whether the receipt printed, whether the wipe erased the session folder, the
//! process's resident memory after the wipe — so soak runs and tests read the outcome without
//! parsing logs. The exit status is non-zero when any session failed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use image::RgbImage;
use kiosk_ui::config::Config;
use kiosk_ui::runtime::{Kiosk, Options, Places, Stage, StagedCamera};
use kiosk_ui::session::{
    DocId, Document, Event, ScanTarget, Screen, SecretText, SendState, Tap, View, is_card,
};
use serde::Serialize;

/// The longest any one step (reading the code, a page, sending, printing) may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(180);
/// How long the script lets auto-capture try before pressing the shutter button.
const AUTO_CAPTURE_PATIENCE: Duration = Duration::from_secs(15);
/// How long the script waits for a report before looking again.
const POLL: Duration = Duration::from_millis(100);
/// File extensions taken as page images.
const IMAGE_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Run whole sessions headless and report each as one JSON line.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A photo of the resident's pairing card; the kiosk reads its QR code as a camera frame.
    /// The code must be a vault link this kiosk's configuration accepts.
    #[arg(long, value_name = "FILE")]
    pub pair_image: PathBuf,
    /// The documents: each subfolder is one document whose images are its pages in name order
    /// (a card's second image is its back side); an image directly inside is a one-page
    /// document.
    #[arg(long, value_name = "DIR")]
    pub frames: PathBuf,
    /// The vault the documents are actually delivered to. The card's code is read and checked
    /// like any resident's, but its server need not exist: every session delivers here.
    #[arg(long, value_name = "LINK")]
    pub vault_link: String,
    /// Print a receipt on this IPP printer (`ipp://localhost:631/printers/PDF`); without it,
    /// no printer is used whatever the configuration says.
    #[arg(long, value_name = "URI")]
    pub printer: Option<url::Url>,
    /// How many sessions to run, one after the other.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub sessions: u32,
    /// Print one JSON object per session instead of a sentence.
    #[arg(long)]
    pub json: bool,
    /// After the last session, keep the kiosk running on its welcome screen until standard
    /// input closes, so a test can examine the live process after the wipe (a core dump).
    #[arg(long)]
    pub hold_after_wipe: bool,
}

/// One session's outcome.
#[derive(Debug, Serialize)]
struct SessionReport {
    /// 1 for the first session.
    session: u32,
    documents: Vec<DocumentReport>,
    /// Whether the receipt came out of the printer.
    printed: bool,
    /// Whether the session folder was erased completely.
    wiped: bool,
    /// Resident memory of the process after the wipe.
    rss_kib: u64,
    /// Wall time of the session.
    seconds: f64,
}

/// One document's outcome.
#[derive(Debug, Serialize)]
struct DocumentReport {
    /// Its file name in the vault (empty when not saved).
    name: String,
    /// Its class, as the scanner's CLI spells it.
    class: serde_json::Value,
    /// Its page count.
    pages: usize,
    /// Whether the vault confirmed it.
    saved: bool,
}

/// Runs `kiosk simulate`.
pub fn run(args: Args, config: &Config) -> anyhow::Result<ExitCode> {
    let documents = documents_in(&args.frames)?;
    if documents.is_empty() {
        bail!("{} holds no page images", args.frames.display());
    }
    let pairing = load(&args.pair_image)?;
    let mut config = config.clone();
    config.printer.uri = args.printer.clone();
    let places = Places::from_env();
    let (camera, stage) = StagedCamera::driven(pairing);
    let options = Options {
        places: places.clone(),
        deliver_to: Some(SecretText::new(args.vault_link.clone())),
    };
    let mut kiosk = Kiosk::start_with(&config, Box::new(camera), options)?;
    let mut all_good = true;
    for number in 1..=args.sessions {
        let started = Instant::now();
        let mut script = Script {
            kiosk: &mut kiosk,
            stage: &stage,
        };
        let outcome = script.session(&documents, args.printer.is_some());
        let (documents_out, printed) = match outcome {
            Ok(done) => done,
            Err(error) => {
                // The kiosk's state is unknown after a broken step: report and stop.
                eprintln!("kiosk: session {number} failed: {error:#}");
                return Ok(ExitCode::FAILURE);
            }
        };
        let report = SessionReport {
            session: number,
            printed,
            wiped: kiosk.wiped() == Some(true) && folder_is_empty(&places.sessions),
            rss_kib: rss_kib().unwrap_or(0),
            seconds: started.elapsed().as_secs_f64(),
            documents: documents_out,
        };
        let good = report.wiped
            && report.documents.iter().all(|d| d.saved)
            && (printed || args.printer.is_none());
        all_good &= good;
        if args.json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            println!(
                "session {}: {} of {} documents saved, receipt {}, {}, {} KiB resident, {:.1} s",
                report.session,
                report.documents.iter().filter(|d| d.saved).count(),
                report.documents.len(),
                if printed { "printed" } else { "not printed" },
                if report.wiped { "wiped" } else { "NOT wiped" },
                report.rss_kib,
                report.seconds
            );
        }
        kiosk.next_session();
    }
    if args.hold_after_wipe {
        // Whatever arrives is thrown away; only the end of input matters.
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
    }
    Ok(if all_good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The scripted resident.
struct Script<'a> {
    kiosk: &'a mut Kiosk,
    stage: &'a Stage,
}

impl Script<'_> {
    /// One whole session; the documents' outcomes and whether the receipt printed.
    fn session(
        &mut self,
        documents: &[Vec<PathBuf>],
        printer: bool,
    ) -> anyhow::Result<(Vec<DocumentReport>, bool)> {
        self.stage.clear();
        self.tap(Tap::Start);
        self.until("the pairing card to be read", |view| {
            matches!(view.screen, Screen::Scan { .. })
        })?;
        for (index, pages) in documents.iter().enumerate() {
            if index > 0 {
                self.tap(Tap::AddDocument);
            }
            self.document(pages)?;
        }
        self.tap(Tap::Next);
        self.until("the vault's answers", |view| {
            matches!(view.screen, Screen::Send { finished: true, .. })
        })?;
        let Screen::Send { documents, .. } = self.kiosk.view().screen else {
            bail!("the send screen went away");
        };
        let reports: Vec<DocumentReport> = documents.iter().map(|d| self.report(d)).collect();
        self.tap(Tap::Next);
        let printed = if printer {
            self.print_receipt()?
        } else {
            false
        };
        if !matches!(self.kiosk.view().screen, Screen::Done { .. }) {
            self.tap(Tap::Finish);
        }
        self.until("the end of the session", |view| {
            matches!(view.screen, Screen::Done { .. })
        })?;
        let deadline = Instant::now() + STEP_TIMEOUT;
        while self.kiosk.wiped().is_none() {
            if Instant::now() > deadline {
                bail!("timed out waiting for the wipe");
            }
            self.kiosk.wait(POLL);
        }
        Ok((reports, printed))
    }

    /// Lays each page of one document under the camera and waits for it to be taken.
    fn document(&mut self, pages: &[PathBuf]) -> anyhow::Result<()> {
        let mut doc = None;
        for (index, path) in pages.iter().enumerate() {
            if let Some(doc) = doc {
                self.ask_for_page(doc)?;
            }
            let Screen::Scan { target, .. } = self.kiosk.view().screen else {
                bail!("the scan screen is not shown for page {}", index + 1);
            };
            self.stage.show(load(path)?);
            let taken = |view: &View| !matches!(view.screen, Screen::Scan { target: now, .. } if now == target);
            if !self.until_within("a page to be taken", AUTO_CAPTURE_PATIENCE, taken)? {
                // What a resident does when the kiosk does not take the picture: the button.
                self.tap(Tap::CaptureNow);
                self.until("a page to be taken", taken)?;
            }
            self.stage.clear();
            doc = Some(match self.kiosk.view().screen {
                Screen::Scan {
                    target: ScanTarget::BackSide(doc),
                    ..
                } => doc,
                Screen::Review { documents } => match documents.last() {
                    Some(last) => last.id,
                    None => bail!("page {} was not kept", index + 1),
                },
                other => bail!("unexpected screen after a capture: {}", screen_name(&other)),
            });
        }
        if let Screen::Scan {
            target: ScanTarget::BackSide(_),
            ..
        } = self.kiosk.view().screen
        {
            // A card without a second image: no back side.
            self.tap(Tap::Next);
        }
        Ok(())
    }

    /// Gets the scan screen ready for the next page of `doc`: its back side for a card, else
    /// another page.
    fn ask_for_page(&mut self, doc: DocId) -> anyhow::Result<()> {
        let screen = self.kiosk.view().screen;
        match screen {
            Screen::Scan {
                target: ScanTarget::BackSide(_),
                ..
            } => Ok(()),
            Screen::Review { documents } => {
                let Some(document) = documents.iter().find(|d| d.id == doc) else {
                    bail!("the document went away");
                };
                let tap = if is_card(document.class) && !document.has_back() {
                    Tap::AddBackSide { doc }
                } else {
                    Tap::AddPage { doc }
                };
                self.tap(tap);
                Ok(())
            }
            other => bail!("cannot add a page from {}", screen_name(&other)),
        }
    }

    /// Prints the receipt when the receipt screen offers it; whether it printed.
    fn print_receipt(&mut self) -> anyhow::Result<bool> {
        if !matches!(self.kiosk.view().screen, Screen::Receipt { .. }) {
            return Ok(false);
        }
        self.tap(Tap::PrintReceipt);
        self.until("the receipt", |view| match view.screen {
            Screen::Receipt { printing, .. } => !printing,
            Screen::Error { .. } => true,
            _ => false,
        })?;
        match self.kiosk.view().screen {
            Screen::Receipt { .. } => Ok(true),
            _ => {
                // "Continue" without the receipt.
                self.tap(Tap::Next);
                Ok(false)
            }
        }
    }

    fn report(&self, document: &Document) -> DocumentReport {
        DocumentReport {
            name: self
                .kiosk
                .saved_name(document.id)
                .unwrap_or_default()
                .to_owned(),
            class: serde_json::to_value(document.class).unwrap_or_default(),
            pages: document.pages.len(),
            saved: document.send == SendState::Saved,
        }
    }

    fn tap(&mut self, tap: Tap) {
        self.kiosk.handle(Event::Tap(tap));
    }

    /// Waits until `done` holds for the view; fails on an error screen or after the timeout.
    fn until(&mut self, what: &str, done: impl Fn(&View) -> bool) -> anyhow::Result<()> {
        if self.until_within(what, STEP_TIMEOUT, done)? {
            Ok(())
        } else {
            bail!("timed out waiting for {what}")
        }
    }

    /// Waits at most `limit` until `done` holds for the view (false when it did not); fails on
    /// an error screen.
    fn until_within(
        &mut self,
        what: &str,
        limit: Duration,
        done: impl Fn(&View) -> bool,
    ) -> anyhow::Result<bool> {
        let deadline = Instant::now() + limit;
        loop {
            let view = self.kiosk.view();
            if done(&view) {
                return Ok(true);
            }
            if let Screen::Error { kind, .. } = view.screen {
                bail!("waiting for {what}, the kiosk showed an error: {kind:?}");
            }
            if matches!(view.screen, Screen::Keypad { .. }) {
                bail!("waiting for {what}, the vault link asked for a password");
            }
            if matches!(view.screen, Screen::Done { .. }) {
                bail!("waiting for {what}, the session ended");
            }
            if Instant::now() > deadline {
                return Ok(false);
            }
            self.kiosk.wait(POLL);
        }
    }
}

/// A screen's name for error messages (no document data).
fn screen_name(screen: &Screen) -> &'static str {
    match screen {
        Screen::Welcome => "welcome",
        Screen::Pair => "pair",
        Screen::Keypad { .. } => "keypad",
        Screen::PhoneApproval { .. } => "phone approval",
        Screen::Scan { .. } => "scan",
        Screen::Review { .. } => "review",
        Screen::Send { .. } => "send",
        Screen::Receipt { .. } => "receipt",
        Screen::Done { .. } => "done",
        Screen::Error { .. } => "error",
    }
}

/// The documents under `dir`: each subfolder's images, or a lone image, in name order.
fn documents_in(dir: &Path) -> anyhow::Result<Vec<Vec<PathBuf>>> {
    let mut documents = Vec::new();
    for entry in sorted_entries(dir)? {
        if entry.is_dir() {
            let pages: Vec<PathBuf> = sorted_entries(&entry)?
                .into_iter()
                .filter(|p| is_image(p))
                .collect();
            if !pages.is_empty() {
                documents.push(pages);
            }
        } else if is_image(&entry) {
            documents.push(vec![entry]);
        }
    }
    Ok(documents)
}

fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort();
    Ok(entries)
}

fn is_image(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn load(path: &Path) -> anyhow::Result<RgbImage> {
    Ok(scanner::input::load_image(path)
        .with_context(|| format!("reading {}", path.display()))?
        .to_rgb8())
}

/// Whether `dir` holds nothing (or does not exist).
fn folder_is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_none())
}

/// The process's resident set size, from `/proc/self/status`.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
