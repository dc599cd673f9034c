//! `bench_qr [ROUNDS]`: time of the QR reader per 1920 × 1080 camera frame, one thread.
//!
//! Two kinds of frame from the seeded corpus generator, as the kiosk camera sees them:
//! document photos with no code in them (what the reader chews on while a resident lays
//! papers down — target ≤ 15 ms), and photos of a pairing code on a printed card or a phone
//! screen (target ≤ 40 ms). Each frame is read `ROUNDS` times (default 5) after one warm-up
//! read; the median and 95th percentile of all reads are printed, with how many code frames
//! were read exactly. Measure with a release build: `cargo run --release -p kiosk-tests --bin
//! bench_qr`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use image::RgbImage;
use kiosk_tests::corpus::pairing::Carrier;
use kiosk_tests::corpus::{CLASSES, Generator, Lang, Spec, Variant};

/// The corpus seed: the same frames on every run.
const SEED: u64 = 2026;
/// Frames of each kind.
const FRAMES: u32 = 8;

fn main() -> Result<()> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse().context("ROUNDS must be a number")?,
        None => 5,
    };
    let generator = Generator::new(SEED).context("cannot start the corpus generator")?;

    let without: Vec<RgbImage> = (0..FRAMES)
        .filter_map(|n| {
            let spec = Spec {
                class: CLASSES[n as usize % CLASSES.len()],
                lang: Lang::Fr,
                index: n,
            };
            generator
                .document(&spec, Variant::Photo)
                .into_iter()
                .next()
                .map(|sample| sample.image)
        })
        .collect();
    let mut with = Vec::new();
    for n in 0..FRAMES {
        let carrier = if n % 2 == 0 {
            Carrier::Card
        } else {
            Carrier::Screen
        };
        let sample = generator
            .pairing(carrier, n)
            .context("cannot draw a pairing code")?;
        let payload = sample.label.qr_payload.clone().unwrap_or_default();
        with.push((sample.image, payload));
    }

    println!("QR reader, one thread, {rounds} reads per frame after a warm-up read");
    let (times, found) = measure(&without, rounds, |_, payloads| !payloads.is_empty());
    report(
        "no code",
        &without,
        &times,
        found,
        "frames with something read (want 0)",
    );
    let frames: Vec<RgbImage> = with.iter().map(|(image, _)| image.clone()).collect();
    let (times, read) = measure(&frames, rounds, |n, payloads| {
        payloads.iter().any(|p| *p == with[n].1)
    });
    report("one code", &frames, &times, read, "frames read exactly");
    Ok(())
}

/// Reads every frame once to warm up, then `rounds` more times, timing each read; also counts
/// the frames for which `check(index, payloads)` holds.
fn measure(
    frames: &[RgbImage],
    rounds: usize,
    check: impl Fn(usize, &[String]) -> bool,
) -> (Vec<Duration>, usize) {
    let mut times = Vec::with_capacity(frames.len() * rounds);
    let mut hits = 0;
    for (n, frame) in frames.iter().enumerate() {
        if check(n, &scanner::qr::read_codes(frame)) {
            hits += 1;
        }
        for _ in 0..rounds {
            let started = Instant::now();
            let payloads = scanner::qr::read_codes(frame);
            times.push(started.elapsed());
            std::hint::black_box(payloads);
        }
    }
    (times, hits)
}

/// Prints the median and 95th percentile of `times` for frames of `kind`.
fn report(kind: &str, frames: &[RgbImage], times: &[Duration], count: usize, what: &str) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = |q: f64| {
        let index = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let size = frames
        .first()
        .map_or((0, 0), |frame| (frame.width(), frame.height()));
    println!(
        "{kind:<9} {} frames of {}×{}: median {:.1} ms, p95 {:.1} ms; {count}/{} {what}",
        frames.len(),
        size.0,
        size.1,
        at(0.5),
        at(0.95),
        frames.len()
    );
}
