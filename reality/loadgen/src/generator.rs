//! Open-loop load generator: every request starts at its scheduled time whatever happened to earlier ones,
//! on a new connection, and its latency runs from the scheduled time (so a late start counts against the
//! server's figures instead of hiding a queue: no coordinated omission).
//!
//! A plain OS thread sleeps until each scheduled time (with the timer slack lowered to 1 µs) and hands the
//! request to a one-thread tokio runtime that does the network work. Loopback only; every run is bounded
//! by its plan (count) and by a per-request deadline (time).

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One request to send: when (seconds from the start of the run), what to ask, and what it asks for.
#[derive(Clone, Debug)]
pub struct Planned {
    pub at_s: f64,
    pub path: String,
    pub asked_cpu_ms: f64,
    pub asked_io_ms: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Connection refused: nothing listening, or the kernel said no.
    Refused,
    /// Reset, aborted, or closed before a complete response.
    Reset,
    /// No complete response by the deadline.
    TimedOut,
    /// A response other than 200, or a client-side error (for example no free local port).
    Failed,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    /// Scheduled start, and completion, in seconds from the start of the run.
    pub at_s: f64,
    pub done_s: Option<f64>,
    /// How late the request really started.
    pub send_lag_s: f64,
    pub status: Status,
    pub asked_cpu_ms: f64,
    pub asked_io_ms: f64,
    /// What the handler reported it really got (0 unless the status is Ok).
    pub got_cpu_ms: f64,
    pub got_io_ms: f64,
}

/// Sends `plan` to `addr`; each request may take `timeout` from its scheduled time.
pub fn run(addr: SocketAddr, plan: &[Planned], timeout: Duration) -> Result<Vec<Outcome>, String> {
    if !addr.ip().is_loopback() {
        return Err(format!("refusing to send load to {addr}: loopback only"));
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))?;
    // SAFETY: prctl with PR_SET_TIMERSLACK only changes this thread's sleep precision.
    unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1_000 as libc::c_ulong) };
    let start = Instant::now() + Duration::from_millis(20);
    let mut handles = Vec::with_capacity(plan.len());
    for p in plan {
        let target = start + Duration::from_secs_f64(p.at_s);
        let now = Instant::now();
        if target > now {
            std::thread::sleep(target - now);
        }
        let send_lag_s = Instant::now()
            .saturating_duration_since(target)
            .as_secs_f64();
        let request = format!(
            "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            p.path
        );
        let (at_s, asked_cpu_ms, asked_io_ms) = (p.at_s, p.asked_cpu_ms, p.asked_io_ms);
        handles.push(rt.spawn(async move {
            let (status, done, got_cpu_ms, got_io_ms) =
                fetch(addr, request, target + timeout).await;
            Outcome {
                at_s,
                done_s: done.map(|d| d.saturating_duration_since(start).as_secs_f64()),
                send_lag_s,
                status,
                asked_cpu_ms,
                asked_io_ms,
                got_cpu_ms,
                got_io_ms,
            }
        }));
    }
    let outcomes = rt.block_on(async {
        let mut out = Vec::with_capacity(handles.len());
        for h in handles {
            out.push(h.await.map_err(|e| format!("request task failed: {e}"))?);
        }
        Ok::<_, String>(out)
    })?;
    rt.shutdown_timeout(Duration::from_secs(1));
    Ok(outcomes)
}

static REPORTED_CLIENT_ERROR: AtomicBool = AtomicBool::new(false);

async fn fetch(
    addr: SocketAddr,
    request: String,
    deadline: Instant,
) -> (Status, Option<Instant>, f64, f64) {
    match tokio::time::timeout_at(deadline.into(), exchange(addr, request)).await {
        Err(_) => (Status::TimedOut, None, 0.0, 0.0),
        Ok(Err(e)) => {
            let status = match e.kind() {
                ErrorKind::ConnectionRefused => Status::Refused,
                ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::BrokenPipe
                | ErrorKind::UnexpectedEof => Status::Reset,
                _ => {
                    if !REPORTED_CLIENT_ERROR.swap(true, Ordering::Relaxed) {
                        eprintln!("loadgen: client error (counted as failed): {e}");
                    }
                    Status::Failed
                }
            };
            (status, None, 0.0, 0.0)
        }
        Ok(Ok((200, body, done))) => {
            let (cpu, io) = parse_body(&body);
            (Status::Ok, Some(done), cpu, io)
        }
        Ok(Ok(_)) => (Status::Failed, None, 0.0, 0.0),
    }
}

/// Writes the request and reads one complete response; returns its status, body and completion time.
async fn exchange(addr: SocketAddr, request: String) -> std::io::Result<(u16, Vec<u8>, Instant)> {
    let mut s = TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    s.write_all(request.as_bytes()).await?;
    let mut buf = Vec::with_capacity(512);
    let mut chunk = [0u8; 2048];
    loop {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some((status, body_start, length)) = parse_head(&buf)
            && buf.len() >= body_start + length
        {
            let done = Instant::now();
            return Ok((status, buf[body_start..body_start + length].to_vec(), done));
        }
    }
}

/// Status code, start of the body and Content-Length, once the head is complete.
fn parse_head(buf: &[u8]) -> Option<(u16, usize, usize)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let length = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    Some((status, end + 4, length))
}

/// Reads "cpu=1.234 io=5.678" from the handler's body.
fn parse_body(body: &[u8]) -> (f64, f64) {
    let text = String::from_utf8_lossy(body);
    let mut cpu = 0.0;
    let mut io = 0.0;
    for part in text.split_whitespace() {
        match part.split_once('=') {
            Some(("cpu", v)) => cpu = v.parse().unwrap_or(0.0),
            Some(("io", v)) => io = v.parse().unwrap_or(0.0),
            _ => {}
        }
    }
    (cpu, io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_is_parsed_once_complete() {
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nContent-Len"), None);
        let r = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 19\r\n\r\ncpu=1.000 io=2.000\n";
        let (status, start, len) = parse_head(r).unwrap();
        assert_eq!((status, len), (200, 19));
        assert_eq!(parse_body(&r[start..start + len]), (1.0, 2.0));
        assert_eq!(
            parse_head(b"HTTP/1.1 400 Bad Request\r\n\r\n"),
            Some((400, 28, 0))
        );
    }

    #[test]
    fn refuses_other_addresses() {
        let addr: SocketAddr = "192.0.2.1:80".parse().unwrap();
        assert!(
            run(addr, &[], Duration::from_secs(1))
                .unwrap_err()
                .contains("loopback only")
        );
    }

    #[test]
    fn counts_refused_connections_and_respects_the_schedule() {
        // Bind then drop a listener to get a loopback port with nothing listening.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let plan: Vec<Planned> = (0..5)
            .map(|i| Planned {
                at_s: f64::from(i) * 0.01,
                path: "/".into(),
                asked_cpu_ms: 0.0,
                asked_io_ms: 0.0,
            })
            .collect();
        let t0 = Instant::now();
        let out = run(addr, &plan, Duration::from_secs(2)).unwrap();
        assert!(
            t0.elapsed() >= Duration::from_millis(40),
            "the last request is scheduled at 40 ms"
        );
        assert_eq!(out.len(), 5);
        assert!(
            out.iter()
                .all(|o| o.status == Status::Refused && o.done_s.is_none())
        );
    }
}
