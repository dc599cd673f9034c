//! Apache httpd with mod_dav as a real vault server, from a private ServerRoot.
//!
//! The layout imitates what the kiosk meets in the field:
//!
//! | path | what |
//! | --- | --- |
//! | `/public.php/dav/files/DropToken123/` | Nextcloud file drop: PUT only, PROPFIND → 405 |
//! | `/public.php/dav/files/ReadToken123/` | readable public share |
//! | `/public.php/dav/files/PassToken123/` | share with password (`anonymous:` [`SHARE_PASSWORD`]) |
//! | `/public.php/dav/files/MovedToken12/` | a share redirecting to another host |
//! | `/old/public.php/webdav/` | legacy endpoint of an old server (Basic `OldToken1234:`) |
//! | `/dav/marie/` | WebDAV folder with credentials (`marie:` [`DAV_PASSWORD`]) |
//!
//! Apache answers like real servers (207, 405, 412 with `If-None-Match: *`, and never keeps a
//! partial upload: mod_dav_fs writes to a temporary file and renames it when complete).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::free_port;

/// The password of the password-protected share.
pub const SHARE_PASSWORD: &str = "Kx7 mPq2";
/// The password of the WebDAV folder.
pub const DAV_PASSWORD: &str = "s3cret:pass@word";
/// Share tokens the server knows.
pub const DROP_TOKEN: &str = "DropToken123";
/// A readable share.
pub const READ_TOKEN: &str = "ReadToken123";
/// A password-protected share.
pub const PASS_TOKEN: &str = "PassToken123";
/// A share that redirects elsewhere.
pub const MOVED_TOKEN: &str = "MovedToken12";
/// The token of the old server's share.
pub const OLD_TOKEN: &str = "OldToken1234";

/// TLS material for a server.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// The CA that signed the server certificate (what a client must trust).
    pub ca: PathBuf,
    /// The server certificate.
    pub cert: PathBuf,
    /// Its key.
    pub key: PathBuf,
}

/// Generates a CA and a `localhost` certificate it signs, with the openssl CLI.
pub fn make_tls(dir: &Path, label: &str) -> TlsFiles {
    let p = |name: &str| dir.join(format!("{label}-{name}"));
    let run = |args: &[&str]| {
        let status = Command::new("openssl")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl runs");
        assert!(status.success(), "openssl {args:?}");
    };
    let (ca_key, ca, key, csr, cert, ext) = (
        p("ca.key"),
        p("ca.pem"),
        p("server.key"),
        p("server.csr"),
        p("server.pem"),
        p("ext.cnf"),
    );
    let s = |p: &PathBuf| p.to_str().expect("utf-8 path").to_owned();
    run(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &s(&ca_key),
        "-out",
        &s(&ca),
        "-days",
        "2",
        "-subj",
        &format!("/CN=Kiosk test CA {label}"),
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &s(&key),
        "-out",
        &s(&csr),
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(
        &ext,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         extendedKeyUsage=serverAuth\n",
    )
    .expect("write ext");
    run(&[
        "x509",
        "-req",
        "-in",
        &s(&csr),
        "-CA",
        &s(&ca),
        "-CAkey",
        &s(&ca_key),
        "-CAcreateserial",
        "-out",
        &s(&cert),
        "-days",
        "2",
        "-extfile",
        &s(&ext),
    ]);
    TlsFiles { ca, cert, key }
}

/// A running Apache; stopped on drop.
pub struct Apache {
    child: Child,
    root: tempfile::TempDir,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    /// Whether it speaks TLS.
    pub tls: bool,
}

fn htpasswd(file: &Path, user: &str, password: &str) {
    let mut cmd = Command::new("htpasswd");
    if !file.exists() {
        cmd.arg("-c");
    }
    let status = cmd
        .args(["-b", "-B", "-C", "4"])
        .arg(file)
        .args([user, password])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("htpasswd runs");
    assert!(status.success(), "htpasswd");
}

const MODULES: &[&str] = &[
    "mpm_event",
    "authz_core",
    "authn_core",
    "authn_file",
    "authz_user",
    "auth_basic",
    "alias",
    "dav",
    "dav_fs",
    "rewrite",
    "ssl",
    "socache_shmcb",
    "mime",
];

impl Apache {
    /// Starts Apache on a free port, with TLS when `tls` is given.
    pub fn start(tls: Option<&TlsFiles>) -> Self {
        let root = tempfile::Builder::new()
            .prefix("kiosk-apache-")
            .tempdir()
            .expect("tempdir");
        let dir = root.path();
        let port = free_port();
        let folders = [
            "drop", "read", "pass", "old", "marie", "www", "locks", "logs", "run",
        ];
        for f in folders {
            std::fs::create_dir_all(dir.join(f)).expect("mkdir");
        }
        let passwords = dir.join("passwords");
        htpasswd(&passwords, "anonymous", SHARE_PASSWORD);
        htpasswd(&passwords, "marie", DAV_PASSWORD);
        htpasswd(&passwords, OLD_TOKEN, "");
        let is_root = is_root();
        if is_root {
            let status = Command::new("chown")
                .args(["-R", "www-data:www-data"])
                .arg(dir)
                .status()
                .expect("chown");
            assert!(status.success());
        }
        let mut perms = std::fs::metadata(dir).expect("stat").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(dir, perms).expect("chmod");

        let d = dir.display();
        let mut conf = format!("ServerRoot {d}\nPidFile {d}/run/httpd.pid\n");
        conf += &format!("Listen 127.0.0.1:{port}\nServerName localhost\n");
        for m in MODULES {
            conf += &format!("LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so\n");
        }
        if is_root {
            conf += "User www-data\nGroup www-data\n";
        }
        conf += &format!(
            "ErrorLog {d}/logs/error.log\nLogLevel warn\nDAVLockDB {d}/locks/lockdb\n\
             DefaultRuntimeDir {d}/run\nTypesConfig /dev/null\n\
             KeepAliveTimeout 5\nMaxKeepAliveRequests 1000\nTimeout 10\n\
             <Directory />\n  Require all denied\n  AllowOverride None\n</Directory>\n\
             DocumentRoot {d}/www\n<Directory {d}/www>\n  Dav On\n  Require all granted\n</Directory>\n"
        );
        if let Some(tls) = tls {
            conf += &format!(
                "SSLEngine on\nSSLCertificateFile {}\nSSLCertificateKeyFile {}\n\
                 SSLSessionCache shmcb:{d}/run/ssl_scache(512000)\n",
                tls.cert.display(),
                tls.key.display()
            );
        }
        let auth = |user: &str| {
            format!(
                "  AuthType Basic\n  AuthName vault\n  AuthUserFile {d}/passwords\n  \
                 Require user {user}\n"
            )
        };
        let share = |token: &str, folder: &str, body: &str| {
            format!(
                "Alias /public.php/dav/files/{token} {d}/{folder}\n\
                 <Directory {d}/{folder}>\n  Dav On\n{body}</Directory>\n"
            )
        };
        conf += &share(
            DROP_TOKEN,
            "drop",
            "  Require all granted\n  RewriteEngine On\n  RewriteCond %{REQUEST_METHOD} !^PUT$\n  \
             RewriteRule .* - [R=405,L]\n",
        );
        conf += &share(READ_TOKEN, "read", "  Require all granted\n");
        conf += &share(PASS_TOKEN, "pass", &auth("anonymous"));
        conf += &format!(
            "Redirect 307 /public.php/dav/files/{MOVED_TOKEN}/ http://localhost:{port}/dav/marie/\n"
        );
        conf += &format!(
            "Alias /old/public.php/webdav {d}/old\n<Directory {d}/old>\n  Dav On\n{}</Directory>\n",
            auth(OLD_TOKEN)
        );
        conf += &format!(
            "Alias /dav/marie {d}/marie\n<Directory {d}/marie>\n  Dav On\n{}</Directory>\n",
            auth("marie")
        );
        let conf_path = dir.join("httpd.conf");
        std::fs::write(&conf_path, conf).expect("write conf");

        let child = Command::new("/usr/sbin/apache2")
            .arg("-f")
            .arg(&conf_path)
            .arg("-DFOREGROUND")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("apache2 starts (apt-get install apache2)");
        let mut apache = Self {
            child,
            root,
            port,
            tls: tls.is_some(),
        };
        apache.wait_ready();
        apache
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.root.path().join("logs/error.log"))
                    .unwrap_or_default();
                panic!("apache exited with {status}: {log}");
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("apache did not start");
    }

    /// `http(s)://<host>:<port>` of this server.
    pub fn origin(&self, host: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{host}:{}", self.port)
    }

    /// The folder on disk behind a share or WebDAV folder (`drop`, `read`, `pass`, `old`,
    /// `marie`).
    pub fn folder(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// The files in a folder, sorted by name, with their content.
    pub fn files(&self, name: &str) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(self.folder(name))
            .expect("read folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("read file"),
                )
            })
            .collect();
        files.sort();
        files
    }

    /// Apache's error log, for failure messages.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.root.path().join("logs/error.log")).unwrap_or_default()
    }
}

fn is_root() -> bool {
    // `id -u` avoids a libc dependency for one call.
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

impl Drop for Apache {
    fn drop(&mut self) {
        // SIGTERM lets the parent stop its workers; SIGKILL would orphan them.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
