//! Nextcloud/ownCloud public share links as vaults.
//!
//! A share link `https://host/sub/s/TOKEN` becomes a WebDAV folder:
//!
//! - current servers (Nextcloud ≥ 21): `https://host/sub/public.php/dav/files/TOKEN/`,
//!   anonymous, or Basic `anonymous:<password>` for a password-protected share. An upload-only
//!   ("file drop") share answers PROPFIND with 405 and renames repeated names by itself.
//! - servers too old for it (404 there): the legacy `public.php/webdav/` endpoint with Basic
//!   `TOKEN:<password>`. It is only tried when the current one does not exist, because it
//!   answers 409 to uploads into file drops on current servers.
//!
//! A 401 when opening means the share needs a password ([`DeliveryError::PasswordRequired`])
//! or that the one given is wrong ([`DeliveryError::WrongPassword`]); the UI asks again a few
//! times at most.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use url::Url;
use zeroize::Zeroizing;

use super::payload::ShareLink;
use super::{Credentials, DavFolder, DeliveryError, Http, LinkKind};

/// The current public WebDAV folder of a share.
pub fn share_folder(share: &ShareLink) -> Url {
    join(
        &share.server,
        &format!("public.php/dav/files/{}/", share.token.as_str()),
    )
}

/// The legacy public WebDAV folder (the token is the user name).
pub fn legacy_folder(share: &ShareLink) -> Url {
    join(&share.server, "public.php/webdav/")
}

fn join(server: &Url, path: &str) -> Url {
    // The server URL ends with '/' and `path` is relative ASCII: joining cannot fail.
    server.join(path).unwrap_or_else(|_| server.clone())
}

/// Opens a share link, with the password the resident typed if it has one.
pub async fn open(
    share: &ShareLink,
    password: Option<Zeroizing<String>>,
    http: Arc<Http>,
    cancel: &CancellationToken,
) -> Result<DavFolder, DeliveryError> {
    let has_password = password.is_some();
    let auth_error = |e: DeliveryError| match e {
        DeliveryError::Unauthorized if has_password => DeliveryError::WrongPassword,
        DeliveryError::Unauthorized => DeliveryError::PasswordRequired,
        other => other,
    };
    let current = password.clone().map(|password| Credentials {
        user: Zeroizing::new("anonymous".to_owned()),
        password,
    });
    let mut folder = DavFolder::new(
        Arc::clone(&http),
        share_folder(share),
        current,
        LinkKind::NextcloudShare,
    );
    match folder.probe(cancel).await {
        Ok(()) => return Ok(folder),
        Err(DeliveryError::LinkGone) => {}
        Err(e) => return Err(auth_error(e)),
    }
    let legacy = Credentials {
        user: share.token.clone(),
        password: password.unwrap_or_default(),
    };
    let mut folder = DavFolder::new(
        http,
        legacy_folder(share),
        Some(legacy),
        LinkKind::NextcloudShareLegacy,
    );
    folder.probe(cancel).await.map_err(auth_error)?;
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_folders_keep_the_subpath() {
        let share = ShareLink {
            server: Url::parse("https://cloud.example.org/nextcloud/").unwrap(),
            token: Zeroizing::new("AbCdEf123456789".to_owned()),
        };
        assert_eq!(
            share_folder(&share).as_str(),
            "https://cloud.example.org/nextcloud/public.php/dav/files/AbCdEf123456789/"
        );
        assert_eq!(
            legacy_folder(&share).as_str(),
            "https://cloud.example.org/nextcloud/public.php/webdav/"
        );
    }
}
