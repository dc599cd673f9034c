//! The classifier on arbitrary page text (form feeds separate pages): it always answers, with
//! a confidence between 0 and 1.
#![cfg_attr(fuzzing, no_main)]

use scanner::classify::classify;

fn body(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let result = classify(&pages, None);
    assert!((0.0..=1.0).contains(&result.confidence));
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| body(data));

#[cfg(not(fuzzing))]
fn main() {
    kiosk_fuzz::smoke("classify_text", body);
}
