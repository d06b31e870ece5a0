import EmbeddedAPIServer
import Foundation
import KubeObjects
import XCTest

@testable import KubeClient

/// The Event recorder against the embedded API server: what it writes, aggregation,
/// the spam filter, and errors that stay inside it.
final class EventRecorderTests: TransportTestCase {
    private let events = GroupVersionResource(group: "", version: "v1", resource: "events")
    private let release: JSONValue = [
        "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease",
        "metadata": ["name": "web", "namespace": "default", "uid": "uid-web", "resourceVersion": "7"],
    ]

    private func recorder(_ client: APIClient, drops: DropLog? = nil) -> EventRecorder {
        var options = EventRecorder.Options(component: "rudder-controller")
        options.host = "rudder-0"
        if let drops { options.onDrop = { drop in Task { await drops.add(drop) } } }
        return EventRecorder(client: client, options: options)
    }

    private func stored(_ client: APIClient) async throws -> [JSONValue] {
        try await ResourceClient(client: client, resource: events, namespace: "default").list().items
    }

    func testRecordingCreatesACoreEventAboutTheObject() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let recorder = recorder(client)
        recorder.record(release, .normal, reason: "InstallSucceeded", message: "installed chart web-1.0.0")
        await recorder.flush()

        let written = try await stored(client)
        XCTAssertEqual(written.count, 1)
        let event = try XCTUnwrap(written.first)
        XCTAssertTrue(event.metadataName?.hasPrefix("web.") ?? false, "\(event.metadataName ?? "")")
        XCTAssertEqual(event["involvedObject"], [
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "name": "web", "namespace": "default", "uid": "uid-web",
            "resourceVersion": "7",
        ])
        XCTAssertEqual(event["type"], "Normal")
        XCTAssertEqual(event["reason"], "InstallSucceeded")
        XCTAssertEqual(event["message"], "installed chart web-1.0.0")
        XCTAssertEqual(event["count"]?.intValue, 1)
        XCTAssertEqual(event["source"], ["component": "rudder-controller", "host": "rudder-0"])
        XCTAssertEqual(event["reportingComponent"], "rudder-controller")
        XCTAssertEqual(event["reportingInstance"], "rudder-0")
        XCTAssertNotNil(event["firstTimestamp"]?.stringValue.flatMap(KubeTime.init(rfc3339:)))
    }

    func testThreeIdenticalEventsAreOneEventWithCountThree() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let recorder = recorder(client)
        for _ in 0..<3 { recorder.record(release, .warning, reason: "InstallFailed", message: "timed out") }
        await recorder.flush()

        let written = try await stored(client)
        XCTAssertEqual(written.count, 1)
        XCTAssertEqual(written.first?["count"]?.intValue, 3)
    }

    func testDifferentReasonsAreSeparateEvents() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let recorder = recorder(client)
        recorder.record(release, .normal, reason: "UpgradeStarted", message: "upgrading")
        recorder.record(release, .normal, reason: "UpgradeSucceeded", message: "upgrading")
        await recorder.flush()

        let reasons = try await stored(client).compactMap { $0["reason"]?.stringValue }.sorted()
        XCTAssertEqual(reasons, ["UpgradeStarted", "UpgradeSucceeded"])
    }

    func testTheSpamFilterLetsTwentyFiveEventsPerObjectThrough() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let drops = DropLog()
        let recorder = recorder(client, drops: drops)
        for i in 0..<30 { recorder.record(release, .warning, reason: "Failed\(i)", message: "attempt \(i)") }
        let other = EventRecorder.InvolvedObject(apiVersion: "v1", kind: "ConfigMap", name: "other", namespace: "default")
        recorder.record(other, .normal, reason: "Seen", message: "another object has its own bucket")
        await recorder.flush()

        let written = try await stored(client)
        XCTAssertEqual(written.filter { $0[path: ["involvedObject", "name"]] == "web" }.count, 25)
        XCTAssertEqual(written.filter { $0[path: ["involvedObject", "name"]] == "other" }.count, 1)
        let dropped = await drops.eventually(count: 5)
        XCTAssertEqual(dropped.map(\.reason).sorted(), (25..<30).map { "Failed\($0)" })
    }

    func testLongMessagesAreCutTo1024Bytes() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let recorder = recorder(client)
        recorder.record(release, .warning, reason: "RenderFailed", message: String(repeating: "é", count: 1000))
        await recorder.flush()

        let message = try await stored(client).first?["message"]?.stringValue ?? ""
        XCTAssertEqual(message.utf8.count, 1024)
        XCTAssertEqual(message, String(repeating: "é", count: 512))
    }

    func testAnEventDeletedOnTheServerIsWrittenAgainWithItsCount() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let recorder = recorder(client)
        recorder.record(release, .warning, reason: "InstallFailed", message: "timed out")
        await recorder.flush()
        let first = try await stored(client).first
        let name = try XCTUnwrap(first?.metadataName)
        try await ResourceClient(client: client, resource: events, namespace: "default").delete(name)

        recorder.record(release, .warning, reason: "InstallFailed", message: "timed out")
        await recorder.flush()
        let written = try await stored(client)
        XCTAssertEqual(written.map(\.metadataName), [name])
        XCTAssertEqual(written.first?["count"]?.intValue, 2)
    }

    func testAnAPIErrorIsReportedNotThrown() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let drops = DropLog()
        let recorder = recorder(client, drops: drops)
        let nowhere = EventRecorder.InvolvedObject(apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "no-such-namespace")
        recorder.record(nowhere, .normal, reason: "Seen", message: "m")
        await recorder.flush()

        let dropped = await drops.eventually(count: 1)
        XCTAssertEqual(dropped.first?.reason, "Seen")
        XCTAssertTrue(dropped.first?.cause.contains("not found") ?? false, dropped.first?.cause ?? "")
    }

    func testAnObjectWithoutANameIsReportedNotRecorded() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let drops = DropLog()
        let recorder = recorder(client, drops: drops)
        recorder.record(["kind": "ConfigMap", "metadata": [:]], .normal, reason: "Seen", message: "m")
        await recorder.flush()

        let dropped = await drops.eventually(count: 1)
        XCTAssertEqual(dropped.count, 1)
        let written = try await stored(client)
        XCTAssertEqual(written.count, 0)
    }
}

/// The correlator's decisions, with time moved by hand.
final class EventCorrelatorTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_714_564_800)
    private let object = EventRecorder.InvolvedObject(apiVersion: "v1", kind: "ConfigMap", name: "web", namespace: "default")

    private func key(_ reason: String = "Failed", resourceVersion: String = "1") -> EventCorrelator.Key {
        var object = object
        object.resourceVersion = resourceVersion
        return EventCorrelator.Key(object: object, type: "Warning", reason: reason, message: "m", source: "rudder")
    }

    func testAnIdenticalEventWithinTheWindowIsACountBump() {
        var correlator = EventCorrelator(window: 600, spamFilter: EventSpamFilter(burst: 25, refillInterval: 300))
        guard case .create(let name) = correlator.correlate(key(), now: start) else { return XCTFail("not created") }
        XCTAssertEqual(name, "web.17cb5b99f8638000")
        XCTAssertEqual(
            correlator.correlate(key(resourceVersion: "2"), now: start + 60), .update(name: name, count: 2, firstSeen: start))
    }

    func testAnIdenticalEventAfterTheWindowIsANewEvent() {
        var correlator = EventCorrelator(window: 600, spamFilter: EventSpamFilter(burst: 25, refillInterval: 300))
        _ = correlator.correlate(key(), now: start)
        guard case .create(let name) = correlator.correlate(key(), now: start + 601) else { return XCTFail("not created") }
        XCTAssertNotEqual(name, "web.17cb5b99f8638000")
    }

    func testEventsInTheSameInstantGetDistinctNames() {
        var correlator = EventCorrelator(window: 600, spamFilter: EventSpamFilter(burst: 25, refillInterval: 300))
        let first = correlator.correlate(key("A"), now: start)
        let second = correlator.correlate(key("B"), now: start)
        XCTAssertNotEqual(first, second)
    }

    func testTheSpamFilterRefillsOneTokenPerInterval() {
        var filter = EventSpamFilter(burst: 2, refillInterval: 300)
        XCTAssertTrue(filter.allows("o", now: start))
        XCTAssertTrue(filter.allows("o", now: start))
        XCTAssertFalse(filter.allows("o", now: start + 299))
        XCTAssertTrue(filter.allows("o", now: start + 300))
        XCTAssertFalse(filter.allows("o", now: start + 301))
        XCTAssertTrue(filter.allows("another", now: start + 301))
    }
}

/// Events the recorder dropped.
actor DropLog {
    private var drops: [EventRecorder.DroppedEvent] = []

    func add(_ drop: EventRecorder.DroppedEvent) { drops.append(drop) }

    /// The drops once there are `count` (or what there is after a few seconds).
    func eventually(count: Int) async -> [EventRecorder.DroppedEvent] {
        for _ in 0..<250 where drops.count < count { try? await Task.sleep(for: .milliseconds(20)) }
        return drops
    }
}
