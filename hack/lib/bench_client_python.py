#!/usr/bin/env python3
"""The Python `kubernetes` client's side of `hack/bench client`: one phase a process, with
the same command line and JSON lines as `rudder bench client`, so the harness drives both
the same way and measures each phase in a fresh process.

    bench_client_python.py PHASE --kubeconfig PATH --namespace NS --objects N
                           [--concurrency 8] [--resource-version RV]

Phases:
  seed        creates the namespace and N ConfigMaps (create_namespaced_config_map from a
              thread pool): the harness's seeder when the Swift client is not run.
  apply       server-side applies N new ConfigMaps (patch with application/apply-patch+yaml,
              field manager bench-python, force) from the same thread pool.
  list        one list_namespaced_config_map call.
  list-paged  list_namespaced_config_map with limit=500, following `continue`.
  watch       lists with limit=1 for the collection's resourceVersion (or takes
              --resource-version), prints READY, then counts N events from
              watch.Watch().stream(...) and reports first..last event.
  update      merge-patches one data key of N ConfigMaps of the namespace (names listed
              first, untimed) from the thread pool.

Each prints one JSON line: {"phase":..., "objects" or "events": count, "seconds": S}, where
S covers the client calls only (not interpreter start-up or imports, which the harness's
process wall time includes).
"""
import argparse
import json
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from kubernetes import client, config, watch

# About 300 bytes of data a ConfigMap: six keys of 48 characters.
DATA_KEYS = 6
VALUE = "0123456789abcdef" * 3


def data(index):
    return {f"key{k}": f"{index:08d}-{VALUE[:39]}" for k in range(DATA_KEYS)}


def api(kubeconfig, concurrency):
    configuration = client.Configuration()
    config.load_kube_config(config_file=kubeconfig, client_configuration=configuration)
    # One pooled connection a worker thread, so the pool never makes a thread wait.
    configuration.connection_pool_maxsize = max(concurrency, 1)
    return client.CoreV1Api(client.ApiClient(configuration))


def report(**fields):
    print(json.dumps(fields), flush=True)


def fan_out(concurrency, work, items):
    """Runs work(item) for every item on a pool; returns seconds for all of them."""
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _ in pool.map(work, items):  # consuming the results re-raises any failure
            pass
    return time.monotonic() - start


def seed(v1, args):
    start = time.monotonic()
    try:
        v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=args.namespace)))
    except client.ApiException as error:
        if error.status != 409:
            raise

    def create(i):
        v1.create_namespaced_config_map(args.namespace, client.V1ConfigMap(
            metadata=client.V1ObjectMeta(name=f"cm-{i:05d}"), data=data(i)))

    fan_out(args.concurrency, create, range(args.objects))
    report(phase="seed", objects=args.objects, seconds=round(time.monotonic() - start, 4))


def apply(v1, args):
    start = time.monotonic()
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": args.namespace}}
    v1.patch_namespace(args.namespace, namespace, field_manager="bench-python", force=True,
                       _content_type="application/apply-patch+yaml")

    def ssa(i):
        name = f"cm-{i:05d}"
        body = {"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": name, "namespace": args.namespace}, "data": data(i)}
        v1.patch_namespaced_config_map(name, args.namespace, body, field_manager="bench-python",
                                       force=True, _content_type="application/apply-patch+yaml")

    fan_out(args.concurrency, ssa, range(args.objects))
    report(phase="apply", objects=args.objects, seconds=round(time.monotonic() - start, 4))


def list_once(v1, args):
    start = time.monotonic()
    items = v1.list_namespaced_config_map(args.namespace).items
    report(phase="list", objects=len(items), seconds=round(time.monotonic() - start, 4))


def list_paged(v1, args):
    start = time.monotonic()
    count, token = 0, None
    while True:
        page = v1.list_namespaced_config_map(args.namespace, limit=500, _continue=token)
        count += len(page.items)
        token = page.metadata._continue
        if not token:
            break
    report(phase="list-paged", objects=count, seconds=round(time.monotonic() - start, 4))


class Stopped(Exception):
    """SIGTERM from the harness: not every event came; report what did."""


def watch_events(v1, args):
    rv = args.resource_version
    if not rv:
        rv = v1.list_namespaced_config_map(args.namespace, limit=1).metadata.resource_version
    # Every change after rv is delivered from rv on, so writes may start as soon as rv is
    # known, before the watch request itself is answered.
    print("READY", flush=True)

    def stop(*_):
        raise Stopped()

    signal.signal(signal.SIGTERM, stop)
    count, first, last = 0, None, None
    try:
        if args.objects > 0:
            stream = watch.Watch()
            for _event in stream.stream(v1.list_namespaced_config_map, args.namespace, resource_version=rv):
                last = time.monotonic()
                if first is None:
                    first = last
                count += 1
                if count >= args.objects:
                    stream.stop()
                    break
    except Stopped:
        pass
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    seconds = (last - first) if first is not None else 0.0
    report(phase="watch", events=count, seconds=round(seconds, 4))
    return count >= args.objects


def update(v1, args):
    names = [cm.metadata.name for cm in v1.list_namespaced_config_map(args.namespace).items][:args.objects]
    stamp = f"{time.time_ns()}"

    def patch(name):
        v1.patch_namespaced_config_map(name, args.namespace, {"data": {"key0": f"{stamp}-{name}"}},
                                       _content_type="application/merge-patch+json")

    seconds = fan_out(args.concurrency, patch, names)
    report(phase="update", objects=len(names), seconds=round(seconds, 4))


PHASES = {"seed": seed, "apply": apply, "list": list_once, "list-paged": list_paged,
          "watch": watch_events, "update": update}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--kubeconfig", required=True)
    parser.add_argument("--namespace", required=True)
    parser.add_argument("--objects", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--resource-version", default="")
    args = parser.parse_args()
    v1 = api(args.kubeconfig, args.concurrency)
    ok = PHASES[args.phase](v1, args)
    return 1 if ok is False else 0


if __name__ == "__main__":
    sys.exit(main())
