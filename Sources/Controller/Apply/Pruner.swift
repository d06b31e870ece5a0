import KubeClient
import KubeObjects

/// Deletes what a release no longer renders: objects of the previous revision's manifest
/// that the new one lacks (matched as Helm matches them: group, kind, namespace, name), in
/// reverse install order so dependents go before what they depend on. Objects annotated
/// `helm.sh/resource-policy: keep` in the manifest stay, as with Helm. An object already
/// gone (or whose kind is no longer served) counts as deleted. A failed deletion does not
/// stop the others; the failures are reported together afterwards.
public struct Pruner: Sendable {
    public let client: APIClient
    public let mapper: RESTMapper
    public let propagation: DeleteParams.Propagation

    public init(client: APIClient, mapper: RESTMapper, propagation: DeleteParams.Propagation = .background) {
        self.client = client
        self.mapper = mapper
        self.propagation = propagation
    }

    /// Deletes the objects of `previous` missing from `current`.
    public func prune(previous: [ReleaseObject], current: [ReleaseObject]) async throws -> PruneResult {
        let wanted = Set(current.map(\.identity))
        return try await delete(previous.filter { !wanted.contains($0.identity) })
    }

    /// Uninstall: deletes every object of the release but those marked keep, which are
    /// returned as kept.
    public func uninstall(_ objects: [ReleaseObject]) async throws -> PruneResult {
        try await delete(objects)
    }

    private func delete(_ objects: [ReleaseObject]) async throws -> PruneResult {
        var result = PruneResult()
        var failures: [PruneError.Failure] = []
        var seen: Set<ObjectIdentity> = []
        for object in InstallOrder.uninstallSorted(objects) where seen.insert(object.identity).inserted {
            if object.isKept {
                result.kept.append(object.identity)
                continue
            }
            do {
                try await delete(object)
                result.deleted.append(object.identity)
            } catch let error as KubeAPIError {
                failures.append(PruneError.Failure(object: object.identity, source: object.source, message: error.message))
            }
        }
        if !failures.isEmpty { throw PruneError(failures: failures, result: result) }
        return result
    }

    private func delete(_ object: ReleaseObject) async throws {
        let resource: ResourceClient
        do {
            resource = try await mapper.resourceClient(for: object.kind, namespace: object.namespace, client: client)
        } catch is UnknownResourceError {
            return  // The kind is not served any more: nothing of it is left to delete.
        }
        do {
            try await resource.delete(object.name, DeleteParams(propagationPolicy: propagation))
        } catch let error as KubeAPIError where error.isNotFound {
            return
        }
    }
}

/// What a prune or uninstall did, in the order it did it.
public struct PruneResult: Sendable, Equatable {
    public var deleted: [ObjectIdentity] = []
    /// Left in place by `helm.sh/resource-policy: keep`.
    public var kept: [ObjectIdentity] = []

    public init(deleted: [ObjectIdentity] = [], kept: [ObjectIdentity] = []) {
        self.deleted = deleted
        self.kept = kept
    }
}

/// Some deletions failed; the others were done (`result`).
public struct PruneError: Error, CustomStringConvertible, Sendable {
    public struct Failure: Sendable, Equatable {
        public var object: ObjectIdentity
        public var source: String
        public var message: String
    }

    public var failures: [Failure]
    public var result: PruneResult

    public var description: String {
        "deleting \(failures.count) object(s) failed: "
            + failures.map { "\($0.object) (\($0.source)): \($0.message)" }.joined(separator: "; ")
    }
}
