//! `qr_report [DIR]`: how the kiosk's QR reader does on real photos, next to zbar.
//!
//! Reads every labelled photo of the set (default: `tests/data/qr-photos/`, ZXing's camera
//! photos of QR codes) with `scanner::qr` and, in the same run, with `zbarimg` (zbar-tools),
//! then prints a verdict per photo — ok (exact payload), wrong (something else read), missed
//! (nothing read) — and the totals.
//!
//! The comparison is exact and byte for byte against the `.txt` beside each photo, for both
//! readers. Ours: a photo is ok when one of the payloads, as UTF-8 text, equals the file.
//! zbar: `zbarimg --raw -q` prints each symbol's text followed by a newline, in the charset
//! zbar itself guesses (its default, converting to UTF-8); a photo is ok when one of those
//! symbols equals the file. Payloads that themselves contain newlines make the split
//! ambiguous, so zbar is given the benefit of the doubt: its output counts as ok when the
//! expected text followed by a newline appears in it starting at a symbol boundary.

#[path = "../../../scanner/tests/support/qr_photo_set.rs"]
mod qr_photo_set;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};
use qr_photo_set::{LabelledPhoto, Verdict};

fn main() -> Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(qr_photo_set::default_dir);
    let photos = qr_photo_set::labelled_photos(&dir)
        .with_context(|| format!("cannot list the photos in {}", dir.display()))?;
    let zbar_available = Command::new("zbarimg").arg("--version").output().is_ok();

    println!(
        "QR reader on {} labelled photos in {}",
        photos.len(),
        dir.display()
    );
    println!("exact match, byte for byte against each .txt (CRLF and charset included);");
    println!("zbar: `zbarimg --raw -q`, its own charset guess; ok if any symbol it prints matches");
    if !zbar_available {
        println!("zbarimg is not installed (apt package zbar-tools): its column is n/a");
    }
    println!();
    println!("{:<28} {:>8} {:>8} {:>8}", "photo", "ours", "ms", "zbar");

    let mut ours_totals = Totals::default();
    let mut zbar_totals = Totals::default();
    for photo in &photos {
        let name = photo.image.strip_prefix(&dir).unwrap_or(&photo.image);
        let started = Instant::now();
        let ours = read_ours(&photo.image);
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        let ours = Verdict::of(&ours, &photo.expected);
        ours_totals.add(ours);
        let zbar = if zbar_available {
            let verdict = read_zbar(photo)?;
            zbar_totals.add(verdict);
            label(verdict)
        } else {
            "n/a"
        };
        println!(
            "{:<28} {:>8} {:>8.1} {:>8}",
            name.display(),
            label(ours),
            elapsed_ms,
            zbar
        );
    }
    println!();
    println!(
        "{:<8} {:>4} {:>6} {:>7} {:>6}",
        "reader", "ok", "wrong", "missed", "of"
    );
    ours_totals.print("ours", photos.len());
    if zbar_available {
        zbar_totals.print("zbar", photos.len());
    }
    Ok(())
}

/// Our reading of the photo at `path`: its payloads as UTF-8 bytes (none if unreadable).
fn read_ours(path: &Path) -> Vec<Vec<u8>> {
    match scanner::input::load_image(path) {
        Ok(image) => scanner::qr::read_image(&image)
            .into_iter()
            .map(String::into_bytes)
            .collect(),
        Err(error) => {
            eprintln!("{}: {error}", path.display());
            Vec::new()
        }
    }
}

/// zbar's verdict on `photo`, from `zbarimg --raw -q`.
fn read_zbar(photo: &LabelledPhoto) -> Result<Verdict> {
    let output = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(&photo.image)
        .output()
        .context("cannot run zbarimg")?;
    let printed = output.stdout;
    if printed.is_empty() {
        return Ok(Verdict::Missed);
    }
    let mut wanted = photo.expected.clone();
    wanted.push(b'\n');
    let at_boundary = (0..printed.len())
        .filter(|&at| at == 0 || printed[at - 1] == b'\n')
        .any(|at| printed[at..].starts_with(&wanted));
    Ok(if at_boundary {
        Verdict::Ok
    } else {
        Verdict::Wrong
    })
}

/// The word printed for `verdict`.
fn label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "ok",
        Verdict::Wrong => "WRONG",
        Verdict::Missed => "missed",
    }
}

/// Counts of each verdict for one reader.
#[derive(Default)]
struct Totals {
    ok: usize,
    wrong: usize,
    missed: usize,
}

impl Totals {
    /// Counts one more `verdict`.
    fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Ok => self.ok += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Missed => self.missed += 1,
        }
    }

    /// Prints the totals line for `reader` out of `of` photos.
    fn print(&self, reader: &str, of: usize) {
        println!(
            "{:<8} {:>4} {:>6} {:>7} {:>6}",
            reader, self.ok, self.wrong, self.missed, of
        );
    }
}
