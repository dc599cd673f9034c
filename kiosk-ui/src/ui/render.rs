//! Drawing the window without a display: Slint's software renderer into memory.
//!
//! Screenshots, the first-frame benchmark and anything else that needs pixels without a
//! screen install [`Headless`] on their thread: a Slint platform whose one window is a
//! [`MinimalSoftwareWindow`] the size of the official 7" Raspberry Pi touch display.

use std::rc::Rc;

use image::RgbaImage;
use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::{ComponentHandle, PhysicalSize, PlatformError};
use thiserror::Error;

use super::generated::AppWindow;

/// The kiosk's display: the official 7" Raspberry Pi touch display, 800 × 480 pixels.
pub const DISPLAY_SIZE: (u32, u32) = (800, 480);

/// Why nothing could be drawn.
#[derive(Debug, Error)]
pub enum RenderError {
    /// Another Slint platform is already installed on this thread.
    #[error("a Slint platform is already installed: {0}")]
    AlreadyInstalled(#[from] slint::platform::SetPlatformError),
    /// Slint could not create or draw the window.
    #[error("Slint could not draw the window: {0}")]
    Platform(#[from] PlatformError),
    /// The renderer returned a picture of the wrong size.
    #[error("the renderer returned {0} bytes for a {1}×{2} picture")]
    BadPicture(usize, u32, u32),
}

/// A Slint platform drawing into memory.
struct HeadlessPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for HeadlessPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        Ok(self.window.clone())
    }
}

/// The headless platform, installed on the current thread.
pub struct Headless {
    window: Rc<MinimalSoftwareWindow>,
}

impl Headless {
    /// Installs the headless platform on this thread; call it before creating any window.
    pub fn install() -> Result<Self, RenderError> {
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        let (width, height) = DISPLAY_SIZE;
        window.set_size(PhysicalSize::new(width, height));
        slint::platform::set_platform(Box::new(HeadlessPlatform {
            window: window.clone(),
        }))?;
        Ok(Self { window })
    }

    /// A new kiosk window on this platform.
    pub fn window(&self) -> Result<AppWindow, RenderError> {
        let app = AppWindow::new()?;
        app.show()?;
        Ok(app)
    }

    /// What the window shows now, as an RGBA picture.
    pub fn snapshot(&self, app: &AppWindow) -> Result<RgbaImage, RenderError> {
        slint::platform::update_timers_and_animations();
        let (width, height) = DISPLAY_SIZE;
        self.window.set_size(PhysicalSize::new(width, height));
        let buffer = app.window().take_snapshot()?;
        let (width, height) = (buffer.width(), buffer.height());
        let bytes = buffer.as_bytes().to_vec();
        let len = bytes.len();
        RgbaImage::from_raw(width, height, bytes).ok_or(RenderError::BadPicture(len, width, height))
    }
}
