import KubeObjects

/// Decides whether a user may do what a request asks, as kube-apiserver's authorizer chain
/// with `--authorization-mode=RBAC` does: `system:masters` may do anything, everyone else
/// only what the stored Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (plus the
/// built-in `RBACPolicy`) grant. Bindings are read from the store on every decision, so a
/// RoleBinding applies to the next request, as in a real cluster once its cache catches up.
public struct Authorizer: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Every request is allowed (kube-apiserver's `AlwaysAllow`): the server as it was
        /// before authorization, for benchmarks that want none of its cost.
        case alwaysAllow
        case rbac
    }

    public enum Decision: Sendable, Equatable {
        case allow
        /// Not allowed; `reason` is what kube-apiserver appends to the 403 message (empty,
        /// or `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`).
        case deny(reason: String)

        public var isAllowed: Bool { self == .allow }
    }

    public let mode: Mode
    public let store: ObjectStore
    public let policy: RBACPolicy

    public init(mode: Mode = .rbac, store: ObjectStore, policy: RBACPolicy = .server) {
        self.mode = mode
        self.store = store
        self.policy = policy
    }

    static let group = "rbac.authorization.k8s.io"
    static let roles = GroupResource(group: group, resource: "roles")
    static let clusterRoles = GroupResource(group: group, resource: "clusterroles")
    static let roleBindings = GroupResource(group: group, resource: "rolebindings")
    static let clusterRoleBindings = GroupResource(group: group, resource: "clusterrolebindings")

    public func authorize(_ attributes: AuthorizationAttributes) async -> Decision {
        if mode == .alwaysAllow || attributes.user.isPrivileged { return .allow }
        var errors: [String] = []
        let clusterBindings = await storedBindings(Self.clusterRoleBindings, namespace: nil) + policy.clusterRoleBindings
        for binding in clusterBindings where binding.applies(to: attributes.user) {
            if await rules(of: binding, errors: &errors).contains(where: { $0.allows(attributes) }) { return .allow }
        }
        if attributes.isResourceRequest, !attributes.namespace.isEmpty {
            for binding in await storedBindings(Self.roleBindings, namespace: attributes.namespace)
            where binding.applies(to: attributes.user) {
                if await rules(of: binding, errors: &errors).contains(where: { $0.allows(attributes) }) { return .allow }
            }
        }
        // As utilerrors.NewAggregate prints: one error alone, several in brackets.
        guard !errors.isEmpty else { return .deny(reason: "") }
        return .deny(reason: "RBAC: " + (errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"))
    }

    private func storedBindings(_ resource: GroupResource, namespace: String?) async -> [RoleBinding] {
        await store.list(resource, namespace: namespace).items.compactMap { RoleBinding(json: $0.1) }
    }

    /// The rules `binding` grants; a missing role grants nothing and is reported, as the
    /// RBAC authorizer reports it in its reason.
    private func rules(of binding: RoleBinding, errors: inout [String]) async -> [PolicyRule] {
        switch binding.role {
        case .role(let name):
            guard !binding.namespace.isEmpty,
                let role = await store.get(Self.roles, ObjectKey(namespace: binding.namespace, name: name))
            else {
                errors.append("role.rbac.authorization.k8s.io \(JSONValue.string(name).serialized()) not found")
                return []
            }
            return Self.ownRules(role)
        case .clusterRole(let name):
            var visited: Set<String> = []
            guard let rules = await clusterRoleRules(name, visited: &visited) else {
                errors.append("clusterrole.rbac.authorization.k8s.io \(JSONValue.string(name).serialized()) not found")
                return []
            }
            return rules
        }
    }

    /// A ClusterRole's rules: stored, else built in; an aggregated one (`aggregationRule`)
    /// has the rules of every ClusterRole its selectors match, as the aggregation
    /// controller would have written into it.
    private func clusterRoleRules(_ name: String, visited: inout Set<String>) async -> [PolicyRule]? {
        guard visited.insert(name).inserted else { return [] }
        guard let role = await store.get(Self.clusterRoles, ObjectKey(namespace: "", name: name)) else {
            return policy.clusterRoles[name]
        }
        guard let selectors = role[path: ["aggregationRule", "clusterRoleSelectors"]]?.arrayValue else {
            return Self.ownRules(role)
        }
        let parsed = selectors.compactMap { try? LabelSelector(structured: $0) }
        var rules: [PolicyRule] = []
        for (key, candidate) in await store.list(Self.clusterRoles, namespace: nil).items where key.name != name {
            guard parsed.contains(where: { $0.matches(object: candidate) }) else { continue }
            rules += await clusterRoleRules(key.name, visited: &visited) ?? []
        }
        return rules
    }

    private static func ownRules(_ role: JSONValue) -> [PolicyRule] {
        (role["rules"]?.arrayValue ?? []).map(PolicyRule.init(json:))
    }
}
