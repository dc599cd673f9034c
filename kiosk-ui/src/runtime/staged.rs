//! A camera for demos and headless runs: the pairing card while pairing, pages while scanning.
//!
//! No document camera exists on a desktop or a test machine, and a plain replay of photos in a
//! loop would show pages while the kiosk waits for a QR code and the card while it waits for
//! pages. A [`StagedCamera`] follows what the camera worker is doing (its [`cue`]): while the
//! kiosk reads codes it shows the pairing card; while it finds pages it shows one page after
//! another — the next one after each capture, and an empty table once every page was taken.
//! Pairing again (the next session) starts the pages over. A driver that wants to choose what
//! lies under the camera itself (the headless `kiosk simulate`) takes a [`Stage`] instead.
//!
//! Frames are decoded once and cloned, so the camera costs no decoding per frame.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use image::{Rgb, RgbImage};
use scanner::camera::{CameraError, FrameSource};

use super::camera::cue;
use crate::session::CameraMode;

/// The colour of the empty table: dark and even, so no page is seen on it.
const TABLE: Rgb<u8> = Rgb([60, 52, 44]);

/// What lies under a staged camera that a driver controls.
#[derive(Debug, Clone, Default)]
pub struct Stage {
    page: Arc<Mutex<Option<Arc<RgbImage>>>>,
}

impl Stage {
    /// Lays `page` under the camera (in place of whatever was there).
    pub fn show(&self, page: RgbImage) {
        *self.lock() = Some(Arc::new(page));
    }

    /// Takes the page away: the camera sees the empty table.
    pub fn clear(&self) {
        *self.lock() = None;
    }

    fn current(&self) -> Option<Arc<RgbImage>> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<RgbImage>>> {
        self.page.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where the pages come from.
#[derive(Debug)]
enum Pages {
    /// A fixed sequence, one after each capture.
    Sequence(Vec<RgbImage>),
    /// Whatever the driver lays down.
    Driven(Stage),
}

/// A camera that shows a pairing card, then document pages (see the module docs).
#[derive(Debug)]
pub struct StagedCamera {
    pairing: RgbImage,
    pages: Pages,
    table: RgbImage,
    /// The worker's capture count when pairing was last seen: pages count from there.
    first_capture: u64,
    interval: Option<Duration>,
    last_frame: Option<Instant>,
}

impl StagedCamera {
    /// A camera showing `pairing` while pairing, then `pages` one after each capture.
    pub fn new(pairing: RgbImage, pages: Vec<RgbImage>) -> Self {
        Self::with_pages(pairing, Pages::Sequence(pages))
    }

    /// The same, decoding the images from files.
    pub fn from_files(pairing: &Path, pages: &[PathBuf]) -> Result<Self, CameraError> {
        let pages = pages.iter().map(|p| load(p)).collect::<Result<_, _>>()?;
        Ok(Self::new(load(pairing)?, pages))
    }

    /// A camera showing `pairing` while pairing and, while scanning, whatever the returned
    /// [`Stage`] holds.
    pub fn driven(pairing: RgbImage) -> (Self, Stage) {
        let stage = Stage::default();
        (
            Self::with_pages(pairing, Pages::Driven(stage.clone())),
            stage,
        )
    }

    /// Delivers at most one frame per `interval`, like a real camera (for demos on screen).
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    fn with_pages(pairing: RgbImage, pages: Pages) -> Self {
        let table = RgbImage::from_pixel(pairing.width(), pairing.height(), TABLE);
        Self {
            pairing,
            pages,
            table,
            first_capture: 0,
            interval: None,
            last_frame: None,
        }
    }

    fn pace(&mut self) {
        if let (Some(interval), Some(last)) = (self.interval, self.last_frame) {
            let due = last + interval;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        self.last_frame = Some(Instant::now());
    }
}

impl FrameSource for StagedCamera {
    fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
        self.pace();
        let cue = cue();
        if cue.mode == CameraMode::ReadQr {
            self.first_capture = cue.captures;
            return Ok(self.pairing.clone());
        }
        let page = match &self.pages {
            Pages::Sequence(pages) => {
                let taken = cue.captures.saturating_sub(self.first_capture);
                usize::try_from(taken)
                    .ok()
                    .and_then(|i| pages.get(i))
                    .cloned()
            }
            Pages::Driven(stage) => stage.current().map(|page| (*page).clone()),
        };
        Ok(page.unwrap_or_else(|| self.table.clone()))
    }

    fn describe(&self) -> String {
        match &self.pages {
            Pages::Sequence(pages) => format!("staged camera with {} pages", pages.len()),
            Pages::Driven(_) => "staged camera driven by a script".to_owned(),
        }
    }
}

fn load(path: &Path) -> Result<RgbImage, CameraError> {
    scanner::input::load_image(path)
        .map(|image| image.to_rgb8())
        .map_err(|e| CameraError::Replay(format!("{}: {e}", path.display())))
}
