import KubeClient
import KubeObjects

/// What Rudder last observed and did. Never holds a value from a Secret.
public struct HelmReleaseStatus: Codable, Sendable, Equatable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Ready`, `Released`, `Remediated`, `Stalled`, `Reconciling`, `Drifted`.
    public var conditions: [Condition]?
    public var lastAttemptedChartVersion: String?
    /// `sha256:` of the merged values of the last attempt (values themselves are never shown).
    public var lastAttemptedConfigDigest: String?
    public var lastAttemptedRevision: Int?
    /// The value of the `helm.rudder.dev/requestedAt` annotation last acted on.
    public var lastHandledRequestedAt: String?
    /// `sha256:` of the `postRenderers` and `commonMetadata` the last revision was made
    /// with: a change to them alone makes a new revision.
    public var observedPostRenderersDigest: String?
    /// Newest first, at most `maxHistory`.
    public var history: [ReleaseSnapshot]?
    /// Failed attempts since the spec last changed.
    public var failures: Int?
    public var installFailures: Int?
    public var upgradeFailures: Int?
    /// The Helm release this object manages (`<storageNamespace>/<releaseName>`), so a rename
    /// can uninstall the old one.
    public var storageNamespace: String?
    public var releaseName: String?

    public init() {}
}

/// One revision of the release, as `helm history` shows it.
public struct ReleaseSnapshot: Codable, Sendable, Equatable {
    public var revision: Int
    public var chartName: String
    public var chartVersion: String
    public var appVersion: String?
    /// Helm's status: `deployed`, `failed`, `superseded`, `pending-install`, `uninstalled`…
    public var status: String
    public var firstDeployed: String?
    public var lastDeployed: String?
    public var deleted: String?
    /// `sha256:` of the stored release record.
    public var digest: String?
    /// `sha256:` of the values this revision was made with.
    public var configDigest: String?
    public var description: String?
    /// Test hooks' outcome when tests ran (`Succeeded`/`Failed` per test).
    public var testHooks: [String: String]?

    public init(revision: Int, chartName: String, chartVersion: String, status: String) {
        self.revision = revision
        self.chartName = chartName
        self.chartVersion = chartVersion
        self.status = status
    }
}

/// The condition types a HelmRelease reports.
public enum ConditionType {
    public static let ready = "Ready"
    public static let released = "Released"
    public static let remediated = "Remediated"
    public static let stalled = "Stalled"
    public static let reconciling = "Reconciling"
    public static let drifted = "Drifted"
    public static let tested = "TestSuccess"
}
