import Foundation
import KubeObjects

/// Lease-based leader election with client-go's semantics (`tools/leaderelection`), so a
/// Rudder controller can run in several replicas with one of them reconciling.
///
/// - A candidate takes the Lease when it is absent, released (no holder), held by itself,
///   or expired. Expiry is judged on this candidate's monotonic clock: `leaseDuration`
///   after it last *saw the record change*, never by comparing `renewTime` with the local
///   wall clock, so skewed clocks between nodes cannot hand the Lease to two holders.
/// - Writes are conditional on the `resourceVersion` just read: of two candidates writing
///   at once, one gets 409 Conflict and has lost that round.
/// - `leaseTransitions` counts changes of holder.
/// - The leader renews every `retryPeriod`; when it has not renewed for `renewDeadline`,
///   or sees another holder, leadership ends and the work is cancelled.
/// - On cancellation (graceful shutdown) it releases the Lease (holder cleared, the Lease
///   kept) unless told not to, so a successor takes over at once.
public actor LeaderElector {
    public nonisolated let configuration: LeaderElectionConfiguration
    /// Leadership changes, for observers (client-go's callbacks). Newest 64 kept when unread.
    public nonisolated let events: AsyncStream<LeadershipEvent>
    private let eventInput: AsyncStream<LeadershipEvent>.Continuation
    private let leases: ResourceClient
    private let wallClock: @Sendable () -> Date

    /// The record as last read or written, and when (on the monotonic clock) it last changed.
    private var observed: LeaderElectionRecord?
    private var observedAt: ContinuousClock.Instant?
    private var reportedLeader: String?
    private var running = false
    public private(set) var isLeader = false

    public init(client: APIClient, configuration: LeaderElectionConfiguration) throws(LeaderElectionError) {
        try self.init(client: client, configuration: configuration, wallClock: { Date() })
    }

    /// `wallClock` only stamps `acquireTime`/`renewTime`; expiry never reads it.
    init(client: APIClient, configuration: LeaderElectionConfiguration, wallClock: @escaping @Sendable () -> Date) throws(LeaderElectionError) {
        try configuration.validate()
        self.configuration = configuration
        self.wallClock = wallClock
        leases = ResourceClient(
            client: client, resource: GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases"),
            namespace: configuration.namespace)
        (events, eventInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    deinit { eventInput.finish() }

    /// The holder this candidate last saw, if any.
    public var currentLeader: String? {
        guard let holder = observed?.holderIdentity, !holder.isEmpty else { return nil }
        return holder
    }

    /// Waits until this candidate leads, then runs `whileLeading` for as long as it does.
    ///
    /// - `whileLeading` returns or throws: the Lease is released and `run` returns or
    ///   rethrows.
    /// - Leadership is lost: `whileLeading` is cancelled (and awaited), then
    ///   `LeaderElectionError.leadershipLost` is thrown. The Lease is not released: a
    ///   leader that cannot renew cannot write either.
    /// - The calling task is cancelled: `whileLeading` is cancelled and awaited, the Lease
    ///   released when `releaseOnCancel`, and `CancellationError` thrown.
    public func run(whileLeading: @escaping @Sendable () async throws -> Void) async throws {
        guard !running else { throw LeaderElectionError.alreadyRunning }
        running = true
        defer { running = false }

        let acquiredAt = try await acquire()
        setLeader(true)
        enum Outcome: Sendable {
            case finished
            case failed(any Error)
            case lost
        }
        let outcome = await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    try await whileLeading()
                    return .finished
                } catch {
                    return .failed(error)
                }
            }
            group.addTask { await self.keepRenewing(from: acquiredAt) ? nil : .lost }
            // The first to end decides; the other is cancelled and awaited, so no work
            // outlives leadership.
            let first = await group.next() ?? nil
            group.cancelAll()
            var outcome = first
            while let next = await group.next() { outcome = outcome ?? next }
            return outcome ?? .lost
        }
        setLeader(false)

        let cancelled = Task.isCancelled
        if case .lost = outcome, !cancelled {
            throw LeaderElectionError.leadershipLost(lease: leaseDescription, identity: configuration.identity)
        }
        if !cancelled || configuration.releaseOnCancel {
            // A new task: this one may be cancelled, and the release must still be sent.
            await Task { await self.release() }.value
        }
        if cancelled { throw CancellationError() }
        if case .failed(let error) = outcome { throw error }
    }

    // MARK: Acquire and renew

    /// Tries every `retryPeriod` (with client-go's jitter) until the Lease is ours; returns
    /// when the successful attempt started.
    private func acquire() async throws -> ContinuousClock.Instant {
        while true {
            try Task.checkCancellation()
            let started = ContinuousClock.now
            if case .held = await tryAcquireOrRenew() { return started }
            let jitter = configuration.retryPeriod * Double.random(in: 0...LeaderElectionConfiguration.jitterFactor)
            try await Task.sleep(for: configuration.retryPeriod + jitter)
        }
    }

    /// Renews every `retryPeriod` until cancelled (true) or leadership is lost (false).
    /// Each attempt is bounded by what is left of the renew deadline, counted from the
    /// start of the last successful renewal: a leader that stops at that deadline stops
    /// before others, who wait a whole `leaseDuration`, consider the Lease expired.
    private func keepRenewing(from acquiredAt: ContinuousClock.Instant) async -> Bool {
        var lastRenewal = acquiredAt
        while true {
            do {
                try await Task.sleep(for: configuration.retryPeriod)
            } catch {
                return true
            }
            while true {
                let started = ContinuousClock.now
                let left = lastRenewal + configuration.renewDeadline - started
                guard left > .zero else { return false }
                let result = (try? await withDeadline(left) { await self.tryAcquireOrRenew() }) ?? nil
                if Task.isCancelled { return true }
                switch result {
                case .held:
                    lastRenewal = started
                case .heldByOther:
                    // Someone else holds it: stop now rather than work alongside them.
                    return false
                case .failed, nil:
                    do {
                        try await Task.sleep(for: min(configuration.retryPeriod, max(left - (ContinuousClock.now - started), .zero)))
                    } catch {
                        return true
                    }
                    continue
                }
                break
            }
        }
    }

    enum Attempt: Sendable {
        case held
        case heldByOther(String)
        case failed(any Error)
    }

    /// One round of client-go's `tryAcquireOrRenew`: read the Lease, decide, write it back
    /// conditionally.
    func tryAcquireOrRenew() async -> Attempt {
        let now = wallClock()
        var record = LeaderElectionRecord(
            holderIdentity: configuration.identity, leaseDurationSeconds: configuration.leaseDurationSeconds,
            acquireTime: LeaderElectionRecord.microTime(now), renewTime: LeaderElectionRecord.microTime(now), leaseTransitions: 0)

        let current: JSONValue?
        do {
            current = try await leases.getIfExists(configuration.leaseName)
        } catch {
            return .failed(error)
        }
        guard var lease = current else {
            let fresh: JSONValue = [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(configuration.leaseName), "namespace": .string(configuration.namespace)],
                "spec": record.spec,
            ]
            do {
                observe(try await leases.create(fresh))
                return .held
            } catch {
                return .failed(error)  // 409 AlreadyExists: another candidate created it first
            }
        }

        let old = LeaderElectionRecord(lease: lease)
        observe(lease)
        let heldByUs = old.holderIdentity == configuration.identity
        if !old.holderIdentity.isEmpty, !heldByUs {
            let expiresAt = (observedAt ?? .now) + .seconds(old.leaseDurationSeconds)
            if expiresAt > ContinuousClock.now { return .heldByOther(old.holderIdentity) }
        }
        if heldByUs {
            record.acquireTime = old.acquireTime
            record.leaseTransitions = old.leaseTransitions
        } else {
            record.leaseTransitions = old.leaseTransitions + 1
        }
        // The resourceVersion read above stays in `lease`: the update is conditional on it.
        lease["spec"] = record.spec
        do {
            observe(try await leases.update(lease))
            return .held
        } catch {
            return .failed(error)  // 409 Conflict: another candidate wrote first
        }
    }

    /// Hands the Lease back: holder cleared, the Lease and its transition count kept
    /// (client-go's `release`). Only if this candidate still holds it, conditionally.
    func release() async {
        guard let lease = try? await withDeadline(configuration.renewDeadline, { try await self.leases.getIfExists(self.configuration.leaseName) }),
            var lease
        else { return }
        let old = LeaderElectionRecord(lease: lease)
        guard old.holderIdentity == configuration.identity else { return }
        let now = LeaderElectionRecord.microTime(wallClock())
        let released = LeaderElectionRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: old.leaseTransitions)
        lease["spec"] = released.spec
        let request = lease
        if let written = try? await withDeadline(configuration.renewDeadline, { try await self.leases.update(request) }) {
            observe(written)
        }
    }

    // MARK: State

    /// Notes a Lease as read or written; a changed record restarts its expiry countdown.
    private func observe(_ lease: JSONValue) {
        let record = LeaderElectionRecord(lease: lease)
        if record != observed {
            observed = record
            observedAt = .now
        }
        if !record.holderIdentity.isEmpty, record.holderIdentity != reportedLeader {
            reportedLeader = record.holderIdentity
            eventInput.yield(.newLeader(record.holderIdentity))
        }
    }

    private func setLeader(_ leading: Bool) {
        guard leading != isLeader else { return }
        isLeader = leading
        eventInput.yield(leading ? .startedLeading : .stoppedLeading)
    }

    private var leaseDescription: String { "\(configuration.namespace)/\(configuration.leaseName)" }
}

/// Runs `operation`, giving up after `limit`: nil when the time ran out (the operation is
/// cancelled and awaited). Throws what the operation throws.
func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
