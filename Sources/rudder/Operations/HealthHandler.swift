import Controller
import EmbeddedAPIServer

/// `--health-addr`: `/healthz` answers 200 while the process serves at all (the kubelet's
/// liveness probe), `/readyz` 200 once the controller may reconcile (its HelmRelease cache
/// has synced, or it stands by for the leader Lease) and 503 before and while stopping.
struct HealthHandler: HTTPRequestHandler {
    let readiness: ControllerReadiness

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .text(405, "method not allowed", head: false, extraHeaders: [("Allow", "GET, HEAD")])
        }
        let head = request.method == "HEAD"
        switch request.path {
        case "/healthz", "/livez":
            return .text(200, "ok", head: head)
        case "/readyz":
            let phase = await readiness.phase
            return await readiness.isReady ? .text(200, "ok", head: head) : .text(503, "not ready: \(phase.rawValue)", head: head)
        default:
            return .text(404, "not found", head: head)
        }
    }
}

extension HTTPResponse {
    /// A plain-text answer; a HEAD request gets the status without the body.
    static func text(_ status: Int, _ body: String, head: Bool, extraHeaders: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + extraHeaders,
            body: .bytes(head ? [] : Array((body + "\n").utf8)))
    }
}
