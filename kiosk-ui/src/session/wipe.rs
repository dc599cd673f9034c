//! The per-session folder and the wipe: where page files live, and how they stop existing.
//!
//! Every session gets its own folder, with a random name and owner-only permissions, under a
//! configurable root that on the kiosk is a RAM-backed filesystem (the systemd unit's
//! RuntimeDirectory, a tmpfs). The capture code writes pages there by [`PageId`]; the upload and
//! print code reads them back into [`SecretBytes`], which zero themselves when dropped.
//!
//! The wipe overwrites each file with zeros before unlinking it, then removes the folder. On a
//! tmpfs that is belt and braces; on a root that is not RAM-backed by mistake it is the best an
//! application can do, and [`SessionRoot::is_ram_backed`] lets the kiosk tell the technician.
//! A [`SessionFolder`] dropped without [`SessionFolder::wipe`] (an unwinding panic) still wipes
//! itself. What no code can run through — a crash, `kill -9`, a power cut — is covered by
//! [`SessionRoot::boot_wipe`], run at start before any session, which erases everything under
//! the root (and the tmpfs itself is gone after a power cut).

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::documents::PageId;
use super::secret::SecretBytes;

/// Filesystem magic numbers of RAM-backed filesystems (statfs(2)).
const TMPFS_MAGIC: u64 = 0x0102_1994;
const RAMFS_MAGIC: u64 = 0x8584_58f6;

/// What went wrong with the session folder. Paths are the kiosk's own, never the resident's.
#[derive(Debug, Error)]
pub enum WipeError {
    /// The root or a session folder could not be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A page could not be written to the session folder.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A page could not be read back.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Something could not be erased.
    #[error("cannot erase {path}: {source}")]
    Erase {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// What a wipe removed (counts only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WipeReport {
    /// Files overwritten and removed.
    pub files: usize,
    /// Folders removed.
    pub folders: usize,
}

/// The folder under which every session folder is made.
#[derive(Debug, Clone)]
pub struct SessionRoot {
    path: PathBuf,
}

impl SessionRoot {
    /// The root at `path` (created when needed, owner-only).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The root's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the root sits on a RAM-backed filesystem (tmpfs or ramfs), as it should.
    pub fn is_ram_backed(&self) -> io::Result<bool> {
        let stats = rustix::fs::statfs(&self.path)?;
        // f_type is a signed kernel long; the magic numbers are its bit patterns.
        let magic = stats.f_type as u64;
        Ok(magic == TMPFS_MAGIC || magic == RAMFS_MAGIC)
    }

    /// Erases everything under the root, leaving the root itself (systemd owns it). Run at
    /// start, before any session, to cover sessions that ended by crash, kill or power cut.
    pub fn boot_wipe(&self) -> Result<WipeReport, WipeError> {
        self.ensure_root()?;
        let mut report = WipeReport::default();
        erase_children(&self.path, &mut report)?;
        Ok(report)
    }

    /// Makes a fresh, owner-only folder for one session.
    pub fn create_folder(&self) -> Result<SessionFolder, WipeError> {
        self.ensure_root()?;
        loop {
            let path = self
                .path
                .join(format!("session-{:016x}", fastrand::u64(..)));
            match DirBuilder::new().mode(0o700).create(&path) {
                Ok(()) => return Ok(SessionFolder { path, wiped: false }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(WipeError::Create { path, source }),
            }
        }
    }

    fn ensure_root(&self) -> Result<(), WipeError> {
        DirBuilder::new()
            .mode(0o700)
            .recursive(true)
            .create(&self.path)
            .map_err(|source| WipeError::Create {
                path: self.path.clone(),
                source,
            })
    }
}

/// One session's folder; erased by [`wipe`](Self::wipe), or on drop at the latest.
#[derive(Debug)]
pub struct SessionFolder {
    path: PathBuf,
    wiped: bool,
}

impl SessionFolder {
    /// The folder's path (for code that writes other session files, such as PDFs).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where a page's file lives.
    pub fn page_path(&self, page: PageId) -> PathBuf {
        self.path.join(format!("page-{}.bin", page.raw()))
    }

    /// Stores a page's bytes (owner-only; never overwrites an existing page).
    pub fn write_page(&self, page: PageId, bytes: &[u8]) -> Result<(), WipeError> {
        let path = self.page_path(page);
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|source| WipeError::Write { path, source })
    }

    /// Reads a page's bytes into a buffer that zeroes itself when dropped.
    pub fn read_page(&self, page: PageId) -> Result<SecretBytes, WipeError> {
        let path = self.page_path(page);
        let read = || -> io::Result<Vec<u8>> {
            let mut file = File::open(&path)?;
            // Exact capacity up front: a growing buffer would leave copies in freed memory.
            let len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
            let mut bytes = Vec::with_capacity(len);
            file.read_to_end(&mut bytes)?;
            Ok(bytes)
        };
        read()
            .map(SecretBytes::new)
            .map_err(|source| WipeError::Read { path, source })
    }

    /// Erases one page's file (a retaken or deleted page); a missing file is not an error.
    pub fn discard_page(&self, page: PageId) -> Result<(), WipeError> {
        let path = self.page_path(page);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(WipeError::Erase { path, source }),
            Ok(_) => erase_file(&path),
        }
    }

    /// Erases the folder and everything in it.
    pub fn wipe(mut self) -> Result<WipeReport, WipeError> {
        self.wiped = true;
        erase_folder(&self.path)
    }
}

impl Drop for SessionFolder {
    fn drop(&mut self) {
        if !self.wiped {
            // Best effort on an unwinding path; the boot-time wipe catches what this misses.
            let _ = erase_folder(&self.path);
        }
    }
}

/// Erases a folder's contents, then the folder.
fn erase_folder(path: &Path) -> Result<WipeReport, WipeError> {
    let mut report = WipeReport::default();
    erase_children(path, &mut report)?;
    fs::remove_dir(path).map_err(|source| WipeError::Erase {
        path: path.to_owned(),
        source,
    })?;
    report.folders += 1;
    Ok(report)
}

/// Erases everything inside `dir`, depth first, without following symbolic links.
fn erase_children(dir: &Path, report: &mut WipeReport) -> Result<(), WipeError> {
    let erase_err = |path: &Path| {
        let path = path.to_owned();
        move |source| WipeError::Erase { path, source }
    };
    for entry in fs::read_dir(dir).map_err(erase_err(dir))? {
        let path = entry.map_err(erase_err(dir))?.path();
        let kind = fs::symlink_metadata(&path)
            .map_err(erase_err(&path))?
            .file_type();
        if kind.is_dir() {
            *report = add(*report, erase_folder(&path)?);
        } else if kind.is_file() {
            erase_file(&path)?;
            report.files += 1;
        } else {
            fs::remove_file(&path).map_err(erase_err(&path))?;
            report.files += 1;
        }
    }
    Ok(())
}

fn add(a: WipeReport, b: WipeReport) -> WipeReport {
    WipeReport {
        files: a.files + b.files,
        folders: a.folders + b.folders,
    }
}

/// Overwrites a regular file with zeros, flushes it, and unlinks it.
fn erase_file(path: &Path) -> Result<(), WipeError> {
    let zero = || -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).open(path)?;
        let mut left = file.metadata()?.len();
        let zeros = [0u8; 64 * 1024];
        while left > 0 {
            let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
            file.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        file.sync_data()
    };
    zero()
        .and_then(|()| fs::remove_file(path))
        .map_err(|source| WipeError::Erase {
            path: path.to_owned(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_dropped_without_wipe_still_disappears() {
        let tmp = tempfile::tempdir().unwrap();
        let root = SessionRoot::new(tmp.path().join("sessions"));
        let folder = root.create_folder().unwrap();
        folder.write_page(PageId::from_raw(1), b"page").unwrap();
        let path = folder.path().to_owned();
        drop(folder);
        assert!(!path.exists());
    }

    #[test]
    fn pages_round_trip_and_discard() {
        let tmp = tempfile::tempdir().unwrap();
        let root = SessionRoot::new(tmp.path());
        let folder = root.create_folder().unwrap();
        let page = PageId::from_raw(7);
        folder.write_page(page, b"pixels").unwrap();
        assert!(
            folder.write_page(page, b"again").is_err(),
            "never overwrites"
        );
        assert_eq!(folder.read_page(page).unwrap().expose(), b"pixels");
        folder.discard_page(page).unwrap();
        assert!(!folder.page_path(page).exists());
        folder.discard_page(page).unwrap();
        assert!(matches!(
            folder.read_page(page),
            Err(WipeError::Read { .. })
        ));
        assert_eq!(
            folder.wipe().unwrap(),
            WipeReport {
                files: 0,
                folders: 1
            }
        );
    }

    #[test]
    fn folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let folder = SessionRoot::new(tmp.path()).create_folder().unwrap();
        let mode = fs::metadata(folder.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
