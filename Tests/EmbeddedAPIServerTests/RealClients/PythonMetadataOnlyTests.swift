import EmbeddedAPIServer
import Foundation
import XCTest

/// The Python `kubernetes` client asking for metadata only (its own calls with an
/// `Accept: …;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1` header and the raw body),
/// as controller-runtime's metadata informers ask. Scenario `metadata-only` in scripts/kube_client.py.
final class PythonMetadataOnlyTests: RealClientTestCase {
    func testListGetAndWatchOfReleaseSecretsAnswerMetadataAndAnUnsupportedTransformIs406() async throws {
        let cluster = try await startCluster()
        let output = try await cluster.python("kube_client.py", ["metadata-only"])
        let result = try XCTUnwrap(try json(succeed(output)) as? [String: Any], output.transcript)
        XCTAssertEqual(value(result, "list", "kind") as? String, "PartialObjectMetadataList", "\(result)")
        XCTAssertEqual(value(result, "list", "apiVersion") as? String, "meta.k8s.io/v1")
        XCTAssertEqual(value(result, "list", "itemKinds") as? [String], ["PartialObjectMetadata"])
        XCTAssertEqual(value(result, "list", "itemKeys") as? [String], ["apiVersion", "kind", "metadata"])
        XCTAssertEqual(value(result, "list", "names") as? [String], ["sh.helm.release.v1.web.v1"])
        XCTAssertEqual(value(result, "get", "kind") as? String, "PartialObjectMetadata")
        XCTAssertEqual(value(result, "get", "keys") as? [String], ["apiVersion", "kind", "metadata"])
        XCTAssertEqual(value(result, "get", "labels") as? [String: String], ["owner": "helm"])
        let watch = try XCTUnwrap(value(result, "watch") as? [[Any]])
        XCTAssertEqual(watch.map { $0[0] as? String }, ["ADDED"], "\(watch)")
        XCTAssertEqual(watch.first?[1] as? String, "PartialObjectMetadata")
        XCTAssertEqual(watch.first?[2] as? String, "sh.helm.release.v1.web.v2")
        XCTAssertEqual(watch.first?[3] as? Bool, false, "no data in a metadata watch event")
        XCTAssertEqual(value(result, "unsupported", "status") as? Int, 406)
        XCTAssertEqual(value(result, "unsupported", "reason") as? String, "NotAcceptable")
    }
}
