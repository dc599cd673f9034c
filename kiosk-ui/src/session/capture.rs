//! Scanning and reviewing: pages in, documents shaped by the resident.
//!
//! Each capture lands where the scan screen's [`ScanTarget`] says: the first page of a new
//! document, another page, the back of a card, or in place of a retaken page. A card (identity
//! card, residence permit, health insurance) asks for its back side straight away, with "Next"
//! to skip it. Pages that stop being part of a document — retaken, deleted, or captured for a
//! document that no longer exists — go out as [`Command::DiscardPage`] so their files leave the
//! session folder at once rather than at the wipe.

use scanner::classify::DocClass;

use super::commands::Command;
use super::documents::{PageId, Side, is_card};
use super::events::{Event, Tap};
use super::screen::ScanTarget;
use super::{Session, Step};

impl Session {
    /// The scan screen: guidance, the shutter button, captures, skip and back.
    pub(super) fn on_scan(&mut self, event: Event, out: &mut Vec<Command>) {
        let Step::Scan { target, guidance } = &mut self.step else {
            return;
        };
        let target = *target;
        match event {
            Event::Guidance(advice) => *guidance = advice,
            Event::Tap(Tap::CaptureNow) => out.push(Command::CaptureNow),
            Event::CaptureReady { page, class_guess } => {
                self.captured(target, page, class_guess, out)
            }
            Event::Tap(Tap::Next) if matches!(target, ScanTarget::BackSide(_)) => {
                self.step = Step::Review
            }
            Event::Tap(Tap::Back) if !self.docs.all().is_empty() => self.step = Step::Review,
            _ => {}
        }
    }

    /// Puts a captured page where the scan target says, then shows what comes next.
    fn captured(
        &mut self,
        target: ScanTarget,
        page: PageId,
        class_guess: DocClass,
        out: &mut Vec<Command>,
    ) {
        let kept = match target {
            ScanTarget::NewDocument => {
                let doc = self.docs.start(page, class_guess);
                if is_card(class_guess) {
                    self.step = Step::Scan {
                        target: ScanTarget::BackSide(doc),
                        guidance: Default::default(),
                    };
                    return;
                }
                true
            }
            ScanTarget::AddPage(doc) | ScanTarget::BackSide(doc) => {
                let side = match target {
                    ScanTarget::BackSide(_) => Side::Back,
                    _ => Side::Front,
                };
                let added = self.docs.add(doc, page, side);
                if added {
                    self.docs.refine_class(doc, class_guess);
                }
                added
            }
            ScanTarget::Retake { doc, page: index } => match self.docs.replace(doc, index, page) {
                Some(old) => {
                    out.push(Command::DiscardPage(old));
                    true
                }
                None => false,
            },
        };
        if !kept {
            out.push(Command::DiscardPage(page));
        }
        self.step = Step::Review;
    }

    /// The review screen: retake, delete, add, change type, another document, or send.
    pub(super) fn on_review(&mut self, event: Event, out: &mut Vec<Command>) {
        let Event::Tap(tap) = event else {
            return;
        };
        let scan = |target| Step::Scan {
            target,
            guidance: Default::default(),
        };
        match tap {
            Tap::RetakePage { doc, page }
                if self.docs.get(doc).is_some_and(|d| page < d.pages.len()) =>
            {
                self.step = scan(ScanTarget::Retake { doc, page });
            }
            Tap::DeletePage { doc, page } => {
                if let Some(removed) = self.docs.delete(doc, page) {
                    out.push(Command::DiscardPage(removed));
                }
                if self.docs.all().is_empty() {
                    self.step = scan(ScanTarget::NewDocument);
                }
            }
            Tap::AddPage { doc } if self.docs.get(doc).is_some() => {
                self.step = scan(ScanTarget::AddPage(doc));
            }
            Tap::AddBackSide { doc } if self.docs.get(doc).is_some_and(|d| !d.has_back()) => {
                self.step = scan(ScanTarget::BackSide(doc));
            }
            Tap::ChangeType { doc, class } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.class = class;
                }
            }
            Tap::AddDocument | Tap::Back => self.step = scan(ScanTarget::NewDocument),
            Tap::Next => self.upload_where(|_| true, out),
            _ => {}
        }
    }
}
