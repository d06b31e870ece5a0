import KubeClient
import KubeObjects

/// Which changes of Helm release records (Secrets or ConfigMaps labelled `owner=helm`)
/// reconcile the HelmRelease that manages the release: a `helm upgrade`, `rollback` or
/// `uninstall` run behind the controller's back is then undone at once, not at the next
/// interval; and a Helm run the controller waits for is followed up as soon as it ends.
///
/// A record written by Rudder (it carries the `ReleaseWriter` annotation) changing is its
/// own doing and queues nothing, except when it says the release is being or was uninstalled
/// (`helm uninstall --keep-history` rewrites our records) or it is deleted.
enum HelmRecordTrigger {
    static func releases(for change: ObjectChange, in releases: ObjectCache) async -> [ObjectRef] {
        let record = change.object
        let labels = (record[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        guard labels["owner"] == "helm", let name = labels["name"], let namespace = record.metadataNamespace else { return [] }
        if case .applied = change, record[path: ["metadata", "annotations", ReleaseWriter.annotation]] != nil {
            let status = labels["status"] ?? ""
            guard status == Release.Status.uninstalling.rawValue || status == Release.Status.uninstalled.rawValue else { return [] }
        }
        return await releases.byIndex(ReleaseIndexes.records, ReleaseIndexes.recordKey(namespace, name)).sorted()
    }
}
