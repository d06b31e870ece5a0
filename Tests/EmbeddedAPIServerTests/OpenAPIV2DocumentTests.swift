import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `/openapi/v2`: the Swagger 2.0 document derived from the v3 documents, its gnostic
/// protobuf form and how it is served. kubectl reading it is in `KubectlOpenAPIV2Tests`.
final class OpenAPIV2DocumentTests: XCTestCase {
    static let objectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
    static let helmRelease = "dev.rudder.helm.v1.HelmRelease"

    func swagger(_ registry: ResourceRegistry) throws -> JSONValue {
        var cache = OpenAPIDocumentCache()
        return try JSONValue.parse(cache.swagger(for: registry).json.body)
    }

    /// Every `$ref` in `value`, with where it was found.
    func references(_ value: JSONValue, at path: String = "") -> [(String, String)] {
        switch value {
        case .object(let o):
            var found: [(String, String)] = []
            for (k, v) in o {
                if k == "$ref", let r = v.stringValue { found.append((path, r)) } else { found += references(v, at: path + "/" + k) }
            }
            return found
        case .array(let a):
            return a.enumerated().flatMap { references($1, at: path + "/\($0)") }
        default:
            return []
        }
    }

    /// A CRD whose schema has the v3-only constructs v2 cannot carry.
    static func widgetCRD() -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                "versions": [[
                    "name": "v1", "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": [
                        "type": "object",
                        "properties": [
                            "spec": [
                                "type": "object",
                                "required": ["size", "note"],
                                "properties": [
                                    "size": ["type": "integer", "minimum": 1, "maximum": 10],
                                    "note": ["type": "string", "nullable": true],
                                    "port": ["x-kubernetes-int-or-string": true,
                                             "anyOf": [["type": "integer"], ["type": "string"]]],
                                    "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true,
                                              "properties": ["known": ["type": "string"]]],
                                    "tags": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"],
                                ],
                            ],
                        ],
                    ]],
                ]],
            ],
        ]
    }

    // MARK: JSON

    func testTheDocumentIsSwagger2WithDefinitionsNamedLikeKubeAPIServers() throws {
        let doc = try swagger(ResourceRegistry())
        XCTAssertEqual(doc["swagger"], "2.0")
        XCTAssertEqual(doc["info"]?["title"], "Kubernetes")
        XCTAssertNil(doc["openapi"])
        XCTAssertNil(doc["components"])
        let definitions = try XCTUnwrap(doc["definitions"]?.objectValue)
        for name in ["io.k8s.api.core.v1.ConfigMap", "io.k8s.api.apps.v1.Deployment", "io.k8s.api.core.v1.ConfigMapList", Self.objectMeta] {
            XCTAssertNotNil(definitions[name], name)
        }
        XCTAssertEqual(definitions["io.k8s.api.apps.v1.Deployment"]?["x-kubernetes-group-version-kind"],
                       [["group": "apps", "version": "v1", "kind": "Deployment"]])
    }

    func testEveryReferenceNamesADefinition() throws {
        let doc = try swagger(try DiscoveryFixtures.registryWithCRD())
        let definitions = try XCTUnwrap(doc["definitions"]?.objectValue)
        let refs = references(doc)
        XCTAssertFalse(refs.isEmpty)
        for (path, ref) in refs {
            XCTAssertTrue(ref.hasPrefix("#/definitions/"), "\(path): \(ref)")
            XCTAssertNotNil(definitions[String(ref.dropFirst("#/definitions/".count))], "\(path): \(ref)")
        }
    }

    func testBuiltinKindsArePublishedOpenSoValidFieldsAreNotCalledUnknown() throws {
        let deployment = try XCTUnwrap(try swagger(ResourceRegistry())["definitions"]?["io.k8s.api.apps.v1.Deployment"])
        XCTAssertEqual(deployment["type"], "object")
        XCTAssertNil(deployment["properties"], "v3's coarse properties would make kubectl reject spec.replicas")
        XCTAssertNotNil(deployment["description"]?.stringValue)
    }

    func testACustomKindAppearsWithItsSchemaOnceItsCRDExists() throws {
        var cache = OpenAPIDocumentCache()
        var registry = ResourceRegistry()
        let before = cache.swagger(for: registry)
        XCTAssertNil(try JSONValue.parse(before.json.body)["definitions"]?[Self.helmRelease])
        try registry.apply(crd: DiscoveryFixtures.helmReleaseCRD())
        let after = cache.swagger(for: registry)
        XCTAssertNotEqual(before.json.hash, after.json.hash)
        let doc = try JSONValue.parse(after.json.body)
        let kind = try XCTUnwrap(doc["definitions"]?[Self.helmRelease])
        XCTAssertEqual(kind["x-kubernetes-group-version-kind"], [["group": "helm.rudder.dev", "version": "v1", "kind": "HelmRelease"]])
        XCTAssertEqual(kind["properties"]?["spec"]?["properties"]?["releaseName"]?["type"], "string")
        XCTAssertEqual(kind["properties"]?["metadata"]?["$ref"], .string("#/definitions/\(Self.objectMeta)"))
        XCTAssertNotNil(doc["definitions"]?["dev.rudder.helm.v1.HelmReleaseList"])
        XCTAssertNotNil(doc["paths"]?["/apis/helm.rudder.dev/v1/namespaces/{namespace}/helmreleases/{name}"]?["patch"])
        registry.remove(crdNamed: "helmreleases.helm.rudder.dev")
        XCTAssertNil(try JSONValue.parse(cache.swagger(for: registry).json.body)["definitions"]?[Self.helmRelease])
    }

    func testTheDocumentIsReusedUntilTheRegistryChanges() throws {
        var cache = OpenAPIDocumentCache()
        let registry = try DiscoveryFixtures.registryWithCRD()
        XCTAssertEqual(cache.swagger(for: registry), cache.swagger(for: registry))
    }

    func testV3OnlySchemaConstructsBecomeWhatKubectlsV2ReaderAccepts() throws {
        var registry = ResourceRegistry()
        try registry.apply(crd: Self.widgetCRD())
        let spec = try XCTUnwrap(try swagger(registry)["definitions"]?["com.example.v1.Widget"]?["properties"]?["spec"])
        let props = try XCTUnwrap(spec["properties"])
        XCTAssertEqual(props["size"], ["type": "integer", "minimum": 1, "maximum": 10])
        XCTAssertEqual(props["note"], [:], "nullable: untyped, so null is accepted")
        XCTAssertEqual(spec["required"], ["size"], "a nullable field is not required")
        XCTAssertEqual(props["port"], ["x-kubernetes-int-or-string": true], "anyOf dropped")
        XCTAssertEqual(props["extra"], ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                       "properties would make kubectl reject the fields it preserves")
        XCTAssertEqual(props["tags"], ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"])
    }

    func testOperationsHaveBodyParametersConsumesAndProduces() throws {
        let doc = try swagger(ResourceRegistry())
        let item = try XCTUnwrap(doc["paths"]?["/api/v1/namespaces/{namespace}/configmaps/{name}"])
        let patch = try XCTUnwrap(item["patch"])
        XCTAssertEqual(patch["x-kubernetes-group-version-kind"], ["group": "", "version": "v1", "kind": "ConfigMap"])
        XCTAssertEqual(patch["x-kubernetes-action"], "patch")
        XCTAssertEqual(patch["consumes"], ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"],
                       "no strategic merge patch: kubectl keeps its compiled-in patch types for client-side apply")
        XCTAssertEqual(patch["produces"], ["application/json", "application/yaml"])
        let params = try XCTUnwrap(patch["parameters"]?.arrayValue)
        XCTAssertEqual(params.first, [
            "name": "body", "in": "body", "required": true,
            "schema": ["$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"],
        ])
        let validation = try XCTUnwrap(params.first { $0["name"] == "fieldValidation" })
        XCTAssertEqual(validation["in"], "query")
        XCTAssertEqual(validation["type"], "string")
        XCTAssertNil(validation["schema"])
        XCTAssertEqual(patch["responses"]?["200"]?["schema"], ["$ref": "#/definitions/io.k8s.api.core.v1.ConfigMap"])
        XCTAssertEqual(item["parameters"]?.arrayValue?.first?["in"], "path")
    }

    // MARK: protobuf

    func testTheProtobufCarriesTheSameDocumentAsGnosticDecodesIt() throws {
        var registry = ResourceRegistry()
        try registry.apply(crd: Self.widgetCRD())
        var cache = OpenAPIDocumentCache()
        let docs = cache.swagger(for: registry)
        let json = try JSONValue.parse(docs.json.body)
        let pb = try GnosticDecoder.document(docs.protobuf.body)
        XCTAssertEqual(pb["swagger"], "2.0")
        XCTAssertEqual(pb["info"]?["title"], "Kubernetes")
        XCTAssertEqual(pb["definitions"], json["definitions"])
        XCTAssertEqual(pb["paths"], json["paths"])
        XCTAssertEqual(docs.protobuf.hash, docs.json.hash)
    }

    // MARK: serving

    func testClientGosAcceptGetsProtobufAndEverythingElseJSON() {
        XCTAssertEqual(OpenAPIV2MediaType.negotiate(accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"), .protobuf)
        XCTAssertEqual(OpenAPIV2MediaType.negotiate(accept: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf, application/json"), .protobuf)
        XCTAssertEqual(OpenAPIV2MediaType.negotiate(accept: "application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf"), .json)
        XCTAssertEqual(OpenAPIV2MediaType.negotiate(accept: "*/*"), .json)
        XCTAssertEqual(OpenAPIV2MediaType.negotiate(accept: nil), .json)
        XCTAssertEqual(OpenAPIV2MediaType.protobuf.contentType, "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
    }

    func testTheEndpointAnswersBothFormsWithAnETagAndHonoursIfNoneMatch() async throws {
        let http = TestHTTP(try await TestCluster().cluster)
        let pbAccept = [("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")]
        let pb = await http.send("GET", "/openapi/v2", headers: pbAccept)
        XCTAssertEqual(pb.status, 200)
        XCTAssertEqual(pb.header("content-type"), "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
        let pbBody = await pb.bytes
        XCTAssertEqual(try GnosticDecoder.document(pbBody)["swagger"], "2.0")
        let json = await http.send("GET", "/openapi/v2")
        XCTAssertEqual(json.header("content-type"), "application/json")
        let jsonBody = await json.bytes
        XCTAssertEqual(try JSONValue.parse(jsonBody)["swagger"], "2.0")
        let etag = try XCTUnwrap(pb.header("etag"))
        let again = await http.send("GET", "/openapi/v2", headers: pbAccept + [("If-None-Match", etag)])
        XCTAssertEqual(again.status, 304)
        let againBody = await again.bytes
        XCTAssertEqual(againBody, [])
        let nope = await http.send("GET", "/openapi/v2/nope")
        XCTAssertEqual(nope.status, 404)
    }
}
