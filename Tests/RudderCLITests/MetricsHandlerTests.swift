import EmbeddedAPIServer
import Prometheus
import XCTest

@testable import rudder

/// `/metrics` over a registry of its own (the process-wide one is bootstrapped once, by
/// the binary).
final class MetricsHandlerTests: XCTestCase {
    func testMetricsAreServedInPrometheusTextFormat() async {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "rudder_reconcile_total", labels: [("result", "success")]).increment(by: Int64(3))

        let response = await MetricsHandler(registry: registry).handle(HTTPRequest(method: "GET", target: "/metrics", headers: [], body: []))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers.first { $0.name == "Content-Type" }?.value, "text/plain; version=0.0.4; charset=utf-8")
        guard case .bytes(let body) = response.body else { return XCTFail("streamed") }
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("rudder_reconcile_total{result=\"success\"} 3"), String(decoding: body, as: UTF8.self))
    }

    func testOtherPathsAreNotFound() async {
        let response = await MetricsHandler(registry: PrometheusCollectorRegistry()).handle(HTTPRequest(method: "GET", target: "/", headers: [], body: []))

        XCTAssertEqual(response.status, 404)
    }
}
