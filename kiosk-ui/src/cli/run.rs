//! `kiosk run` (also `kiosk` alone): the kiosk in a window, one session after another.
//!
//! The camera is the one the configuration names (`camera.source`: a USB document camera
//! through nokhwa, or `replay:<folder>`), or, with `--demo-pairing`, a staged camera for demos
//! on a desktop: it shows the pairing card while the kiosk waits for a code and the
//! `--demo-pages` photos one after each capture. The window uses Slint's winit backend (any
//! X11 or Wayland desktop, or Xvfb); on the device the same binary runs full screen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use anyhow::Context;
use image::RgbImage;
use kiosk_ui::config::Config;
use kiosk_ui::runtime::{Kiosk, StagedCamera};
use scanner::camera::{CameraError, FrameSource, Reconnecting, ReplaySource, UsbCamera};

/// How often the staged camera of the demo delivers a frame, like a real camera at 10 fps.
const DEMO_FRAME_EVERY: Duration = Duration::from_millis(100);

/// Run the kiosk in a window.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Demo mode: a staged camera shows this picture of a pairing card while the kiosk waits
    /// for a code, then the --demo-pages photos.
    #[arg(long, value_name = "FILE", requires = "demo_pages")]
    demo_pairing: Option<PathBuf>,
    /// Demo mode: the photos laid under the staged camera, one after each capture (image
    /// files, or folders whose images are taken in name order).
    #[arg(long, value_name = "PATH", num_args = 1.., requires = "demo_pairing")]
    demo_pages: Vec<PathBuf>,
}

/// Runs `kiosk run`.
pub fn run(args: Args, config: &Config) -> anyhow::Result<ExitCode> {
    let camera: Box<dyn FrameSource + Send> = match &args.demo_pairing {
        Some(pairing) => {
            let pages = photos(&args.demo_pages)?;
            Box::new(
                StagedCamera::from_files(pairing, &pages)
                    .context("loading the demo photos")?
                    .with_interval(DEMO_FRAME_EVERY),
            )
        }
        None => configured_camera(&config.camera.source)?,
    };
    let kiosk = Kiosk::start(config, camera)?;
    kiosk_ui::ui::run::run(kiosk, &config.languages).context("showing the window")?;
    Ok(ExitCode::SUCCESS)
}

/// The image files named by `paths`, folders expanded to their images in name order.
fn photos(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let is_image = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["jpg", "jpeg", "png"].contains(&e.to_ascii_lowercase().as_str()))
    };
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| is_image(p))
                .collect();
            inside.sort();
            found.extend(inside);
        } else {
            found.push(path.clone());
        }
    }
    anyhow::ensure!(!found.is_empty(), "no demo pages among {paths:?}");
    Ok(found)
}

/// The camera `camera.source` names (validated with the configuration).
fn configured_camera(source: &str) -> anyhow::Result<Box<dyn FrameSource + Send>> {
    if let Some(folder) = source.strip_prefix("replay:") {
        let replay = ReplaySource::from_dir(Path::new(folder), true)
            .with_context(|| format!("replaying {folder}"))?;
        return Ok(Box::new(replay));
    }
    let index = match source {
        "auto" => None,
        device => Some(
            device
                .strip_prefix("/dev/video")
                .and_then(|n| n.parse().ok())
                .with_context(|| format!("camera.source {device}: not a /dev/videoN device"))?,
        ),
    };
    Ok(Box::new(CameraThread::spawn(index)))
}

/// A USB camera on a thread of its own: V4L2 handles stay on the thread that opened them,
/// while the runtime's camera worker needs a source it can move to its thread. Each frame is
/// asked for and handed over through channels; a camera that went away is opened again at the
/// next request ([`Reconnecting`]), so unplugging and plugging it back recovers.
struct CameraThread {
    ask: Sender<()>,
    frames: Receiver<Result<RgbImage, CameraError>>,
    index: Option<u32>,
}

impl CameraThread {
    /// Starts the thread; the camera is opened at the first request (`None`: the first found).
    fn spawn(index: Option<u32>) -> Self {
        let (ask, asked) = mpsc::channel::<()>();
        let (give, frames) = mpsc::channel();
        std::thread::Builder::new()
            .name("usb-camera".into())
            .spawn(move || {
                let mut camera = Reconnecting::new(|| open_usb(index));
                while asked.recv().is_ok() {
                    let frame = camera.next_frame();
                    if give.send(frame).is_err() {
                        break;
                    }
                }
            })
            .map(drop)
            .unwrap_or_else(|err| eprintln!("kiosk: cannot start the camera thread: {err}"));
        Self { ask, frames, index }
    }
}

/// Opens camera `index`, or the first one found.
fn open_usb(index: Option<u32>) -> Result<UsbCamera, CameraError> {
    let index = match index {
        Some(index) => index,
        None => UsbCamera::list()
            .first()
            .map(|(index, _)| *index)
            .ok_or(CameraError::NotFound)?,
    };
    UsbCamera::open(index)
}

impl FrameSource for CameraThread {
    fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
        let gone = || CameraError::Disconnected("the camera thread ended".into());
        self.ask.send(()).map_err(|_| gone())?;
        self.frames.recv().map_err(|_| gone())?
    }

    fn describe(&self) -> String {
        match self.index {
            Some(index) => format!("USB camera /dev/video{index}"),
            None => "the first USB camera".to_owned(),
        }
    }
}
