import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Object semantics for custom resources: generation and the status subresource follow
/// the CRD, Tables follow its printer columns.
final class ClusterCustomResourceTests: XCTestCase {
    /// A CRD with a status subresource (HelmRelease) and one without (Widget).
    func setUp() async throws -> (TestCluster, withStatus: ResourceRules, withoutStatus: ResourceRules) {
        let t = try await TestCluster()
        var hr = DiscoveryFixtures.helmReleaseCRD()
        hr[path: ["spec", "versions"]] = [[
            "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
            "additionalPrinterColumns": [["name": "Release", "type": "string", "jsonPath": ".spec.releaseName"]],
            "schema": ["openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": ["type": "object", "properties": ["releaseName": ["type": "string"]]],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ]],
        ]]
        try await t.create(t.crds, hr)
        let widget: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                "versions": [[
                    "name": "v1", "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
                ]],
            ],
        ]
        try await t.create(t.crds, widget)
        return (t, try await t.rules("helm.rudder.dev", "v1", "helmreleases"), try await t.rules("example.com", "v1", "widgets"))
    }

    func release(_ name: String, _ releaseName: String = "a") -> JSONValue {
        ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": .string(name)], "spec": ["releaseName": .string(releaseName)]]
    }

    func testACRDIsEstablishedOnCreate() async throws {
        let (t, _, _) = try await setUp()
        let crd = try await t.get(t.crds, "helmreleases.helm.rudder.dev")
        let conditions = (crd[path: ["status", "conditions"]]?.arrayValue ?? []).filter { $0["status"] == "True" }.compactMap { $0["type"]?.stringValue }
        XCTAssertEqual(Set(conditions), ["Established", "NamesAccepted"])
        XCTAssertEqual(crd[path: ["status", "acceptedNames", "kind"]], "HelmRelease")
    }

    func testACustomResourceStartsAtGenerationOneAndBumpsOnSpecChanges() async throws {
        let (t, hr, _) = try await setUp()
        let created = try await t.create(hr, release("r"))
        XCTAssertEqual(created[path: ["metadata", "generation"]], 1)
        let labelled = try await t.patch(hr, "r", .merge, ["metadata": ["labels": ["a": "b"]]])
        XCTAssertEqual(labelled.object[path: ["metadata", "generation"]], 1)
        let changed = try await t.patch(hr, "r", .merge, ["spec": ["releaseName": "b"]])
        XCTAssertEqual(changed.object[path: ["metadata", "generation"]], 2)
    }

    func testWithAStatusSubresourceTheMainResourceIgnoresStatusAndStatusWritesKeepGeneration() async throws {
        let (t, hr, _) = try await setUp()
        var created = release("r")
        created["status"] = ["phase": "Forged"]
        let stored = try await t.create(hr, created)
        XCTAssertNil(stored[path: ["status", "phase"]])
        let ignored = try await t.patch(hr, "r", .merge, ["status": ["phase": "Ignored"]])
        XCTAssertNil(ignored.object[path: ["status", "phase"]])
        let status = try await t.patch(hr, "r", .merge, ["status": ["phase": "Ready"], "spec": ["releaseName": "zzz"]], subresource: "status")
        XCTAssertEqual(status.object[path: ["status", "phase"]], "Ready")
        XCTAssertEqual(status.object[path: ["spec", "releaseName"]], "a")
        XCTAssertEqual(status.object[path: ["metadata", "generation"]], 1)
    }

    func testWithoutAStatusSubresourceStatusIsPartOfTheObjectAndBumpsGeneration() async throws {
        let (t, _, widgets) = try await setUp()
        let created = try await t.create(
            widgets, ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "status": ["phase": "Kept"]])
        XCTAssertEqual(created[path: ["status", "phase"]], "Kept")
        let changed = try await t.patch(widgets, "w", .merge, ["status": ["phase": "Changed"]])
        XCTAssertEqual(changed.object[path: ["status", "phase"]], "Changed")
        XCTAssertEqual(changed.object[path: ["metadata", "generation"]], 2)
        let http = TestHTTP(t.cluster)
        let response = await http.send("GET", "/apis/example.com/v1/namespaces/ns/widgets/w/status")
        XCTAssertEqual(response.status, 404)
    }

    func testATableOfCustomResourcesHasThePrinterColumns() async throws {
        let (t, hr, _) = try await setUp()
        try await t.create(hr, release("r", "my-release"))
        let http = TestHTTP(t.cluster)
        let response = await http.send(
            "GET", "/apis/helm.rudder.dev/v1/namespaces/ns/helmreleases", headers: [("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")])
        let table = try await response.json
        let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        // Printer columns replace the default Age column rather than adding to it.
        XCTAssertEqual(columns, ["Name", "Release"])
        XCTAssertEqual(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue?.prefix(2).map { $0 }, ["r", "my-release"])
    }

    func testServerSideApplyOfACustomResourceRemovesWhatTheManagerDropped() async throws {
        let (t, _, widgets) = try await setUp()
        let both: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["a": 1, "b": 2]]
        _ = try await t.apply(widgets, "w", both, manager: "helm")
        let one: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["a": 1]]
        let r = try await t.apply(widgets, "w", one, manager: "helm")
        XCTAssertEqual(r.object["spec"], ["a": 1])
    }

    func testACustomResourceOfAnUnknownFieldIsPrunedByItsSchema() async throws {
        let (t, hr, _) = try await setUp()
        var object = release("r")
        object[path: ["spec", "unknownField"]] = "x"
        let created = try await t.create(hr, object)
        XCTAssertNil(created[path: ["spec", "unknownField"]])
        XCTAssertEqual(created[path: ["spec", "releaseName"]], "a")
    }
}
