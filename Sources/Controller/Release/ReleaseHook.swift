import Values

extension Release {
    /// Helm's `release.Hook`: one hook resource of the release and how it last ran.
    public struct Hook: Sendable, Equatable {
        public var name: String
        /// The Kubernetes kind.
        public var kind: String
        /// The template it came from (`mychart/templates/job.yaml`).
        public var path: String
        public var manifest: String
        /// `pre-install`, `post-upgrade`, `test`, …
        public var events: [String]
        public var lastRun: HookExecution
        public var weight: Int
        /// `before-hook-creation`, `hook-succeeded`, `hook-failed`.
        public var deletePolicies: [String]
        /// `hook-succeeded`, `hook-failed` (Helm v3.13+).
        public var outputLogPolicies: [String]

        public init(
            name: String, kind: String, path: String, manifest: String, events: [String], lastRun: HookExecution = HookExecution(),
            weight: Int = 0, deletePolicies: [String] = [], outputLogPolicies: [String] = []
        ) {
            self.name = name
            self.kind = kind
            self.path = path
            self.manifest = manifest
            self.events = events
            self.lastRun = lastRun
            self.weight = weight
            self.deletePolicies = deletePolicies
            self.outputLogPolicies = outputLogPolicies
        }
    }

    /// Helm's `release.HookExecution`.
    public struct HookExecution: Sendable, Equatable {
        public var startedAt: GoTime?
        public var completedAt: GoTime?
        /// `Unknown`, `Running`, `Succeeded`, `Failed`; empty for a hook that never ran.
        public var phase: String

        public init(startedAt: GoTime? = nil, completedAt: GoTime? = nil, phase: String = "") {
            self.startedAt = startedAt
            self.completedAt = completedAt
            self.phase = phase
        }
    }
}
