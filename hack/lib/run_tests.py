#!/usr/bin/env python3
"""Runs the XCTest suite (`swift test --skip-build --disable-swift-testing`), echoing its
output line by line, and guards against a hung test: when the suite prints nothing for
STALL seconds, the run is stopped, the test that was running is named, and the suite is
run once more from the start. A second stall fails. The log of the last run is written
to LOG for hack/test's summary.

    run_tests.py LOG [STALL]
"""
import os
import signal
import subprocess
import sys
import threading
import time

COMMAND = ["stdbuf", "-oL", "-eL", "swift", "test", "--skip-build", "--disable-swift-testing"]


def descendants(root):
    """Every process below `root` (from /proc), children first found first."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def run_once(log_path, stall):
    last = {"time": time.monotonic(), "test": "(none yet)"}
    proc = subprocess.Popen(COMMAND, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    stalled = threading.Event()

    def watch():
        while proc.poll() is None:
            if time.monotonic() - last["time"] > stall:
                stalled.set()
                # The servers and controllers tests started go too, or their ports would
                # break the next run.
                for pid in [proc.pid] + descendants(proc.pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                return
            time.sleep(5)

    threading.Thread(target=watch, daemon=True).start()
    with open(log_path, "wb") as log:
        for raw in proc.stdout:
            last["time"] = time.monotonic()
            line = raw.decode(errors="replace")
            if line.startswith("Test Case '") and "started" in line:
                last["test"] = line.split("'")[1]
            sys.stdout.write(line)
            sys.stdout.flush()
            log.write(raw)
    status = proc.wait()
    return status, stalled.is_set(), last["test"]


def main():
    log_path = sys.argv[1]
    stall = float(sys.argv[2]) if len(sys.argv) > 2 else 300
    for attempt in (1, 2):
        status, stalled, test = run_once(log_path, stall)
        if not stalled:
            return status
        print(f"\nhack/test: no output for {stall:.0f}s while running {test}: the run was stopped"
              + ("; running the suite once more" if attempt == 1 else "; a second stall fails the suite"),
              file=sys.stderr, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
