//! The `scanner` command: the imaging pipeline without the kiosk around it.
//!
//! Technicians, tests and outside checks use it to see what the kiosk would make of a photo:
//!
//! - `scanner classify --json FILE...`: each file is a one-page document; one JSON object per
//!   line, `{"file": …, "class": …, "confidence": …, "fields": {…}}`.
//! - `scanner qr --json FILE...`: the QR payloads in each file, one JSON object per line,
//!   `{"file": …, "payloads": […]}`.
//! - `scanner process PHOTO... -o OUT.pdf`: one searchable PDF of all the pages, and its class.
//!
//! A file that cannot be used is reported on one line of stderr (the file and why) and the
//! others are still processed; the exit status is then non-zero.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;

use scanner::classify::DocClass;
use scanner::input::load_image;
use scanner::pipeline::{Page, Pipeline};

/// The document kiosk's imaging pipeline, from the command line.
#[derive(Parser)]
#[command(name = "scanner", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classifies each file as a one-page document.
    Classify {
        /// One JSON object per line (otherwise: file, class and confidence, tab-separated).
        #[arg(long)]
        json: bool,
        /// Photos or scans of pages.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Reads the QR codes in each file; prints one JSON object per line.
    Qr {
        /// Accepted for symmetry with `classify`: the output is always JSON lines.
        #[arg(long)]
        json: bool,
        /// Photos or camera frames.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Makes one searchable PDF of the photographed pages and prints its class.
    Process {
        /// Photos or scans of the document's pages, in order.
        #[arg(required = true)]
        photos: Vec<PathBuf>,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// One line of `scanner classify --json`.
#[derive(Serialize)]
struct ClassifyLine<'a> {
    file: String,
    class: DocClass,
    confidence: f64,
    fields: &'a BTreeMap<String, String>,
}

/// One line of `scanner qr`.
#[derive(Serialize)]
struct QrLine {
    file: String,
    payloads: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Classify { json, files } => classify(&files, json),
        Command::Qr { json: _, files } => qr(&files),
        Command::Process { photos, output } => process(&photos, &output),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("scanner: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reports a file that could not be used, on one line.
fn report(file: &Path, error: &anyhow::Error) {
    eprintln!("scanner: {}: {error:#}", file.display());
}

/// Runs `work` on each file, reporting failures; true when every file succeeded.
fn each_file(files: &[PathBuf], mut work: impl FnMut(&Path) -> Result<()>) -> bool {
    let mut all_ok = true;
    for file in files {
        if let Err(error) = work(file) {
            report(file, &error);
            all_ok = false;
        }
    }
    all_ok
}

fn read_page(pipeline: &mut Pipeline, file: &Path) -> Result<Page> {
    let photo = load_image(file).context("cannot load the image")?;
    pipeline.read_photo(&photo).context("cannot read the page")
}

fn classify(files: &[PathBuf], json: bool) -> Result<bool> {
    let mut pipeline = Pipeline::new().context("cannot start OCR")?;
    let mut out = std::io::stdout().lock();
    Ok(each_file(files, |file| {
        let page = read_page(&mut pipeline, file)?;
        let result = pipeline.classify(std::slice::from_ref(&page));
        // Three decimals are all a confidence means; f32 digits beyond are noise.
        let confidence = (f64::from(result.confidence) * 1000.0).round() / 1000.0;
        if json {
            let line = ClassifyLine {
                file: file.display().to_string(),
                class: result.class,
                confidence,
                fields: &result.fields,
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            let class = serde_json::to_value(result.class)?;
            let class = class.as_str().unwrap_or_default();
            writeln!(out, "{}\t{class}\t{confidence}", file.display())?;
        }
        Ok(())
    }))
}

fn qr(files: &[PathBuf]) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    Ok(each_file(files, |file| {
        let frame = load_image(file).context("cannot load the image")?;
        let line = QrLine {
            file: file.display().to_string(),
            payloads: scanner::qr::read_codes(&frame.to_rgb8()),
        };
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
        Ok(())
    }))
}

fn process(photos: &[PathBuf], output: &Path) -> Result<bool> {
    let mut pipeline = Pipeline::new().context("cannot start OCR")?;
    let mut pages = Vec::new();
    let all_read = each_file(photos, |file| {
        pages.push(read_page(&mut pipeline, file)?);
        Ok(())
    });
    if pages.is_empty() {
        bail!("no page could be read; no PDF written");
    }
    let result = pipeline.classify(&pages);
    let pdf = pipeline.write_pdf(&pages)?;
    std::fs::write(output, &pdf).with_context(|| format!("cannot write {}", output.display()))?;
    let class = serde_json::to_value(result.class)?;
    println!(
        "{}: {} ({:.2}), {} page(s), {} KB",
        output.display(),
        class.as_str().unwrap_or_default(),
        result.confidence,
        pages.len(),
        pdf.len().div_ceil(1024)
    );
    Ok(all_read)
}
