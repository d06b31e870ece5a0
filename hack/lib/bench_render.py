#!/usr/bin/env python3
"""`hack/bench render`: renders every chart and value set of the conformance corpus with
Rudder and with real Helm (in-process, best of N renders per case) and prints total
render time, the per-chart median speed-up and each process's peak memory.

    bench_render.py CONFORMANCE_DIR REPEAT -- RUDDER_CMD... -- HELM_CMD...
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time


def cases(conformance):
    root = os.path.join(conformance, "charts")
    for chart in sorted(os.listdir(root)):
        values = os.path.join(root, chart, "values")
        if not os.path.isdir(values):
            continue
        for name in sorted(os.listdir(values)):
            if name.endswith(".yaml"):
                yield {"id": f"{chart}/{name[:-5]}", "chart": os.path.join(root, chart, "chart"),
                       "values": os.path.join(values, name)}


def run(cmd, payload):
    """Runs one renderer over every case; returns (answers, wall seconds, peak RSS MiB)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = threading.Thread(target=lambda: (proc.stdin.write(payload), proc.stdin.close()))
    writer.start()
    out = proc.stdout.read()
    writer.join()
    # wait4 rather than Popen.wait: it reports this child's own peak RSS.
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} exited with {proc.returncode}")
    answers = {a["id"]: a for a in map(json.loads, out.decode().splitlines()) if a}
    return answers, wall, usage.ru_maxrss / 1024


def main():
    argv = sys.argv[1:]
    conformance, repeat = argv[0], argv[1]
    sep = [i for i, a in enumerate(argv) if a == "--"]
    rudder_cmd, helm_cmd = argv[sep[0] + 1:sep[1]], argv[sep[1] + 1:]
    all_cases = list(cases(conformance))
    payload = "".join(json.dumps(c) + "\n" for c in all_cases).encode()
    charts = sorted({c["id"].split("/")[0] for c in all_cases})
    print(f"render corpus: {len(charts)} charts, {len(all_cases)} value sets, best of {repeat} renders each",
          file=sys.stderr)
    rudder, r_wall, r_peak = run(rudder_cmd, payload)
    helm, h_wall, h_peak = run(helm_cmd, payload)
    missing = [c["id"] for c in all_cases if c["id"] not in rudder or c["id"] not in helm]
    if missing:
        sys.exit(f"renderers gave no answer for {len(missing)} cases, e.g. {missing[:3]}")

    def per_chart(answers):
        totals = {}
        for cid, a in answers.items():
            totals[cid.split("/")[0]] = totals.get(cid.split("/")[0], 0.0) + a["seconds"]
        return totals

    r_chart, h_chart = per_chart(rudder), per_chart(helm)
    ratios = sorted((h_chart[c] / r_chart[c], c) for c in charts)
    r_total, h_total = sum(r_chart.values()), sum(h_chart.values())
    for label, total, wall, peak in (("rudder", r_total, r_wall, r_peak), ("helm", h_total, h_wall, h_peak)):
        print(f"{label:7} render total {total:7.2f}s   process wall {wall:7.2f}s   peak {peak:6.0f} MiB")
    print(f"per chart, helm/rudder time: median {statistics.median(r for r, _ in ratios):.1f}x, "
          f"slowest relative {ratios[0][1]} {ratios[0][0]:.1f}x, fastest relative {ratios[-1][1]} {ratios[-1][0]:.1f}x")
    print(f"rudder is {h_total / r_total:.1f}x faster than helm over the corpus, "
          f"with {h_peak / r_peak:.1f}x less peak memory")


if __name__ == "__main__":
    main()
