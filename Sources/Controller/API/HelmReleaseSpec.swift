import KubeObjects

/// What the release should be.
public struct HelmReleaseSpec: Codable, Sendable, Equatable {
    public var chart: ChartReference
    /// The Helm release name; `metadata.name` when unset.
    public var releaseName: String?
    /// Where the chart's objects go; `metadata.namespace` when unset.
    public var targetNamespace: String?
    /// Where the release history lives; `targetNamespace` when unset.
    public var storageNamespace: String?
    /// Values given inline, merged over the chart's defaults after `valuesFrom`.
    public var values: JSONValue?
    /// Values from ConfigMaps and Secrets in this namespace, merged in order.
    public var valuesFrom: [ValuesReference]?
    /// While set, revision `toRevision` is the desired state (a GitOps rollback).
    public var rollback: RollbackSpec?
    public var install: InstallSpec?
    public var upgrade: UpgradeSpec?
    public var uninstall: UninstallSpec?
    public var test: TestSpec?
    /// How often the release is reconciled (and checked for drift) without a change: a Go duration.
    public var interval: String?
    /// How long to wait for readiness and hooks: a Go duration.
    public var timeout: String?
    /// Wait for the release's objects to be ready before calling a revision deployed.
    public var wait: Bool?
    /// Stops reconciling (nothing is changed or checked) until unset.
    public var suspend: Bool?
    /// Revisions kept in history (0: unlimited).
    public var maxHistory: Int?
    /// HelmReleases that must be Ready first.
    public var dependsOn: [DependencyReference]?
    public var driftDetection: DriftDetectionSpec?
    /// A ServiceAccount of this namespace impersonated for every read and write of the release's objects.
    public var serviceAccountName: String?
    /// Where history is kept: `Secret` (Helm 3's default) or `ConfigMap`.
    public var storage: ReleaseStorageKind?
    /// Transformations of the rendered manifests (hooks included), applied in order after
    /// render and before anything is recorded or applied.
    public var postRenderers: [PostRenderer]?
    /// Labels and annotations put on every object of the release (after `postRenderers`).
    public var commonMetadata: CommonMetadata?

    public init(chart: ChartReference) {
        self.chart = chart
    }

    public static let defaultInterval = "10m"
    public static let defaultTimeout = "5m"
    public static let defaultMaxHistory = 10
}

public enum ReleaseStorageKind: String, Codable, Sendable, CaseIterable {
    case secret = "Secret"
    case configMap = "ConfigMap"
}

/// Where the chart comes from: a repository (HTTP(S) or `oci://`), or a packaged chart in a
/// ConfigMap or Secret of this namespace. Exactly one.
public struct ChartReference: Codable, Sendable, Equatable {
    /// `https://charts.example.com` (an index.yaml repository) or `oci://registry/path`.
    public var repository: String?
    /// The chart's name in the repository (for `oci://`, appended to the path when set).
    public var name: String?
    /// A semver constraint (`>=6.0.0 <7.0.0`) or an exact version; the newest stable when unset.
    public var version: String?
    /// An OCI manifest digest (`sha256:…`) the pulled chart must have.
    public var digest: String?
    /// Credentials for the repository: `username`/`password`, `ca.crt`, `tls.crt`/`tls.key`.
    public var secretRef: LocalObjectReference?
    /// A packaged chart (`.tgz`) kept in a ConfigMap (binaryData) or Secret of this namespace.
    public var packagedRef: PackagedChartReference?
    /// Talks to an `oci://` registry over plain HTTP (Helm's `--plain-http`), for registries
    /// on loopback or inside the cluster network.
    public var plainHTTP: Bool?

    public init(repository: String? = nil, name: String? = nil, version: String? = nil) {
        self.repository = repository
        self.name = name
        self.version = version
    }
}

public struct LocalObjectReference: Codable, Sendable, Equatable {
    public var name: String

    public init(name: String) { self.name = name }
}

public struct PackagedChartReference: Codable, Sendable, Equatable {
    public var kind: ReferencedKind?
    public var name: String
    public var key: String

    public init(kind: ReferencedKind? = nil, name: String, key: String) {
        self.kind = kind
        self.name = name
        self.key = key
    }
}

/// The kinds values and packaged charts may be read from.
public enum ReferencedKind: String, Codable, Sendable, CaseIterable {
    case configMap = "ConfigMap"
    case secret = "Secret"
}

/// Values read from a ConfigMap or Secret.
public struct ValuesReference: Codable, Sendable, Equatable {
    public var kind: ReferencedKind
    public var name: String
    /// The key holding YAML values (`values.yaml` when unset), or, with `targetPath`, a single value.
    public var valuesKey: String?
    /// Puts the key's content at this path (`db.password`), as `--set` would, instead of merging YAML.
    public var targetPath: String?
    /// A missing object or key is skipped instead of failing the reconcile.
    public var optional: Bool?

    public init(kind: ReferencedKind, name: String, valuesKey: String? = nil, targetPath: String? = nil, optional: Bool? = nil) {
        self.kind = kind
        self.name = name
        self.valuesKey = valuesKey
        self.targetPath = targetPath
        self.optional = optional
    }

    public static let defaultValuesKey = "values.yaml"
}

public struct RollbackSpec: Codable, Sendable, Equatable {
    public var toRevision: Int

    public init(toRevision: Int) { self.toRevision = toRevision }
}

/// What happens to the chart's `crds/` folder.
public enum CRDPolicy: String, Codable, Sendable, CaseIterable {
    /// Leave CRDs alone.
    case skip = "Skip"
    /// Create CRDs that do not exist; never change existing ones.
    case create = "Create"
    /// Create missing CRDs and replace existing ones with the chart's.
    case createReplace = "CreateReplace"
}

public struct InstallSpec: Codable, Sendable, Equatable {
    /// Creates `targetNamespace` if it does not exist.
    public var createNamespace: Bool?
    /// `Create` when unset.
    public var crds: CRDPolicy?
    public var disableHooks: Bool?
    public var remediation: InstallRemediation?

    public init() {}
}

public struct UpgradeSpec: Codable, Sendable, Equatable {
    /// `Skip` when unset, as `helm upgrade` does.
    public var crds: CRDPolicy?
    /// Takes over fields other managers own (server-side apply with force).
    public var force: Bool?
    /// Deletes objects a failed upgrade created.
    public var cleanupOnFail: Bool?
    public var disableHooks: Bool?
    public var remediation: UpgradeRemediation?

    public init() {}
}

public struct InstallRemediation: Codable, Sendable, Equatable {
    /// Attempts after the first failure (the failed release is uninstalled before each).
    public var retries: Int?

    public init(retries: Int? = nil) { self.retries = retries }
}

public struct UpgradeRemediation: Codable, Sendable, Equatable {
    public enum Strategy: String, Codable, Sendable, CaseIterable {
        case rollback, uninstall
    }

    public var retries: Int?
    /// What a failed upgrade is followed by: `rollback` (to the last deployed revision) or `uninstall`.
    public var strategy: Strategy?

    public init(retries: Int? = nil, strategy: Strategy? = nil) {
        self.retries = retries
        self.strategy = strategy
    }
}

public struct UninstallSpec: Codable, Sendable, Equatable {
    public enum Propagation: String, Codable, Sendable, CaseIterable {
        case background, foreground, orphan
    }

    /// Keeps the history (marked `uninstalled`) so `helm history` still shows it.
    public var keepHistory: Bool?
    public var deletionPropagation: Propagation?
    public var disableHooks: Bool?

    public init() {}
}

public struct TestSpec: Codable, Sendable, Equatable {
    /// Runs the chart's test hooks after each install and upgrade.
    public var enable: Bool?
    /// A failed test is reported (`TestSuccess=False`, an Event) but leaves the release
    /// Ready and is not remediated.
    public var ignoreFailures: Bool?

    public init(enable: Bool? = nil, ignoreFailures: Bool? = nil) {
        self.enable = enable
        self.ignoreFailures = ignoreFailures
    }
}

public struct DependencyReference: Codable, Sendable, Equatable {
    public var name: String
    /// This HelmRelease's namespace when unset.
    public var namespace: String?

    public init(name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}

public struct DriftDetectionSpec: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// Drift is corrected and reported.
        case enabled
        /// Drift is reported, not corrected.
        case warn
        case disabled
    }

    public var mode: Mode?
    public var ignore: [DriftIgnoreRule]?

    public init(mode: Mode? = nil) { self.mode = mode }
}

public struct DriftIgnoreRule: Codable, Sendable, Equatable {
    /// JSON pointers (`/spec/replicas`) whose differences are not drift.
    public var paths: [String]
    /// The objects the rule applies to; all when unset.
    public var target: DriftTarget?

    public init(paths: [String], target: DriftTarget? = nil) {
        self.paths = paths
        self.target = target
    }
}

public struct DriftTarget: Codable, Sendable, Equatable {
    public var group: String?
    public var kind: String?
    public var name: String?
    public var namespace: String?

    public init() {}
}
