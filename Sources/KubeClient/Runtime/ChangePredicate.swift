import KubeObjects

/// Which changes of a primary object are worth a reconcile (kube-rs's `predicate_filter`,
/// controller-runtime's `GenerationChangedPredicate`): a change passes when the object's
/// fingerprint differs from the last one that passed for the same key. A controller whose
/// reconciles write the object's status would otherwise reconcile again after every one of
/// its own writes, for nothing.
///
/// Deletions always pass (and are forgotten), so do objects seen for the first time.
public struct ChangePredicate: Sendable {
    /// The parts of an object whose change matters; nil means "always pass".
    public let fingerprint: @Sendable (JSONValue) -> [JSONValue]?

    public init(fingerprint: @escaping @Sendable (JSONValue) -> [JSONValue]?) {
        self.fingerprint = fingerprint
    }

    /// The spec (`metadata.generation`, which the server bumps on every spec change but
    /// never on status writes), the identity (`uid`), deletion, labels and annotations
    /// (where users ask for a reconcile). Finalizer and status changes do not pass.
    public static let generationOrMetadata = ChangePredicate { object in
        let metadata = object["metadata"]
        return [
            metadata?["uid"] ?? .null, metadata?["generation"] ?? .null, metadata?["deletionTimestamp"] ?? .null,
            metadata?["labels"] ?? .null, metadata?["annotations"] ?? .null,
        ]
    }
}

/// The state of one predicate over a stream of changes: the fingerprint last passed per key.
struct ChangeFilter {
    let predicate: ChangePredicate
    private var seen: [ObjectRef: [JSONValue]] = [:]

    init(_ predicate: ChangePredicate) {
        self.predicate = predicate
    }

    /// Whether `change` should reach the queue.
    mutating func admits(_ change: ObjectChange) -> Bool {
        guard let ref = change.ref else { return false }
        guard case .applied(let object) = change else {
            seen[ref] = nil
            return true
        }
        guard let print = predicate.fingerprint(object) else { return true }
        if seen[ref] == print { return false }
        seen[ref] = print
        return true
    }
}
