import KubeObjects

/// `SimulatorCluster` straight over an `ObjectStore`, for running the simulator without
/// the request layer. It stamps what the API server would (uid, creationTimestamp,
/// generation, namespace) and applies the status-subresource rules itself; it records no
/// managedFields and runs no garbage collection.
public struct ObjectStoreSimulatorCluster: SimulatorCluster {
    public let store: ObjectStore
    /// Wall-clock time for `creationTimestamp` (injectable so tests can pin it).
    public let now: @Sendable () -> KubeTime

    public init(store: ObjectStore, now: @escaping @Sendable () -> KubeTime = WallClock.now) {
        self.store = store
        self.now = now
    }

    public func get(_ resource: SimulatedResource, _ key: ObjectKey) async throws(APIError) -> JSONValue? {
        await store.get(resource.groupResource, key)
    }

    public func list(_ resource: SimulatedResource, namespace: String) async throws(APIError) -> [JSONValue] {
        await store.list(resource.groupResource, namespace: namespace).items.map(\.1)
    }

    public func watch(_ resource: SimulatedResource) async throws(APIError) -> WatchSubscription {
        do {
            return try await store.watch(resource.groupResource, namespace: nil, from: nil)
        } catch {
            // Unreachable without a starting resourceVersion, but a store error must not crash.
            throw APIError(code: 500, reason: "InternalError", message: "watch \(resource): \(error)")
        }
    }

    @discardableResult
    public func create(_ resource: SimulatedResource, _ object: JSONValue) async throws(APIError) -> JSONValue {
        guard let name = object.metadataName, !name.isEmpty, let namespace = object.metadataNamespace,
            !namespace.isEmpty
        else {
            throw APIError.invalid(
                kind: resource.kind, group: resource.groupVersionResource.group, name: object.metadataName ?? "",
                causes: [("metadata.name", "FieldValueRequired", "Required value: name and namespace are required")])
        }
        var stamped = object
        stamped["status"] = nil
        stamped[path: ["metadata", "uid"]] = .string(Self.randomUID())
        stamped[path: ["metadata", "creationTimestamp"]] = .string(now().rfc3339)
        stamped[path: ["metadata", "generation"]] = 1
        let new = stamped
        let gvr = resource.groupVersionResource
        let result = try await store.mutate(resource.groupResource, ObjectKey(namespace: namespace, name: name)) {
            current throws(APIError) in
            if current != nil { throw APIError.alreadyExists(gvr, name: name) }
            return new
        }
        return result.object ?? new
    }

    @discardableResult
    public func update(
        _ resource: SimulatedResource, _ key: ObjectKey, uid: String,
        _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws(APIError) -> JSONValue? {
        let result = try await store.mutate(resource.groupResource, key) { current in
            guard var next = current, current?[path: ["metadata", "uid"]]?.stringValue == uid else { return current }
            change(&next)
            next["status"] = current?["status"]
            next[path: ["metadata", "generation"]] = current?[path: ["metadata", "generation"]]
            if next["spec"] != current?["spec"] {
                let generation = current?[path: ["metadata", "generation"]]?.intValue ?? 0
                next[path: ["metadata", "generation"]] = .int(generation + 1)
            }
            return next
        }
        return Self.sameObject(result.object, uid: uid)
    }

    @discardableResult
    public func updateStatus(_ resource: SimulatedResource, _ key: ObjectKey, uid: String, status: JSONValue)
        async throws(APIError) -> JSONValue?
    {
        let result = try await store.mutate(resource.groupResource, key) { current in
            guard var next = current, current?[path: ["metadata", "uid"]]?.stringValue == uid else { return current }
            next["status"] = status
            return next
        }
        return Self.sameObject(result.object, uid: uid)
    }

    public func delete(_ resource: SimulatedResource, _ key: ObjectKey, uid: String) async throws(APIError) {
        try await store.mutate(resource.groupResource, key) { current in
            current?[path: ["metadata", "uid"]]?.stringValue == uid ? nil : current
        }
    }

    private static func sameObject(_ object: JSONValue?, uid: String) -> JSONValue? {
        object?[path: ["metadata", "uid"]]?.stringValue == uid ? object : nil
    }

    /// A random (version 4) UUID in its canonical text form, as the API server assigns.
    static func randomUID() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b in String(b >> 4, radix: 16) + String(b & 0x0F, radix: 16) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }
}
