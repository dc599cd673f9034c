//! The pairing-payload parser on arbitrary bytes, as a QR code may hold them: it returns a
//! pairing or a refusal with a reason code, never panics, and a pairing it accepts is well
//! formed (no credentials left in a URL, a plain-letters token, HTTP only when allowed).
#![cfg_attr(fuzzing, no_main)]

use kiosk_ui::config::Connector;
use kiosk_ui::vault::payload::{self, Pairing, PairingRules};

fn body(data: &[u8]) {
    // The first byte chooses the configuration, the rest is the payload.
    let Some((&flags, payload)) = data.split_first() else {
        return;
    };
    let rules = PairingRules {
        allowed: vec![Connector::NextcloudShare, Connector::Webdav],
        allow_insecure_http: flags & 1 != 0,
        allow_ip_literals: flags & 2 != 0,
    };
    match payload::parse_bytes(payload, &rules) {
        Ok(Pairing::NextcloudShare(share)) => {
            assert!(share.server.path().ends_with('/'));
            assert!(share.server.username().is_empty() && share.server.password().is_none());
            assert!(share.token.bytes().all(|b| b.is_ascii_alphanumeric()));
            assert!(rules.allow_insecure_http || share.server.scheme() == "https");
        }
        Ok(Pairing::Webdav(dav)) => {
            assert!(dav.folder.username().is_empty() && dav.folder.password().is_none());
            assert!(!dav.user.is_empty() && !dav.password.is_empty());
            assert!(rules.allow_insecure_http || dav.folder.scheme() == "https");
        }
        Err(refusal) => {
            assert!(!refusal.reason.code().is_empty() && !refusal.kind.code().is_empty());
        }
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| body(data));

#[cfg(not(fuzzing))]
fn main() {
    kiosk_fuzz::smoke("pairing_payload", body);
}
