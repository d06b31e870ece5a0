import EmbeddedAPIServer
import Foundation
import KubeObjects
import XCTest

/// API Priority and Fairness in-process: classification by user and request, the APF
/// headers on every answer, seats, queues, the queue wait limit and kube-apiserver's 429.
/// Slow requests are held by a gate the test opens, so no outcome depends on timing.
final class FlowControlTests: XCTestCase {
    private static let alice = Authenticator.Caller.clientCertificate(commonName: "alice")
    private static let admin = Authenticator.Caller.clientCertificate(commonName: "rudder-admin", organizations: ["system:masters"])

    private static func request(
        _ method: String, _ target: String, caller: Authenticator.Caller?, body: JSONValue? = nil, contentType: String = "application/json"
    ) -> HTTPRequest {
        var request = HTTPRequest(
            method: method, target: target, headers: body == nil ? [] : [("Content-Type", contentType)],
            body: body?.serializedBytes() ?? [])
        request.caller = caller
        return request
    }

    /// A GET of the namespaces by `caller`, sent from its own task.
    private static func inBackground(_ handler: FlowControlHandler, caller: Authenticator.Caller) -> Task<HTTPResponse, Never> {
        let request = request("GET", "/api/v1/namespaces", caller: caller)
        return Task { await handler.handle(request) }
    }

    /// Only `global-default` limited to `seats`, queuing as given (nil: reject at once).
    private func tinyLimits(
        seats: Int, queuing: PriorityLevelConfiguration.Queuing?, waitLimit: Duration = .seconds(60)
    ) -> FlowController {
        var configuration = FlowControlConfiguration()
        configuration[priorityLevel: "global-default"]?.fixedConcurrencyLimit = seats
        configuration[priorityLevel: "global-default"]?.queuing = queuing
        configuration.queueWaitLimit = waitLimit
        return FlowController(configuration: configuration)
    }

    private func uids(_ response: HTTPResponse) -> [String?] {
        [response.header(FlowControlHandler.flowSchemaHeader), response.header(FlowControlHandler.priorityLevelHeader)]
    }

    private func expected(_ schema: String, _ level: String) throws -> [String?] {
        let s = try XCTUnwrap(FlowSchema.kubeAPIServerDefaults.first { $0.name == schema })
        let l = try XCTUnwrap(PriorityLevelConfiguration.kubeAPIServerDefaults.first { $0.name == level })
        return [s.uid, l.uid]
    }

    // MARK: Headers and classification

    func testGetListWatchAndPatchAnswersCarryTheFlowSchemaAndPriorityLevelUIDs() async throws {
        let t = try await TestCluster()
        _ = try await t.configMap("a")
        let handler = FlowControlHandler(APIHandler(cluster: t.cluster), controller: FlowController())
        let want = try expected("global-default", "global-default")
        let answers = [
            await handler.handle(Self.request("GET", "/api/v1/namespaces/ns/configmaps/a", caller: Self.alice)),
            await handler.handle(Self.request("GET", "/api/v1/namespaces/ns/configmaps", caller: Self.alice)),
            await handler.handle(Self.request("GET", "/api/v1/namespaces/ns/configmaps?watch=true", caller: Self.alice)),
            await handler.handle(Self.request(
                "PATCH", "/api/v1/namespaces/ns/configmaps/a", caller: Self.alice, body: ["data": ["k": "v"]],
                contentType: "application/merge-patch+json")),
        ]
        XCTAssertEqual(answers.map(\.status), [200, 200, 200, 200])
        XCTAssertTrue(answers[2].isStream, "the watch should stream")
        for answer in answers { XCTAssertEqual(uids(answer), want) }
    }

    func testTheUIDsAreStableAndNotTheNames() throws {
        let schema = try XCTUnwrap(FlowSchema.kubeAPIServerDefaults.first { $0.name == "global-default" })
        XCTAssertEqual(schema.uid, FlowSchema.kubeAPIServerDefaults.first { $0.name == "global-default" }?.uid)
        XCTAssertNotEqual(schema.uid, "global-default")
        XCTAssertEqual(schema.uid.count, 36, schema.uid)
    }

    func testSystemMastersAndPlainHTTPAreExempt() async throws {
        let handler = FlowControlHandler(APIHandler(cluster: try await TestCluster().cluster), controller: FlowController())
        let want = try expected("exempt", "exempt")
        let byCertificate = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: Self.admin))
        let overPlainHTTP = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: .plainHTTP))
        XCTAssertEqual(uids(byCertificate), want)
        XCTAssertEqual(uids(overPlainHTTP), want)
    }

    func testServiceAccountTokensGoToWorkloadLow() async throws {
        let handler = FlowControlHandler(APIHandler(cluster: try await TestCluster().cluster), controller: FlowController())
        let answer = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: .bearerToken))
        XCTAssertEqual(uids(answer), try expected("service-accounts", "workload-low"))
    }

    func testLeaseReadsAndWritesGoToLeaderElection() async throws {
        let handler = FlowControlHandler(APIHandler(cluster: try await TestCluster().cluster), controller: FlowController())
        let lease = "/apis/coordination.k8s.io/v1/namespaces/ns/leases/leader"
        let want = try expected("workload-leader-election", "leader-election")
        let read = await handler.handle(Self.request("GET", lease, caller: .bearerToken))
        let write = await handler.handle(Self.request("PUT", lease, caller: Self.alice, body: [:]))
        XCTAssertEqual(uids(read), want)
        XCTAssertEqual(uids(write), want)
        // Listing leases is no election traffic.
        let list = await handler.handle(Self.request("GET", "/apis/coordination.k8s.io/v1/namespaces/ns/leases", caller: Self.alice))
        XCTAssertEqual(uids(list), try expected("global-default", "global-default"))
    }

    func testHealthProbesAreExemptForAnonymousUsers() async throws {
        let handler = FlowControlHandler(APIHandler(cluster: try await TestCluster().cluster), controller: FlowController())
        let answer = await handler.handle(Self.request("GET", "/readyz", caller: .anonymous))
        XCTAssertEqual(uids(answer), try expected("probes", "exempt"))
    }

    func testSeatsPerLevelAreKubeAPIServersShareOf600() {
        let configuration = FlowControlConfiguration()
        XCTAssertEqual(configuration.concurrencyLimit(of: "workload-low"), 245)
        XCTAssertEqual(configuration.concurrencyLimit(of: "global-default"), 49)
        XCTAssertEqual(configuration.concurrencyLimit(of: "leader-election"), 25)
        XCTAssertEqual(configuration.concurrencyLimit(of: "catch-all"), 13)
        XCTAssertNil(configuration.concurrencyLimit(of: "exempt"))
    }

    // MARK: Seats and queues

    func testOverTheLimitRequestsQueueAndAFullQueueIsRejectedWithKubeAPIServersAnswer() async throws {
        let gate = Gate()
        let controller = tinyLimits(seats: 2, queuing: .init(queues: 1, handSize: 1, queueLengthLimit: 1))
        let handler = FlowControlHandler(gate, controller: controller)
        let running = (0..<2).map { _ in Self.inBackground(handler, caller: Self.alice) }
        await gate.waitUntilEntered(2)
        let queued = Self.inBackground(handler, caller: Self.alice)
        while await controller.queuedRequests(of: "global-default") < 1 { await Task.yield() }

        let rejected = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: Self.alice))
        XCTAssertEqual(rejected.status, 429)
        XCTAssertEqual(rejected.header("Retry-After"), "1")
        XCTAssertEqual(rejected.header("Content-Type"), "text/plain; charset=utf-8")
        let text = String(decoding: await rejected.bytes, as: UTF8.self)
        XCTAssertEqual(text, "Too many requests, please try again later.\n")
        XCTAssertEqual(uids(rejected), try expected("global-default", "global-default"))

        await gate.open()
        for task in running + [queued] {
            let status = await task.value.status
            XCTAssertEqual(status, 200)
        }
        XCTAssertEqual(gate.served, 3, "the queued request is served once a seat frees")
    }

    func testAQueuedRequestIsRejectedAfterTheQueueWaitLimit() async throws {
        let gate = Gate()
        let controller = tinyLimits(seats: 1, queuing: .init(queues: 4, handSize: 2, queueLengthLimit: 10), waitLimit: .milliseconds(50))
        let handler = FlowControlHandler(gate, controller: controller)
        let holding = Self.inBackground(handler, caller: Self.alice)
        await gate.waitUntilEntered(1)
        let waited = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: Self.alice))
        XCTAssertEqual(waited.status, 429)
        XCTAssertEqual(gate.served, 1, "the rejected request never reached the API")
        await gate.open()
        let held = await holding.value.status
        XCTAssertEqual(held, 200)
    }

    func testALevelWithoutQueuesRejectsAtOnce() async throws {
        let gate = Gate()
        let handler = FlowControlHandler(gate, controller: tinyLimits(seats: 1, queuing: nil))
        let holding = Self.inBackground(handler, caller: Self.alice)
        await gate.waitUntilEntered(1)
        let second = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: Self.alice)).status
        XCTAssertEqual(second, 429)
        await gate.open()
        let held = await holding.value.status
        XCTAssertEqual(held, 200)
    }

    func testExemptRequestsAreNeverQueuedOrRejected() async throws {
        let gate = Gate()
        var configuration = FlowControlConfiguration()
        for level in configuration.priorityLevels where !level.isExempt {
            configuration[priorityLevel: level.name]?.fixedConcurrencyLimit = 0
            configuration[priorityLevel: level.name]?.queuing = nil
        }
        let handler = FlowControlHandler(gate, controller: FlowController(configuration: configuration))
        let requests = (0..<6).map { _ in Self.inBackground(handler, caller: Self.admin) }
        // All six are inside the API at once although no limited level has a seat.
        await gate.waitUntilEntered(6)
        let limited = await handler.handle(Self.request("GET", "/api/v1/namespaces", caller: Self.alice)).status
        XCTAssertEqual(limited, 429)
        await gate.open()
        for task in requests {
            let status = await task.value.status
            XCTAssertEqual(status, 200)
        }
    }

    func testAWatchGivesBackItsSeatOnceItsStreamIsReturned() async throws {
        let t = try await TestCluster()
        let controller = tinyLimits(seats: 1, queuing: nil)
        let handler = FlowControlHandler(APIHandler(cluster: t.cluster), controller: controller)
        let watch = await handler.handle(Self.request("GET", "/api/v1/namespaces/ns/configmaps?watch=true", caller: Self.alice))
        XCTAssertTrue(watch.isStream)
        let seats = await controller.seatsInUse(of: "global-default")
        XCTAssertEqual(seats, 0)
        // The watch is still open, and the one seat serves the next request.
        let list = await handler.handle(Self.request("GET", "/api/v1/namespaces/ns/configmaps", caller: Self.alice)).status
        XCTAssertEqual(list, 200)
        withExtendedLifetime(watch) {}
    }

    // MARK: Over the socket

    func testTheServerSendsAPFHeadersOverHTTP() async throws {
        var configuration = APIServer.Configuration()
        configuration.workloadSimulator = nil
        let server = APIServer(configuration: configuration)
        let ports = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { ports.continuation.finish() }
            try await server.run { port in ports.continuation.yield(port) }
        }
        defer { task.cancel() }
        var it = ports.stream.makeAsyncIterator()
        guard let port = await it.next() else { throw CancellationError() }
        let answer = try await RawHTTP.get(port: port, path: "/api/v1/namespaces", retryFor: .seconds(10))
        let exempt = try expected("exempt", "exempt")
        XCTAssertTrue(answer.contains("X-Kubernetes-PF-FlowSchema-UID: \(exempt[0] ?? "")\r\n"), answer)
        XCTAssertTrue(answer.contains("X-Kubernetes-PF-PriorityLevel-UID: \(exempt[1] ?? "")\r\n"), answer)
    }

    func testAServerWithoutFlowControlSendsNoAPFHeaders() async throws {
        var configuration = APIServer.Configuration()
        configuration.workloadSimulator = nil
        configuration.flowControl = nil
        let server = APIServer(configuration: configuration)
        let ports = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { ports.continuation.finish() }
            try await server.run { port in ports.continuation.yield(port) }
        }
        defer { task.cancel() }
        var it = ports.stream.makeAsyncIterator()
        guard let port = await it.next() else { throw CancellationError() }
        let answer = try await RawHTTP.get(port: port, path: "/api/v1/namespaces", retryFor: .seconds(10))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
        XCTAssertFalse(answer.contains("X-Kubernetes-PF-"), answer)
    }
}

/// An API that holds every request until the test opens it, counting who came in.
private final class Gate: HTTPRequestHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var entered = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    var served: Int { lock.withLock { entered } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go: Bool = lock.withLock {
                entered += 1
                if isOpen { return true }
                waiters.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
        return HTTPResponse(status: 200, body: .bytes(Array("{}".utf8)))
    }

    func waitUntilEntered(_ count: Int) async {
        while served < count { await Task.yield() }
    }

    func open() async {
        let waiting: [CheckedContinuation<Void, Never>] = lock.withLock {
            isOpen = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }
}
