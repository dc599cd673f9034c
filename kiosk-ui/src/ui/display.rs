//! The adapter between a [`Scene`] and the Slint window: properties in, events out.
//!
//! [`Display::show`] copies what a scene shows — the session's view, the camera picture,
//! whether a page is being read, thumbnails — into the window's properties, touching only what
//! changed so the software renderer redraws only when something visible moved.
//! [`Display::connect`] turns the window's callbacks into session [`Event`]s for a sink (the
//! runtime in `kiosk run`, a plain session in tests). Neither decides anything: the mapping
//! lives in [`props`](super::props) and [`actions`](super::actions).
//!
//! Pictures of the resident's pages (camera preview, thumbnails, the login QR code) are
//! dropped from the window as soon as the screen that shows them is left. A page's picture is
//! converted for Slint once and kept by its [`PageId`] (a retaken page gets a new id) while a
//! document shows it, so a progress tick while sending does not convert every page again.

use std::collections::HashMap;
use std::rc::Rc;

use image::RgbImage;
use slint::{ModelRc, SharedString, VecModel};

use crate::runtime::Preview;
use crate::session::{Event, PageId, View};

use super::actions;
use super::generated::{AppWindow, DocRow, LanguageOption, Screen};
use super::images::{outline_path, qr_code, to_slint};
use super::languages::own_name;
use super::props::{Props, Row};

/// What there is to show: the runtime at work, or a sample for screenshots and tests.
pub trait Scene {
    /// The session's view.
    fn view(&self) -> View;
    /// The latest camera picture with the page outline, on the pair and scan screens.
    fn preview(&self) -> Option<Preview>;
    /// Whether a captured page is being read.
    fn processing(&self) -> bool;
    /// A small picture of a page, for the review and send screens.
    fn thumbnail(&self, page: PageId) -> Option<RgbImage>;
}

/// The window, and what it shows now.
pub struct Display {
    window: AppWindow,
    offered: Rc<[String]>,
    shown: Option<Props>,
    preview: Option<RgbImage>,
    pictures: HashMap<PageId, slint::Image>,
}

impl Display {
    /// Takes over `window`, offering the languages `offered` (codes) on the welcome screen.
    pub fn new(window: AppWindow, offered: &[String]) -> Self {
        let options: Vec<LanguageOption> = offered
            .iter()
            .map(|code| LanguageOption {
                code: code.as_str().into(),
                name: own_name(code).into(),
            })
            .collect();
        window.set_languages(ModelRc::new(VecModel::from(options)));
        Self {
            window,
            offered: offered.into(),
            shown: None,
            preview: None,
            pictures: HashMap::new(),
        }
    }

    /// The window.
    pub fn window(&self) -> &AppWindow {
        &self.window
    }

    /// Sends every touch on the window to `sink` as a session event.
    pub fn connect(&self, sink: impl Fn(Event) + 'static) {
        let sink: Rc<dyn Fn(Event)> = Rc::new(sink);
        let forward = move |event: Option<Event>| {
            if let Some(event) = event {
                sink(event);
            }
        };
        let to = Rc::new(forward);
        let f = to.clone();
        self.window
            .on_tap(move |action, doc, page| f(actions::tap(&action, doc, page)));
        let f = to.clone();
        self.window.on_key(move |text| f(actions::key(&text)));
        let f = to.clone();
        self.window
            .on_change_type(move |doc, class| f(actions::change_type(doc, &class)));
        let offered = self.offered.clone();
        self.window.on_choose_language(move |code| {
            to(actions::choose_language(&code, &offered));
        });
    }

    /// Shows `scene` now.
    pub fn show(&mut self, scene: &dyn Scene) {
        let props = Props::of(&scene.view());
        let old = self.shown.take();
        if old.as_ref().map(|o| &o.language) != Some(&props.language) {
            select_language(&props.language);
        }
        if old.as_ref() != Some(&props) {
            self.set_props(&props, old.as_ref(), scene);
        }
        let camera_screen = matches!(props.screen, Screen::Pair | Screen::Scan);
        self.set_preview(if camera_screen { scene.preview() } else { None });
        self.window
            .set_processing(props.screen == Screen::Scan && scene.processing());
        self.shown = Some(props);
    }

    fn set_props(&mut self, props: &Props, old: Option<&Props>, scene: &dyn Scene) {
        let w = &self.window;
        w.set_screen(props.screen);
        w.set_language(props.language.as_str().into());
        w.set_rtl(props.rtl);
        w.set_countdown_visible(props.countdown.is_some());
        w.set_countdown_seconds(props.countdown.unwrap_or(0));
        w.set_keypad_typed(props.keypad_typed);
        w.set_keypad_tries_left(props.keypad_tries_left);
        w.set_keypad_checking(props.keypad_checking);
        w.set_scan_target(props.scan_target.into());
        w.set_guidance(props.guidance.into());
        w.set_send_finished(props.send_finished);
        w.set_printer_state(props.printer_state.into());
        w.set_printing(props.printing);
        w.set_printed(props.printed.into());
        w.set_finishing(props.finishing);
        w.set_done_reason(props.done_reason.into());
        w.set_error_kind(props.error_kind.into());
        w.set_way_forward(props.way_forward.into());
        if old.map(|o| &o.phone_login) != Some(&props.phone_login) {
            let qr = props
                .phone_login
                .as_ref()
                .and_then(|login| qr_code(login.expose()));
            w.set_phone_login_ready(qr.is_some());
            w.set_phone_login_qr(qr.as_ref().map(to_slint).unwrap_or_default());
        }
        if old.map(|o| &o.documents) != Some(&props.documents) {
            self.pictures =
                page_pictures(&props.documents, std::mem::take(&mut self.pictures), scene);
            let rows: Vec<DocRow> = props
                .documents
                .iter()
                .map(|row| doc_row(row, &self.pictures))
                .collect();
            self.window
                .set_documents(ModelRc::new(VecModel::from(rows)));
        }
    }

    fn set_preview(&mut self, preview: Option<Preview>) {
        let w = &self.window;
        match preview {
            Some(preview) => {
                if self.preview.as_ref() != Some(&preview.image) {
                    w.set_camera_preview(to_slint(&preview.image));
                    w.set_preview_width(preview.image.width() as f32);
                    w.set_preview_height(preview.image.height() as f32);
                    self.preview = Some(preview.image);
                }
                let outline: SharedString = preview
                    .outline
                    .as_ref()
                    .map(outline_path)
                    .unwrap_or_default()
                    .into();
                if w.get_page_outline() != outline {
                    w.set_page_outline(outline);
                }
            }
            None if self.preview.is_some() => {
                w.set_camera_preview(slint::Image::default());
                w.set_page_outline(SharedString::new());
                self.preview = None;
            }
            None => {}
        }
    }
}

/// The pictures of the pages `rows` show: those already converted in `known`, the others
/// converted now. Pages no row shows any more (deleted, retaken, wiped) are dropped; a page
/// whose picture is not ready yet is asked for again next time.
fn page_pictures(
    rows: &[Row],
    mut known: HashMap<PageId, slint::Image>,
    scene: &dyn Scene,
) -> HashMap<PageId, slint::Image> {
    rows.iter()
        .flat_map(|row| &row.pages)
        .filter_map(|page| {
            let picture = known
                .remove(page)
                .or_else(|| scene.thumbnail(*page).map(|picture| to_slint(&picture)))?;
            Some((*page, picture))
        })
        .collect()
}

/// A row with the pictures of its pages.
fn doc_row(row: &Row, pictures: &HashMap<PageId, slint::Image>) -> DocRow {
    let pictures: Vec<slint::Image> = row
        .pages
        .iter()
        .map(|page| pictures.get(page).cloned().unwrap_or_default())
        .collect();
    DocRow {
        id: row.id,
        class: row.class.as_str().into(),
        pages: i32::try_from(pictures.len()).unwrap_or(i32::MAX),
        is_card: row.is_card,
        has_back: row.has_back,
        pictures: ModelRc::new(VecModel::from(pictures)),
        state: row.state.into(),
        percent: row.percent,
        failure: row.failure.into(),
    }
}

/// Switches the bundled translation. A language without a translation falls back to the
/// English source strings and is reported once, for the technician (a language code is not
/// personal).
fn select_language(code: &str) {
    if let Err(err) = slint::select_bundled_translation(code) {
        eprintln!("kiosk: no translation for language {code}: {err}");
        // The English sources are better than the previous resident's language.
        let _ = slint::select_bundled_translation("");
    }
}
