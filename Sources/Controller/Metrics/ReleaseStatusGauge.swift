import KubeClient
import KubeObjects
import Metrics

/// `rudder_releases{status}`: each HelmRelease counted once, under the Helm status of its
/// latest revision as its own `status.history` last said; a HelmRelease that is gone is no
/// longer counted. Statuses whose count drops to zero stay exported at 0, so a dashboard
/// sees `failed` go back to 0 rather than vanish.
actor ReleaseStatusGauge {
    static let noRevision = "none"

    private var statuses: [ObjectRef: String] = [:]
    private var counts: [String: Int] = [:]

    /// Counts `ref` under the status `object` shows, or drops it when `object` is nil.
    func update(_ ref: ObjectRef, from object: JSONValue?) {
        set(ref, object.map(Self.status(of:)))
    }

    func set(_ ref: ObjectRef, _ status: String?) {
        let old = statuses[ref]
        guard old != status else { return }
        statuses[ref] = status
        if let old { adjust(old, by: -1) }
        if let status { adjust(status, by: 1) }
    }

    func count(_ status: String) -> Int { counts[status] ?? 0 }

    private func adjust(_ status: String, by delta: Int) {
        let count = max(0, (counts[status] ?? 0) + delta)
        counts[status] = count
        Gauge(label: ReconcileMetrics.releases, dimensions: [("status", status)]).record(count)
    }

    /// `status.history` is newest first; its head is the latest revision.
    static func status(of release: JSONValue) -> String {
        release[path: ["status", "history"]]?.arrayValue?.first?["status"]?.stringValue ?? noRevision
    }
}
