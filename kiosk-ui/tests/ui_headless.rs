//! The screens, headless: find what the resident sees by its accessible label, touch it, and
//! check what the screen shows next.
//!
//! Each test puts Slint's testing backend on its own thread (no display, mock time), shows a
//! real [`Session`] through the same [`Display`] adapter `kiosk run` uses, and taps elements
//! at their centre with pointer events — so an overlay that swallows touches, or a button
//! hidden under another, fails the test as it would fail a resident.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use i_slint_backend_testing::{ElementHandle, ElementQuery};
use image::RgbImage;
use kiosk_ui::runtime::Preview;
use kiosk_ui::session::{
    Command, DocClass, Event, PageId, PairingOutcome, Screen, SecretText, Session, SessionSettings,
    View,
};
use kiosk_ui::ui::generated::Screen as Shown;
use kiosk_ui::ui::{AppWindow, Display, Scene};
use slint::ComponentHandle;
use slint::platform::PointerEventButton;

/// A session with its own clock, as the screen sees it, and what it asked the outside world.
struct Live {
    session: Session,
    now: Instant,
    commands: Vec<Command>,
    /// How many page pictures the window asked for.
    pictures_asked: Cell<u32>,
}

impl Live {
    fn handle(&mut self, event: Event) {
        let asked = self.session.handle(self.now, event);
        self.commands.extend(asked);
    }
}

impl Scene for Live {
    fn view(&self) -> View {
        self.session.view()
    }

    fn preview(&self) -> Option<Preview> {
        None
    }

    fn processing(&self) -> bool {
        false
    }

    fn thumbnail(&self, _page: PageId) -> Option<RgbImage> {
        self.pictures_asked.set(self.pictures_asked.get() + 1);
        Some(RgbImage::from_pixel(120, 160, image::Rgb([240, 240, 230])))
    }
}

/// The window showing a live session, wired like `kiosk run` wires the runtime.
struct Kiosk {
    app: AppWindow,
    live: Rc<RefCell<Live>>,
    display: Rc<RefCell<Display>>,
}

impl Kiosk {
    fn new() -> Self {
        i_slint_backend_testing::init_no_event_loop();
        let app = AppWindow::new().expect("the window");
        app.show().expect("shown");
        let settings = SessionSettings::default();
        let live = Rc::new(RefCell::new(Live {
            session: Session::new(settings, Instant::now()),
            now: Instant::now(),
            commands: Vec::new(),
            pictures_asked: Cell::new(0),
        }));
        let offered = kiosk_ui::config::Config::default().languages;
        let display = Rc::new(RefCell::new(Display::new(app.clone_strong(), &offered)));
        display.borrow_mut().show(&*live.borrow());
        let (taps, weak) = (live.clone(), Rc::downgrade(&display));
        display.borrow().connect(move |event| {
            taps.borrow_mut().handle(event);
            if let Some(display) = weak.upgrade() {
                display.borrow_mut().show(&*taps.borrow());
            }
        });
        Self { app, live, display }
    }

    /// Something from the outside world (a code read, a page captured).
    fn send(&self, event: Event) {
        self.live.borrow_mut().handle(event);
        self.display.borrow_mut().show(&*self.live.borrow());
    }

    /// Lets time pass with nobody touching the screen.
    fn wait(&self, time: Duration) {
        self.live.borrow_mut().now += time;
        self.send(Event::Tick);
    }

    /// Every accessible label on screen.
    fn labels(&self) -> Vec<String> {
        ElementQuery::from_root(&self.app)
            .match_descendants()
            .match_predicate(|e| e.accessible_label().is_some_and(|l| !l.is_empty()))
            .find_all()
            .iter()
            .filter_map(|e| e.accessible_label().map(String::from))
            .collect()
    }

    fn shows(&self, label: &str) -> bool {
        ElementHandle::find_by_accessible_label(&self.app, label)
            .next()
            .is_some()
    }

    /// Touches the element labelled `label`, at its centre.
    fn touch(&self, label: &str) {
        let element = ElementHandle::find_by_accessible_label(&self.app, label)
            .next()
            .unwrap_or_else(|| panic!("nothing labelled {label:?} among {:?}", self.labels()));
        element.mock_single_click(PointerEventButton::Left);
    }

    fn screen(&self) -> Screen {
        self.live.borrow().session.view().screen
    }

    /// Start in English, then a code whose vault asks for a password: the keypad.
    fn at_keypad(&self) {
        self.touch("English");
        self.touch("Start");
        self.send(Event::QrDecoded {
            payload: SecretText::from("https://cloud.example.org/s/HeadlessTest1"),
            outcome: PairingOutcome::NeedsPassword,
        });
    }

    /// Start in English, then a code that opens the vault: the scan screen.
    fn paired(&self) {
        self.touch("English");
        self.touch("Start");
        self.send(Event::QrDecoded {
            payload: SecretText::from("https://cloud.example.org/s/HeadlessTest1"),
            outcome: PairingOutcome::Accepted,
        });
    }
}

#[test]
fn start_leads_from_welcome_to_pairing() {
    let kiosk = Kiosk::new();
    kiosk.touch("English");
    assert_eq!(kiosk.app.get_screen(), Shown::Welcome);
    kiosk.touch("Start");
    assert_eq!(kiosk.screen(), Screen::Pair);
    assert_eq!(kiosk.app.get_screen(), Shown::Pair);
    assert!(!kiosk.shows("Start"), "the welcome screen is gone");
}

#[test]
fn choosing_a_language_changes_the_words_on_screen() {
    let kiosk = Kiosk::new();
    assert_eq!(kiosk.app.get_language(), "fr", "French first");
    assert!(
        !kiosk.shows("Start"),
        "French words, not the English sources: {:?}",
        kiosk.labels()
    );
    let french = kiosk.labels();
    kiosk.touch("English");
    assert_eq!(kiosk.live.borrow().session.view().language, "en");
    assert!(kiosk.shows("Start"), "{:?}", kiosk.labels());
    kiosk.touch("Українська");
    assert!(!kiosk.shows("Start"));
    let ukrainian = kiosk.labels();
    assert_ne!(ukrainian, french, "other words in Ukrainian");
    assert!(
        ukrainian
            .iter()
            .any(|l| l.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))),
        "Cyrillic on screen: {ukrainian:?}"
    );
}

#[test]
fn the_keypad_shows_one_dot_per_character_and_never_the_characters() {
    let kiosk = Kiosk::new();
    kiosk.at_keypad();
    assert_eq!(kiosk.app.get_screen(), Shown::Keypad);
    assert!(kiosk.shows("0 characters typed"), "{:?}", kiosk.labels());
    for digit in ["7", "3", "9"] {
        kiosk.touch(digit);
    }
    assert!(kiosk.shows("3 characters typed"), "{:?}", kiosk.labels());
    assert_eq!(kiosk.app.get_keypad_typed(), 3);
    kiosk.touch("Erase");
    assert!(kiosk.shows("2 characters typed"), "{:?}", kiosk.labels());
    assert!(
        !kiosk.labels().iter().any(|l| l.contains("73")),
        "what was typed is never shown"
    );
}

#[test]
fn a_share_password_is_typed_on_the_letters_layer_in_both_cases() {
    let kiosk = Kiosk::new();
    kiosk.at_keypad();
    kiosk.touch("4");
    kiosk.touch("ABC");
    assert!(!kiosk.shows("4"), "the digits make way for the letters");
    kiosk.touch("k");
    kiosk.touch("abc");
    assert!(kiosk.shows("K"), "capitals now: {:?}", kiosk.labels());
    assert!(!kiosk.shows("k"));
    kiosk.touch("K");
    kiosk.touch("@");
    assert!(kiosk.shows("4 characters typed"), "{:?}", kiosk.labels());
    kiosk.touch("123");
    assert!(kiosk.shows("4"), "back to the digits");
    kiosk.touch("OK");
    let live = kiosk.live.borrow();
    let sent: Vec<&str> = live
        .commands
        .iter()
        .filter_map(|command| match command {
            Command::CheckPassword { password, .. } => Some(password.expose()),
            _ => None,
        })
        .collect();
    assert_eq!(
        sent,
        ["4kK@"],
        "what was typed goes to the vault, cases kept"
    );
}

#[test]
fn changing_a_documents_type_on_the_review_screen() {
    let kiosk = Kiosk::new();
    kiosk.paired();
    kiosk.send(Event::CaptureReady {
        page: PageId::from_raw(1),
        class_guess: DocClass::Payslip,
    });
    assert_eq!(kiosk.app.get_screen(), Shown::Review);
    kiosk.touch("Payslip, 1 page");
    kiosk.touch("Change the type");
    kiosk.touch("Tax notice");
    let Screen::Review { documents } = kiosk.screen() else {
        panic!("still reviewing: {:?}", kiosk.screen());
    };
    assert_eq!(documents[0].class, DocClass::TaxNotice);
    assert!(kiosk.shows("Tax notice, 1 page"), "{:?}", kiosk.labels());
    assert!(!kiosk.shows("Payslip, 1 page"));
}

#[test]
fn a_pages_picture_is_made_once_however_often_its_document_changes() {
    let kiosk = Kiosk::new();
    kiosk.paired();
    kiosk.send(Event::CaptureReady {
        page: PageId::from_raw(1),
        class_guess: DocClass::Payslip,
    });
    kiosk.touch("Payslip, 1 page");
    kiosk.touch("Change the type");
    kiosk.touch("Tax notice");
    let asked = || kiosk.live.borrow().pictures_asked.get();
    assert_eq!(asked(), 1, "the row changed, its page did not");
    kiosk.touch("Tax notice, 1 page");
    kiosk.touch("Add a page");
    kiosk.send(Event::CaptureReady {
        page: PageId::from_raw(2),
        class_guess: DocClass::Payslip,
    });
    // The scan screen shows no pictures, so they were dropped; back on review, each page's
    // picture is made once.
    assert_eq!(asked(), 3, "pages 1 and 2, once each");
    assert!(kiosk.shows("Tax notice, 2 pages"), "{:?}", kiosk.labels());
}

#[test]
fn a_page_is_taken_again_or_deleted_in_a_second_step_that_back_leaves() {
    let kiosk = Kiosk::new();
    kiosk.paired();
    kiosk.send(Event::CaptureReady {
        page: PageId::from_raw(1),
        class_guess: DocClass::Payslip,
    });
    kiosk.touch("Payslip, 1 page");
    kiosk.touch("Add a page");
    kiosk.send(Event::CaptureReady {
        page: PageId::from_raw(2),
        class_guess: DocClass::Payslip,
    });
    kiosk.touch("Payslip, 2 pages");
    // The document's three choices, for the page chosen below its picture.
    kiosk.touch("Page 2");
    assert!(kiosk.shows("Change the type") && kiosk.shows("Add a page"));
    kiosk.touch("Take again or delete page 2");
    assert!(!kiosk.shows("Change the type"), "{:?}", kiosk.labels());
    assert!(kiosk.shows("Take page 2 again"));
    kiosk.touch("Back");
    assert!(kiosk.shows("Change the type"), "back to the document");
    assert!(!kiosk.shows("Delete page 2"));

    kiosk.touch("Take again or delete page 2");
    kiosk.touch("Delete page 2");
    let Screen::Review { documents } = kiosk.screen() else {
        panic!("still reviewing: {:?}", kiosk.screen());
    };
    let pages: Vec<PageId> = documents[0].pages.iter().map(|p| p.id).collect();
    assert_eq!(pages, [PageId::from_raw(1)], "page 2 went, page 1 stayed");
    assert!(kiosk.shows("Payslip, 1 page"), "{:?}", kiosk.labels());
}

#[test]
fn im_still_here_dismisses_the_inactivity_countdown() {
    let kiosk = Kiosk::new();
    kiosk.touch("English");
    kiosk.touch("Start");
    let settings = SessionSettings::default();
    kiosk.wait(settings.idle_after + Duration::from_secs(5));
    assert!(kiosk.app.get_countdown_visible());
    let left = (settings.countdown - Duration::from_secs(5)).as_secs();
    assert!(
        kiosk.shows(&format!("{left} seconds left")),
        "{:?}",
        kiosk.labels()
    );
    kiosk.touch("I'm still here");
    assert!(!kiosk.app.get_countdown_visible());
    assert_eq!(kiosk.screen(), Screen::Pair, "the session goes on");
    kiosk.wait(settings.idle_after - Duration::from_secs(1));
    assert!(
        !kiosk.app.get_countdown_visible(),
        "the idle time starts over"
    );
}
