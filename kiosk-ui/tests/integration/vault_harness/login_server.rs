//! A small server following Nextcloud's documented Login Flow v2 endpoints.
//!
//! - `POST /index.php/login/v2` → `{"poll":{"token","endpoint"},"login"}` (or the status the
//!   test asks for, to imitate a server that refuses).
//! - `POST /login/v2/poll` with `token=` → 404 `[]` until granted, then 200
//!   `{"server","loginName","appPassword"}` exactly once, then 404 again.
//! - `/remote.php/dav/files/<loginName>/…` with Basic `<loginName>:<appPassword>`: MKCOL,
//!   PROPFIND (depth 0), PUT (201 new, 412 with `If-None-Match: *` on an existing name), HEAD;
//!   401 for any other or revoked password.
//! - `DELETE /ocs/v2.php/core/apppassword` → 412 without `OCS-APIRequest: true`, else 200 and
//!   the password is dead.
//!
//! It speaks just enough HTTP/1.1: one request per connection, `Connection: close`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The account that approves the kiosk.
pub const LOGIN_NAME: &str = "marie.d";

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// The status `POST /index.php/login/v2` answers with (200 for a normal flow).
    pub start_status: u16,
    /// Polls answered 404 before the grant; `None`: never granted (the resident never approves).
    pub grant_after_polls: Option<usize>,
    /// The `server` the grant names; `None`: this server.
    pub granted_server: Option<String>,
    /// The `login` URL's origin; `None`: this server.
    pub login_origin: Option<String>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            start_status: 200,
            grant_after_polls: Some(2),
            granted_server: None,
            login_origin: None,
        }
    }
}

/// What the server saw and holds.
#[derive(Debug, Default)]
pub struct State {
    /// User-Agent of the login-flow start request.
    pub user_agent: Option<String>,
    /// Number of polls received.
    pub polls: usize,
    /// Whether the grant was handed out.
    pub granted: bool,
    /// App passwords issued, and whether revoked.
    pub app_passwords: BTreeMap<String, bool>,
    /// DAV folders (paths) that exist.
    pub folders: BTreeSet<String>,
    /// DAV files (paths) and their content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Revocation requests without `OCS-APIRequest: true`.
    pub revocations_without_header: usize,
}

/// A running login-flow server; stops on drop.
pub struct LoginServer {
    /// Its port.
    pub port: u16,
    /// What it saw and holds.
    pub state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl LoginServer {
    /// Starts the server.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        let behaviour = Arc::new(behaviour);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                let behaviour = Arc::clone(&behaviour);
                tokio::spawn(async move {
                    let _ = serve(stream, port, &behaviour, &state).await;
                });
            }
        });
        Self { port, state, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for LoginServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Request> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Request {
        method,
        path,
        headers,
        body,
    })
}

async fn serve(
    mut stream: TcpStream,
    port: u16,
    behaviour: &Behaviour,
    state: &Mutex<State>,
) -> std::io::Result<()> {
    let request = read_request(&mut stream).await?;
    let (status, body) = respond(&request, port, behaviour, state);
    // A HEAD answer announces the length of the body it does not send.
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    if request.method != "HEAD" {
        stream.write_all(&body).await?;
    }
    stream.shutdown().await
}

type Reply = (u16, Vec<u8>);

fn reply(status: u16, body: impl Into<Vec<u8>>) -> Reply {
    (status, body.into())
}

fn respond(request: &Request, port: u16, behaviour: &Behaviour, state: &Mutex<State>) -> Reply {
    let origin = format!("http://127.0.0.1:{port}");
    let mut state = state.lock().expect("state");
    let path = request.path.as_str();
    match (request.method.as_str(), path) {
        ("POST", "/index.php/login/v2") => {
            state.user_agent = request.header("User-Agent").map(str::to_owned);
            if behaviour.start_status != 200 {
                return reply(behaviour.start_status, "");
            }
            let login_origin = behaviour.login_origin.clone().unwrap_or(origin.clone());
            let body = serde_json::json!({
                "poll": {"token": "PollTokenXyz", "endpoint": format!("{origin}/login/v2/poll")},
                "login": format!("{login_origin}/login/v2/flow/FlowTokenAbc"),
            });
            reply(200, body.to_string())
        }
        ("POST", "/login/v2/poll") => {
            state.polls += 1;
            let token_ok = request.body == b"token=PollTokenXyz";
            let ready = behaviour
                .grant_after_polls
                .is_some_and(|after| state.polls > after);
            if !token_ok || !ready || state.granted {
                return reply(404, "[]");
            }
            state.granted = true;
            let password = format!("AppPw-{}", state.app_passwords.len() + 1);
            state.app_passwords.insert(password.clone(), false);
            let body = serde_json::json!({
                "server": behaviour.granted_server.clone().unwrap_or(origin),
                "loginName": LOGIN_NAME,
                "appPassword": password,
            });
            reply(200, body.to_string())
        }
        (method, _) => {
            let Some(password) = authorised(request, &state) else {
                return reply(401, "");
            };
            if method == "DELETE" && path == "/ocs/v2.php/core/apppassword" {
                if request.header("OCS-APIRequest") != Some("true") {
                    state.revocations_without_header += 1;
                    return reply(412, "");
                }
                state.app_passwords.insert(password, true);
                return reply(200, "{\"ocs\":{\"meta\":{\"status\":\"ok\"}}}");
            }
            let prefix = format!("/remote.php/dav/files/{LOGIN_NAME}/");
            if !path.starts_with(&prefix) {
                return reply(404, "");
            }
            dav(request, &mut state, path.trim_end_matches('/'))
        }
    }
}

/// The app password of a request's valid, unrevoked Basic credentials.
fn authorised(request: &Request, state: &State) -> Option<String> {
    let encoded = request.header("Authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    let alive = state.app_passwords.get(password) == Some(&false);
    (user == LOGIN_NAME && alive).then(|| password.to_owned())
}

fn dav(request: &Request, state: &mut State, path: &str) -> Reply {
    let root = format!("/remote.php/dav/files/{LOGIN_NAME}");
    let parent = path.rsplit_once('/').map_or("", |(p, _)| p).to_owned();
    let parent_exists = parent == root || state.folders.contains(&parent);
    match request.method.as_str() {
        "MKCOL" if path == root || state.folders.contains(path) => reply(405, ""),
        "MKCOL" if parent_exists => {
            state.folders.insert(path.to_owned());
            reply(201, "")
        }
        "MKCOL" => reply(409, ""),
        "PROPFIND" if path == root || state.folders.contains(path) => reply(207, "<multistatus/>"),
        "PROPFIND" => reply(404, ""),
        "PUT" if !parent_exists => reply(409, ""),
        "PUT" if state.files.contains_key(path) && request.header("If-None-Match") == Some("*") => {
            reply(412, "")
        }
        "PUT" => {
            state.files.insert(path.to_owned(), request.body.clone());
            reply(201, "")
        }
        "HEAD" => match state.files.get(path) {
            Some(content) => reply(200, content.clone()),
            None => reply(404, ""),
        },
        _ => reply(405, ""),
    }
}
