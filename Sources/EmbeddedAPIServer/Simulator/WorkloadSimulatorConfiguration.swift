import KubeObjects

extension WorkloadSimulator {
    /// The workload kinds the simulator can make ready.
    public enum WorkloadKind: String, Sendable, Hashable, CaseIterable {
        /// Deployments, with the ReplicaSets and Pods they own.
        case deployments
        /// ReplicaSets that no Deployment controls (those a Deployment controls are
        /// simulated with `deployments`).
        case replicaSets
        case statefulSets
        case daemonSets
        case jobs
    }

    /// How the simulator behaves; tests pick short delays and label their objects to keep
    /// them from ever becoming ready (readiness timeouts) or to make Jobs fail (hooks).
    public struct Configuration: Sendable {
        /// How long after a workload (or a pod) appears, or its spec changes, it becomes
        /// ready; zero makes it ready at once.
        public var readinessDelay: Duration
        /// The label that marks objects to keep from readiness, read on the workload
        /// itself (and, for a ReplicaSet, on the Deployment that controls it).
        public var labelKey: String
        /// With this value the object never becomes ready: Deployments, StatefulSets,
        /// DaemonSets and ReplicaSets report zero ready replicas and Jobs stay active.
        public var neverReadyValue: String
        /// With this value a Job fails (`Failed=True`, `BackoffLimitExceeded`) after the
        /// delay; other kinds treat it as `neverReadyValue`.
        public var failValue: String
        /// The kinds simulated; the others are left alone.
        public var kinds: Set<WorkloadKind>
        /// Wall-clock time for the timestamps written into status.
        public var now: @Sendable () -> KubeTime

        public init(
            readinessDelay: Duration = .milliseconds(200),
            labelKey: String = "rudder.dev/simulate",
            neverReadyValue: String = "never-ready",
            failValue: String = "fail",
            kinds: Set<WorkloadKind> = Set(WorkloadKind.allCases),
            now: @escaping @Sendable () -> KubeTime = WallClock.now
        ) {
            self.readinessDelay = readinessDelay
            self.labelKey = labelKey
            self.neverReadyValue = neverReadyValue
            self.failValue = failValue
            self.kinds = kinds
            self.now = now
        }

        /// What an object's simulate label asks for.
        func outcome(of object: JSONValue) -> Outcome {
            switch object.metadataLabels[labelKey] {
            case neverReadyValue?: .neverReady
            case failValue?: .fail
            default: .ready
            }
        }
    }

    /// The fate the simulate label chooses for an object.
    enum Outcome: Sendable {
        case ready
        case neverReady
        case fail

        /// For every kind but Jobs, failing means never becoming ready.
        var becomesReady: Bool { self == .ready }
    }
}
