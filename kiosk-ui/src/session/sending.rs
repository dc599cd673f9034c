//! Sending and the receipt: uploads, their outcomes, printing, and "Finish".
//!
//! A document is saved only when [`UploadOutcome::Saved`] arrives for it while it is being
//! sent; progress never turns into "saved", and a late or unknown result changes nothing.
//! Documents not saved can be sent again. Printing never blocks the resident: a failed job
//! shows a friendly error with "Continue", and "Finish" during a job waits for it at most
//! [`SessionSettings::print_wait`](super::SessionSettings) before ending anyway, so the job has
//! read its pages before the wipe removes them.

use super::commands::{Command, Receipt, ReceiptLine, UploadItem};
use super::documents::SendState;
use super::events::{Event, PrinterProblem, PrinterState, Tap, UploadOutcome};
use super::outcome::{EndReason, Failure};
use super::screen::{ErrorKind, PrintJob};
use super::{Session, Step};

impl Session {
    /// Sends every document whose state matches `which`, and shows the send screen.
    pub(super) fn upload_where(&mut self, which: fn(&SendState) -> bool, out: &mut Vec<Command>) {
        let Some(access) = &self.access else {
            return;
        };
        let mut documents = Vec::new();
        for doc in self.docs.all() {
            if which(&doc.send) {
                documents.push(UploadItem {
                    doc: doc.id,
                    class: doc.class,
                    pages: doc.pages.iter().map(|p| p.id).collect(),
                });
            }
        }
        if documents.is_empty() {
            return;
        }
        for item in &documents {
            if let Some(doc) = self.docs.get_mut(item.doc) {
                doc.send = SendState::Sending(0);
            }
        }
        out.push(Command::Upload {
            access: access.clone(),
            documents,
        });
        self.step = Step::Send;
    }

    /// The send screen: progress, outcomes, then retry or go on.
    pub(super) fn on_send(&mut self, event: Event, out: &mut Vec<Command>) {
        match event {
            Event::UploadProgress { doc, percent } => {
                if let Some(d) = self.docs.get_mut(doc)
                    && matches!(d.send, SendState::Sending(_))
                {
                    d.send = SendState::Sending(percent.min(100));
                }
            }
            Event::UploadResult { doc, outcome } => {
                if let Some(d) = self.docs.get_mut(doc)
                    && matches!(d.send, SendState::Sending(_))
                {
                    d.send = match outcome {
                        UploadOutcome::Saved => SendState::Saved,
                        UploadOutcome::NotSaved(why) => {
                            self.failures.push(Failure::Upload(why));
                            SendState::NotSaved(why)
                        }
                    };
                }
            }
            Event::Tap(Tap::RetryUpload) if !self.docs.any_sending() => {
                self.upload_where(|s| matches!(s, SendState::NotSaved(_)), out)
            }
            Event::Tap(Tap::Next) if !self.docs.any_sending() => {
                if self.printer == PrinterState::Unavailable(PrinterProblem::NoPrinter) {
                    self.end(EndReason::Finished, out);
                } else {
                    self.step = Step::Receipt {
                        printing: None,
                        printed: None,
                        finishing: false,
                    };
                }
            }
            _ => {}
        }
    }

    /// The receipt screen: print a receipt or copies, and finish.
    pub(super) fn on_receipt(&mut self, event: Event, out: &mut Vec<Command>) {
        let Step::Receipt {
            printing,
            printed,
            finishing,
        } = &mut self.step
        else {
            return;
        };
        match event {
            Event::Tap(Tap::PrintReceipt | Tap::PrintCopies)
                if printing.is_none() && self.printer == PrinterState::Ready =>
            {
                let job = if matches!(event, Event::Tap(Tap::PrintReceipt)) {
                    PrintJob::Receipt
                } else {
                    PrintJob::Copies
                };
                *printing = Some((job, self.now));
                *printed = None;
                out.push(if job == PrintJob::Receipt {
                    Command::PrintReceipt(self.receipt())
                } else {
                    Command::PrintCopies(
                        self.docs
                            .all()
                            .iter()
                            .flat_map(|d| d.pages.iter().map(|p| p.id))
                            .collect(),
                    )
                });
            }
            Event::PrintResult(result) if printing.is_some() => {
                let job = printing.take().map(|(job, _)| job);
                let finishing = *finishing;
                match result {
                    Ok(()) => *printed = job,
                    Err(problem) => {
                        self.failures.push(Failure::Print(problem));
                        if !finishing {
                            self.step = Step::Error {
                                kind: ErrorKind::Printer(problem),
                                resume: Some(Box::new(Step::Receipt {
                                    printing: None,
                                    printed: None,
                                    finishing: false,
                                })),
                            };
                        }
                    }
                }
                if finishing {
                    self.end(EndReason::Finished, out);
                }
            }
            Event::Tap(Tap::Finish) => match printing {
                Some((_, sent))
                    if self.now.saturating_duration_since(*sent) < self.settings.print_wait =>
                {
                    *finishing = true
                }
                _ => self.end(EndReason::Finished, out),
            },
            _ => {}
        }
    }

    /// Time passed: a "Finish" waiting on a print job stops waiting after the print wait.
    pub(super) fn on_tick(&mut self, out: &mut Vec<Command>) {
        if let Step::Receipt {
            printing: Some((_, sent)),
            finishing: true,
            ..
        } = self.step
            && self.now.saturating_duration_since(sent) >= self.settings.print_wait
        {
            self.end(EndReason::Finished, out);
        }
    }

    /// The receipt's content: types, page counts and outcomes, in the resident's language.
    fn receipt(&self) -> Receipt {
        Receipt {
            language: self.language.clone(),
            lines: self
                .docs
                .all()
                .iter()
                .map(|d| ReceiptLine {
                    class: d.class,
                    pages: d.pages.len(),
                    saved: d.send == SendState::Saved,
                })
                .collect(),
        }
    }
}
