//! Where the kiosk keeps things on disk: the RAM folder for sessions and the durable store.
//!
//! On the device, systemd gives the kiosk's unit a `RuntimeDirectory` (a tmpfs, gone at power
//! off) and a `StateDirectory` (the persistent partition), and tells the program where they are
//! through `$RUNTIME_DIRECTORY` and `$STATE_DIRECTORY`. The kiosk follows the same variables
//! everywhere — demo, tests, headless runs — so a test gives a kiosk private folders by setting
//! them for the child process.

use std::path::PathBuf;

/// The kiosk's two folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// Root of the per-session folders; RAM-backed on the device, erased at every start.
    pub sessions: PathBuf,
    /// The folder holding the store (`kiosk.sqlite`): counters and event kinds only.
    pub state: PathBuf,
}

impl Places {
    /// The folders systemd names in `$RUNTIME_DIRECTORY` and `$STATE_DIRECTORY`; outside
    /// systemd, `kiosk` folders under `$XDG_RUNTIME_DIR` (or the temporary folder) and under
    /// `$XDG_STATE_HOME` (or `~/.local/state`).
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                // systemd lists several folders separated by ':' when a unit asks for several.
                .map(|v| {
                    let text = v.to_string_lossy().into_owned();
                    PathBuf::from(text.split(':').next().unwrap_or_default())
                })
        };
        let sessions = var("RUNTIME_DIRECTORY").unwrap_or_else(|| {
            var("XDG_RUNTIME_DIR")
                .unwrap_or_else(std::env::temp_dir)
                .join("kiosk")
        });
        let state = var("STATE_DIRECTORY").unwrap_or_else(|| {
            var("XDG_STATE_HOME")
                .or_else(|| var("HOME").map(|home| home.join(".local/state")))
                .unwrap_or_else(std::env::temp_dir)
                .join("kiosk")
        });
        Self { sessions, state }
    }

    /// The store's file.
    pub fn store_file(&self) -> PathBuf {
        self.state.join("kiosk.sqlite")
    }
}
