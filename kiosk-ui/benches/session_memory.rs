//! Memory and open files of the real `kiosk` process over sessions (no asserts: figures).
//!
//! 1. One session of the committed sample photos (a two-sided identity card, a payslip, a
//!    proof of address): the resident set size sampled every 20 ms while it runs, its peak
//!    (target ≤ 150 MB), and the size once the session is wiped and the kiosk waits for the
//!    next resident.
//! 2. N sessions in a row of one one-page document, the sample proof of address (N = 1000 unless given:
//!    `cargo bench -p kiosk-ui --bench session_memory -- 50`; the vault is emptied after each
//!    session, as a resident's own vault would be a different one): the resident size after each
//!    wipe (as the kiosk reports it), its growth from the first sessions to the last (target
//!    ≤ 5 %), and the open file descriptors (constant).
//!
//! Both run `kiosk simulate` delivering to Apache with mod_dav on 127.0.0.1, like the canary
//! test; build with `--release` figures in mind (`cargo bench` does).

// The integration tests' harnesses; the bench uses part of them.
#[allow(dead_code)]
#[path = "../tests/integration/canary_support/mod.rs"]
mod canary_support;
#[allow(dead_code)]
#[path = "../tests/integration/vault_harness/mod.rs"]
mod vault_harness;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use canary_support::{DROP_TOKEN, Kiosk, Stage};
use kiosk_ui::memory::ProcessStats;
use vault_harness::apache::Apache;

/// Sessions in the soak run unless the command line says otherwise.
const DEFAULT_SESSIONS: u32 = 1000;
/// How many sessions at each end of the soak run are averaged to measure growth.
const WINDOW: usize = 10;

fn main() {
    let sessions = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse::<u32>().ok())
        .unwrap_or(DEFAULT_SESSIONS)
        .max(1);
    let server = Apache::start(None);
    let link = format!("{}/s/{DROP_TOKEN}", server.origin("127.0.0.1"));
    one_realistic_session(&link);
    soak(&server, &link, sessions);
}

/// Samples a process's resident size until told to stop; returns the samples (KiB).
fn sampler(pid: u32, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Vec<u64>> {
    std::thread::spawn(move || {
        let mut samples = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            if let Ok(stats) = ProcessStats::of(pid) {
                samples.push(stats.rss_kib);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        samples
    })
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// A stage whose camera shows the committed sample pairing card, then these sample photos
/// (`(sample, path under the frames folder)`; a subfolder is one document of several pages).
fn stage_with_samples(photos: &[(&str, &str)]) -> Stage {
    let stage = Stage::new();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/samples");
    for (from, to) in photos {
        let to = stage.frames().join(to);
        if let Some(folder) = to.parent() {
            std::fs::create_dir_all(folder).expect("mkdir");
        }
        std::fs::copy(samples.join(from), to).expect("copy sample");
    }
    std::fs::copy(samples.join("qr-card-photo.jpg"), stage.card()).expect("copy card");
    stage
}

fn one_realistic_session(link: &str) {
    let stage = stage_with_samples(&[
        ("id-card-front-photo.jpg", "1-identity-card/1.jpg"),
        ("id-card-back-photo.jpg", "1-identity-card/2.jpg"),
        ("payslip-fr-photo.jpg", "2-payslip.jpg"),
        ("proof-of-address-fr-photo.jpg", "3-proof-of-address.jpg"),
    ]);
    let started = Instant::now();
    let mut kiosk = stage.simulate(0, link, &["--hold-after-wipe"]);
    let stop = Arc::new(AtomicBool::new(false));
    let during = sampler(kiosk.pid(), Arc::clone(&stop));
    let report = kiosk.next_report();
    stop.store(true, Ordering::Relaxed);
    let during = during.join().expect("sampler");
    let Some(report) = report else {
        eprintln!(
            "session_memory: the sample session failed: {}",
            std::fs::read_to_string(stage.log(0)).unwrap_or_default()
        );
        return;
    };
    let after = settled(&kiosk);
    let saved = report["documents"]
        .as_array()
        .map_or(0, |d| d.iter().filter(|d| d["saved"] == true).count());
    println!(
        "sample session: {saved} documents saved in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  RSS during the session: peak {:.1} MiB (VmHWM {:.1} MiB; target ≤ 150 MB), {} samples",
        mib(during.iter().copied().max().unwrap_or(0)),
        mib(after.peak_rss_kib),
        during.len()
    );
    println!(
        "  RSS after the wipe: {:.1} MiB as the kiosk reported it, {:.1} MiB waiting for the next resident; {} open files",
        mib(report["rss_kib"].as_u64().unwrap_or(0)),
        mib(after.rss_kib),
        after.open_fds
    );
    kiosk.release();
}

/// The figures of a kiosk held after its sessions, once its resident size stops moving.
fn settled(kiosk: &Kiosk) -> ProcessStats {
    let mut last = ProcessStats::of(kiosk.pid()).expect("kiosk stats");
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(100));
        let now = ProcessStats::of(kiosk.pid()).expect("kiosk stats");
        if now == last {
            break;
        }
        last = now;
    }
    last
}

/// Empties the vault's drop folder, so that a thousand sessions do not run out of file names.
fn empty_drop(server: &Apache) {
    let folder = server.folder("drop");
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
}

fn soak(server: &Apache, link: &str, sessions: u32) {
    let stage = stage_with_samples(&[("proof-of-address-fr-photo.jpg", "1.jpg")]);
    let started = Instant::now();
    let arg = sessions.to_string();
    let mut kiosk = stage.simulate(1, link, &["--sessions", &arg, "--hold-after-wipe"]);
    let mut rss = Vec::new();
    let mut fds = Vec::new();
    let mut failed = 0;
    let mut misread = 0;
    for _ in 0..sessions {
        let Some(report) = kiosk.next_report() else {
            eprintln!(
                "session_memory: the kiosk stopped: {}",
                std::fs::read_to_string(stage.log(1)).unwrap_or_default()
            );
            break;
        };
        if report["wiped"] != true || report["documents"][0]["saved"] != true {
            failed += 1;
        }
        if report["documents"][0]["class"] != "proof_of_address" {
            misread += 1;
        }
        empty_drop(server);
        rss.push(report["rss_kib"].as_u64().unwrap_or(0));
        if let Ok(stats) = ProcessStats::of(kiosk.pid()) {
            fds.push(stats.open_fds);
        }
    }
    let end = settled(&kiosk);
    let seconds = started.elapsed().as_secs_f64();
    kiosk.release();
    if rss.is_empty() {
        return;
    }
    let window = WINDOW.min(rss.len());
    let mean = |values: &[u64]| values.iter().sum::<u64>() as f64 / values.len() as f64;
    let first = mean(&rss[..window]);
    let last = mean(&rss[rss.len() - window..]);
    println!(
        "{} sessions in a row ({failed} not saved or not wiped, {misread} not read as a proof of address), {:.2} s per session",
        rss.len(),
        seconds / rss.len() as f64
    );
    println!(
        "  RSS after the wipe: first {window} {:.1} MiB, last {window} {:.1} MiB, growth {:+.2} % (target ≤ 5 %); min {:.1}, max {:.1} MiB",
        first / 1024.0,
        last / 1024.0,
        (last - first) / first * 100.0,
        mib(rss.iter().copied().min().unwrap_or(0)),
        mib(rss.iter().copied().max().unwrap_or(0)),
    );
    println!(
        "  open files as each report arrived: first {}, last {}, min {}, max {}; {} once the kiosk waits",
        fds.first().copied().unwrap_or(0),
        fds.last().copied().unwrap_or(0),
        fds.iter().copied().min().unwrap_or(0),
        fds.iter().copied().max().unwrap_or(0),
        end.open_fds
    );
    println!("  peak RSS over the run {:.1} MiB", mib(end.peak_rss_kib));
}
