"""Runs Helm v4 actions (helm-python-sdk) against the cluster of a kubeconfig.

Usage: helm_steps.py KUBECONFIG < steps.json

stdin is a JSON list of steps, each {"action": ..., **arguments}; actions are the SDK's
Config methods (install, upgrade, list, history, rollback, uninstall, status). A step's
"chart" names a chart directory. Prints one JSON list with, per step, {"ok": true,
"result": ...} or {"ok": false, "error": <exception class>, "message": <text>}: the Swift
test decides what is right, this script only drives the real client.
"""

import json
import sys

import helm_python as helm


def main() -> None:
    kubeconfig = sys.argv[1]
    steps = json.load(sys.stdin)
    results = []
    with helm.Config(kubeconfig_path=kubeconfig, namespace="default", storage_driver="secret") as config:
        for step in steps:
            step = dict(step)
            action = step.pop("action")
            try:
                if action in ("install", "upgrade"):
                    chart = step.pop("chart")
                    name = step.pop("name")
                    result = getattr(config, action)(chart, name, step.pop("values", None), **step)
                elif action in ("list",):
                    result = config.list(**step)
                else:
                    result = getattr(config, action)(step.pop("name"), **step)
                results.append({"ok": True, "result": result})
            except helm.HelmError as error:
                results.append({"ok": False, "error": type(error).__name__, "message": str(error)})
    json.dump(results, sys.stdout, default=str)


if __name__ == "__main__":
    main()
