import KubeObjects

/// What the workload simulator needs from a cluster, and nothing more: the seam between the
/// simulator's controller logic and whatever stores objects. Every write here must look to
/// other clients like a controller's write through the API server, so an implementation
/// stamps what the server stamps (uid, creationTimestamp, generation, resourceVersion) and
/// keeps status and spec writes apart, as the `status` subresource does.
///
/// Every `resource` is namespaced; keys name objects by namespace and name. All methods
/// may throw the `Status` error the API server would answer (a write that loses a race, a
/// create whose name is taken); the simulator retries the whole reconcile after an error.
public protocol SimulatorCluster: Sendable {
    /// The current object, or nil when there is none.
    func get(_ resource: SimulatedResource, _ key: ObjectKey) async throws(APIError) -> JSONValue?

    /// Every current object of a resource in one namespace, in any order.
    func list(_ resource: SimulatedResource, namespace: String) async throws(APIError) -> [JSONValue]

    /// Watches a resource in every namespace: `initial` holds each object that exists when
    /// the watch opens (as ADDED events), then `events` delivers every later change in
    /// order. The stream may end at any time (the server dropped the watch); the caller
    /// opens a new one, whose `initial` resynchronises it. Cancelling the iterating task
    /// closes the watch.
    func watch(_ resource: SimulatedResource) async throws(APIError) -> WatchSubscription

    /// Creates an object, which must carry `metadata.name` and `metadata.namespace`.
    /// The stored object gets a fresh `uid`, `creationTimestamp`, `generation` 1 and a
    /// resourceVersion; any `status` in `object` is dropped, as the server drops it for
    /// kinds with a status subresource. Throws 409 AlreadyExists when the name is taken.
    /// Returns the stored object.
    @discardableResult
    func create(_ resource: SimulatedResource, _ object: JSONValue) async throws(APIError) -> JSONValue

    /// Changes the metadata and spec of the object `key` if it still has `uid` (a
    /// controller never writes to a successor of the object it read). `change` sees the
    /// current object; whatever it does to `status` is discarded. `generation` goes up by
    /// one when `spec` changed. Returns the stored object, or nil when the object is gone
    /// or is another one now (nothing is written then).
    @discardableResult
    func update(
        _ resource: SimulatedResource, _ key: ObjectKey, uid: String,
        _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws(APIError) -> JSONValue?

    /// Replaces the `status` of the object `key` if it still has `uid`, leaving everything
    /// else (generation included) as it is: a write to the `status` subresource. Writing an
    /// equal status changes nothing and notifies no watcher. Returns the stored object, or
    /// nil when the object is gone or is another one now.
    @discardableResult
    func updateStatus(_ resource: SimulatedResource, _ key: ObjectKey, uid: String, status: JSONValue)
        async throws(APIError) -> JSONValue?

    /// Deletes the object `key` if it still has `uid` (scaling a ReplicaSet down deletes
    /// its pods). Deleting what is already gone is no error.
    func delete(_ resource: SimulatedResource, _ key: ObjectKey, uid: String) async throws(APIError)
}
