//! The touchscreen: the Slint window, fed from the session's view, reporting the resident's taps.
