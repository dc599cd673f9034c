//! The text of a QR payload, from the bytes the decoder hands back.
//!
//! A QR code carries bytes; which character set they are in is mostly left unsaid. rqrr
//! writes byte-mode segments as they are, Kanji-mode segments as Shift_JIS, and drops the
//! ECI designators that could name the charset. So the text is guessed the way ZXing guesses
//! it, which is what the phones and card printers that make these codes expect:
//!
//! 1. bytes that are valid UTF-8 are UTF-8 (this covers plain ASCII, and every vault link);
//! 2. else, bytes that are clean Shift_JIS *and* look Japanese are Shift_JIS: bytes in
//!    0x80–0x9F (never text in ISO-8859-1), a run of three or more non-ASCII characters, or a
//!    lone pair of half-width katakana;
//! 3. else ISO-8859-1, the charset the QR standard names as the default.
//!
//! Step 2 keeps a short Latin-1 word such as "Müller" (whose `ü` plus the next letter happens
//! to form a valid Shift_JIS pair) from turning into a kanji.

use encoding_rs::SHIFT_JIS;

/// The text of a decoded payload: UTF-8, Shift_JIS or ISO-8859-1, as guessed from `bytes`.
pub fn payload_text(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    if let Some(text) = japanese(bytes) {
        return text;
    }
    encoding_rs::mem::decode_latin1(bytes).into_owned()
}

/// The Shift_JIS reading of `bytes`, when it decodes cleanly and looks like Japanese text.
fn japanese(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let never_latin1 = bytes.iter().any(|b| (0x80..=0x9f).contains(b));
    let mut run = 0;
    let mut longest_run = 0;
    let mut katakana = 0;
    for c in text.chars() {
        if c.is_ascii() {
            run = 0;
        } else {
            run += 1;
            longest_run = longest_run.max(run);
        }
        if ('\u{ff61}'..='\u{ff9f}').contains(&c) {
            katakana += 1;
        }
    }
    let lone_katakana_pair = longest_run == 2 && katakana == 2;
    (never_latin1 || longest_run >= 3 || lone_katakana_pair).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_stays_utf8() {
        let text = "Vault: https://cloud.example.org/s/Zx9 — café, Київ, テスト";
        assert_eq!(payload_text(text.as_bytes()), text);
    }

    #[test]
    fn half_width_katakana_in_shift_jis_is_read_as_japanese() {
        // "ﾃﾞｻﾞｲﾝQR" in Shift_JIS: single-byte half-width katakana, invalid as UTF-8.
        let bytes = [0xc3, 0xde, 0xbb, 0xde, 0xb2, 0xdd, b'Q', b'R'];
        assert_eq!(payload_text(&bytes), "ﾃﾞｻﾞｲﾝQR");
    }

    #[test]
    fn kanji_in_shift_jis_is_read_as_japanese() {
        let (bytes, _, _) = SHIFT_JIS.encode("MECARD:N:測試;;");
        assert_eq!(payload_text(&bytes), "MECARD:N:測試;;");
    }

    #[test]
    fn latin1_word_that_is_also_valid_shift_jis_stays_latin1() {
        // "Müller" in ISO-8859-1: 0xFC 0x6C is also one valid Shift_JIS character.
        let bytes = [b'M', 0xfc, b'l', b'l', b'e', b'r'];
        assert_eq!(payload_text(&bytes), "Müller");
    }

    #[test]
    fn invalid_in_both_falls_back_to_latin1() {
        let bytes = [b'c', b'a', b'f', 0xe9];
        assert_eq!(payload_text(&bytes), "café");
    }

    #[test]
    fn empty_payload_is_empty_text() {
        assert_eq!(payload_text(&[]), "");
    }
}
