//! Errors the resident can recover from, and the camera coming and going.
//!
//! Each error screen offers one way forward besides "Cancel": wait for the camera to come back
//! (the screen then returns to where it was, by itself), try pairing again, or continue without
//! the failed print. Never a dead end, never a technical message: the UI words each
//! [`ErrorKind`] for people, in their language.

use super::commands::{CameraMode, Command};
use super::events::{Event, Tap};
use super::outcome::Failure;
use super::screen::{ErrorKind, WayForward};
use super::{Session, Step};

/// The way forward an error screen offers.
pub(super) fn way_forward(kind: ErrorKind) -> WayForward {
    match kind {
        ErrorKind::CameraLost => WayForward::Wait,
        ErrorKind::PairingRefused(_)
        | ErrorKind::PasswordTriesExhausted
        | ErrorKind::PhoneApprovalExpired => WayForward::TryAgain,
        ErrorKind::Printer(_) => WayForward::Continue,
    }
}

/// What the camera loop should do for this step.
fn camera_mode(step: &Step) -> CameraMode {
    match step {
        Step::Pair => CameraMode::ReadQr,
        Step::Scan { .. } => CameraMode::FindPages,
        Step::Error {
            kind: ErrorKind::CameraLost,
            resume: Some(resume),
        } => camera_mode(resume),
        _ => CameraMode::Off,
    }
}

impl Session {
    /// The error screen's way forward.
    pub(super) fn on_error(&mut self, event: Event) {
        let Step::Error { kind, resume } = &mut self.step else {
            return;
        };
        match (way_forward(*kind), event) {
            (WayForward::TryAgain, Event::Tap(Tap::TryAgain)) => self.step = Step::Pair,
            (WayForward::Continue, Event::Tap(Tap::Next)) => {
                if let Some(resume) = resume.take() {
                    self.step = *resume;
                }
            }
            _ => {}
        }
    }

    /// The camera stopped answering: screens that need it give way to the camera error.
    pub(super) fn on_camera_lost(&mut self) {
        if self.camera_ok {
            self.camera_ok = false;
            self.failures.push(Failure::CameraLost);
        }
    }

    /// The camera answers again: the camera error returns to where it was.
    pub(super) fn on_camera_back(&mut self) {
        self.camera_ok = true;
        if let Step::Error {
            kind: ErrorKind::CameraLost,
            resume,
        } = &mut self.step
            && let Some(resume) = resume.take()
        {
            self.step = *resume;
        }
    }

    /// After each event: show the camera error where the camera is needed and missing, and
    /// tell the camera loop when its mode changes.
    pub(super) fn sync_camera(&mut self, out: &mut Vec<Command>) {
        let needs_camera =
            !matches!(self.step, Step::Error { .. }) && camera_mode(&self.step) != CameraMode::Off;
        if needs_camera && !self.camera_ok {
            let resume = std::mem::replace(&mut self.step, Step::Pair);
            self.step = Step::Error {
                kind: ErrorKind::CameraLost,
                resume: Some(Box::new(resume)),
            };
        }
        let wanted = camera_mode(&self.step);
        if wanted != self.camera {
            self.camera = wanted;
            out.push(Command::Camera(wanted));
        }
    }
}
