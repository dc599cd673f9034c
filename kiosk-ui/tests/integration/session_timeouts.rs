//! Inactivity and the hard cap, with a clock that only moves when the test says so.

use crate::session_support;

use std::time::Duration;

use kiosk_ui::session::{Command, DocClass, EndReason, Event, Screen, Tap, UploadOutcome};
use session_support::{Run, assert_ended_with_wipe};

#[test]
fn the_countdown_appears_and_a_touch_dismisses_it_without_acting() {
    let mut run = Run::new();
    run.pair("link");
    run.capture(DocClass::Payslip);
    run.wait(59);
    assert_eq!(run.view().countdown, None);
    run.wait(6);
    assert_eq!(run.view().countdown, Some(Duration::from_secs(15)));

    // The touch that dismisses the overlay does nothing else: no upload starts.
    assert!(run.tap(Tap::Next).is_empty());
    assert_eq!(run.view().countdown, None);
    assert!(matches!(run.screen(), Screen::Review { .. }));

    // Still there after another full idle time minus a second, then "still here".
    run.wait(70);
    assert!(run.view().countdown.is_some());
    run.tap(Tap::StillHere);
    run.wait(79);
    assert!(!run.session.is_over());
    run.wait(1);
    assert_ended_with_wipe(&run);
    assert_eq!(
        run.screen(),
        Screen::Done {
            reason: EndReason::Inactivity
        }
    );
}

#[test]
fn a_touch_after_the_countdown_ran_out_is_too_late() {
    let mut run = Run::new();
    run.pair("link");
    // No tick arrives (a stalled UI loop): the late tap still finds the session over.
    run.now += Duration::from_secs(200);
    let out = run.tap(Tap::StillHere);
    assert_eq!(out.last(), Some(&Command::Wipe));
    assert_ended_with_wipe(&run);
}

#[test]
fn the_hard_cap_ends_even_a_busy_session() {
    let mut run = Run::new();
    run.pair("link");
    for _ in 0..(15 * 60 / 10 - 1) {
        run.wait(10);
        run.capture(DocClass::Other);
        run.tap(Tap::AddDocument);
    }
    assert!(!run.session.is_over());
    run.wait(10);
    assert_ended_with_wipe(&run);
    assert_eq!(
        run.screen(),
        Screen::Done {
            reason: EndReason::TimeLimit
        }
    );
}

#[test]
fn waiting_for_the_vault_does_not_count_as_idle() {
    let mut run = Run::new();
    run.pair("link");
    run.capture(DocClass::Payslip);
    run.tap(Tap::Next);
    let doc = run.documents()[0].id;
    // A slow network: five minutes of upload, no touch, no countdown.
    run.wait(300);
    assert!(!run.session.is_over());
    assert_eq!(run.view().countdown, None);
    run.send(Event::UploadResult {
        doc,
        outcome: UploadOutcome::Saved,
    });
    // The idle time counts from the vault's answer.
    run.wait(60);
    assert!(run.view().countdown.is_some());
    run.wait(20);
    assert_ended_with_wipe(&run);
}

#[test]
fn the_welcome_screen_never_times_out() {
    let mut run = Run::new();
    run.wait(24 * 3600 / 100);
    run.now += Duration::from_secs(24 * 3600);
    run.send(Event::Tick);
    assert_eq!(run.screen(), Screen::Welcome);
    assert_eq!(run.view().countdown, None);
    assert!(run.log.is_empty());
}
