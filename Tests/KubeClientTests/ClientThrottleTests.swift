import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Client-side throttling against the embedded server with and without API Priority and
/// Fairness: automatic mode stops limiting at the first answer with APF headers, fixed mode
/// keeps its limit, and the server's 429s are retried. Throttling is measured by the
/// throttle's count of requests that waited for a token, never by time.
final class ClientThrottleTests: TransportTestCase {
    private let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    private let configmaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")

    private func client(_ cluster: TestCluster, _ mode: RequestThrottle.Mode) throws -> APIClient {
        var options = APIClient.Options()
        options.throttle = mode
        return try APIClient(configuration: cluster.configuration(), options: options)
    }

    /// One token, refilled twice a second: the second and third of three back-to-back lists
    /// wait for theirs unless the client stopped limiting itself.
    private let slow = (qps: 2.0, burst: 1)

    private func listThreeTimes(_ client: APIClient) async throws {
        let resource = ResourceClient(client: client, resource: namespaces)
        for _ in 0..<3 { _ = try await resource.list() }
    }

    func testAutomaticThrottlingStopsAtTheFirstAnswerWithAPFHeaders() async throws {
        let client = try client(try await startCluster(), .automatic(qps: slow.qps, burst: slow.burst))
        try await listThreeTimes(client)
        XCTAssertTrue(client.throttle.isServerFlowControlled)
        XCTAssertFalse(client.throttle.isLimiting)
        XCTAssertEqual(client.throttle.waits, 0)
    }

    func testAutomaticThrottlingKeepsItsLimitAgainstAServerWithoutAPF() async throws {
        let cluster = try await startCluster { $0.flowControl = nil }
        let client = try client(cluster, .automatic(qps: slow.qps, burst: slow.burst))
        try await listThreeTimes(client)
        XCTAssertFalse(client.throttle.isServerFlowControlled)
        XCTAssertTrue(client.throttle.isLimiting)
        XCTAssertEqual(client.throttle.waits, 2)
    }

    func testFixedThrottlingKeepsItsLimitAgainstAServerWithAPF() async throws {
        let client = try client(try await startCluster(), .fixed(qps: slow.qps, burst: slow.burst))
        try await listThreeTimes(client)
        XCTAssertTrue(client.throttle.isServerFlowControlled, "the server is seen to do APF")
        XCTAssertTrue(client.throttle.isLimiting)
        XCTAssertEqual(client.throttle.waits, 2)
    }

    func testDisabledThrottlingNeverWaits() async throws {
        let client = try client(try await startCluster { $0.flowControl = nil }, .disabled)
        try await listThreeTimes(client)
        XCTAssertFalse(client.throttle.isLimiting)
        XCTAssertEqual(client.throttle.waits, 0)
    }

    func testTheThrottlingGaugeFallsToZeroOnceAPFIsSeen() async throws {
        let metrics = TestMetricsFactory.installed
        let client = try client(try await startCluster(), .automatic(qps: 50, burst: 300))
        XCTAssertEqual(metrics.value(RequestThrottle.gauge), 1)
        _ = try await ResourceClient(client: client, resource: namespaces).list()
        XCTAssertEqual(metrics.value(RequestThrottle.gauge), 0)
    }

    func testTheDefaultIsAutomaticAtFiftyAndThreeHundred() {
        XCTAssertEqual(APIClient.Options().throttle, .automatic(qps: 50, burst: 300))
    }

    // MARK: The server's flow control, over TLS as a service account (workload-low)

    /// TLS with a bearer token (a service account to the server's flow control), every
    /// request held for `delay`, and `workload-low` cut to `seats` seats.
    private func busyCluster(
        seats: Int, queuing: PriorityLevelConfiguration.Queuing?, delay: Duration
    ) async throws -> (TestCluster, TransportConfiguration) {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["service-account-token"]
            var flowControl = FlowControlConfiguration()
            flowControl[priorityLevel: "workload-low"]?.fixedConcurrencyLimit = seats
            flowControl[priorityLevel: "workload-low"]?.queuing = queuing
            $0.flowControl = flowControl
        }
        await cluster.server.faults.delayRequests(by: delay)
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .bearerToken(Sensitive("service-account-token"))
        return (cluster, configuration)
    }

    private func seats(_ cluster: TestCluster) async -> Int {
        await cluster.server.flowControl?.seatsInUse(of: "workload-low") ?? -1
    }

    func testSlowRequestsOverTheLimitAndTheQueueGet429WithRetryAfter() async throws {
        let (cluster, configuration) = try await busyCluster(
            seats: 2, queuing: .init(queues: 1, handSize: 1, queueLengthLimit: 1), delay: .seconds(2))
        let transport = try HTTPTransport(configuration: configuration)
        let list = TransportRequest(path: "/api/v1/namespaces")
        let running = (0..<2).map { _ in Task { try await transport.send(list) } }
        let bothRunning = await eventually { await self.seats(cluster) == 2 }
        XCTAssertTrue(bothRunning)
        let queued = Task { try await transport.send(list) }
        let waiting = await eventually { await cluster.server.flowControl?.queuedRequests(of: "workload-low") == 1 }
        XCTAssertTrue(waiting)

        let rejected = try await transport.send(list)
        XCTAssertEqual(rejected.status, 429)
        XCTAssertEqual(rejected.head.headers["Retry-After"], "1")
        XCTAssertEqual(text(rejected), "Too many requests, please try again later.\n")
        XCTAssertNotNil(rejected.head.headers["X-Kubernetes-PF-PriorityLevel-UID"])
        for task in running + [queued] {
            let status = try await task.value.status
            XCTAssertEqual(status, 200)
        }
    }

    func testAWriteRejectedByFlowControlIsRetriedAfterRetryAfter() async throws {
        let metrics = TestMetricsFactory.installed
        let (cluster, configuration) = try await busyCluster(seats: 1, queuing: nil, delay: .milliseconds(1500))
        let client = try APIClient(configuration: configuration)
        let namespaceList = ResourceClient(client: client, resource: namespaces)
        let holding = Task { try await namespaceList.list() }
        let held = await eventually { await self.seats(cluster) == 1 }
        XCTAssertTrue(held)
        let retriedBefore = metrics.count("rudder_kubeclient_request_retries_total", ["verb": "POST", "code": "429"])

        let created = try await ResourceClient(client: client, resource: configmaps, namespace: "default").create(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "after-429"]])

        XCTAssertEqual(created.metadataName, "after-429")
        let retried = metrics.count("rudder_kubeclient_request_retries_total", ["verb": "POST", "code": "429"]) - retriedBefore
        XCTAssertGreaterThanOrEqual(retried, 1, "the create was refused by flow control first")
        _ = try await holding.value
    }
}
