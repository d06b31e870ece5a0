import EmbeddedAPIServer
import Prometheus

/// `--metrics-addr`: `/metrics` in Prometheus's text format, everything the process records
/// through swift-metrics (the controller's `rudder_reconcile_*`, `rudder_releases`, the
/// client's `rudder_kubeclient_*`).
struct MetricsHandler: HTTPRequestHandler {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let registry: PrometheusCollectorRegistry

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.path == "/metrics" else { return .text(404, "not found", head: request.method == "HEAD") }
        guard request.method == "GET" || request.method == "HEAD" else {
            return .text(405, "method not allowed", head: false, extraHeaders: [("Allow", "GET, HEAD")])
        }
        let body = request.method == "HEAD" ? [] : registry.emitToBuffer()
        return HTTPResponse(status: 200, headers: [("Content-Type", Self.contentType)], body: .bytes(body))
    }
}
