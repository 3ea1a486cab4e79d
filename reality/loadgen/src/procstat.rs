//! CPU accounting from /proc: how much CPU a server's processes used during a run (its real cost per
//! request), and how busy its cores were with anything else (the noise of a shared machine).

use std::fs;

fn ticks_per_s() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as f64 } else { 100.0 }
}

/// The fields after the command name in /proc/PID/stat (the name may contain spaces and parentheses).
fn stat_fields(text: &str) -> Option<Vec<&str>> {
    let rest = &text[text.rfind(')')? + 2..];
    Some(rest.split_whitespace().collect())
}

/// Run and wait times of a process group, in seconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct GroupTimes {
    /// CPU time used.
    pub run_s: f64,
    /// Time its threads were ready to run but waited for a core (behind each other or anyone else).
    pub wait_s: f64,
}

/// Times of every process in process group `pgid`: the sums over its threads of
/// /proc/PID/task/TID/schedstat (nanoseconds, so a few hundred requests are enough to measure a
/// per-request cost). A thread that ends between two readings takes its time with it, so the servers'
/// threads are started before measuring (their pools are long-lived anyway). Falls back to the
/// tick-granular utime + stime, with no wait time, when schedstat is missing.
pub fn group_times(pgid: u32) -> GroupTimes {
    let mut total = GroupTimes::default();
    let Ok(dir) = fs::read_dir("/proc") else {
        return total;
    };
    for entry in dir.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(text) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some(f) = stat_fields(&text) else {
            continue;
        };
        // After the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12).
        if f.get(2).and_then(|p| p.parse::<u32>().ok()) != Some(pgid) {
            continue;
        }
        let t = threads_times(pid).unwrap_or_else(|| {
            let field = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            GroupTimes {
                run_s: (field(11) + field(12)) as f64 / ticks_per_s(),
                wait_s: 0.0,
            }
        });
        total.run_s += t.run_s;
        total.wait_s += t.wait_s;
    }
    total
}

fn threads_times(pid: &str) -> Option<GroupTimes> {
    let (mut run, mut wait) = (0u64, 0u64);
    for t in fs::read_dir(format!("/proc/{pid}/task")).ok()?.flatten() {
        let text = fs::read_to_string(t.path().join("schedstat")).ok()?;
        let mut f = text.split_whitespace();
        run += f.next()?.parse::<u64>().ok()?;
        wait += f.next()?.parse::<u64>().ok()?;
    }
    Some(GroupTimes {
        run_s: run as f64 / 1e9,
        wait_s: wait as f64 / 1e9,
    })
}

/// Busy and total seconds of the given cores, from /proc/stat.
#[derive(Clone, Copy, Debug, Default)]
pub struct CoreTimes {
    pub busy_s: f64,
    pub total_s: f64,
}

pub fn core_times(cores: &[u32]) -> CoreTimes {
    let Ok(text) = fs::read_to_string("/proc/stat") else {
        return CoreTimes::default();
    };
    let hz = ticks_per_s();
    let mut t = CoreTimes::default();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let Some(cpu) = parts
            .next()
            .and_then(|n| n.strip_prefix("cpu"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if !cores.contains(&cpu) {
            continue;
        }
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        let v: Vec<u64> = parts.take(8).filter_map(|x| x.parse().ok()).collect();
        if v.len() < 8 {
            continue;
        }
        let total: u64 = v.iter().sum();
        t.total_s += total as f64 / hz;
        t.busy_s += (total - v[3] - v[4]) as f64 / hz;
    }
    t
}

/// This process's own CPU seconds (the load generator's cost).
pub fn self_cpu_s() -> f64 {
    fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|t| {
            let f = stat_fields(&t)?;
            let field = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok());
            Some((field(11)? + field(12)?) as f64 / ticks_per_s())
        })
        .unwrap_or(0.0)
}

/// The system's load averages, as /proc/loadavg gives them ("0.50 0.40 0.30").
pub fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stat_with_odd_names() {
        let f = stat_fields("12 (a) b (c)) S 1 12 12 0 -1 0 0 0 0 0 7 3 0 0").unwrap();
        assert_eq!(f[0], "S");
        assert_eq!(f[2], "12");
        assert_eq!((f[11], f[12]), ("7", "3"));
    }

    #[test]
    fn own_process_group_uses_cpu() {
        // Burn a little CPU, then our own group must show some.
        let t0 = std::time::Instant::now();
        let mut x = 0u64;
        while t0.elapsed().as_millis() < 50 {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        // SAFETY: getpgrp has no preconditions.
        let pgid = unsafe { libc::getpgrp() } as u32;
        assert!(group_times(pgid).run_s > 0.0);
        assert!(self_cpu_s() > 0.0);
        let c = core_times(&[0]);
        assert!(c.total_s > 0.0 && c.busy_s <= c.total_s);
    }
}
