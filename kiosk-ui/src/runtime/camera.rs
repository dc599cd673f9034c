//! The camera worker: one thread that reads frames and turns them into what the session needs.
//!
//! ```text
//! FrameSource ─▶ frame ─┬─ ReadQr:    scanner::qr ─▶ Report::Qr (then pauses)
//!                       ├─ FindPages: scanner::detect ─▶ Report::Guidance, auto-capture
//!                       │             ─▶ Report::Captured, as a JPEG (then pauses)
//!                       └─ preview (≤ 640 px wide, with the page outline) for the screens
//! ```
//!
//! After a code or a page is handed over, the worker pauses until the kiosk sets the mode again
//! (it does so once the session has taken the report), so a code is not read twice while the
//! vault is being asked about it, and a page is not captured twice. A page is captured again
//! only after the scene changed — the page was lifted, turned over or replaced — so a card
//! left on the table does not become its own back side, nor the pairing card a page.
//!
//! When the source fails, the worker reports the camera lost and keeps asking, even with the
//! camera off, until a frame comes back (on the kiosk the source opens an unplugged camera
//! again once it is back: `scanner::camera::Reconnecting`). A frame that cannot be decoded is
//! skipped; only a run of them counts as a lost camera.
//!
//! The worker tells the source what it is doing through a thread-local [`Cue`]: a real camera
//! ignores it; the [`StagedCamera`](super::StagedCamera) of demos and headless runs uses it to
//! show the pairing card while pairing and the next page after each capture.

use std::cell::Cell;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbImage};
use scanner::camera::{CameraError, FrameSource};
use scanner::detect::{AutoCapture, CaptureDecision, CaptureLimits, NotReady};

use super::Report;
use super::captured::CapturedPage;
use crate::session::{CameraMode, Guidance, SecretText};

/// Widest preview handed to the screens.
const PREVIEW_WIDTH: u32 = 640;
/// Pause between two attempts to get a frame from a camera that failed.
const RETRY_PAUSE: Duration = Duration::from_millis(500);
/// Side of the tiny picture that tells whether the scene changed since the last capture.
const SIGNATURE_SIDE: u32 = 16;
/// Mean grey-level difference between two signatures that counts as a changed scene.
const SCENE_CHANGE: f32 = 6.0;
/// Undecodable frames in a row that count as a lost camera (a few seconds of frames): one
/// damaged frame is skipped, a camera sending only garbage is reported.
const BAD_FRAMES_LOST: u32 = 25;

/// The latest camera picture for the pair and scan screens.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The picture, at most 640 pixels wide.
    pub image: RgbImage,
    /// The detected page outline in `image` pixels (clockwise from top-left), while scanning.
    pub outline: Option<[(f32, f32); 4]>,
}

/// What the camera worker is doing, as its source may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// What the worker looks for.
    pub mode: CameraMode,
    /// Pages captured since the worker started.
    pub captures: u64,
}

thread_local! {
    static CUE: Cell<Cue> = const { Cell::new(Cue { mode: CameraMode::Off, captures: 0 }) };
}

/// What the camera worker is doing right now; read by a source from inside `next_frame`.
pub fn cue() -> Cue {
    CUE.with(Cell::get)
}

/// What the kiosk tells the worker.
enum Control {
    /// Look for this (also ends a pause).
    Mode(CameraMode),
    /// Capture the next frame whatever the detector says (the shutter button).
    CaptureNow,
}

/// The handle the kiosk keeps on its camera worker.
pub(super) struct CameraWorker {
    control: Option<Sender<Control>>,
    preview: Arc<Mutex<Option<Preview>>>,
    thread: Option<JoinHandle<()>>,
}

impl CameraWorker {
    /// Starts the worker on its own thread; it reports to `reports`.
    pub fn start(
        source: Box<dyn FrameSource + Send>,
        reports: Sender<Report>,
    ) -> std::io::Result<Self> {
        let (control, commands) = mpsc::channel();
        let preview = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&preview);
        let thread = std::thread::Builder::new()
            .name("camera".into())
            .spawn(move || {
                Loop {
                    source,
                    commands,
                    reports,
                    preview: shared,
                    mode: CameraMode::Off,
                    paused: false,
                    lost: false,
                    bad_frames: 0,
                    capture_now: false,
                    auto: AutoCapture::new(CaptureLimits::default()),
                    guidance: None,
                    armed: true,
                    captured: None,
                    captures: 0,
                }
                .run()
            })?;
        Ok(Self {
            control: Some(control),
            preview,
            thread: Some(thread),
        })
    }

    /// Switches the worker to `mode`, ending any pause.
    pub fn set_mode(&self, mode: CameraMode) {
        self.send(Control::Mode(mode));
    }

    /// Takes the next frame as a page (the shutter button).
    pub fn capture_now(&self) {
        self.send(Control::CaptureNow);
    }

    /// The latest preview, if the camera is on.
    pub fn preview(&self) -> Option<Preview> {
        self.preview
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn send(&self, control: Control) {
        if let Some(sender) = &self.control {
            // A worker that is gone has reported why; there is nobody left to tell.
            let _ = sender.send(control);
        }
    }
}

impl Drop for CameraWorker {
    fn drop(&mut self) {
        // Closing the channel ends the loop at its next look at it.
        self.control = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The worker's state.
struct Loop {
    source: Box<dyn FrameSource + Send>,
    commands: Receiver<Control>,
    reports: Sender<Report>,
    preview: Arc<Mutex<Option<Preview>>>,
    mode: CameraMode,
    /// A code or page was handed over; waiting for the kiosk to set the mode again.
    paused: bool,
    /// The source failed and has not given a frame since.
    lost: bool,
    /// Undecodable frames since the last good one.
    bad_frames: u32,
    capture_now: bool,
    auto: AutoCapture,
    /// The last guidance reported (only changes are reported).
    guidance: Option<Guidance>,
    /// Whether the scene changed since the last capture.
    armed: bool,
    /// The signature of the last captured frame (or of the frame the pairing code was read in).
    captured: Option<GrayImage>,
    captures: u64,
}

impl Loop {
    fn run(mut self) {
        loop {
            let idle = self.mode == CameraMode::Off || self.paused;
            let control = if self.lost {
                match self.commands.recv_timeout(RETRY_PAUSE) {
                    Ok(control) => Some(control),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else if idle {
                match self.commands.recv() {
                    Ok(control) => Some(control),
                    Err(_) => return,
                }
            } else {
                match self.commands.try_recv() {
                    Ok(control) => Some(control),
                    Err(mpsc::TryRecvError::Empty) => None,
                    Err(mpsc::TryRecvError::Disconnected) => return,
                }
            };
            if let Some(control) = control {
                self.apply(control);
                continue;
            }
            CUE.with(|cue| {
                cue.set(Cue {
                    mode: self.mode,
                    captures: self.captures,
                })
            });
            match self.source.next_frame() {
                Ok(frame) => {
                    self.bad_frames = 0;
                    if self.lost {
                        self.lost = false;
                        self.report(Report::CameraBack);
                    }
                    if !(self.mode == CameraMode::Off || self.paused) {
                        self.look(frame);
                    }
                }
                Err(error) => self.failed(&error),
            }
        }
    }

    fn apply(&mut self, control: Control) {
        match control {
            Control::Mode(mode) => {
                if mode != self.mode {
                    self.guidance = None;
                    self.set_preview(None);
                }
                self.mode = mode;
                self.paused = false;
                self.auto.reset();
            }
            Control::CaptureNow => self.capture_now = true,
        }
    }

    fn failed(&mut self, error: &CameraError) {
        if let CameraError::Decode(_) = error {
            self.bad_frames += 1;
            if self.bad_frames < BAD_FRAMES_LOST {
                return;
            }
        }
        if !self.lost {
            self.lost = true;
            self.set_preview(None);
            // The error kind only: a device name is not personal, but a path might be.
            eprintln!("kiosk: camera lost ({})", error_kind(error));
            self.report(Report::CameraLost);
        }
    }

    fn look(&mut self, frame: RgbImage) {
        match self.mode {
            CameraMode::ReadQr => {
                self.set_preview(Some(preview_of(&frame, None)));
                if let Some(code) = scanner::qr::read_codes(&frame).into_iter().next() {
                    self.paused = true;
                    // The card counts as the last capture: a resident who leaves it under the
                    // camera when the scan starts does not get it taken as a page.
                    self.armed = false;
                    self.captured = Some(signature(&imageops::grayscale(&frame)));
                    self.report(Report::Qr(SecretText::new(code)));
                }
            }
            CameraMode::FindPages => self.find_page(frame),
            CameraMode::Off => {}
        }
    }

    fn find_page(&mut self, frame: RgbImage) {
        let grey = imageops::grayscale(&frame);
        let (detection, decision) = self.auto.observe(&grey);
        let scale = preview_scale(frame.width());
        let outline = detection
            .quad
            .map(|quad| quad.corners.map(|p| (p.x * scale, p.y * scale)));
        self.set_preview(Some(preview_of(&frame, outline)));
        let signature = signature(&grey);
        if !self.armed {
            let changed = self
                .captured
                .as_ref()
                .is_none_or(|before| difference(before, &signature) > SCENE_CHANGE);
            self.armed = changed || decision == CaptureDecision::NotYet(NotReady::NoPage);
        }
        let ready = self.armed && decision == CaptureDecision::Ready;
        let guidance = if ready {
            Guidance::Capturing
        } else {
            guidance_for(decision)
        };
        if self.guidance != Some(guidance) {
            self.guidance = Some(guidance);
            self.report(Report::Guidance(guidance));
        }
        if ready || std::mem::take(&mut self.capture_now) {
            self.paused = true;
            self.armed = false;
            self.captured = Some(signature);
            self.captures += 1;
            self.auto.reset();
            match CapturedPage::take(frame) {
                Ok(page) => self.report(Report::Captured(page)),
                Err(_) => {
                    eprintln!("kiosk: page not encoded");
                    self.report(Report::StorageFailed);
                }
            }
        }
    }

    fn set_preview(&self, preview: Option<Preview>) {
        *self.preview.lock().unwrap_or_else(PoisonError::into_inner) = preview;
    }

    fn report(&self, report: Report) {
        // The kiosk gone means the process is ending; nothing to do with the report.
        let _ = self.reports.send(report);
    }
}

/// The guidance the resident sees for a capture decision.
fn guidance_for(decision: CaptureDecision) -> Guidance {
    match decision {
        CaptureDecision::Ready => Guidance::Capturing,
        CaptureDecision::NotYet(NotReady::NoPage) => Guidance::NoPage,
        CaptureDecision::NotYet(NotReady::TooFar) => Guidance::Closer,
        CaptureDecision::NotYet(NotReady::Blurry | NotReady::Moving) => Guidance::HoldStill,
        CaptureDecision::NotYet(NotReady::Glare) => Guidance::Glare,
        CaptureDecision::NotYet(NotReady::CutOff) => Guidance::CutOff,
    }
}

/// How much the preview shrinks a frame `width` pixels wide.
fn preview_scale(width: u32) -> f32 {
    if width > PREVIEW_WIDTH {
        PREVIEW_WIDTH as f32 / width as f32
    } else {
        1.0
    }
}

/// The preview of `frame`: at most [`PREVIEW_WIDTH`] wide.
fn preview_of(frame: &RgbImage, outline: Option<[(f32, f32); 4]>) -> Preview {
    let scale = preview_scale(frame.width());
    let image = if scale < 1.0 {
        let height = ((frame.height() as f32 * scale).round() as u32).max(1);
        imageops::thumbnail(frame, PREVIEW_WIDTH, height)
    } else {
        frame.clone()
    };
    Preview { image, outline }
}

/// A tiny, blurred picture of the scene, to tell a new page from the one just captured.
fn signature(grey: &GrayImage) -> GrayImage {
    scanner::resample::resize(grey, SIGNATURE_SIDE, SIGNATURE_SIDE, FilterType::Triangle)
}

/// Mean absolute grey-level difference between two signatures.
fn difference(a: &GrayImage, b: &GrayImage) -> f32 {
    let total: u32 = a
        .iter()
        .zip(b.iter())
        .map(|(x, y)| u32::from(x.abs_diff(*y)))
        .sum();
    total as f32 / a.len().max(1) as f32
}

/// A short, non-personal name for a camera error.
fn error_kind(error: &CameraError) -> &'static str {
    match error {
        CameraError::NotFound => "not_found",
        CameraError::Disconnected(_) => "disconnected",
        CameraError::NoUsableFormat => "no_usable_format",
        CameraError::Decode(_) => "decode",
        CameraError::Exhausted => "exhausted",
        CameraError::Replay(_) => "replay",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;

    /// A camera that plays a script of frames and failures, then gives frames for good.
    struct Scripted(VecDeque<Option<CameraError>>);

    impl FrameSource for Scripted {
        fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
            match self.0.pop_front().flatten() {
                Some(error) => Err(error),
                None => Ok(RgbImage::new(64, 48)),
            }
        }

        fn describe(&self) -> String {
            "scripted camera".into()
        }
    }

    /// The lost/back reports of a worker reading QR codes from `script`, in order: waits for
    /// the camera to come back `comebacks` times, then stops the worker and collects the rest.
    fn losses_and_returns(script: Vec<Option<CameraError>>, comebacks: usize) -> Vec<&'static str> {
        let (reports, received) = mpsc::channel();
        let worker = CameraWorker::start(Box::new(Scripted(script.into())), reports).unwrap();
        worker.set_mode(CameraMode::ReadQr);
        let mut seen = Vec::new();
        let mut name = |report| match report {
            Report::CameraLost => Some("lost"),
            Report::CameraBack => Some("back"),
            _ => None,
        };
        while seen.iter().filter(|r| **r == "back").count() < comebacks {
            let report = received
                .recv_timeout(Duration::from_secs(30))
                .expect("the worker reports the camera back");
            seen.extend(name(report));
        }
        drop(worker);
        seen.extend(received.try_iter().filter_map(&mut name));
        seen
    }

    #[test]
    fn an_unplugged_camera_is_reported_lost_once_then_back() {
        let script = vec![
            None,
            Some(CameraError::Disconnected("no such device".into())),
            Some(CameraError::NotFound),
            Some(CameraError::NotFound),
        ];
        assert_eq!(losses_and_returns(script, 1), ["lost", "back"]);
    }

    #[test]
    fn a_damaged_frame_is_skipped_but_a_stream_of_them_is_a_lost_camera() {
        let damaged = || Some(CameraError::Decode("truncated".into()));
        let mut script = vec![None, damaged(), None];
        script.extend((0..BAD_FRAMES_LOST).map(|_| damaged()));
        assert_eq!(losses_and_returns(script, 1), ["lost", "back"]);
    }
}
