import Foundation
import Metrics

/// Client-side throttling (client-go's `QPS`/`Burst`): a request takes a token first, so a
/// burst of reconciles cannot flood an API server that has no flow control of its own.
///
/// In `automatic` mode the limit holds only until an answer shows that the server runs API
/// Priority and Fairness (it carries `X-Kubernetes-PF-*` headers); from then on the server
/// queues and sheds load fairly itself, so the client stops limiting itself, as Flux does
/// and as SIG API Machinery recommends (controller-runtime dropped client-side limits by
/// default). An old server without APF keeps the client's limit.
public final class RequestThrottle: @unchecked Sendable {
    public enum Mode: Sendable, Equatable {
        /// `qps`/`burst` until the server shows APF, then no client-side limit.
        case automatic(qps: Double, burst: Int)
        /// Always `qps`/`burst`.
        case fixed(qps: Double, burst: Int)
        /// No client-side limit.
        case disabled
    }

    /// 1 while the client limits itself, 0 once it leaves that to the server (or never did).
    public static let gauge = "rudder_kubeclient_client_side_throttling"
    /// The headers kube-apiserver's APF filter sets on every answer it classified.
    static let flowSchemaHeader = "X-Kubernetes-PF-FlowSchema-UID"
    static let priorityLevelHeader = "X-Kubernetes-PF-PriorityLevel-UID"

    public let mode: Mode
    // Guards the fields below; held only to read or update them, never across a wait.
    private let lock = NSLock()
    private var bucket: TokenBucket?
    private var serverFlowControlled = false
    private var waitCount = 0

    public init(mode: Mode) {
        self.mode = mode
        switch mode {
        case .automatic(let qps, let burst), .fixed(let qps, let burst):
            bucket = TokenBucket(rate: max(qps, 0.001), burst: Double(max(burst, 1)))
        case .disabled:
            bucket = nil
        }
        Gauge(label: Self.gauge).record(bucket == nil ? 0 : 1)
    }

    /// Whether an answer has shown that the server does priority and fairness.
    public var isServerFlowControlled: Bool { lock.withLock { serverFlowControlled } }

    /// Whether requests still take a token (false: disabled, or automatic after APF was seen).
    public var isLimiting: Bool { lock.withLock { bucket != nil } }

    /// Requests that had to wait for a token (what tests count instead of timing).
    public var waits: Int { lock.withLock { waitCount } }

    /// Returns once the request may go; throws `CancellationError` if the task is cancelled
    /// while it waits.
    public func acquire() async throws {
        let delay: Duration = lock.withLock {
            guard let delay = bucket?.take() else { return .zero }
            if delay > .zero { waitCount += 1 }
            return delay
        }
        if delay > .zero { try await Task.sleep(for: delay) }
    }

    /// Looks at an answer's headers: the first with both APF headers marks the server as
    /// flow-controlled, and in automatic mode ends client-side limiting for good. Only the
    /// presence of the headers is used; their values (UIDs) are neither kept nor logged.
    public func observe(_ headers: TransportHeaders) {
        if isServerFlowControlled { return }
        guard headers[Self.flowSchemaHeader]?.isEmpty == false, headers[Self.priorityLevelHeader]?.isEmpty == false else {
            return
        }
        let stoppedLimiting: Bool = lock.withLock {
            guard !serverFlowControlled else { return false }
            serverFlowControlled = true
            guard case .automatic = mode else { return false }
            bucket = nil
            return true
        }
        if stoppedLimiting { Gauge(label: Self.gauge).record(0) }
    }
}
