//! `bench_qr [ROUNDS]`: time of the QR reader per 1920 × 1080 camera frame, one thread.
//!
//! Two kinds of frame from the seeded corpus generator, as the kiosk camera sees them (JPEG
//! compressed, as a USB camera's MJPEG stream is):
//!
//! - **no code** (target ≤ 15 ms): what the reader chews on while a resident lays papers down
//!   — photos of documents of every class (payslips and tax notices are dense with text), a
//!   sheet of large print, the bare textured table, and a phone screen showing text but no
//!   code;
//! - **one code** (target ≤ 40 ms): pairing codes on printed cards and phone screens (some in
//!   dark mode), and the hard cases made from them: a small code far from the camera, a
//!   blurred one, a faint one and one mirrored by a selfie preview.
//!
//! Each frame is read `ROUNDS` times (default 5) after one warm-up read; the median and 95th
//! percentile of all reads of a kind are printed, then each frame's median, with how many code
//! frames were read exactly. Every read is timed twice: by the wall clock, and by the
//! processor time of the reading thread (`CLOCK_THREAD_CPUTIME_ID`), which other processes on
//! a busy machine do not inflate — on a loaded machine the processor time is the figure to
//! compare with the targets. Measure with a release build: `cargo run --release -p
//! kiosk-tests --bin bench_qr`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use image::{Rgb, RgbImage};
use kiosk_tests::corpus::camera::{self, Placement};
use kiosk_tests::corpus::paint::{Align, Canvas, Face, ink};
use kiosk_tests::corpus::pairing::Carrier;
use kiosk_tests::corpus::{CLASSES, Generator, LANGS, Spec, Variant, rng_for, save_jpeg_bytes};

/// The corpus seed: the same frames on every run.
const SEED: u64 = 2026;
/// Document photos among the frames without a code.
const DOCUMENTS: u32 = 8;
/// Plain pairing-code photos (half cards, half screens) among the frames with a code.
const PAIRINGS: u32 = 8;
/// The JPEG quality frames are compressed at, as a camera's MJPEG stream is.
const JPEG_QUALITY: u8 = 80;

/// A named frame, and the payload it holds (empty when none).
struct Frame {
    name: String,
    image: RgbImage,
    payload: String,
}

fn main() -> Result<()> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse().context("ROUNDS must be a number")?,
        None => 5,
    };
    let generator = Generator::new(SEED).context("cannot start the corpus generator")?;
    let without = frames_without_code(&generator)?;
    let with = frames_with_code(&generator)?;

    println!(
        "QR reader, one thread, {rounds} reads per frame after a warm-up read; \
         processor time of the reading thread and wall time"
    );
    let (times, found) = measure(&without, rounds, |_, payloads| !payloads.is_empty());
    report(
        "no code",
        &without,
        &times,
        rounds,
        &found,
        "frames with something read (want 0)",
    );
    let (times, read) = measure(&with, rounds, |frame, payloads| {
        payloads.contains(&frame.payload)
    });
    report(
        "one code",
        &with,
        &times,
        rounds,
        &read,
        "frames read exactly",
    );
    Ok(())
}

/// Document photos of every class, a sheet of large print, the bare table and a phone screen
/// without a code.
fn frames_without_code(generator: &Generator) -> Result<Vec<Frame>> {
    let mut frames = Vec::new();
    for n in 0..DOCUMENTS {
        let class = CLASSES[n as usize % CLASSES.len()];
        let spec = Spec {
            class,
            lang: LANGS[n as usize % LANGS.len()],
            index: n,
        };
        let sample = generator
            .document(&spec, Variant::Photo)
            .into_iter()
            .next()
            .context("a document without pages")?;
        frames.push(frame(&sample.label.template, sample.image, ""));
    }
    let lines: Vec<String> = (0..24)
        .map(|n| format!("Ligne {n:02} : attestation, quittance, bulletin — 0123456789 ABC"))
        .collect();
    frames.push(frame("large print", generator.text_photo(&lines, SEED), ""));
    frames.push(frame("bare table", bare_table(SEED), ""));
    frames.push(frame("phone, no code", phone_without_code(generator), ""));
    Ok(frames)
}

/// Pairing codes on cards and screens, then the hard cases made from them.
fn frames_with_code(generator: &Generator) -> Result<Vec<Frame>> {
    let mut frames = Vec::new();
    for n in 0..PAIRINGS {
        let carrier = if n % 2 == 0 {
            Carrier::Card
        } else {
            Carrier::Screen
        };
        let sample = generator
            .pairing(carrier, n)
            .context("cannot draw a pairing code")?;
        let payload = sample.label.qr_payload.clone().unwrap_or_default();
        let name = if sample.label.inverted {
            format!("{} (dark mode)", sample.label.document)
        } else {
            sample.label.document.clone()
        };
        frames.push(frame(&name, sample.image, &payload));
    }
    let card = generator.pairing(Carrier::Card, PAIRINGS)?;
    let screen = generator.pairing(Carrier::Screen, PAIRINGS + 1)?;
    let card_payload = card.label.qr_payload.clone().unwrap_or_default();
    let screen_payload = screen.label.qr_payload.clone().unwrap_or_default();

    // Far from the camera: the whole card frame at a third of its size, on the bare table.
    let (width, height) = camera::HD_FRAME;
    let small = image::imageops::resize(
        &card.image,
        width / 3,
        height / 3,
        image::imageops::FilterType::Triangle,
    );
    let mut far = bare_table(SEED + 1);
    image::imageops::overlay(
        &mut far,
        &small,
        i64::from(width / 2),
        i64::from(height / 3),
    );
    frames.push(frame("small card, far", far, &card_payload));
    frames.push(frame(
        "blurred card",
        imageproc::filter::gaussian_blur_f32(&card.image, 2.0),
        &card_payload,
    ));
    frames.push(frame(
        "faint card",
        squeeze(&card.image, 110, 170),
        &card_payload,
    ));
    frames.push(frame(
        "mirrored screen",
        image::imageops::flip_horizontal(&screen.image),
        &screen_payload,
    ));
    Ok(frames)
}

/// A frame named `name` holding `payload`, after the camera's JPEG compression.
fn frame(name: &str, image: RgbImage, payload: &str) -> Frame {
    let image = save_jpeg_bytes(&image, JPEG_QUALITY)
        .ok()
        .and_then(|bytes| image::load_from_memory(&bytes).ok())
        .map_or(image, |decoded| decoded.to_rgb8());
    Frame {
        name: name.to_owned(),
        image,
        payload: payload.to_owned(),
    }
}

/// The kiosk's view of its empty table: the textured surface, lit and blurred like a photo.
fn bare_table(seed: u64) -> RgbImage {
    let mut rng = rng_for(seed, &[3]);
    // A one-millimetre speck of table colour stands for "no page".
    let speck = RgbImage::from_pixel(1, 1, Rgb([128, 128, 128]));
    let place = Placement::random(1.0, 1.0, camera::HD_FRAME, &mut rng);
    camera::photo(&speck, 1.0, 1.0, &place, &mut rng).image
}

/// A phone lying on the table with a messaging app open: text and buttons, no code.
fn phone_without_code(generator: &Generator) -> RgbImage {
    let (w_mm, h_mm) = (70.0, 146.0);
    let mut canvas = Canvas::new(generator.fonts(), w_mm, h_mm, 300.0, Rgb([30, 30, 34]));
    canvas.fill(3.0, 8.0, w_mm - 6.0, h_mm - 16.0, Rgb([250, 250, 250]));
    canvas.fill(3.0, 8.0, w_mm - 6.0, 12.0, Rgb([40, 90, 160]));
    canvas.text(
        6.0,
        11.0,
        8.0,
        Face::SansBold,
        ink::WHITE,
        Align::Left,
        "Messages",
    );
    let message = "Bonjour, votre rendez-vous est confirmé pour jeudi à 10 h. \
                   Apportez votre attestation de droits et un justificatif de domicile.";
    let mut y = 26.0;
    for n in 0..4 {
        let x = if n % 2 == 0 { 6.0 } else { 16.0 };
        canvas.fill(x, y, w_mm - 22.0, 22.0, Rgb([225, 232, 245]));
        canvas.paragraph(
            x + 2.0,
            y + 2.0,
            w_mm - 26.0,
            6.5,
            Face::Sans,
            ink::BLACK,
            message,
        );
        y += 27.0;
    }
    canvas.fill(6.0, h_mm - 18.0, w_mm - 12.0, 7.0, Rgb([220, 220, 220]));
    let mut rng = rng_for(SEED, &[5]);
    let place = Placement::random(w_mm, h_mm, camera::HD_FRAME, &mut rng);
    camera::photo(&canvas.img, w_mm, h_mm, &place, &mut rng).image
}

/// `image` with every channel mapped into `dark..=light`: a faint print or a dim screen.
fn squeeze(image: &RgbImage, dark: u8, light: u8) -> RgbImage {
    let span = u16::from(light - dark);
    let mut out = image.clone();
    for pixel in out.pixels_mut() {
        pixel.0 = pixel
            .0
            .map(|level| dark + (u16::from(level) * span / 255) as u8);
    }
    out
}

/// The time one read took.
#[derive(Debug, Clone, Copy)]
struct Timing {
    /// By the wall clock.
    wall: Duration,
    /// Processor time of the reading thread.
    cpu: Duration,
}

/// The processor time the calling thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill; the thread clock always exists
    // on Linux.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread's processor clock cannot be read");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Reads every frame once to warm up, then `rounds` more times, timing each read; also tells
/// for each frame whether `check(frame, payloads)` holds.
fn measure(
    frames: &[Frame],
    rounds: usize,
    check: impl Fn(&Frame, &[String]) -> bool,
) -> (Vec<Timing>, Vec<bool>) {
    let mut times = Vec::with_capacity(frames.len() * rounds);
    let mut hits = Vec::with_capacity(frames.len());
    for frame in frames {
        hits.push(check(frame, &scanner::qr::read_codes(&frame.image)));
        for _ in 0..rounds {
            let (wall, cpu) = (Instant::now(), thread_cpu_time());
            let payloads = scanner::qr::read_codes(&frame.image);
            times.push(Timing {
                cpu: thread_cpu_time().saturating_sub(cpu),
                wall: wall.elapsed(),
            });
            std::hint::black_box(payloads);
        }
    }
    (times, hits)
}

/// The `q` quantile of the durations `of` picks from `times`, in milliseconds (0 when there
/// are none).
fn quantile(times: &[Timing], of: fn(&Timing) -> Duration, q: f64) -> f64 {
    let mut sorted: Vec<Duration> = times.iter().map(of).collect();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Prints the median and 95th percentile of `times` for frames of `kind`, processor time then
/// wall time, then each frame's medians and whether it passed the check (`times` holds
/// `rounds` reads per frame, in order; `hits` one verdict per frame).
fn report(
    kind: &str,
    frames: &[Frame],
    times: &[Timing],
    rounds: usize,
    hits: &[bool],
    what: &str,
) {
    let count = hits.iter().filter(|&&hit| hit).count();
    let (width, height) = frames
        .first()
        .map_or((0, 0), |frame| frame.image.dimensions());
    let cpu = |t: &Timing| t.cpu;
    let wall = |t: &Timing| t.wall;
    println!(
        "{kind:<9} {} frames of {width}×{height}: processor median {:.1} ms, p95 {:.1} ms; \
         wall median {:.1} ms, p95 {:.1} ms; {count}/{} {what}",
        frames.len(),
        quantile(times, cpu, 0.5),
        quantile(times, cpu, 0.95),
        quantile(times, wall, 0.5),
        quantile(times, wall, 0.95),
        frames.len()
    );
    println!(
        "    {:<32} {:>10} {:>10}  read",
        "frame", "processor", "wall"
    );
    for ((frame, reads), hit) in frames.iter().zip(times.chunks(rounds.max(1))).zip(hits) {
        println!(
            "    {:<32} {:>7.1} ms {:>7.1} ms  {}",
            frame.name,
            quantile(reads, cpu, 0.5),
            quantile(reads, wall, 0.5),
            if *hit { "yes" } else { "no" }
        );
    }
}
