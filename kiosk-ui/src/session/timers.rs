//! Inactivity and the hard time limit, computed from the times events carry.
//!
//! The session never sleeps and never reads a clock: every event arrives with its time, and
//! these rules compare times. That keeps timeouts exact and testable (a test jumps ten minutes
//! by passing a later instant). The idle time counts only while the kiosk waits for the
//! resident; while it works (checking a password, uploading, printing) it does not, so nobody is
//! rushed by a slow network.

use std::time::{Duration, Instant};

use super::settings::SessionSettings;

/// Where the session stands against its time limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Clock {
    /// Nothing to show.
    Calm,
    /// The countdown is visible with this much time left.
    Countdown(Duration),
    /// Nobody touched the screen through the countdown.
    IdleOver,
    /// The hard limit is reached.
    CapReached,
}

/// When the session started and when the resident last showed they were there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Timers {
    started: Option<Instant>,
    last_activity: Instant,
}

impl Timers {
    /// Timers of a session not started yet (the welcome screen has no limits).
    pub fn new(now: Instant) -> Self {
        Self {
            started: None,
            last_activity: now,
        }
    }

    /// The resident pressed "Start": the hard limit counts from now.
    pub fn start(&mut self, now: Instant) {
        self.started = Some(now);
        self.last_activity = now;
    }

    /// The resident (or the kiosk's own work) showed the session is alive.
    pub fn touch(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
    }

    /// Where the session stands at `now`.
    pub fn check(&self, now: Instant, settings: &SessionSettings) -> Clock {
        let Some(started) = self.started else {
            return Clock::Calm;
        };
        if now.saturating_duration_since(started) >= settings.hard_cap {
            return Clock::CapReached;
        }
        let idle = now.saturating_duration_since(self.last_activity);
        if idle < settings.idle_after {
            return Clock::Calm;
        }
        let counted = idle - settings.idle_after;
        if counted >= settings.countdown {
            Clock::IdleOver
        } else {
            Clock::Countdown(settings.countdown - counted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SessionSettings {
        SessionSettings {
            idle_after: Duration::from_secs(60),
            countdown: Duration::from_secs(20),
            hard_cap: Duration::from_secs(600),
            ..SessionSettings::default()
        }
    }

    #[test]
    fn idle_then_countdown_then_over() {
        let t0 = Instant::now();
        let mut timers = Timers::new(t0);
        let s = settings();
        assert_eq!(timers.check(t0 + Duration::from_secs(500), &s), Clock::Calm);
        timers.start(t0);
        assert_eq!(timers.check(t0 + Duration::from_secs(59), &s), Clock::Calm);
        assert_eq!(
            timers.check(t0 + Duration::from_secs(65), &s),
            Clock::Countdown(Duration::from_secs(15))
        );
        assert_eq!(
            timers.check(t0 + Duration::from_secs(80), &s),
            Clock::IdleOver
        );
        timers.touch(t0 + Duration::from_secs(70));
        assert_eq!(timers.check(t0 + Duration::from_secs(80), &s), Clock::Calm);
    }

    #[test]
    fn the_cap_ignores_touches() {
        let t0 = Instant::now();
        let mut timers = Timers::new(t0);
        let s = settings();
        timers.start(t0);
        timers.touch(t0 + Duration::from_secs(599));
        assert_eq!(
            timers.check(t0 + Duration::from_secs(600), &s),
            Clock::CapReached
        );
    }

    #[test]
    fn a_late_touch_never_moves_time_back() {
        let t0 = Instant::now();
        let mut timers = Timers::new(t0);
        let s = settings();
        timers.start(t0);
        timers.touch(t0 + Duration::from_secs(50));
        timers.touch(t0 + Duration::from_secs(10));
        assert_eq!(timers.check(t0 + Duration::from_secs(100), &s), Clock::Calm);
    }
}
