//! The kiosk at work: one resident session after another, with the camera, the document
//! worker, the vault, the printer and the store carrying out what the session asks.
