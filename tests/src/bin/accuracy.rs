//! `accuracy`: runs the real scanner pipeline on a generated set and prints how well it did.
//!
//! `accuracy --seed N --count K [--variant scan|photo] [--failures DIR]` generates K documents
//! of every class × language × variant, reads and classifies each with the pipeline, and
//! prints accuracy per variant, per class and per language, the confusions, how many
//! non-identity documents were taken for identity documents, and how many machine-readable
//! zones were read exactly. `--failures DIR` keeps the images and labels of every miss.
//! The exit status is 0 when every target of issue 2 is met, 1 otherwise.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use kiosk_tests::accuracy::evaluate;
use kiosk_tests::corpus::{Generator, Variant, class_name, write_sample};
use scanner::pipeline::Pipeline;

/// Which variants to generate.
#[derive(Clone, Copy, ValueEnum)]
enum Which {
    /// Clean scans only.
    Scan,
    /// Camera photos only.
    Photo,
    /// Both.
    Both,
}

/// Measures classification and MRZ accuracy on a generated set.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Seed of the generated set.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Documents per class × language × variant.
    #[arg(long, default_value_t = 2)]
    count: u32,
    /// Variants to run.
    #[arg(long, value_enum, default_value_t = Which::Both)]
    variant: Which,
    /// Folder to keep the images and labels of misread documents in.
    #[arg(long)]
    failures: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let variants = match args.variant {
        Which::Scan => vec![Variant::Scan],
        Which::Photo => vec![Variant::Photo],
        Which::Both => vec![Variant::Scan, Variant::Photo],
    };
    if let Some(dir) = &args.failures {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let generator = Generator::new(args.seed)?;
    let mut pipeline = Pipeline::new().context("starting the scanner pipeline")?;
    let started = Instant::now();
    let mut done = 0usize;
    let mut write_error = None;
    let report = evaluate(
        &generator,
        &mut pipeline,
        args.count,
        &variants,
        |outcome, pages| {
            done += 1;
            let mark = if outcome.correct() { "ok  " } else { "MISS" };
            let mrz = match outcome.mrz_exact() {
                Some(true) => " mrz exact",
                Some(false) => " mrz wrong",
                None => "",
            };
            let got = outcome
                .predicted
                .map_or_else(|| "(pipeline error)".into(), class_name);
            eprintln!(
                "[{done:>4}] {mark} {}-{} → {got}{mrz}",
                outcome.document,
                outcome.variant.code()
            );
            let keep = !outcome.correct() || outcome.mrz_exact() == Some(false);
            if let (true, Some(dir)) = (keep, &args.failures) {
                for page in pages {
                    if let Err(e) = write_sample(dir, page) {
                        write_error.get_or_insert(e);
                    }
                }
            }
        },
    );
    if let Some(e) = write_error {
        return Err(e).context("keeping a misread document");
    }
    println!(
        "accuracy of the scanner pipeline on generated documents (seed {}, {} per class × language × variant, {} documents, {:.0} s)\n",
        args.seed,
        args.count,
        report.outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", report.render());
    std::process::exit(if report.meets_targets() { 0 } else { 1 });
}
