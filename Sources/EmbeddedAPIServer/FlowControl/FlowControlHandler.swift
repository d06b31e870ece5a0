/// API Priority and Fairness in front of the API (after authentication, as in
/// kube-apiserver): every request is classified, every answer carries the UIDs of its flow
/// schema and priority level (`X-Kubernetes-PF-FlowSchema-UID`,
/// `X-Kubernetes-PF-PriorityLevel-UID`; clients such as Flux detect APF from them), and a
/// request that gets no seat is answered 429 exactly as kube-apiserver answers it.
public struct FlowControlHandler: HTTPRequestHandler {
    public static let flowSchemaHeader = "X-Kubernetes-PF-FlowSchema-UID"
    public static let priorityLevelHeader = "X-Kubernetes-PF-PriorityLevel-UID"
    /// kube-apiserver's rejection text (`http.Error`, so plain text with a newline, not a Status).
    public static let rejectionMessage = "Too many requests, please try again later."

    public let controller: FlowController
    public let wrapped: any HTTPRequestHandler

    public init(_ wrapped: any HTTPRequestHandler, controller: FlowController) {
        self.wrapped = wrapped
        self.controller = controller
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let classification = controller.classify(RequestDigest(request))
        let headers = [
            (Self.priorityLevelHeader, classification.levelUID), (Self.flowSchemaHeader, classification.schemaUID),
        ]
        guard let seat = await controller.admit(classification) else {
            return HTTPResponse(
                status: 429,
                headers: headers + [
                    ("Retry-After", String(controller.configuration.retryAfterSeconds)),
                    ("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff"),
                ],
                body: .bytes(Array((Self.rejectionMessage + "\n").utf8)))
        }
        // A watch's answer is its stream, returned once the watch is set up: the seat is
        // freed then, not when the stream ends, as kube-apiserver frees it after the watch
        // initialization.
        var response = await wrapped.handle(request)
        await seat.release()
        response.headers = headers + response.headers
        return response
    }
}
