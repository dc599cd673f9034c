//! The printer tests' harness: the real CUPS scheduler with the cups-pdf virtual printer.
//!
//! [`Cups::ready`] starts `cupsd` if it is not running (another test binary may have started
//! it), creates this binary's own queue if it is missing and makes sure it is enabled and
//! accepting jobs. The queue is private to these tests so that disabling it never disturbs
//! another test printing to the demo's `PDF` queue; the returned guard serializes the tests
//! of this binary, which share it.
//!
//! cups-pdf turns the job into PostScript and back into PDF; the queue renders with Cairo,
//! which keeps the text readable. It writes each job's output as a PDF under a mangled name in
//! the job owner's `~/PDF` (jobs are sent as the account the tests run as; an owner unknown to
//! the system lands in the `ANONYMOUS` spool), so
//! [`Cups::take_output`] finds the output by a unique token the test printed, reads its text
//! with `pdftotext` (poppler-utils) and deletes it.
// Each test binary uses a different part of this shared module.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, MutexGuard};

/// The print queue these tests own.
pub const QUEUE: &str = "kiosk-print-test";

/// Folders cups-pdf may write to: the anonymous spool and root's `~/PDF`.
const OUTPUT_DIRS: [&str; 2] = ["/var/spool/cups-pdf/ANONYMOUS", "/root/PDF"];
/// How long the scheduler may take to start, and cups-pdf to leave its file.
const PATIENCE: Duration = Duration::from_secs(20);

static QUEUE_LOCK: Mutex<()> = Mutex::const_new(());

/// A running scheduler with this binary's queue ready; holds the queue for one test.
pub struct Cups {
    _turn: MutexGuard<'static, ()>,
}

impl Cups {
    /// Waits for this binary's turn on the queue, then makes sure CUPS and the queue are up.
    pub async fn ready() -> Cups {
        let turn = QUEUE_LOCK.lock().await;
        if !scheduler_running() {
            std::fs::create_dir_all("/run/cups").expect("create /run/cups");
            // cupsd forks into the background and returns once it is listening.
            run("cupsd", &[]);
            wait_until("the CUPS scheduler to run", scheduler_running);
        }
        if !Command::new("lpstat")
            .args(["-p", QUEUE])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            run(
                "lpadmin",
                &[
                    "-p",
                    QUEUE,
                    "-v",
                    "cups-pdf:/",
                    "-m",
                    "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd",
                    "-E",
                ],
            );
        }
        // cups-pdf takes PostScript; CUPS's default PDF-to-PostScript step drops the text's
        // Unicode mapping, Cairo's keeps it, so that `pdftotext` can read what was printed.
        run(
            "lpadmin",
            &["-p", QUEUE, "-o", "pdftops-renderer-default=pdftocairo"],
        );
        run("cupsenable", &[QUEUE]);
        run("cupsaccept", &[QUEUE]);
        Cups { _turn: turn }
    }

    /// The queue's IPP address.
    pub fn uri(&self) -> String {
        format!("ipp://localhost:631/printers/{QUEUE}")
    }

    /// Stops the queue (`cupsdisable`): jobs wait, the printer reads as stopped.
    pub fn disable(&self) {
        retry("cupsdisable", &[QUEUE]);
    }

    /// Restarts the queue.
    pub fn enable(&self) {
        retry("cupsenable", &[QUEUE]);
    }

    /// The text of the cups-pdf output that holds `token`, which is then deleted; waits a
    /// bounded time for the file, since the job can complete just before cups-pdf closes it.
    pub fn take_output(&self, token: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            for path in output_files() {
                let text = pdftotext(&path);
                if text.contains(token) {
                    std::fs::remove_file(&path).expect("remove the printed copy");
                    return text;
                }
            }
            assert!(Instant::now() < deadline, "no printed PDF holds {token:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The text `pdftotext` reads from a PDF, in reading order.
pub fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes `bytes` to a temporary PDF and returns its text (for PDFs not sent to a printer).
pub fn pdf_bytes_text(bytes: &[u8]) -> String {
    let file = tempfile::Builder::new()
        .suffix(".pdf")
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), bytes).expect("write the PDF");
    pdftotext(file.path())
}

fn output_files() -> Vec<PathBuf> {
    OUTPUT_DIRS
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect()
}

fn scheduler_running() -> bool {
    Command::new("lpstat")
        .arg("-r")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("is running"))
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs an administration command again while the scheduler answers that it is busy
/// (`service-unavailable`, e.g. just after a queue was changed), for a bounded time.
fn retry(program: &str, args: &[&str]) {
    wait_until(&format!("{program} {args:?}"), || {
        let out = Command::new(program).args(args).output().expect(program);
        let busy = String::from_utf8_lossy(&out.stderr).contains("service-unavailable");
        assert!(
            out.status.success() || busy,
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.status.success()
    });
}

fn run(program: &str, args: &[&str]) -> Output {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (is CUPS installed?)"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
