//! The document worker: one thread that holds everything the resident's pages are made of.
//!
//! ```text
//! Job::Read(page, JPEG)   ─▶ session folder (page file) ─▶ Pipeline::read_grey ─▶ classify
//!                            ─▶ Report::PageRead (first guess of the class, thumbnail)
//! Job::Document(item)     ─▶ classify (dates for the name) ─▶ searchable PDF in the folder
//!                            ─▶ vault::Document (path + name) for the upload task
//! Job::Copies(pages)      ─▶ one PDF of those pages for the printer
//! Job::Discard(page)      ─▶ page file erased, cached reading dropped
//! Job::Wipe               ─▶ every cached image and text zeroed, SessionFolder::wipe
//! ```
//!
//! One [`Pipeline`] (one tesseract engine) serves every page of a session, and a fresh one the
//! next session (the old engine holds words it read). The session
//! folder is created on the first page and erased at the wipe, so between sessions none
//! exists. Jobs run in order, so a wipe always comes after the work sent before it. The
//! worker owns the folder and the cached readings: resident data has one home in the process.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use image::{DynamicImage, imageops};
use scanner::classify::DocClass;
use scanner::pipeline::{Page, Pipeline};
use thiserror::Error;
use tokio::sync::oneshot;
use zeroize::{Zeroize, Zeroizing};

use super::Report;
use super::captured::CapturedPage;
use crate::session::wipe::{SessionFolder, SessionRoot, WipeError};
use crate::session::{PageId, UploadItem};
use crate::vault::naming::{self, NameFields, YearMonth};

/// Width of the thumbnails shown on the review screen.
const THUMBNAIL_WIDTH: u32 = 240;

/// Why the worker could not make a document.
#[derive(Debug, Error)]
pub enum DocumentError {
    /// The session folder could not be used.
    #[error("the session folder: {0}")]
    Folder(#[from] WipeError),
    /// A page could not be read again from its file.
    #[error("a page could not be read")]
    Page,
    /// The scanner failed to write the PDF.
    #[error("the PDF could not be made")]
    Pdf(#[from] scanner::pipeline::PipelineError),
    /// The PDF file could not be written.
    #[error("the PDF could not be stored: {0}")]
    Write(std::io::Error),
    /// The worker has stopped.
    #[error("the document worker has stopped")]
    Gone,
}

/// What the worker is asked to do.
enum Job {
    /// Store and read a captured page.
    Read { page: PageId, photo: CapturedPage },
    /// Forget a page.
    Discard(PageId),
    /// Make the PDF of a document for the vault.
    Document {
        item: UploadItem,
        language: String,
        reply: oneshot::Sender<Result<crate::vault::Document, DocumentError>>,
    },
    /// Make one PDF of these pages for paper copies.
    Copies {
        pages: Vec<PageId>,
        reply: oneshot::Sender<Result<Zeroizing<Vec<u8>>, DocumentError>>,
    },
    /// Erase everything of the session.
    Wipe,
}

/// A cloneable way to ask the worker for documents (used by the upload and print tasks).
#[derive(Clone)]
pub(super) struct DocumentDesk {
    jobs: Sender<Job>,
}

impl DocumentDesk {
    /// The searchable PDF of a document, stored in the session folder, with its vault name.
    pub async fn document(
        &self,
        item: UploadItem,
        language: String,
    ) -> Result<crate::vault::Document, DocumentError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::Document {
                item,
                language,
                reply,
            })
            .map_err(|_| DocumentError::Gone)?;
        answer.await.map_err(|_| DocumentError::Gone)?
    }

    /// One PDF of `pages`, in memory, for the printer.
    pub async fn copies(&self, pages: Vec<PageId>) -> Result<Zeroizing<Vec<u8>>, DocumentError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::Copies { pages, reply })
            .map_err(|_| DocumentError::Gone)?;
        answer.await.map_err(|_| DocumentError::Gone)?
    }
}

/// The handle the kiosk keeps on its document worker.
pub(super) struct DocumentWorker {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl DocumentWorker {
    /// Starts the worker with its pipeline; pages go to session folders under `root`.
    pub fn start(
        pipeline: Pipeline,
        root: SessionRoot,
        reports: Sender<Report>,
    ) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("documents".into())
            .spawn(move || {
                Worker {
                    pipeline,
                    root,
                    folder: None,
                    pages: HashMap::new(),
                    reports,
                }
                .run(queue)
            })?;
        Ok(Self {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// A desk for the async tasks.
    pub fn desk(&self) -> DocumentDesk {
        DocumentDesk {
            jobs: self.jobs.clone().expect("the worker runs until dropped"),
        }
    }

    /// Stores and reads a captured page; the answer comes as [`Report::PageRead`].
    pub fn read(&self, page: PageId, photo: CapturedPage) {
        self.send(Job::Read { page, photo });
    }

    /// Erases a page.
    pub fn discard(&self, page: PageId) {
        self.send(Job::Discard(page));
    }

    /// Erases the session; the outcome comes as [`Report::Wiped`].
    pub fn wipe(&self) {
        self.send(Job::Wipe);
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // A worker that is gone has reported why (Report::WorkerGone).
            let _ = jobs.send(job);
        }
    }
}

impl Drop for DocumentWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The worker's state.
struct Worker {
    pipeline: Pipeline,
    root: SessionRoot,
    folder: Option<SessionFolder>,
    /// Pages read this session.
    pages: HashMap<PageId, Page>,
    reports: Sender<Report>,
}

impl Worker {
    fn run(mut self, queue: Receiver<Job>) {
        // Jobs keep coming until the kiosk drops its senders (desks in tasks included).
        while let Ok(job) = queue.recv() {
            match job {
                Job::Read { page, photo } => self.read(page, photo),
                Job::Discard(page) => self.discard(page),
                Job::Document {
                    item,
                    language,
                    reply,
                } => {
                    let _ = reply.send(self.document(&item, &language));
                }
                Job::Copies { pages, reply } => {
                    let _ = reply.send(self.copies(&pages));
                }
                Job::Wipe => self.wipe(),
            }
        }
        // The process is ending: leave nothing behind.
        self.wipe();
    }

    fn folder(&mut self) -> Result<&SessionFolder, WipeError> {
        if self.folder.is_none() {
            self.folder = Some(self.root.create_folder()?);
        }
        Ok(self.folder.as_ref().expect("created above"))
    }

    fn read(&mut self, page: PageId, photo: CapturedPage) {
        let stored = self
            .folder()
            .and_then(|folder| folder.write_page(page, photo.jpeg()));
        if let Err(e) = stored {
            eprintln!("kiosk: page not stored ({})", wipe_error_kind(&e));
            let _ = self.reports.send(Report::StorageFailed);
            return;
        }
        let grey = photo.grey();
        drop(photo);
        let Ok(grey) = grey else {
            eprintln!("kiosk: page not decoded");
            let _ = self.reports.send(Report::StorageFailed);
            return;
        };
        // The picture shown if the page cannot be read.
        let fallback = DynamicImage::ImageLuma8(thumbnail(&grey)).into_rgb8();
        // The resident reviews the page as it will be delivered (flat, upright, clean), or
        // the photo itself when it could not be read.
        let (class_guess, thumbnail) = match self.pipeline.read_grey(grey) {
            Ok(mut read) => {
                let class = self.pipeline.classify(std::slice::from_ref(&read)).class;
                let thumbnail = DynamicImage::ImageLuma8(thumbnail(&read.image)).into_rgb8();
                // Held until the document is sent: no finer than its PDF needs.
                read.keep_for_pdf();
                self.pages.insert(page, read);
                (class, thumbnail)
            }
            Err(_) => {
                // The page file is kept: the document step tries it again, and the resident
                // sees the page and can retake it.
                eprintln!("kiosk: page not read");
                (DocClass::Other, fallback)
            }
        };
        let _ = self.reports.send(Report::PageRead {
            page,
            class_guess,
            thumbnail,
        });
    }

    fn discard(&mut self, page: PageId) {
        if let Some(mut read) = self.pages.remove(&page) {
            forget(&mut read);
        }
        if let Some(folder) = &self.folder
            && let Err(e) = folder.discard_page(page)
        {
            eprintln!("kiosk: page not erased ({})", wipe_error_kind(&e));
        }
    }

    /// The page's reading: cached, or read again from its file.
    fn ensure_read(&mut self, page: PageId) -> Result<(), DocumentError> {
        if self.pages.contains_key(&page) {
            return Ok(());
        }
        let bytes = self.folder()?.read_page(page)?;
        let photo =
            scanner::input::decode_bytes(bytes.expose()).map_err(|_| DocumentError::Page)?;
        let mut read = self
            .pipeline
            .read_grey(photo.into_luma8())
            .map_err(|_| DocumentError::Page)?;
        read.keep_for_pdf();
        self.pages.insert(page, read);
        Ok(())
    }

    fn pdf(&mut self, pages: &[PageId]) -> Result<(Zeroizing<Vec<u8>>, Vec<Page>), DocumentError> {
        for page in pages {
            self.ensure_read(*page)?;
        }
        // Clones for the scanner's slice API; zeroed by the caller through `forget`.
        let read: Vec<Page> = pages
            .iter()
            .filter_map(|p| self.pages.get(p).cloned())
            .collect();
        let pdf = Zeroizing::new(self.pipeline.write_pdf(&read)?);
        Ok((pdf, read))
    }

    fn document(
        &mut self,
        item: &UploadItem,
        language: &str,
    ) -> Result<crate::vault::Document, DocumentError> {
        let (pdf, mut read) = self.pdf(&item.pages)?;
        let classification = self.pipeline.classify(&read);
        read.iter_mut().for_each(forget);
        let fields = NameFields {
            period: classification
                .fields
                .get("period")
                .and_then(|v| year_month(v)),
            expiry: classification
                .fields
                .get("expiry")
                .and_then(|v| year_month(v)),
        };
        let name = naming::document_name(item.class, &fields, language);
        let path = self
            .folder()?
            .path()
            .join(format!("document-{}.pdf", item.doc.raw()));
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut file| file.write_all(&pdf))
            .map_err(DocumentError::Write)?;
        Ok(crate::vault::Document { path, name })
    }

    fn copies(&mut self, pages: &[PageId]) -> Result<Zeroizing<Vec<u8>>, DocumentError> {
        let (pdf, mut read) = self.pdf(pages)?;
        read.iter_mut().for_each(forget);
        Ok(pdf)
    }

    fn wipe(&mut self) {
        for (_, mut read) in self.pages.drain() {
            forget(&mut read);
        }
        let outcome = match self.folder.take() {
            Some(folder) => folder.wipe().map(|_| ()),
            None => Ok(()),
        };
        if let Err(e) = &outcome {
            eprintln!("kiosk: wipe incomplete ({})", wipe_error_kind(e));
        }
        self.renew_pipeline();
        // The session's pages and the old engine are freed: hand their pages back to the
        // kernel, which zeroes them, and keep the resident size flat from one session to the
        // next.
        crate::memory::release_free_memory();
        let _ = self.reports.send(Report::Wiped(outcome.is_ok()));
    }

    /// Tesseract keeps the words of the pages it read in its own memory, out of our reach;
    /// only ending the engine frees them (and the allocator, set up by [`crate::memory`],
    /// overwrites what is freed). The next session gets a fresh engine, loaded once the old
    /// one is gone so that the two never weigh together. When none can be loaded the old one
    /// is gone all the same, and the pipeline tries again at its next reading.
    fn renew_pipeline(&mut self) {
        if let Err(e) = self.pipeline.renew_engine() {
            eprintln!("kiosk: ocr engine not reloaded ({e})");
        }
    }
}

/// Zeroes a page's image and text before it is dropped.
fn forget(page: &mut Page) {
    page.image.zeroize_pixels();
    page.text.text.zeroize();
    for word in &mut page.text.words {
        word.text.zeroize();
    }
    page.mrz = None;
}

/// Images whose pixels can be overwritten in place.
pub(super) trait ZeroizePixels {
    fn zeroize_pixels(&mut self);
}

impl<P: image::Pixel<Subpixel = u8>> ZeroizePixels for image::ImageBuffer<P, Vec<u8>> {
    fn zeroize_pixels(&mut self) {
        let pixels: &mut [u8] = self;
        pixels.zeroize();
    }
}

/// `2026-03` or `2031-04-12` → year and month.
fn year_month(value: &str) -> Option<YearMonth> {
    let mut parts = value.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    Some(YearMonth { year, month })
}

/// A picture shrunk to the review screen's thumbnail width, keeping its proportions.
fn thumbnail<P: image::Pixel<Subpixel = u8> + 'static>(
    picture: &image::ImageBuffer<P, Vec<u8>>,
) -> image::ImageBuffer<P, Vec<u8>> {
    let (width, height) = picture.dimensions();
    let height =
        (u64::from(height) * u64::from(THUMBNAIL_WIDTH) / u64::from(width.max(1))).max(1) as u32;
    imageops::thumbnail(picture, THUMBNAIL_WIDTH, height)
}

/// A short name for a session-folder error (its paths are the kiosk's, but stay out of logs).
fn wipe_error_kind(error: &WipeError) -> &'static str {
    match error {
        WipeError::Create { .. } => "create",
        WipeError::Write { .. } => "write",
        WipeError::Read { .. } => "read",
        WipeError::Erase { .. } => "erase",
    }
}
