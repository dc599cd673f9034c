//! `corpus`: writes a generated, labelled set of document images to a folder.
//!
//! `corpus --seed N --count K -o DIR` writes, for each class × language, K documents as a
//! scan and as a photo (one image per page or card side), plus K photographed pairing cards
//! and K phone screens; each image `X.jpg` has its label in `X.json`.
//! `corpus --samples -o DIR` writes the small named sample set committed in
//! `tests/data/samples/` (see the README there).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;
use kiosk_tests::corpus::camera::{self, FrameSize};
use kiosk_tests::corpus::pairing::Carrier;
use kiosk_tests::corpus::{Generator, Grid, VARIANTS, samples, write_sample};

/// Writes a generated, labelled set of document images.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Seed of the set; the same seed gives the same images.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Documents per class × language (each as scan and photo), and pairing codes per carrier.
    #[arg(long, default_value_t = 2)]
    count: u32,
    /// Write the committed sample set instead (fixed names; uses --seed).
    #[arg(long)]
    samples: bool,
    /// Size of the document photos, WIDTHxHEIGHT (default: the kiosk camera's full
    /// resolution; the committed sample set is 1920x1080, to keep the repository small).
    #[arg(long, value_parser = camera::parse_frame_size)]
    frame: Option<FrameSize>,
    /// Output folder (created if missing).
    #[arg(short, long)]
    out: PathBuf,
}

fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let generator =
        Generator::new(args.seed)?.with_photo_frame(args.frame.unwrap_or(camera::DOCUMENT_FRAME));
    let mut written = 0usize;
    if args.samples {
        for sample in samples::sample_set(&generator)? {
            write_sample(&args.out, &sample)?;
            written += 1;
        }
    } else {
        for spec in Grid::specs(args.count) {
            for variant in VARIANTS {
                for sample in generator.document(&spec, variant) {
                    write_sample(&args.out, &sample)?;
                    written += 1;
                }
            }
        }
        for index in 0..args.count {
            for carrier in [Carrier::Card, Carrier::Screen] {
                write_sample(&args.out, &generator.pairing(carrier, index)?)?;
                written += 1;
            }
        }
    }
    eprintln!(
        "corpus: wrote {written} images with labels to {}",
        args.out.display()
    );
    Ok(())
}
