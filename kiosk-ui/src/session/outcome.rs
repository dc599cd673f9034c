//! How a session ended and what went wrong in it, as anonymous kinds.
//!
//! These are what leaves a session for the technician's counters and event log: an end reason,
//! the classes of the documents the vault confirmed, and failure kinds. None of them can carry
//! text from the resident; each has a stable code used as its name in the store.

use scanner::classify::DocClass;

use super::events::{FaultKind, PrinterProblem, RefusalReason, UploadFailure};

/// Why a session ended. Every reason ends in the same wipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// The resident tapped "Finish".
    Finished,
    /// The resident tapped "Cancel" (or "Back" on the first screen).
    Cancelled,
    /// Nobody touched the screen through the idle time and the countdown.
    Inactivity,
    /// The session reached its hard time limit.
    TimeLimit,
    /// Something broke that the session cannot recover from.
    Fault,
}

impl EndReason {
    /// Every reason, in a fixed order (for stores and reports).
    pub const ALL: [EndReason; 5] = [
        EndReason::Finished,
        EndReason::Cancelled,
        EndReason::Inactivity,
        EndReason::TimeLimit,
        EndReason::Fault,
    ];

    /// A stable code naming this reason in the store.
    pub fn code(self) -> &'static str {
        match self {
            EndReason::Finished => "finished",
            EndReason::Cancelled => "cancelled",
            EndReason::Inactivity => "inactivity",
            EndReason::TimeLimit => "time_limit",
            EndReason::Fault => "fault",
        }
    }
}

/// Something that went wrong during a session, by kind only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failure {
    /// The camera stopped answering.
    CameraLost,
    /// The code shown was refused.
    PairingRefused(RefusalReason),
    /// The keypad's tries were used up.
    PasswordTriesExhausted,
    /// The phone approval was not granted in time.
    PhoneApprovalExpired,
    /// A document could not be delivered.
    Upload(UploadFailure),
    /// A print job failed.
    Print(PrinterProblem),
    /// An unrecoverable fault ended the session.
    Fault(FaultKind),
}

impl Failure {
    /// A stable code naming this failure in the store.
    pub fn code(self) -> &'static str {
        match self {
            Failure::CameraLost => "camera_lost",
            Failure::PairingRefused(RefusalReason::NotAVaultLink) => "pairing_not_a_vault_link",
            Failure::PairingRefused(RefusalReason::NotAllowedHere) => "pairing_not_allowed_here",
            Failure::PairingRefused(RefusalReason::LinkNotWorking) => "pairing_link_not_working",
            Failure::PairingRefused(RefusalReason::VaultUnreachable) => "pairing_vault_unreachable",
            Failure::PasswordTriesExhausted => "password_tries_exhausted",
            Failure::PhoneApprovalExpired => "phone_approval_expired",
            Failure::Upload(UploadFailure::Network) => "upload_network",
            Failure::Upload(UploadFailure::Refused) => "upload_refused",
            Failure::Upload(UploadFailure::VaultFull) => "upload_vault_full",
            Failure::Upload(UploadFailure::Unexpected) => "upload_unexpected",
            Failure::Print(PrinterProblem::NoPrinter) => "print_no_printer",
            Failure::Print(PrinterProblem::Offline) => "print_offline",
            Failure::Print(PrinterProblem::OutOfPaper) => "print_out_of_paper",
            Failure::Print(PrinterProblem::Jammed) => "print_jammed",
            Failure::Print(PrinterProblem::Failed) => "print_failed",
            Failure::Fault(FaultKind::Storage) => "fault_storage",
            Failure::Fault(FaultKind::Worker) => "fault_worker",
        }
    }
}

/// What a finished session leaves behind: kinds and counts, nothing of the resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// Why it ended.
    pub reason: EndReason,
    /// The class of every document the vault confirmed, one entry per document.
    pub saved: Vec<DocClass>,
    /// Everything that went wrong, in order.
    pub failures: Vec<Failure>,
}
