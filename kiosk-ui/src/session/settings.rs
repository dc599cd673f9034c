//! The few numbers that shape a session: how long to wait, how many tries.
//!
//! They come from the kiosk's configuration file, but the session takes this plain struct so
//! that it depends on nothing but itself and tests can choose short, exact durations.

use std::time::Duration;

/// Timeouts and limits for one resident's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// Time without a touch before the "Are you still there?" countdown appears.
    pub idle_after: Duration,
    /// Length of that visible countdown; when it runs out the session ends.
    pub countdown: Duration,
    /// The longest a session may last, touched or not.
    pub hard_cap: Duration,
    /// Password attempts allowed on the keypad before the resident must start pairing again.
    pub password_tries: u8,
    /// How long "Finish" waits for a print job already sent before ending anyway.
    pub print_wait: Duration,
    /// The language shown when a session starts (a code from the UI's list, e.g. `fr`).
    pub default_language: String,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle_after: Duration::from_secs(90),
            countdown: Duration::from_secs(30),
            hard_cap: Duration::from_secs(30 * 60),
            password_tries: 3,
            print_wait: Duration::from_secs(60),
            default_language: "fr".to_owned(),
        }
    }
}
