import Controller
import KubeClient
import KubeObjects
import XCTest

/// Deleting what left the chart, and uninstalling, with `helm.sh/resource-policy: keep`.
final class PrunerTests: ApplyTestCase {
    static let keep = "helm.sh/resource-policy: keep"
    static let revision1 = ManifestText.of([
        ("shop/templates/cm.yaml", ManifestText.configMap("settings")),
        ("shop/templates/kept.yaml", ManifestText.configMap("kept", annotations: keep)),
        ("shop/templates/web.yaml", ManifestText.deployment("web")),
        ("shop/templates/svc.yaml", ApplierTests.service),
    ])
    static let revision2 = ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))])

    private func installRevision1(_ cluster: ApplyCluster) async throws -> [ReleaseObject] {
        let objects = try await cluster.objects(Self.revision1)
        _ = try await cluster.applier().apply(objects, options: ApplyOptions(createNamespace: true))
        return objects
    }

    private var pruner: (ApplyCluster) -> Pruner { { Pruner(client: $0.client, mapper: $0.mapper) } }

    func testObjectsThatLeftTheChartAreDeletedInReverseInstallOrder() async throws {
        let cluster = try await startCluster()
        let previous = try await installRevision1(cluster)
        let result = try await pruner(cluster).prune(previous: previous, current: try await cluster.objects(Self.revision2))
        XCTAssertEqual(result.deleted.map(\.kind), ["Deployment", "Service"])
        let deployment = try await cluster.deployments.getIfExists("web")
        XCTAssertNil(deployment)
        let service = try await cluster.resource("", "v1", "services", namespace: "apps").getIfExists("web")
        XCTAssertNil(service)
        let settings = try await cluster.configMaps.getIfExists("settings")
        XCTAssertNotNil(settings, "what the chart still renders stays")
    }

    func testAKeptObjectSurvivesItsRemovalFromTheChart() async throws {
        let cluster = try await startCluster()
        let previous = try await installRevision1(cluster)
        let result = try await pruner(cluster).prune(previous: previous, current: try await cluster.objects(Self.revision2))
        XCTAssertEqual(result.kept.map(\.name), ["kept"])
        let kept = try await cluster.configMaps.getIfExists("kept")
        XCTAssertNotNil(kept)
    }

    func testUninstallDeletesEverythingButKeptObjectsAndReportsThem() async throws {
        let cluster = try await startCluster()
        let objects = try await installRevision1(cluster)
        let result = try await pruner(cluster).uninstall(objects)
        XCTAssertEqual(Set(result.deleted.map(\.name)), ["settings", "web"])
        XCTAssertEqual(result.deleted.count, 3)
        XCTAssertEqual(result.kept.map(\.name), ["kept"])
        let settings = try await cluster.configMaps.getIfExists("settings")
        XCTAssertNil(settings)
        let kept = try await cluster.configMaps.getIfExists("kept")
        XCTAssertNotNil(kept)
    }

    func testAnObjectAlreadyGoneCountsAsDeleted() async throws {
        let cluster = try await startCluster()
        let previous = try await installRevision1(cluster)
        try await cluster.deployments.delete("web")
        let result = try await pruner(cluster).prune(previous: previous, current: try await cluster.objects(Self.revision2))
        XCTAssertEqual(result.deleted.map(\.kind), ["Deployment", "Service"])
    }

    func testAnObjectWhoseKindIsNoLongerServedIsNothingToDelete() async throws {
        let cluster = try await startCluster()
        try await cluster.createNamespace("apps")
        let previous = try await cluster.builder().objects(
            fromReleaseManifest: ManifestText.of([("shop/templates/w.yaml", ManifestText.widget("w1"))]), unknownKinds: .keep)
        let result = try await pruner(cluster).uninstall(previous)
        XCTAssertEqual(result.deleted.map(\.name), ["w1"])
    }
}
