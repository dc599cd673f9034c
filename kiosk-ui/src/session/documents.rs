//! The documents a resident has scanned: pages, sides, type, and whether the vault has them.
//!
//! Pages are opaque [`PageId`]s: their pixels live in the session folder, written and read by
//! the capture and upload code, so the state machine holds no image. Documents get a [`DocId`]
//! that stays the same when others are deleted, so a tap on a thumbnail always means the
//! document the resident saw. Every operation takes ids from the outside and answers `None`
//! or `false` for ids that do not exist: a stale tap never panics.

use scanner::classify::DocClass;

use super::events::UploadFailure;

/// A captured page, as stored in the session folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(u64);

impl PageId {
    /// The page with this number (the capture code numbers pages as it stores them).
    pub fn from_raw(raw: u64) -> Self {
        Self(raw)
    }

    /// The page's number.
    pub fn raw(self) -> u64 {
        self.0
    }
}

/// A document of this session; stable for its whole life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(u32);

impl DocId {
    /// The document with this number (for UIs that pass numbers through callbacks).
    pub fn from_raw(raw: u32) -> Self {
        Self(raw)
    }

    /// The document's number.
    pub fn raw(self) -> u32 {
        self.0
    }
}

/// Which side of a sheet or card a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A page of the document (the front of a card).
    Front,
    /// The back of a card.
    Back,
}

/// One page of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The stored page.
    pub id: PageId,
    /// Front or back.
    pub side: Side,
}

/// Where a document stands with the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendState {
    /// Not sent yet.
    NotSent,
    /// Being sent, with the share already sent (0–100).
    Sending(u8),
    /// The vault confirmed it.
    Saved,
    /// Given up on, for this reason; it is not in the vault.
    NotSaved(UploadFailure),
}

/// A document: its type and pages, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its id.
    pub id: DocId,
    /// Its type (the classifier's guess, or the resident's choice).
    pub class: DocClass,
    /// Its pages, fronts and backs in the order they were taken.
    pub pages: Vec<Page>,
    /// Where it stands with the vault.
    pub send: SendState,
}

impl Document {
    /// Whether a back side has been taken.
    pub fn has_back(&self) -> bool {
        self.pages.iter().any(|p| p.side == Side::Back)
    }
}

/// Whether documents of this class are cards with a back side worth asking for.
pub fn is_card(class: DocClass) -> bool {
    matches!(
        class,
        DocClass::IdentityCard | DocClass::ResidencePermit | DocClass::HealthInsurance
    )
}

/// The session's documents.
#[derive(Debug, Default)]
pub(super) struct Documents {
    docs: Vec<Document>,
    next_id: u32,
}

impl Documents {
    /// All documents, in the order they were started.
    pub fn all(&self) -> &[Document] {
        &self.docs
    }

    /// Starts a document with its first page; returns its id.
    pub fn start(&mut self, first: PageId, class: DocClass) -> DocId {
        let id = DocId(self.next_id);
        self.next_id += 1;
        self.docs.push(Document {
            id,
            class,
            pages: vec![Page {
                id: first,
                side: Side::Front,
            }],
            send: SendState::NotSent,
        });
        id
    }

    /// The document with this id.
    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.docs.iter().find(|d| d.id == id)
    }

    /// The document with this id, mutable.
    pub fn get_mut(&mut self, id: DocId) -> Option<&mut Document> {
        self.docs.iter_mut().find(|d| d.id == id)
    }

    /// Adds a page at the end of a document; false if the document is gone.
    pub fn add(&mut self, id: DocId, page: PageId, side: Side) -> bool {
        self.get_mut(id)
            .map(|d| d.pages.push(Page { id: page, side }))
            .is_some()
    }

    /// A later page may say what the first one could not — a card's back with its
    /// machine-readable zone, a payslip's second sheet: a document still typed `Other` takes
    /// that page's type. A type already known (guessed or chosen) stays.
    pub fn refine_class(&mut self, id: DocId, page_guess: DocClass) {
        if let Some(doc) = self.get_mut(id)
            && doc.class == DocClass::Other
        {
            doc.class = page_guess;
        }
    }

    /// Puts `page` in place of page `index`; returns the replaced page.
    pub fn replace(&mut self, id: DocId, index: usize, page: PageId) -> Option<PageId> {
        let slot = self.get_mut(id)?.pages.get_mut(index)?;
        Some(std::mem::replace(&mut slot.id, page))
    }

    /// Removes page `index`, and the document with it when it was its last page; returns the
    /// removed page.
    pub fn delete(&mut self, id: DocId, index: usize) -> Option<PageId> {
        let doc = self.get_mut(id)?;
        if index >= doc.pages.len() {
            return None;
        }
        let removed = doc.pages.remove(index).id;
        if doc.pages.is_empty() {
            self.docs.retain(|d| d.id != id);
        }
        Some(removed)
    }

    /// Whether any document is on its way to the vault.
    pub fn any_sending(&self) -> bool {
        self.docs
            .iter()
            .any(|d| matches!(d.send, SendState::Sending(_)))
    }

    /// Every document's class whose upload the vault confirmed.
    pub fn saved_classes(&self) -> Vec<DocClass> {
        self.docs
            .iter()
            .filter(|d| d.send == SendState::Saved)
            .map(|d| d.class)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: u64) -> PageId {
        PageId::from_raw(n)
    }

    #[test]
    fn ids_survive_deleting_other_documents() {
        let mut docs = Documents::default();
        let a = docs.start(page(1), DocClass::Payslip);
        let b = docs.start(page(2), DocClass::TaxNotice);
        assert_eq!(docs.delete(a, 0), Some(page(1)));
        assert!(docs.get(a).is_none(), "a document without pages is gone");
        assert_eq!(docs.get(b).map(|d| d.class), Some(DocClass::TaxNotice));
        let c = docs.start(page(3), DocClass::Other);
        assert_ne!(c, a, "ids are never reused");
    }

    #[test]
    fn stale_ids_and_indices_are_refused() {
        let mut docs = Documents::default();
        let a = docs.start(page(1), DocClass::Payslip);
        assert_eq!(docs.replace(a, 5, page(9)), None);
        assert_eq!(docs.delete(a, 1), None);
        assert!(!docs.add(DocId::from_raw(42), page(9), Side::Front));
        assert_eq!(docs.replace(a, 0, page(9)), Some(page(1)));
        assert_eq!(docs.get(a).unwrap().pages[0].id, page(9));
    }
}
