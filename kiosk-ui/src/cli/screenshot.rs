//! `kiosk screenshot`: the screens drawn by the software renderer into PNG files.
//!
//! `--screen NAME --lang CODE -o FILE.png` draws one screen; `--all DIR` draws every screen in
//! every language the configuration offers as `DIR/<lang>/<screen>.png`. The state shown is
//! a real session taken to that step ([`kiosk_ui::ui::samples`]), with the committed sample
//! photos as camera picture and thumbnails. No display is needed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::builder::PossibleValuesParser;
use kiosk_ui::config::Config;
use kiosk_ui::ui::Display;
use kiosk_ui::ui::render::Headless;
use kiosk_ui::ui::samples::{Pictures, SCREENS, sample};
use slint::ComponentHandle;

/// Where the sample photos are in a source checkout.
const SAMPLE_PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/samples");

/// Draw the kiosk's screens into PNG files, without a display.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The screen to draw.
    #[arg(long, value_parser = PossibleValuesParser::new(SCREENS),
          required_unless_present = "all", requires = "out")]
    screen: Option<String>,
    /// The language to draw it in (a code the configuration offers).
    #[arg(long, default_value = "fr")]
    lang: String,
    /// The PNG file to write.
    #[arg(short, long, value_name = "FILE.png")]
    out: Option<PathBuf>,
    /// Draw every screen in every language into DIR/<lang>/<screen>.png.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["screen", "out"])]
    all: Option<PathBuf>,
    /// The sample photos shown as camera picture and thumbnails (tests/data/samples).
    #[arg(long, value_name = "DIR", default_value = SAMPLE_PHOTOS)]
    samples: PathBuf,
}

/// Runs `kiosk screenshot`.
pub fn run(args: Args, config: &Config) -> anyhow::Result<ExitCode> {
    let headless = Headless::install()?;
    let window = headless.window()?;
    let mut display = Display::new(window.clone_strong(), &config.languages);
    let pictures = Pictures::load(&args.samples);
    let mut draw = |screen: &str, lang: &str, file: &Path| -> anyhow::Result<()> {
        let scene = sample(screen, lang, &pictures)
            .with_context(|| format!("no sample screen called {screen}"))?;
        display.show(&scene);
        let picture = headless.snapshot(&window)?;
        picture
            .save(file)
            .with_context(|| format!("writing {}", file.display()))
    };
    match (args.all, args.screen, args.out) {
        (Some(dir), _, _) => {
            for lang in &config.languages {
                let folder = dir.join(lang);
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("creating {}", folder.display()))?;
                for screen in SCREENS {
                    draw(screen, lang, &folder.join(format!("{screen}.png")))?;
                }
            }
            println!(
                "{} screens in {} languages written to {}",
                SCREENS.len(),
                config.languages.len(),
                dir.display()
            );
        }
        (None, Some(screen), Some(out)) => {
            anyhow::ensure!(
                config.languages.contains(&args.lang),
                "the configuration does not offer the language {}",
                args.lang
            );
            draw(&screen, &args.lang, &out)?;
        }
        _ => anyhow::bail!("give --screen NAME -o FILE.png, or --all DIR"),
    }
    Ok(ExitCode::SUCCESS)
}
