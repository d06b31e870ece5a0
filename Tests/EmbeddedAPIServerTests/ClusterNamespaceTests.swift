import EmbeddedAPIServer
import KubeObjects
import XCTest

final class ClusterNamespaceTests: XCTestCase {
    func testDeletingANamespaceDeletesItsContentsThenTheNamespace() async throws {
        let cluster = Cluster()
        let namespaces = await cluster.rules(group: "", version: "v1", plural: "namespaces")!
        let configmaps = await cluster.rules(group: "", version: "v1", plural: "configmaps")!
        _ = try await cluster.create(namespaces, namespace: nil, object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "zz"]], options: WriteOptions())
        _ = try await cluster.create(configmaps, namespace: "zz", object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]], options: WriteOptions())
        let controllers = Task { await APIServer.runControllers(cluster) }
        defer { controllers.cancel() }
        let subscription = try await cluster.store.watch(GroupResource(group: "", resource: "namespaces"), namespace: nil, from: await cluster.store.resourceVersion)
        guard case .pending(let terminating) = try await cluster.delete(namespaces, namespace: nil, name: "zz", options: DeleteOptions()) else {
            return XCTFail("a namespace with contents must wait for them")
        }
        XCTAssertEqual(terminating[path: ["status", "phase"]], "Terminating")
        var kinds: [String] = []
        for await e in subscription.events {
            kinds.append(e.kind.rawValue)
            XCTAssertNotEqual(e.object, .null, "event \(e.kind) carries no object")
            if e.kind == .deleted { break }
        }
        XCTAssertEqual(kinds, ["MODIFIED", "DELETED"])
        let left = await cluster.store.list(GroupResource(group: "", resource: "configmaps"), namespace: "zz").items
        XCTAssertTrue(left.isEmpty)
    }
}
