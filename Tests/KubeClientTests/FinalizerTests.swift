import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// Finalizers over HTTP: added and removed without touching anyone else's, refused from a
/// stale copy, and the apply/cleanup flow that holds a deletion until cleanup is done.
final class FinalizerTests: TransportTestCase {
    static let ours = "helm.rudder.dev/finalizer"

    /// Events the handler was given, as "apply name [finalizers]" / "cleanup ...".
    actor Calls {
        private(set) var items: [String] = []
        func add(_ event: FinalizerEvent) {
            switch event {
            case .apply(let o): items.append("apply \(o.metadataName ?? "") \(FinalizerTests.finalizers(o))")
            case .cleanup(let o): items.append("cleanup \(o.metadataName ?? "") \(FinalizerTests.finalizers(o))")
            }
        }
    }

    static func finalizers(_ object: JSONValue?) -> [String] {
        (object?[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    @discardableResult
    private func create(_ client: ResourceClient, _ name: String, finalizers: [String] = []) async throws -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(name)]
        if !finalizers.isEmpty { metadata["finalizers"] = .array(finalizers.map(JSONValue.string)) }
        return try await client.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata)])
    }

    func testEnsureAddsOursOnceAndKeepsTheOthers() async throws {
        let client = try configMaps(try await startCluster())
        let object = try await create(client, "cm", finalizers: ["other.io/keep"])
        let added = try await Finalizers.ensure(Self.ours, on: object, via: client)
        XCTAssertEqual(Self.finalizers(added), ["other.io/keep", Self.ours])
        let again = try await Finalizers.ensure(Self.ours, on: added, via: client)
        XCTAssertEqual(again.metadataResourceVersion, added.metadataResourceVersion, "already there: no write")
        let stored = try await client.get("cm")
        XCTAssertEqual(Self.finalizers(stored), ["other.io/keep", Self.ours])
    }

    func testEnsureOnAnObjectWithoutFinalizersCreatesTheList() async throws {
        let client = try configMaps(try await startCluster())
        let object = try await create(client, "bare")
        try await Finalizers.ensure(Self.ours, on: object, via: client)
        let stored = try await client.get("bare")
        XCTAssertEqual(Self.finalizers(stored), [Self.ours])
    }

    func testAStaleCopyIsRefusedRatherThanLosingAConcurrentEdit() async throws {
        let client = try configMaps(try await startCluster())
        let stale = try await create(client, "cm")
        // Someone else adds their finalizer after our copy was read.
        _ = try await client.patch("cm", .merge(["metadata": ["finalizers": ["other.io/late"]]]))
        do {
            try await Finalizers.ensure(Self.ours, on: stale, via: client)
            XCTFail("a patch computed from a stale copy must fail")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isInvalid, "the resourceVersion test op fails: \(error)")
        }
        let untouched = try await client.get("cm")
        XCTAssertEqual(Self.finalizers(untouched), ["other.io/late"], "the other writer's finalizer is intact")
        try await Finalizers.ensure(Self.ours, on: untouched, via: client)
        let merged = try await client.get("cm")
        XCTAssertEqual(Self.finalizers(merged), ["other.io/late", Self.ours])
    }

    func testRemoveTakesOnlyOursAndRefusesAStaleCopy() async throws {
        let client = try configMaps(try await startCluster())
        let object = try await create(client, "cm", finalizers: ["a.io/x", Self.ours, "b.io/y"])
        _ = try await client.patch("cm", .merge(["data": ["k": "changed"]]))
        do {
            try await Finalizers.remove(Self.ours, from: object, via: client)
            XCTFail("a patch computed from a stale copy must fail")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isInvalid, "\(error)")
        }
        let fresh = try await client.get("cm")
        let removed = try await Finalizers.remove(Self.ours, from: fresh, via: client)
        XCTAssertEqual(Self.finalizers(removed), ["a.io/x", "b.io/y"])
        let unchanged = try await Finalizers.remove(Self.ours, from: removed, via: client)
        XCTAssertEqual(unchanged.metadataResourceVersion, removed.metadataResourceVersion, "not there: no write")
    }

    func testTheFinalizerFlowAddsFirstThenAppliesThenCleansUpAndLetsTheDeletionFinish() async throws {
        let client = try configMaps(try await startCluster())
        let calls = Calls()
        let handle: @Sendable (FinalizerEvent) async throws -> ReconcileAction = { event in
            await calls.add(event)
            return .done
        }
        let created = try await create(client, "release")
        let first = try await Finalizers.reconcile(created, finalizer: Self.ours, via: client, handle)
        XCTAssertEqual(first, .done)
        let guarded = try await client.get("release")
        XCTAssertEqual(Self.finalizers(guarded), [Self.ours], "the finalizer goes on before anything is applied")

        try await client.delete("release")
        let deleting = try await client.get("release")
        XCTAssertTrue(deleting.hasDeletionTimestamp, "the deletion waits for our finalizer")
        let last = try await Finalizers.reconcile(deleting, finalizer: Self.ours, via: client, handle)
        XCTAssertEqual(last, .done)
        let gone = try await client.getIfExists("release")
        XCTAssertNil(gone, "once cleanup is done the finalizer is removed and the object goes")
        let seen = await calls.items
        XCTAssertEqual(seen, ["apply release [\"\(Self.ours)\"]", "cleanup release [\"\(Self.ours)\"]"])
    }

    func testACleanupThatAsksToRequeueKeepsTheFinalizer() async throws {
        let client = try configMaps(try await startCluster())
        let object = try await create(client, "busy", finalizers: [Self.ours])
        try await client.delete("busy")
        let deleting = try await client.get("busy")
        let action = try await Finalizers.reconcile(deleting, finalizer: Self.ours, via: client) { _ in .requeue(after: .seconds(5)) }
        XCTAssertEqual(action, .requeue(after: .seconds(5)))
        let still = try await client.getIfExists("busy")
        XCTAssertEqual(Self.finalizers(still), [Self.ours], "cleanup is not finished, so the deletion still waits")
        XCTAssertEqual(still?.metadataUID, object.metadataUID)
    }

    func testADeletingObjectWithoutOurFinalizerIsLeftAlone() async throws {
        let client = try configMaps(try await startCluster())
        try await create(client, "theirs", finalizers: ["other.io/keep"])
        try await client.delete("theirs")
        let deleting = try await client.get("theirs")
        let calls = Calls()
        let action = try await Finalizers.reconcile(deleting, finalizer: Self.ours, via: client) { event in
            await calls.add(event)
            return .done
        }
        XCTAssertEqual(action, .done)
        let seen = await calls.items
        XCTAssertEqual(seen, [], "nothing to apply or clean up")
        let after = try await client.get("theirs")
        XCTAssertEqual(after.metadataResourceVersion, deleting.metadataResourceVersion, "no write")
    }
}
