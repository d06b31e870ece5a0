import Foundation
import KubeClient
import KubeObjects

/// Release history in one namespace, in Helm's storage format (pkg/storage and its
/// `secrets`/`cfgmaps` drivers): one Secret or ConfigMap per revision, so Helm reads what
/// Rudder writes and Rudder continues what Helm wrote.
///
/// Creating a record is the release lock, as in Helm: two writers racing to record the
/// same revision get one success and one `alreadyExists`.
public actor ReleaseStore {
    public nonisolated let namespace: String
    public nonisolated let driver: ReleaseStorageKind
    private let objects: ResourceClient
    /// Unix seconds for the `createdAt`/`modifiedAt` labels.
    private let now: @Sendable () -> Int64
    /// What every record this store writes is annotated with (`ReleaseWriter`); nil
    /// writes none, as Helm.
    public nonisolated let writer: String?

    public init(
        client: APIClient, namespace: String, driver: ReleaseStorageKind = .secret, writer: String? = nil,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.namespace = namespace
        self.writer = writer
        self.driver = driver
        self.now = now
        let resource = switch driver {
        case .secret: Secret.groupVersionResource
        case .configMap: ConfigMap.groupVersionResource
        }
        objects = ResourceClient(client: client, resource: resource, namespace: namespace)
    }

    /// `sh.helm.release.v1.<name>.v<version>`: the storage object of one revision.
    public nonisolated static func objectName(release: String, version: Int) -> String {
        ReleaseStorageObject.name(release: release, version: version)
    }

    // MARK: Reads

    /// One revision; `notFound` when it is not stored.
    public func get(_ name: String, version: Int) async throws(ReleaseStoreError) -> Release {
        let key = Self.objectName(release: name, version: version)
        let object: JSONValue
        do {
            object = try await objects.get(key)
        } catch let error as KubeAPIError where error.isNotFound {
            throw .notFound(object: key)
        } catch {
            throw Self.failure("get", key, error)
        }
        return try decode(object, key: key)
    }

    /// Every stored revision of `name`, oldest first (Helm's `History`: the label query
    /// `name=<name>,owner=helm`). Empty when there is none.
    public func history(_ name: String) async throws(ReleaseStoreError) -> [Release] {
        try await query(name, extra: [:])
    }

    /// The newest revision, whatever its status (Helm's `Last`).
    public func latest(_ name: String) async throws(ReleaseStoreError) -> Release? {
        try await history(name).last
    }

    /// The newest revision with status `deployed` (Helm's `Deployed`: should several be,
    /// after concurrent writers, the newest wins).
    public func deployed(_ name: String) async throws(ReleaseStoreError) -> Release? {
        try await query(name, extra: ["status": Release.Status.deployed.rawValue]).last
    }

    // MARK: Writes

    /// Records a new revision. With `maxHistory` > 0 older revisions are pruned first to
    /// leave room for this one, as Helm's `Storage.Create` does; `stored`, the history the
    /// caller has just read, spares listing it again. Returns the versions pruned.
    /// `alreadyExists` when the revision is recorded already.
    @discardableResult
    public func create(_ release: Release, maxHistory: Int = 0, stored: [Release]? = nil) async throws(ReleaseStoreError) -> [Int] {
        try Self.checkName(release.name)
        var pruned: [Int] = []
        if maxHistory > 0 {
            pruned = try await prune(release.name, maxHistory: maxHistory - 1, stored: stored?.map { ($0.version, $0.info.status) })
        }
        let key = Self.objectName(release: release.name, version: release.version)
        let object = try make(release, key: key, timestamp: .created(now()))
        do {
            _ = try await objects.create(object)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            throw .alreadyExists(object: key)
        } catch {
            throw Self.failure("create", key, error)
        }
        return pruned
    }

    /// Rewrites a recorded revision (a status change: deployed → superseded, pending →
    /// failed). Replaces the object as Helm's `Update` does; `notFound` if it is gone.
    public func update(_ release: Release) async throws(ReleaseStoreError) {
        try Self.checkName(release.name)
        let key = Self.objectName(release: release.name, version: release.version)
        let object = try make(release, key: key, timestamp: .modified(now()))
        do {
            _ = try await objects.update(object)
        } catch let error as KubeAPIError where error.isNotFound {
            throw .notFound(object: key)
        } catch {
            throw Self.failure("update", key, error)
        }
    }

    /// Removes one revision's record; `notFound` if it is not there. The record is not
    /// decoded first, so a malformed one can be removed too.
    public func delete(_ name: String, version: Int) async throws(ReleaseStoreError) {
        let key = Self.objectName(release: name, version: version)
        do {
            try await objects.delete(key)
        } catch let error as KubeAPIError where error.isNotFound {
            throw .notFound(object: key)
        } catch {
            throw Self.failure("delete", key, error)
        }
    }

    /// Helm's `removeLeastRecent`: deletes the oldest revisions until at most `maxHistory`
    /// remain, never the newest deployed one. Returns the versions deleted, oldest first.
    /// `stored` (versions and statuses, oldest first) spares a list when the caller has one.
    @discardableResult
    public func prune(
        _ name: String, maxHistory: Int, stored: [(version: Int, status: Release.Status)]? = nil
    ) async throws(ReleaseStoreError) -> [Int] {
        guard maxHistory >= 0 else { return [] }
        let records = if let stored { stored } else { try await storedVersions(name) }
        guard records.count > maxHistory else { return [] }
        let versions = records.map(\.version)
        let lastDeployed = records.last { $0.status == .deployed }?.version
        var doomed: [Int] = []
        for version in versions {
            if versions.count - doomed.count == maxHistory { break }
            if version != lastDeployed { doomed.append(version) }
        }
        // As Helm: delete what can be deleted, report the first failure after trying all.
        var firstFailure: ReleaseStoreError?
        var deleted: [Int] = []
        for version in doomed {
            do throws(ReleaseStoreError) {
                try await delete(name, version: version)
                deleted.append(version)
            } catch .notFound {
                continue  // another writer pruned it first
            } catch {
                if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
        return deleted
    }

    // MARK: Internals

    private func query(_ name: String, extra: [String: String]) async throws(ReleaseStoreError) -> [Release] {
        let list = try await list(name, extra: extra)
        var releases: [Release] = []
        for object in list {
            let key = object.metadataName ?? "?"
            releases.append(try decode(object, key: key))
        }
        return releases.sorted { $0.version < $1.version }
    }

    /// Versions and statuses from the labels only (Helm writes both from the payload), so
    /// pruning works past a malformed record. Oldest first.
    private func storedVersions(_ name: String) async throws(ReleaseStoreError) -> [(version: Int, status: Release.Status)] {
        try await list(name, extra: [:]).compactMap { object -> (version: Int, status: Release.Status)? in
            guard let v = object[path: ["metadata", "labels", "version"]]?.stringValue.flatMap({ Int($0) }) else { return nil }
            return (v, Release.Status(rawValue: object[path: ["metadata", "labels", "status"]]?.stringValue ?? ""))
        }.sorted { $0.version < $1.version }
    }

    private func list(_ name: String, extra: [String: String]) async throws(ReleaseStoreError) -> [JSONValue] {
        try Self.checkName(name)
        var labels = extra
        labels["name"] = name
        labels["owner"] = "helm"
        let selector = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        do {
            return try await objects.listAll(ListParams(labelSelector: selector)).items
        } catch {
            throw Self.failure("list", "\(Self.objectName(release: name, version: 0).dropLast(3)).v*", error)
        }
    }

    private func decode(_ object: JSONValue, key: String) throws(ReleaseStoreError) -> Release {
        do {
            return try ReleaseStorageObject.decode(object, driver: driver)
        } catch {
            throw .malformedRecord(object: "\(namespace)/\(key)", reason: error)
        }
    }

    private func make(_ release: Release, key: String, timestamp: ReleaseStorageObject.Timestamp) throws(ReleaseStoreError) -> JSONValue {
        // Helm's list and history read every record's chart metadata unguarded (a record
        // without one panics helm-python-sdk's history), so none is written without.
        guard release.chart != nil else {
            throw .encoding(object: key, reason: "the release has no chart, which Helm's list and history require")
        }
        let payload: String
        do { payload = try ReleasePayload.encode(release) } catch { throw .encoding(object: key, reason: "\(error)") }
        return ReleaseStorageObject.make(release, payload: payload, driver: driver, namespace: namespace, timestamp: timestamp, writer: writer)
    }

    private static func failure(_ operation: String, _ key: String, _ error: any Error) -> ReleaseStoreError {
        if let api = error as? KubeAPIError { return .api(operation: operation, object: key, error: api) }
        return .transport(operation: operation, object: key, message: "\(error)")
    }

    /// Kubernetes' `IsValidLabelValue`, which Helm's `Query` applies to the name.
    static func checkName(_ name: String) throws(ReleaseStoreError) {
        let bytes = Array(name.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let valid =
            !bytes.isEmpty && bytes.count <= 63 && alnum(bytes.first!) && alnum(bytes.last!)
            && bytes.allSatisfy { alnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
        if !valid { throw .invalidName(name) }
    }
}
