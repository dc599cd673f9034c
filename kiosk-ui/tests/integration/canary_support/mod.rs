//! The canary harness: documents and a pairing card carrying unique strings, a real `kiosk`
//! process run headless against them, and searches for those strings wherever the kiosk could
//! have left them (its folders, its database, its log, a core dump of its memory).
//!
//! A canary is drawn at random for every run, so no earlier run, binary or fixture can hold
//! it. The pages print each canary in large type so the OCR reads it; the pairing card's QR
//! code is a share link whose token is a canary. Searches look for each canary's random body
//! (a freed chunk's first bytes are the allocator's bookkeeping, so the body alone is the
//! stronger test) in UTF-8 and in UTF-16 of both byte orders.
//!
//! Used by the canary test and by the session benchmark (which needs the same kiosk, vault and
//! documents but none of the searches).
// Each user of this module uses a different part of it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use kiosk_tests::corpus::Generator;
use memchr::memmem;

/// Letters and digits tesseract never mixes up with one another in bold sans type.
const ALPHABET: &[u8] = b"ACDEFHJKLMNPRTUVWXY34679";

/// The share token of the delivery vault (the harness's file drop).
pub const DROP_TOKEN: &str = "DropToken123";

/// One run's canary strings.
#[derive(Debug, Clone)]
pub struct Canaries {
    /// Printed on the document pages, one per line (`CANARY-` and a random body).
    pub page: Vec<String>,
    /// The token of the share link in the pairing card's QR code.
    pub link_token: String,
}

impl Canaries {
    /// Fresh random canaries: `lines` for the pages and one for the link.
    pub fn new(lines: usize) -> Self {
        let body = |n: usize| -> String {
            (0..n)
                .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
                .collect()
        };
        Self {
            page: (0..lines).map(|_| format!("CANARY-{}", body(10))).collect(),
            link_token: format!("Canary{}", body(14)),
        }
    }

    /// The link the pairing card carries: a Nextcloud share on a server that need not exist
    /// (the kiosk reads and checks it, then delivers to the test vault).
    pub fn link(&self) -> String {
        format!("https://coffre.example.org/s/{}", self.link_token)
    }

    /// The strings searched for: each page canary's random body, and the link's token.
    pub fn needles(&self) -> Vec<String> {
        let mut needles: Vec<String> = self.page.iter().map(|c| body_of(c).to_owned()).collect();
        needles.push(self.link_token.clone());
        needles
    }
}

/// The random part of a page canary.
pub fn body_of(canary: &str) -> &str {
    canary.strip_prefix("CANARY-").unwrap_or(canary)
}

/// Every page canary an OCR text holds, as read (a misread canary is still a canary), written
/// `CANARY-` and its body. The OCR may read the hyphen as a space or drop it, and `pdftotext`
/// may set the two words of a PDF's text layer in blocks of their own, so what follows
/// `CANARY` past any separators and line breaks is taken as the body.
pub fn canaries_in_text(text: &str) -> Vec<String> {
    text.match_indices("CANARY")
        .filter_map(|(at, word)| {
            let rest = text[at + word.len()..]
                .trim_start_matches([' ', '-', '\u{2010}', '\u{2014}', '_', '\n', '\u{c}']);
            let body: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            (body.len() >= 8).then(|| format!("CANARY-{body}"))
        })
        .collect()
}

/// `text` encoded as UTF-8, UTF-16LE and UTF-16BE.
pub fn encodings(text: &str) -> [Vec<u8>; 3] {
    let units: Vec<u16> = text.encode_utf16().collect();
    [
        text.as_bytes().to_vec(),
        units.iter().flat_map(|u| u.to_le_bytes()).collect(),
        units.iter().flat_map(|u| u.to_be_bytes()).collect(),
    ]
}

/// The needles found in `haystack`, in any of the three encodings.
pub fn found_in(haystack: &[u8], needles: &[String]) -> Vec<String> {
    needles
        .iter()
        .filter(|needle| {
            encodings(needle)
                .iter()
                .any(|bytes| memmem::find(haystack, bytes).is_some())
        })
        .cloned()
        .collect()
}

/// Every file at or under `path` holding a needle, with the needles it holds.
pub fn files_holding(path: &Path, needles: &[String]) -> Vec<(PathBuf, Vec<String>)> {
    files_under(path)
        .into_iter()
        .filter_map(|file| {
            let found = found_in(&std::fs::read(&file).ok()?, needles);
            (!found.is_empty()).then_some((file, found))
        })
        .collect()
}

/// `path` itself when it is a file, else every file under it (none when it does not exist).
pub fn files_under(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_owned()];
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|entry| files_under(&entry.path()))
        .collect()
}

/// A kiosk's private world: its folders, configuration, pairing card and documents.
pub struct Stage {
    /// Everything lives under this temporary folder.
    pub dir: tempfile::TempDir,
}

impl Stage {
    /// A fresh world with the configuration written; the card and documents come next.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kiosk-canary-")
            .tempdir()
            .expect("tempdir");
        for folder in ["runtime", "state", "frames", "logs"] {
            std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        }
        std::fs::write(dir.path().join("kiosk.toml"), CONFIG).expect("write configuration");
        Self { dir }
    }

    /// The RAM folder of the session folders (`$RUNTIME_DIRECTORY`).
    pub fn runtime(&self) -> PathBuf {
        self.dir.path().join("runtime")
    }

    /// The durable folder of the store (`$STATE_DIRECTORY`).
    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// The folder of document images.
    pub fn frames(&self) -> PathBuf {
        self.dir.path().join("frames")
    }

    /// The pairing card photo.
    pub fn card(&self) -> PathBuf {
        self.dir.path().join("card.png")
    }

    /// The kiosk's log (its stderr) of run `n`.
    pub fn log(&self, n: usize) -> PathBuf {
        self.dir.path().join("logs").join(format!("kiosk-{n}.log"))
    }

    /// Writes a pairing card for `link` and, in `frames`, one single-page document per
    /// entry of `pages`, each printed with its lines.
    pub fn documents(&self, link: &str, pages: &[Vec<String>]) {
        let generator = Generator::new(7).expect("fonts (fonts-dejavu-core)");
        generator
            .pairing_card_photo(link, 3)
            .expect("pairing card")
            .save(self.card())
            .expect("save card");
        for (n, lines) in pages.iter().enumerate() {
            generator
                .text_photo(lines, 11 + n as u64)
                .save(self.frames().join(format!("page-{n:02}.png")))
                .expect("save page");
        }
    }

    /// Starts `kiosk simulate` on this world, delivering to `deliver_to`; run `n` logs to
    /// [`Stage::log`]`(n)`. `extra` arguments follow the others.
    pub fn simulate(&self, n: usize, deliver_to: &str, extra: &[&str]) -> Kiosk {
        let log = std::fs::File::create(self.log(n)).expect("log file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_kiosk"))
            .arg("--config")
            .arg(self.dir.path().join("kiosk.toml"))
            .arg("simulate")
            .arg("--pair-image")
            .arg(self.card())
            .arg("--frames")
            .arg(self.frames())
            .args(["--vault-link", deliver_to, "--json"])
            .args(extra)
            .env("RUNTIME_DIRECTORY", self.runtime())
            .env("STATE_DIRECTORY", self.state())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("kiosk starts");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Kiosk { child, stdout }
    }
}

/// The configuration of the test kiosk: the test vault over plain HTTP on 127.0.0.1, no
/// printer, timeouts that never end a session early.
const CONFIG: &str = r#"site_name = "Canary test"
[vault]
allowed_connectors = ["nextcloud_share", "webdav"]
allow_insecure_http = true
allow_ip_literals = true
connect_timeout_secs = 5
read_timeout_secs = 10
delivery_budget_secs = 60
[session]
idle_timeout_secs = 600
countdown_secs = 30
hard_cap_secs = 3600
"#;

/// A running `kiosk simulate`; killed when dropped.
pub struct Kiosk {
    /// The process.
    pub child: Child,
    stdout: BufReader<ChildStdout>,
}

impl Kiosk {
    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next session report (one JSON line), or `None` when the kiosk closed its output.
    pub fn next_report(&mut self) -> Option<serde_json::Value> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(serde_json::from_str(&line).unwrap_or_else(|e| {
                panic!("kiosk printed something else than a JSON report ({e}): {line}")
            })),
        }
    }

    /// A core dump of the running process, taken with gdb's `gcore` into `dir`.
    pub fn core_dump(&self, dir: &Path) -> Vec<u8> {
        let prefix = dir.join("core");
        let output = Command::new("gcore")
            .arg("-o")
            .arg(&prefix)
            .arg(self.pid().to_string())
            .output()
            .expect("gcore runs (apt-get install gdb)");
        assert!(
            output.status.success(),
            "gcore failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let file = PathBuf::from(format!("{}.{}", prefix.display(), self.pid()));
        let bytes = std::fs::read(&file).expect("read core");
        std::fs::remove_file(&file).expect("remove core");
        bytes
    }

    /// Lets a kiosk held after its sessions go (closes its input) and waits for it to end.
    pub fn release(mut self) -> std::process::ExitStatus {
        drop(self.child.stdin.take());
        self.child.wait().expect("wait for kiosk")
    }

    /// `kill -9`: no code of the kiosk runs after this.
    pub fn kill(mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("reap");
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of a PDF, as pdftotext (poppler-utils) reads it.
pub fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let file = dir.join("delivered.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let output = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    std::fs::remove_file(&file).expect("remove pdf");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
