//! The touchscreen: the Slint window, fed from the session's view, reporting the resident's taps.
//!
//! ```text
//! Scene (runtime::Kiosk, or a sample) ──view, preview, thumbnails──▶ props ──▶ AppWindow
//! AppWindow ──tap / key / change-type / choose-language──▶ actions ──▶ session::Event
//! ```
//!
//! The markup in `kiosk-ui/ui/` (compiled by `build.rs`) shows properties; the session decides;
//! this module only translates between the two ([`props`] and [`actions`] are pure functions
//! with unit tests, [`Display`] applies them to a window). [`samples`] reaches every screen
//! through a real session for screenshots and tests, and [`render`] draws without a display.
//! Long work never runs here: the runtime's workers do it, and a timer on the UI thread only
//! collects their reports ([`run`]).

pub mod actions;
mod display;
pub mod images;
pub mod languages;
pub mod props;
pub mod render;
pub mod run;
pub mod samples;

pub use display::{Display, Scene};

/// The code `slint-build` generates from `ui/app-window.slint`.
#[allow(missing_docs)] // Generated code: the markup documents its properties and callbacks.
#[allow(clippy::all)] // Generated code follows the Slint compiler's style, not ours.
pub mod generated {
    slint::include_modules!();
}

pub use generated::AppWindow;
