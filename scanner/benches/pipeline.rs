//! The pipeline benchmark: per-stage times and peak memory for page photos, next to the plain
//! `tesseract` command on the same image with the same languages.
//!
//! ```sh
//! cargo bench -p scanner --bench pipeline -- PHOTO...
//! ```
//!
//! Without a photo it takes the first `tests/data/samples/*-photo.jpg` of the repository. The
//! pipeline's engine is loaded once, as on the kiosk; the figures are the median of three runs
//! per photo after one warm-up. Plain tesseract is timed as a user would run it, and also with
//! `OMP_THREAD_LIMIT=1` (one thread, as the pipeline reads) for a like-for-like comparison.
//! The target: the whole pipeline in at most half the time of plain tesseract. With several
//! photos, a table of all of them closes the report.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use scanner::input::load_image;
use scanner::ocr::DEFAULT_LANGUAGES;
use scanner::pipeline::{PageTimings, Pipeline};

/// Measured runs per photo.
const RUNS: usize = 3;

/// One run's stage times, in the order they are printed.
struct Run {
    decode: Duration,
    /// The page's reading as the resident waits for it: when a photo's outline is in doubt,
    /// its page and the whole photo are read at once, and the stage times below add up both.
    read: Duration,
    page: PageTimings,
    classify: Duration,
    pdf: Duration,
    pdf_bytes: usize,
}

impl Run {
    fn total(&self) -> Duration {
        self.decode + self.read + self.classify + self.pdf
    }
}

/// One photo's figures, for the closing table.
struct Row {
    photo: String,
    pipeline: Duration,
    plain: Duration,
    plain_one_thread: Duration,
}

fn main() -> Result<()> {
    let mut photos: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if photos.is_empty() {
        photos.push(default_photo()?);
    }

    let started = Instant::now();
    let mut pipeline = Pipeline::new().context("cannot start OCR")?;
    println!(
        "engine load (once per process): {:8.1} ms",
        ms(started.elapsed())
    );
    run_once(&mut pipeline, &photos[0])?;

    let mut rows = Vec::new();
    for photo in &photos {
        rows.push(bench_photo(&mut pipeline, photo)?);
    }
    if rows.len() > 1 {
        println!();
        println!("| photo | pipeline | plain tesseract | ratio | tesseract, 1 thread | ratio |");
        println!("| --- | ---: | ---: | ---: | ---: | ---: |");
        for row in &rows {
            println!(
                "| {} | {:.2} s | {:.2} s | {:.2} | {:.2} s | {:.2} |",
                row.photo,
                row.pipeline.as_secs_f64(),
                row.plain.as_secs_f64(),
                row.pipeline.as_secs_f64() / row.plain.as_secs_f64(),
                row.plain_one_thread.as_secs_f64(),
                row.pipeline.as_secs_f64() / row.plain_one_thread.as_secs_f64(),
            );
        }
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Times the pipeline and plain tesseract on one photo and prints the figures.
fn bench_photo(pipeline: &mut Pipeline, photo: &Path) -> Result<Row> {
    println!("photo: {}", photo.display());
    let mut runs = (0..RUNS)
        .map(|_| run_once(pipeline, photo))
        .collect::<Result<Vec<_>>>()?;
    runs.sort_by_key(Run::total);
    let run = &runs[RUNS / 2];

    for (stage, time) in [
        ("decode", run.decode),
        ("detect", run.page.detect),
        ("enhance", run.page.enhance),
        ("orient", run.page.orient),
        ("ocr", run.page.ocr),
        ("mrz", run.page.mrz),
        ("classify", run.classify),
        ("pdf", run.pdf),
    ] {
        println!("{stage:>10}: {:8.1} ms", ms(time));
    }
    let total = run.total();
    let stages = run.page.detect + run.page.enhance + run.page.orient + run.page.ocr + run.page.mrz;
    if stages > run.read + run.read / 20 {
        println!(
            "{:>10}: {:8.1} ms (the page and the whole photo read at once: detect to mrz took {:.1} ms)",
            "reading",
            ms(run.read),
            ms(stages)
        );
    }
    println!("{:>10}: {:8.1} ms", "pipeline", ms(total));
    println!("OCR readings for the page: {}", run.page.ocr_readings);
    println!("PDF size: {} KB for one page", run.pdf_bytes.div_ceil(1024));
    println!("peak memory (VmHWM): {}", peak_memory());

    let plain = plain_tesseract(photo, None)?;
    println!(
        "plain `tesseract IMAGE stdout -l {DEFAULT_LANGUAGES}`: {:8.1} ms",
        ms(plain)
    );
    let plain_one_thread = plain_tesseract(photo, Some("1"))?;
    println!(
        "the same with OMP_THREAD_LIMIT=1: {:8.1} ms",
        ms(plain_one_thread)
    );
    println!(
        "ratio pipeline / plain tesseract: {:.2} (target ≤ 0.50); / one-thread tesseract: {:.2}",
        total.as_secs_f64() / plain.as_secs_f64(),
        total.as_secs_f64() / plain_one_thread.as_secs_f64()
    );
    Ok(Row {
        photo: photo.file_name().map_or_else(
            || photo.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        pipeline: total,
        plain,
        plain_one_thread,
    })
}

fn run_once(pipeline: &mut Pipeline, photo: &Path) -> Result<Run> {
    let started = Instant::now();
    let image = load_image(photo).context("cannot load the photo")?;
    let decode = started.elapsed();
    let started = Instant::now();
    let page = pipeline.read_photo(&image)?;
    let read = started.elapsed();
    let started = Instant::now();
    let pages = [page];
    pipeline.classify(&pages);
    let classify = started.elapsed();
    let started = Instant::now();
    let pdf = pipeline.write_pdf(&pages)?;
    let pdf_time = started.elapsed();
    let [page] = pages;
    Ok(Run {
        decode,
        read,
        page: page.timings,
        classify,
        pdf: pdf_time,
        pdf_bytes: pdf.len(),
    })
}

/// The median wall time of the plain tesseract command over as many runs as the pipeline had,
/// with OpenMP limited to `thread_limit` threads when given.
fn plain_tesseract(photo: &Path, thread_limit: Option<&str>) -> Result<Duration> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut command = Command::new("tesseract");
        if let Some(limit) = thread_limit {
            command.env("OMP_THREAD_LIMIT", limit);
        }
        let started = Instant::now();
        let status = command
            .arg(photo)
            .arg("stdout")
            .args(["-l", DEFAULT_LANGUAGES])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("cannot run tesseract")?;
        if !status.success() {
            bail!("tesseract failed on the photo: {status}");
        }
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

/// The process's peak resident memory, as the kernel reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_owned()))
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The first sample photo shipped in the repository.
fn default_photo() -> Result<PathBuf> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/samples");
    let mut photos: Vec<PathBuf> = std::fs::read_dir(&samples)
        .with_context(|| format!("no photo given and no {}", samples.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-photo.jpg"))
        .collect();
    photos.sort();
    photos
        .into_iter()
        .next()
        .context("no photo given and no sample photo found")
}
