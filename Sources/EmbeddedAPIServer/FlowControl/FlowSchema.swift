/// One `FlowSchema`: which requests it matches (by user and by what they ask for), the
/// priority level they go to, and how they are split into flows for fairness. Schemas are
/// tried in order of `matchingPrecedence`; the first match classifies the request.
public struct FlowSchema: Sendable, Equatable {
    public var name: String
    public var priorityLevel: String
    public var matchingPrecedence: Int
    /// `distinguisherMethod: ByUser` when true: each user is its own flow; otherwise the
    /// whole schema is one flow.
    public var distinguishesByUser: Bool
    /// Any rule matching is enough.
    public var rules: [Rule]

    public struct Rule: Sendable, Equatable {
        public var subjects: Subjects
        public var target: Target

        public init(_ subjects: Subjects, _ target: Target) {
            self.subjects = subjects
            self.target = target
        }
    }

    public enum Subjects: Sendable, Equatable {
        case everyone
        /// Users in any of these groups.
        case groups([String])
    }

    public enum Target: Sendable, Equatable {
        case everything
        /// Resource requests on `resource` of `apiGroup` with one of `verbs`, any namespace.
        case resources(apiGroup: String, resource: String, verbs: [String])
        /// Requests for these non-resource paths (`/healthz`).
        case nonResourceURLs([String])
    }

    public init(name: String, priorityLevel: String, matchingPrecedence: Int, distinguishesByUser: Bool, rules: [Rule]) {
        self.name = name
        self.priorityLevel = priorityLevel
        self.matchingPrecedence = matchingPrecedence
        self.distinguishesByUser = distinguishesByUser
        self.rules = rules
    }

    public var uid: String { FlowControlUID.make(kind: "FlowSchema", name: name) }

    func matches(_ request: RequestDigest) -> Bool {
        rules.contains { rule in
            let subject: Bool
            switch rule.subjects {
            case .everyone: subject = true
            case .groups(let groups): subject = groups.contains { request.user.groups.contains($0) }
            }
            guard subject else { return false }
            switch rule.target {
            case .everything:
                return true
            case .resources(let group, let resource, let verbs):
                guard case .resource(let g, let r) = request.target else { return false }
                return g == group && r == resource && verbs.contains(request.verb)
            case .nonResourceURLs(let paths):
                guard case .nonResource(let path) = request.target else { return false }
                return paths.contains(path)
            }
        }
    }

    /// The schemas of a real cluster that Rudder's users can reach, simplified:
    /// - `exempt`: `system:masters` (and so plain HTTP, which runs as the old insecure
    ///   port's `system:masters` user) is never limited;
    /// - `probes`: health checks are exempt for everyone;
    /// - `workload-leader-election`: Lease reads and writes go to `leader-election`, so a
    ///   busy controller cannot starve its own election. A real cluster matches only
    ///   kube-system service accounts here; any non-admin user matches in this server;
    /// - `service-accounts`: service accounts go to `workload-low`;
    /// - `global-default`: every other user goes to `global-default`;
    /// - `catch-all`: what nothing else matched (nothing, given global-default's groups).
    /// The control-plane schemas (nodes, kube-controller-manager, kube-scheduler) are left
    /// out: no such users reach this server.
    public static let kubeAPIServerDefaults: [FlowSchema] = [
        FlowSchema(
            name: "exempt", priorityLevel: "exempt", matchingPrecedence: 1, distinguishesByUser: false,
            rules: [Rule(.groups(["system:masters"]), .everything)]),
        FlowSchema(
            name: "probes", priorityLevel: "exempt", matchingPrecedence: 2, distinguishesByUser: false,
            rules: [Rule(.everyone, .nonResourceURLs(["/healthz", "/readyz", "/livez"]))]),
        FlowSchema(
            name: "workload-leader-election", priorityLevel: "leader-election", matchingPrecedence: 200,
            distinguishesByUser: true,
            rules: [Rule(.everyone, .resources(apiGroup: "coordination.k8s.io", resource: "leases", verbs: ["get", "create", "update"]))]),
        FlowSchema(
            name: "service-accounts", priorityLevel: "workload-low", matchingPrecedence: 9000, distinguishesByUser: true,
            rules: [Rule(.groups(["system:serviceaccounts"]), .everything)]),
        FlowSchema(
            name: "global-default", priorityLevel: "global-default", matchingPrecedence: 9900, distinguishesByUser: true,
            rules: [Rule(.groups(["system:unauthenticated", "system:authenticated"]), .everything)]),
        FlowSchema(
            name: "catch-all", priorityLevel: "catch-all", matchingPrecedence: 10000, distinguishesByUser: true,
            rules: [Rule(.everyone, .everything)]),
    ]
}
