import Controller
import Metrics
import Prometheus

/// The process's Prometheus registry, bootstrapped as the swift-metrics backend on first
/// use. swift-metrics takes one bootstrap per process, so this is the only place that does
/// it (the controller command and the tests share it).
enum PrometheusExport {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // A reconcile that waits for readiness runs for minutes, not milliseconds: the default
        // buckets (5 ms to 10 s) would put every install in +Inf.
        factory.durationHistogramBuckets[ReconcileMetrics.reconcileDuration] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
