import EmbeddedAPIServer
import Foundation
import KubeObjects
import XCTest

@testable import KubeClient

/// Lease-based leader election against the embedded API server, with short durations
/// (lease 2 s, renew deadline 1.5 s, retry 0.3 s). The only time limits are generous
/// deadlines for what must eventually happen.
final class LeaderElectionTests: TransportTestCase {
    private let leases = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")

    private func configuration(_ identity: String, releaseOnCancel: Bool = true) -> LeaderElectionConfiguration {
        var c = LeaderElectionConfiguration(leaseName: "rudder-leader", namespace: "default", identity: identity)
        c.leaseDuration = .seconds(2)
        c.renewDeadline = .milliseconds(1500)
        c.retryPeriod = .milliseconds(300)
        c.releaseOnCancel = releaseOnCancel
        return c
    }

    private func lease(_ client: APIClient) async throws -> JSONValue? {
        try await ResourceClient(client: client, resource: leases, namespace: "default").getIfExists("rudder-leader")
    }

    /// Starts a candidate whose work records itself in `log` while it leads.
    private func candidate(_ elector: LeaderElector, _ log: LeadershipLog) -> Task<Void, Error> {
        let identity = elector.configuration.identity
        return Task {
            try await elector.run {
                await log.started(identity)
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    await log.stopped(identity)
                    throw error
                }
            }
        }
    }

    func testOfTwoCandidatesExactlyOneLeadsAndKeepsRenewing() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let log = LeadershipLog()
        let a = candidate(try LeaderElector(client: client, configuration: configuration("a")), log)
        let b = candidate(try LeaderElector(client: client, configuration: configuration("b")), log)
        defer { a.cancel(); b.cancel() }

        let led = await eventually { await log.leaders.count == 1 }
        XCTAssertTrue(led, "no candidate became leader")
        let firstRenewTime = try await lease(client)?[path: ["spec", "renewTime"]]?.stringValue
        // Two lease durations: long enough for the other to take over if renewals failed.
        try await Task.sleep(for: .seconds(4))

        let leaders = await log.leaders
        let starts = await log.starts
        XCTAssertEqual(leaders.count, 1)
        XCTAssertEqual(starts.count, 1, "leadership changed hands: \(starts)")
        let mostAtOnce = await log.mostAtOnce
        XCTAssertEqual(mostAtOnce, 1)
        let spec = try await lease(client)?["spec"]
        XCTAssertEqual(spec?["holderIdentity"]?.stringValue, leaders.first)
        XCTAssertEqual(spec?["leaseTransitions"]?.intValue, 0, "renewals are not transitions")
        XCTAssertEqual(spec?["leaseDurationSeconds"]?.intValue, 2)
        XCTAssertNotEqual(spec?[path: ["renewTime"]]?.stringValue, firstRenewTime, "the leader did not renew")
    }

    func testWhenTheLeaderIsKilledTheOtherTakesOverWithinTheLeaseDuration() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let log = LeadershipLog()
        // "Killed": cancelled without releasing, as a crashed process would leave the Lease.
        let a = candidate(try LeaderElector(client: client, configuration: configuration("a", releaseOnCancel: false)), log)
        let aLeads = await eventually { await log.leaders == ["a"] }
        XCTAssertTrue(aLeads)
        let b = candidate(try LeaderElector(client: client, configuration: configuration("b")), log)
        defer { b.cancel() }

        a.cancel()
        _ = await a.result
        let holderAfterKill = try await lease(client)?[path: ["spec", "holderIdentity"]]?.stringValue
        XCTAssertEqual(holderAfterKill, "a", "a killed leader must not have released the Lease")
        // A generous deadline: expiry is 2 s after b last saw the record change, plus its retry.
        let bLeads = await eventually(timeout: .seconds(6)) { await log.leaders == ["b"] }
        XCTAssertTrue(bLeads, "b did not take over")
        let transitions = try await lease(client)?[path: ["spec", "leaseTransitions"]]?.intValue
        XCTAssertEqual(transitions, 1)
        let mostAtOnce = await log.mostAtOnce
        XCTAssertEqual(mostAtOnce, 1, "two leaders at once")
    }

    func testAGracefulShutdownReleasesTheLeaseForAnImmediateHandover() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let log = LeadershipLog()
        // A long lease: b can only take over within the test's deadline if a releases it.
        func long(_ identity: String) -> LeaderElectionConfiguration {
            var c = configuration(identity)
            c.leaseDuration = .seconds(60)
            c.renewDeadline = .seconds(40)
            return c
        }
        let a = candidate(try LeaderElector(client: client, configuration: long("a")), log)
        let aLeads = await eventually { await log.leaders == ["a"] }
        XCTAssertTrue(aLeads)
        let b = candidate(try LeaderElector(client: client, configuration: long("b")), log)
        defer { b.cancel() }

        a.cancel()
        let outcome = await a.result
        XCTAssertThrowsError(try outcome.get()) { XCTAssertTrue($0 is CancellationError, "\($0)") }
        let bLeads = await eventually(timeout: .seconds(10)) { await log.leaders == ["b"] }
        XCTAssertTrue(bLeads, "b did not take over a released Lease")
        let spec = try await lease(client)?["spec"]
        XCTAssertEqual(spec?["holderIdentity"]?.stringValue, "b")
        XCTAssertEqual(spec?["leaseTransitions"]?.intValue, 1)
    }

    func testWorkThatFinishesReleasesTheLease() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let elector = try LeaderElector(client: client, configuration: configuration("a"))
        try await elector.run {}
        let spec = try await lease(client)?["spec"]
        XCTAssertNil(spec?["holderIdentity"], "released: no holder")
        XCTAssertEqual(spec?["leaseDurationSeconds"]?.intValue, 1)
        let isLeader = await elector.isLeader
        XCTAssertFalse(isLeader)
    }

    func testLosingTheLeaseCancelsTheWorkAndThrows() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let log = LeadershipLog()
        let a = candidate(try LeaderElector(client: client, configuration: configuration("a")), log)
        let aLeads = await eventually { await log.leaders == ["a"] }
        XCTAssertTrue(aLeads)

        // Another writer takes the Lease over behind the leader's back.
        let resource = ResourceClient(client: client, resource: leases, namespace: "default")
        var stolen = try await resource.get("rudder-leader")
        stolen[path: ["spec", "holderIdentity"]] = "intruder"
        stolen[path: ["spec", "leaseDurationSeconds"]] = 60
        _ = try await resource.update(stolen)

        let outcome = await a.result
        XCTAssertThrowsError(try outcome.get()) {
            XCTAssertEqual($0 as? LeaderElectionError, .leadershipLost(lease: "default/rudder-leader", identity: "a"))
        }
        let stops = await log.stops
        XCTAssertEqual(stops, ["a"], "the work was not cancelled")
        let holder = try await lease(client)?[path: ["spec", "holderIdentity"]]?.stringValue
        XCTAssertEqual(holder, "intruder")
    }

    func testEventsReportLeadershipAndTheNewLeader() async throws {
        let cluster = try await startCluster()
        let client = try APIClient(configuration: cluster.configuration())
        let elector = try LeaderElector(client: client, configuration: configuration("a"))
        try await elector.run {}
        var seen: [LeadershipEvent] = []
        for await event in elector.events {
            seen.append(event)
            if event == .stoppedLeading { break }
        }
        XCTAssertEqual(seen, [.newLeader("a"), .startedLeading, .stoppedLeading])
    }

    func testDurationsThatAllowTwoLeadersAreRefused() {
        var c = LeaderElectionConfiguration(leaseName: "l", namespace: "default", identity: "a")
        c.leaseDuration = .seconds(10)
        c.renewDeadline = .seconds(10)
        XCTAssertThrowsError(try c.validate()) {
            XCTAssertEqual($0 as? LeaderElectionError, .invalidConfiguration("leaseDuration must be greater than renewDeadline"))
        }
        c.renewDeadline = .seconds(2)
        c.retryPeriod = .seconds(2)
        XCTAssertThrowsError(try c.validate())
    }

    func testMicroTimeHasSixFractionDigits() {
        XCTAssertEqual(LeaderElectionRecord.microTime(Date(timeIntervalSince1970: 1_714_564_800)), "2024-05-01T12:00:00.000000Z")
        XCTAssertEqual(LeaderElectionRecord.microTime(Date(timeIntervalSince1970: 1_714_564_800.25)), "2024-05-01T12:00:00.250000Z")
    }
}

/// Who leads, as the candidates' work reports it.
actor LeadershipLog {
    private(set) var leaders: Set<String> = []
    private(set) var starts: [String] = []
    private(set) var stops: [String] = []
    private(set) var mostAtOnce = 0

    func started(_ identity: String) {
        leaders.insert(identity)
        starts.append(identity)
        mostAtOnce = max(mostAtOnce, leaders.count)
    }

    func stopped(_ identity: String) {
        leaders.remove(identity)
        stops.append(identity)
    }
}
