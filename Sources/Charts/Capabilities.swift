import Values

/// What templates learn about the cluster through `.Capabilities`. Offline rendering
/// (`helm template`, the conformance table) uses Helm's built-in defaults.
public struct Capabilities: Sendable, Equatable {
    public var kubeVersion: KubeVersion
    public var apiVersions: [String]
    public var helmVersion: HelmVersion

    public init(kubeVersion: KubeVersion = .helmDefault, apiVersions: [String] = Capabilities.defaultAPIVersions,
                helmVersion: HelmVersion = .current) {
        self.kubeVersion = kubeVersion
        self.apiVersions = apiVersions
        self.helmVersion = helmVersion
    }

    public static let helmDefault = Capabilities()

    /// Helm's default version set: every group/version of client-go's scheme plus the
    /// apiextensions groups Helm registers, in the scheme's priority order.
    public static let defaultAPIVersions: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
        "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
        "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
        "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
        "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
        "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
        "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
        "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2",
        "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
        "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1",
    ]

    var templateValue: Value { .object(CapabilitiesObject(capabilities: self)) }
}

/// `common.KubeVersion`.
public struct KubeVersion: Sendable, Equatable {
    public var version: String
    public var major: String
    public var minor: String
    public init(version: String, major: String, minor: String) {
        self.version = version
        self.major = major
        self.minor = minor
    }
    /// Helm's offline default (the Kubernetes version its client library targets).
    public static let helmDefault = KubeVersion(version: "v1.36.0", major: "1", minor: "36")

    /// Parses `v1.30.2` / `1.30` as `--kube-version` accepts it.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.hasPrefix("v") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        let patch = parts.count == 3 ? parts[2] : "0"
        self.init(version: "v\(parts[0]).\(parts[1]).\(patch)", major: String(parts[0]), minor: String(parts[1]))
    }
}

/// `version.BuildInfo` of the Helm whose behaviour Rudder reproduces.
public struct HelmVersion: Sendable, Equatable {
    public var version = "v4.2"
    public var gitCommit = ""
    public var gitTreeState = ""
    public var goVersion = "go1.26.6"
    public var kubeClientVersion = "v1.36"
    public static let current = HelmVersion()
}

/// `*common.Capabilities`.
struct CapabilitiesObject: GoObject {
    let capabilities: Capabilities
    var goType: GoType { .pointer(.named("common.Capabilities", .structure)) }
    var structFields: [(name: String, value: Value)] {
        [
            ("KubeVersion", .object(KubeVersionObject(version: capabilities.kubeVersion))),
            ("APIVersions", .list(capabilities.apiVersions.map { .string($0) }, type: VersionSetMethods.type)),
            ("HelmVersion", .object(HelmVersionObject(version: capabilities.helmVersion))),
        ]
    }
    var jsonFields: [(name: String, value: Value)]? { structFields }
}

/// `common.KubeVersion`; its `String()` has a pointer receiver, so `{{ .Capabilities.KubeVersion }}`
/// prints `v1.36.0` while `printf "%v"` prints the struct.
struct KubeVersionObject: GoObject {
    let version: KubeVersion
    var goType: GoType { .named("common.KubeVersion", .structure) }
    var structFields: [(name: String, value: Value)] {
        [
            ("Version", .string(version.version)), ("GitVersion", .string(version.version)),
            ("Major", .string(version.major)), ("Minor", .string(version.minor)),
        ]
    }
    var pointerStringer: String? { version.version }
    /// `GitVersion` is `json:"-"`.
    var jsonFields: [(name: String, value: Value)]? {
        [("Version", .string(version.version)), ("Major", .string(version.major)), ("Minor", .string(version.minor))]
    }
}

struct HelmVersionObject: GoObject {
    let version: HelmVersion
    var goType: GoType { .named("version.BuildInfo", .structure) }
    var structFields: [(name: String, value: Value)] {
        [
            ("Version", .string(version.version)), ("GitCommit", .string(version.gitCommit)),
            ("GitTreeState", .string(version.gitTreeState)), ("GoVersion", .string(version.goVersion)),
            ("KubeClientVersion", .string(version.kubeClientVersion)),
        ]
    }
    /// Tagged `json:"version,omitempty"` and so on.
    var jsonFields: [(name: String, value: Value)]? {
        var f: [(name: String, value: Value)] = [("version", .string(version.version))]
        if !version.gitCommit.isEmpty { f.append(("git_commit", .string(version.gitCommit))) }
        if !version.gitTreeState.isEmpty { f.append(("git_tree_state", .string(version.gitTreeState))) }
        f.append(("go_version", .string(version.goVersion)))
        f.append(("kube_client_version", .string(version.kubeClientVersion)))
        return f
    }
}

/// `common.VersionSet` (`[]string` with `Has`).
enum VersionSetMethods {
    static let type: GoType = .named("common.VersionSet", .slice(.string))

    static func method(_ receiver: Value, _ name: String) -> GoFunction? {
        guard name == "Has", case .list(let items, _) = receiver else { return nil }
        return GoFunction("Has", [.string]) { args in
            .bool(items.contains(args[0]))
        }
    }
}
