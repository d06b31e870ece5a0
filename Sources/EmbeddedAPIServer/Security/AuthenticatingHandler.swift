import KubeObjects

/// Puts an `Authenticator` in front of the API layer: a request it refuses gets kube-apiserver's
/// 401 Status and never reaches `wrapped`; one it accepts reaches it with `caller` set (flow
/// control classifies by user, as kube-apiserver's filter after authentication does).
public struct AuthenticatingHandler: HTTPRequestHandler {
    public var authenticator: Authenticator
    public var wrapped: any HTTPRequestHandler

    public init(_ wrapped: any HTTPRequestHandler, authenticator: Authenticator) {
        self.wrapped = wrapped
        self.authenticator = authenticator
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var request = request
        do {
            let caller = try authenticator.authenticate(request)
            request.caller = caller
            request.user = RequestUser(caller)
        } catch {
            return HTTPResponse(
                status: error.code,
                headers: [("Content-Type", "application/json"), ("Cache-Control", "no-cache, private")],
                body: .bytes(error.status.serializedBytes()))
        }
        return await wrapped.handle(request)
    }
}
