#!/usr/bin/env python3
"""The Helm side of `hack/bench render`: the same JSONL protocol as
`rudder conformance render-batch`, rendering in-process with real Helm (helm-python-sdk)
through the corpus oracle's own `render` (load the chart, parse the values file with
Helm's -f parser, render)."""
import json
import os
import sys
import time

sys.path.insert(0, os.environ["RUDDER_CONFORMANCE_DIR"])
import helm_oracle  # noqa: E402

repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
for line in sys.stdin:
    if not line.strip():
        continue
    case = json.loads(line)
    best, ok = float("inf"), True
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = helm_oracle.render(case["chart"], [case["values"]])
        best = min(best, time.perf_counter() - start)
        ok = "error" not in result
    print(json.dumps({"id": case["id"], "seconds": best, "ok": ok}), flush=True)
