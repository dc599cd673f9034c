//! A replay camera: a folder of photos played in name order.
//!
//! The demo, the tests and the headless driver use it in place of the document camera. Photos
//! are decoded through [`crate::input`] as they are played, so a damaged file in the folder
//! shows up as a decode error for that frame, exactly like a bad frame from a real camera.

use std::path::{Path, PathBuf};

use image::RgbImage;

use super::{CameraError, FrameSource};
use crate::input;

/// File extensions the replay source plays.
const IMAGE_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Plays the images of a folder (or an explicit list) in order.
#[derive(Debug, Clone)]
pub struct ReplaySource {
    frames: Vec<PathBuf>,
    next: usize,
    looping: bool,
}

impl ReplaySource {
    /// Plays the images directly inside `dir`, sorted by file name.
    pub fn from_dir(dir: &Path, looping: bool) -> Result<Self, CameraError> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| CameraError::Replay(format!("{}: {e}", dir.display())))?;
        let mut frames: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_file() && is_image(path))
            .collect();
        frames.sort();
        Self::from_files(frames, looping)
    }

    /// Plays exactly these files, in this order.
    pub fn from_files(frames: Vec<PathBuf>, looping: bool) -> Result<Self, CameraError> {
        if frames.is_empty() {
            return Err(CameraError::Replay("no images to play".into()));
        }
        Ok(Self {
            frames,
            next: 0,
            looping,
        })
    }

    /// How many frames one pass plays.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether the source has no frames (never true: construction refuses that).
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

impl FrameSource for ReplaySource {
    fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
        if self.next == self.frames.len() {
            if !self.looping {
                return Err(CameraError::Exhausted);
            }
            self.next = 0;
        }
        let path = &self.frames[self.next];
        self.next += 1;
        input::load_image(path)
            .map(|image| image.to_rgb8())
            .map_err(|e| CameraError::Decode(e.to_string()))
    }

    fn describe(&self) -> String {
        format!("replay of {} images", self.frames.len())
    }
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(names: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "scanner-replay-{}-{}",
            std::process::id(),
            names.join("-")
        ));
        std::fs::create_dir_all(&dir).expect("temp folder");
        for (shade, name) in names.iter().enumerate() {
            let path = dir.join(name);
            if is_image(&path) {
                RgbImage::from_pixel(4, 3, image::Rgb([shade as u8 * 50; 3]))
                    .save(&path)
                    .expect("writing a frame");
            } else {
                std::fs::write(&path, b"not a frame").expect("writing a note");
            }
        }
        dir
    }

    #[test]
    fn plays_images_in_name_order_and_skips_other_files() {
        let dir = folder_with(&["b.png", "a.png", "notes.txt"]);
        let mut source = ReplaySource::from_dir(&dir, false).expect("two images");
        assert_eq!(source.len(), 2);
        // a.png was written second, so it has the second shade.
        assert_eq!(
            source.next_frame().expect("frame").get_pixel(0, 0).0,
            [50; 3]
        );
        assert_eq!(
            source.next_frame().expect("frame").get_pixel(0, 0).0,
            [0; 3]
        );
        assert!(matches!(source.next_frame(), Err(CameraError::Exhausted)));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn loops_when_asked() {
        let dir = folder_with(&["only.png"]);
        let mut source = ReplaySource::from_dir(&dir, true).expect("one image");
        for _ in 0..3 {
            assert!(source.next_frame().is_ok());
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn an_empty_or_missing_folder_is_refused() {
        let dir = folder_with(&["readme.txt"]);
        assert!(matches!(
            ReplaySource::from_dir(&dir, false),
            Err(CameraError::Replay(_))
        ));
        assert!(ReplaySource::from_dir(&dir.join("missing"), false).is_err());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_damaged_frame_is_a_decode_error_not_the_end() {
        let dir = folder_with(&["a.png", "b.jpg"]);
        std::fs::write(dir.join("b.jpg"), b"\xFF\xD8\xFF broken").expect("damaging a frame");
        let mut source = ReplaySource::from_dir(&dir, true).expect("two files");
        assert!(source.next_frame().is_ok());
        assert!(matches!(source.next_frame(), Err(CameraError::Decode(_))));
        assert!(source.next_frame().is_ok());
        std::fs::remove_dir_all(dir).ok();
    }
}
