extension Release {
    /// Helm's `common.Status`. A raw string rather than a closed enum: a record written by
    /// a newer Helm with a status this build does not know still decodes, and is written
    /// back unchanged.
    public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let unknown = Status(rawValue: "unknown")
        public static let deployed = Status(rawValue: "deployed")
        public static let uninstalled = Status(rawValue: "uninstalled")
        public static let superseded = Status(rawValue: "superseded")
        public static let failed = Status(rawValue: "failed")
        public static let uninstalling = Status(rawValue: "uninstalling")
        public static let pendingInstall = Status(rawValue: "pending-install")
        public static let pendingUpgrade = Status(rawValue: "pending-upgrade")
        public static let pendingRollback = Status(rawValue: "pending-rollback")

        /// An action was under way when this was written (Helm's `IsPending`): a release
        /// left so by a crash is locked until it is recovered.
        public var isPending: Bool { self == .pendingInstall || self == .pendingUpgrade || self == .pendingRollback }

        public var description: String { rawValue }
    }
}
