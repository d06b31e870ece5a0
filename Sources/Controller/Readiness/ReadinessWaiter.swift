import KubeClient
import KubeObjects

/// Waits for a release's objects to become ready (`--wait`): reads each object that is not
/// ready yet every `pollInterval` and checks it with `ReadinessCheck`, until all are ready,
/// one has failed, or `timeout` passes. The answer names every object still not ready and
/// why, which is what a person needs to act on a timeout.
///
/// Objects once ready are not read again (a Deployment that was available does not need to
/// prove it twice), kinds that have no status to wait for are never read, and the first
/// look at an object is the state its apply returned, when there is one.
public struct ReadinessWaiter: Sendable {
    public let client: APIClient
    public let mapper: RESTMapper
    public var pollInterval: Duration
    /// The first re-read comes this soon, each next one twice as late, up to `pollInterval`:
    /// most objects are ready a fraction of a second after they are applied, and a whole
    /// interval's sleep for them was most of an install's time (100 releases of a small
    /// chart took three times as long); slow objects still cost one read per interval.
    public var firstRetry: Duration

    public init(client: APIClient, mapper: RESTMapper, pollInterval: Duration = .seconds(1), firstRetry: Duration = .milliseconds(100)) {
        self.client = client
        self.mapper = mapper
        self.pollInterval = pollInterval
        self.firstRetry = firstRetry
    }

    /// The sleep before re-read `round` (1 for the first re-read).
    public func retryDelay(beforeRound round: Int) -> Duration {
        var delay = min(firstRetry, pollInterval)
        var doubled = 1
        while doubled < round && delay < pollInterval {
            delay = min(delay * 2, pollInterval)
            doubled += 1
        }
        return delay
    }

    /// Kinds with nothing to wait for (`group/Kind`): their existence is their readiness.
    static let statusless: Set<String> = [
        "/ConfigMap", "/Secret", "/ServiceAccount", "/Namespace", "/LimitRange", "/ResourceQuota",
        "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRole",
        "rbac.authorization.k8s.io/ClusterRoleBinding", "networking.k8s.io/NetworkPolicy", "networking.k8s.io/IngressClass",
        "scheduling.k8s.io/PriorityClass", "storage.k8s.io/StorageClass", "policy/PodDisruptionBudget",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
    ]

    public func wait(for objects: [AppliedObject], timeout: Duration) async throws -> ReadinessResult {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pending = objects.filter { !Self.statusless.contains("\($0.kind.group)/\($0.kind.kind)") }
        var round = 0
        while true {
            var stillPending: [(AppliedObject, ReadinessState)] = []
            var failed: [NotReadyObject] = []
            for object in pending {
                // The apply's answer is the first look; later rounds read the server.
                let state = if round == 0, let applied = object.appliedState { applied } else { try await state(of: object) }
                switch state {
                case .ready: continue
                case .failed: failed.append(NotReadyObject(object: object.identity, source: object.source, state: state))
                case .inProgress: stillPending.append((object, state))
                }
            }
            if !failed.isEmpty { return .failed(failed) }
            if stillPending.isEmpty { return .ready }
            let now = clock.now
            if now >= deadline {
                return .timedOut(
                    after: timeout,
                    pending: stillPending.map { NotReadyObject(object: $0.0.identity, source: $0.0.source, state: $0.1) })
            }
            pending = stillPending.map(\.0)
            round += 1
            try await clock.sleep(for: min(retryDelay(beforeRound: round), deadline - now))
        }
    }

    /// One read and check; an object not there (yet, or any more) is not ready.
    private func state(of object: AppliedObject) async throws -> ReadinessState {
        let resource: ResourceClient
        do {
            resource = try await mapper.resourceClient(for: object.kind, namespace: object.namespace, client: client)
        } catch is UnknownResourceError {
            return .inProgress("the server does not serve \(object.kind.apiVersion) \(object.kind.kind)")
        }
        guard let current = try await resource.getIfExists(object.name) else { return .inProgress("not found") }
        return ReadinessCheck.check(current)
    }
}

/// The end of a wait.
public enum ReadinessResult: Sendable, Equatable, CustomStringConvertible {
    case ready
    /// These objects failed (others may still have been in progress).
    case failed([NotReadyObject])
    /// These objects were not ready when the time was up.
    case timedOut(after: Duration, pending: [NotReadyObject])

    public var isReady: Bool { self == .ready }

    /// What to tell the user: every object not ready and why.
    public var description: String {
        switch self {
        case .ready: return "all objects are ready"
        case .failed(let objects):
            return "\(objects.count) object(s) failed: " + objects.map(\.description).joined(separator: "; ")
        case .timedOut(let after, let pending):
            return "timed out after \(after) waiting for \(pending.count) object(s) to be ready: "
                + pending.map(\.description).joined(separator: "; ")
        }
    }
}

/// One object that was not ready, and why.
public struct NotReadyObject: Sendable, Hashable, CustomStringConvertible {
    public var object: ObjectIdentity
    /// The template it came from.
    public var source: String
    public var state: ReadinessState

    public init(object: ObjectIdentity, source: String, state: ReadinessState) {
        self.object = object
        self.source = source
        self.state = state
    }

    public var description: String { "\(object) (\(source)) is \(state)" }
}
