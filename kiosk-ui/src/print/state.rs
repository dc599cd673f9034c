//! What the printer is doing, reduced to the few states a resident or a technician acts on.
//!
//! IPP reports a printer as `printer-state` (idle, processing, stopped) plus a list of
//! `printer-state-reasons` keywords (RFC 8011 §5.4.12 and the PWG registry), each with an
//! optional `-error`, `-warning` or `-report` suffix and sometimes a vendor prefix. The screens
//! need far less: "ready", or one friendly message (offline, out of paper, jammed, ink).
//! [`PrinterState::from_ipp`] makes that reduction in one place; the keyword it could not place
//! survives in [`PrinterState::Other`] for the technician screen.

/// The printer's condition as the kiosk shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    /// Idle or printing, nothing in the way.
    Ready,
    /// Unplugged, switched off, paused or the queue disabled: nothing will print.
    Offline,
    /// A tray is empty.
    OutOfPaper,
    /// Paper is stuck.
    Jammed,
    /// Ink or toner runs low; printing still works.
    LowInk,
    /// Ink or toner is empty: nothing will print.
    NoInk,
    /// An error the kiosk has no message for; the IPP keyword, for technicians.
    Other(String),
}

/// IPP `printer-state` value for a stopped printer (RFC 8011 §5.4.11).
const STATE_STOPPED: i32 = 5;

impl PrinterState {
    /// Reduces an IPP `printer-state` (3 idle, 4 processing, 5 stopped) and its
    /// `printer-state-reasons` keywords to one state; the most serious reason wins.
    pub fn from_ipp<S: AsRef<str>>(state: i32, reasons: &[S]) -> Self {
        let mut found: Option<PrinterState> = None;
        for reason in reasons {
            let Some(candidate) = classify(reason.as_ref()) else {
                continue;
            };
            if found
                .as_ref()
                .is_none_or(|current| candidate.severity() > current.severity())
            {
                found = Some(candidate);
            }
        }
        match found {
            Some(state) => state,
            None if state == STATE_STOPPED => PrinterState::Offline,
            None => PrinterState::Ready,
        }
    }

    /// Whether a job sent now can come out of the printer.
    pub fn can_print(&self) -> bool {
        matches!(self, PrinterState::Ready | PrinterState::LowInk)
    }

    /// Orders states so that the one that stops printing, and that a person can fix, wins.
    fn severity(&self) -> u8 {
        match self {
            PrinterState::Ready => 0,
            PrinterState::LowInk => 1,
            PrinterState::Other(_) => 2,
            PrinterState::Offline => 3,
            PrinterState::NoInk => 4,
            PrinterState::OutOfPaper => 5,
            PrinterState::Jammed => 6,
        }
    }
}

/// Places one `printer-state-reasons` keyword; `None` for keywords that change nothing
/// (`none`, reports, unknown warnings).
fn classify(reason: &str) -> Option<PrinterState> {
    let reason = reason.trim().to_ascii_lowercase();
    let (keyword, severity) = split_severity(&reason);
    // Vendor keywords look like `com.vendor.media-empty`: match on the registered part.
    let keyword = keyword.rsplit_once('.').map_or(keyword, |(_, rest)| rest);
    let known = if keyword.contains("jam") {
        Some(PrinterState::Jammed)
    } else if keyword.starts_with("media-empty") || keyword.starts_with("media-needed") {
        Some(PrinterState::OutOfPaper)
    } else if is_supply(keyword, "empty") {
        Some(PrinterState::NoInk)
    } else if is_supply(keyword, "low") {
        Some(PrinterState::LowInk)
    } else if [
        "offline",
        "paused",
        "shutdown",
        "stopped",
        "connecting-to-device",
        "timed-out",
    ]
    .iter()
    .any(|k| keyword.starts_with(k))
    {
        Some(PrinterState::Offline)
    } else {
        None
    };
    match (known, severity) {
        (Some(state), _) => Some(state),
        (None, Severity::Error) => Some(PrinterState::Other(reason.clone())),
        (None, _) => None,
    }
}

/// Whether `keyword` names an ink or toner supply in the given condition (`empty`, `low`).
fn is_supply(keyword: &str, condition: &str) -> bool {
    ["marker-supply-", "toner-", "marker-ink-", "ink-"]
        .iter()
        .any(|prefix| keyword.strip_prefix(prefix) == Some(condition))
}

/// The suffix IPP puts on a reason keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Severity {
    /// `-error`: the printer cannot go on.
    Error,
    /// `-warning` or `-report`, or no suffix.
    Lesser,
}

fn split_severity(reason: &str) -> (&str, Severity) {
    if let Some(keyword) = reason.strip_suffix("-error") {
        return (keyword, Severity::Error);
    }
    let keyword = reason
        .strip_suffix("-warning")
        .or_else(|| reason.strip_suffix("-report"))
        .unwrap_or(reason);
    (keyword, Severity::Lesser)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDLE: i32 = 3;
    const PROCESSING: i32 = 4;

    #[test]
    fn an_idle_printer_without_reasons_is_ready() {
        assert_eq!(PrinterState::from_ipp(IDLE, &["none"]), PrinterState::Ready);
        assert_eq!(
            PrinterState::from_ipp::<&str>(PROCESSING, &[]),
            PrinterState::Ready
        );
    }

    #[test]
    fn a_stopped_queue_without_reasons_is_offline() {
        assert_eq!(
            PrinterState::from_ipp(STATE_STOPPED, &["none"]),
            PrinterState::Offline
        );
        assert_eq!(
            PrinterState::from_ipp(STATE_STOPPED, &["paused"]),
            PrinterState::Offline
        );
    }

    #[test]
    fn registered_reasons_map_to_friendly_states() {
        let cases = [
            ("media-empty-error", PrinterState::OutOfPaper),
            ("media-needed", PrinterState::OutOfPaper),
            ("media-jam-error", PrinterState::Jammed),
            ("input-tray-jam", PrinterState::Jammed),
            ("marker-supply-empty-error", PrinterState::NoInk),
            ("toner-empty-error", PrinterState::NoInk),
            ("marker-supply-low-warning", PrinterState::LowInk),
            ("toner-low-report", PrinterState::LowInk),
            ("offline-report", PrinterState::Offline),
            ("connecting-to-device", PrinterState::Offline),
            ("com.example.media-empty-error", PrinterState::OutOfPaper),
        ];
        for (reason, expected) in cases {
            assert_eq!(
                PrinterState::from_ipp(IDLE, &[reason]),
                expected,
                "{reason}"
            );
        }
    }

    #[test]
    fn the_most_serious_reason_wins() {
        let state = PrinterState::from_ipp(
            STATE_STOPPED,
            &[
                "marker-supply-low-warning",
                "media-jam-error",
                "offline-report",
            ],
        );
        assert_eq!(state, PrinterState::Jammed);
        let state = PrinterState::from_ipp(IDLE, &["toner-low-warning", "media-empty-error"]);
        assert_eq!(state, PrinterState::OutOfPaper);
    }

    #[test]
    fn unknown_errors_are_kept_for_technicians_and_unknown_warnings_ignored() {
        assert_eq!(
            PrinterState::from_ipp(IDLE, &["door-open-error"]),
            PrinterState::Other("door-open-error".into())
        );
        assert_eq!(
            PrinterState::from_ipp(IDLE, &["cups-insecure-filter-warning"]),
            PrinterState::Ready
        );
    }

    #[test]
    fn only_ready_and_low_ink_can_print() {
        assert!(PrinterState::Ready.can_print());
        assert!(PrinterState::LowInk.can_print());
        for state in [
            PrinterState::Offline,
            PrinterState::OutOfPaper,
            PrinterState::Jammed,
            PrinterState::NoInk,
            PrinterState::Other("x-error".into()),
        ] {
            assert!(!state.can_print(), "{state:?}");
        }
    }
}
