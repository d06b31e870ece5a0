import EmbeddedAPIServer
import KubeObjects
import XCTest

final class OpenAPIDocumentsTests: XCTestCase {
    let core = GroupVersion(group: "", version: "v1")
    let helm = GroupVersion(group: "helm.rudder.dev", version: "v1")

    func parse(_ doc: OpenAPIDocumentCache.Document?) throws -> JSONValue {
        try JSONValue.parse(try XCTUnwrap(doc).body)
    }

    func operation(_ doc: JSONValue?, _ path: String, _ method: String) -> JSONValue? {
        doc?["paths"]?[path]?[method]
    }

    func parameterNames(_ op: JSONValue?) -> [String] {
        op?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    // MARK: root

    func testRootListsEveryServedGroupVersionWithItsHashedURL() throws {
        var cache = OpenAPIDocumentCache()
        let registry = ResourceRegistry()
        let root = try parse(cache.root(for: registry))
        let paths = try XCTUnwrap(root["paths"]?.objectValue)
        XCTAssertEqual(Set(paths.keys), Set(OpenAPIDocuments(registry: registry).groupVersions.map(OpenAPIDocuments.urlPath)))
        let coreHash = try XCTUnwrap(cache.document(for: core, in: registry)).hash
        XCTAssertEqual(paths["api/v1"]?["serverRelativeURL"], .string("/openapi/v3/api/v1?hash=\(coreHash)"))
        XCTAssertNotNil(paths["apis/apps/v1"])
        XCTAssertNotNil(paths["apis/autoscaling/v2"])
    }

    func testACRDGroupVersionAppearsInTheRootAndDisappearsWithIt() throws {
        var cache = OpenAPIDocumentCache()
        var registry = try DiscoveryFixtures.registryWithCRD()
        XCTAssertNotNil(try parse(cache.root(for: registry))["paths"]?["apis/helm.rudder.dev/v1"])
        XCTAssertNotNil(cache.document(urlPath: "apis/helm.rudder.dev/v1", in: registry))
        registry.remove(crdNamed: "helmreleases.helm.rudder.dev")
        XCTAssertNil(try parse(cache.root(for: registry))["paths"]?["apis/helm.rudder.dev/v1"])
        XCTAssertNil(cache.document(for: helm, in: registry))
    }

    func testAGroupVersionHashChangesWithItsContentOnly() throws {
        var cache = OpenAPIDocumentCache()
        var registry = try DiscoveryFixtures.registryWithCRD()
        let before = try XCTUnwrap(cache.document(for: helm, in: registry))
        let coreBefore = try XCTUnwrap(cache.document(for: core, in: registry)).hash
        try registry.apply(crd: DiscoveryFixtures.helmReleaseCRD(description: "A changed description."))
        let after = try XCTUnwrap(cache.document(for: helm, in: registry))
        XCTAssertNotEqual(before.hash, after.hash)
        XCTAssertNotEqual(before.body, after.body)
        XCTAssertEqual(try XCTUnwrap(cache.document(for: core, in: registry)).hash, coreBefore)
        let root = try parse(cache.root(for: registry))
        XCTAssertEqual(root["paths"]?["apis/helm.rudder.dev/v1"]?["serverRelativeURL"],
                       .string("/openapi/v3/apis/helm.rudder.dev/v1?hash=\(after.hash)"))
    }

    func testTheCacheRebuildsOnlyWhenTheRegistryRevisionChanges() throws {
        var cache = OpenAPIDocumentCache()
        var registry = ResourceRegistry()
        _ = cache.root(for: registry)
        XCTAssertEqual(cache.revision, registry.revision)
        try registry.apply(crd: DiscoveryFixtures.helmReleaseCRD())
        XCTAssertNotNil(cache.document(for: helm, in: registry), "a new revision is picked up on the next request")
        XCTAssertEqual(cache.revision, registry.revision)
    }

    func testUnknownGroupVersionsAndPathsHaveNoDocument() {
        var cache = OpenAPIDocumentCache()
        let registry = ResourceRegistry()
        XCTAssertNil(cache.document(urlPath: "apis/nope.example.com/v1", in: registry))
        XCTAssertNil(cache.document(urlPath: "apis/apps", in: registry))
        XCTAssertNil(cache.document(urlPath: "version", in: registry))
        XCTAssertNil(OpenAPIDocuments(registry: registry).document(for: GroupVersion(group: "apps", version: "v7")))
    }

    // MARK: operations

    func testEveryPatchableKindInEveryGroupVersionHasAPatchWithFieldValidation() throws {
        let registry = try DiscoveryFixtures.registryWithCRD()
        let docs = OpenAPIDocuments(registry: registry)
        for gv in docs.groupVersions {
            let doc = try XCTUnwrap(docs.document(for: gv), gv.apiVersion)
            let patches = (doc["paths"]?.objectValue ?? [:]).values.compactMap { $0["patch"] }
            for r in registry.resources(in: gv) where r.verbs.contains("patch") {
                let gvk: JSONValue = ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)]
                let mine = patches.filter { $0["x-kubernetes-group-version-kind"] == gvk }
                XCTAssertFalse(mine.isEmpty, "\(gv.apiVersion) \(r.kind) has no PATCH")
                for p in mine {
                    XCTAssertTrue(parameterNames(p).contains("fieldValidation"), "\(gv.apiVersion) \(r.kind)")
                }
            }
        }
    }

    func testNamespacedKindHasTheRealServersPathsAndActions() throws {
        let doc = OpenAPIDocuments(registry: ResourceRegistry()).document(for: core)
        let collection = "/api/v1/namespaces/{namespace}/configmaps"
        let item = collection + "/{name}"
        let expected: [(String, String, String)] = [
            (collection, "get", "list"), (collection, "post", "post"), (collection, "delete", "deletecollection"),
            (item, "get", "get"), (item, "put", "put"), (item, "patch", "patch"), (item, "delete", "delete"),
            ("/api/v1/configmaps", "get", "list"),
        ]
        for (path, method, action) in expected {
            let op = operation(doc, path, method)
            XCTAssertEqual(op?["x-kubernetes-action"], .string(action), "\(method) \(path)")
            XCTAssertEqual(op?["x-kubernetes-group-version-kind"], ["group": "", "version": "v1", "kind": "ConfigMap"])
        }
        XCTAssertEqual(operation(doc, item, "patch")?["operationId"], "patchCoreV1NamespacedConfigMap")
        XCTAssertNil(doc?["paths"]?[item + "/status"], "ConfigMap has no status subresource")
    }

    func testWritesCarryFieldValidationFieldManagerAndDryRun() throws {
        let doc = OpenAPIDocuments(registry: ResourceRegistry()).document(for: GroupVersion(group: "apps", version: "v1"))
        let item = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"
        for (path, method) in [(item, "put"), (item, "patch"), ("/apis/apps/v1/namespaces/{namespace}/deployments", "post"),
                               (item + "/status", "patch"), (item + "/status", "put")] {
            let names = parameterNames(operation(doc, path, method))
            XCTAssertTrue(Set(["fieldValidation", "fieldManager", "dryRun"]).isSubset(of: names), "\(method) \(path)")
        }
        XCTAssertTrue(parameterNames(operation(doc, item, "patch")).contains("force"))
    }

    func testClusterScopedKindHasNoNamespaceSegmentAndVerbsLimitOperations() throws {
        let doc = OpenAPIDocuments(registry: ResourceRegistry()).document(for: core)
        XCTAssertNotNil(operation(doc, "/api/v1/namespaces/{name}", "patch"))
        XCTAssertNotNil(operation(doc, "/api/v1/namespaces/{name}/status", "put"))
        XCTAssertNil(operation(doc, "/api/v1/namespaces", "delete"), "namespaces have no deletecollection")
        XCTAssertNil(doc?["paths"]?["/api/v1/componentstatuses/{name}"]?["patch"], "componentstatuses are read-only")
    }

    func testPatchBodiesDoNotOfferStrategicMergeSoKubectlUsesItsCompiledInSchemas() throws {
        let doc = OpenAPIDocuments(registry: ResourceRegistry()).document(for: core)
        let content = operation(doc, "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch")?["requestBody"]?["content"]
        XCTAssertNotNil(content?["application/apply-patch+yaml"])
        XCTAssertNotNil(content?["application/merge-patch+json"])
        XCTAssertNil(content?["application/strategic-merge-patch+json"])
    }

    func testEveryReferenceResolvesWithinItsDocument() throws {
        let registry = try DiscoveryFixtures.registryWithCRD()
        let docs = OpenAPIDocuments(registry: registry)
        for gv in docs.groupVersions {
            let doc = try XCTUnwrap(docs.document(for: gv))
            let schemas = doc[path: ["components", "schemas"]]?.objectValue ?? [:]
            var refs: [String] = []
            collectRefs(doc, into: &refs)
            XCTAssertFalse(refs.isEmpty)
            for ref in refs {
                let name = String(ref.dropFirst("#/components/schemas/".count))
                XCTAssertNotNil(schemas[name], "\(gv.apiVersion): dangling \(ref)")
            }
        }
    }

    func collectRefs(_ v: JSONValue, into refs: inout [String]) {
        switch v {
        case .object(let o):
            if let r = o["$ref"]?.stringValue { refs.append(r) }
            for child in o.values { collectRefs(child, into: &refs) }
        case .array(let a): for child in a { collectRefs(child, into: &refs) }
        default: break
        }
    }

    // MARK: schemas

    func testBuiltinSchemaIsNamedLikeTheRealServerAndExplainable() throws {
        let doc = try XCTUnwrap(OpenAPIDocuments(registry: ResourceRegistry()).document(for: core))
        let cm = try XCTUnwrap(doc[path: ["components", "schemas", "io.k8s.api.core.v1.ConfigMap"]])
        XCTAssertEqual(cm["x-kubernetes-group-version-kind"], [["group": "", "version": "v1", "kind": "ConfigMap"]])
        XCTAssertEqual(cm["description"], "ConfigMap holds configuration data for pods to consume.")
        XCTAssertEqual(cm[path: ["properties", "data", "type"]], "object")
        XCTAssertEqual(cm[path: ["properties", "data", "additionalProperties", "type"]], "string")
        XCTAssertNotNil(cm[path: ["properties", "data", "description"]]?.stringValue)
        XCTAssertEqual(cm[path: ["properties", "immutable", "type"]], "boolean")
        XCTAssertEqual(cm[path: ["properties", "metadata", "allOf"]],
                       [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        for field in ["apiVersion", "kind", "metadata"] {
            XCTAssertNotNil(cm[path: ["properties", field, "description"]]?.stringValue, field)
        }
        let list = doc[path: ["components", "schemas", "io.k8s.api.core.v1.ConfigMapList"]]
        XCTAssertEqual(list?["x-kubernetes-group-version-kind"], [["group": "", "version": "v1", "kind": "ConfigMapList"]])
    }

    func testObjectMetaIsIncludedWithItsMainFieldsAndDescriptions() throws {
        let doc = try XCTUnwrap(OpenAPIDocuments(registry: ResourceRegistry()).document(for: GroupVersion(group: "apps", version: "v1")))
        let meta = try XCTUnwrap(doc[path: ["components", "schemas", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        for field in ["name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation",
                      "creationTimestamp", "finalizers", "ownerReferences", "managedFields"] {
            XCTAssertNotNil(meta[path: ["properties", field, "description"]]?.stringValue, field)
        }
        XCTAssertEqual(meta[path: ["properties", "ownerReferences", "x-kubernetes-patch-merge-key"]], "uid")
        XCTAssertEqual(meta[path: ["properties", "labels", "additionalProperties", "type"]], "string")
    }

    func testBuiltinSchemasCarryListAndPatchExtensionsObjectSchemaKnows() throws {
        let doc = try XCTUnwrap(OpenAPIDocuments(registry: ResourceRegistry()).document(for: GroupVersion(group: "apps", version: "v1")))
        let deploy = try XCTUnwrap(doc[path: ["components", "schemas", "io.k8s.api.apps.v1.Deployment"]])
        let containers = deploy[path: ["properties", "spec", "properties", "template", "properties", "spec", "properties", "containers"]]
        XCTAssertEqual(containers?["type"], "array")
        XCTAssertEqual(containers?["x-kubernetes-list-type"], "map")
        XCTAssertEqual(containers?["x-kubernetes-list-map-keys"], ["name"])
        XCTAssertEqual(containers?["x-kubernetes-patch-merge-key"], "name")
        XCTAssertEqual(containers?["x-kubernetes-patch-strategy"], "merge")
        XCTAssertEqual(deploy[path: ["properties", "spec", "properties", "strategy", "x-kubernetes-patch-strategy"]], "retainKeys")
        XCTAssertEqual(deploy[path: ["properties", "spec", "properties", "selector", "x-kubernetes-map-type"]], "atomic")
    }

    func testSchemaNamesFollowTheGoPackagesOfEachGroup() throws {
        let registry = ResourceRegistry()
        let docs = OpenAPIDocuments(registry: registry)
        let expected: [(GroupVersion, String)] = [
            (GroupVersion(group: "rbac.authorization.k8s.io", version: "v1"), "io.k8s.api.rbac.v1.ClusterRole"),
            (GroupVersion(group: "networking.k8s.io", version: "v1"), "io.k8s.api.networking.v1.Ingress"),
            (GroupVersion(group: "autoscaling", version: "v2"), "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler"),
            (GroupVersion(group: "apiextensions.k8s.io", version: "v1"),
             "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
        ]
        for (gv, name) in expected {
            XCTAssertNotNil(docs.document(for: gv)?[path: ["components", "schemas", name]], name)
        }
    }

    func testCRDSchemaIsItsOpenAPIV3SchemaUnderTheReversedGroupName() throws {
        let doc = try XCTUnwrap(OpenAPIDocuments(registry: try DiscoveryFixtures.registryWithCRD()).document(for: helm))
        let hr = try XCTUnwrap(doc[path: ["components", "schemas", "dev.rudder.helm.v1.HelmRelease"]])
        XCTAssertEqual(hr["x-kubernetes-group-version-kind"], [["group": "helm.rudder.dev", "version": "v1", "kind": "HelmRelease"]])
        XCTAssertEqual(hr[path: ["properties", "spec", "description"]], "Spec of a release.")
        XCTAssertEqual(hr[path: ["properties", "spec", "properties", "releaseName", "type"]], "string")
        XCTAssertEqual(hr[path: ["properties", "metadata", "allOf"]],
                       [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        XCTAssertEqual(hr[path: ["properties", "apiVersion", "type"]], "string")
        XCTAssertNotNil(doc[path: ["components", "schemas", "dev.rudder.helm.v1.HelmReleaseList"]])
        XCTAssertNotNil(operation(doc, "/apis/helm.rudder.dev/v1/namespaces/{namespace}/helmreleases/{name}/status", "patch"))
    }

    func testGroupVersionDocumentDeclaresOpenAPI3AndInfo() throws {
        let doc = try XCTUnwrap(OpenAPIDocuments(registry: ResourceRegistry()).document(for: core))
        XCTAssertEqual(doc["openapi"], "3.0.0")
        XCTAssertEqual(doc[path: ["info", "title"]], "Kubernetes")
        XCTAssertEqual(doc[path: ["info", "version"]], "v1.37.0")
    }
}
