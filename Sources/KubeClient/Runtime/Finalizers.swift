import KubeObjects

/// What a finalizer-guarded reconcile is asked to do (kube-rs's `finalizer::Event`).
public enum FinalizerEvent: Sendable, Equatable {
    /// The object lives, and our finalizer is on it: make the world match it.
    case apply(JSONValue)
    /// The object is being deleted and waits for our finalizer: undo what `apply` did.
    case cleanup(JSONValue)
}

/// Finalizers a controller keeps on its objects so their deletion waits for its cleanup
/// (kube-rs's `finalizer` module). Writes are JSON patches that first `test` the
/// object's `resourceVersion`: a patch computed from a stale copy (a cache lagging behind
/// another writer) fails with 422 Invalid instead of dropping someone else's finalizer or
/// edit, and the caller retries from a fresher copy (a controller does, with backoff).
public enum Finalizers {
    public static func contains(_ name: String, in object: JSONValue) -> Bool {
        names(object).contains(name)
    }

    /// Adds `name` to `object` unless it is there; the object as stored afterwards.
    @discardableResult
    public static func ensure(_ name: String, on object: JSONValue, via client: ResourceClient) async throws -> JSONValue {
        let current = names(object)
        if current.contains(name) { return object }
        // With no list yet, the list is added whole; otherwise appended to, so the
        // finalizers already there stay exactly as they were.
        let add: JSONValue =
            current.isEmpty && object[path: ["metadata", "finalizers"]]?.arrayValue == nil
            ? ["op": "add", "path": "/metadata/finalizers", "value": [.string(name)]]
            : ["op": "add", "path": "/metadata/finalizers/-", "value": .string(name)]
        return try await patch(object, precondition(object) + [add], via: client)
    }

    /// Removes `name` from `object` if it is there; the object as stored afterwards (for
    /// a terminating object whose last finalizer this was, its final state: it is gone).
    @discardableResult
    public static func remove(_ name: String, from object: JSONValue, via client: ResourceClient) async throws -> JSONValue {
        guard let index = object[path: ["metadata", "finalizers"]]?.arrayValue?.firstIndex(of: .string(name)) else { return object }
        let path = JSONValue.string("/metadata/finalizers/\(index)")
        let operations: [JSONValue] = precondition(object) + [
            ["op": "test", "path": path, "value": .string(name)],
            ["op": "remove", "path": path],
        ]
        return try await patch(object, operations, via: client)
    }

    /// kube-rs's `finalizer()`: decides between apply and cleanup for `object` and keeps
    /// `name` on it accordingly. A live object without the finalizer gets it first (so a
    /// deletion from then on waits for cleanup), then `.apply`; a deleting object that
    /// still has it gets `.cleanup`, and once that returns `.done` the finalizer is
    /// removed and the deletion proceeds. A cleanup that answers `.requeue(after:)` is not
    /// finished: the finalizer stays and the action is passed on. A deleting object
    /// without our finalizer needs nothing from us.
    public static func reconcile(
        _ object: JSONValue, finalizer name: String, via client: ResourceClient,
        _ handle: @Sendable (FinalizerEvent) async throws -> ReconcileAction
    ) async throws -> ReconcileAction {
        let present = contains(name, in: object)
        switch (object.hasDeletionTimestamp, present) {
        case (false, true):
            return try await handle(.apply(object))
        case (false, false):
            let guarded = try await ensure(name, on: object, via: client)
            return try await handle(.apply(guarded))
        case (true, true):
            let action = try await handle(.cleanup(object))
            if action == .done { try await remove(name, from: object, via: client) }
            return action
        case (true, false):
            return .done
        }
    }

    private static func names(_ object: JSONValue) -> [String] {
        (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The optimistic lock: the patch applies only to the version it was computed from.
    private static func precondition(_ object: JSONValue) -> [JSONValue] {
        guard let rv = object.metadataResourceVersion, !rv.isEmpty else { return [] }
        return [["op": "test", "path": "/metadata/resourceVersion", "value": .string(rv)]]
    }

    private static func patch(_ object: JSONValue, _ operations: [JSONValue], via client: ResourceClient) async throws -> JSONValue {
        let name = try ResourceClient.name(of: object)
        return try await client.inNamespace(object.metadataNamespace ?? client.namespace).patch(name, .json(operations))
    }
}
