import Foundation
import XCTest

@testable import rudder

/// `rudder controller --metrics-addr` as a Prometheus scrape sees it: the real binary
/// against the embedded API server in this process. (A child process, not in-process: the
/// binary bootstraps swift-metrics, which a process can do once, and the test process
/// already has its own backend for the client's metrics tests.)
final class ControllerMetricsEndpointTests: XCTestCase {
    /// The port a `serving NAME` log line announces.
    static func port(of endpoint: String, in log: String) -> Int? {
        for line in log.split(separator: "\n") where line.hasSuffix("serving \(endpoint)") {
            guard let range = line.range(of: "address=127.0.0.1:") else { continue }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// One scrape after a HelmRelease went Ready, shared by the tests below (each asserts
    /// one of its series).
    struct Scrape: Sendable {
        var metrics: String
        var exit: ChildProcess.Output
    }

    static func scrapeAfterReconcile() async throws -> Scrape {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }
        try await cluster.installCRD()
        let controller = try ChildProcess(
            APIServerBenchCommandTests.rudder.path,
            ["controller", "--kubeconfig", cluster.kubeconfigPath, "--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0",
             "--cache-dir", cluster.directory.appendingPathComponent("cache").path],
            environment: cluster.environment)
        guard let port = await controller.waitForStderr({ port(of: "metrics", in: $0) }) else {
            controller.terminate()
            XCTFail("no metrics endpoint announced:\n\(await controller.finish(timeout: .seconds(60)).transcript)")
            throw CancellationError()
        }
        try await cluster.applyDemoRelease()
        try await cluster.waitForDemoReady()
        // The gauge of release states is read from the controller's cache after each
        // reconcile: poll until the status the controller wrote has come back to it.
        var metrics = ""
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            metrics = try await httpGet("http://127.0.0.1:\(port)/metrics").body
            if metrics.contains("rudder_releases{status=\"deployed\"} 1") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        controller.terminate()
        return Scrape(metrics: metrics, exit: await controller.finish(timeout: .seconds(60)))
    }

    nonisolated(unsafe) static var shared: Scrape?
    static let lock = NSLock()

    func scrape() async throws -> Scrape {
        if let done = Self.lock.withLock({ Self.shared }) { return done }
        let fresh = try await Self.scrapeAfterReconcile()
        Self.lock.withLock { Self.shared = fresh }
        return fresh
    }

    /// The sample value of `series` (exact name and labels) in the exposition text.
    func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    func testReconcilesAreCountedBySuccess() async throws {
        let scrape = try await scrape()
        XCTAssertGreaterThanOrEqual(value("rudder_reconcile_total{result=\"success\"}", in: scrape.metrics) ?? 0, 1, scrape.metrics)
    }

    func testReconcileDurationsAreAHistogram() async throws {
        let scrape = try await scrape()
        XCTAssertTrue(scrape.metrics.contains("# TYPE rudder_reconcile_duration_seconds histogram"), scrape.metrics)
        XCTAssertGreaterThanOrEqual(value("rudder_reconcile_duration_seconds_count", in: scrape.metrics) ?? 0, 1, scrape.metrics)
    }

    func testTheDeployedReleaseIsCountedByStatus() async throws {
        let scrape = try await scrape()
        XCTAssertEqual(value("rudder_releases{status=\"deployed\"}", in: scrape.metrics), 1, scrape.metrics)
    }

    func testClientRequestsAreExportedToo() async throws {
        let scrape = try await scrape()
        XCTAssertGreaterThanOrEqual(value("rudder_kubeclient_requests_total{verb=\"GET\",code=\"200\"}", in: scrape.metrics) ?? 0, 1, scrape.metrics)
    }

    /// The test cluster serves priority and fairness, so the default (automatic) client
    /// stopped limiting itself at its first answer.
    func testClientSideThrottlingIsReportedOffOnceTheServerShowsAPF() async throws {
        let scrape = try await scrape()
        XCTAssertEqual(value("rudder_kubeclient_client_side_throttling", in: scrape.metrics), 0, scrape.metrics)
    }

    func testWorkQueueDepthIsExported() async throws {
        let scrape = try await scrape()
        XCTAssertNotNil(value("rudder_workqueue_depth", in: scrape.metrics), scrape.metrics)
    }

    func testSIGTERMStopsTheControllerCleanly() async throws {
        let scrape = try await scrape()
        XCTAssertEqual(scrape.exit.status, 0, scrape.exit.transcript)
        XCTAssertTrue(scrape.exit.stderr.contains("rudder controller stopped"), scrape.exit.transcript)
    }
}
