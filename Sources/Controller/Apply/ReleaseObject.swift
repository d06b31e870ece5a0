import KubeObjects

/// One object of a release's manifest, ready to apply: its namespace resolved (defaulted to
/// the release's for namespaced kinds, removed for cluster-scoped ones) and Helm's ownership
/// metadata set, so `helm` itself recognises it as part of the release.
public struct ReleaseObject: Sendable, Hashable {
    /// The template the document came from (`mychart/templates/web.yaml`), for messages.
    public var source: String
    public var kind: GroupVersionKind
    /// nil for cluster-scoped kinds.
    public var namespace: String?
    public var name: String
    /// The body applied to the server.
    public var object: JSONValue

    public init(source: String, kind: GroupVersionKind, namespace: String?, name: String, object: JSONValue) {
        self.source = source
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.object = object
    }

    public var identity: ObjectIdentity {
        ObjectIdentity(group: kind.group, kind: kind.kind, namespace: namespace, name: name)
    }

    /// `helm.sh/resource-policy: keep` in the manifest (trimmed, any case, as Helm reads it):
    /// the object outlives its removal from the chart and the release's uninstall.
    public var isKept: Bool {
        let policy = object[path: ["metadata", "annotations", HelmOwnership.resourcePolicyAnnotation]]?.stringValue
        return policy?.trimmingASCIIWhitespace().lowercased() == "keep"
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
