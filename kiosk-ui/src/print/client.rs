//! The IPP client: send a PDF to a print queue, follow the job, read the printer's state.
//!
//! The `ipp` crate builds and parses the protocol; this module adds what a kiosk needs around
//! it. Every request has a time limit, and [`Printer::print`] follows its job only up to a
//! deadline: the session never waits on a printer for long. A job that has not come out by
//! then is cancelled, so that a resident's copies cannot come out later into the
//! hands of the next person; the error carries the printer's state to explain why (out of
//! paper, jammed, offline). Jobs carry a fixed title and the kiosk's account name
//! ([`super::owner`]), never a document's name.

use std::time::Duration;

use ipp::prelude::*;
use thiserror::Error;
use tokio::time::{Instant, sleep, timeout};

use super::owner::job_owner;
use super::state::PrinterState;

/// How long one IPP request may take before it counts as failed.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// First pause between two looks at a job's state; it grows to [`POLL_MAX`].
const POLL_START: Duration = Duration::from_millis(100);
/// Longest pause between two looks at a job's state.
const POLL_MAX: Duration = Duration::from_secs(1);

/// Why something could not be printed or the printer not be read.
#[derive(Debug, Error)]
pub enum PrintError {
    /// The printer URI from the configuration is not a valid `ipp://` or `http://` URI.
    #[error("the printer URI is not valid: {0}")]
    InvalidUri(String),
    /// CUPS (or the printer) could not be reached, or broke off the exchange.
    #[error("the print server cannot be reached: {0}")]
    Unreachable(String),
    /// A request got no answer in time.
    #[error("the print server did not answer in time")]
    Timeout,
    /// The server does not know this queue.
    #[error("no such printer queue")]
    NoSuchPrinter,
    /// The server refused the request; the IPP status, for technicians.
    #[error("the print server refused the request: {0}")]
    Refused(String),
    /// The server's answer lacks something it must hold (a job id, a state).
    #[error("the print server's answer lacks {0}")]
    BadResponse(&'static str),
    /// The job was cancelled or aborted by the printer or an operator.
    #[error("the job ended without printing ({0:?})")]
    JobFailed(JobState),
    /// The job had not printed by the deadline, so it was cancelled; the printer's state
    /// says why, when it could be read.
    #[error("the job did not print in time (printer: {0:?})")]
    NotPrinted(Option<PrinterState>),
}

/// What a job is, which also sets its fixed title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// The session's receipt.
    Receipt,
    /// A paper copy of a scanned document.
    Copy,
}

impl JobKind {
    fn title(self) -> &'static str {
        match self {
            JobKind::Receipt => "kiosk-receipt",
            JobKind::Copy => "kiosk-copy",
        }
    }
}

/// A job's number on its queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobId(pub i32);

/// Where a job stands (IPP `job-state`, RFC 8011 §5.3.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Waiting in the queue.
    Pending,
    /// Held in the queue until released.
    Held,
    /// Printing.
    Processing,
    /// Printing but stopped, usually by a printer fault.
    Stopped,
    /// Cancelled by someone.
    Canceled,
    /// Aborted by the system.
    Aborted,
    /// Printed.
    Completed,
}

impl JobState {
    fn from_ipp(value: i32) -> Option<Self> {
        Some(match value {
            3 => JobState::Pending,
            4 => JobState::Held,
            5 => JobState::Processing,
            6 => JobState::Stopped,
            7 => JobState::Canceled,
            8 => JobState::Aborted,
            9 => JobState::Completed,
            _ => return None,
        })
    }

    /// Whether the job has ended, printed or not.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Canceled | JobState::Aborted | JobState::Completed
        )
    }
}

/// One print queue, reached over IPP.
pub struct Printer {
    uri: Uri,
    client: AsyncIppClient,
}

impl std::fmt::Debug for Printer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Printer").field("uri", &self.uri).finish()
    }
}

impl Printer {
    /// A printer at `uri`, such as `ipp://localhost:631/printers/PDF`.
    pub fn new(uri: &str) -> Result<Self, PrintError> {
        let parsed: Uri = uri
            .parse()
            .map_err(|e| PrintError::InvalidUri(format!("{e}")))?;
        match (parsed.scheme_str(), parsed.host()) {
            (Some("ipp" | "ipps" | "http" | "https"), Some(_)) => {}
            _ => {
                return Err(PrintError::InvalidUri(
                    "expected ipp://host/printers/NAME".into(),
                ));
            }
        }
        let client = AsyncIppClient::builder(parsed.clone())
            .request_timeout(REQUEST_TIMEOUT)
            .build();
        Ok(Printer {
            uri: parsed,
            client,
        })
    }

    /// The printer's state, reduced for the screens (Get-Printer-Attributes).
    pub async fn state(&self) -> Result<PrinterState, PrintError> {
        let operation = IppOperationBuilder::get_printer_attributes(self.uri.clone())
            .attributes([
                "printer-state",
                "printer-state-reasons",
                "printer-is-accepting-jobs",
            ])
            .build()
            .map_err(|e| PrintError::InvalidUri(e.to_string()))?;
        let response = self.send(operation).await?;
        let group = response
            .attributes()
            .groups_of(DelimiterTag::PrinterAttributes)
            .next()
            .ok_or(PrintError::BadResponse("printer attributes"))?;
        let state = match group.get("printer-state").map(IppAttribute::value) {
            Some(IppValue::Enum(value) | IppValue::Integer(value)) => *value,
            _ => return Err(PrintError::BadResponse("printer-state")),
        };
        let reasons = group
            .get("printer-state-reasons")
            .map_or_else(Vec::new, |a| keywords(a.value()));
        let accepting = !matches!(
            group
                .get("printer-is-accepting-jobs")
                .map(IppAttribute::value),
            Some(IppValue::Boolean(false))
        );
        let reduced = PrinterState::from_ipp(state, &reasons);
        // A queue that refuses jobs prints nothing, whatever the device says.
        Ok(if !accepting && reduced.can_print() {
            PrinterState::Offline
        } else {
            reduced
        })
    }

    /// Queues a PDF (Print-Job) and returns the job's number without waiting for it to print.
    pub async fn submit(&self, pdf: Vec<u8>, kind: JobKind) -> Result<JobId, PrintError> {
        let operation = IppOperationBuilder::print_job(
            self.uri.clone(),
            IppPayload::new(std::io::Cursor::new(pdf)),
        )
        .user_name(job_owner())
        .job_title(kind.title())
        .document_format("application/pdf")
        .build()
        .map_err(|e| PrintError::InvalidUri(e.to_string()))?;
        let response = self.send(operation).await?;
        let job = response
            .attributes()
            .groups_of(DelimiterTag::JobAttributes)
            .find_map(|group| match group.get("job-id").map(IppAttribute::value) {
                Some(IppValue::Integer(id)) => Some(JobId(*id)),
                _ => None,
            })
            .ok_or(PrintError::BadResponse("job-id"))?;
        Ok(job)
    }

    /// Where a job stands (Get-Job-Attributes).
    pub async fn job_state(&self, job: JobId) -> Result<JobState, PrintError> {
        let operation = IppOperationBuilder::get_job_attributes(self.uri.clone(), job.0)
            .user_name(job_owner())
            .build()
            .map_err(|e| PrintError::InvalidUri(e.to_string()))?;
        let response = self.send(operation).await?;
        response
            .attributes()
            .groups_of(DelimiterTag::JobAttributes)
            .find_map(
                |group| match group.get("job-state").map(IppAttribute::value) {
                    Some(IppValue::Enum(value) | IppValue::Integer(value)) => {
                        JobState::from_ipp(*value)
                    }
                    _ => None,
                },
            )
            .ok_or(PrintError::BadResponse("job-state"))
    }

    /// Cancels a job that has not ended (Cancel-Job), as its owner.
    pub async fn cancel(&self, job: JobId) -> Result<(), PrintError> {
        let mut request = IppRequestResponse::new(
            IppVersion::v1_1(),
            Operation::CancelJob,
            Some(self.uri.clone()),
        )
        .map_err(|e| PrintError::InvalidUri(e.to_string()))?;
        let user = IppValue::new_name_without_language(job_owner());
        for (name, value) in [
            ("job-id", Ok(IppValue::Integer(job.0))),
            ("requesting-user-name", user),
        ] {
            let attribute = value
                .and_then(|value| IppAttribute::with_name(name, value))
                .map_err(|e| PrintError::InvalidUri(e.to_string()))?;
            request
                .attributes_mut()
                .add(DelimiterTag::OperationAttributes, attribute);
        }
        self.send(request).await.map(drop)
    }

    /// Prints a PDF and follows the job until it has printed or `deadline` has passed. A job
    /// that ends unprinted is an error; one still queued at the deadline is cancelled (a
    /// resident's pages must not come out after they left) and reported with the printer's
    /// state. CUPS itself must not keep printed documents: the kiosk's `cupsd.conf` sets
    /// `PreserveJobFiles No`.
    pub async fn print(
        &self,
        pdf: Vec<u8>,
        kind: JobKind,
        deadline: Duration,
    ) -> Result<JobId, PrintError> {
        let end = Instant::now() + deadline;
        let job = self.submit(pdf, kind).await?;
        let mut pause = POLL_START;
        loop {
            match self.job_state(job).await {
                Ok(JobState::Completed) => return Ok(job),
                Ok(state) if state.is_final() => return Err(PrintError::JobFailed(state)),
                Ok(_) | Err(PrintError::Timeout) => {}
                Err(other) => {
                    self.cancel_quietly(job).await;
                    return Err(other);
                }
            }
            let now = Instant::now();
            if now >= end {
                break;
            }
            sleep(pause.min(end - now)).await;
            pause = (pause * 3 / 2).min(POLL_MAX);
        }
        self.cancel_quietly(job).await;
        Err(PrintError::NotPrinted(self.state().await.ok()))
    }

    /// Cancels a job on the way out of an error; the error being reported matters more.
    async fn cancel_quietly(&self, job: JobId) {
        if let Err(error) = self.cancel(job).await {
            // Only protocol codes: nothing personal reaches the log.
            eprintln!("print: cancelling an unfinished job failed: {error}");
        }
    }

    async fn send(
        &self,
        request: impl Into<IppRequestResponse>,
    ) -> Result<IppRequestResponse, PrintError> {
        let request = request.into();
        // The client's own timeout covers the HTTP exchange; this one covers everything else.
        let response = timeout(
            REQUEST_TIMEOUT + Duration::from_secs(1),
            self.client.send(request),
        )
        .await
        .map_err(|_| PrintError::Timeout)?
        .map_err(from_ipp_error)?;
        let status = response.header().status_code();
        if status.is_success() {
            Ok(response)
        } else if status == StatusCode::ClientErrorNotFound {
            Err(PrintError::NoSuchPrinter)
        } else {
            Err(PrintError::Refused(format!("{status:?}")))
        }
    }
}

fn from_ipp_error(error: IppError) -> PrintError {
    match error {
        IppError::AsyncClientError(e) if e.is_timeout() => PrintError::Timeout,
        IppError::RequestError(404) => PrintError::NoSuchPrinter,
        IppError::RequestError(code) => PrintError::Refused(format!("HTTP {code}")),
        IppError::StatusError(StatusCode::ClientErrorNotFound) => PrintError::NoSuchPrinter,
        IppError::StatusError(status) => PrintError::Refused(format!("{status:?}")),
        other => PrintError::Unreachable(other.to_string()),
    }
}

/// The keywords of a one- or many-valued attribute.
fn keywords(value: &IppValue) -> Vec<String> {
    match value {
        IppValue::Array(values) => values.iter().map(ToString::to_string).collect(),
        single => vec![single.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_uris_are_checked() {
        assert!(Printer::new("ipp://localhost:631/printers/PDF").is_ok());
        assert!(Printer::new("http://127.0.0.1:631/printers/PDF").is_ok());
        for bad in [
            "",
            "printers/PDF",
            "ftp://host/printers/PDF",
            "ipp://",
            "not a uri",
        ] {
            assert!(
                matches!(Printer::new(bad), Err(PrintError::InvalidUri(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn job_states_follow_rfc_8011() {
        assert_eq!(JobState::from_ipp(9), Some(JobState::Completed));
        assert_eq!(JobState::from_ipp(3), Some(JobState::Pending));
        assert_eq!(JobState::from_ipp(42), None);
        assert!(JobState::Aborted.is_final() && !JobState::Stopped.is_final());
    }

    #[tokio::test]
    async fn an_unreachable_server_is_an_error_not_a_hang() {
        // Port 9 (discard) on localhost: nothing listens there.
        let printer = Printer::new("ipp://127.0.0.1:9/printers/PDF").unwrap();
        match printer.state().await {
            Err(PrintError::Unreachable(_) | PrintError::Timeout) => {}
            other => panic!("expected unreachable, got {other:?}"),
        }
    }
}
