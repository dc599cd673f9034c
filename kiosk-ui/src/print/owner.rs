//! The name print jobs are sent under: the system account the kiosk runs as, never the
//! resident.
//!
//! A print server lets only a job's owner (or an administrator) cancel it, and knows owners by
//! their account names, as every CUPS client sends them. A made-up name is not harmless: CUPS
//! 2.4.2's scheduler crashes when asked to cancel a job owned by a name it cannot look up, and
//! the kiosk cancels every job that has not come out by its deadline.

use std::ffi::CStr;
use std::sync::OnceLock;

/// The name used when the account has none (a process started under a bare user id).
const FALLBACK: &str = "kiosk";

/// The name of the account this process runs as, looked up once.
pub fn job_owner() -> &'static str {
    static OWNER: OnceLock<String> = OnceLock::new();
    OWNER.get_or_init(|| account_name().unwrap_or_else(|| FALLBACK.to_owned()))
}

/// The account database's name for this process's user id.
fn account_name() -> Option<String> {
    let mut entry = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut found = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes the entry into `entry` and its strings into `buffer`, both
    // ours and sized as passed; `found` is set to `entry` on success, null otherwise.
    let status = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() {
        return None;
    }
    // SAFETY: on success the entry is initialised and its name points into `buffer`, which is
    // still alive; the name is NUL-terminated.
    let name = unsafe { CStr::from_ptr(entry.assume_init_ref().pw_name) };
    name.to_str()
        .ok()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_is_the_account_the_process_runs_as() {
        // SAFETY: getuid cannot fail.
        let uid = unsafe { libc::getuid() };
        let listed = std::fs::read_to_string("/etc/passwd")
            .expect("the account database")
            .lines()
            .find_map(|line| {
                let fields: Vec<&str> = line.split(':').collect();
                (fields.get(2) == Some(&uid.to_string().as_str())).then(|| fields[0].to_owned())
            })
            .expect("this process's account is listed");
        assert_eq!(job_owner(), listed);
    }
}
