"""Drives the Python `kubernetes` client against the cluster of a kubeconfig.

Usage: kube_client.py KUBECONFIG SCENARIO

Each scenario does what an application would do with the client and prints one JSON
object of observations (resourceVersions, event types, ApiException status and reason);
the Swift test compares them with what a real API server gives.
"""

import json
import sys
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def failure(error: ApiException) -> dict:
    """An ApiException as status, the Status body's reason and message (when it has one)."""
    out = {"status": error.status, "httpReason": error.reason}
    try:
        body = json.loads(error.body or "")
        out.update(reason=body.get("reason"), message=body.get("message"), kind=body.get("kind"))
    except ValueError:
        pass
    return out


def config_map(name: str, **data: str) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


def crud(core: client.CoreV1Api) -> dict:
    created = core.create_namespaced_config_map("default", config_map("py1", a="1"))
    out = {"created": {"rv": created.metadata.resource_version, "uid": created.metadata.uid, "data": created.data}}
    try:
        core.create_namespaced_config_map("default", config_map("py1", a="1"))
    except ApiException as e:
        out["duplicate"] = failure(e)
    listed = core.list_namespaced_config_map("default")
    out["list"] = {"rv": listed.metadata.resource_version, "names": [i.metadata.name for i in listed.items]}
    stale_rv = created.metadata.resource_version
    created.data = {"a": "2"}
    replaced = core.replace_namespaced_config_map("py1", "default", created)
    out["replaced"] = {"rv": replaced.metadata.resource_version, "data": replaced.data}
    created.data = {"a": "3"}
    created.metadata.resource_version = stale_rv
    try:
        core.replace_namespaced_config_map("py1", "default", created)
    except ApiException as e:
        out["stale"] = failure(e)
    try:
        core.read_namespaced_config_map("absent", "default")
    except ApiException as e:
        out["missing"] = failure(e)
    core.delete_namespaced_config_map("py1", "default", propagation_policy="Foreground")
    out["afterDelete"] = [i.metadata.name for i in core.list_namespaced_config_map("default").items]
    return out


def events(stream, count: int, w: watch.Watch) -> list:
    """The first `count` events of `stream` as [type, name, data], then stops the watch."""
    seen = []
    for event in stream:
        raw = event["raw_object"]
        seen.append([event["type"], raw["metadata"].get("name"), raw.get("data")])
        if len(seen) == count:
            w.stop()
    return seen


def watch_resume(core: client.CoreV1Api) -> dict:
    core.create_namespaced_config_map("default", config_map("w1", a="1"))
    listed = core.list_namespaced_config_map("default")
    rv = listed.metadata.resource_version
    core.create_namespaced_config_map("default", config_map("w2", a="1"))
    core.patch_namespaced_config_map("w1", "default", {"data": {"a": "2"}})
    core.delete_namespaced_config_map("w2", "default")
    w = watch.Watch()
    first = events(w.stream(core.list_namespaced_config_map, "default", resource_version=rv, timeout_seconds=10), 3, w)
    last_seen = w.resource_version
    core.create_namespaced_config_map("default", config_map("w3", a="1"))
    w2 = watch.Watch()
    resumed = events(
        w2.stream(core.list_namespaced_config_map, "default", resource_version=last_seen, timeout_seconds=10), 1, w2)
    w3 = watch.Watch()
    initial = events(w3.stream(core.list_namespaced_config_map, "default", timeout_seconds=10), 2, w3)
    # A watch the server ends at timeoutSeconds: the stream simply finishes.
    w4 = watch.Watch()
    timed = [e["type"] for e in w4.stream(core.list_namespaced_config_map, "default",
                                            resource_version=core.list_namespaced_config_map("default").metadata.resource_version,
                                            timeout_seconds=1)]
    return {"listRV": rv, "first": first, "lastSeen": last_seen, "resumed": resumed,
            "initial": sorted(initial), "timedOut": timed}


def expired(core: client.CoreV1Api) -> dict:
    core.create_namespaced_config_map("default", config_map("churn", n="0"))
    old = core.list_namespaced_config_map("default").metadata.resource_version
    for n in range(1, 13):
        core.patch_namespaced_config_map("churn", "default", {"data": {"n": str(n)}})
    w = watch.Watch()
    try:
        for _ in w.stream(core.list_namespaced_config_map, "default", resource_version=old, timeout_seconds=10):
            pass
        return {"raised": False}
    except ApiException as e:
        out = failure(e)
        out["raised"] = True
        out["oldRV"] = old
        return out


def bookmarks(core: client.CoreV1Api) -> dict:
    core.create_namespaced_config_map("default", config_map("b1", a="1"))
    rv = core.list_namespaced_config_map("default").metadata.resource_version
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, "default", resource_version=rv,
                          allow_watch_bookmarks=True, timeout_seconds=20):
        if event["type"] == "BOOKMARK":
            w.stop()
            raw = event["raw_object"]
            return {"type": event["type"], "kind": raw.get("kind"), "apiVersion": raw.get("apiVersion"),
                    "rv": raw["metadata"].get("resourceVersion"), "watchRV": w.resource_version, "listRV": rv}
    return {"type": None}


def foreground(api: client.ApiClient) -> dict:
    """A Deployment deleted with Foreground propagation: held by foregroundDeletion until
    the garbage collector has removed the ReplicaSets and Pods it owns."""
    apps = client.AppsV1Api(api)
    core = client.CoreV1Api(api)
    labels = {"app": "fg"}
    apps.create_namespaced_deployment("default", {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "fg"},
        "spec": {"replicas": 1, "selector": {"matchLabels": labels},
                 "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}})
    deadline = time.time() + 20
    while time.time() < deadline and not apps.list_namespaced_replica_set("default").items:
        time.sleep(0.05)
    owned_before = len(apps.list_namespaced_replica_set("default").items)
    deleting = apps.delete_namespaced_deployment("fg", "default", propagation_policy="Foreground")
    # A delete that has to wait answers with the object itself (not a Status).
    kind = deleting.get("kind") if isinstance(deleting, dict) else getattr(deleting, "kind", None)
    out = {"ownedBefore": owned_before, "deleteAnswerKind": kind}
    meta = (deleting.get("metadata") if isinstance(deleting, dict) else None) or {}
    out["finalizers"] = meta.get("finalizers")
    out["terminating"] = meta.get("deletionTimestamp") is not None
    while time.time() < deadline:
        try:
            apps.read_namespaced_deployment("fg", "default")
            time.sleep(0.05)
        except ApiException as e:
            out["goneStatus"] = e.status
            break
    out["replicaSetsAfter"] = [r.metadata.name for r in apps.list_namespaced_replica_set("default").items]
    out["podsAfter"] = [p.metadata.name for p in core.list_namespaced_pod("default").items]
    return out


WIDGETS = {
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.com"},
    "spec": {
        "group": "example.com", "scope": "Namespaced",
        "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
        "versions": [{
            "name": "v1", "served": True, "storage": True, "subresources": {"status": {}},
            "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                "spec": {"type": "object", "properties": {"size": {"type": "integer"}}},
                "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}},
        }],
    },
}


def status_patch(api: client.ApiClient) -> dict:
    client.ApiextensionsV1Api(api).create_custom_resource_definition(WIDGETS)
    custom = client.CustomObjectsApi(api)
    args = ("example.com", "v1", "default", "widgets")
    custom.create_namespaced_custom_object(*args, {"apiVersion": "example.com/v1", "kind": "Widget",
                                                   "metadata": {"name": "w1"}, "spec": {"size": 3}})
    patched = custom.patch_namespaced_custom_object_status(*args, "w1", {"status": {"phase": "Ready"}, "spec": {"size": 99}})
    read = custom.get_namespaced_custom_object_status(*args, "w1")
    spec_patched = custom.patch_namespaced_custom_object(*args, "w1", {"spec": {"size": 4}, "status": {"phase": "Lost"}})
    return {
        "patched": {"status": patched.get("status"), "spec": patched.get("spec"), "generation": patched["metadata"]["generation"]},
        "read": {"status": read.get("status"), "spec": read.get("spec")},
        "specPatched": {"status": spec_patched.get("status"), "spec": spec_patched.get("spec"),
                        "generation": spec_patched["metadata"]["generation"]},
        "managers": sorted([m.get("manager", ""), m.get("subresource", "")] for m in spec_patched["metadata"]["managedFields"]),
    }


META_ONE = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"
META_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"


def metadata_only(core: client.CoreV1Api) -> dict:
    """Helm's release Secrets read as controller-runtime's metadata informers read them:
    the client's own calls with an Accept header asking for PartialObjectMetadata, the
    body read raw (the generated models only know V1Secret)."""
    def secret(name: str) -> dict:
        return {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
                "metadata": {"name": name, "labels": {"owner": "helm"}}, "data": {"release": "cGF5bG9hZA=="}}

    core.create_namespaced_secret("default", secret("sh.helm.release.v1.web.v1"))
    listed = json.loads(core.list_namespaced_secret(
        "default", label_selector="owner=helm", _preload_content=False, _headers={"Accept": META_LIST}).data)
    one = json.loads(core.read_namespaced_secret(
        "sh.helm.release.v1.web.v1", "default", _preload_content=False, _headers={"Accept": META_ONE}).data)
    core.create_namespaced_secret("default", secret("sh.helm.release.v1.web.v2"))
    streamed = core.list_namespaced_secret(
        "default", label_selector="owner=helm", watch=True, resource_version=listed["metadata"]["resourceVersion"],
        timeout_seconds=1, _preload_content=False, _headers={"Accept": META_ONE}).data
    events = [json.loads(line) for line in streamed.splitlines() if line.strip()]
    out = {
        "list": {"kind": listed.get("kind"), "apiVersion": listed.get("apiVersion"),
                 "itemKinds": [i.get("kind") for i in listed["items"]],
                 "itemKeys": sorted({k for i in listed["items"] for k in i}),
                 "names": [i["metadata"]["name"] for i in listed["items"]]},
        "get": {"kind": one.get("kind"), "keys": sorted(one), "labels": one["metadata"].get("labels")},
        "watch": [[e["type"], e["object"].get("kind"), e["object"]["metadata"].get("name"), "data" in e["object"]]
                  for e in events],
    }
    try:
        core.read_namespaced_secret("sh.helm.release.v1.web.v1", "default", _preload_content=False,
                                    _headers={"Accept": "application/json;as=Foo;g=meta.k8s.io;v=v1"})
    except ApiException as e:
        out["unsupported"] = failure(e)
    return out


def main() -> None:
    config.load_kube_config(config_file=sys.argv[1])
    api = client.ApiClient()
    core = client.CoreV1Api(api)
    scenario = sys.argv[2]
    if scenario == "status-patch":
        result = status_patch(api)
    elif scenario == "foreground":
        result = foreground(api)
    else:
        result = {"crud": crud, "watch-resume": watch_resume, "expired": expired, "bookmarks": bookmarks,
                  "metadata-only": metadata_only}[scenario](core)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
