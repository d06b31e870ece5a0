import KubeObjects

/// What a list or watch asks for (kube-rs' `ListParams`; the query of client-go's
/// `metav1.ListOptions`).
public struct ListParams: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var continueToken: String?
    /// "" or nil: the newest (a quorum read); "0": any cached version.
    public var resourceVersion: String?
    /// `NotOlderThan` or `Exact` for a list with `resourceVersion`.
    public var resourceVersionMatch: String?
    public var timeoutSeconds: Int?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
    }

    var query: [(name: String, value: String)] {
        var q: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(("fieldSelector", fieldSelector)) }
        if let limit, limit > 0 { q.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { q.append(("continue", continueToken)) }
        if let resourceVersion { q.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch, !resourceVersionMatch.isEmpty { q.append(("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { q.append(("timeoutSeconds", String(timeoutSeconds))) }
        return q
    }
}

/// The query of create, update and patch (client-go's `CreateOptions`/`UpdateOptions`/
/// `PatchOptions`).
public struct WriteParams: Sendable, Equatable {
    /// `dryRun=All`: validated, admitted and answered, never stored.
    public var dryRun = false
    /// Who the written fields belong to (`managedFields`). Required by server-side apply.
    public var fieldManager: String?
    /// `Strict`, `Warn` or `Ignore`: what the server does with unknown or duplicate fields.
    public var fieldValidation: String?

    public init(dryRun: Bool = false, fieldManager: String? = nil, fieldValidation: String? = nil) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
    }

    func query(force: Bool? = nil) -> [(name: String, value: String)] {
        var q: [(String, String)] = []
        if dryRun { q.append(("dryRun", "All")) }
        if let fieldManager, !fieldManager.isEmpty { q.append(("fieldManager", fieldManager)) }
        if let fieldValidation, !fieldValidation.isEmpty { q.append(("fieldValidation", fieldValidation)) }
        if let force { q.append(("force", force ? "true" : "false")) }
        return q
    }
}

/// A delete's `DeleteOptions` body.
public struct DeleteParams: Sendable, Equatable {
    public enum Propagation: String, Sendable {
        /// Dependents are left without their owner.
        case orphan = "Orphan"
        /// The object goes now; the garbage collector removes dependents afterwards.
        case background = "Background"
        /// Dependents go first; the object waits with a `foregroundDeletion` finalizer.
        case foreground = "Foreground"
    }

    public var propagationPolicy: Propagation?
    /// Delete only the object with this uid (not a namesake created since).
    public var preconditionUID: String?
    /// Delete only if unchanged since this version.
    public var preconditionResourceVersion: String?
    public var gracePeriodSeconds: Int?
    public var dryRun = false

    public init(propagationPolicy: Propagation? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
    }

    var body: JSONValue {
        var o: [String: JSONValue] = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let propagationPolicy { o["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        var preconditions: [String: JSONValue] = [:]
        if let preconditionUID { preconditions["uid"] = .string(preconditionUID) }
        if let preconditionResourceVersion { preconditions["resourceVersion"] = .string(preconditionResourceVersion) }
        if !preconditions.isEmpty { o["preconditions"] = .object(preconditions) }
        if let gracePeriodSeconds { o["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
        if dryRun { o["dryRun"] = ["All"] }
        return .object(o)
    }
}

/// A patch and its media type.
public enum Patch: Sendable, Equatable {
    /// RFC 6902 operations.
    case json([JSONValue])
    /// RFC 7386: objects merge, `null` deletes, lists are replaced.
    case merge(JSONValue)
    /// Kubernetes' strategic merge (built-in kinds only; custom resources answer 415).
    case strategic(JSONValue)

    var contentType: String {
        switch self {
        case .json: return "application/json-patch+json"
        case .merge: return "application/merge-patch+json"
        case .strategic: return "application/strategic-merge-patch+json"
        }
    }

    var body: [UInt8] {
        switch self {
        case .json(let operations): return JSONValue.array(operations).serializedBytes()
        case .merge(let patch), .strategic(let patch): return patch.serializedBytes()
        }
    }
}
