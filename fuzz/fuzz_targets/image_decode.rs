//! Image decoding of arbitrary bytes: an image or an error, never a panic, and never an image
//! larger than the input limits allow.
#![cfg_attr(fuzzing, no_main)]

use scanner::input::{self, MAX_PIXELS, MAX_SIDE};

fn body(data: &[u8]) {
    if let Ok(image) = input::decode_bytes(data) {
        assert!(image.width() <= MAX_SIDE && image.height() <= MAX_SIDE);
        assert!(u64::from(image.width()) * u64::from(image.height()) <= MAX_PIXELS);
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| body(data));

#[cfg(not(fuzzing))]
fn main() {
    kiosk_fuzz::smoke("image_decode", body);
}
