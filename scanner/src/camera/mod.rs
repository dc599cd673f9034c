//! Where frames come from.
//!
//! Everything downstream — QR reading, page detection, capture — takes frames from a
//! [`FrameSource`] and does not care what is behind it. On the kiosk it is the document camera
//! ([`UsbCamera`], V4L2/UVC through nokhwa); in the demo, in tests and in soak runs it is a
//! [`ReplaySource`] that plays a folder of photos in name order. Both report a lost camera the
//! same way ([`CameraError::Disconnected`]) so the session can tell the resident, and
//! [`Reconnecting`] opens the camera again once it is plugged back in.

mod reconnect;
mod replay;
mod usb;

pub use reconnect::Reconnecting;
pub use replay::ReplaySource;
pub use usb::{UsbCamera, choose_format, decode_frame};

use image::RgbImage;
use thiserror::Error;

/// A source of camera frames. Not `Send`: V4L2 handles stay on the thread that opened them,
/// so a camera loop opens its source on its own thread.
pub trait FrameSource {
    /// The next frame, waiting for it if the source is live.
    fn next_frame(&mut self) -> Result<RgbImage, CameraError>;
    /// A short description for the technician (device name and format, or replay folder).
    fn describe(&self) -> String;
}

/// Why no frame came.
#[derive(Debug, Error)]
pub enum CameraError {
    /// No camera is connected, or none matches the configured one.
    #[error("no camera found")]
    NotFound,
    /// The camera was there and went away (unplugged, power loss on the USB port).
    #[error("the camera stopped answering: {0}")]
    Disconnected(String),
    /// The camera offers no format the kiosk can use.
    #[error("the camera offers no usable format")]
    NoUsableFormat,
    /// A frame arrived but could not be decoded.
    #[error("a frame could not be decoded: {0}")]
    Decode(String),
    /// A replay source has played all its frames and does not loop.
    #[error("the replay has no more frames")]
    Exhausted,
    /// A replay folder could not be read or holds no images.
    #[error("the replay folder is unusable: {0}")]
    Replay(String),
}
