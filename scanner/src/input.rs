//! Decoding untrusted image files safely.
