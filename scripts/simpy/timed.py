"""Runs a command as a child process and prints its whole-process figures on one line:
wall seconds, user CPU seconds, system CPU seconds, peak resident set (KB).

Usage: python timed.py OUT_FILE COMMAND [ARGS...]   (the command's stdout goes to OUT_FILE)

Times come from the child's rusage (wait4), at microsecond resolution (GNU time prints CPU time
in hundredths of a second, 5 % of a 0.2 s run). Peak memory comes from GNU time (/usr/bin/time)
run in between, when it is installed, because a child's ru_maxrss also counts the memory of the
Python process it was forked from; -1 without it.
"""
import os
import subprocess
import sys
import time


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    gnu_time = "/usr/bin/time"
    rss_file = out + ".rss"
    if os.access(gnu_time, os.X_OK):
        cmd = [gnu_time, "-f", "%M", "-o", rss_file, *cmd]
    with open(out, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=sink)
        # The rusage of a waited-for child includes its own waited-for children (the command).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"timed: {cmd[0]} failed with status {os.waitstatus_to_exitcode(status)}")
    rss_kb = -1
    if os.path.exists(rss_file):
        with open(rss_file) as f:
            rss_kb = int(f.read().split()[-1])
        os.remove(rss_file)
    print(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {rss_kb}")


if __name__ == "__main__":
    main()
