//! Starting and stopping the real servers: loopback only, each in its own process group (so its CPU can
//! be counted and it can be stopped whole), pinned with `taskset` to the cores the scenario names.

use crate::config::ServerSpec;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the servers' code and the Python virtual environment live.
#[derive(Clone, Debug)]
pub struct Paths {
    pub servers: PathBuf,
    pub venv_bin: PathBuf,
    pub logs: PathBuf,
}

impl Paths {
    pub fn new(reality_dir: &Path) -> Self {
        Paths {
            servers: reality_dir.join("servers"),
            venv_bin: reality_dir.join(".venv/bin"),
            logs: reality_dir.join("results/logs"),
        }
    }
}

/// A server that is up and answering. Stopped on drop.
pub struct Running {
    child: Option<Child>,
    pub pgid: u32,
    pub addr: SocketAddr,
    /// Cores it is pinned to (empty: not pinned).
    pub cpus: Vec<u32>,
}

fn command_line(spec: &ServerSpec, port: u16, p: &Paths) -> Vec<String> {
    let port = port.to_string();
    let py = |tool: &str| p.venv_bin.join(tool).to_string_lossy().into_owned();
    let bind = format!("127.0.0.1:{port}");
    let gunicorn = |kind: &str, workers: u32, threads: u32| -> Vec<String> {
        let mut v = vec![
            py("gunicorn"),
            "-k".into(),
            kind.into(),
            "-w".into(),
            workers.to_string(),
        ];
        if kind == "gthread" {
            v.extend(["--threads".into(), threads.to_string()]);
        }
        v.extend(["-b".into(), bind.clone(), "--backlog".into(), "2048".into()]);
        v.extend([
            "--log-level".into(),
            "warning".into(),
            "wsgi_app:app".into(),
        ]);
        v
    };
    match *spec {
        ServerSpec::Node { workers } => {
            vec![
                "node".into(),
                "node_server.mjs".into(),
                port,
                workers.to_string(),
            ]
        }
        ServerSpec::Gthread { threads, .. } => gunicorn("gthread", 1, threads),
        ServerSpec::Sync { workers } => gunicorn("sync", workers, 1),
        ServerSpec::Uvicorn => [
            &py("uvicorn"),
            "asgi_app:app",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--lifespan",
            "off",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ]
        .map(String::from)
        .to_vec(),
    }
}

/// Servers run at this nice value when allowed (root), so other work on a shared machine takes less of
/// their cores; the report gives what it still took.
const SERVER_PRIORITY: i32 = -10;
/// The load generator runs higher still: where it shares a core with a server (two-core scenarios on
/// a two-core machine) it must still start every request on time.
const LOADGEN_PRIORITY: i32 = -20;

fn raised_priority_allowed() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// With the kernel's autogroup scheduling, CPU is shared between sessions first and nice values only
/// count inside a session, so a niced server in its own session would still get only an equal share
/// against another session's compiler. Raising the session's own nice fixes that. Best effort: kernels
/// without autogroup have no such file.
fn raise_autogroup(pid: u32, nice: i32) {
    let _ = std::fs::write(format!("/proc/{pid}/autogroup"), nice.to_string());
}

/// Puts the load generator in its own session at the raised priority (see `raise_autogroup`).
pub fn raise_own_priority() {
    if !raised_priority_allowed() {
        return;
    }
    // SAFETY: setsid fails harmlessly when we already lead a process group; setpriority changes only
    // this thread (and the threads it starts later).
    let own_session = unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, LOADGEN_PRIORITY);
        libc::setsid() >= 0 || libc::getsid(0) == libc::getpid()
    };
    // Only in a session of our own: raising a shared session would raise whoever started us too.
    if own_session {
        raise_autogroup(std::process::id(), LOADGEN_PRIORITY);
    }
}

/// Starts `spec` on `port`, pinned to `cpus` when given, and waits until it answers a request.
pub fn start(spec: &ServerSpec, port: u16, cpus: &[u32], paths: &Paths) -> Result<Running, String> {
    use std::os::unix::process::CommandExt;
    let mut argv = command_line(spec, port, paths);
    if raised_priority_allowed() {
        argv.splice(
            0..0,
            [
                "nice".to_string(),
                "-n".to_string(),
                SERVER_PRIORITY.to_string(),
            ],
        );
    }
    if !cpus.is_empty() {
        let list = cpus
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        argv.splice(0..0, ["taskset".to_string(), "-c".to_string(), list]);
    }
    std::fs::create_dir_all(&paths.logs)
        .map_err(|e| format!("cannot create {}: {e}", paths.logs.display()))?;
    let log_path = paths.logs.join(format!("server-{port}.log"));
    let log = std::fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let err = log.try_clone().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(&argv[0]);
    if let ServerSpec::Gthread {
        switch_interval_ms: Some(ms),
        ..
    } = spec
    {
        cmd.env("REALITY_SWITCH_INTERVAL_MS", ms.to_string());
    }
    // SAFETY: setsid is async-signal-safe. A new session is a new process group (stopped whole, its CPU
    // counted whole) and, where the kernel groups tasks by session (autogroup), its own CPU-share group.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    };
    let child = cmd
        .args(&argv[1..])
        .current_dir(&paths.servers)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", argv.join(" ")))?;
    if raised_priority_allowed() {
        raise_autogroup(child.id(), SERVER_PRIORITY);
    }
    let mut running = Running {
        pgid: child.id(),
        child: Some(child),
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        cpus: cpus.to_vec(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(Ok(Some(status))) = running.child.as_mut().map(|c| c.try_wait()) {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!(
                "{} exited at start ({status}): {}",
                spec.label(),
                log.trim()
            ));
        }
        if probe(running.addr).is_ok() {
            return Ok(running);
        }
        if Instant::now() > deadline {
            running.stop();
            return Err(format!(
                "{} did not answer on {} within 20 s (log: {})",
                spec.label(),
                running.addr,
                log_path.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One zero-work request; Ok when the answer is 200.
fn probe(addr: SocketAddr) -> std::io::Result<()> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    s.write_all(b"GET /?c1=0&io=0&c2=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer)?;
    if answer.starts_with(b"HTTP/1.1 200") {
        Ok(())
    } else {
        Err(std::io::Error::other("not a 200 answer"))
    }
}

impl Running {
    /// Interrupts the whole process group, then kills what is left after 3 seconds.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let group = -(self.pgid as i32);
        // SAFETY: signals only our own child's process group.
        unsafe { libc::kill(group, libc::SIGINT) };
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) && !group_alive(self.pgid) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: as above.
        unsafe { libc::kill(group, libc::SIGKILL) };
        let _ = child.wait();
    }
}

fn group_alive(pgid: u32) -> bool {
    // SAFETY: signal 0 only checks that the group exists.
    unsafe { libc::kill(-(pgid as i32), 0) == 0 }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Versions of the runtimes and servers, for the report.
pub fn versions(paths: &Paths) -> Vec<(String, String)> {
    let run = |cmd: &Path, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    let mut v = vec![(
        "Node.js".to_string(),
        run(Path::new("node"), &["--version"]),
    )];
    let py = run(
        &paths.venv_bin.join("python"),
        &[
            "-c",
            "import sys, gunicorn, uvicorn, uvloop, httptools; print(sys.version.split()[0], gunicorn.__version__, uvicorn.__version__, uvloop.__version__, httptools.__version__)",
        ],
    );
    let parts: Vec<&str> = py.split_whitespace().collect();
    for (i, name) in ["CPython", "gunicorn", "uvicorn", "uvloop", "httptools"]
        .iter()
        .enumerate()
    {
        v.push((
            name.to_string(),
            parts.get(i).unwrap_or(&"unknown").to_string(),
        ));
    }
    v
}
