//! Pairing: the QR code, the password keypad, and phone approval.
//!
//! The QR payload stays opaque: the vault module classifies it and the session only follows
//! the outcome. A link that needs a password waits on the keypad, inside the keypad step, so
//! leaving the keypad drops (and zeroes) both link and typed text. The keypad allows
//! [`SessionSettings::password_tries`](super::SessionSettings) wrong answers, then the resident
//! starts pairing again. A phone approval ends in a credential that the session remembers to
//! revoke.

use super::commands::{Command, VaultAccess};
use super::events::{Event, PairingOutcome, PasswordVerdict, Tap};
use super::outcome::{EndReason, Failure};
use super::screen::{ErrorKind, ScanTarget};
use super::secret::SecretText;
use super::{Session, Step};

/// The longest password the keypad accepts, in bytes; its buffer is reserved up front.
pub(super) const MAX_PASSWORD_BYTES: usize = 128;

impl Session {
    /// The pairing screen: a QR code, phone approval, or back (which ends the session).
    pub(super) fn on_pair(&mut self, event: Event, out: &mut Vec<Command>) {
        match event {
            Event::QrDecoded { payload, outcome } => match outcome {
                PairingOutcome::Accepted => self.paired(VaultAccess::Link {
                    link: payload,
                    password: None,
                }),
                PairingOutcome::NeedsPassword => {
                    self.step = Step::Keypad {
                        link: payload,
                        typed: SecretText::with_capacity(MAX_PASSWORD_BYTES),
                        tries_left: self.settings.password_tries.max(1),
                        checking: false,
                    }
                }
                PairingOutcome::Refused(reason) => {
                    self.failures.push(Failure::PairingRefused(reason));
                    self.step = Step::Error {
                        kind: ErrorKind::PairingRefused(reason),
                        resume: None,
                    };
                }
            },
            Event::Tap(Tap::PhoneApproval) => {
                self.step = Step::PhoneApproval { login: None };
                out.push(Command::RequestPhoneApproval);
            }
            Event::Tap(Tap::Back) => self.end(EndReason::Cancelled, out),
            _ => {}
        }
    }

    /// The keypad: type, erase, submit, and the vault's verdict.
    pub(super) fn on_keypad(&mut self, event: Event, out: &mut Vec<Command>) {
        let Step::Keypad {
            link,
            typed,
            tries_left,
            checking,
        } = &mut self.step
        else {
            return;
        };
        match event {
            Event::Tap(Tap::Key(c)) if !*checking && !c.is_control() => {
                typed.push_within_capacity(c);
            }
            Event::Tap(Tap::Erase) if !*checking => typed.pop(),
            Event::Tap(Tap::Submit) if !*checking && !typed.is_empty() => {
                *checking = true;
                out.push(Command::CheckPassword {
                    link: link.clone(),
                    password: typed.clone(),
                });
            }
            Event::PasswordChecked(PasswordVerdict::Accepted) if *checking => {
                let Step::Keypad { link, typed, .. } =
                    std::mem::replace(&mut self.step, Step::Pair)
                else {
                    return;
                };
                self.paired(VaultAccess::Link {
                    link,
                    password: Some(typed),
                });
            }
            Event::PasswordChecked(PasswordVerdict::Wrong) if *checking => {
                *checking = false;
                *tries_left = tries_left.saturating_sub(1);
                *typed = SecretText::with_capacity(MAX_PASSWORD_BYTES);
                if *tries_left == 0 {
                    self.failures.push(Failure::PasswordTriesExhausted);
                    self.step = Step::Error {
                        kind: ErrorKind::PasswordTriesExhausted,
                        resume: None,
                    };
                }
            }
            Event::PasswordChecked(PasswordVerdict::Refused(reason)) if *checking => {
                self.failures.push(Failure::PairingRefused(reason));
                self.step = Step::Error {
                    kind: ErrorKind::PairingRefused(reason),
                    resume: None,
                };
            }
            Event::Tap(Tap::Back) => self.step = Step::Pair,
            _ => {}
        }
    }

    /// Phone approval: show the login code, then take the credential or the expiry.
    pub(super) fn on_phone_approval(&mut self, event: Event, out: &mut Vec<Command>) {
        match event {
            Event::PhoneApprovalRequested { login } => {
                self.step = Step::PhoneApproval { login: Some(login) }
            }
            Event::PhoneApprovalGranted { credential } => {
                self.paired(VaultAccess::Phone { credential })
            }
            Event::PhoneApprovalExpired => {
                self.failures.push(Failure::PhoneApprovalExpired);
                self.step = Step::Error {
                    kind: ErrorKind::PhoneApprovalExpired,
                    resume: None,
                };
            }
            Event::Tap(Tap::Back) => {
                out.push(Command::CancelPhoneApproval);
                self.step = Step::Pair;
            }
            _ => {}
        }
    }

    /// The vault is reachable: on to the first page.
    fn paired(&mut self, access: VaultAccess) {
        self.access = Some(access);
        self.step = Step::Scan {
            target: ScanTarget::NewDocument,
            guidance: Default::default(),
        };
    }
}
