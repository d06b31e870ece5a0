/// Why a server-side apply or a field-managed write failed.
public enum ServerSideApplyError: Error, Equatable, CustomStringConvertible {
    /// Fields owned by other managers would change (HTTP 409, reason Conflict).
    case conflict(ApplyConflictError)
    /// The applied configuration carries `metadata.managedFields` (HTTP 400).
    case managedFieldsInConfig
    /// An object does not fit its schema, e.g. a keyed list item without its key (HTTP 500
    /// upstream, where the typed conversion fails).
    case invalidObject(String)
    /// `metadata.managedFields` could not be read (HTTP 500 upstream).
    case invalidManagedFields(String)

    public var description: String {
        switch self {
        case .conflict(let c): return c.description
        case .managedFieldsInConfig: return "metadata.managedFields must be nil"
        case .invalidObject(let m): return m
        case .invalidManagedFields(let m): return "failed to decode managed fields: \(m)"
        }
    }
}

/// One field another manager owns that an apply would change.
public struct ApplyConflict: Hashable, Sendable {
    public var manager: ManagerIdentity
    public var path: FieldPath

    /// `details.causes[].message`: `conflict with "kubectl-patch" using v1`.
    public var message: String { "conflict with \(manager.conflictDescription)" }
    /// `details.causes[].field`: `.data.a`.
    public var field: String { path.pathString }
}

/// The 409 an apply gets when it would change fields other managers own and `force` is
/// false. The description is the API server's Status message (k8s.io/apiserver
/// fieldmanager `NewConflictError`):
/// `Apply failed with 1 conflict: conflict with "m" using v1: .data.a`, or for several,
/// `Apply failed with 2 conflicts: conflicts with "m" using v1:\n- .a\n- .b` (managers
/// sorted, each with its paths).
public struct ApplyConflictError: Error, Hashable, Sendable, CustomStringConvertible {
    /// In the order the API server lists `details.causes`.
    public var conflicts: [ApplyConflict]

    public var description: String {
        if conflicts.count == 1 {
            let c = conflicts[0]
            return "Apply failed with 1 conflict: conflict with \(c.manager.conflictDescription): \(c.field)"
        }
        var byManager: [String: (ManagerIdentity, [FieldPath])] = [:]
        for c in conflicts {
            byManager[c.manager.identifierJSON, default: (c.manager, [])].1.append(c.path)
        }
        var lines: [String] = []
        for key in byManager.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let (manager, paths) = byManager[key]!
            lines.append("conflicts with \(manager.conflictDescription):")
            for p in paths { lines.append("- \(p.pathString)") }
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    /// `details.causes` of the Status: `{reason: FieldManagerConflict, message, field}`
    /// (metav1.StatusCause carries its type as `reason`).
    public var causes: [JSONValue] {
        conflicts.map { .object(["reason": "FieldManagerConflict", "message": .string($0.message), "field": .string($0.field)]) }
    }
}
