//! The kiosk process's memory: freed bytes that do not linger, and figures about its size.
//!
//! Dropping a value gives its memory back to the allocator, not its bytes: glibc keeps freed
//! chunks, contents and all, until it hands them out again. A page's text, a pairing link or a
//! camera frame would then outlive the session that read it, in any core dump or swap of the
//! running kiosk. glibc can overwrite every chunk it frees (`perturb`), but its per-thread
//! cache (`tcache`, chunks up to about 1 KiB: exactly the size of a link or a line of text)
//! skips that step, and the cache can only be turned off by the `GLIBC_TUNABLES` variable read
//! once when a process starts. So [`scrub_freed_memory`], the first call in `main`, starts the
//! kiosk binary again in place (same process, same arguments) with the tunables set, unless
//! they already are. This covers the Rust heap and the C libraries the kiosk links (tesseract,
//! leptonica, SQLite) alike. [`release_free_memory`], called after a wipe, returns the free
//! pages of every arena to the kernel.
//!
//! [`ProcessStats`] reads what `/proc` says about a process (resident size, peak, open file
//! descriptors): the session benchmark and `kiosk simulate` report it.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::process::CommandExt;
use std::process::Command;

/// The byte glibc writes over freed chunks (and, inverted, over fresh ones). Any non-zero
/// value turns perturbation on; this one is easy to spot in a core dump.
pub const PERTURB_BYTE: u8 = 0xA5;

/// The environment variable glibc reads its allocator settings from, at process start.
pub const TUNABLES_VAR: &str = "GLIBC_TUNABLES";

/// The settings the kiosk runs with: every freed chunk overwritten, no per-thread cache; two
/// arenas for all threads; every block of 1 MiB or more (camera frames, page images) mapped
/// on its own, so that freeing it hands it straight back to the kernel, which zeroes it. (By
/// default glibc raises that threshold as large blocks come and go, and images end up in the
/// heap, where they fragment it and stay resident.) Measured on the session benchmark: peak
/// resident size 218 → 169 MiB, after the wipe 111 → 89 MiB.
pub const TUNABLES: &str = "glibc.malloc.perturb=165:glibc.malloc.tcache_count=0:\
glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=1048576";

/// Makes sure glibc overwrites every chunk this process frees.
///
/// When `GLIBC_TUNABLES` already holds [`TUNABLES`] this returns at once. Otherwise it
/// replaces the running program by itself with the variable set (the same process id,
/// arguments and environment otherwise), so it must be called first thing in `main`, before
/// any thread or open state exists. It only returns in the first case, or with the error that
/// kept the program from starting again (the kiosk then runs without the protection and says
/// so).
pub fn scrub_freed_memory() -> io::Result<()> {
    let current = std::env::var_os(TUNABLES_VAR).unwrap_or_default();
    if current.to_string_lossy().contains(TUNABLES) {
        return Ok(());
    }
    let mut args = std::env::args_os();
    let mut command = Command::new("/proc/self/exe");
    if let Some(name) = args.next() {
        command.arg0(name);
    }
    Err(command
        .args(args)
        .env(TUNABLES_VAR, with_kiosk_tunables(current))
        .exec())
}

/// `current` tunables with the kiosk's appended (glibc separates them with `:`).
fn with_kiosk_tunables(current: OsString) -> OsString {
    let mut value = current;
    if !value.is_empty() {
        value.push(":");
    }
    value.push(TUNABLES);
    value
}

/// Gives every whole free page of the allocator's arenas back to the kernel, which zeroes it
/// before any reuse. Called after a wipe, it also keeps the resident size from creeping up over
/// thousands of sessions. Returns whether any memory was released.
pub fn release_free_memory() -> bool {
    // SAFETY: malloc_trim walks the allocator's own free lists; 0 keeps no padding.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// What `/proc` says about a process's memory and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessStats {
    /// Resident set size now, in KiB (`VmRSS`).
    pub rss_kib: u64,
    /// The highest resident set size so far, in KiB (`VmHWM`).
    pub peak_rss_kib: u64,
    /// Open file descriptors (entries of `/proc/<pid>/fd`).
    pub open_fds: usize,
}

impl ProcessStats {
    /// The figures of this process.
    pub fn current() -> io::Result<Self> {
        Self::read("self")
    }

    /// The figures of process `pid`.
    pub fn of(pid: u32) -> io::Result<Self> {
        Self::read(&pid.to_string())
    }

    fn read(proc_dir: &str) -> io::Result<Self> {
        let status = fs::read_to_string(format!("/proc/{proc_dir}/status"))?;
        let open_fds = fs::read_dir(format!("/proc/{proc_dir}/fd"))?.count();
        Ok(Self {
            rss_kib: status_kib(&status, "VmRSS")?,
            peak_rss_kib: status_kib(&status, "VmHWM")?,
            open_fds,
        })
    }
}

/// The value of a `Key:   1234 kB` line of `/proc/<pid>/status`.
fn status_kib(status: &str, key: &str) -> io::Result<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB")?.trim().parse().ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("/proc status has no {key} line in kB"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kiosk_tunables_keep_the_ones_already_set() {
        assert_eq!(
            with_kiosk_tunables(OsString::new()),
            OsString::from(TUNABLES)
        );
        assert_eq!(
            with_kiosk_tunables(OsString::from("glibc.pthread.rseq=0")),
            OsString::from(format!("glibc.pthread.rseq=0:{TUNABLES}"))
        );
    }

    #[test]
    fn the_perturb_byte_is_the_one_the_tunables_name() {
        assert!(TUNABLES.contains(&format!("perturb={PERTURB_BYTE}")));
    }

    #[test]
    fn status_lines_are_read_in_kib() {
        let status = "Name:\tkiosk\nVmHWM:\t  20480 kB\nVmRSS:\t   1234 kB\nThreads:\t3\n";
        assert_eq!(status_kib(status, "VmRSS").unwrap(), 1234);
        assert_eq!(status_kib(status, "VmHWM").unwrap(), 20480);
        assert!(status_kib(status, "VmSwap").is_err());
        assert!(status_kib("VmRSS:\t12 pages\n", "VmRSS").is_err());
    }

    #[test]
    fn this_process_has_a_size_and_open_files() {
        let _file = fs::File::open("/proc/self/status").unwrap();
        let stats = ProcessStats::current().unwrap();
        assert!(stats.rss_kib > 0 && stats.peak_rss_kib >= stats.rss_kib);
        assert!(stats.open_fds >= 1, "the file opened above is counted");
        let by_pid = ProcessStats::of(std::process::id()).unwrap();
        assert!(
            by_pid.peak_rss_kib >= stats.rss_kib,
            "the peak never shrinks"
        );
        assert!(ProcessStats::of(u32::MAX).is_err(), "no such process");
    }
}
