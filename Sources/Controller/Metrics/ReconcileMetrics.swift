import KubeClient
import Metrics

/// The controller's own metrics, through swift-metrics (the process bootstraps the
/// backend: Prometheus in `rudder controller`, none in tests that do not look). Names follow
/// controller-runtime's `controller_runtime_reconcile_*`, prefixed `rudder_`.
public enum ReconcileMetrics {
    /// Counter, label `result`: `success` (converged or waiting for the next interval),
    /// `requeue` (asked to be looked at again at once: work remains), `error` (threw; retried
    /// with backoff).
    public static let reconcileTotal = "rudder_reconcile_total"
    /// Histogram (a swift-metrics Timer) of whole reconciles, failed ones included.
    public static let reconcileDuration = "rudder_reconcile_duration_seconds"
    /// Gauge, label `status`: HelmReleases by the Helm status of their latest revision
    /// (`deployed`, `failed`, `pending-install`, `pending-upgrade`, `pending-rollback`,
    /// `superseded`, `uninstalling`, ...; `none` before a first revision).
    public static let releases = "rudder_releases"
    /// Gauge: keys waiting in the work queue (not counting those being reconciled).
    public static let workqueueDepth = "rudder_workqueue_depth"

    public enum Result: String, Sendable {
        case success, requeue, error
    }

    static func record(_ result: Result, duration: Duration) {
        Counter(label: reconcileTotal, dimensions: [("result", result.rawValue)]).increment()
        Metrics.Timer(label: reconcileDuration, preferredDisplayUnit: .seconds).recordNanoseconds(nanoseconds(duration))
    }

    static func recordQueueDepth(_ depth: Int) {
        Gauge(label: workqueueDepth).record(depth)
    }

    static func result(of action: ReconcileAction) -> Result {
        // `.requeue(after: interval)` is the periodic drift check of a converged release;
        // only an immediate requeue means the reconcile left work for the next one.
        action == .requeue(after: .zero) ? .requeue : .success
    }

    private static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }
}
