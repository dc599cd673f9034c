//! The kiosk on a screen: the runtime and the window on the UI thread, joined by a timer.
//!
//! The runtime's workers do the long work (camera, OCR, vault, printer) on their own threads.
//! On the UI thread, a [`slint::Timer`] collects their reports every [`PUMP_EVERY`]
//! ([`Kiosk::pump`], which never blocks) and shows the result; a tap goes to the runtime at
//! once and its effect is shown at once. When a session has ended, the "this kiosk has erased
//! everything" screen stays for [`DONE_SHOWN_FOR`] so the resident can read it, then the next
//! session starts on the welcome screen.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use image::RgbImage;
use slint::{ComponentHandle, Timer, TimerMode};

use crate::runtime::{Kiosk, Preview};
use crate::session::{PageId, Screen, View};

use super::display::{Display, Scene};
use super::generated::AppWindow;

/// How often the UI thread collects the workers' reports (and how fresh the preview is).
pub const PUMP_EVERY: Duration = Duration::from_millis(40);
/// How long the last screen of a session stays before the welcome screen comes back.
pub const DONE_SHOWN_FOR: Duration = Duration::from_secs(8);

impl Scene for Kiosk {
    fn view(&self) -> View {
        Kiosk::view(self)
    }

    fn preview(&self) -> Option<Preview> {
        Kiosk::preview(self)
    }

    fn processing(&self) -> bool {
        Kiosk::processing(self)
    }

    fn thumbnail(&self, page: PageId) -> Option<RgbImage> {
        Kiosk::thumbnail(self, page)
    }
}

/// Shows `kiosk` in a window until the window is closed; `offered` are the language codes of
/// the welcome screen.
pub fn run(kiosk: Kiosk, offered: &[String]) -> Result<(), slint::PlatformError> {
    let window = AppWindow::new()?;
    let kiosk = Rc::new(RefCell::new(kiosk));
    let display = Rc::new(RefCell::new(Display::new(window.clone_strong(), offered)));
    display.borrow_mut().show(&*kiosk.borrow());

    // The window owns its callbacks; they reach the display through a weak reference so the
    // two do not keep each other alive.
    let weak = Rc::downgrade(&display);
    let taps = kiosk.clone();
    display.borrow().connect(move |event| {
        taps.borrow_mut().handle(event);
        if let Some(display) = weak.upgrade() {
            display.borrow_mut().show(&*taps.borrow());
        }
    });

    let pump = Timer::default();
    let mut done_since: Option<Instant> = None;
    pump.start(TimerMode::Repeated, PUMP_EVERY, move || {
        let mut kiosk = kiosk.borrow_mut();
        kiosk.pump();
        if matches!(kiosk.view().screen, Screen::Done { .. }) {
            let since = *done_since.get_or_insert_with(Instant::now);
            if since.elapsed() >= DONE_SHOWN_FOR {
                kiosk.next_session();
                done_since = None;
            }
        }
        display.borrow_mut().show(&*kiosk);
    });
    window.run()
}
