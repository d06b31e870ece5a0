#!/usr/bin/env python3
"""Runs a command with a file on stdin; prints wall seconds and the child's peak RSS (MiB)
as `SECONDS MIB LINES` (stdout of the command is counted, not kept)."""
import resource, subprocess, sys, time

stdin_path, cmd = sys.argv[1], sys.argv[2:]
with open(stdin_path, "rb") as fh:
    start = time.monotonic()
    out = subprocess.run(cmd, stdin=fh, stdout=subprocess.PIPE, check=False).stdout
    secs = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
lines = out.count(b"\n")
print(f"{secs:.2f} {peak:.0f} {lines}")
