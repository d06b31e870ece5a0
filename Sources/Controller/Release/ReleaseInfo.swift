import Values

extension Release {
    /// Helm's `release.Info`. Times are Go `time.Time`s: written as RFC 3339 with
    /// nanoseconds, left out when zero (Helm v4), and read also from Helm v3's `""`.
    public struct Info: Sendable, Equatable {
        public var firstDeployed: GoTime?
        public var lastDeployed: GoTime?
        public var deleted: GoTime?
        /// A human-readable log line: `Install complete`, `Rollback to 3`, an error.
        public var description: String
        public var status: Status
        /// The rendered NOTES.txt.
        public var notes: String
        /// `map[string][]runtime.Object` (only `helm status --show-resources` fills it in
        /// memory; kept as written when a record carries it).
        public var resources: Value?

        public init(
            firstDeployed: GoTime? = nil, lastDeployed: GoTime? = nil, deleted: GoTime? = nil, description: String = "",
            status: Status = .unknown, notes: String = "", resources: Value? = nil
        ) {
            self.firstDeployed = firstDeployed
            self.lastDeployed = lastDeployed
            self.deleted = deleted
            self.description = description
            self.status = status
            self.notes = notes
            self.resources = resources
        }
    }
}
