//! The labelled set of real QR photos (`tests/data/qr-photos/`), read the same way by the
//! `qr_photos` integration test and by the `qr_report` command.
//!
//! Each photo `DIR/N.png` (or `.jpg`, `.gif`) has its exact payload in `DIR/N.txt`, kept as
//! bytes: some hold CRLF line ends, some Japanese text, and a reading counts only when it is
//! byte for byte the same.

use std::path::{Path, PathBuf};

/// One photo and the exact payload its code encodes.
pub struct LabelledPhoto {
    /// The photo file.
    pub image: PathBuf,
    /// The payload, as the bytes of its UTF-8 text.
    pub expected: Vec<u8>,
}

/// How one reader did on one photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One of the payloads read is exactly the expected one.
    Ok,
    /// Something was read, but not the expected payload.
    Wrong,
    /// Nothing was read.
    Missed,
}

impl Verdict {
    /// The verdict for `payloads` read from a photo whose code holds `expected`.
    pub fn of<P: AsRef<[u8]>>(payloads: &[P], expected: &[u8]) -> Self {
        if payloads.iter().any(|p| p.as_ref() == expected) {
            Verdict::Ok
        } else if payloads.is_empty() {
            Verdict::Missed
        } else {
            Verdict::Wrong
        }
    }
}

/// The set's folder in this repository.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/qr-photos")
}

/// Every labelled photo under `dir` (one level of sub-folders), in a stable order.
pub fn labelled_photos(dir: &Path) -> std::io::Result<Vec<LabelledPhoto>> {
    let mut photos = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            folders.push(path);
        }
    }
    for folder in folders {
        for entry in std::fs::read_dir(&folder)? {
            let text = entry?.path();
            if text.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let image = ["png", "jpg", "gif"]
                .iter()
                .map(|ext| text.with_extension(ext))
                .find(|candidate| candidate.is_file());
            if let Some(image) = image {
                let expected = std::fs::read(&text)?;
                photos.push(LabelledPhoto { image, expected });
            }
        }
    }
    photos.sort_by(|a, b| a.image.cmp(&b.image));
    Ok(photos)
}
