//! The one way a session ends.
//!
//! Finish, cancel, the inactivity countdown, the hard cap and faults all call
//! [`Session::end`], so they all emit the same sequence, in this order:
//! 1. stop waiting for a phone approval still pending, and close the camera;
//! 2. revoke the phone-approval credential, if there is one — before the wipe, while the
//!    credential still exists;
//! 3. record the anonymous summary (end reason, classes of the saved documents, failure kinds);
//! 4. [`Command::Wipe`], always last.
//!
//! Then the session drops every secret it holds (the [`SecretText`](super::SecretText)s zero
//! themselves) and shows "Done". Crashes, kills and power loss cannot run this code; the
//! boot-time wipe in [`wipe`](super::wipe) covers them.

use super::commands::{CameraMode, Command, VaultAccess};
use super::documents::Documents;
use super::outcome::{EndReason, SessionSummary};
use super::{Session, Step};

impl Session {
    /// Ends the session for `reason`: revocation, summary, wipe; then forgets everything.
    pub(super) fn end(&mut self, reason: EndReason, out: &mut Vec<Command>) {
        if matches!(self.step, Step::PhoneApproval { .. }) {
            out.push(Command::CancelPhoneApproval);
        }
        if self.camera != CameraMode::Off {
            self.camera = CameraMode::Off;
            out.push(Command::Camera(CameraMode::Off));
        }
        if let Some(VaultAccess::Phone { credential }) = self.access.take() {
            out.push(Command::RevokeCredential(credential));
        }
        out.push(Command::Record(SessionSummary {
            reason,
            saved: self.docs.saved_classes(),
            failures: std::mem::take(&mut self.failures),
        }));
        out.push(Command::Wipe);
        self.access = None;
        self.docs = Documents::default();
        self.step = Step::Done(reason);
    }
}
