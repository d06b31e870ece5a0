import KubeObjects

/// A RoleBinding or ClusterRoleBinding as the authorizer reads it: who (`subjects`) gets the
/// rules of which role (`roleRef`).
public struct RoleBinding: Sendable, Equatable {
    public struct Subject: Sendable, Equatable {
        /// `User`, `Group` or `ServiceAccount`.
        public var kind: String
        public var name: String
        /// For `ServiceAccount`; empty means the binding's own namespace.
        public var namespace: String

        public init(kind: String, name: String, namespace: String = "") {
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }

        /// As `rbac.appliesToUser`: a service account subject is its user name
        /// `system:serviceaccount:NS:NAME`, its namespace defaulting to the binding's.
        func applies(to user: RequestUser, bindingNamespace: String) -> Bool {
            switch kind {
            case "User": return user.name == name
            case "Group": return user.groups.contains(name)
            case "ServiceAccount":
                let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
                guard !namespace.isEmpty else { return false }
                return user.name == ServiceAccountName.userName(namespace: namespace, name: name)
            default: return false
            }
        }
    }

    public enum RoleReference: Sendable, Equatable {
        case role(String)
        case clusterRole(String)
    }

    public var name: String
    /// Empty for a ClusterRoleBinding.
    public var namespace: String
    public var role: RoleReference
    public var subjects: [Subject]

    public init(name: String, namespace: String = "", role: RoleReference, subjects: [Subject]) {
        self.name = name
        self.namespace = namespace
        self.role = role
        self.subjects = subjects
    }

    /// A stored binding; nil when its `roleRef` names no Role or ClusterRole.
    init?(json: JSONValue) {
        guard let roleName = json[path: ["roleRef", "name"]]?.stringValue else { return nil }
        switch json[path: ["roleRef", "kind"]]?.stringValue {
        case "Role": role = .role(roleName)
        case "ClusterRole": role = .clusterRole(roleName)
        default: return nil
        }
        name = json.metadataName ?? ""
        namespace = json[path: ["metadata", "namespace"]]?.stringValue ?? ""
        subjects = (json["subjects"]?.arrayValue ?? []).compactMap { subject in
            guard let kind = subject["kind"]?.stringValue, let name = subject["name"]?.stringValue else { return nil }
            return Subject(kind: kind, name: name, namespace: subject["namespace"]?.stringValue ?? "")
        }
    }

    func applies(to user: RequestUser) -> Bool {
        subjects.contains { $0.applies(to: user, bindingNamespace: namespace) }
    }
}

/// Service account user names (`system:serviceaccount:NS:NAME`) and their groups, as
/// kube-apiserver's `serviceaccount` package makes and splits them.
public enum ServiceAccountName {
    public static let prefix = "system:serviceaccount:"
    public static let allGroup = "system:serviceaccounts"

    public static func userName(namespace: String, name: String) -> String { prefix + namespace + ":" + name }

    /// `system:serviceaccounts` and `system:serviceaccounts:NS`.
    public static func groups(namespace: String) -> [String] { [allGroup, allGroup + ":" + namespace] }

    /// The namespace and name of a service account user name; nil for any other name.
    public static func split(_ userName: String) -> (namespace: String, name: String)? {
        guard userName.hasPrefix(prefix) else { return nil }
        let parts = userName.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
