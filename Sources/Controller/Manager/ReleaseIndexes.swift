import KubeClient
import KubeObjects

/// The HelmRelease cache's secondary indexes, so that a changed ConfigMap, Secret or Helm
/// release record finds the HelmReleases it concerns without a scan of all of them (a
/// thousand releases installing at once change thousands of such objects).
enum ReleaseIndexes {
    /// `Kind/name` of every ConfigMap and Secret a HelmRelease reads.
    static let references = "references"
    /// `storageNamespace/releaseName` where a HelmRelease's records live: where its status
    /// says they are and where its spec puts them (they differ while a rename is pending).
    static let records = "records"

    /// `namespace/name` of every HelmRelease a HelmRelease depends on.
    static let dependencies = "dependencies"

    static var all: [String: ObjectCache.IndexFunction] {
        [references: referencedObjects, records: recordLocations, dependencies: dependedOn]
    }

    static func dependedOn(_ release: JSONValue) -> [String] {
        let namespace = release.metadataNamespace ?? ""
        return (release[path: ["spec", "dependsOn"]]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue else { return nil }
            return "\(entry["namespace"]?.stringValue ?? namespace)/\(name)"
        }
    }

    static func referencedObjects(_ release: JSONValue) -> [String] {
        guard let spec = release["spec"] else { return [] }
        var keys: [String] = []
        for entry in spec["valuesFrom"]?.arrayValue ?? [] {
            if let kind = entry["kind"]?.stringValue, let name = entry["name"]?.stringValue { keys.append(key(kind, name)) }
        }
        let chart = spec["chart"]
        if let packaged = chart?["packagedRef"], let name = packaged["name"]?.stringValue {
            keys.append(key(packaged["kind"]?.stringValue ?? ReferencedKind.configMap.rawValue, name))
        }
        if let name = chart?[path: ["secretRef", "name"]]?.stringValue { keys.append(key(ReferencedKind.secret.rawValue, name)) }
        return keys
    }

    static func key(_ kind: String, _ name: String) -> String { "\(kind)/\(name)" }

    static func recordLocations(_ object: JSONValue) -> [String] {
        guard let release = try? object.decode(HelmRelease.self) else { return [] }
        let wanted = ReleaseNames(release)
        let current = ReleaseNames.current(release)
        return Array(Set([recordKey(wanted.storageNamespace, wanted.release), recordKey(current.storageNamespace, current.release)]))
    }

    static func recordKey(_ namespace: String, _ release: String) -> String { "\(namespace)/\(release)" }
}
