import ChartSources
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import XCTest

@testable import rudder

/// `--health-addr`'s handler over a controller running in this process against the
/// embedded API server.
final class ControllerHealthTests: XCTestCase {
    private func get(_ handler: HealthHandler, _ path: String) async -> (status: Int, body: String) {
        let response = await handler.handle(HTTPRequest(method: "GET", target: path, headers: [], body: []))
        guard case .bytes(let bytes) = response.body else { return (response.status, "<stream>") }
        return (response.status, String(decoding: bytes, as: UTF8.self))
    }

    private func startController(_ cluster: ControllerTestCluster, readiness: ControllerReadiness) -> Task<Void, Never> {
        let environment = ReconcilerEnvironment(
            client: cluster.client, mapper: RESTMapper(client: cluster.client),
            fetcher: ChartFetcher(cache: ChartCache(root: cluster.directory.appendingPathComponent("cache").path)))
        let controller = ReleaseController(environment: environment, readiness: readiness)
        return Task { await controller.run() }
    }

    /// Polls `/readyz` until it answers `status` (generous deadline; no timing asserted).
    private func waitForReadyz(_ handler: HealthHandler, _ status: Int) async -> Int {
        let deadline = ContinuousClock.now + .seconds(60)
        var last = 0
        while ContinuousClock.now < deadline {
            last = await get(handler, "/readyz").status
            if last == status { return last }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return last
    }

    func testHealthzAnswersOKBeforeTheControllerStarts() async {
        let handler = HealthHandler(readiness: ControllerReadiness())

        let answer = await get(handler, "/healthz")

        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.body, "ok\n")
    }

    func testReadyzIsUnavailableUntilTheHelmReleaseCacheHasSynced() async throws {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }
        let readiness = ControllerReadiness()
        let handler = HealthHandler(readiness: readiness)
        // Without the CRD the HelmRelease list fails (404) and is retried: the cache cannot sync.
        let controller = startController(cluster, readiness: readiness)
        defer { controller.cancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        while await readiness.phase != .syncing, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        // Long enough for a first list to have come back, had there been one to come.
        try await Task.sleep(for: .milliseconds(500))
        let phase = await readiness.phase
        let before = await get(handler, "/readyz").status

        try await cluster.installCRD()
        let after = await waitForReadyz(handler, 200)

        XCTAssertEqual(before, 503)
        XCTAssertEqual(phase, .syncing)
        XCTAssertEqual(after, 200)
    }

    func testReadyzIsUnavailableOnceTheControllerHasStopped() async throws {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }
        try await cluster.installCRD()
        let readiness = ControllerReadiness()
        let handler = HealthHandler(readiness: readiness)
        let controller = startController(cluster, readiness: readiness)
        let ready = await waitForReadyz(handler, 200)

        controller.cancel()
        await controller.value

        XCTAssertEqual(ready, 200)
        let stopped = await get(handler, "/readyz")
        XCTAssertEqual(stopped.status, 503)
        XCTAssertEqual(stopped.body, "not ready: stopped\n")
    }

    func testReadyzIsOKWhileStandingByForTheLeaderLease() async {
        let readiness = ControllerReadiness()
        let handler = HealthHandler(readiness: readiness)
        let starting = await get(handler, "/readyz").status

        await readiness.enter(.standby)

        XCTAssertEqual(starting, 503)
        let standingBy = await get(handler, "/readyz").status
        XCTAssertEqual(standingBy, 200)
    }

    func testUnknownPathsAreNotFound() async {
        let answer = await get(HealthHandler(readiness: ControllerReadiness()), "/metrics")

        XCTAssertEqual(answer.status, 404)
    }
}
