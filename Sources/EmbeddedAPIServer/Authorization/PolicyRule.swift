import KubeObjects

/// One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 `PolicyRule`), matched as
/// kube-apiserver's RBAC authorizer matches it (`rbac.RuleAllows`).
public struct PolicyRule: Sendable, Equatable {
    public var verbs: [String]
    public var apiGroups: [String]
    /// `configmaps`, `deployments/status`, `*`, `*/scale`.
    public var resources: [String]
    /// Empty: every object; otherwise only these names (never a collection request).
    public var resourceNames: [String]
    /// `/healthz`, `/apis/*`, `*`.
    public var nonResourceURLs: [String]

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// A stored rule; fields of the wrong type read as empty (the API validated them on write).
    public init(json: JSONValue) {
        func strings(_ field: String) -> [String] { json[field]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        self.init(
            verbs: strings("verbs"), apiGroups: strings("apiGroups"), resources: strings("resources"),
            resourceNames: strings("resourceNames"), nonResourceURLs: strings("nonResourceURLs"))
    }

    public func allows(_ a: AuthorizationAttributes) -> Bool {
        guard verbs.contains(where: { $0 == "*" || $0 == a.verb }) else { return false }
        guard a.isResourceRequest else { return matchesPath(a.path) }
        return apiGroups.contains { $0 == "*" || $0 == a.apiGroup } && matchesResource(a)
            && (resourceNames.isEmpty || (!a.name.isEmpty && resourceNames.contains(a.name)))
    }

    /// `*` is every resource and subresource; `deployments/status` one subresource;
    /// `*/status` that subresource of every resource.
    private func matchesResource(_ a: AuthorizationAttributes) -> Bool {
        let combined = a.resourceAndSubresource
        return resources.contains { rule in
            rule == "*" || rule == combined || (!a.subresource.isEmpty && rule == "*/" + a.subresource)
        }
    }

    /// Exact, `*` for every path, or a prefix ending in `*` (`/apis/*`).
    private func matchesPath(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            if rule == "*" || rule == path { return true }
            guard rule.hasSuffix("*") else { return false }
            return path.hasPrefix(String(rule.dropLast()))
        }
    }
}
