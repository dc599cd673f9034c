//! The languages on the welcome screen: each by its own name, in its own script.
//!
//! A resident who reads only Ukrainian looks for "Українська", not "Ukrainian" or
//! "Ukrainien"; so the names here are never translated. The configuration says which codes a
//! kiosk offers; a code this table does not know is shown as the code itself rather than
//! hidden, so a technician sees the mistake.

/// Languages whose script runs right to left.
const RIGHT_TO_LEFT: [&str; 4] = ["ar", "fa", "ps", "he"];

/// The name of a language in that language.
pub fn own_name(code: &str) -> &str {
    match code {
        "fr" => "Français",
        "es" => "Español",
        "en" => "English",
        "uk" => "Українська",
        "ar" => "العربية",
        "fa" => "فارسی",
        "ps" => "پښتو",
        "ti" => "ትግርኛ",
        other => other,
    }
}

/// Whether a language is written right to left (the layouts are mirrored for it).
pub fn is_right_to_left(code: &str) -> bool {
    RIGHT_TO_LEFT.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_default_configuration_has_its_own_name() {
        for code in crate::config::Config::default().languages {
            assert_ne!(own_name(&code), code, "{code} has a name");
        }
        assert_eq!(own_name("uk"), "Українська");
        assert_eq!(own_name("xx"), "xx");
    }

    #[test]
    fn arabic_alone_of_the_default_languages_is_right_to_left() {
        let rtl: Vec<String> = crate::config::Config::default()
            .languages
            .into_iter()
            .filter(|code| is_right_to_left(code))
            .collect();
        assert_eq!(rtl, ["ar"]);
    }
}
