import EmbeddedAPIServer
import Foundation
import XCTest

/// The Python `kubernetes` client (37.x), unmodified: CRUD with optimistic concurrency,
/// list-then-watch with resume, a forced 410, bookmarks and a custom object's status.
/// The scenarios live in scripts/kube_client.py; these tests judge what it observed.
final class PythonClientTests: RealClientTestCase {
    func run(_ cluster: RealCluster, _ scenario: String) async throws -> [String: Any] {
        let output = try await cluster.python("kube_client.py", [scenario])
        let text = succeed(output)
        return try XCTUnwrap(try json(text) as? [String: Any], output.transcript)
    }

    func testCreateListReplaceAndAStaleReplaceIsAConflict() async throws {
        let cluster = try await startCluster()
        let result = try await run(cluster, "crud")
        let createdRV = try XCTUnwrap(Int(value(result, "created", "rv") as? String ?? ""))
        XCTAssertNotNil(UUID(uuidString: value(result, "created", "uid") as? String ?? ""))
        XCTAssertEqual(value(result, "duplicate", "status") as? Int, 409)
        XCTAssertEqual(value(result, "duplicate", "reason") as? String, "AlreadyExists")
        XCTAssertEqual(value(result, "duplicate", "message") as? String, #"configmaps "py1" already exists"#)
        XCTAssertEqual(value(result, "list", "names") as? [String], ["py1"])
        XCTAssertGreaterThanOrEqual(Int(value(result, "list", "rv") as? String ?? "") ?? 0, createdRV)
        XCTAssertEqual(value(result, "replaced", "data") as? [String: String], ["a": "2"])
        XCTAssertGreaterThan(Int(value(result, "replaced", "rv") as? String ?? "") ?? 0, createdRV)
        XCTAssertEqual(value(result, "stale", "status") as? Int, 409)
        XCTAssertEqual(value(result, "stale", "reason") as? String, "Conflict")
        XCTAssertEqual(
            value(result, "stale", "message") as? String,
            #"Operation cannot be fulfilled on configmaps "py1": the object has been modified; please apply your changes to the latest version and try again"#)
        XCTAssertEqual(value(result, "missing", "status") as? Int, 404)
        XCTAssertEqual(value(result, "missing", "message") as? String, #"configmaps "absent" not found"#)
        XCTAssertEqual(value(result, "afterDelete") as? [String], [])
    }

    func testWatchFromAListResumesFromTheLastSeenResourceVersion() async throws {
        let cluster = try await startCluster()
        let result = try await run(cluster, "watch-resume")
        let first = try XCTUnwrap(value(result, "first") as? [[Any]])
        XCTAssertEqual(first.map { $0[0] as? String }, ["ADDED", "MODIFIED", "DELETED"])
        XCTAssertEqual(first.map { $0[1] as? String }, ["w2", "w1", "w2"])
        XCTAssertEqual(first[1][2] as? [String: String], ["a": "2"])
        let resumed = try XCTUnwrap(value(result, "resumed") as? [[Any]])
        XCTAssertEqual(resumed.map { $0[0] as? String }, ["ADDED"], "only the change after the last seen event")
        XCTAssertEqual(resumed.map { $0[1] as? String }, ["w3"])
        let initial = try XCTUnwrap(value(result, "initial") as? [[Any]])
        XCTAssertEqual(initial.map { "\($0[0]) \($0[1])" }, ["ADDED w1", "ADDED w3"], "a watch without resourceVersion starts with the current objects")
        XCTAssertEqual(value(result, "timedOut") as? [String], [], "the server ends a quiet watch at timeoutSeconds")
    }

    func testWatchFromACompactedResourceVersionRaisesGone() async throws {
        let cluster = try await startCluster { $0.historyLimit = 5 }
        let result = try await run(cluster, "expired")
        XCTAssertEqual(value(result, "raised") as? Bool, true, "\(result)")
        XCTAssertEqual(value(result, "status") as? Int, 410)
        let reason = value(result, "httpReason") as? String ?? ""
        XCTAssertTrue(reason.hasPrefix("Expired: too old resource version: \(value(result, "oldRV") as? String ?? "?") ("), reason)
    }

    func testWatchWithBookmarksYieldsABookmarkCarryingTheResourceVersion() async throws {
        let cluster = try await startCluster { $0.bookmarkInterval = .milliseconds(200) }
        let result = try await run(cluster, "bookmarks")
        XCTAssertEqual(value(result, "type") as? String, "BOOKMARK", "\(result)")
        XCTAssertEqual(value(result, "kind") as? String, "ConfigMap")
        XCTAssertEqual(value(result, "apiVersion") as? String, "v1")
        let rv = Int(value(result, "rv") as? String ?? "") ?? -1
        XCTAssertGreaterThanOrEqual(rv, Int(value(result, "listRV") as? String ?? "") ?? Int.max)
        XCTAssertEqual(value(result, "watchRV") as? String, value(result, "rv") as? String, "the client resumes from a bookmark")
    }

    func testStatusPatchOfACustomObjectChangesOnlyStatus() async throws {
        let cluster = try await startCluster()
        let result = try await run(cluster, "status-patch")
        XCTAssertEqual(value(result, "patched", "status") as? [String: String], ["phase": "Ready"])
        XCTAssertEqual(value(result, "patched", "spec") as? [String: Int], ["size": 3], "a /status write ignores spec")
        XCTAssertEqual(value(result, "patched", "generation") as? Int, 1)
        XCTAssertEqual(value(result, "read", "status") as? [String: String], ["phase": "Ready"])
        XCTAssertEqual(value(result, "specPatched", "status") as? [String: String], ["phase": "Ready"], "a main write ignores status")
        XCTAssertEqual(value(result, "specPatched", "spec") as? [String: Int], ["size": 4])
        XCTAssertEqual(value(result, "specPatched", "generation") as? Int, 2)
        let managers = value(result, "managers") as? [[String]]
        XCTAssertEqual(managers, [["OpenAPI-Generator", ""], ["OpenAPI-Generator", "status"]])
    }

    func testForegroundDeletionWaitsForTheOwnedObjects() async throws {
        let cluster = try await startCluster()
        let result = try await run(cluster, "foreground")
        XCTAssertEqual(value(result, "ownedBefore") as? Int, 1, "\(result)")
        XCTAssertEqual(value(result, "deleteAnswerKind") as? String, "Deployment")
        XCTAssertEqual(value(result, "finalizers") as? [String], ["foregroundDeletion"], "\(result)")
        XCTAssertEqual(value(result, "terminating") as? Bool, true)
        XCTAssertEqual(value(result, "goneStatus") as? Int, 404)
        XCTAssertEqual(value(result, "replicaSetsAfter") as? [String], [])
        XCTAssertEqual(value(result, "podsAfter") as? [String], [])
    }
}
