#!/usr/bin/env python3
"""`hack/bench controller [N...]`: the HelmRelease controller at scale. For each N (default 100
and 1000), in a fresh `rudder dev --apiserver-only --log-requests` (TLS, workload simulator on,
so Deployments become ready as a cluster's controllers would make them):

  1. kubectl applies the CRD (crds/) and a ConfigMap holding the packaged `hello` example chart
     (a ConfigMap, a Deployment of one replica and a Service; `wait` on, the default);
  2. `rudder controller --concurrency C` starts, a fresh process;
  3. one `kubectl apply --server-side` of a List of N HelmReleases (spec.chart.packagedRef);
  4. the HelmReleases are listed every POLL seconds until all are Ready (Ready=True for their
     generation): "all Ready" is the time from the start of that apply;
  5. once the controller has gone quiet (SETTLE seconds without a request), IDLE seconds of
     idle are watched: requests and writes.

Figures: time to all Ready, the controller's peak RSS (os.wait4 on it), its API requests per
release from the apply to idle (and writes among them), its request rate while idle and the
number of idle writes. Requests are counted from the server's access log (one line per
answered request, the client's user agent on it), so the controller is measured by what the
server saw, not by what it says; the bench's own polls and kubectl are counted apart.
The profile below the table shows which requests a release costs (the largest N's rollout).

    bench_controller.py --rudder BIN --kubectl BIN [--concurrency C] [--idle S] [N ...]

Only the standard library: the poller speaks HTTPS with the kubeconfig's client certificate.
"""
import argparse
import base64
import collections
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_client import BenchError, Process  # noqa: E402  (the shared child-process helper)

REPO = os.path.dirname(os.path.dirname(HERE))
NAMESPACE = "bench"
CHART_DIR = os.path.join(REPO, "examples", "charts", "hello")
CHART_CONFIGMAP = "bench-chart"
CONTROLLER_AGENT = "rudder (linux) kubeclient"  # KubeClient's default User-Agent
POLL_AGENT = "rudder-bench-poller"
READY_TIMEOUT = 120  # seconds for the server to serve
WRITES = {"POST", "PUT", "PATCH", "DELETE"}

# `PATCH /api/v1/namespaces/x/configmaps/a?fieldManager=k 200 1.2ms (application/apply-patch+yaml) kubectl/v1.37.1`
ACCESS_LINE = re.compile(r"^([A-Z]+) (/\S*) (\d{3}) [\d.]+ms(?: \(([^)]*)\))?(?: (.*))?$")


def normalise(method, target):
    """`LIST /api/v1/namespaces/*/secrets?labelSelector`: one request's kind, names left out."""
    path, _, query = target.partition("?")
    parts = path.strip("/").split("/")
    if parts[0] == "api":
        prefix, rest = parts[:2], parts[2:]
    elif parts[0] == "apis":
        prefix, rest = parts[:3], parts[3:]
    else:
        return f"{method} {path}"
    if len(rest) >= 3 and rest[0] == "namespaces":
        prefix, rest = prefix + ["namespaces", "*"], rest[2:]
    shape = prefix + rest[:1] + (["*"] if len(rest) > 1 else []) + rest[2:]
    names = {kv.partition("=")[0] for kv in query.split("&") if kv}
    watch = "watch=true" in query.split("&") or "watch=1" in query.split("&")
    verb = "WATCH" if watch else ("LIST" if method == "GET" and len(rest) == 1 else method)
    marks = sorted(names & {"labelSelector", "fieldSelector"})
    return f"{verb} /{'/'.join(shape)}" + (f"?{','.join(marks)}" if marks else "")


class RequestLog:
    """The server's access log, counted by phase and client as the lines come."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "setup"
        self.counts = collections.Counter()  # (phase, client, method, kind, status class)
        self.last_controller = time.monotonic()
        self.lines = 0

    def set_phase(self, phase):
        with self.lock:
            self.phase = phase

    def record(self, line):
        m = ACCESS_LINE.match(line)
        if not m:
            return False
        method, target, status, _, agent = m.groups()
        agent = agent or ""
        client = ("controller" if agent == CONTROLLER_AGENT else "poller" if agent == POLL_AGENT
                  else "kubectl" if agent.startswith("kubectl") else "other")
        kind = normalise(method, target)
        with self.lock:
            self.lines += 1
            self.counts[(self.phase, client, method, kind, status[0] + "xx")] += 1
            if client == "controller":
                self.last_controller = time.monotonic()
        return True

    def quiet_for(self):
        with self.lock:
            return time.monotonic() - self.last_controller

    def total(self, phases, client="controller", writes_only=False, status=None):
        with self.lock:
            return sum(n for (p, c, method, _, s), n in self.counts.items()
                       if p in phases and c == client and (not writes_only or method in WRITES)
                       and (status is None or s == status))

    def kinds(self, phases, client="controller"):
        out = collections.Counter()
        with self.lock:
            for (p, c, _, kind, _), n in self.counts.items():
                if p in phases and c == client:
                    out[kind] += n
        return out


class ServerProcess(Process):
    """`rudder dev`, whose stderr lines go to the request log (access lines are not kept)."""

    def __init__(self, cmd, log):
        self.log = log
        super().__init__(cmd, ready_on=lambda line: False)

    def _read_stderr(self):
        for raw in self.proc.stderr:
            line = raw.decode(errors="replace").rstrip("\n")
            if not self.log.record(line):
                self.stderr_tail = (self.stderr_tail + [line])[-40:]
        if self.proc.stdout is None:
            self.eof.set()
            self.done.set()


class Kubeconfig:
    """The server, CA and client certificate of the kubeconfig `rudder dev` writes (one
    cluster, one user, every scalar a JSON string), for a stdlib HTTPS client."""

    def __init__(self, path, workdir):
        text = open(path).read()

        def field(name):
            m = re.search(rf"^\s*{name}: (\".*\")\s*$", text, re.M)
            if not m:
                raise BenchError(f"{path}: no {name}")
            return json.loads(m.group(1))

        self.server = field("server")
        cert, key = (os.path.join(workdir, f) for f in ("poller.crt", "poller.key"))
        for name, target in (("client-certificate-data", cert), ("client-key-data", key)):
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(base64.b64decode(field(name)))
        self.context = ssl.create_default_context(
            cadata=base64.b64decode(field("certificate-authority-data")).decode())
        self.context.load_cert_chain(cert, key)

    def get(self, path):
        request = urllib.request.Request(self.server + path, headers={"User-Agent": POLL_AGENT,
                                                                       "Accept": "application/json"})
        with urllib.request.urlopen(request, context=self.context, timeout=60) as answer:
            return json.load(answer)


def is_ready(release):
    generation = release.get("metadata", {}).get("generation")
    status = release.get("status") or {}
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or []) \
        and status.get("observedGeneration") == generation


def not_ready_reasons(releases):
    reasons = collections.Counter()
    for r in releases:
        if is_ready(r):
            continue
        ready = [c for c in (r.get("status") or {}).get("conditions") or [] if c.get("type") == "Ready"]
        reasons[ready[0].get("reason", "?") if ready else "no Ready condition"] += 1
    return ", ".join(f"{n} {reason}" for reason, n in reasons.most_common(4))


def release_list(n):
    items = [{
        "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease",
        "metadata": {"name": f"hr-{i:04d}", "namespace": NAMESPACE},
        "spec": {"chart": {"packagedRef": {"kind": "ConfigMap", "name": CHART_CONFIGMAP, "key": "chart.tgz"}},
                 "values": {"greeting": f"Hello from release {i}"}},
    } for i in range(n)]
    return {"apiVersion": "v1", "kind": "List", "items": items}


def proc_status(pid, field):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    """User + system CPU time of a running process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Run:
    """One N: a fresh server, CRD and chart, a fresh controller, N releases, idle."""

    def __init__(self, args, n, workdir):
        self.args = args
        self.n = n
        self.workdir = workdir
        self.kubeconfig = os.path.join(workdir, "kubeconfig")
        self.log = RequestLog()
        self.server = self.controller = None
        self.row = dict(n=n)

    def say(self, text):
        print(f"  [N={self.n}] {text}", file=sys.stderr, flush=True)

    def kubectl(self, *words, phase):
        cmd = [self.args.kubectl, "--kubeconfig", self.kubeconfig,
               "--cache-dir", os.path.join(self.workdir, "kube-cache"), *words]
        p = Process(cmd).wait(timeout=600)
        if p.status != 0:
            raise p.failure(phase)
        return p

    def start_server(self):
        cmd = [self.args.rudder, "dev", "--apiserver-only", "--kubeconfig", self.kubeconfig, "--log-requests",
               "--workload-simulator", "on", "--history-limit", str(max(10_000, 40 * self.n))]
        self.server = ServerProcess(cmd, self.log)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline and not self.server.exited():
            if f"KUBECONFIG={self.kubeconfig}" in self.server.lines:
                self.api = Kubeconfig(self.kubeconfig, self.workdir)
                return
            time.sleep(0.05)
        raise self.server.failure("rudder dev did not print KUBECONFIG=")

    def prepare(self):
        self.kubectl("apply", "-f", os.path.join(REPO, "crds"), phase="kubectl apply crds/")
        self.kubectl("wait", "--for", "condition=Established", "--timeout=60s",
                     "crd/helmreleases.helm.rudder.dev", phase="kubectl wait crd")
        self.kubectl("create", "namespace", NAMESPACE, phase="kubectl create namespace")
        charts = os.path.join(self.workdir, "charts")
        p = Process([self.args.rudder, "package", CHART_DIR, "-d", charts]).wait(timeout=120)
        if p.status != 0:
            raise p.failure("rudder package")
        archive = os.path.join(charts, os.listdir(charts)[0])
        # Not UTF-8, so kubectl puts it in binaryData.
        self.kubectl("create", "configmap", CHART_CONFIGMAP, "-n", NAMESPACE, f"--from-file=chart.tgz={archive}",
                     phase="kubectl create configmap")

    def start_controller(self):
        self.log.set_phase("startup")
        cmd = [self.args.rudder, "controller", "--kubeconfig", self.kubeconfig,
               "--cache-dir", os.path.join(self.workdir, "chart-cache")]
        if self.args.concurrency:
            cmd += ["--concurrency", str(self.args.concurrency)]
        if self.args.qps:
            cmd += ["--qps", str(self.args.qps), "--burst", str(self.args.burst or 2 * self.args.qps)]
        self.controller = Process(cmd, stdout=subprocess.DEVNULL)
        # Started once it has listed and watches HelmReleases (its first requests), or after 10 s.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not self.controller.exited():
            if any("helmreleases" in k and k.startswith("WATCH") for k in self.log.kinds({"startup"})):
                break
            time.sleep(0.05)
        if self.controller.exited():
            self.controller.wait(timeout=10)
            raise self.controller.failure("rudder controller exited at start")

    def roll_out(self):
        manifest = os.path.join(self.workdir, "releases.json")
        with open(manifest, "w") as fh:
            json.dump(release_list(self.n), fh)
        self.log.set_phase("rollout")
        start = time.monotonic()
        self.kubectl("apply", "--server-side", "-f", manifest, phase="kubectl apply HelmReleases")
        self.row["apply"] = time.monotonic() - start
        self.say(f"{self.n} HelmReleases applied in {self.row['apply']:.1f}s")
        path = f"/apis/helm.rudder.dev/v1/namespaces/{NAMESPACE}/helmreleases"
        deadline = start + self.args.timeout
        shown = start
        while True:
            items = self.api.get(path).get("items", [])
            ready = sum(1 for r in items if is_ready(r))
            now = time.monotonic()
            if ready == self.n:
                self.row["ready"] = now - start
                self.row["cpu"] = (cpu_seconds(self.controller.proc.pid), cpu_seconds(self.server.proc.pid))
                break
            if self.controller.exited():
                self.controller.wait(timeout=10)
                raise self.controller.failure("rudder controller exited")
            if now > deadline:
                self.row["ready"] = None
                self.row["note"] = f"{ready}/{self.n} Ready after {self.args.timeout}s"
                self.say(f"TIMEOUT: {ready}/{self.n} Ready; not Ready: {not_ready_reasons(items)}")
                break
            if now - shown >= 10:
                shown = now
                self.say(f"{now - start:5.0f}s  {ready}/{self.n} Ready")
            time.sleep(self.args.poll)
        if self.row.get("ready") is not None:
            self.say(f"all {self.n} Ready after {self.row['ready']:.1f}s")

    def idle(self):
        # The last status writes start one more (no-op) reconcile each: part of a release's cost.
        start = time.monotonic()
        while self.log.quiet_for() < self.args.settle and time.monotonic() - start < 600:
            time.sleep(0.2)
        self.row["settle"] = time.monotonic() - start
        self.log.set_phase("idle")
        time.sleep(self.args.idle)
        self.log.set_phase("end")
        self.row["rss_now"] = proc_status(self.controller.proc.pid, "VmRSS")

    def stop(self):
        if self.controller is not None:
            self.controller.terminate()
            self.controller.wait(timeout=60)
            self.row["rss"] = self.controller.rss
            if self.controller.status not in (0, -signal.SIGTERM):
                self.say(f"controller exit status {self.controller.status}: " + " | ".join(self.controller.stderr_tail[-5:]))
            self.controller = None
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=60)
            self.row["server_rss"] = self.server.rss
            self.server = None

    def figures(self):
        busy = {"rollout"}
        self.row["requests"] = self.log.total(busy)
        self.row["writes"] = self.log.total(busy, writes_only=True)
        self.row["errors"] = self.log.total(busy, status="4xx") + self.log.total(busy, status="5xx")
        self.row["startup"] = self.log.total({"startup"})
        self.row["idle_requests"] = self.log.total({"idle"})
        self.row["idle_writes"] = self.log.total({"idle"}, writes_only=True)
        self.row["idle_kinds"] = self.log.kinds({"idle"})
        self.row["kinds"] = self.log.kinds(busy)

    def run(self):
        self.say("starting rudder dev --apiserver-only (TLS, workload simulator on)")
        try:
            self.start_server()
            self.prepare()
            self.start_controller()
            self.roll_out()
            if self.row.get("ready") is not None:
                self.idle()
        finally:
            self.stop()
        self.figures()
        return self.row


def fmt(value, spec, none="—"):
    return none if value is None else format(value, spec)


def table(rows, args):
    head = (f"{'releases':>8} {'apply s':>8} {'all Ready s':>11} {'releases/s':>10} {'peak MiB':>8} "
            f"{'req/release':>11} {'writes/release':>14} {'idle req/s':>10} {'idle writes':>11}")
    lines = [head]
    for r in rows:
        n = r["n"]
        ready = r.get("ready")
        lines.append(
            f"{n:>8} {fmt(r.get('apply'), '.1f'):>8} {fmt(ready, '.1f'):>11} "
            f"{fmt(n / ready if ready else None, '.1f'):>10} {fmt(r.get('rss'), '.0f'):>8} "
            f"{r['requests'] / n:>11.1f} {r['writes'] / n:>14.1f} "
            f"{fmt(r['idle_requests'] / args.idle if ready else None, '.2f'):>10} "
            f"{fmt(r['idle_writes'] if ready else None, 'd'):>11}"
            + (f"   {r['note']}" if r.get("note") else ""))
    return "\n".join(lines)


def profile(row, limit=16):
    n = row["n"]
    lines = [f"requests per release, N={n} (apply to idle; {row['requests']} in all, "
             f"{row['errors']} answered 4xx/5xx; controller start-up {row['startup']}):"]
    for kind, count in row["kinds"].most_common(limit):
        lines.append(f"  {count / n:7.2f}  {kind}")
    rest = sum(c for _, c in row["kinds"].most_common()[limit:])
    if rest:
        lines.append(f"  {rest / n:7.2f}  (other)")
    if row.get("cpu"):
        controller, server = row["cpu"]
        lines.append(f"quiet {row['settle']:.1f}s after all Ready (trailing no-op reconciles)")
        lines.append(f"CPU from start to all Ready ({row['ready']:.1f}s on {os.cpu_count()} cores): "
                     f"controller {fmt(controller, '.1f')}s, API server {fmt(server, '.1f')}s "
                     f"(with its workload simulator)")
    if row["idle_kinds"]:
        lines.append("idle requests: " + ", ".join(f"{c} {k}" for k, c in row["idle_kinds"].most_common(6)))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("releases", nargs="*", type=int, help="HelmReleases per run (default: 100 1000)")
    parser.add_argument("--rudder", required=True, help="the release rudder binary")
    parser.add_argument("--kubectl", required=True)
    parser.add_argument("--concurrency", type=int, default=None, help="the controller's --concurrency (default: its own)")
    parser.add_argument("--qps", type=int, default=None,
                        help="the controller's client-side --qps (default: its own, 50 after a burst of 300)")
    parser.add_argument("--burst", type=int, default=None, help="the controller's --burst (default: 2 x --qps)")
    parser.add_argument("--idle", type=float, default=30, help="seconds of idle measured once all are Ready")
    parser.add_argument("--settle", type=float, default=3,
                        help="seconds without a controller request before the idle window opens")
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between lists of the HelmReleases")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a run may take to get all Ready")
    parser.add_argument("--keep", action="store_true", help="keep the work directories")
    args = parser.parse_args()
    sizes = args.releases or [100, 1000]
    if any(n < 1 for n in sizes) or (args.concurrency is not None and args.concurrency < 1) or args.idle <= 0:
        parser.error("need N >= 1, --concurrency >= 1 and --idle > 0")

    print(f"controller bench: N HelmReleases of the `hello` chart (ConfigMap, Deployment, Service; wait on) "
          f"from a packaged chart in a ConfigMap; rudder controller "
          f"{'--concurrency ' + str(args.concurrency) if args.concurrency else 'with its default --concurrency'}"
          f"{' --qps ' + str(args.qps) if args.qps else ''}; "
          f"rudder dev --apiserver-only (TLS, workload simulator on)", file=sys.stderr, flush=True)
    rows, ok = [], True
    for n in sizes:
        workdir = tempfile.mkdtemp(prefix=f"rudder-bench-controller-{n}-")
        run = Run(args, n, workdir)
        try:
            rows.append(run.run())
        except BenchError as error:
            print(f"hack/bench controller: {error}", file=sys.stderr)
            ok = False
        except KeyboardInterrupt:
            print("hack/bench controller: interrupted", file=sys.stderr)
            ok = False
            break
        finally:
            if args.keep or not ok:
                print(f"work directory kept: {workdir}", file=sys.stderr)
            else:
                shutil.rmtree(workdir, ignore_errors=True)
        if not ok:
            break
    if rows:
        print()
        print(table(rows, args))
        print()
        print(profile(rows[-1]))
        print(f"all Ready s: from the start of the apply until every HelmRelease is Ready=True for its generation; "
              f"peak MiB: the controller's max RSS; req/release: the controller's API requests from the apply "
              f"until it was quiet for {args.settle:g}s, over N; idle: the {args.idle:g}s after that")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
