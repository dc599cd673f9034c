//! What the markup's callbacks mean for the session.
//!
//! The markup reports touches as plain strings and numbers (`tap("retake-page", 3, 1)`,
//! `key("7")`, `change-type(3, "payslip")`, `choose-language("uk")`); these functions turn them
//! into [`Event`]s. Anything they do not recognise — an unknown action, a negative id, a
//! class key that does not exist — becomes `None` and is dropped: a markup mistake never
//! reaches the session as a wrong event.

use crate::session::{DocClass, DocId, Event, Tap};

/// The key the markup uses for a class: its snake_case name, as the scanner's CLI spells it.
pub fn class_key(class: DocClass) -> String {
    match serde_json::to_value(class) {
        Ok(serde_json::Value::String(key)) => key,
        _ => "other".to_owned(),
    }
}

/// The class a key names, if any.
pub fn class_of_key(key: &str) -> Option<DocClass> {
    DocClass::ALL
        .into_iter()
        .find(|class| class_key(*class) == key)
}

/// The event for `tap(action, doc, page)`; `doc` and `page` are -1 where they do not apply.
pub fn tap(action: &str, doc: i32, page: i32) -> Option<Event> {
    let doc_id = || u32::try_from(doc).ok().map(DocId::from_raw);
    let page_index = || usize::try_from(page).ok();
    let tap = match action {
        "start" => Tap::Start,
        "back" => Tap::Back,
        "cancel" => Tap::Cancel,
        "still-here" => Tap::StillHere,
        "phone-approval" => Tap::PhoneApproval,
        "erase" => Tap::Erase,
        "submit" => Tap::Submit,
        "capture-now" => Tap::CaptureNow,
        "retake-page" => Tap::RetakePage {
            doc: doc_id()?,
            page: page_index()?,
        },
        "delete-page" => Tap::DeletePage {
            doc: doc_id()?,
            page: page_index()?,
        },
        "add-page" => Tap::AddPage { doc: doc_id()? },
        "add-back-side" => Tap::AddBackSide { doc: doc_id()? },
        "add-document" => Tap::AddDocument,
        "next" => Tap::Next,
        "retry-upload" => Tap::RetryUpload,
        "print-receipt" => Tap::PrintReceipt,
        "print-copies" => Tap::PrintCopies,
        "finish" => Tap::Finish,
        "try-again" => Tap::TryAgain,
        _ => return None,
    };
    Some(Event::Tap(tap))
}

/// The event for `key(text)`: one keypad character.
pub fn key(text: &str) -> Option<Event> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => Some(Event::Tap(Tap::Key(c))),
        _ => None,
    }
}

/// The event for `change-type(doc, class)`.
pub fn change_type(doc: i32, class: &str) -> Option<Event> {
    Some(Event::Tap(Tap::ChangeType {
        doc: DocId::from_raw(u32::try_from(doc).ok()?),
        class: class_of_key(class)?,
    }))
}

/// The event for `choose-language(code)`, if the kiosk offers that language.
pub fn choose_language(code: &str, offered: &[String]) -> Option<Event> {
    offered
        .iter()
        .any(|c| c == code)
        .then(|| Event::LanguageChosen(code.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tap_of(event: Option<Event>) -> Option<Tap> {
        match event {
            Some(Event::Tap(tap)) => Some(tap),
            _ => None,
        }
    }

    #[test]
    fn every_class_has_its_own_key_and_comes_back_from_it() {
        let keys: std::collections::BTreeSet<String> = DocClass::ALL.map(class_key).into();
        assert_eq!(keys.len(), DocClass::ALL.len());
        for class in DocClass::ALL {
            assert_eq!(class_of_key(&class_key(class)), Some(class));
        }
        assert_eq!(class_key(DocClass::ProofOfAddress), "proof_of_address");
        assert_eq!(class_of_key("bulletin"), None);
    }

    #[test]
    fn actions_with_a_document_carry_its_id_and_page() {
        assert_eq!(
            tap_of(tap("retake-page", 3, 1)),
            Some(Tap::RetakePage {
                doc: DocId::from_raw(3),
                page: 1
            })
        );
        assert_eq!(
            tap_of(tap("add-back-side", 0, -1)),
            Some(Tap::AddBackSide {
                doc: DocId::from_raw(0)
            })
        );
        assert_eq!(tap_of(tap("still-here", -1, -1)), Some(Tap::StillHere));
    }

    #[test]
    fn unknown_actions_and_missing_ids_are_dropped() {
        assert!(tap("self-destruct", -1, -1).is_none());
        assert!(tap("delete-page", -1, 0).is_none(), "no document");
        assert!(tap("delete-page", 2, -1).is_none(), "no page");
        assert!(tap("add-page", -1, -1).is_none());
    }

    #[test]
    fn a_key_is_exactly_one_printable_character() {
        assert_eq!(tap_of(key("7")), Some(Tap::Key('7')));
        assert_eq!(tap_of(key("é")), Some(Tap::Key('é')));
        assert!(key("").is_none());
        assert!(key("12").is_none());
        assert!(key("\n").is_none());
    }

    #[test]
    fn change_type_needs_a_real_class_and_document() {
        assert_eq!(
            tap_of(change_type(4, "tax_notice")),
            Some(Tap::ChangeType {
                doc: DocId::from_raw(4),
                class: DocClass::TaxNotice
            })
        );
        assert!(change_type(4, "TaxNotice").is_none());
        assert!(change_type(-2, "payslip").is_none());
    }

    #[test]
    fn only_offered_languages_are_chosen() {
        let offered = vec!["fr".to_owned(), "uk".to_owned()];
        assert!(matches!(
            choose_language("uk", &offered),
            Some(Event::LanguageChosen(code)) if code == "uk"
        ));
        assert!(choose_language("de", &offered).is_none());
    }
}
