import KubeObjects

/// The Secret or ConfigMap that holds one release revision, as Helm's `newSecretsObject`
/// / `newConfigMapsObject` build it: name `sh.helm.release.v1.<name>.v<version>`, the
/// user's labels then the system labels `name`, `owner=helm`, `status`, `version` and a
/// Unix timestamp (`createdAt` when created, `modifiedAt` when rewritten, which is why a
/// superseded record carries only `modifiedAt`), payload under `release`, and for a
/// Secret the type `helm.sh/release.v1`.
enum ReleaseStorageObject {
    static let secretType = "helm.sh/release.v1"
    static let payloadKey = "release"
    /// Labels Helm owns on the storage object (its `systemLabels`); the rest are the user's.
    static let systemLabels: Set<String> = ["name", "owner", "status", "version", "createdAt", "modifiedAt", "key", "type"]

    /// Helm's `makeKey`.
    static func name(release: String, version: Int) -> String { "sh.helm.release.v1.\(release).v\(version)" }

    enum Timestamp {
        case created(Int64)
        case modified(Int64)
    }

    /// `writer` goes into the `ReleaseWriter` annotation (none when nil).
    static func make(
        _ release: Release, payload: String, driver: ReleaseStorageKind, namespace: String, timestamp: Timestamp, writer: String? = nil
    ) -> JSONValue {
        var labels = release.labels.filter { !systemLabels.contains($0.key) }
        switch timestamp {
        case .created(let t): labels["createdAt"] = String(t)
        case .modified(let t): labels["modifiedAt"] = String(t)
        }
        labels["name"] = release.name
        labels["owner"] = "helm"
        labels["status"] = release.info.status.rawValue
        labels["version"] = String(release.version)
        var metadata: [String: JSONValue] = [
            "name": .string(name(release: release.name, version: release.version)), "namespace": .string(namespace),
            "labels": .object(labels.mapValues { .string($0) }),
        ]
        if let writer { metadata["annotations"] = [ReleaseWriter.annotation: .string(writer)] }
        let metadataObject = JSONValue.object(metadata)
        switch driver {
        case .secret:
            return .object([
                "apiVersion": "v1", "kind": "Secret", "metadata": metadataObject, "type": .string(secretType),
                // Secret data is []byte, base64 on the wire: the payload text's bytes, encoded again.
                "data": .object([payloadKey: .string(Base64.encode(Array(payload.utf8)))]),
            ])
        case .configMap:
            return .object(["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadataObject, "data": .object([payloadKey: .string(payload)])])
        }
    }

    /// The release an object holds, its labels applied (user labels only, as Helm's
    /// `filterSystemLabels` leaves them).
    static func decode(_ object: JSONValue, driver: ReleaseStorageKind) throws(ReleaseDecodingError) -> Release {
        guard let stored = object[path: ["data", payloadKey]]?.stringValue else { throw .missingPayload }
        let text: String
        switch driver {
        case .secret:
            guard case .success(let bytes) = Base64.decode(stored), let t = String(validating: bytes, as: UTF8.self) else {
                throw .base64(field: "data.release")
            }
            text = t
        case .configMap:
            text = stored
        }
        var labels: [String: String] = [:]
        for (k, v) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] where !systemLabels.contains(k) {
            if let s = v.stringValue { labels[k] = s }
        }
        var release = try ReleasePayload.decode(text, labels: labels)
        release.writer = object[path: ["metadata", "annotations", ReleaseWriter.annotation]]?.stringValue
        return release
    }
}
