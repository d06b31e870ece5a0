import CoreMetrics
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// `APIClient` end to end: credentials over TLS, token rotation, Retry-After, metrics.
final class APIClientTests: TransportTestCase {
    private let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")

    func testTLSWithAClientCertificate() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        let client = try APIClient(configuration: cluster.configuration())
        let list = try await ResourceClient(client: client, resource: namespaces).list()
        XCTAssertTrue(list.items.contains { $0.metadataName == "kube-system" })
    }

    func testTLSWithABearerToken() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["static-token-1"]
        }
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .bearerToken(Sensitive("static-token-1"))
        let client = try APIClient(configuration: configuration)
        let list = try await ResourceClient(client: client, resource: namespaces).list()
        XCTAssertTrue(list.items.contains { $0.metadataName == "default" })
    }

    func testAWrongTokenIsATypedUnauthorized() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["right"]
        }
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .bearerToken(Sensitive("wrong"))
        let client = try APIClient(configuration: configuration)
        do {
            _ = try await ResourceClient(client: client, resource: namespaces).list()
            XCTFail("a wrong token was accepted")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isUnauthorized)
            XCTAssertFalse(error.description.contains("wrong"), "the token leaked into the error: \(error)")
        }
    }

    func testATokenRotatedInItsFileIsPickedUpAfterA401() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["rotated-token"]
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("token").path
        try "expired-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .tokenFile(BearerTokenFile(path: path))
        let resource = ResourceClient(client: try APIClient(configuration: configuration), resource: namespaces)

        do {
            _ = try await resource.list()
            XCTFail("the expired token was accepted")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isUnauthorized, "\(error)")
        }
        // Atomic replacement, as the kubelet swaps projected token files.
        try "rotated-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        let list = try await resource.list()
        XCTAssertFalse(list.items.isEmpty)
    }

    /// An exec plugin's token is cached until it expires, so only the 401 → invalidate → run
    /// again path can replace a token the server stopped accepting.
    func testAnExecCredentialTheServerRefusesIsRefreshedOnce() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["exec-token-2"]
        }
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let script = try dir.write("plugin.sh", """
            #!/bin/sh
            echo run >> "\(dir.file("runs"))"
            n=$(wc -l < "\(dir.file("runs"))" | tr -d ' ')
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}' "$n"
            """, executable: true)
        let plugin = ExecCredentialPlugin(
            configuration: ExecPluginConfiguration(
                apiVersion: ExecPluginConfiguration.v1, command: script, args: [], env: [], interactiveMode: .never, provideClusterInfo: false),
            cluster: [:], environment: dir.environment().variables, now: { Date() })
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .exec(plugin)
        let resource = ResourceClient(client: try APIClient(configuration: configuration), resource: namespaces)

        // Run 1's token is refused; the client runs the plugin again and run 2's is accepted.
        let list = try await resource.list()
        XCTAssertFalse(list.items.isEmpty)
        let runs = try String(contentsOfFile: dir.file("runs"), encoding: .utf8).split(separator: "\n").count
        XCTAssertEqual(runs, 2)
        // The new token is cached: the next request runs nothing.
        _ = try await resource.list()
        XCTAssertEqual(try String(contentsOfFile: dir.file("runs"), encoding: .utf8).split(separator: "\n").count, 2)
    }

    func testTooManyRequestsWithRetryAfterIsRetried() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        await cluster.server.faults.failRequests(fraction: 1, status: 429, retryAfter: 1)
        let stopFailing = Task {
            try await Task.sleep(for: .milliseconds(1500))
            await cluster.server.faults.failRequests(fraction: 0)
        }
        defer { stopFailing.cancel() }
        let list = try await ResourceClient(client: client, resource: namespaces).list()
        XCTAssertTrue(list.items.contains { $0.metadataName == "default" }, "the request was answered only after its retries")
    }

    func testRetriesStopAtTheLimitWithTheServersError() async throws {
        let cluster = try await startCluster()
        var options = APIClient.Options()
        options.maximumRetries = 1
        let client = try APIClient(configuration: cluster.configuration(), options: options)
        await cluster.server.faults.failRequests(fraction: 1, status: 429, retryAfter: 0)
        do {
            _ = try await ResourceClient(client: client, resource: namespaces).list()
            XCTFail("an always-throttled request succeeded")
        } catch let error as KubeAPIError {
            XCTAssertEqual(error.code, 429)
            XCTAssertEqual(error.retryAfter, 0)
        }
    }

    func testRequestsAreCountedByVerbAndCode() async throws {
        let metrics = TestMetricsFactory.installed
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let resource = ResourceClient(client: client, resource: namespaces)
        let okBefore = metrics.count("rudder_kubeclient_requests_total", ["verb": "GET", "code": "200"])
        let missingBefore = metrics.count("rudder_kubeclient_requests_total", ["verb": "GET", "code": "404"])
        let timedBefore = metrics.timings("rudder_kubeclient_request_duration_seconds", ["verb": "GET"])

        _ = try await resource.list()
        _ = try await resource.list()
        _ = try await resource.getIfExists("no-such-namespace")

        XCTAssertEqual(metrics.count("rudder_kubeclient_requests_total", ["verb": "GET", "code": "200"]) - okBefore, 2)
        XCTAssertEqual(metrics.count("rudder_kubeclient_requests_total", ["verb": "GET", "code": "404"]) - missingBefore, 1)
        XCTAssertEqual(metrics.timings("rudder_kubeclient_request_duration_seconds", ["verb": "GET"]) - timedBefore, 3)
    }
}

/// A swift-metrics backend that keeps counts, bootstrapped once for the test process
/// (swift-metrics allows one bootstrap; no other test installs a backend).
final class TestMetricsFactory: MetricsFactory, @unchecked Sendable {
    static let installed: TestMetricsFactory = {
        let factory = TestMetricsFactory()
        MetricsSystem.bootstrap(factory)
        return factory
    }()

    private let lock = NSLock()
    private var counts: [String: Int64] = [:]
    private var timingCounts: [String: Int] = [:]
    private var lastValues: [String: Double] = [:]

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "|" + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }

    func count(_ label: String, _ dimensions: [String: String]) -> Int64 {
        lock.withLock { counts[Self.key(label, dimensions.map { ($0.key, $0.value) })] ?? 0 }
    }

    func timings(_ label: String, _ dimensions: [String: String]) -> Int {
        lock.withLock { timingCounts[Self.key(label, dimensions.map { ($0.key, $0.value) })] ?? 0 }
    }

    /// The last value a gauge or recorder was set to.
    func value(_ label: String, _ dimensions: [String: String] = [:]) -> Double? {
        lock.withLock { lastValues[Self.key(label, dimensions.map { ($0.key, $0.value) })] }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        Handler(key: Self.key(label, dimensions), factory: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        Handler(key: Self.key(label, dimensions), factory: self)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler {
        Handler(key: Self.key(label, dimensions), factory: self)
    }

    func destroyCounter(_ handler: CounterHandler) {}
    func destroyRecorder(_ handler: RecorderHandler) {}
    func destroyTimer(_ handler: TimerHandler) {}

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, @unchecked Sendable {
        let key: String
        let factory: TestMetricsFactory

        init(key: String, factory: TestMetricsFactory) {
            self.key = key
            self.factory = factory
        }

        func increment(by amount: Int64) { factory.lock.withLock { factory.counts[key, default: 0] += amount } }
        func reset() {}
        func record(_ value: Int64) { record(Double(value)) }
        func record(_ value: Double) { factory.lock.withLock { factory.lastValues[key] = value } }
        func recordNanoseconds(_ duration: Int64) { factory.lock.withLock { factory.timingCounts[key, default: 0] += 1 } }
    }
}
