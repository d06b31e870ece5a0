import Foundation
import KubeObjects
import Values

/// The HelmRelease CustomResourceDefinition, generated from the API types: what
/// `crds/helm.rudder.dev_helmreleases.yaml` holds and what `rudder dev` installs.
public enum HelmReleaseCRD {
    public static let group = "helm.rudder.dev"
    public static let version = "v1"
    public static let name = "\(HelmRelease.plural).\(group)"
    /// Where the generated file is checked in, relative to the repository root.
    public static let path = "crds/helm.rudder.dev_helmreleases.yaml"

    public static var definition: JSONValue {
        let ready = #".status.conditions[?(@.type=="Ready")]"#
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(name)],
            "spec": [
                "group": .string(group),
                "scope": "Namespaced",
                "names": [
                    "kind": .string(HelmRelease.kind), "listKind": .string(HelmRelease.kind + "List"),
                    "plural": .string(HelmRelease.plural), "singular": .string(HelmRelease.singular),
                    "shortNames": .array(HelmRelease.shortNames.map(JSONValue.string)),
                ],
                "versions": [[
                    "name": .string(version), "served": true, "storage": true,
                    "subresources": ["status": [:]],
                    "additionalPrinterColumns": [
                        ["name": "Ready", "type": "string", "jsonPath": .string(ready + ".status")],
                        ["name": "Status", "type": "string", "jsonPath": .string(ready + ".message"), "priority": 0],
                        ["name": "Revision", "type": "integer", "jsonPath": ".status.history[0].revision"],
                        ["name": "Chart", "type": "string", "jsonPath": ".spec.chart.name"],
                        ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                    ],
                    "schema": ["openAPIV3Schema": HelmReleaseSchema.root.json],
                ]],
            ],
        ]
    }

    /// The YAML file: a header saying it is generated, then the CRD with keys sorted.
    public static var yaml: String {
        // JSON is YAML's subset Values reads; its YAML writer sorts keys like sigs.k8s.io/yaml.
        let value = (try? JSON.decode(definition.serialized())) ?? .null
        let body = (try? YAML.encode(value)) ?? ""
        return "# Generated from Sources/Controller/API by hack/gen-crds. Do not edit.\n---\n" + body
    }
}
