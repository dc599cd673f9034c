//! The vault and the printer, on a small tokio runtime, never blocking the session.
//!
//! Each session command that talks to the network or to CUPS becomes one task; its outcome
//! comes back to the kiosk as a [`Report`], which the kiosk feeds to the session as an event:
//!
//! ```text
//! QR link accepted ──▶ vault::connect (probe) ─▶ QrDecoded (accepted, needs password, refused)
//! CheckPassword    ──▶ vault::connect(password) ─▶ PasswordChecked
//! Upload           ──▶ per document: DocumentDesk::document (PDF) ─▶ Vault::send
//!                      ─▶ UploadProgress …, UploadResult (saved only on the vault's word)
//! RequestPhoneApproval ─▶ login_flow start ─▶ PhoneApprovalRequested ─▶ wait ─▶ Granted/Expired
//! RevokeCredential ──▶ Vault::close (Login Flow app password revoked)
//! PrintReceipt / PrintCopies ─▶ print::Printer::print ─▶ PrintResult
//! every 15 s       ──▶ print::Printer::state ─▶ Printer
//! ```
//!
//! A vault opened when its code was read is kept for the upload, so the link is probed once.
//! Every task of a session runs under the session's cancellation token, cancelled at the wipe,
//! which also drops the opened vault and any phone-approval folder not yet revoked.
//!
//! A delivery override ([`Outside::new`]'s `deliver_to`) makes every accepted code deliver to
//! one fixed vault instead: the headless driver pairs with a real card whose link points to a
//! server that does not exist on the test machine, and delivers to a local one.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context;
use tokio::runtime::Runtime;
use tokio_util::sync::CancellationToken;
use zeroize::Zeroizing;

use super::Report;
use super::documents::DocumentDesk;
use crate::config::Config;
use crate::print::{self, Font, JobKind, Printer};
use crate::session::{
    self, Event, PageId, PairingOutcome, PasswordVerdict, PrinterProblem, RefusalReason,
    SecretText, UploadFailure, UploadItem, UploadOutcome, VaultAccess,
};
use crate::vault::login_flow::{LoginError, PhoneApproval};
use crate::vault::{self, DeliveryError, Http, Pairing, PairingRules, Vault, naming, payload};

/// How often the printer's state is read.
const PRINTER_POLL: Duration = Duration::from_secs(15);
/// How long start-up waits for the printer's first state.
const PRINTER_FIRST_LOOK: Duration = Duration::from_secs(5);

/// A vault shared by the tasks of a session.
type SharedVault = Arc<dyn Vault>;

/// What a session's tasks share.
#[derive(Default)]
struct SessionVaults {
    /// The vault opened for the code read (or the password typed).
    opened: Option<SharedVault>,
    /// Phone-approval folders, with the opaque credential the session holds for each.
    phones: Vec<(SecretText, SharedVault)>,
}

/// The vault and printer side of the kiosk.
pub(super) struct Outside {
    runtime: Runtime,
    http: Arc<Http>,
    rules: PairingRules,
    phone: Option<Arc<PhoneApproval>>,
    deliver_to: Option<Arc<Pairing>>,
    printer: Option<Arc<Printer>>,
    font: Option<Font>,
    site: String,
    print_wait: Duration,
    reports: std::sync::mpsc::Sender<Report>,
    desk: DocumentDesk,
    session: CancellationToken,
    approval: Option<CancellationToken>,
    vaults: Arc<Mutex<SessionVaults>>,
}

impl Outside {
    /// Sets up the HTTP client, the printer and the runtime; reads the printer's first state.
    pub fn new(
        config: &Config,
        deliver_to: Option<&SecretText>,
        print_wait: Duration,
        reports: std::sync::mpsc::Sender<Report>,
        desk: DocumentDesk,
    ) -> anyhow::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("kiosk-io")
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        let http = Arc::new(Http::new(config).context("setting up the HTTP client")?);
        let rules = PairingRules::from(&config.vault);
        let deliver_to = deliver_to
            .map(|link| {
                payload::parse(link.expose(), &rules)
                    .map(Arc::new)
                    .map_err(|refusal| anyhow::anyhow!("the delivery vault link: {refusal}"))
            })
            .transpose()?;
        let phone = config
            .vault
            .phone_approval
            .as_ref()
            .filter(|_| config.vault.allows(crate::config::Connector::PhoneApproval))
            .map(|approval| Arc::new(PhoneApproval::new(Arc::clone(&http), approval)));
        let printer = config
            .printer
            .uri
            .as_ref()
            .map(|uri| Printer::new(uri.as_str()).map(Arc::new))
            .transpose()
            .context("the printer URI")?;
        let font = match Font::load(std::path::Path::new(print::DEFAULT_FONT_PATH)) {
            Ok(font) => Some(font),
            Err(_) if printer.is_none() => None,
            Err(e) => return Err(e).context("loading the receipt font"),
        };
        let outside = Self {
            runtime,
            http,
            rules,
            phone,
            deliver_to,
            printer,
            font,
            site: config.site_name.clone(),
            print_wait,
            reports,
            desk,
            session: CancellationToken::new(),
            approval: None,
            vaults: Arc::default(),
        };
        outside.watch_printer();
        Ok(outside)
    }

    /// The printer's state now (blocking, bounded), for the first session.
    pub fn printer_state(&self) -> session::PrinterState {
        let Some(printer) = self.printer.clone() else {
            return session::PrinterState::Unavailable(PrinterProblem::NoPrinter);
        };
        self.runtime.block_on(async move {
            match tokio::time::timeout(PRINTER_FIRST_LOOK, printer.state()).await {
                Ok(state) => printer_state(state),
                Err(_) => session::PrinterState::Unavailable(PrinterProblem::Offline),
            }
        })
    }

    /// Reads the printer's state every [`PRINTER_POLL`], reporting it.
    fn watch_printer(&self) {
        let Some(printer) = self.printer.clone() else {
            return;
        };
        let reports = self.reports.clone();
        self.runtime.spawn(async move {
            loop {
                tokio::time::sleep(PRINTER_POLL).await;
                let state = printer_state(printer.state().await);
                if reports.send(Report::Event(Event::Printer(state))).is_err() {
                    return;
                }
            }
        });
    }

    /// Parses a code read while pairing; an accepted link is probed in a task.
    pub fn pair(&self, payload_text: SecretText) {
        let pairing = match payload::parse(payload_text.expose(), &self.rules) {
            Ok(pairing) => pairing,
            Err(refusal) => {
                eprintln!("kiosk: code refused ({})", refusal.reason.code());
                self.report(Event::QrDecoded {
                    payload: payload_text,
                    outcome: PairingOutcome::Refused(refusal_reason(refusal.reason)),
                });
                return;
            }
        };
        let target = self.target(pairing);
        let (http, cancel, vaults) = self.task_parts();
        let reports = self.reports.clone();
        self.runtime.spawn(async move {
            let outcome = match vault::connect(&target, None, http, &cancel).await {
                Ok(opened) => {
                    lock(&vaults).opened = Some(Arc::from(opened));
                    PairingOutcome::Accepted
                }
                Err(DeliveryError::PasswordRequired | DeliveryError::WrongPassword) => {
                    PairingOutcome::NeedsPassword
                }
                Err(DeliveryError::Cancelled) => return,
                Err(e) => {
                    eprintln!("kiosk: vault link not usable ({})", e.code());
                    PairingOutcome::Refused(link_refusal(&e))
                }
            };
            let _ = reports.send(Report::Event(Event::QrDecoded {
                payload: payload_text,
                outcome,
            }));
        });
    }

    /// Checks a typed password by opening the link with it.
    pub fn check_password(&self, link: SecretText, password: SecretText) {
        let Ok(pairing) = payload::parse(link.expose(), &self.rules) else {
            self.report(Event::PasswordChecked(PasswordVerdict::Wrong));
            return;
        };
        let target = self.target(pairing);
        let (http, cancel, vaults) = self.task_parts();
        let reports = self.reports.clone();
        self.runtime.spawn(async move {
            let password = Zeroizing::new(password.expose().to_owned());
            let verdict = match vault::connect(&target, Some(password), http, &cancel).await {
                Ok(opened) => {
                    lock(&vaults).opened = Some(Arc::from(opened));
                    PasswordVerdict::Accepted
                }
                Err(DeliveryError::Cancelled) => return,
                Err(
                    e @ (DeliveryError::PasswordRequired
                    | DeliveryError::WrongPassword
                    | DeliveryError::Unauthorized),
                ) => {
                    eprintln!("kiosk: password not accepted ({})", e.code());
                    PasswordVerdict::Wrong
                }
                Err(e) => {
                    eprintln!("kiosk: password not checked ({})", e.code());
                    PasswordVerdict::Refused(link_refusal(&e))
                }
            };
            let _ = reports.send(Report::Event(Event::PasswordChecked(verdict)));
        });
    }

    /// Sends documents, one after the other, reporting progress and each outcome.
    pub fn upload(&self, access: VaultAccess, documents: Vec<UploadItem>, language: String) {
        let (http, cancel, vaults) = self.task_parts();
        let reports = self.reports.clone();
        let desk = self.desk.clone();
        let rules = self.rules.clone();
        let deliver_to = self.deliver_to.clone();
        self.runtime.spawn(async move {
            let vault =
                match open_for_upload(&access, &vaults, &rules, deliver_to, http, &cancel).await {
                    Ok(vault) => vault,
                    Err(failure) => {
                        for item in &documents {
                            let _ = reports.send(uploaded(item.doc, Err(failure), None));
                        }
                        return;
                    }
                };
            for item in documents {
                let doc = item.doc;
                let document = match desk.document(item, language.clone()).await {
                    Ok(document) => document,
                    Err(e) => {
                        eprintln!("kiosk: document not made ({e})");
                        let _ = reports.send(uploaded(doc, Err(UploadFailure::Unexpected), None));
                        continue;
                    }
                };
                let progress_reports = reports.clone();
                let progress: vault::ProgressFn = Arc::new(move |p: vault::Progress| {
                    let percent = (p.sent.saturating_mul(100) / p.total.max(1)).min(100) as u8;
                    let _ = progress_reports
                        .send(Report::Event(Event::UploadProgress { doc, percent }));
                });
                let report = match vault.send(&document, progress, &cancel).await {
                    Ok(saved) => uploaded(doc, Ok(()), Some(saved.name)),
                    Err(e) => {
                        eprintln!("kiosk: document not saved ({})", e.code());
                        uploaded(doc, Err(upload_failure(&e)), None)
                    }
                };
                let _ = reports.send(report);
            }
        });
    }

    /// Starts a phone approval: the login address, then the credential or the expiry.
    pub fn request_phone_approval(&mut self) {
        let Some(phone) = self.phone.clone() else {
            self.report(Event::PhoneApprovalExpired);
            return;
        };
        let cancel = self.session.child_token();
        self.approval = Some(cancel.clone());
        let reports = self.reports.clone();
        let vaults = Arc::clone(&self.vaults);
        self.runtime.spawn(async move {
            let outcome = async {
                let pending = phone.start(&cancel).await?;
                let login = SecretText::new(pending.login_url().to_string());
                let _ = reports.send(Report::Event(Event::PhoneApprovalRequested { login }));
                pending.wait(&cancel).await
            }
            .await;
            let event = match outcome {
                Ok(folder) => {
                    let credential = SecretText::new(format!("{:032x}", fastrand::u128(..)));
                    let folder: SharedVault = Arc::new(folder);
                    lock(&vaults).phones.push((credential.clone(), folder));
                    Event::PhoneApprovalGranted { credential }
                }
                Err(LoginError::Cancelled) => return,
                Err(e) => {
                    eprintln!("kiosk: phone approval ended ({})", e.code());
                    Event::PhoneApprovalExpired
                }
            };
            let _ = reports.send(Report::Event(event));
        });
    }

    /// Stops waiting for the phone approval in progress.
    pub fn cancel_phone_approval(&mut self) {
        if let Some(approval) = self.approval.take() {
            approval.cancel();
        }
    }

    /// Revokes a phone-approval credential (its app password on the server).
    pub fn revoke(&self, credential: SecretText) {
        let folder = {
            let mut vaults = lock(&self.vaults);
            let found = vaults
                .phones
                .iter()
                .position(|(held, _)| *held == credential);
            found.map(|index| vaults.phones.swap_remove(index).1)
        };
        let Some(folder) = folder else {
            return;
        };
        // Not under the session's token: the wipe must not cancel the revocation.
        self.runtime.spawn(async move {
            if let Err(e) = folder.close().await {
                eprintln!("kiosk: revocation failed ({})", e.code());
            }
        });
    }

    /// Prints the receipt.
    pub fn print_receipt(&self, receipt: session::Receipt) {
        let language = print::Language::from_code(&receipt.language);
        let document = print::Receipt {
            site: self.site.clone(),
            date: time::OffsetDateTime::now_utc().date(),
            language,
            documents: receipt
                .lines
                .iter()
                .map(|line| print::ReceiptLine {
                    label: naming::class_label(line.class, &receipt.language).to_owned(),
                    pages: u32::try_from(line.pages).unwrap_or(u32::MAX),
                    saved: line.saved,
                })
                .collect(),
        };
        let pdf = match &self.font {
            Some(font) => document.to_pdf(font).map_err(|_| PrinterProblem::Failed),
            None => Err(PrinterProblem::NoPrinter),
        };
        match pdf {
            Ok(pdf) => self.print(
                async move { Ok::<_, PrinterProblem>(Zeroizing::new(pdf)) },
                JobKind::Receipt,
            ),
            Err(problem) => self.report(Event::PrintResult(Err(problem))),
        }
    }

    /// Prints paper copies of pages.
    pub fn print_copies(&self, pages: Vec<PageId>) {
        let desk = self.desk.clone();
        self.print(
            async move { desk.copies(pages).await.map_err(|_| PrinterProblem::Failed) },
            JobKind::Copy,
        );
    }

    fn print(
        &self,
        pdf: impl Future<Output = Result<Zeroizing<Vec<u8>>, PrinterProblem>> + Send + 'static,
        kind: JobKind,
    ) {
        let printer = self.printer.clone();
        let reports = self.reports.clone();
        let deadline = self.print_wait;
        self.runtime.spawn(async move {
            let outcome = async {
                let printer = printer.ok_or(PrinterProblem::NoPrinter)?;
                let mut pdf = pdf.await?;
                // The job takes the bytes; the zeroing buffer keeps nothing behind.
                printer
                    .print(std::mem::take(&mut *pdf), kind, deadline)
                    .await
                    .map(drop)
                    .map_err(|e| print_problem(&e))
            }
            .await;
            let _ = reports.send(Report::Event(Event::PrintResult(outcome)));
        });
    }

    /// Ends the session's network side: tasks cancelled, opened vaults dropped.
    pub fn end_session(&mut self) {
        self.session.cancel();
        self.session = CancellationToken::new();
        self.approval = None;
        let mut vaults = lock(&self.vaults);
        vaults.opened = None;
        // Credentials the session never asked to revoke (it always does) are revoked here.
        for (_, folder) in vaults.phones.drain(..) {
            self.runtime.spawn(async move {
                let _ = folder.close().await;
            });
        }
    }

    fn target(&self, pairing: Pairing) -> Pairing {
        match &self.deliver_to {
            Some(fixed) => (**fixed).clone(),
            None => pairing,
        }
    }

    fn task_parts(&self) -> (Arc<Http>, CancellationToken, Arc<Mutex<SessionVaults>>) {
        (
            Arc::clone(&self.http),
            self.session.child_token(),
            Arc::clone(&self.vaults),
        )
    }

    fn report(&self, event: Event) {
        let _ = self.reports.send(Report::Event(event));
    }
}

fn lock(vaults: &Mutex<SessionVaults>) -> std::sync::MutexGuard<'_, SessionVaults> {
    vaults.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The vault to upload to: the one opened at pairing, or opened again.
async fn open_for_upload(
    access: &VaultAccess,
    vaults: &Mutex<SessionVaults>,
    rules: &PairingRules,
    deliver_to: Option<Arc<Pairing>>,
    http: Arc<Http>,
    cancel: &CancellationToken,
) -> Result<SharedVault, UploadFailure> {
    match access {
        VaultAccess::Phone { credential } => lock(vaults)
            .phones
            .iter()
            .find(|(held, _)| held == credential)
            .map(|(_, folder)| Arc::clone(folder))
            .ok_or(UploadFailure::Refused),
        VaultAccess::Link { link, password } => {
            let opened = lock(vaults).opened.clone();
            if let Some(opened) = opened {
                return Ok(opened);
            }
            let pairing = match deliver_to {
                Some(fixed) => (*fixed).clone(),
                None => payload::parse(link.expose(), rules).map_err(|_| UploadFailure::Refused)?,
            };
            let password = password
                .as_ref()
                .map(|p| Zeroizing::new(p.expose().to_owned()));
            let opened: SharedVault = vault::connect(&pairing, password, http, cancel)
                .await
                .map(Arc::from)
                .map_err(|e| upload_failure(&e))?;
            lock(vaults).opened = Some(Arc::clone(&opened));
            Ok(opened)
        }
    }
}

fn uploaded(
    doc: session::DocId,
    outcome: Result<(), UploadFailure>,
    name: Option<String>,
) -> Report {
    Report::Uploaded {
        doc,
        outcome: match outcome {
            Ok(()) => UploadOutcome::Saved,
            Err(failure) => UploadOutcome::NotSaved(failure),
        },
        name,
    }
}

/// The session's reason for a code the payload parser refused.
fn refusal_reason(reason: vault::RefusalReason) -> RefusalReason {
    use vault::RefusalReason as Why;
    match reason {
        Why::InsecureNotAllowed | Why::ConnectorNotAllowed | Why::IpLiteralNotAllowed => {
            RefusalReason::NotAllowedHere
        }
        Why::Empty
        | Why::NotText
        | Why::TooLong
        | Why::NotAVaultLink
        | Why::BadCharacters
        | Why::Malformed
        | Why::BadHost
        | Why::BadPort
        | Why::UserinfoNotAllowed
        | Why::MissingCredentials
        | Why::BadToken
        | Why::UnexpectedQuery => RefusalReason::NotAVaultLink,
    }
}

/// The session's reason for a link the vault would not open.
fn link_refusal(error: &DeliveryError) -> RefusalReason {
    match upload_failure(error) {
        UploadFailure::Network => RefusalReason::VaultUnreachable,
        _ => RefusalReason::LinkNotWorking,
    }
}

/// The session's kind of upload failure for a connector error.
fn upload_failure(error: &DeliveryError) -> UploadFailure {
    match error {
        DeliveryError::Cancelled
        | DeliveryError::Unreachable
        | DeliveryError::TimedOut
        | DeliveryError::ServerError(_)
        | DeliveryError::RateLimited => UploadFailure::Network,
        DeliveryError::PasswordRequired
        | DeliveryError::WrongPassword
        | DeliveryError::Unauthorized
        | DeliveryError::Forbidden
        | DeliveryError::LinkGone
        | DeliveryError::FolderMissing
        | DeliveryError::TlsUntrusted
        | DeliveryError::Redirected
        | DeliveryError::RevocationFailed => UploadFailure::Refused,
        DeliveryError::VaultFull | DeliveryError::TooLarge => UploadFailure::VaultFull,
        DeliveryError::LocalFile(_)
        | DeliveryError::UnexpectedStatus(_)
        | DeliveryError::SizeMismatch { .. }
        | DeliveryError::NameCollisions
        | DeliveryError::Setup(_) => UploadFailure::Unexpected,
    }
}

/// The session's printer state for what CUPS reports.
fn printer_state(state: Result<print::PrinterState, print::PrintError>) -> session::PrinterState {
    use session::PrinterState as Session;
    match state {
        Ok(print::PrinterState::Ready | print::PrinterState::LowInk) => Session::Ready,
        Ok(print::PrinterState::Offline) | Err(_) => Session::Unavailable(PrinterProblem::Offline),
        Ok(print::PrinterState::OutOfPaper) => Session::Unavailable(PrinterProblem::OutOfPaper),
        Ok(print::PrinterState::Jammed) => Session::Unavailable(PrinterProblem::Jammed),
        Ok(print::PrinterState::NoInk | print::PrinterState::Other(_)) => {
            Session::Unavailable(PrinterProblem::Failed)
        }
    }
}

/// The session's printer problem for a failed job.
fn print_problem(error: &print::PrintError) -> PrinterProblem {
    match error {
        print::PrintError::Unreachable(_) | print::PrintError::Timeout => PrinterProblem::Offline,
        print::PrintError::NotPrinted(Some(state)) => match printer_state(Ok(state.clone())) {
            session::PrinterState::Unavailable(problem) => problem,
            session::PrinterState::Ready => PrinterProblem::Failed,
        },
        _ => PrinterProblem::Failed,
    }
}
