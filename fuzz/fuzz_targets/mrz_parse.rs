//! The MRZ parser on arbitrary text: it returns a zone or an error, never panics, and a zone
//! it returns has lines of its layout's length.
#![cfg_attr(fuzzing, no_main)]

use scanner::mrz::{self, MrzFormat};

fn body(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(zone) = mrz::parse_text(&text) {
        let (lines, width) = match zone.format {
            MrzFormat::Td1 => (3, 30),
            MrzFormat::Td2 | MrzFormat::FrenchId => (2, 36),
            MrzFormat::Td3 => (2, 44),
        };
        assert_eq!(zone.lines.len(), lines);
        assert!(zone.lines.iter().all(|l| l.len() == width));
        assert_eq!(zone.checks_valid, zone.failed_checks == 0);
        let _ = zone.fields();
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| body(data));

#[cfg(not(fuzzing))]
fn main() {
    kiosk_fuzz::smoke("mrz_parse", body);
}
