//! OCR text made comparable: accents, case and punctuation folded away, and key phrases found
//! with the slips OCR makes tolerated.
//!
//! A phrase matches when its words follow each other in the text, each word equal or — for
//! words of [`FUZZY_MIN_LEN`] letters or more — one edit away (`salaiie` for `salaire`). OCR
//! also splits and glues words (`bulletinde salaire`, `carte vi tale`), so a phrase matches too
//! when its letters appear, without spaces, in the text without spaces.

/// Words this long or longer match with one edit (insertion, deletion or substitution).
const FUZZY_MIN_LEN: usize = 5;

/// Text folded for matching: ASCII lower case, words of letters and digits.
#[derive(Debug, Clone, Default)]
pub(super) struct Folded {
    /// The words, in order.
    pub words: Vec<String>,
    /// The words glued together, for split or glued words.
    pub squashed: String,
}

/// Folds `text`: accents and ligatures to ASCII (`é` → `e`, `œ` → `oe`), lower case, every run
/// of other characters one word break.
pub(crate) fn fold(text: &str) -> String {
    // Character by character: `deunicode` on a whole string drops line breaks, gluing the
    // last word of a line to the first of the next.
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c.to_ascii_lowercase());
        } else {
            ascii.push_str(
                &deunicode::deunicode_char(c)
                    .unwrap_or(" ")
                    .to_ascii_lowercase(),
            );
        }
    }
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Folded {
    /// Folds `text` for matching.
    pub fn new(text: &str) -> Self {
        let folded = fold(text);
        let words: Vec<String> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let squashed = words.concat();
        Self { words, squashed }
    }

    /// Whether `phrase` (already folded) occurs, with OCR slips tolerated.
    pub fn contains(&self, phrase: &str) -> bool {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let glued = parts.concat();
        // Short phrases glued together would match inside unrelated words ("rib" in
        // "attribution"): only long ones are looked for without spaces.
        if glued.len() >= 10 && self.squashed.contains(&glued) {
            return true;
        }
        self.words
            .windows(parts.len())
            .any(|window| window.iter().zip(&parts).all(|(w, p)| word_matches(w, p)))
    }
}

/// Whether the text's word `word` reads as `expected`.
fn word_matches(word: &str, expected: &str) -> bool {
    if word == expected {
        return true;
    }
    expected.len() >= FUZZY_MIN_LEN
        && word.len().abs_diff(expected.len()) <= 1
        && strsim::levenshtein(word, expected) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_punctuation() {
        assert_eq!(fold("Avis d’IMPÔT — 2025"), "avis d impot 2025");
        assert_eq!(fold("Nómina: período"), "nomina periodo");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("FRANÇAISE\nPASSEPORT"), "francaise passeport");
    }

    #[test]
    fn phrases_match_through_ocr_slips() {
        let text = Folded::new("BULLETlN DE SALAIIE\nPériode du 01/03/2026\nbulletinde paie");
        assert!(text.contains("bulletin de salaire"));
        assert!(text.contains("periode du"));
        assert!(text.contains("bulletin de paie"));
        assert!(!text.contains("bulletin de soin"));
    }

    #[test]
    fn short_words_must_match_exactly() {
        let text = Folded::new("le RIP du dossier, attribution");
        assert!(!text.contains("rib"));
        assert!(text.contains("rip"));
    }
}
