//! Containers for the resident's secrets that zero their memory when dropped.
//!
//! The pairing link, a share password, a phone-approval credential and page bytes are the
//! resident's; the privacy model says none of them may outlive the session, not even in freed
//! heap memory that a core dump would show. These wrappers hold them in [`zeroize::Zeroizing`]
//! buffers, never print their contents in `Debug`, and pre-allocate where text is typed so a
//! growing buffer never leaves an un-zeroed copy behind after a reallocation.

use std::fmt;

use zeroize::Zeroizing;

/// Text that belongs to the resident (a pairing link, a password, a credential).
///
/// Its memory is overwritten with zeros when it is dropped; `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretText(Zeroizing<String>);

impl SecretText {
    /// Takes ownership of `text`; its buffer is zeroed when this value is dropped.
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// An empty text that can grow to `capacity` bytes without reallocating (for typing).
    pub fn with_capacity(capacity: usize) -> Self {
        Self(Zeroizing::new(String::with_capacity(capacity)))
    }

    /// The text itself, for the code that must use it (the vault connector).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends `c` if it fits in the capacity reserved at creation, so that no reallocation
    /// leaves a copy of the text in freed memory. Returns whether it was appended.
    pub fn push_within_capacity(&mut self, c: char) -> bool {
        if self.0.len() + c.len_utf8() > self.0.capacity() {
            return false;
        }
        self.0.push(c);
        true
    }

    /// Removes the last character, if any.
    pub fn pop(&mut self) {
        self.0.pop();
    }
}

impl From<&str> for SecretText {
    fn from(text: &str) -> Self {
        Self::new(text.to_owned())
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretText(<{} bytes>)", self.0.len())
    }
}

/// Bytes that belong to the resident (a page image, a PDF); zeroed when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Takes ownership of `bytes`; the buffer is zeroed when this value is dropped.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// The bytes themselves.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<{} bytes>)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_text() {
        let secret = SecretText::from("https://cloud.example/s/CANARY");
        let shown = format!("{secret:?}");
        assert!(!shown.contains("CANARY"), "{shown}");
        let bytes = SecretBytes::new(b"CANARY".to_vec());
        assert!(!format!("{bytes:?}").contains("CANARY"));
    }

    #[test]
    fn typing_stops_at_the_reserved_capacity() {
        let mut typed = SecretText::with_capacity(4);
        let capacity = typed.0.capacity();
        for c in "1234567890".chars() {
            typed.push_within_capacity(c);
        }
        assert_eq!(typed.len(), capacity);
        assert_eq!(typed.0.capacity(), capacity, "the buffer never moved");
        typed.pop();
        assert_eq!(typed.len(), capacity - 1);
    }
}
