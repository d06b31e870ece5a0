import EmbeddedAPIServer
import KubeObjects

/// A small CRD in the shape kubectl applies, shared by the discovery and OpenAPI tests.
enum DiscoveryFixtures {
    static func helmReleaseCRD(shortNames: [JSONValue] = ["hr"], description: String = "Spec of a release.") -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "helmreleases.helm.rudder.dev"],
            "spec": [
                "group": "helm.rudder.dev", "scope": "Namespaced",
                "names": [
                    "plural": "helmreleases", "singular": "helmrelease", "kind": "HelmRelease",
                    "listKind": "HelmReleaseList", "shortNames": .array(shortNames), "categories": ["all"],
                ],
                "versions": [[
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": ["openAPIV3Schema": [
                        "type": "object",
                        "properties": [
                            "spec": ["type": "object", "description": .string(description),
                                     "properties": ["releaseName": ["type": "string"]]],
                            "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                        ],
                    ]],
                ]],
            ],
        ]
    }

    static func registryWithCRD() throws -> ResourceRegistry {
        var registry = ResourceRegistry()
        try registry.apply(crd: helmReleaseCRD())
        return registry
    }
}
