//! Pairing codes read from camera frames.
