//! Whole sessions through the state machine: every step of the resident's story, and what the
//! kiosk is asked to do at each.

use crate::session_support;

use kiosk_ui::session::{
    CameraMode, Command, DocClass, EndReason, ErrorKind, Event, Failure, Guidance, PairingOutcome,
    PasswordVerdict, PrintJob, PrinterProblem, PrinterState, ReceiptLine, RefusalReason,
    ScanTarget, Screen, SecretText, SendState, Side, Tap, UploadFailure, UploadOutcome,
    VaultAccess, WayForward,
};
use session_support::{Run, assert_ended_with_wipe};

fn upload_of(commands: &[Command]) -> (VaultAccess, Vec<kiosk_ui::session::UploadItem>) {
    commands
        .iter()
        .find_map(|c| match c {
            Command::Upload { access, documents } => Some((access.clone(), documents.clone())),
            _ => None,
        })
        .expect("an upload command")
}

fn summary(run: &Run) -> kiosk_ui::session::SessionSummary {
    run.log
        .iter()
        .find_map(|c| match c {
            Command::Record(summary) => Some(summary.clone()),
            _ => None,
        })
        .expect("a recorded summary")
}

#[test]
fn a_whole_session_from_welcome_to_wipe() {
    let mut run = Run::new();
    assert_eq!(run.screen(), Screen::Welcome);
    run.send(Event::LanguageChosen("uk".into()));
    run.send(Event::Printer(PrinterState::Ready));
    assert_eq!(
        run.tap(Tap::Start),
        vec![Command::Camera(CameraMode::ReadQr)]
    );
    assert_eq!(run.screen(), Screen::Pair);

    let out = run.send(Event::QrDecoded {
        payload: SecretText::from("https://cloud.example/s/drop"),
        outcome: PairingOutcome::Accepted,
    });
    assert_eq!(out, vec![Command::Camera(CameraMode::FindPages)]);
    run.send(Event::Guidance(Guidance::HoldStill));
    assert_eq!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::NewDocument,
            guidance: Guidance::HoldStill
        }
    );

    // An identity card: the kiosk asks for its back.
    let front = run.capture(DocClass::IdentityCard);
    let Screen::Scan {
        target: ScanTarget::BackSide(card),
        ..
    } = run.screen()
    else {
        panic!("asks for the back side, got {:?}", run.screen());
    };
    let back = run.capture(DocClass::Other);
    let docs = run.documents();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, card);
    assert_eq!(
        docs[0].class,
        DocClass::IdentityCard,
        "the back does not reclassify"
    );
    assert_eq!(
        docs[0]
            .pages
            .iter()
            .map(|p| (p.id, p.side))
            .collect::<Vec<_>>(),
        vec![(front, Side::Front), (back, Side::Back)]
    );

    // A two-page payslip.
    run.tap(Tap::AddDocument);
    let p1 = run.capture(DocClass::Payslip);
    let payslip = run.documents()[1].id;
    run.tap(Tap::AddPage { doc: payslip });
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::AddPage(d),
            ..
        } if d == payslip
    ));
    let p2 = run.capture(DocClass::Other);
    // A proof of address.
    run.tap(Tap::AddDocument);
    let bill = run.capture(DocClass::ProofOfAddress);
    assert_eq!(run.documents().len(), 3);

    // Send: the vault gets every document with its pages in order.
    let out = run.tap(Tap::Next);
    let (access, items) = upload_of(&out);
    assert_eq!(
        access,
        VaultAccess::Link {
            link: SecretText::from("https://cloud.example/s/drop"),
            password: None
        }
    );
    let pages: Vec<_> = items.iter().map(|i| (i.class, i.pages.clone())).collect();
    assert_eq!(
        pages,
        vec![
            (DocClass::IdentityCard, vec![front, back]),
            (DocClass::Payslip, vec![p1, p2]),
            (DocClass::ProofOfAddress, vec![bill]),
        ]
    );
    let last_camera = run
        .log
        .iter()
        .rev()
        .find(|c| matches!(c, Command::Camera(_)));
    assert_eq!(
        last_camera,
        Some(&Command::Camera(CameraMode::Off)),
        "camera off while sending"
    );
    for item in &items {
        run.send(Event::UploadProgress {
            doc: item.doc,
            percent: 50,
        });
    }
    assert!(matches!(
        run.screen(),
        Screen::Send {
            finished: false,
            ..
        }
    ));
    assert!(run.tap(Tap::Next).is_empty(), "no leaving while sending");
    for item in &items {
        run.send(Event::UploadResult {
            doc: item.doc,
            outcome: UploadOutcome::Saved,
        });
    }
    let Screen::Send {
        documents,
        finished: true,
    } = run.screen()
    else {
        panic!("send finished");
    };
    assert!(documents.iter().all(|d| d.send == SendState::Saved));

    // Receipt.
    run.tap(Tap::Next);
    assert!(matches!(
        run.screen(),
        Screen::Receipt {
            printing: false,
            ..
        }
    ));
    let out = run.tap(Tap::PrintReceipt);
    let Some(Command::PrintReceipt(receipt)) = out.first() else {
        panic!("a receipt is printed: {out:?}");
    };
    assert_eq!(receipt.language, "uk");
    assert_eq!(
        receipt.lines,
        vec![
            ReceiptLine {
                class: DocClass::IdentityCard,
                pages: 2,
                saved: true
            },
            ReceiptLine {
                class: DocClass::Payslip,
                pages: 2,
                saved: true
            },
            ReceiptLine {
                class: DocClass::ProofOfAddress,
                pages: 1,
                saved: true
            },
        ]
    );
    run.send(Event::PrintResult(Ok(())));
    assert!(
        matches!(
            run.screen(),
            Screen::Receipt {
                printing: false,
                printed: Some(PrintJob::Receipt),
                ..
            }
        ),
        "the screen says the receipt is out: {:?}",
        run.screen()
    );
    assert!(matches!(
        run.tap(Tap::PrintCopies).first(),
        Some(Command::PrintCopies(pages)) if pages.len() == 5
    ));
    assert!(matches!(
        run.screen(),
        Screen::Receipt {
            printing: true,
            printed: None,
            ..
        }
    ));
    run.send(Event::PrintResult(Ok(())));
    assert!(matches!(
        run.screen(),
        Screen::Receipt {
            printed: Some(PrintJob::Copies),
            ..
        }
    ));
    run.tap(Tap::Finish);
    assert_ended_with_wipe(&run);
    assert_eq!(
        run.screen(),
        Screen::Done {
            reason: EndReason::Finished
        }
    );
    let summary = summary(&run);
    assert_eq!(
        summary.saved,
        vec![
            DocClass::IdentityCard,
            DocClass::Payslip,
            DocClass::ProofOfAddress
        ]
    );
    assert!(summary.failures.is_empty());
    assert_eq!(run.view().language, "uk");
}

#[test]
fn a_later_page_gives_its_type_to_a_document_the_first_page_left_unknown() {
    let mut run = Run::new();
    run.pair("https://cloud.example/s/drop");
    // A card front the classifier could not place, then its back with the zone.
    run.capture(DocClass::Other);
    let card = run.documents()[0].id;
    run.tap(Tap::AddPage { doc: card });
    run.capture(DocClass::IdentityCard);
    assert_eq!(run.documents()[0].class, DocClass::IdentityCard);

    // A type already known, or chosen by the resident, is kept.
    run.tap(Tap::ChangeType {
        doc: card,
        class: DocClass::ResidencePermit,
    });
    run.tap(Tap::AddPage { doc: card });
    run.capture(DocClass::Payslip);
    let card = &run.documents()[0];
    assert_eq!(card.class, DocClass::ResidencePermit);
    assert_eq!(card.pages.len(), 3);
}

#[test]
fn every_end_path_ends_in_the_same_wipe() {
    type Path = (&'static str, fn(&mut Run), EndReason);
    let paths: [Path; 9] = [
        (
            "cancel on pairing",
            |r| {
                r.tap(Tap::Start);
                r.tap(Tap::Cancel);
            },
            EndReason::Cancelled,
        ),
        (
            "back on pairing",
            |r| {
                r.tap(Tap::Start);
                r.tap(Tap::Back);
            },
            EndReason::Cancelled,
        ),
        (
            "cancel while scanning",
            |r| {
                r.pair("l");
                r.capture(DocClass::Payslip);
                r.tap(Tap::AddDocument);
                r.tap(Tap::Cancel);
            },
            EndReason::Cancelled,
        ),
        (
            "cancel while sending",
            |r| {
                r.pair("l");
                r.capture(DocClass::Payslip);
                r.tap(Tap::Next);
                r.tap(Tap::Cancel);
            },
            EndReason::Cancelled,
        ),
        (
            "cancel on an error",
            |r| {
                r.tap(Tap::Start);
                r.send(Event::QrDecoded {
                    payload: "x".into(),
                    outcome: PairingOutcome::Refused(RefusalReason::NotAVaultLink),
                });
                r.tap(Tap::Cancel);
            },
            EndReason::Cancelled,
        ),
        (
            "fault",
            |r| {
                r.pair("l");
                r.send(Event::Fault(kiosk_ui::session::FaultKind::Worker));
            },
            EndReason::Fault,
        ),
        (
            "inactivity",
            |r| {
                r.pair("l");
                r.wait(80);
            },
            EndReason::Inactivity,
        ),
        (
            "time limit",
            |r| {
                r.pair("l");
                for _ in 0..30 {
                    r.wait(30);
                    r.tap(Tap::StillHere);
                }
            },
            EndReason::TimeLimit,
        ),
        (
            "finish without printer",
            |r| {
                r.pair("l");
                let page = r.capture(DocClass::Payslip);
                let _ = page;
                r.tap(Tap::Next);
                let doc = r.documents()[0].id;
                r.send(Event::UploadResult {
                    doc,
                    outcome: UploadOutcome::Saved,
                });
                r.tap(Tap::Next);
            },
            EndReason::Finished,
        ),
    ];
    for (name, story, reason) in paths {
        let mut run = Run::new();
        story(&mut run);
        assert_ended_with_wipe(&run);
        assert_eq!(run.screen(), Screen::Done { reason }, "{name}");
        let summary = summary(&run);
        assert_eq!(summary.reason, reason, "{name}");
        let camera_off = run
            .log
            .iter()
            .rposition(|c| *c == Command::Camera(CameraMode::Off));
        let last_on = run
            .log
            .iter()
            .rposition(|c| matches!(c, Command::Camera(m) if *m != CameraMode::Off));
        assert!(camera_off > last_on, "{name}: the camera ends closed");
        // Nothing happens after the end.
        assert!(run.tap(Tap::Start).is_empty(), "{name}");
        assert!(run.wait(3600).is_empty(), "{name}");
        assert_eq!(run.wipes(), 1, "{name}");
    }
}

#[test]
fn welcome_is_not_a_session_yet() {
    let mut run = Run::new();
    run.wait(3600);
    run.tap(Tap::Cancel);
    run.send(Event::Fault(kiosk_ui::session::FaultKind::Storage));
    assert_eq!(run.screen(), Screen::Welcome);
    assert!(
        run.log.is_empty(),
        "nothing to wipe before Start: {:?}",
        run.log
    );
}

#[test]
fn a_vault_out_of_reach_during_the_password_check_uses_no_try_and_says_why() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.send(Event::QrDecoded {
        payload: "https://cloud.example/s/locked".into(),
        outcome: PairingOutcome::NeedsPassword,
    });
    run.tap(Tap::Key('5'));
    run.tap(Tap::Submit);
    run.send(Event::PasswordChecked(PasswordVerdict::Refused(
        RefusalReason::VaultUnreachable,
    )));
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::PairingRefused(RefusalReason::VaultUnreachable),
            way_forward: WayForward::TryAgain
        },
        "not \"wrong password\": the password was never checked"
    );
    run.tap(Tap::TryAgain);
    assert_eq!(run.screen(), Screen::Pair);
    run.send(Event::QrDecoded {
        payload: "https://cloud.example/s/locked".into(),
        outcome: PairingOutcome::NeedsPassword,
    });
    assert_eq!(
        run.screen(),
        Screen::Keypad {
            typed: 0,
            tries_left: 3,
            checking: false
        },
        "every try is still there"
    );
}

#[test]
fn the_keypad_takes_a_password_and_gives_up_after_three_wrong_tries() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.send(Event::QrDecoded {
        payload: "https://cloud.example/s/locked".into(),
        outcome: PairingOutcome::NeedsPassword,
    });
    assert_eq!(run.log.last(), Some(&Command::Camera(CameraMode::Off)));
    for attempt in 0..3u8 {
        for c in "12a4".chars() {
            run.tap(Tap::Key(c));
        }
        run.tap(Tap::Key('\n'));
        run.tap(Tap::Erase);
        assert_eq!(
            run.screen(),
            Screen::Keypad {
                typed: 3,
                tries_left: 3 - attempt,
                checking: false
            }
        );
        let out = run.tap(Tap::Submit);
        assert_eq!(
            out,
            vec![Command::CheckPassword {
                link: "https://cloud.example/s/locked".into(),
                password: "12a".into()
            }]
        );
        assert!(matches!(
            run.screen(),
            Screen::Keypad { checking: true, .. }
        ));
        assert!(run.tap(Tap::Key('9')).is_empty());
        run.send(Event::PasswordChecked(PasswordVerdict::Wrong));
    }
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::PasswordTriesExhausted,
            way_forward: WayForward::TryAgain
        }
    );
    run.tap(Tap::TryAgain);
    assert_eq!(run.screen(), Screen::Pair);
    assert_eq!(run.log.last(), Some(&Command::Camera(CameraMode::ReadQr)));

    // The second time, the right password opens the link.
    run.send(Event::QrDecoded {
        payload: "https://cloud.example/s/locked".into(),
        outcome: PairingOutcome::NeedsPassword,
    });
    run.tap(Tap::Key('7'));
    run.tap(Tap::Submit);
    run.send(Event::PasswordChecked(PasswordVerdict::Accepted));
    run.capture(DocClass::TaxNotice);
    let (access, _) = upload_of(&run.tap(Tap::Next));
    assert_eq!(
        access,
        VaultAccess::Link {
            link: "https://cloud.example/s/locked".into(),
            password: Some("7".into())
        }
    );
    run.tap(Tap::Cancel);
    assert_eq!(
        summary(&run).failures,
        vec![Failure::PasswordTriesExhausted]
    );
}

#[test]
fn a_refused_code_explains_and_offers_to_try_again() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.send(Event::QrDecoded {
        payload: "https://example.com/menu".into(),
        outcome: PairingOutcome::Refused(RefusalReason::NotAVaultLink),
    });
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::PairingRefused(RefusalReason::NotAVaultLink),
            way_forward: WayForward::TryAgain
        }
    );
    run.tap(Tap::TryAgain);
    assert_eq!(run.screen(), Screen::Pair);
}

#[test]
fn phone_approval_is_revoked_before_the_wipe() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    assert_eq!(
        run.tap(Tap::PhoneApproval),
        vec![
            Command::RequestPhoneApproval,
            Command::Camera(CameraMode::Off)
        ]
    );
    assert_eq!(run.screen(), Screen::PhoneApproval { login: None });
    run.send(Event::PhoneApprovalRequested {
        login: "https://cloud.example/login/v2/flow/abc".into(),
    });
    assert_eq!(
        run.screen(),
        Screen::PhoneApproval {
            login: Some("https://cloud.example/login/v2/flow/abc".into())
        }
    );
    run.send(Event::PhoneApprovalGranted {
        credential: "app-password".into(),
    });
    run.capture(DocClass::Benefits);
    let (access, _) = upload_of(&run.tap(Tap::Next));
    assert_eq!(
        access,
        VaultAccess::Phone {
            credential: "app-password".into()
        }
    );
    run.tap(Tap::Cancel);
    assert_ended_with_wipe(&run);
    let revoke = run
        .log
        .iter()
        .position(|c| *c == Command::RevokeCredential("app-password".into()))
        .expect("revoked");
    let wipe = run.log.iter().position(|c| *c == Command::Wipe).unwrap();
    assert!(revoke < wipe);
}

#[test]
fn a_phone_approval_ending_by_inactivity_is_revoked_too() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.tap(Tap::PhoneApproval);
    run.send(Event::PhoneApprovalGranted {
        credential: "cred".into(),
    });
    run.wait(100);
    assert_ended_with_wipe(&run);
    assert!(run.log.contains(&Command::RevokeCredential("cred".into())));
}

#[test]
fn a_credential_granted_after_leaving_phone_approval_is_revoked_at_once() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.tap(Tap::PhoneApproval);
    assert!(run.tap(Tap::Back).contains(&Command::CancelPhoneApproval));
    assert_eq!(run.screen(), Screen::Pair);
    let out = run.send(Event::PhoneApprovalGranted {
        credential: "late".into(),
    });
    assert_eq!(out, vec![Command::RevokeCredential("late".into())]);
    assert_eq!(run.screen(), Screen::Pair, "still not paired");

    // Even after the session ended.
    run.tap(Tap::Cancel);
    let out = run.send(Event::PhoneApprovalGranted {
        credential: "later".into(),
    });
    assert_eq!(out, vec![Command::RevokeCredential("later".into())]);
}

#[test]
fn cancelling_a_phone_approval_in_progress_stops_it() {
    let mut run = Run::new();
    run.tap(Tap::Start);
    run.tap(Tap::PhoneApproval);
    run.send(Event::PhoneApprovalExpired);
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::PhoneApprovalExpired,
            way_forward: WayForward::TryAgain
        }
    );
    run.tap(Tap::TryAgain);
    run.tap(Tap::PhoneApproval);
    let out = run.tap(Tap::Cancel);
    assert_eq!(out.first(), Some(&Command::CancelPhoneApproval));
    assert_ended_with_wipe(&run);
    assert_eq!(summary(&run).failures, vec![Failure::PhoneApprovalExpired]);
}

#[test]
fn an_upload_failure_is_never_shown_as_saved() {
    let mut run = Run::new();
    run.pair("https://cloud.example/s/drop");
    run.capture(DocClass::Payslip);
    run.tap(Tap::AddDocument);
    run.capture(DocClass::BankDetails);
    let (_, items) = upload_of(&run.tap(Tap::Next));
    let (a, b) = (items[0].doc, items[1].doc);
    run.send(Event::UploadProgress {
        doc: a,
        percent: 100,
    });
    run.send(Event::UploadResult {
        doc: a,
        outcome: UploadOutcome::NotSaved(UploadFailure::Network),
    });
    // Progress and results after the verdict change nothing.
    run.send(Event::UploadProgress {
        doc: a,
        percent: 100,
    });
    run.send(Event::UploadResult {
        doc: b,
        outcome: UploadOutcome::Saved,
    });
    run.send(Event::UploadResult {
        doc: b,
        outcome: UploadOutcome::NotSaved(UploadFailure::Refused),
    });
    let docs = run.documents();
    assert_eq!(docs[0].send, SendState::NotSaved(UploadFailure::Network));
    assert_eq!(docs[1].send, SendState::Saved);

    // Retrying sends only what is not saved.
    let (_, again) = upload_of(&run.tap(Tap::RetryUpload));
    assert_eq!(again.iter().map(|i| i.doc).collect::<Vec<_>>(), vec![a]);
    run.send(Event::UploadResult {
        doc: a,
        outcome: UploadOutcome::NotSaved(UploadFailure::Network),
    });
    run.tap(Tap::Next);
    let summary = summary(&run);
    assert_eq!(
        summary.saved,
        vec![DocClass::BankDetails],
        "only the confirmed one"
    );
    assert_eq!(
        summary.failures,
        vec![
            Failure::Upload(UploadFailure::Network),
            Failure::Upload(UploadFailure::Network)
        ]
    );
}

#[test]
fn retake_delete_change_type_and_back() {
    let mut run = Run::new();
    run.pair("l");
    let first = run.capture(DocClass::Other);
    let doc = run.documents()[0].id;
    run.tap(Tap::AddPage { doc });
    let second = run.capture(DocClass::Other);

    // Retake the first page: the old one is discarded, the new one takes its place.
    run.tap(Tap::RetakePage { doc, page: 0 });
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::Retake { page: 0, .. },
            ..
        }
    ));
    let retaken = run.new_page();
    let out = run.send(Event::CaptureReady {
        page: retaken,
        class_guess: DocClass::Payslip,
    });
    assert!(out.contains(&Command::DiscardPage(first)));
    let pages: Vec<_> = run.documents()[0].pages.iter().map(|p| p.id).collect();
    assert_eq!(pages, vec![retaken, second]);

    // Change the type.
    run.tap(Tap::ChangeType {
        doc,
        class: DocClass::Employment,
    });
    assert_eq!(run.documents()[0].class, DocClass::Employment);

    // Add a back side, then go back without taking it.
    run.tap(Tap::AddBackSide { doc });
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::BackSide(_),
            ..
        }
    ));
    run.tap(Tap::Back);
    assert!(matches!(run.screen(), Screen::Review { .. }));

    // Back from review is the scan screen; back again returns to review.
    run.tap(Tap::Back);
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::NewDocument,
            ..
        }
    ));
    run.tap(Tap::Back);
    assert!(matches!(run.screen(), Screen::Review { .. }));

    // Delete both pages: the document goes, and the kiosk asks for a page again.
    assert_eq!(
        run.tap(Tap::DeletePage { doc, page: 1 }),
        vec![Command::DiscardPage(second)]
    );
    let out = run.tap(Tap::DeletePage { doc, page: 0 });
    assert!(out.contains(&Command::DiscardPage(retaken)));
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::NewDocument,
            ..
        }
    ));
    assert!(run.tap(Tap::Back).is_empty(), "no review of nothing");

    // A card's back side can be skipped with "Next".
    run.capture(DocClass::HealthInsurance);
    run.tap(Tap::Next);
    let docs = run.documents();
    assert_eq!(docs.len(), 1);
    assert!(!docs[0].has_back());
    let out = run.tap(Tap::Next);
    let (_, items) = upload_of(&out);
    assert_eq!(items[0].class, DocClass::HealthInsurance);
}

#[test]
fn stale_and_out_of_place_events_are_harmless() {
    let mut run = Run::new();
    run.pair("l");
    let page = run.capture(DocClass::Payslip);
    let doc = run.documents()[0].id;
    let ghost = kiosk_ui::session::DocId::from_raw(99);
    for tap in [
        Tap::DeletePage { doc, page: 5 },
        Tap::DeletePage {
            doc: ghost,
            page: 0,
        },
        Tap::RetakePage { doc, page: 3 },
        Tap::AddPage { doc: ghost },
        Tap::ChangeType {
            doc: ghost,
            class: DocClass::Passport,
        },
        Tap::Submit,
        Tap::PrintReceipt,
    ] {
        assert!(run.tap(tap).is_empty(), "{tap:?}");
    }
    assert_eq!(run.documents()[0].pages[0].id, page);
    // A capture arriving when nothing is being scanned is thrown away.
    let stray = run.new_page();
    assert_eq!(
        run.send(Event::CaptureReady {
            page: stray,
            class_guess: DocClass::Other
        }),
        vec![Command::DiscardPage(stray)]
    );
    // A QR code after pairing changes nothing.
    assert!(
        run.send(Event::QrDecoded {
            payload: "other".into(),
            outcome: PairingOutcome::Accepted
        })
        .is_empty()
    );
}

#[test]
fn losing_the_camera_waits_for_it_and_resumes() {
    let mut run = Run::new();
    run.pair("l");
    run.send(Event::CameraLost);
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::CameraLost,
            way_forward: WayForward::Wait
        }
    );
    run.send(Event::CameraLost);
    run.send(Event::CameraBack);
    assert!(matches!(
        run.screen(),
        Screen::Scan {
            target: ScanTarget::NewDocument,
            ..
        }
    ));
    run.capture(DocClass::Passport);

    // Lost while reviewing: nothing to show until the camera is needed.
    run.send(Event::CameraLost);
    assert!(matches!(run.screen(), Screen::Review { .. }));
    run.tap(Tap::AddDocument);
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::CameraLost,
            way_forward: WayForward::Wait
        }
    );
    run.send(Event::CameraBack);
    assert!(matches!(run.screen(), Screen::Scan { .. }));
    run.tap(Tap::Cancel);
    assert_eq!(
        summary(&run).failures,
        vec![Failure::CameraLost, Failure::CameraLost]
    );
}

fn at_receipt(run: &mut Run) {
    run.send(Event::Printer(PrinterState::Ready));
    run.pair("l");
    run.capture(DocClass::CivilStatus);
    let (_, items) = upload_of(&run.tap(Tap::Next));
    run.send(Event::UploadResult {
        doc: items[0].doc,
        outcome: UploadOutcome::Saved,
    });
    run.tap(Tap::Next);
}

#[test]
fn a_failed_print_offers_to_continue() {
    let mut run = Run::new();
    at_receipt(&mut run);
    let out = run.tap(Tap::PrintCopies);
    assert!(matches!(out.as_slice(), [Command::PrintCopies(pages)] if pages.len() == 1));
    assert!(run.tap(Tap::PrintReceipt).is_empty(), "one job at a time");
    run.send(Event::PrintResult(Err(PrinterProblem::OutOfPaper)));
    assert_eq!(
        run.screen(),
        Screen::Error {
            kind: ErrorKind::Printer(PrinterProblem::OutOfPaper),
            way_forward: WayForward::Continue
        }
    );
    run.tap(Tap::Next);
    run.send(Event::Printer(PrinterState::Unavailable(
        PrinterProblem::OutOfPaper,
    )));
    assert!(matches!(
        run.screen(),
        Screen::Receipt {
            printer: PrinterState::Unavailable(PrinterProblem::OutOfPaper),
            ..
        }
    ));
    assert!(
        run.tap(Tap::PrintReceipt).is_empty(),
        "nothing sent to a printer without paper"
    );
    run.tap(Tap::Finish);
    assert_ended_with_wipe(&run);
    assert_eq!(
        summary(&run).failures,
        vec![Failure::Print(PrinterProblem::OutOfPaper)]
    );
}

#[test]
fn finish_waits_for_a_print_job_but_not_forever() {
    let mut run = Run::new();
    at_receipt(&mut run);
    run.tap(Tap::PrintReceipt);
    assert!(run.tap(Tap::Finish).is_empty());
    assert!(matches!(
        run.screen(),
        Screen::Receipt {
            finishing: true,
            ..
        }
    ));
    run.send(Event::PrintResult(Ok(())));
    assert_ended_with_wipe(&run);

    let mut run = Run::new();
    at_receipt(&mut run);
    run.tap(Tap::PrintReceipt);
    run.tap(Tap::Finish);
    run.wait(29);
    assert!(!run.session.is_over());
    run.wait(1);
    assert_ended_with_wipe(&run);
    assert_eq!(
        run.screen(),
        Screen::Done {
            reason: EndReason::Finished
        }
    );
}
