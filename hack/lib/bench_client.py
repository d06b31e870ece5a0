#!/usr/bin/env python3
"""`hack/bench client`: Rudder's Swift KubeClient, the Python `kubernetes` client and kubectl
against one `rudder dev --apiserver-only` (TLS with client certificates, workload simulator
off), which this script starts and stops. Figures, one fresh client process each:

  - list of N ConfigMaps in one namespace: process wall time and the process' peak RSS
    (os.wait4 on just that child), best of --repeat runs; one call, and pages of 500;
  - watch throughput: a watcher from the collection's current resourceVersion, then a
    writer updates M ConfigMaps as fast as it can; events/s between the watcher's first and
    last event, and whether all M came. That is bounded by the writer, so the clients that
    can start a watch at a resourceVersion (Python; Swift when its watch takes
    --resource-version) also replay M events already written, from the server's history;
  - server-side apply throughput (objects/s): the Swift client's seed, Python's apply.

    bench_client.py --rudder BIN --python VENV_PYTHON --kubectl BIN [--objects N]
                    [--updates M] [--repeat R]

RUDDER_BENCH_CLIENTS=python,kubectl picks the clients (default rudder,python,kubectl). The
Swift client is `rudder bench client PHASE`; without it the Python client seeds (create from
--concurrency threads) and writes. Only the standard library here: the Python client's part runs in its
own process (bench_client_python.py, under the venv's interpreter).
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = ("rudder", "python", "kubectl")
NAMESPACE = "bench"
APPLY_NAMESPACE = "bench-apply"  # Python's SSA creates its own N objects, as the Swift seed does
READY_TIMEOUT = 120  # seconds for the server or a watcher to be ready
WATCH_GRACE = 30  # seconds a watcher may go on after the writer is done, without new lines


class BenchError(Exception):
    pass


def mib(ru_maxrss_kib):
    return ru_maxrss_kib / 1024


class Process:
    """A child whose stdout lines (timestamped) and stderr tail are read by threads, and
    whose own rusage comes from os.wait4 — never Popen.wait, which would reap it first."""

    def __init__(self, cmd, stdout=subprocess.PIPE, ready_on=None, count_lines_to=0):
        self.cmd = cmd
        self.lines = []  # stdout lines other than READY
        self.first = self.last = None  # monotonic times of the first/last counted line
        self.stderr_tail = []
        self.ready = threading.Event()
        self.done = threading.Event()  # every line wanted came, or output ended
        self.eof = threading.Event()
        self.ready_on = ready_on  # None: a "READY" stdout line; else a predicate on stderr lines
        self.count_lines_to = count_lines_to  # >0: done after that many stdout lines
        self.start = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE)
        self.threads = [threading.Thread(target=self._read_stderr, daemon=True)]
        if stdout is subprocess.PIPE:
            self.threads.append(threading.Thread(target=self._read_stdout, daemon=True))
        for t in self.threads:
            t.start()
        self.wall = self.rss = self.status = None

    def _read_stdout(self):
        for raw in self.proc.stdout:
            now = time.monotonic()
            line = raw.decode(errors="replace").rstrip("\n")
            if line == "READY" and self.ready_on is None:
                self.ready.set()
                continue
            self.lines.append(line)
            if self.first is None:
                self.first = now
            self.last = now
            if self.count_lines_to and len(self.lines) >= self.count_lines_to:
                self.done.set()
        self.eof.set()
        self.done.set()

    def _read_stderr(self):
        for raw in self.proc.stderr:
            line = raw.decode(errors="replace").rstrip("\n")
            self.stderr_tail = (self.stderr_tail + [line])[-40:]
            if self.ready_on is not None and self.ready_on(line):
                self.ready.set()
        if self.proc.stdout is None:
            self.eof.set()
            self.done.set()

    # os.kill, not Popen.send_signal/kill/poll: those reap the child, and os.wait4 would then
    # have no rusage to report. Until wait() reaps it, the pid cannot be reused.
    def send(self, sig):
        if self.status is None:
            try:
                os.kill(self.proc.pid, sig)
            except ProcessLookupError:  # reaped just now by wait()
                pass

    def terminate(self):
        self.send(signal.SIGTERM)

    def exited(self):
        """Whether the child closed its output (it has exited or is about to)."""
        return self.eof.is_set()

    def wait(self, timeout=None):
        """Reaps the child (killing it after timeout seconds) and records wall, RSS, status."""
        if self.status is not None:
            return self
        killer = threading.Timer(timeout, self.send, (signal.SIGKILL,)) if timeout else None
        if killer:
            killer.start()
        _, status, usage = os.wait4(self.proc.pid, 0)
        if killer:
            killer.cancel()
        self.wall = time.monotonic() - self.start
        self.rss = mib(usage.ru_maxrss)
        self.status = os.waitstatus_to_exitcode(status)
        self.proc.returncode = self.status
        for t in self.threads:
            t.join(timeout=10)
        return self

    def json_line(self, phase):
        for line in reversed(self.lines):
            if line.startswith("{"):
                try:
                    answer = json.loads(line)
                except ValueError:
                    continue
                if answer.get("phase") == phase:
                    return answer
        return None

    def failure(self, what):
        tail = "\n    ".join(self.stderr_tail[-10:])
        return BenchError(f"{what}: exit status {self.status} from {' '.join(self.cmd)}\n    {tail}")


class Bench:
    def __init__(self, args, clients, workdir):
        self.args = args
        self.clients = clients
        self.workdir = workdir
        self.kubeconfig = os.path.join(workdir, "kubeconfig")
        self.kube_cache = os.path.join(workdir, "kube-cache")
        self.rows = []  # dicts: client, phase, count, expected, wall, client_s, rate, rss, note
        self.server = None

    # Command lines, one place each client's.

    def writes(self, phase):
        # Writers and appliers of both clients get the same requests in flight.
        return ["--concurrency", str(self.args.concurrency)] if phase in ("seed", "update", "apply") else []

    def swift(self, phase, objects, namespace=NAMESPACE):
        return [self.args.rudder, "bench", "client", phase, "--kubeconfig", self.kubeconfig,
                "--namespace", namespace, "--objects", str(objects), *self.writes(phase)]

    def python(self, phase, objects, namespace=NAMESPACE, *extra):
        return [self.args.python, os.path.join(HERE, "bench_client_python.py"), phase,
                "--kubeconfig", self.kubeconfig, "--namespace", namespace, "--objects", str(objects),
                *self.writes(phase), *extra]

    def kubectl(self, *words):
        return [self.args.kubectl, "--kubeconfig", self.kubeconfig, "--cache-dir", self.kube_cache, *words]

    # The server.

    def start_server(self):
        history = max(10_000, 2 * self.args.updates + self.args.objects + 1_000)
        cmd = [self.args.rudder, "dev", "--apiserver-only", "--kubeconfig", self.kubeconfig,
               "--workload-simulator", "off", "--history-limit", str(history)]
        self.server = Process(cmd, ready_on=lambda line: False)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline and not self.server.exited():
            if any(line == f"KUBECONFIG={self.kubeconfig}" for line in self.server.lines):
                return
            time.sleep(0.05)
        self.server.terminate()
        self.server.wait(timeout=10)
        raise self.server.failure("rudder dev did not print KUBECONFIG=")

    def stop_server(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=20)
            self.server = None

    # Phases.

    def run_once(self, cmd, phase, stdout=subprocess.PIPE):
        p = Process(cmd, stdout=stdout).wait(timeout=self.args.timeout)
        if p.status != 0:
            raise p.failure(phase)
        return p

    def add(self, client, phase, count=None, expected=None, wall=None, client_s=None, rate=None,
            rss=None, note=""):
        row = dict(client=client, phase=phase, count=count, expected=expected, wall=wall,
                   client_s=client_s, rate=rate, rss=rss, note=note)
        self.rows.append(row)
        print(f"  {client:8} {phase:20} {format_row(row)}", file=sys.stderr, flush=True)
        return row

    def seed(self):
        n = self.args.objects
        if "rudder" in self.clients:
            p = self.run_once(self.swift("seed", n), "rudder seed")
            answer = p.json_line("seed") or {}
            secs = answer.get("seconds")
            self.add("rudder", "ssa (seed)", answer.get("objects"), n, p.wall, secs,
                     rate=answer.get("objects", 0) / secs if secs else None, rss=p.rss,
                     note=f"new objects, {self.args.concurrency} in flight")
        else:
            p = self.run_once(self.python("seed", n), "python seed")
            answer = p.json_line("seed") or {}
            secs = answer.get("seconds")
            self.add("python", "create (seed)", answer.get("objects"), n, p.wall, secs,
                     rate=answer.get("objects", 0) / secs if secs else None, rss=p.rss,
                     note=f"fallback seeder, {self.args.concurrency} threads")
        # kubectl keeps discovery on disk; warm it once so its lists measure listing.
        self.run_once(self.kubectl("get", "namespace", NAMESPACE, "-o", "name"), "kubectl warm-up")

    def lists(self):
        n = self.args.objects
        variants = []
        if "rudder" in self.clients:
            variants.append(("rudder", "list", lambda: self.swift("list", n), None))
        if "python" in self.clients:
            variants.append(("python", "list", lambda: self.python("list", n), None))
            variants.append(("python", "list-paged", lambda: self.python("list-paged", n), None))
        if "kubectl" in self.clients:
            out = os.path.join(self.workdir, "kubectl-list.json")
            # --chunk-size=0 is one call as the others make; kubectl's default is pages of 500.
            variants.append(("kubectl", "list", lambda: self.kubectl(
                "get", "configmaps", "-n", NAMESPACE, "-o", "json", "--chunk-size=0"), out))
            variants.append(("kubectl", "list-paged", lambda: self.kubectl(
                "get", "configmaps", "-n", NAMESPACE, "-o", "json", "--chunk-size=500"), out))
        for client, phase, cmd, out in variants:
            runs = []
            for _ in range(self.args.repeat):
                if out is None:
                    p = self.run_once(cmd(), f"{client} {phase}")
                    answer = p.json_line(phase) or {}
                    runs.append((p.wall, p.rss, answer.get("seconds"), answer.get("objects")))
                else:
                    with open(out, "wb") as fh:
                        p = self.run_once(cmd(), f"{client} {phase}", stdout=fh)
                    with open(out, "rb") as fh:
                        count = len(json.load(fh).get("items", []))
                    runs.append((p.wall, p.rss, None, count))
            wall, rss, secs, count = min(runs, key=lambda r: r[0])
            note = f"best of {len(runs)}" + (f", median {statistics.median(r[0] for r in runs):.2f}s"
                                              if len(runs) > 2 else "")
            self.add(client, phase, count, n, wall, secs, rss=max(r[1] for r in runs), note=note)

    def watcher(self, client, m, resource_version=None):
        since = ["--resource-version", resource_version] if resource_version else []
        if client == "rudder":
            return Process(self.swift("watch", m) + since)
        if client == "python":
            return Process(self.python("watch", m, NAMESPACE, *since))
        # kubectl lists, then watches from the list's resourceVersion; -v=6 logs each request
        # on stderr once answered, so the watch=true line means writes will be seen.
        return Process(self.kubectl("get", "configmaps", "-n", NAMESPACE, "-w", "--watch-only",
                                    "-o", "name", "-v=6"),
                       ready_on=lambda line: "watch=true" in line, count_lines_to=m)

    def write(self, m, phase):
        """Updates m ConfigMaps with the Swift client when it is run, else (or when
        RUDDER_BENCH_WRITER=python) the Python one. Each run must change every object, or
        the watchers see no events."""
        who = os.environ.get("RUDDER_BENCH_WRITER") or ("rudder" if "rudder" in self.clients else "python")
        cmd = self.swift("update", m) if who == "rudder" else self.python("update", m)
        p = self.run_once(cmd, f"{who} update")
        answer = p.json_line("update") or {}
        secs = answer.get("seconds")
        self.add(who, phase, answer.get("objects"), m, p.wall, secs,
                 rate=answer.get("objects", 0) / secs if secs else None, rss=p.rss,
                 note=f"writer, {self.args.concurrency} in flight")

    def collect(self, client, w, m, phase, since, grace):
        """Waits for watcher w to have all m events while it keeps making progress (kubectl's
        lines are seen as they come; the others only report at the end), then reaps it."""
        try:
            while not w.done.wait(0.2):
                if time.monotonic() - max(since, w.last or 0) > grace:
                    break
        finally:
            w.terminate()
            w.wait(timeout=20)
        if client == "kubectl":
            events = len(w.lines)
            secs = (w.last - w.first) if w.first is not None else None
        else:
            answer = w.json_line("watch")
            if answer is None:
                raise w.failure(f"{client} watcher printed no result")
            events, secs = answer.get("events"), answer.get("seconds")
        note = "all events" if events == m else f"MISSING {m - (events or 0)}"
        self.add(client, phase, events, m, None, secs, rate=events / secs if secs else None,
                 rss=w.rss, note=note)

    def ready(self, client, w):
        deadline = time.monotonic() + READY_TIMEOUT
        while not w.ready.wait(0.1):
            # READY is read before the end of output, so an exit after READY is no failure.
            if (w.exited() and not w.ready.is_set()) or time.monotonic() > deadline:
                break
        if not w.ready.is_set():
            w.terminate()
            w.wait(timeout=20)
            raise w.failure(f"{client} watcher never became ready")

    def watches(self):
        """Live: the watcher runs while the writer writes, so it can see events no faster than
        they are written: the figure is bounded by the writer."""
        m = self.args.updates
        for client in self.clients:
            w = self.watcher(client, m)
            self.ready(client, w)
            try:
                self.write(m, f"update (w/ {client})")
            except BaseException:
                w.terminate()
                w.wait(timeout=20)
                raise
            self.collect(client, w, m, "watch", time.monotonic(), WATCH_GRACE)

    def swift_replays(self):
        answer = subprocess.run([self.args.rudder, "bench", "client", "watch", "--help"],
                                capture_output=True, text=True, check=False)
        return answer.returncode == 0 and "--resource-version" in answer.stdout

    def collection_resource_version(self):
        p = self.run_once(self.kubectl("get", "--raw", f"/api/v1/namespaces/{NAMESPACE}/configmaps?limit=1"),
                          "kubectl get --raw")
        return json.loads("\n".join(p.lines))["metadata"]["resourceVersion"]

    def replays(self):
        """Replayed: the writer is done before the watcher starts from the resourceVersion
        taken before the writes, so the server sends the m events from its history as fast
        as the client takes them (kubectl get -w cannot start from a resourceVersion)."""
        m = self.args.updates
        clients = [c for c in self.clients if c == "python" or (c == "rudder" and self.swift_replays())]
        if not clients:
            return
        rv = self.collection_resource_version()
        self.write(m, "update (replay)")
        for client in clients:
            w = self.watcher(client, m, rv)
            self.ready(client, w)
            self.collect(client, w, m, "watch (replay)", time.monotonic(), WATCH_GRACE + m / 100)

    def applies(self):
        if "python" in self.clients:
            n = self.args.objects
            p = self.run_once(self.python("apply", n, APPLY_NAMESPACE), "python apply")
            answer = p.json_line("apply") or {}
            secs = answer.get("seconds")
            self.add("python", "ssa", answer.get("objects"), n, p.wall, secs,
                     rate=answer.get("objects", 0) / secs if secs else None, rss=p.rss,
                     note=f"new objects, {self.args.concurrency} threads")


def fmt(value, spec):
    return "" if value is None else format(value, spec)


def format_row(r):
    count = "" if r["count"] is None else f"{r['count']}/{r['expected']}"
    return (f"{count:>13} {fmt(r['wall'], '.2f'):>8} {fmt(r['client_s'], '.2f'):>9} "
            f"{fmt(r['rate'], '.0f'):>9} {fmt(r['rss'], '.0f'):>8}  {r['note']}")


def table(rows):
    lines = [f"{'client':8} {'phase':20} {'count':>13} {'wall s':>8} {'client s':>9} "
             f"{'per s':>9} {'peak MiB':>8}  note"]
    for r in rows:
        lines.append(f"{r['client']:8} {r['phase']:20} {format_row(r)}")
    return "\n".join(lines)


def ratios(rows, clients):
    """Each other client against the first one run (rudder when it is), as first/other."""
    def find(client, phase):
        return next((r for r in rows if r["client"] == client and r["phase"] == phase), None)

    base, others = clients[0], clients[1:]
    figures = [("list time (wall)", "list", "wall", "<1: %s faster"),
               ("list time (in-client)", "list", "client_s", "<1: %s faster"),
               ("list peak memory", "list", "rss", "<1: %s smaller"),
               ("watch events/s", "watch", "rate", ">1: %s faster"),
               ("replayed watch events/s", "watch (replay)", "rate", ">1: %s faster")]
    lines = []
    for label, phase, key, sense in figures:
        cells = []
        for other in others:
            a, b = find(base, phase), find(other, phase)
            cells.append(f"{a[key] / b[key]:.2f}x" if a and b and a[key] and b[key] else "-")
        if any(c != "-" for c in cells):
            lines.append(f"{label:24} " + " ".join(f"{c:>15}" for c in cells) + f"   ({sense % base})")
    if lines:
        lines.insert(0, f"{'ratios':24} " + " ".join(f"{base + '/' + o:>15}" for o in others))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rudder", required=True, help="the release rudder binary")
    parser.add_argument("--python", required=True, help="the venv's python (has `kubernetes`)")
    parser.add_argument("--kubectl", required=True)
    parser.add_argument("--objects", type=int, default=10_000, help="ConfigMaps to list (default 10000)")
    parser.add_argument("--updates", type=int, default=None, help="updates the watchers see (default: --objects)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes a list is run in; the best counts")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="requests in flight while seeding, updating and applying (both clients)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds any one client process may take")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (kubeconfig, outputs)")
    args = parser.parse_args()
    if args.updates is None:
        args.updates = args.objects
    if args.objects < 1 or args.updates < 1 or args.updates > args.objects or args.repeat < 1 or args.concurrency < 1:
        parser.error("need 1 <= --updates <= --objects, --repeat >= 1 and --concurrency >= 1")
    wanted = [c.strip() for c in os.environ.get("RUDDER_BENCH_CLIENTS", ",".join(CLIENTS)).split(",") if c.strip()]
    unknown = [c for c in wanted if c not in CLIENTS]
    if unknown or not wanted:
        parser.error(f"RUDDER_BENCH_CLIENTS: unknown {unknown}; pick from {','.join(CLIENTS)}")
    clients = [c for c in CLIENTS if c in wanted]

    workdir = tempfile.mkdtemp(prefix="rudder-bench-client-")
    bench = Bench(args, clients, workdir)
    print(f"client bench: {args.objects} ConfigMaps (~300 B of data each) in one namespace, "
          f"{args.updates} updates watched; clients: {', '.join(clients)}; "
          f"rudder dev --apiserver-only (TLS, client certs, simulator off)", file=sys.stderr, flush=True)
    ok = False
    try:
        bench.start_server()
        bench.seed()
        bench.lists()
        bench.watches()
        bench.replays()
        bench.applies()
        ok = True
    except BenchError as error:
        print(f"hack/bench client: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("hack/bench client: interrupted", file=sys.stderr)
    finally:
        bench.stop_server()
        if args.keep or not ok:
            print(f"work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if bench.rows:
        print()
        print(table(bench.rows))
        print()
        for line in ratios(bench.rows, clients):
            print(line)
        print("wall s: the client process, start to exit; client s: the client's own timing of its "
              "calls (watch: first..last event); peak MiB: that process' max RSS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
