import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl 1.37 with a CustomResourceDefinition created at run time: the kind is served at
/// once, printed with its printer columns, explained from its schema, and refuses strategic
/// merge patches as a real API server does.
final class KubectlCustomResourceTests: RealClientTestCase {
    /// A cluster with the Widget CRD applied through kubectl.
    func clusterWithWidgets() async throws -> RealCluster {
        let cluster = try await startCluster()
        let crd = try cluster.write("crd.yaml", Manifests.widgetCRD)
        try await expect(cluster, ["apply", "-f", crd], prints: "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n")
        return cluster
    }

    func testACustomObjectAppliesRightAfterItsDefinition() async throws {
        let cluster = try await clusterWithWidgets()
        let widget = try cluster.write("w1.yaml", Manifests.widget("w1", size: 3, color: "red"))
        try await expect(cluster, ["apply", "-f", widget], prints: "widget.example.com/w1 created\n")
        let object = try await cluster.getJSON(["wd", "w1"])
        XCTAssertEqual(value(object, "spec", "size") as? Int, 3)
        XCTAssertEqual(value(object, "metadata", "generation") as? Int, 1)
        let changed = try cluster.write("w1b.yaml", Manifests.widget("w1", size: 4, color: "red"))
        try await expect(cluster, ["apply", "-f", changed], prints: "widget.example.com/w1 configured\n")
        let updated = try await cluster.getJSON(["widget", "w1"])
        XCTAssertEqual(value(updated, "spec", "size") as? Int, 4)
        XCTAssertEqual(value(updated, "metadata", "generation") as? Int, 2)
    }

    func testEstablishedConditionCanBeAwaited() async throws {
        let cluster = try await clusterWithWidgets()
        let waited = succeed(try await cluster.kubectl([
            "wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s",
        ]))
        XCTAssertEqual(waited, "customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met\n")
    }

    func testGetPrintsThePrinterColumns() async throws {
        let cluster = try await clusterWithWidgets()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("w1.yaml", Manifests.widget("w1", size: 3, color: "red"))]))
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("w2.yaml", Manifests.widget("w2", size: 12, color: "blue"))]))
        let table = succeed(try await cluster.kubectl(["get", "widgets"]))
        let rows = table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        // Declared columns replace the default Age column, as apiextensions-apiserver serves them.
        XCTAssertEqual(rows, [["NAME", "SIZE", "COLOR"], ["w1", "3", "red"], ["w2", "12", "blue"]], table)
    }

    func testExplainDescribesTheCustomSpec() async throws {
        let cluster = try await clusterWithWidgets()
        let explained = succeed(try await cluster.kubectl(["explain", "widget.spec"]))
        XCTAssertTrue(explained.contains("GROUP:      example.com"), explained)
        XCTAssertTrue(explained.contains("KIND:       Widget"), explained)
        XCTAssertTrue(explained.contains("FIELD: spec <Object>"), explained)
        XCTAssertTrue(explained.contains("What the widget should look like."), explained)
        XCTAssertTrue(explained.contains("  size\t<integer>"), explained)
        XCTAssertTrue(explained.contains("How big the widget is."), explained)
    }

    func testStrategicPatchOfACustomObjectIsUnsupportedMediaType() async throws {
        let cluster = try await clusterWithWidgets()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("w1.yaml", Manifests.widget("w1", size: 3, color: "red"))]))
        let refused = fail(try await cluster.kubectl(["patch", "widget", "w1", "-p", #"{"spec":{"size":5}}"#]))
        XCTAssertTrue(
            refused.hasPrefix(
                "error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget: "),
            refused)
        XCTAssertTrue(refused.contains("the body of the request was in an unknown format - accepted media types include:"), refused)
        succeed(try await cluster.kubectl(["patch", "widget", "w1", "--type", "merge", "-p", #"{"spec":{"size":5}}"#]))
        let object = try await cluster.getJSON(["widget", "w1"])
        XCTAssertEqual(value(object, "spec", "size") as? Int, 5)
    }

    func testStatusSubresourcePatchChangesOnlyStatus() async throws {
        let cluster = try await clusterWithWidgets()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("w1.yaml", Manifests.widget("w1", size: 3, color: "red"))]))
        succeed(try await cluster.kubectl([
            "patch", "widget", "w1", "--subresource", "status", "--type", "merge",
            "-p", #"{"status":{"phase":"Ready"},"spec":{"size":99}}"#,
        ]))
        let object = try await cluster.getJSON(["widget", "w1"])
        XCTAssertEqual(value(object, "status", "phase") as? String, "Ready")
        XCTAssertEqual(value(object, "spec", "size") as? Int, 3)
        XCTAssertEqual(value(object, "metadata", "generation") as? Int, 1)
    }

    func testUnknownFieldsAreRejectedByStrictValidation() async throws {
        let cluster = try await clusterWithWidgets()
        let manifest = try cluster.write(
            "bad.yaml", Manifests.widget("w1", size: 3, color: "red") + "  shape: round\n")
        let refused = fail(try await cluster.kubectl(["apply", "-f", manifest]))
        XCTAssertTrue(refused.contains(#"unknown field "spec.shape""#), refused)
    }
}
