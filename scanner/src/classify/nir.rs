//! French social-security numbers (NIR), as a carte Vitale prints them, checked by their key.
//!
//! A NIR is thirteen digits — sex, year and month of birth, department, commune, order — and a
//! two-digit key, 97 minus the number modulo 97; cards print it in groups
//! (`1 76 02 36 923 047 44`). A number whose key holds is evidence of a French health-insurance
//! card; only whether one is present is kept, never the number. Numbers born in Corsica
//! (department `2A`/`2B`) are not recognised: they are rare, and missing one only loses that
//! evidence.

/// Digits in a NIR, key included.
const NIR_DIGITS: usize = 15;

/// Whether `text` holds a social-security number whose key holds: fifteen digits, in groups
/// separated by single spaces, starting with the sex digit 1 or 2.
pub(super) fn has_valid(text: &str) -> bool {
    text.lines().any(|line| {
        // Runs of digits in which single spaces are allowed between groups.
        line.split(|c: char| !(c.is_ascii_digit() || c == ' '))
            .flat_map(|run| run.split("  "))
            .any(|run| {
                let digits: String = run.chars().filter(char::is_ascii_digit).collect();
                digits.len() == NIR_DIGITS && key_holds(&digits)
            })
    })
}

/// Whether the last two of fifteen digits are the key of the first thirteen.
fn key_holds(digits: &str) -> bool {
    let (number, key) = digits.split_at(NIR_DIGITS - 2);
    if !number.starts_with(['1', '2']) {
        return false;
    }
    let month: u32 = number[3..5].parse().unwrap_or(0);
    match (number.parse::<u64>(), key.parse::<u64>()) {
        (Ok(n), Ok(k)) => (1..=12).contains(&month) && k == 97 - n % 97,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grouped_number_with_its_key_is_found() {
        assert!(has_valid(
            "carte Vitale\nROUSSEL\n1 76 02 36 923 047 44\nCarte émise le"
        ));
        assert!(has_valid("N° de sécurité sociale : 176023692304744"));
    }

    #[test]
    fn a_wrong_key_or_a_lookalike_is_not_a_number() {
        assert!(!has_valid("1 76 02 36 923 047 45"));
        // A phone number and a date are not fifteen digits.
        assert!(!has_valid("Tél. 01 23 45 67 89 — 17/07/2015"));
        // Fifteen digits whose key holds, but with month 13, or sex digit 5.
        assert!(!has_valid("1 76 13 36 923 047 26"));
        assert!(!has_valid("5 76 02 36 923 047 38"));
        // Two numbers side by side do not make one.
        assert!(!has_valid("1 76 02 36 923  047 44"));
    }
}
