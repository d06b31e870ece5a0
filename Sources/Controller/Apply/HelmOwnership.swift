import KubeObjects

/// Helm 3's ownership metadata: the label and annotations `setMetadataVisitor` puts on every
/// object of a release, and the check (`checkOwnership`) that refuses to take over an
/// object that carries another owner's — or none — unless adoption is asked for.
public struct HelmOwnership: Sendable, Hashable {
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "Helm"
    public static let releaseNameAnnotation = "meta.helm.sh/release-name"
    public static let releaseNamespaceAnnotation = "meta.helm.sh/release-namespace"
    public static let resourcePolicyAnnotation = "helm.sh/resource-policy"

    public var releaseName: String
    /// Where the release lives (its target namespace), not necessarily the object's.
    public var releaseNamespace: String

    public init(releaseName: String, releaseNamespace: String) {
        self.releaseName = releaseName
        self.releaseNamespace = releaseNamespace
    }

    /// Merges the label and annotations into `object` (the chart's own labels stay).
    public func stamp(_ object: inout JSONValue) {
        object[path: ["metadata", "labels", Self.managedByLabel]] = .string(Self.managedByValue)
        object[path: ["metadata", "annotations", Self.releaseNameAnnotation]] = .string(releaseName)
        object[path: ["metadata", "annotations", Self.releaseNamespaceAnnotation]] = .string(releaseNamespace)
    }

    /// nil when `object` belongs to this release; otherwise Helm's reason, word for word
    /// (`invalid ownership metadata; label validation error: missing key …`), so a user can
    /// search for it and find Helm's advice.
    public func ownershipProblem(of object: JSONValue) -> String? {
        let labels = object[path: ["metadata", "labels"]]
        let annotations = object[path: ["metadata", "annotations"]]
        var problems: [String] = []
        if let p = Self.require(labels, Self.managedByLabel, Self.managedByValue) {
            problems.append("label validation error: \(p)")
        }
        if let p = Self.require(annotations, Self.releaseNameAnnotation, releaseName) {
            problems.append("annotation validation error: \(p)")
        }
        if let p = Self.require(annotations, Self.releaseNamespaceAnnotation, releaseNamespace) {
            problems.append("annotation validation error: \(p)")
        }
        guard !problems.isEmpty else { return nil }
        return (["invalid ownership metadata"] + problems).joined(separator: "; ")
    }

    /// Helm's `requireValue`.
    private static func require(_ map: JSONValue?, _ key: String, _ value: String) -> String? {
        guard let actual = map?[key] else { return "missing key \"\(key)\": must be set to \"\(value)\"" }
        let text = actual.stringValue ?? ""
        guard text != value else { return nil }
        return "key \"\(key)\" must equal \"\(value)\": current value is \"\(text)\""
    }
}
