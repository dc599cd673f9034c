//! Translations: every `@tr` string of the markup has a translation in every language's catalogue.
//!
//! `build.rs` bundles `translations/<lang>/LC_MESSAGES/kiosk-ui.po` into the binary (Slint names
//! the file after the crate). For a string it does not find, or finds empty or marked fuzzy,
//! Slint silently shows the English source: a resident who reads only Ukrainian would meet
//! English words with no warning anywhere. These tests turn such a gap into a failure.
//!
//! The strings come from the markup itself, `ui/**/*.slint`, not from the extracted template,
//! so a string added to a screen fails here until every language has it. Each string keeps its
//! context as Slint computes it: the explicit `@tr("context" => "…")` one, else the name of the
//! component it is written in. The catalogues are read with `rspolib`, the parser Slint's
//! bundler uses, so what parses here parses there.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use rspolib::{POEntry, POFile};

/// The languages the kiosk ships, with how many plural forms each has (gettext's rules).
const LANGUAGES: [(&str, usize); 5] = [("fr", 2), ("es", 2), ("en", 2), ("uk", 3), ("ar", 6)];

/// Slint looks for `<lang>/LC_MESSAGES/<crate name>.po`.
const DOMAIN: &str = env!("CARGO_PKG_NAME");

fn markup_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

fn catalogue_path(lang: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("translations")
        .join(lang)
        .join("LC_MESSAGES")
        .join(format!("{DOMAIN}.po"))
}

/// One `@tr(...)` call of the markup.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TrString {
    /// The explicit context, else the enclosing component's name.
    context: String,
    /// The English source.
    msgid: String,
    /// The English plural, for `@tr("…" | "…" % n)`.
    plural: Option<String>,
    /// Where it is written, for messages: `file:line`.
    at: String,
}

impl fmt::Display for TrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} (context {:?}, {})",
            self.msgid, self.context, self.at
        )
    }
}

/// A token of Slint markup, as far as finding `@tr` calls needs.
#[derive(Debug, PartialEq)]
enum Token {
    /// An identifier or a number.
    Word(String),
    /// A string literal, unescaped; `None` when it interpolates `\{…}`.
    Str(Option<String>),
    /// Any other character.
    Punct(char),
}

/// Splits markup into tokens with their line numbers, skipping whitespace and comments
/// (`//…` and nested `/* … */`, as Slint's lexer does).
fn tokens(source: &str) -> Result<Vec<(Token, usize)>, String> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    let line_of = |pos: usize| source[..pos].matches('\n').count() + 1;
    while pos < bytes.len() {
        let c = bytes[pos];
        if c.is_ascii_whitespace() {
            pos += 1;
        } else if source[pos..].starts_with("//") {
            pos = source[pos..].find('\n').map_or(bytes.len(), |i| pos + i);
        } else if source[pos..].starts_with("/*") {
            let start = pos;
            let mut depth = 0;
            loop {
                if source[pos..].starts_with("/*") {
                    depth += 1;
                    pos += 2;
                } else if source[pos..].starts_with("*/") {
                    depth -= 1;
                    pos += 2;
                    if depth == 0 {
                        break;
                    }
                } else if pos >= bytes.len() {
                    return Err(format!("line {}: unterminated comment", line_of(start)));
                } else {
                    pos += 1;
                }
            }
        } else if c == b'"' {
            let start = pos;
            let (literal, end) = string_literal(source, pos)
                .ok_or_else(|| format!("line {}: malformed string", line_of(start)))?;
            out.push((Token::Str(literal), line_of(start)));
            pos = end;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            let start = pos;
            while pos < bytes.len()
                && (bytes[pos].is_ascii_alphanumeric() || matches!(bytes[pos], b'_' | b'-' | b'.'))
            {
                pos += 1;
            }
            out.push((Token::Word(source[start..pos].to_owned()), line_of(start)));
        } else {
            let ch = source[pos..].chars().next().unwrap_or('\u{fffd}');
            out.push((Token::Punct(ch), line_of(pos)));
            pos += ch.len_utf8();
        }
    }
    Ok(out)
}

/// Reads the string literal starting at the `"` at `start`: its unescaped text (`None` when it
/// interpolates an expression) and the position after its closing quote. `None` when malformed.
fn string_literal(source: &str, start: usize) -> Option<(Option<String>, usize)> {
    let mut text = String::new();
    let mut interpolates = false;
    let mut chars = source[start + 1..].char_indices();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '"' => return Some(((!interpolates).then_some(text), start + 1 + i + 1)),
            '\\' => match chars.next()?.1 {
                '"' => text.push('"'),
                '\\' => text.push('\\'),
                'n' => text.push('\n'),
                'u' => {
                    let rest = chars.as_str().strip_prefix('{')?;
                    let hex = &rest[..rest.find('}')?];
                    text.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                    for _ in 0..hex.len() + 2 {
                        chars.next();
                    }
                }
                '{' => {
                    // `\{expr}`: an interpolated expression, which `@tr` does not accept.
                    interpolates = true;
                    let mut depth = 1;
                    while depth > 0 {
                        match chars.next()?.1 {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                    }
                }
                _ => return None,
            },
            _ => text.push(ch),
        }
    }
    None
}

/// Every `@tr(...)` call in one markup file.
///
/// A component's name is the context of the calls written in it, as `component Name` or
/// `global Name` at the top level of the file; Slint writes `_` in names as `-`.
fn tr_strings(source: &str, file: &str) -> Result<Vec<TrString>, String> {
    let tokens = tokens(source).map_err(|e| format!("{file}: {e}"))?;
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut component = String::new();
    let mut i = 0;
    let word = |i: usize| match tokens.get(i) {
        Some((Token::Word(w), _)) => Some(w.as_str()),
        _ => None,
    };
    let punct = |i: usize, c: char| matches!(tokens.get(i), Some((Token::Punct(p), _)) if *p == c);
    while i < tokens.len() {
        let line = tokens[i].1;
        if punct(i, '{') {
            depth += 1;
        } else if punct(i, '}') {
            depth = depth
                .checked_sub(1)
                .ok_or_else(|| format!("{file}:{line}: unbalanced '}}'"))?;
        } else if depth == 0 && matches!(word(i), Some("component" | "global" | "interface")) {
            if let Some(name) = word(i + 1) {
                component = name.replace('_', "-");
            }
        } else if punct(i, '@') && word(i + 1) == Some("tr") && punct(i + 2, '(') {
            let (call, next) =
                tr_call(&tokens, i + 3).map_err(|e| format!("{file}:{line}: @tr {e}"))?;
            found.push(TrString {
                context: call.context.unwrap_or_else(|| component.clone()),
                msgid: call.msgid,
                plural: call.plural,
                at: format!("{file}:{line}"),
            });
            i = next;
            continue;
        }
        i += 1;
    }
    Ok(found)
}

/// The literal parts of one `@tr(` call.
struct TrCall {
    context: Option<String>,
    msgid: String,
    plural: Option<String>,
}

/// Reads `["context" =>] "source" [| "plural" % n]` from the tokens after `@tr(`; returns the
/// call and the index of the token after its last literal.
fn tr_call(tokens: &[(Token, usize)], mut i: usize) -> Result<(TrCall, usize), String> {
    let literal = |i: usize| match tokens.get(i) {
        Some((Token::Str(Some(s)), _)) => Ok(s.clone()),
        Some((Token::Str(None), _)) => Err("interpolates inside its string".to_owned()),
        _ => Err("does not start with a string literal".to_owned()),
    };
    let punct = |i: usize, c: char| matches!(tokens.get(i), Some((Token::Punct(p), _)) if *p == c);
    let mut context = None;
    let mut msgid = literal(i)?;
    i += 1;
    if punct(i, '=') && punct(i + 1, '>') {
        context = Some(msgid);
        msgid = literal(i + 2)?;
        i += 3;
    }
    let mut plural = None;
    if punct(i, '|') {
        plural = Some(literal(i + 1)?);
        i += 2;
    }
    Ok((
        TrCall {
            context,
            msgid,
            plural,
        },
        i,
    ))
}

/// Every `@tr` string of `ui/**/*.slint`, each once.
fn markup_strings() -> Vec<TrString> {
    let mut files = Vec::new();
    let mut dirs = vec![markup_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "slint") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut strings: Vec<TrString> = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path
            .strip_prefix(markup_dir())
            .unwrap()
            .display()
            .to_string();
        for found in tr_strings(&source, &name).unwrap_or_else(|e| panic!("{e}")) {
            if !strings.iter().any(|s| {
                (&s.context, &s.msgid, &s.plural) == (&found.context, &found.msgid, &found.plural)
            }) {
                strings.push(found);
            }
        }
    }
    strings
}

/// A placeholder of Slint's `@tr` formatting: `{}` (the next argument), `{0}`, or `{n}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Placeholder {
    Index(usize),
    Named(String),
}

/// The placeholders of a format string, read as Slint's formatter reads them (`{{` and `}}`
/// are literal braces).
fn placeholders(text: &str) -> BTreeSet<Placeholder> {
    let mut found = BTreeSet::new();
    let mut next_index = 0;
    let mut rest = text;
    while let Some(p) = rest.find(['{', '}']) {
        let after = &rest[p + 1..];
        if rest[p..].starts_with("{{") || rest[p..].starts_with("}}") {
            rest = &rest[p + 2..];
        } else if rest[p..].starts_with('}') {
            rest = after;
        } else if let Some(end) = after.find('}') {
            let inner = after[..end].trim();
            found.insert(if after[..end].is_empty() {
                next_index += 1;
                Placeholder::Index(next_index - 1)
            } else if let Ok(n) = inner.parse() {
                Placeholder::Index(n)
            } else {
                Placeholder::Named(inner.to_owned())
            });
            rest = &after[end + 1..];
        } else {
            break;
        }
    }
    found
}

/// Parses a catalogue's text the way Slint's bundler does.
fn parse_catalogue(content: &str) -> Result<POFile, String> {
    rspolib::pofile(content).map_err(|e| e.to_string())
}

/// The number of plural forms a catalogue's `Plural-Forms` header declares.
fn declared_plural_forms(catalogue: &POFile) -> Option<usize> {
    let header = catalogue.metadata.get("Plural-Forms")?;
    header.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        (key.trim() == "nplurals").then(|| value.trim().parse().ok())?
    })
}

/// The entry Slint's bundler would use for a string: same source and context, not obsolete.
fn entry_for<'a>(catalogue: &'a POFile, string: &TrString) -> Option<&'a POEntry> {
    catalogue.entries.iter().find(|e| {
        !e.obsolete
            && e.msgid == string.msgid
            && e.msgctxt.as_deref().unwrap_or("") == string.context
    })
}

/// What is wrong with one language's translations of the markup strings, one line per problem.
fn problems(strings: &[TrString], catalogue: &POFile, plural_forms: usize) -> Vec<String> {
    let mut out = Vec::new();
    for string in strings {
        let Some(entry) = entry_for(catalogue, string) else {
            out.push(format!("missing: {string}"));
            continue;
        };
        if entry.fuzzy() {
            out.push(format!("fuzzy: {string}"));
        }
        let source_placeholders = placeholders(&string.msgid);
        match &string.plural {
            None => {
                let translation = entry.msgstr.as_deref().unwrap_or("");
                if translation.trim().is_empty() {
                    out.push(format!("empty: {string}"));
                } else if placeholders(translation) != source_placeholders {
                    out.push(format!("placeholders differ in {translation:?}: {string}"));
                }
            }
            Some(plural) => {
                if entry.msgid_plural.as_deref() != Some(plural.as_str()) {
                    out.push(format!("plural source differs: {string}"));
                }
                if entry.msgstr_plural.len() != plural_forms {
                    out.push(format!(
                        "{} plural forms instead of {plural_forms}: {string}",
                        entry.msgstr_plural.len()
                    ));
                }
                // A form may leave out the count itself ("one document", Arabic's dual), but
                // keeps every other placeholder and adds none.
                let all = &source_placeholders | &placeholders(plural);
                let count = Placeholder::Named("n".to_owned());
                for form in &entry.msgstr_plural {
                    let found = placeholders(form);
                    let lacks_one = all.iter().any(|p| *p != count && !found.contains(p));
                    if form.trim().is_empty() {
                        out.push(format!("empty plural form: {string}"));
                    } else if lacks_one || !found.is_subset(&all) {
                        out.push(format!("placeholders differ in {form:?}: {string}"));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn the_markup_has_strings_to_translate() {
    // Guards the tests below against passing on an empty list.
    assert!(
        !markup_strings().is_empty(),
        "no @tr string found in {}",
        markup_dir().display()
    );
}

#[test]
fn every_catalogue_parses_and_declares_its_plural_forms() {
    for (lang, forms) in LANGUAGES {
        let path = catalogue_path(lang);
        let content =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let catalogue = parse_catalogue(&content).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert_eq!(
            declared_plural_forms(&catalogue),
            Some(forms),
            "{lang}: Plural-Forms header"
        );
        assert_eq!(
            catalogue.metadata.get("Language").map(String::as_str),
            Some(lang),
            "{lang}: Language header"
        );
        let fuzzy: Vec<_> = catalogue
            .fuzzy_entries()
            .iter()
            .map(|e| e.msgid.clone())
            .collect();
        assert!(fuzzy.is_empty(), "{lang}: fuzzy entries {fuzzy:?}");
    }
}

#[test]
fn every_markup_string_is_translated_in_every_language() {
    let strings = markup_strings();
    let mut report = Vec::new();
    for (lang, forms) in LANGUAGES {
        let content = std::fs::read_to_string(catalogue_path(lang)).unwrap();
        let catalogue = parse_catalogue(&content).unwrap();
        report.extend(
            problems(&strings, &catalogue, forms)
                .into_iter()
                .map(|p| format!("{lang}: {p}")),
        );
    }
    assert!(
        report.is_empty(),
        "{} problems (re-extract with translations/update.sh, then translate):\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_reader_finds_contexts_plurals_and_escapes() {
    let markup = r#"
        // @tr("in a comment")
        /* nested /* @tr("also a comment") */ @tr("still one") */
        export global Labels {
            out property <string> a: @tr("Show your code \"here\"\n");
        }
        component Page_Two inherits Rectangle {
            Text { text: @tr("Screen" => "Start {}", name); }
            Text { text: @tr("{n} page" | "{n} pages" % count); }
            Text { text: "@tr(\"not a call\")"; }
        }
        export component Other { Text { text: @tr("caf\u{e9}"); } }
    "#;
    let found = tr_strings(markup, "test.slint").unwrap();
    let summary: Vec<_> = found
        .iter()
        .map(|s| (s.context.as_str(), s.msgid.as_str(), s.plural.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Labels", "Show your code \"here\"\n", None),
            ("Screen", "Start {}", None),
            ("Page-Two", "{n} page", Some("{n} pages")),
            ("Other", "café", None),
        ]
    );
    assert_eq!(found[1].at, "test.slint:8");
    assert!(tr_strings(r#"Text { text: @tr(name); }"#, "bad.slint").is_err());
    assert!(tr_strings(r#"Text { text: @tr("a \{b}"); }"#, "bad.slint").is_err());
}

#[test]
fn placeholders_are_read_as_slint_formats_them() {
    use Placeholder::{Index, Named};
    assert_eq!(
        placeholders("{} of {}"),
        BTreeSet::from([Index(0), Index(1)])
    );
    assert_eq!(
        placeholders("{1} sur {0}"),
        BTreeSet::from([Index(0), Index(1)])
    );
    assert_eq!(
        placeholders("{n} pages {{literal}}"),
        BTreeSet::from([Named("n".into())])
    );
    assert!(placeholders("no placeholder } here").is_empty());
}

#[test]
fn a_missing_fuzzy_or_mismatched_translation_is_reported() {
    let strings = tr_strings(
        r#"component Screen {
            Text { text: @tr("Start"); }
            Text { text: @tr("Finish"); }
            Text { text: @tr("Page {}", n); }
            Text { text: @tr("Next"); }
            Text { text: @tr("{n} page" | "{n} pages" % count); }
            Text { text: @tr("Back"); }
        }"#,
        "screen.slint",
    )
    .unwrap();
    let catalogue = parse_catalogue(
        r#"
msgid ""
msgstr ""
"Language: uk\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgctxt "Screen"
msgid "Start"
msgstr "Почати"

#, fuzzy
msgctxt "Screen"
msgid "Finish"
msgstr "Завершити"

msgctxt "Screen"
msgid "Page {}"
msgstr "Сторінка"

msgctxt "Screen"
msgid "{n} page"
msgid_plural "{n} pages"
msgstr[0] "{n} сторінка"
msgstr[1] "{n} сторінки"

msgctxt "Other"
msgid "Back"
msgstr "Назад"
"#,
    )
    .unwrap();
    assert_eq!(declared_plural_forms(&catalogue), Some(3));
    let report = problems(&strings, &catalogue, 3);
    let kinds: Vec<_> = report
        .iter()
        .map(|p| p.split(':').next().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "fuzzy",
            "placeholders differ in \"Сторінка\"",
            "missing",
            "2 plural forms instead of 3",
            "missing",
        ],
        "{report:#?}"
    );
    assert!(report[2].contains("\"Next\""), "{report:#?}");
    assert!(report[4].contains("\"Back\""), "{report:#?}");
}

#[test]
fn a_document_type_has_the_same_words_on_the_screens_the_receipt_and_in_the_vault() {
    // The screens take their words from the catalogues (`Labels.class-name`); file names and
    // receipts from `naming::class_label`. A resident who chose "Bulletin de salaire" on the
    // screen must find those words on the receipt and in the vault.
    use kiosk_ui::session::DocClass;
    use kiosk_ui::vault::naming::class_label;
    let mut report = Vec::new();
    for (lang, _) in LANGUAGES {
        let content = std::fs::read_to_string(catalogue_path(lang)).unwrap();
        let catalogue = parse_catalogue(&content).unwrap();
        for class in DocClass::ALL {
            let msgid = class_label(class, "en");
            let on_screen = catalogue
                .entries
                .iter()
                .find(|e| e.msgctxt.as_deref() == Some("Labels") && e.msgid == msgid)
                .and_then(|e| e.msgstr.clone());
            let named = class_label(class, lang);
            if on_screen.as_deref() != Some(named) {
                report.push(format!(
                    "{lang}: {msgid:?} is {on_screen:?} on screen, {named:?} in names"
                ));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
