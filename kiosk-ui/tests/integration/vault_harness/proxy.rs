//! A fault-injection TCP proxy between the kiosk and a vault server.
//!
//! Every connection's first request head is read. Requests other than PUT pass through
//! untouched (with `Connection: close` added, so that each request opens its own connection
//! and meets the proxy's current rule). PUT requests meet the configured [`Fault`] while
//! `remaining` is above zero (so "fails once, then works" and "always fails" are both
//! expressible), then pass through.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What happens to a PUT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request reaches the server, which stores the file; the connection is closed before
    /// the response reaches the kiosk.
    DropBeforeResponse,
    /// Half the body reaches the server, then both connections are closed.
    DropMidBody,
    /// The proxy reads everything and never answers.
    Stall,
    /// The request passes; the response comes back a few bytes at a time.
    Trickle,
    /// The proxy answers with this status (and `Retry-After: 1` for 429 and 503).
    Status(u16),
}

/// A running proxy; stops on drop.
pub struct FaultProxy {
    /// The port it listens on.
    pub port: u16,
    puts: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

struct Rule {
    fault: Option<Fault>,
    remaining: Arc<AtomicUsize>,
    puts: Arc<AtomicUsize>,
    upstream: u16,
}

impl FaultProxy {
    /// Starts a proxy to `127.0.0.1:upstream` applying `fault` to the next `times` PUTs.
    pub async fn start(upstream: u16, fault: Option<Fault>, times: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let puts = Arc::new(AtomicUsize::new(0));
        let rule = Arc::new(Rule {
            fault,
            remaining: Arc::new(AtomicUsize::new(times)),
            puts: Arc::clone(&puts),
            upstream,
        });
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let rule = Arc::clone(&rule);
                tokio::spawn(async move {
                    let _ = handle(client, &rule).await;
                });
            }
        });
        Self { port, puts, task }
    }

    /// How many PUT requests reached the proxy.
    pub fn puts(&self) -> usize {
        self.puts.load(Ordering::SeqCst)
    }

    /// Stops listening: new connections are refused.
    pub fn stop_listening(&self) {
        self.task.abort();
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads up to the end of the request head; returns the head and any body bytes after it.
async fn read_head(client: &mut TcpStream) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            return Ok((buf, rest));
        }
        if buf.len() > 64 * 1024 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
}

fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
}

/// The head with `Connection: close` added before its final blank line.
fn closing(head: &[u8]) -> Vec<u8> {
    let mut out = head[..head.len() - 2].to_vec();
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    out
}

/// Reads the rest of a body of `length` bytes of which `have` arrived with the head.
async fn read_body(client: &mut TcpStream, mut have: Vec<u8>, length: usize) -> Vec<u8> {
    let mut chunk = [0u8; 16384];
    while have.len() < length {
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => have.extend_from_slice(&chunk[..n]),
        }
    }
    have
}

async fn handle(mut client: TcpStream, rule: &Rule) -> std::io::Result<()> {
    let (head, rest) = read_head(&mut client).await?;
    let is_put = head.starts_with(b"PUT ");
    let fault = if is_put {
        rule.puts.fetch_add(1, Ordering::SeqCst);
        let take = rule
            .remaining
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        rule.fault.filter(|_| take)
    } else {
        None
    };
    let length = content_length(&head);
    match fault {
        None | Some(Fault::Trickle) => {
            let mut upstream = TcpStream::connect(("127.0.0.1", rule.upstream)).await?;
            upstream.write_all(&closing(&head)).await?;
            upstream.write_all(&rest).await?;
            let (mut cr, mut cw) = client.split();
            let (mut ur, mut uw) = upstream.split();
            let up = tokio::io::copy(&mut cr, &mut uw);
            let trickle = fault.is_some();
            let down = async {
                let mut buf = [0u8; 8192];
                loop {
                    let n = ur.read(&mut buf).await?;
                    if n == 0 {
                        break;
                    }
                    if trickle {
                        for piece in buf[..n].chunks(16) {
                            tokio::time::sleep(Duration::from_millis(40)).await;
                            cw.write_all(piece).await?;
                        }
                    } else {
                        cw.write_all(&buf[..n]).await?;
                    }
                }
                cw.shutdown().await
            };
            let _ = tokio::join!(up, down);
        }
        Some(Fault::DropBeforeResponse) => {
            let body = read_body(&mut client, rest, length).await;
            let mut upstream = TcpStream::connect(("127.0.0.1", rule.upstream)).await?;
            upstream.write_all(&closing(&head)).await?;
            upstream.write_all(&body).await?;
            // Wait for the server's answer: the document is stored; the kiosk never learns it.
            let mut first = [0u8; 1];
            let _ = upstream.read(&mut first).await;
        }
        Some(Fault::DropMidBody) => {
            let body = read_body(&mut client, rest, length / 2).await;
            let mut upstream = TcpStream::connect(("127.0.0.1", rule.upstream)).await?;
            upstream.write_all(&closing(&head)).await?;
            upstream
                .write_all(&body[..body.len().min(length / 2)])
                .await?;
            upstream.flush().await?;
        }
        Some(Fault::Stall) => {
            // Read whatever comes until the kiosk gives up; never answer.
            let mut sink = [0u8; 16384];
            while let Ok(n) = client.read(&mut sink).await {
                if n == 0 {
                    break;
                }
            }
        }
        Some(Fault::Status(code)) => {
            let _ = read_body(&mut client, rest, length).await;
            let retry = if matches!(code, 429 | 503) {
                "Retry-After: 1\r\n"
            } else {
                ""
            };
            let response = format!(
                "HTTP/1.1 {code} Injected\r\nContent-Length: 0\r\nConnection: close\r\n{retry}\r\n"
            );
            client.write_all(response.as_bytes()).await?;
            client.shutdown().await?;
        }
    }
    Ok(())
}
