//! A camera that comes back after being unplugged.
//!
//! A V4L2 handle dies with its device: once a USB camera is pulled out (or its port loses
//! power), every later read on the old handle fails, even after the camera is plugged back in
//! and the kernel offers it again. [`Reconnecting`] drops a source that reported
//! [`CameraError::Disconnected`] and opens a fresh one at the next request, so the kiosk
//! recovers by itself as soon as a technician or a resident puts the plug back. While nothing
//! can be opened, each request returns the opener's error (usually [`CameraError::NotFound`]).

use image::RgbImage;

use super::{CameraError, FrameSource};

/// A frame source opened on demand, and opened again after it went away.
pub struct Reconnecting<S, O> {
    open: O,
    source: Option<S>,
}

impl<S, O> Reconnecting<S, O>
where
    S: FrameSource,
    O: FnMut() -> Result<S, CameraError>,
{
    /// A source that `open` opens at the first request, and again after a disconnection.
    pub fn new(open: O) -> Self {
        Self { open, source: None }
    }
}

impl<S, O> FrameSource for Reconnecting<S, O>
where
    S: FrameSource,
    O: FnMut() -> Result<S, CameraError>,
{
    fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
        let source = match &mut self.source {
            Some(source) => source,
            None => self.source.insert((self.open)()?),
        };
        let frame = source.next_frame();
        if matches!(frame, Err(CameraError::Disconnected(_))) {
            self.source = None;
        }
        frame
    }

    fn describe(&self) -> String {
        match &self.source {
            Some(source) => source.describe(),
            None => "no camera open yet".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    /// A USB port a test plugs and unplugs, counting how often a camera was opened on it.
    #[derive(Default)]
    struct Port {
        unplugged: Cell<bool>,
        opened: Cell<u32>,
    }

    /// A camera on that port: frames while plugged in, a dead handle forever once unplugged
    /// (as V4L2 handles are, even after the device comes back).
    struct Device {
        port: Rc<Port>,
        dead: bool,
    }

    impl FrameSource for Device {
        fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
            self.dead |= self.port.unplugged.get();
            if self.dead {
                return Err(CameraError::Disconnected("no such device".into()));
            }
            Ok(RgbImage::new(4, 3))
        }

        fn describe(&self) -> String {
            "test camera".into()
        }
    }

    fn camera_on(port: &Rc<Port>) -> impl FrameSource {
        let port = Rc::clone(port);
        Reconnecting::new(move || {
            if port.unplugged.get() {
                return Err(CameraError::NotFound);
            }
            port.opened.set(port.opened.get() + 1);
            Ok(Device {
                port: Rc::clone(&port),
                dead: false,
            })
        })
    }

    #[test]
    fn a_camera_plugged_back_gives_frames_again() {
        let port = Rc::new(Port::default());
        let mut camera = camera_on(&port);
        assert_eq!(camera.describe(), "no camera open yet");
        assert!(camera.next_frame().is_ok());
        assert!(camera.next_frame().is_ok());
        assert_eq!(port.opened.get(), 1, "one open while the camera stays");
        assert_eq!(camera.describe(), "test camera");

        port.unplugged.set(true);
        assert!(matches!(
            camera.next_frame(),
            Err(CameraError::Disconnected(_))
        ));
        for _ in 0..3 {
            assert!(matches!(camera.next_frame(), Err(CameraError::NotFound)));
        }

        port.unplugged.set(false);
        assert!(camera.next_frame().is_ok(), "the camera is back");
        assert!(camera.next_frame().is_ok());
        assert_eq!(
            port.opened.get(),
            2,
            "opened again once, not at every frame"
        );
    }

    #[test]
    fn no_camera_at_start_is_not_found_until_one_is_plugged_in() {
        let port = Rc::new(Port::default());
        port.unplugged.set(true);
        let mut camera = camera_on(&port);
        assert!(matches!(camera.next_frame(), Err(CameraError::NotFound)));
        port.unplugged.set(false);
        assert!(camera.next_frame().is_ok());
    }

    #[test]
    fn a_bad_frame_keeps_the_camera_open() {
        struct Glitchy(u32);
        impl FrameSource for Glitchy {
            fn next_frame(&mut self) -> Result<RgbImage, CameraError> {
                self.0 += 1;
                match self.0 {
                    1 => Err(CameraError::Decode("truncated JPEG".into())),
                    _ => Ok(RgbImage::new(2, 2)),
                }
            }
            fn describe(&self) -> String {
                "glitchy".into()
            }
        }
        let opens = Cell::new(0);
        let mut camera = Reconnecting::new(|| {
            opens.set(opens.get() + 1);
            Ok(Glitchy(0))
        });
        assert!(matches!(camera.next_frame(), Err(CameraError::Decode(_))));
        assert!(camera.next_frame().is_ok());
        assert_eq!(opens.get(), 1);
    }
}
