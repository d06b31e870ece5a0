import Values

/// One revision of a release as Helm stores it: `release.Release` of Helm's
/// `pkg/release/v1`, which Helm v3 and v4 both write as the JSON payload of a
/// `sh.helm.release.v1.<name>.v<version>` Secret or ConfigMap. Rudder writes and reads the
/// same document, so `helm list/history/get values` read what Rudder records and Rudder
/// adopts what Helm recorded.
public struct Release: Sendable, Equatable {
    public var name: String
    public var info: Info
    /// The chart that was released (nil only in a record that carries none).
    public var chart: ReleaseChart?
    /// The user-supplied values (Helm's `Config`), not the chart's defaults.
    public var config: [String: Value]
    /// The rendered manifests of the release, hooks excluded, in install order.
    public var manifest: String
    public var hooks: [Hook]
    /// The revision, from 1.
    public var version: Int
    public var namespace: String
    /// Labels the user put on the release. Helm keeps them on the storage object (its
    /// JSON tag is `-`), next to the system labels `name`, `owner`, `status`, `version`.
    public var labels: [String: String]
    /// `ssa` or `csa` as Helm v4 records it; nil in Helm v3 records (read as `csa`).
    public var applyMethod: ApplyMethod?
    /// Who last wrote the record when that was a Rudder controller (the `ReleaseWriter`
    /// annotation of the storage object, outside Helm's payload); nil when another client
    /// (the Helm CLI) did.
    public var writer: String?
    /// Top-level JSON fields this model does not know (a newer Helm's), kept so that
    /// rewriting a record (a status change) does not drop them.
    public var unknownFields: [String: Value]

    public init(
        name: String, namespace: String, version: Int, info: Info, chart: ReleaseChart? = nil, config: [String: Value] = [:],
        manifest: String = "", hooks: [Hook] = [], labels: [String: String] = [:], applyMethod: ApplyMethod? = nil,
        unknownFields: [String: Value] = [:]
    ) {
        self.name = name
        self.namespace = namespace
        self.version = version
        self.info = info
        self.chart = chart
        self.config = config
        self.manifest = manifest
        self.hooks = hooks
        self.labels = labels
        self.applyMethod = applyMethod
        self.unknownFields = unknownFields
    }

    /// How the release's objects were applied (Helm v4's `ApplyMethod`).
    public struct ApplyMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let serverSide = ApplyMethod(rawValue: "ssa")
        public static let clientSide = ApplyMethod(rawValue: "csa")
        public var description: String { rawValue }
    }
}
